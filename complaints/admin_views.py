"""The officers' screens in the Wagtail admin: the list (numbers, dates, status; no content),
one complaint (decrypted; every opening is written to the audit log), its evidence files,
and the status/notes form. Permission-based: complaints.view_complaint to look,
complaints.change_complaint to work on one; everyone else gets 403."""

import logging

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.admin import messages
from wagtail.log_actions import log, registry

from . import storage
from .crypto import DecryptionError, is_undecryptable
from .models import Complaint, ComplaintNote, EvidenceFile

VIEW = "complaints.view_complaint"
CHANGE = "complaints.change_complaint"
logger = logging.getLogger(__name__)


def can_view(user):
    return user.is_active and user.has_perm(VIEW)


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied("เฉพาะเจ้าหน้าที่รับเรื่องร้องเรียน (complaint officers only)")


def _private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


class WorkForm(forms.Form):
    status = forms.ChoiceField(label="สถานะ", choices=Complaint.Status.choices)
    note = forms.CharField(
        label="บันทึกของเจ้าหน้าที่ (ถ้ามี)",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="เก็บแบบเข้ารหัส เห็นได้เฉพาะเจ้าหน้าที่รับเรื่องร้องเรียน",
    )


@require_safe
def complaint_list(request):
    _require(request, VIEW)
    complaints = Complaint.objects.only("pk", "status", "anonymous", "received_at", "status_changed_at")
    status = request.GET.get("status", "")
    if status in Complaint.Status.values:
        complaints = complaints.filter(status=status)
    page = Paginator(complaints, 50).get_page(request.GET.get("p"))
    context = {
        "page_obj": page,
        "statuses": Complaint.Status.choices,
        "current_status": status,
        "counts": {value: Complaint.objects.filter(status=value).count() for value in Complaint.Status.values},
    }
    return _private(TemplateResponse(request, "complaints/admin/list.html", context))


# No DELETE, no delete view, for anyone (superusers too): only purge_complaints deletes.
@require_http_methods(["GET", "HEAD", "POST"])
def complaint_detail(request, pk):
    _require(request, VIEW)
    complaint = get_object_or_404(Complaint, pk=pk)
    can_change = request.user.has_perm(CHANGE)
    if request.method == "POST":
        _require(request, CHANGE)
        form = WorkForm(request.POST)
        if form.is_valid():
            new_status, text = form.cleaned_data["status"], form.cleaned_data["note"].strip()
            changed = new_status != complaint.status
            if changed:
                old = complaint.status
                complaint.set_status(new_status)
                complaint.save(update_fields=["status", "status_changed_at", "closed_at"])
                log(complaint, "complaints.status", user=request.user, data={"from": old, "to": new_status})
            if text or changed:
                ComplaintNote.objects.create(
                    complaint=complaint, author=request.user, text=text, status=new_status if changed else ""
                )
            if text:
                log(complaint, "complaints.note", user=request.user)
            messages.success(request, "บันทึกแล้ว" if (text or changed) else "ไม่มีการเปลี่ยนแปลง")
            return redirect("complaints_admin:detail", pk=complaint.pk)
    else:
        form = WorkForm(initial={"status": complaint.status})
    # Every opening of the content is in the audit log (Reports > Site history, and below).
    log(complaint, "complaints.view", user=request.user)
    evidence, notes = list(complaint.evidence.all()), list(complaint.notes.select_related("author"))
    fields, contact = _labelled(complaint, CONTENT), _labelled(complaint, Complaint.CONTACT_FIELDS)
    unreadable = [field["name"] for field in fields + contact if field["unreadable"]]
    unreadable += [f"evidence {item.pk} name" for item in evidence if is_undecryptable(item.original_name)]
    unreadable += [f"note {note.pk}" for note in notes if is_undecryptable(note.text)]
    if unreadable:
        # Which fields, never their content: the operator restores the missing key.
        logger.error(
            "complaint %s: cannot decrypt %s (key missing or value corrupt)", complaint.pk, ", ".join(unreadable)
        )
    context = {
        "complaint": complaint,
        "fields": fields,
        "contact": contact,
        "unreadable": bool(unreadable),
        "evidence": evidence,
        "notes": notes,
        "form": form if can_change else None,
        "history": registry.get_logs_for_instance(complaint).select_related("user").order_by("-timestamp")[:100],
    }
    return _private(TemplateResponse(request, "complaints/admin/detail.html", context))


CONTENT = [name for name in Complaint.CONTENT_FIELDS if name not in Complaint.CONTACT_FIELDS]


def _labelled(complaint, names):
    """Each field's label and value; an unreadable value is crypto.Undecryptable (its marker)."""
    return [
        {
            "name": name,
            "label": Complaint._meta.get_field(name).verbose_name,
            "value": getattr(complaint, name),
            "unreadable": is_undecryptable(getattr(complaint, name)),
        }
        for name in names
    ]


@require_safe
def evidence_download(request, pk, file_pk):
    _require(request, VIEW)
    evidence = get_object_or_404(EvidenceFile, pk=file_pk, complaint_id=pk)
    try:
        data = storage.read(evidence.stored_name)
    except (DecryptionError, FileNotFoundError) as exc:
        reason = "undecryptable" if isinstance(exc, DecryptionError) else "missing"
        logger.error("complaint %s: evidence file %s is %s", pk, evidence.pk, reason)
        log(
            evidence.complaint,
            "complaints.view_evidence",
            user=request.user,
            data={"file": evidence.pk, "error": reason},
        )
        if reason == "undecryptable":
            message = "ถอดรหัสไฟล์หลักฐานไม่ได้ (cannot decrypt: key missing) แจ้งผู้ดูแลระบบให้ใส่กุญแจเดิมกลับใน COMPLAINTS_ENCRYPTION_KEYS"
        else:
            message = "ไม่พบไฟล์หลักฐานนี้ในที่เก็บไฟล์ (file missing from COMPLAINTS_FILES_ROOT) แจ้งผู้ดูแลระบบ"
        messages.error(request, message)
        return _private(redirect("complaints_admin:detail", pk=pk))
    log(evidence.complaint, "complaints.view_evidence", user=request.user, data={"file": evidence.pk})
    response = HttpResponse(data, content_type=evidence.content_type)
    # A generic name: the original one may say too much in a download folder or a proxy log.
    name = f"complaint-{pk}-evidence-{evidence.pk}.{EvidenceFile.EXTENSIONS[evidence.kind]}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)
