"""The public views behind ComplaintPage's routes: the form, its POST (send/), the page
that shows the tracking code (submitted/) and the status lookup.

Nothing here is cached (a shown code must not come back from a cache, the form has a CSRF
token), the status code travels by POST only (never in a URL, so never in a server log),
and each refusal is a Thai message that names what to fix. A filed complaint answers with
a redirect (POST/redirect/GET), so reloading the page never files it twice; the code waits
in the session, encrypted, for that one GET, which takes it out."""

import logging
import time

from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from . import crypto, throttle, uploads
from .forms import ComplaintForm, StatusForm
from .models import Complaint
from .services import file_complaint

SUBMIT_SCOPE = "submit"
STATUS_SCOPE = "status"
UNKEPT = {"evidence", "website", "pdpa_acknowledged"}
# Session key: [{"complaint": pk, "code": Fernet token, "at": epoch seconds}], the codes of
# the complaints just filed from this browser (two tabs: both), until the code page shows
# them or SHOWN_ONCE_SECONDS pass.
SHOWN_ONCE = "complaints_just_filed"
SHOWN_ONCE_SECONDS = 600
logger = logging.getLogger(__name__)


def _private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True)
    return response


def _render(request, page, template, context, status=200):
    context = {"page": page, "self": page, **context}
    return _private(TemplateResponse(request, template, context, status=status))


def complaint_form(request, page):
    """The empty form. It is sent to send/, never back here."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _render(request, page, "complaints/complaint_page.html", {"form": ComplaintForm()})


def complaint_send(request, page):
    request.sensitive_post_parameters = "__ALL__"  # never in error reports (DEBUG pages, ADMINS mail)
    if request.method != "POST":
        return _private(HttpResponseRedirect(page.url))
    if throttle.exceeded(request, SUBMIT_SCOPE, settings.COMPLAINTS_SUBMISSIONS_PER_HOUR):
        # The form again with what was typed (not the files), so nothing written is lost.
        kept = {name: request.POST.get(name, "") for name in ComplaintForm.base_fields if name not in UNKEPT}
        context = {"form": ComplaintForm(initial=kept), "limited": True}
        return _render(request, page, "complaints/complaint_page.html", context, status=429)
    data, files = request.POST, request.FILES  # parsed now at the latest: the refusals come with it
    form = ComplaintForm(data, files, upload_refusals=getattr(request, uploads.REFUSALS, []))
    if form.honeypot_filled():
        # A bot: nothing stored, nothing said about why (counted like a submission).
        throttle.hit(request, SUBMIT_SCOPE)
        return _render(request, page, "complaints/complaint_page.html", {"form": ComplaintForm(), "refused": True})
    if form.is_valid():
        complaint, code = file_complaint(form.cleaned_data)
        throttle.hit(request, SUBMIT_SCOPE)
        pending = _pending(request.session.get(SHOWN_ONCE))
        # A new session key before the code goes in: a key planted on this browser by
        # someone else (session fixation) cannot be used to read it.
        request.session.cycle_key()
        entry = {"complaint": complaint.pk, "code": crypto.encrypt_text(code), "at": int(time.time())}
        request.session[SHOWN_ONCE] = [*pending, entry]
        # 303: the browser GETs the code page; a reload reloads that page, not this POST.
        return _private(HttpResponseRedirect(page.url + page.reverse_subpage("submitted"), status=303))
    return _render(request, page, "complaints/complaint_page.html", {"form": form})


def _pending(entries):
    """The session's codes still to show, those older than SHOWN_ONCE_SECONDS dropped."""
    now = time.time()
    return [e for e in entries or () if isinstance(e, dict) and now - e.get("at", now) <= SHOWN_ONCE_SECONDS]


def complaint_submitted(request, page):
    """The tracking codes, once: read from the session and taken out of it in the same step."""
    pending = _pending(request.session.pop(SHOWN_ONCE, None))
    if not request.session.keys():
        request.session.flush()  # a visitor's session held only the codes: its row goes now
    shown = []
    for entry in pending:
        complaint = Complaint.objects.only("pk", "received_at", "anonymous").filter(pk=entry.get("complaint")).first()
        try:
            code = crypto.display_code(crypto.decrypt_text(entry.get("code", "")))
        except crypto.DecryptionError:
            logger.error("complaint %s: the tracking code in the session cannot be decrypted", entry.get("complaint"))
            continue
        if complaint is not None:
            shown.append({"complaint": complaint, "code": code})
    return _render(request, page, "complaints/submitted.html", {"shown": shown})


def status_lookup(request, page):
    request.sensitive_post_parameters = "__ALL__"
    form, complaint, not_found = StatusForm(), None, False
    if request.method == "POST":
        if throttle.exceeded(request, STATUS_SCOPE, settings.COMPLAINTS_STATUS_FAILURES_PER_HOUR):
            return _render(request, page, "complaints/too_many.html", {"what": "status"}, status=429)
        form = StatusForm(request.POST)
        if form.is_valid():
            complaint = Complaint.objects.filter(tracking_hash=crypto.code_hash(form.cleaned_data["code"])).first()
            if complaint is None:
                throttle.hit(request, STATUS_SCOPE)
                not_found = True
        else:
            throttle.hit(request, STATUS_SCOPE)
    if complaint is not None:
        form = StatusForm()  # the code is not written back into the page
    context = {"form": form, "complaint": complaint, "not_found": not_found}
    if complaint is not None:
        context["steps"] = status_steps(complaint)
    return _render(request, page, "complaints/status.html", context)


def status_steps(complaint):
    """The four statuses in order, marked done / current, for the timeline on the status page."""
    order = [choice for choice, _label in Complaint.Status.choices]
    reached = order.index(complaint.status)
    return [
        {"label": label, "done": index < reached, "current": index == reached}
        for index, (_value, label) in enumerate(Complaint.Status.choices)
    ]
