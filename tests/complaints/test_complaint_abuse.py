"""Abuse: the per-address limit (Thai 429), the honeypot (nothing stored), files checked by
their content (not their name), counts and sizes, and the wrong-code limit."""

import io

import docx
import pytest
from django.core import mail

from complaints.models import Complaint, EvidenceFile, Throttle
from tests.complaints.complaint_data import SEND, complaint_data, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


def text(response):
    import re

    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_five_an_hour_per_address_then_a_thai_429(client, complaint_page, settings):
    settings.COMPLAINTS_SUBMISSIONS_PER_HOUR = 5
    for _ in range(5):
        assert (
            b"data-tracking-code" in client.post(SEND, complaint_data(), follow=True, REMOTE_ADDR="203.0.113.7").content
        )
    refused = client.post(SEND, complaint_data(allegation="เรื่องที่หก"), REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert "ส่งเรื่องบ่อยเกินไป" in text(refused) and "เรื่องนี้ยังไม่ได้ส่ง" in text(refused)
    assert "เรื่องที่หก" in refused.content.decode()  # what was typed is still in the form
    assert Complaint.objects.count() == 5
    # Another address is not affected; the address is kept only as a keyed hash.
    assert client.post(SEND, complaint_data(), follow=True, REMOTE_ADDR="198.51.100.9").status_code == 200
    assert Complaint.objects.count() == 6
    assert not Throttle.objects.filter(key__contains="203.0.113.7").exists()


def test_the_limit_counts_the_proxy_client_address(client, complaint_page, settings):
    settings.COMPLAINTS_SUBMISSIONS_PER_HOUR = 1
    settings.KB_TRUSTED_PROXY_COUNT = 1
    first = client.post(SEND, complaint_data(), follow=True, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert first.status_code == 200
    other = client.post(SEND, complaint_data(), follow=True, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert other.status_code == 200
    again = client.post(SEND, complaint_data(), follow=True, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert again.status_code == 429


def test_a_filled_honeypot_stores_nothing(client, complaint_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SEND, complaint_data(website="http://spam.example/", evidence=upload("a.pdf", pdf_bytes()))
        )
    assert response.status_code == 200
    assert "ระบบไม่สามารถรับเรื่องนี้ได้" in text(response) and b"data-tracking-code" not in response.content
    assert not Complaint.objects.exists() and not EvidenceFile.objects.exists() and not mail.outbox


def test_the_honeypot_is_hidden_by_a_class_not_a_style(client, complaint_page):
    html = client.get("/complaint/").content.decode()
    start = html.index('class="complaint-hp"')
    assert 'name="website"' in html[start : start + 600] and 'tabindex="-1"' in html[start : start + 600]
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/complaints.css"), encoding="utf-8").read()
    assert ".complaint-hp {" in css and "left: -10000px" in css


@pytest.mark.parametrize(
    "name, data",
    [
        ("หลักฐาน.pdf", b"<!doctype html><html><body>not a pdf</body></html>"),
        ("photo.png", b"MZ\x90\x00\x03\x00\x00\x00 a windows program"),
        ("evidence.docx", b"PK\x03\x04 not really a zip"),
        ("notes.txt", "ข้อความธรรมดา".encode()),
    ],
)
def test_a_file_is_judged_by_its_content(client, complaint_page, name, data):
    response = client.post(SEND, complaint_data(evidence=upload(name, data)))
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert "ไฟล์หลักฐาน:" in text(response) and "ตรวจจากเนื้อไฟล์" in text(response)
    assert 'href="#id_evidence"' in response.content.decode()


def test_real_files_of_each_kind_are_accepted_whatever_their_name(client, complaint_page):
    document = docx.Document()
    document.add_paragraph("หลักฐานเพิ่มเติม")
    buffer = io.BytesIO()
    document.save(buffer)
    files = [
        upload("scan.bin", pdf_bytes()),
        upload("photo", png_bytes()),
        upload("letter.docx", buffer.getvalue()),
        upload("p.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32),
    ]
    response = client.post(SEND, complaint_data(evidence=files), follow=True)
    assert b"data-tracking-code" in response.content
    assert sorted(EvidenceFile.objects.values_list("kind", flat=True)) == ["docx", "jpeg", "pdf", "png"]


def test_file_count_and_size_limits(client, complaint_page, settings):
    settings.COMPLAINTS_MAX_FILES = 2
    response = client.post(SEND, complaint_data(evidence=[upload(f"{i}.pdf", pdf_bytes()) for i in range(3)]))
    assert "แนบได้ไม่เกิน 2 ไฟล์" in text(response) and not Complaint.objects.exists()
    settings.COMPLAINTS_MAX_FILE_BYTES = 100
    response = client.post(SEND, complaint_data(evidence=upload("big.pdf", pdf_bytes() + b"0" * 200)))
    assert "ใหญ่เกิน" in text(response) and "big.pdf" in text(response) and not Complaint.objects.exists()


def test_wrong_codes_are_limited(client, complaint_page, settings):
    settings.COMPLAINTS_STATUS_FAILURES_PER_HOUR = 3
    for _ in range(3):
        assert "ไม่พบเรื่องร้องเรียนตามรหัสนี้" in text(client.post("/complaint/status/", {"code": "2345678923456789"}))
    limited = client.post("/complaint/status/", {"code": "2345678923456789"})
    assert limited.status_code == 429 and "โปรดรอประมาณ 1 ชั่วโมง" in text(limited)


def test_csrf_is_required(complaint_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(SEND, complaint_data()).status_code == 403
    assert not Complaint.objects.exists()
