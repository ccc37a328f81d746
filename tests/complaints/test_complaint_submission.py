"""Sending the form: POST/redirect/GET (a reload never files twice; the code is shown once
and never travels in a URL) and evidence kept in memory, never spooled to the temp folder."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from complaints.models import Complaint, EvidenceFile
from tests.complaints.complaint_data import SEND, complaint_data, pdf_bytes, upload
from tests.complaints.test_complaint_form import CODE, text_of

pytestmark = pytest.mark.django_db
SUBMITTED = "/complaint/submitted/"


def big_pdf(size):
    return pdf_bytes() + b"%" + b"0" * (size - len(pdf_bytes()) - 1)


def test_a_filed_complaint_redirects_and_a_reload_files_nothing_more(client, complaint_page):
    response = client.post(SEND, complaint_data())
    assert response.status_code == 303 and response["Location"] == SUBMITTED
    assert "no-store" in response["Cache-Control"]
    assert Complaint.objects.count() == 1

    # Between the POST and the GET the code waits in the session, encrypted.
    raw = " ".join(Session.objects.values_list("session_data", flat=True))
    decoded = str([session.get_decoded() for session in Session.objects.all()])
    shown = client.get(SUBMITTED)
    codes = CODE.findall(shown.content.decode())
    assert shown.status_code == 200 and len(codes) == 1 and "no-store" in shown["Cache-Control"]
    code = codes[0]
    for text in (raw, decoded, response["Location"]):
        assert code not in text and code.replace("-", "") not in text
    # Read once, then gone: from the session and its row, and from a reload of the page.
    assert not any(code.replace("-", "") in str(s.get_decoded()) for s in Session.objects.all())
    assert not Session.objects.filter(session_data__in=raw.split()).exists()
    again = client.get(SUBMITTED)
    assert again.status_code == 200 and not CODE.search(again.content.decode())
    assert "แสดงได้เพียงครั้งเดียว" in text_of(again) and "ไม่ต้องส่งซ้ำ" in text_of(again)
    assert Complaint.objects.count() == 1


def test_a_planted_session_key_cannot_read_the_code(client, complaint_page):
    """Session fixation: a key someone else knows is replaced before the code goes in."""
    client.get("/complaint/")
    client.session.save()
    planted = client.session.session_key
    assert planted
    client.cookies["sessionid"] = planted
    client.post(SEND, complaint_data())
    assert client.cookies["sessionid"].value != planted
    attacker = Client()
    attacker.cookies["sessionid"] = planted
    assert not CODE.search(attacker.get(SUBMITTED).content.decode())
    assert len(CODE.findall(client.get(SUBMITTED).content.decode())) == 1


def test_two_complaints_before_the_code_page_show_both_codes(client, complaint_page):
    client.post(SEND, complaint_data())
    client.post(SEND, complaint_data())
    codes = CODE.findall(client.get(SUBMITTED).content.decode())
    assert Complaint.objects.count() == 2 and len(set(codes)) == 2


def test_the_session_row_goes_once_the_code_is_shown(client, complaint_page):
    client.post(SEND, complaint_data())
    assert Session.objects.count() == 1
    client.get(SUBMITTED)
    assert Session.objects.count() == 0 and not client.cookies["sessionid"].value


def test_a_code_left_unread_expires(client, complaint_page, monkeypatch):
    import complaints.views as views

    client.post(SEND, complaint_data())
    later = views.time.time() + views.SHOWN_ONCE_SECONDS + 1
    monkeypatch.setattr(views.time, "time", lambda: later)
    assert not CODE.search(client.get(SUBMITTED).content.decode())


def test_a_logged_in_user_keeps_the_session(client, complaint_page, officer):
    client.force_login(officer)
    shown = client.post(SEND, complaint_data(), follow=True)
    assert len(CODE.findall(shown.content.decode())) == 1
    assert client.get("/admin/complaints/").status_code == 200  # still logged in


def test_the_form_posts_to_send_and_send_takes_only_posts(client, complaint_page):
    html = client.get("/complaint/").content.decode()
    assert 'action="/complaint/send/"' in html
    assert client.post("/complaint/", complaint_data()).status_code == 405
    assert client.get(SEND)["Location"] == "/complaint/" and not Complaint.objects.exists()


def test_without_the_url_wiring_the_page_route_still_takes_the_form(client, complaint_page, settings):
    settings.ROOT_URLCONF = "kb.urls"
    shown = client.post(SEND, complaint_data(), follow=True)
    assert len(CODE.findall(shown.content.decode())) == 1 and Complaint.objects.count() == 1


def test_a_large_file_never_touches_the_temp_folder(complaint_page, settings, tmp_path):
    # The real path: CSRF enforced, the token taken from the rendered form.
    spool = tmp_path / "spool"  # absent: any attempt to spool there fails the request
    settings.FILE_UPLOAD_TEMP_DIR = str(spool)
    data = big_pdf(4 * 1024 * 1024)
    assert len(data) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE  # Django would spool this one
    browser = Client(enforce_csrf_checks=True)
    form = browser.get("/complaint/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = browser.post(SEND, {**complaint_data(evidence=upload("big.pdf", data)), "csrfmiddlewaretoken": token})
    assert response.status_code == 303, text_of(response)[:1000]
    assert EvidenceFile.objects.get().size == len(data)
    assert not spool.exists()
    spool.mkdir()  # and with a folder there, nothing is left in it either
    response = browser.post(SEND, {**complaint_data(evidence=upload("big.pdf", data)), "csrfmiddlewaretoken": token})
    assert response.status_code == 303 and not any(spool.iterdir())
    assert Client(enforce_csrf_checks=True).post(SEND, complaint_data()).status_code == 403


def test_a_file_over_the_limit_is_dropped_as_it_arrives_and_named(client, complaint_page, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "spool")
    settings.COMPLAINTS_MAX_FILE_BYTES = 1024 * 1024
    # The file first: the fields after it are still read, so the form comes back filled in.
    data = {"evidence": upload("ใหญ่มาก.pdf", big_pdf(3 * 1024 * 1024)), **complaint_data(details="รายละเอียดหลังไฟล์")}
    response = client.post(SEND, data)
    assert response.status_code == 200 and not Complaint.objects.exists()
    page = text_of(response)
    assert "ไฟล์หลักฐาน: ไฟล์ “ใหญ่มาก.pdf” ใหญ่เกิน 1.0" in page and 'href="#id_evidence"' in response.content.decode()
    assert "รายละเอียดหลังไฟล์" in response.content.decode()
