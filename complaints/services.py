"""Filing a complaint, the officers' e-mail, and the audit log actions."""

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from . import crypto, storage
from .models import Complaint, EvidenceFile

OFFICERS = "เจ้าหน้าที่รับเรื่องร้องเรียน (Complaint officers)"
logger = logging.getLogger(__name__)

# Audit-log actions (registered in wagtail_hooks; shown in Reports > Site history).
ACTIONS = {
    "complaints.create": ("รับเรื่องร้องเรียน", "รับเรื่องร้องเรียนใหม่ทางเว็บไซต์"),
    "complaints.view": ("เปิดดูเรื่องร้องเรียน", "เปิดดูรายละเอียดเรื่องร้องเรียน"),
    "complaints.view_evidence": ("เปิดไฟล์หลักฐาน", "ดาวน์โหลดไฟล์หลักฐานของเรื่องร้องเรียน"),
    "complaints.status": ("เปลี่ยนสถานะเรื่องร้องเรียน", "เปลี่ยนสถานะเรื่องร้องเรียน"),
    "complaints.note": ("บันทึกของเจ้าหน้าที่", "เพิ่มบันทึกในเรื่องร้องเรียน"),
    "complaints.purge": ("ลบเรื่องร้องเรียนตามระยะเวลาเก็บรักษา", "ลบเรื่องร้องเรียนที่ปิดเกินระยะเวลาเก็บรักษา (purge_complaints)"),
    "complaints.rotate_keys": ("เข้ารหัสใหม่ด้วยกุญแจปัจจุบัน", "เข้ารหัสเรื่องร้องเรียนใหม่ด้วยกุญแจปัจจุบัน (rotate_complaint_keys)"),
}


def file_complaint(cleaned):
    """Store the complaint and its files (encrypted); returns (complaint, tracking code).
    The code exists only in the return value: the database keeps its hash."""
    now = timezone.now()
    fields = {name: cleaned.get(name) or "" for name in Complaint.CONTENT_FIELDS}
    if cleaned.get("anonymous"):
        fields.update(dict.fromkeys(Complaint.CONTACT_FIELDS, ""))
    written = []
    try:
        with transaction.atomic():
            for _attempt in range(5):  # a clash of 78-bit codes will not happen; still, never two alike
                code = crypto.new_tracking_code()
                try:
                    with transaction.atomic():
                        complaint = Complaint.objects.create(
                            tracking_hash=crypto.code_hash(code),
                            anonymous=bool(cleaned.get("anonymous")),
                            received_at=now,
                            status_changed_at=now,
                            pdpa_acknowledged_at=now,
                            **fields,
                        )
                    break
                except IntegrityError:
                    continue
            else:
                raise RuntimeError("could not draw a unique tracking code")
            for uploaded, kind in cleaned.get("evidence") or []:
                uploaded.seek(0)
                data = uploaded.read()
                stored_name = storage.write(data)
                written.append(stored_name)
                EvidenceFile.objects.create(
                    complaint=complaint, stored_name=stored_name, original_name=uploaded.name, kind=kind, size=len(data)
                )
            log(complaint, "complaints.create", data={"files": len(written), "anonymous": complaint.anonymous})
            # After the commit, and never failing the request: the complaint is stored and its
            # code must reach the person even when the mail server is down.
            transaction.on_commit(lambda: notify_officers_safely(complaint), robust=True)
    except Exception:
        for stored_name in written:
            storage.delete(stored_name)
        raise
    return complaint, code


def log_maintenance(command, action, data):
    """The audit entry of a management command (no user, no complaint of its own): what ran,
    when (the entry's time) and how many; counts and dates only, never content. Filed under
    the Complaint content type, so it is in Reports > Site history for complaint officers; its
    object id is 0, which no complaint has (Site history looks ids up as complaint keys)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Complaint),
        object_id="0",
        label=f"{ACTIONS[action][0]} ({command})",
        action=action,
        timestamp=timezone.now(),
        data=data,
    )


def notify_officers_safely(complaint):
    try:
        notify_officers(complaint)
    except Exception as exc:  # SMTP down, timeout, bad address: officers still see it in the admin
        logger.error("complaint %s: the officers' e-mail failed (%s)", complaint.pk, type(exc).__name__)


def officer_recipients(page=None):
    recipients = list(settings.COMPLAINTS_NOTIFY_EMAILS)
    if page is not None:
        recipients += page.officer_email_list()
    if not recipients:
        group = Group.objects.filter(name=OFFICERS).first()
        if group:
            recipients = [
                email for email in group.user_set.filter(is_active=True).values_list("email", flat=True) if email
            ]
    return sorted(set(recipients))


def notify_officers(complaint, page=None):
    """Tell the officers a complaint arrived: its number and the admin link, nothing of its content."""
    if page is None:
        from .models import ComplaintPage

        page = ComplaintPage.objects.first()
    recipients = officer_recipients(page)
    if not recipients:
        return 0
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("complaints_admin:detail", args=[complaint.pk])
    body = (
        f"มีเรื่องร้องเรียนการทุจริตเข้ามาใหม่ทางเว็บไซต์ ({complaint})\n\n"
        f"ดูรายละเอียดได้ในระบบจัดการ (ต้องเข้าสู่ระบบด้วยบัญชีเจ้าหน้าที่รับเรื่องร้องเรียน):\n{link}\n\n"
        "อีเมลนี้ไม่มีเนื้อหาของเรื่องร้องเรียนโดยเจตนา เพื่อคุ้มครองผู้ร้องเรียน โปรดอย่าส่งต่อเนื้อหาทางอีเมล\n"
    )
    return send_mail(f"มีเรื่องร้องเรียนใหม่: {complaint}", body, None, recipients)
