"""The public views behind ComplaintPage's routes: the form and the status lookup.

Nothing here is cached (a shown code must not come back from a cache, the form has a CSRF
token), the status code travels by POST only (never in a URL, so never in a server log),
and each refusal is a Thai message that names what to fix."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from . import crypto, throttle
from .forms import ComplaintForm, StatusForm
from .models import Complaint
from .services import file_complaint

SUBMIT_SCOPE = "submit"
STATUS_SCOPE = "status"
UNKEPT = {"evidence", "website", "pdpa_acknowledged"}


def _render(request, page, template, context, status=200):
    context = {"page": page, "self": page, **context}
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True)
    return response


def complaint_form(request, page):
    request.sensitive_post_parameters = "__ALL__"  # never in error reports (DEBUG pages, ADMINS mail)
    if request.method == "POST":
        if throttle.exceeded(request, SUBMIT_SCOPE, settings.COMPLAINTS_SUBMISSIONS_PER_HOUR):
            # The form again with what was typed (not the files), so nothing written is lost.
            kept = {name: request.POST.get(name, "") for name in ComplaintForm.base_fields if name not in UNKEPT}
            context = {"form": ComplaintForm(initial=kept), "limited": True}
            return _render(request, page, "complaints/complaint_page.html", context, status=429)
        form = ComplaintForm(request.POST, request.FILES)
        if form.honeypot_filled():
            # A bot: nothing stored, nothing said about why (counted like a submission).
            throttle.hit(request, SUBMIT_SCOPE)
            return _render(request, page, "complaints/complaint_page.html", {"form": ComplaintForm(), "refused": True})
        if form.is_valid():
            complaint, code = file_complaint(form.cleaned_data)
            throttle.hit(request, SUBMIT_SCOPE)
            context = {"complaint": complaint, "code": crypto.display_code(code)}
            return _render(request, page, "complaints/submitted.html", context)
    else:
        form = ComplaintForm()
    return _render(request, page, "complaints/complaint_page.html", {"form": form})


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
