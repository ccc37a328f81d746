"""Retention (purge_complaints: content and files gone, an anonymous tally kept) and key
rotation (rotate_complaint_keys), plus production's refusal to run without a key."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from complaints import crypto, storage
from complaints.checks import check_encryption_keys
from complaints.models import Complaint, ComplaintNote, ComplaintTally, EvidenceFile
from complaints.services import file_complaint
from tests.complaints.complaint_data import ASCII_PHRASE, THAI_PHRASE, complaint_data, pdf_bytes, upload

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[2]


def filed(**overrides):
    cleaned = {**complaint_data(**overrides), "anonymous": False, "evidence": [(upload("a.pdf", pdf_bytes()), "pdf")]}
    complaint, _code = file_complaint(cleaned)
    ComplaintNote.objects.create(complaint=complaint, text=f"บันทึก {ASCII_PHRASE}")
    return complaint


def close(complaint, days_ago):
    complaint.set_status(Complaint.Status.CLOSED, now=timezone.now() - timedelta(days=days_ago))
    complaint.save()


def test_purge_deletes_old_closed_complaints_and_keeps_a_tally(files_root):
    old = filed()
    close(old, days_ago=6 * 365)
    Complaint.objects.filter(pk=old.pk).update(received_at=timezone.now().replace(year=2019, month=6, day=1))
    old_file = old.evidence.get().path
    recent = filed()
    close(recent, days_ago=30)
    open_one = filed()
    assert old_file.exists()

    call_command("purge_complaints", verbosity=0)

    assert set(Complaint.objects.values_list("pk", flat=True)) == {recent.pk, open_one.pk}
    assert not old_file.exists() and len(list(files_root.iterdir())) == 2
    assert not EvidenceFile.objects.filter(complaint_id=old.pk).exists()
    assert not ComplaintNote.objects.filter(complaint_id=old.pk).exists()
    tally = ComplaintTally.objects.get()
    assert (tally.year, tally.status, tally.count) == (2019, "closed", 1)

    # --days: a shorter period takes the recent closed one too; the tally adds up; open ones stay.
    call_command("purge_complaints", "--days", "7", verbosity=0)
    assert list(Complaint.objects.values_list("pk", flat=True)) == [open_one.pk]
    assert sum(ComplaintTally.objects.values_list("count", flat=True)) == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM complaints_complaint WHERE id IN (%s, %s)", [old.pk, recent.pk])
        assert cursor.fetchone()[0] == 0


def test_purge_dry_run_deletes_nothing(capsys):
    complaint = filed()
    close(complaint, days_ago=10 * 365)
    call_command("purge_complaints", "--dry-run")
    assert "1 complaints" in capsys.readouterr().out and Complaint.objects.filter(pk=complaint.pk).exists()


def test_rotation_re_encrypts_everything_with_the_new_key(settings, files_root):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.COMPLAINTS_ENCRYPTION_KEYS = [old_key]
    complaint = filed()
    evidence = complaint.evidence.get()

    settings.COMPLAINTS_ENCRYPTION_KEYS = [new_key, old_key]  # the new key first, the old one still readable
    call_command("rotate_complaint_keys", verbosity=0)

    settings.COMPLAINTS_ENCRYPTION_KEYS = [new_key]  # the old key dropped: everything still opens
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert THAI_PHRASE in fresh.details and fresh.notes.get().text.endswith(ASCII_PHRASE)
    assert storage.read(evidence.stored_name) == pdf_bytes()
    assert EvidenceFile.objects.get().original_name == "a.pdf"
    with connection.cursor() as cursor:
        cursor.execute("SELECT details FROM complaints_complaint WHERE id = %s", [complaint.pk])
        token = cursor.fetchone()[0].encode()
    with pytest.raises(InvalidToken):
        Fernet(old_key).decrypt(token)
    with pytest.raises(InvalidToken):
        Fernet(old_key).decrypt(evidence.path.read_bytes())
    assert Fernet(new_key).decrypt(token).decode().startswith("เหตุการณ์")


def test_rotation_without_the_old_key_stops_with_a_clear_message(settings):
    settings.COMPLAINTS_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    filed()
    settings.COMPLAINTS_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match="old key"):
        call_command("rotate_complaint_keys", verbosity=0)


def test_key_settings_are_checked(settings):
    settings.COMPLAINTS_ENCRYPTION_KEYS = []
    settings.COMPLAINTS_DERIVED_KEY_ALLOWED = True
    assert check_encryption_keys(None) == []
    assert crypto.decrypt_text(crypto.encrypt_text("ทดสอบ")) == "ทดสอบ"
    settings.COMPLAINTS_DERIVED_KEY_ALLOWED = False
    assert [e.id for e in check_encryption_keys(None)] == ["complaints.E001"]
    settings.COMPLAINTS_ENCRYPTION_KEYS = ["not-a-key"]
    assert [e.id for e in check_encryption_keys(None)] == ["complaints.E001"]


def test_production_refuses_to_start_without_the_key(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kb.settings.production",
        "SECRET_KEY": "x" * 50,
        "KB_VAR_DIR": str(tmp_path),
        "PYTHAINLP_OFFLINE": "1",
    }
    env.pop("COMPLAINTS_ENCRYPTION_KEYS", None)
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "COMPLAINTS_ENCRYPTION_KEYS" in result.stderr
    env["COMPLAINTS_ENCRYPTION_KEYS"] = Fernet.generate_key().decode()
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_purge_and_rotation_leave_an_audit_entry_without_content(client, admin_user, settings):
    from django.urls import reverse
    from wagtail.models import ModelLogEntry

    old = filed()
    close(old, days_ago=6 * 365)
    filed()  # open: stays
    call_command("purge_complaints", "--dry-run", verbosity=0)
    assert not ModelLogEntry.objects.filter(action="complaints.purge").exists()  # a count changes nothing
    call_command("purge_complaints", verbosity=0)
    entry = ModelLogEntry.objects.get(action="complaints.purge")
    assert entry.user is None and entry.object_id == "0" and "purge_complaints" in entry.label
    assert (entry.data["complaints"], entry.data["files"], entry.data["days"]) == (
        1,
        1,
        settings.COMPLAINTS_RETENTION_DAYS,
    )
    assert "closed_before" in entry.data and entry.timestamp <= timezone.now()

    settings.COMPLAINTS_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *crypto.configured_keys()]
    call_command("rotate_complaint_keys", verbosity=0)
    rotation = ModelLogEntry.objects.get(action="complaints.rotate_keys")
    assert rotation.data == {"complaints": 1, "notes": 1, "files": 1}
    settings.COMPLAINTS_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # a key missing: stops
    with pytest.raises(CommandError):
        call_command("rotate_complaint_keys", verbosity=0)
    stopped = ModelLogEntry.objects.filter(action="complaints.rotate_keys").latest("id")
    assert stopped.data == {"stopped": "undecryptable value"}

    for logged in ModelLogEntry.objects.filter(action__in=["complaints.purge", "complaints.rotate_keys"]):
        text = f"{logged.label} {logged.data}"
        assert THAI_PHRASE not in text and ASCII_PHRASE not in text and "a.pdf" not in text
    # Shown in Reports > Site history.
    client.force_login(admin_user)
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "ลบเรื่องร้องเรียนตามระยะเวลาเก็บรักษา" in history and "เข้ารหัสใหม่ด้วยกุญแจปัจจุบัน" in history
