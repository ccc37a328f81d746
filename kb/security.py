"""Abuse protection around Django's and Wagtail's own views: the Content-Security-Policy
split between the public site and the Wagtail admin, the client address that login
throttling counts by, and throttling of Wagtail's page/document password forms.

Admin logins are throttled by django-axes itself (AxesStandaloneBackend + AxesMiddleware,
settings AXES_* in kb/settings/base.py); password-restricted pages and documents do not
go through ``authenticate()``, so ``throttle_password_form`` records their failures with
axes' own handler under a pseudo user name (``page-password:<restriction id>``). Both
therefore share one store (the database, so every gunicorn worker sees the same counts),
one limit, one cool-off and one lock-out page (templates/lockout.html, HTTP 429).
"""

from functools import wraps

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.middleware import csp
from django.urls import reverse


class ContentSecurityPolicyMiddleware(csp.ContentSecurityPolicyMiddleware):
    """Django's CSP middleware, with KB_ADMIN_CSP instead of SECURE_CSP under the Wagtail admin.

    The public templates have no inline script or style, so their policy has no
    'unsafe-inline'; the Wagtail admin (and its previews, which live under /admin/)
    needs inline script and style, so it gets its own, looser, policy.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            # A view's own @csp_override wins, as in Django's middleware.
            if settings.SECURE_CSP and not hasattr(response, "_csp_config"):
                response._csp_config = settings.KB_ADMIN_CSP
            if settings.SECURE_CSP_REPORT_ONLY and not hasattr(response, "_csp_ro_config"):
                response._csp_ro_config = settings.KB_ADMIN_CSP
        return super().process_response(request, response)


def client_ip_address(request):
    """The address login attempts are counted by (AXES_CLIENT_IP_CALLABLE).

    Behind KB_TRUSTED_PROXY_COUNT reverse proxies the client is the address the outermost
    trusted proxy appended to X-Forwarded-For; anything further left was sent by the
    client and could be forged, so it is never used. Without proxies: REMOTE_ADDR.
    """
    count = settings.KB_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def throttle_password_form(view, kind, id_kwarg):
    """Wrap a Wagtail password-restriction view so wrong passwords count like failed logins.

    ``kind`` names the restriction type in axes' records (``page-password``,
    ``document-password``); the lock-out is per restriction and client address. A right
    password clears that restriction's count for the address (as AXES_RESET_ON_SUCCESS
    does for logins).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        credentials = {"username": f"{kind}:{kwargs[id_kwarg]}"}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return get_lockout_response(request, None, credentials)
        response = view(request, *args, **kwargs)
        if response.status_code in (301, 302):  # Wagtail redirects only once the password matched
            AxesProxyHandler.reset_attempts(ip_address=request.axes_ip_address, username=credentials["username"])
        elif response.status_code == 200:  # the form again: a wrong password
            AxesProxyHandler.user_login_failed(sender=wrapper, credentials=credentials, request=request)
            if request.axes_locked_out:
                return get_lockout_response(request, None, credentials)
        return response

    return wrapper
