"""Encrypted at rest: the database (its raw column bytes and a full SQL dump) and the evidence
folder hold no plain text of a distinctive Thai and ASCII phrase; outside MEDIA_ROOT."""

import pytest
from django.conf import settings
from django.db import connection

from complaints.models import Complaint, ComplaintNote, EvidenceFile
from complaints.services import file_complaint
from tests.complaints.complaint_data import ASCII_PHRASE, SEND, THAI_PHRASE, complaint_data, pdf_bytes, upload

# The phrases of the test complaint found nowhere else (the demo corpus has "หลักฐาน" etc.).
SECRETS = [THAI_PHRASE.encode(), ASCII_PHRASE.encode(), "นางผู้ร้อง ใจกล้า".encode(), b"0812345678", b"reporter@example"]


def file_through_form(client):
    data = complaint_data(evidence=[upload("หลักฐาน-ZebraQuokkaBribe7731.pdf", pdf_bytes())])
    response = client.post(SEND, data, follow=True)
    assert response.status_code == 200 and b"data-tracking-code" in response.content
    complaint = Complaint.objects.get()
    ComplaintNote.objects.create(complaint=complaint, text=f"บันทึก {THAI_PHRASE} {ASCII_PHRASE}")
    return complaint


@pytest.mark.django_db
def test_stored_rows_and_the_dump_hold_no_plain_text(client, complaint_page):
    # Raw SQL on the test's own connection: the bytes SQLite holds, below any model field.
    # (Not transaction=True: its flush would empty the shared demo corpus; the browser test
    # reads a real committed db.sqlite3 file.)
    complaint = file_through_form(client)
    with connection.cursor() as cursor:
        columns = ", ".join(Complaint.CONTENT_FIELDS)
        cursor.execute(f"SELECT {columns}, status FROM complaints_complaint WHERE id = %s", [complaint.pk])
        row = cursor.fetchone()
        cursor.execute("SELECT text FROM complaints_complaintnote")
        notes = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT original_name FROM complaints_evidencefile")
        names = [r[0] for r in cursor.fetchall()]
    stored = [value.encode() for value in (*row[:-1], *notes, *names) if value]
    assert row[-1] == "received"  # metadata stays readable
    assert all(value.startswith(b"gAAAAA") for value in stored)  # Fernet tokens
    for value in stored:
        for secret in SECRETS:
            assert secret not in value
    # The whole database as SQL, as a backup would take it (SQLite here; the same holds for pg_dump).
    if connection.vendor == "sqlite":
        dump = "\n".join(connection.connection.iterdump()).encode()
        assert b"complaints_complaint" in dump and b"gAAAAA" in dump  # the dump does hold the rows
        for secret in SECRETS:
            assert secret not in dump, secret
    # The model still reads it back.
    assert THAI_PHRASE in Complaint.objects.get().details


@pytest.mark.django_db
def test_evidence_files_are_encrypted_outside_media_root(client, complaint_page, files_root):
    file_through_form(client)
    evidence = EvidenceFile.objects.get()
    assert evidence.path.parent == files_root
    assert not str(files_root).startswith(str(settings.MEDIA_ROOT))
    stored = list(files_root.iterdir())
    assert stored == [evidence.path]  # no temporary or plain copy left behind
    raw = evidence.path.read_bytes()
    assert raw.startswith(b"gAAAAA") and b"%PDF" not in raw
    for secret in SECRETS:
        assert secret not in raw
    assert "complaint" not in evidence.stored_name and not evidence.stored_name.endswith(".pdf")
    assert oct(evidence.path.stat().st_mode & 0o777) == "0o600"


@pytest.mark.django_db
def test_a_failed_filing_leaves_no_file(complaint_page, files_root, monkeypatch):
    from complaints import services

    def broken(**kwargs):
        raise RuntimeError("database went away")

    data = complaint_data()
    cleaned = {**data, "anonymous": False, "evidence": [(upload("a.pdf", pdf_bytes()), "pdf")]}
    monkeypatch.setattr(services.EvidenceFile.objects, "create", broken)
    with pytest.raises(RuntimeError):
        file_complaint(cleaned)
    assert not Complaint.objects.exists()
    assert not any(files_root.iterdir())
