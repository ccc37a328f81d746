"""A value no configured key opens (the key dropped too early, a corrupt token): the officer's
page still works and marks that field; the file download says so; the log names the field,
never its content; saving the complaint keeps the token, so restoring the key brings it back."""

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.urls import reverse

from complaints.crypto import UNDECRYPTABLE_LABEL
from complaints.models import Complaint, ComplaintNote
from complaints.services import file_complaint
from tests.complaints.complaint_data import ASCII_PHRASE, THAI_PHRASE, complaint_data, pdf_bytes, upload
from tests.complaints.test_complaint_form import text_of

pytestmark = pytest.mark.django_db
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


@pytest.fixture
def filed_with_old_key(settings, complaint_page):
    settings.COMPLAINTS_ENCRYPTION_KEYS = [OLD]
    cleaned = {**complaint_data(), "anonymous": False, "evidence": [(upload("a.pdf", pdf_bytes()), "pdf")]}
    complaint, _code = file_complaint(cleaned)
    ComplaintNote.objects.create(complaint=complaint, text=f"บันทึก {ASCII_PHRASE}")
    return complaint


def raw_column(pk, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM complaints_complaint WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_missing_key_shows_a_marker_not_a_500(client, officer, settings, caplog, filed_with_old_key):
    complaint = filed_with_old_key
    settings.COMPLAINTS_ENCRYPTION_KEYS = [NEW]  # the old key removed before rotating
    client.force_login(officer)
    url = reverse("complaints_admin:detail", args=[complaint.pk])
    detail = client.get(url)
    page = text_of(detail)
    assert detail.status_code == 200
    assert page.count(UNDECRYPTABLE_LABEL) >= 4  # the fields, the contact, the file name, the note
    assert "รับเรื่องแล้ว" in page and "วันที่รับเรื่อง" in page  # the rest still works
    assert "ถอดรหัสไม่ได้ด้วยกุญแจที่ตั้งไว้" in page and 'class="complaint-undecryptable"' in detail.content.decode()
    assert f"complaint {complaint.pk}: cannot decrypt" in caplog.text and "details" in caplog.text
    for secret in (THAI_PHRASE, ASCII_PHRASE, "gAAAA"):
        assert secret not in caplog.text

    # The file: a clear message on the complaint's page, not a 500.
    evidence = complaint.evidence.get()
    download = client.get(reverse("complaints_admin:evidence", args=[complaint.pk, evidence.pk]), follow=True)
    assert download.status_code == 200 and "ถอดรหัสไฟล์หลักฐานไม่ได้" in text_of(download)
    assert "undecryptable" in caplog.text

    # Working it meanwhile (a status change) writes the tokens back untouched.
    before = raw_column(complaint.pk, "details")
    assert client.post(url, {"status": "examining", "note": ""}).status_code == 302
    assert raw_column(complaint.pk, "details") == before
    Complaint.objects.get(pk=complaint.pk).save()  # even a full save
    assert raw_column(complaint.pk, "details") == before
    settings.COMPLAINTS_ENCRYPTION_KEYS = [NEW, OLD]  # the key restored: everything opens again
    restored = Complaint.objects.get(pk=complaint.pk)
    assert THAI_PHRASE in restored.details and restored.status == "examining"
    assert client.get(reverse("complaints_admin:evidence", args=[complaint.pk, evidence.pk])).content == pdf_bytes()


def test_one_corrupt_value_marks_only_that_field(client, officer, filed_with_old_key):
    complaint = filed_with_old_key
    with connection.cursor() as cursor:
        cursor.execute("UPDATE complaints_complaint SET witnesses = %s WHERE id = %s", ["gAAAAAเสีย", complaint.pk])
    client.force_login(officer)
    page = text_of(client.get(reverse("complaints_admin:detail", args=[complaint.pk])))
    assert page.count(UNDECRYPTABLE_LABEL) == 1 and THAI_PHRASE in page and "0812345678" in page
