"""The complaint form end to end: filing (with a file), the tracking code shown once, the status
lookup, the officers' admin (with its audit log), the e-mail, and who may not see any of it."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from complaints import crypto
from complaints.models import Complaint, EvidenceFile
from tests.complaints.complaint_data import ASCII_PHRASE, SEND, THAI_PHRASE, complaint_data, pdf_bytes, upload

pytestmark = pytest.mark.django_db
CODE = re.compile(r"data-tracking-code>([A-Z0-9-]+)<")


def text_of(response):
    """The page's text without tags (the site breaks Thai words with <wbr> spans)."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


def file_one(client, django_capture_on_commit_callbacks, **overrides):
    data = complaint_data(**overrides)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SEND, data, follow=True)
    assert response.status_code == 200, text_of(response)[:2000]
    match = CODE.search(response.content.decode())
    assert match, "no tracking code on the page"
    return response, match.group(1)


def test_the_form_is_at_complaint_in_the_site_layout(client, complaint_page):
    response = client.get("/complaint/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-footer"' in html and "<fieldset" in html and "<legend>" in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    assert "ประกาศความเป็นส่วนตัว" in text_of(response) and 'name="pdpa_acknowledged"' in html
    assert 'class="complaint-hp"' in html and 'style="' not in html.split("<main", 1)[1].split("</main>")[0]
    assert "no-store" in response["Cache-Control"]
    assert client.get("/complaint/status/").status_code == 200


def test_file_a_complaint_then_follow_it_then_an_officer_works_it(
    client, complaint_page, officer, django_capture_on_commit_callbacks
):
    data = complaint_data(evidence=upload("หลักฐาน.pdf", pdf_bytes()))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SEND, data, follow=True)
    assert response.status_code == 200
    code = CODE.search(response.content.decode()).group(1)
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){3}", code)
    assert set(code.replace("-", "")) <= set(crypto.CODE_ALPHABET)
    assert "ระบบจะแสดงรหัสนี้เพียงครั้งเดียว" in text_of(response)

    complaint = Complaint.objects.get()
    assert complaint.tracking_hash == crypto.code_hash(code) and code not in complaint.tracking_hash
    assert complaint.details.endswith("เมื่อต้นเดือน") and complaint.complainant_name == "นางผู้ร้อง ใจกล้า"
    assert complaint.evidence.count() == 1 and complaint.evidence.get().kind == "pdf"

    # The officers' e-mail: that one arrived and where, nothing of what it says.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "complaints@example.invalid" in message.to
    assert reverse("complaints_admin:detail", args=[complaint.pk]) in message.body
    for secret in (THAI_PHRASE, ASCII_PHRASE, "นายสมมติ", "นางผู้ร้อง", "0812345678", "reporter@"):
        assert secret not in message.body and secret not in message.subject

    # The status page: the code (typed loosely) shows the status and dates, never the content.
    status = client.post("/complaint/status/", {"code": code.lower().replace("-", " ")})
    page_text = text_of(status)
    assert status.status_code == 200 and "รับเรื่องแล้ว" in page_text
    assert "วันที่รับเรื่อง" in page_text and re.search(r"25[6-9]\d", page_text)  # a B.E. year
    for secret in (THAI_PHRASE, ASCII_PHRASE, "นายสมมติ", "นางผู้ร้อง", "หลักฐาน.pdf"):
        assert secret not in page_text

    # The officer: the menu item, the list (no content), the detail (content, audit-logged).
    client.force_login(officer)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("complaints_admin:list") in home
    listing = client.get(reverse("complaints_admin:list"))
    assert listing.status_code == 200 and f"เรื่องที่ {complaint.pk}" in text_of(listing)
    assert THAI_PHRASE not in text_of(listing)
    assert not ModelLogEntry.objects.filter(action="complaints.view").exists()
    detail = client.get(reverse("complaints_admin:detail", args=[complaint.pk]))
    assert detail.status_code == 200 and THAI_PHRASE in text_of(detail) and "0812345678" in text_of(detail)
    entry = ModelLogEntry.objects.get(action="complaints.view")
    assert entry.user == officer and entry.object_id == str(complaint.pk)
    assert THAI_PHRASE not in str(entry.label) + str(entry.data)

    evidence = complaint.evidence.get()
    download = client.get(reverse("complaints_admin:evidence", args=[complaint.pk, evidence.pk]))
    assert download.status_code == 200 and download.content == pdf_bytes()
    assert download["Content-Type"] == "application/pdf" and "attachment" in download["Content-Disposition"]
    assert ModelLogEntry.objects.filter(action="complaints.view_evidence", user=officer).count() == 1

    # Working it: status to examining with a note (the note encrypted, both logged).
    response = client.post(
        reverse("complaints_admin:detail", args=[complaint.pk]),
        {"status": "examining", "note": "ตรวจสอบเอกสารแล้ว ส่งต่อกองกฎหมาย"},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "examining" and complaint.notes.get().text == "ตรวจสอบเอกสารแล้ว ส่งต่อกองกฎหมาย"
    assert {"complaints.status", "complaints.note"} <= set(ModelLogEntry.objects.values_list("action", flat=True))
    client.logout()
    status = client.post("/complaint/status/", {"code": code})
    assert "อยู่ระหว่างตรวจสอบ" in text_of(status) and "กองกฎหมาย" not in text_of(status)

    # An administrator sees every view in Wagtail's site history.
    client.force_login(officer)
    client.post(reverse("complaints_admin:detail", args=[complaint.pk]), {"status": "closed", "note": ""})
    complaint.refresh_from_db()
    assert complaint.status == "closed" and complaint.closed_at is not None


def test_admins_see_the_audit_log(client, complaint_page, admin_user, officer, django_capture_on_commit_callbacks):
    _response, _code = file_one(client, django_capture_on_commit_callbacks)
    complaint = Complaint.objects.get()
    client.force_login(officer)
    client.get(reverse("complaints_admin:detail", args=[complaint.pk]))
    client.force_login(admin_user)
    history = client.get(reverse("wagtailadmin_reports:site_history"))
    assert history.status_code == 200
    assert "เปิดดูเรื่องร้องเรียน" in text_of(history) and str(complaint) in text_of(history)


def refused(response):
    """Wagtail's answer to PermissionDenied in the admin: back to the dashboard (or a 403)."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    assert THAI_PHRASE not in response.content.decode()


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_editors_and_reviewers_cannot_see_complaints(
    client, complaint_page, role, request, django_capture_on_commit_callbacks
):
    file_one(client, django_capture_on_commit_callbacks, evidence=upload("a.pdf", pdf_bytes()))
    complaint = Complaint.objects.get()
    evidence = EvidenceFile.objects.get()
    client.force_login(request.getfixturevalue(role))
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200 and reverse("complaints_admin:list") not in home.content.decode()
    for url in (
        reverse("complaints_admin:list"),
        reverse("complaints_admin:detail", args=[complaint.pk]),
        reverse("complaints_admin:evidence", args=[complaint.pk, evidence.pk]),
    ):
        refused(client.get(url))
    refused(client.post(reverse("complaints_admin:detail", args=[complaint.pk]), {"status": "closed"}))
    complaint.refresh_from_db()
    assert complaint.status == "received"
    assert not ModelLogEntry.objects.filter(action="complaints.view").exists()


def test_anonymous_complaint_keeps_no_name_or_contact(client, complaint_page, django_capture_on_commit_callbacks):
    response, code = file_one(
        client,
        django_capture_on_commit_callbacks,
        anonymous="on",
        complainant_name="ชื่อที่ไม่ควรถูกเก็บ",
        complainant_phone="0899999999",
        complainant_email="",
        complainant_address="",
    )
    complaint = Complaint.objects.get()
    assert complaint.anonymous
    assert all(getattr(complaint, name) == "" for name in Complaint.CONTACT_FIELDS)
    assert "ไม่ต้องพิมพ์ขีด" in text_of(client.get("/complaint/status/"))
    # Anonymous needs no contact at all.
    Complaint.objects.all().delete()
    file_one(
        client,
        django_capture_on_commit_callbacks,
        anonymous="on",
        complainant_name="",
        complainant_phone="",
        complainant_email="",
        complainant_address="",
    )
    assert Complaint.objects.get().anonymous


def test_each_refusal_names_its_field_in_thai(client, complaint_page):
    response = client.post(
        SEND,
        complaint_data(
            accused_name="",
            accused_position="",
            allegation="",
            details="",
            complainant_name="",
            complainant_phone="",
            complainant_email="not-an-email",
            pdpa_acknowledged=None,
        ),
    )
    assert response.status_code == 200 and not Complaint.objects.exists()
    html, page_text = response.content.decode(), text_of(response)
    assert 'id="error-summary"' in html and 'role="alert"' in html
    for anchor in ("id_accused_name", "id_allegation", "id_details", "id_complainant_name", "id_pdpa_acknowledged"):
        assert f'href="#{anchor}"' in html, anchor
        assert f'id="{anchor}_error"' in html
        assert re.search(rf'id="{anchor}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{anchor}"', html), anchor
    assert re.search(r'aria-describedby="id_details_helptext id_details_error"', html)
    for message in (
        "โปรดระบุชื่อหรือตำแหน่งของผู้ถูกร้องเรียน",
        "โปรดกรอกข้อกล่าวหา",
        "โปรดบรรยายพฤติการณ์",
        "อีเมลของผู้ร้องเรียนไม่ถูกต้อง",
        "โปรดอ่านประกาศความเป็นส่วนตัว",
    ):
        assert message in page_text, message


def test_a_wrong_code_gets_a_clear_thai_message(client, complaint_page):
    wrong = client.post("/complaint/status/", {"code": "2345-6789-ABCD-EFGH"})
    assert wrong.status_code == 200 and "ไม่พบเรื่องร้องเรียนตามรหัสนี้" in text_of(wrong)
    short = client.post("/complaint/status/", {"code": "ABC"})
    assert "รหัสติดตามเรื่องต้องมี 16 ตัวอักษร" in text_of(short)
    # The code never travels in a URL: a GET with one shows just the form.
    assert "สถานะ:" not in text_of(client.get("/complaint/status/", {"code": "2345-6789-ABCD-EFGH"}))


def test_call_to_action_tag_links_to_the_form_and_status(rf, complaint_page):
    from django.template import Context, Template

    request = rf.get("/")
    html = Template(
        "{% load complaint_tags %}{% complaint_call_to_action %}{% complaint_call_to_action variant='footer' %}"
    )
    rendered = html.render(Context({"request": request}))
    assert 'href="/complaint/"' in rendered and 'href="/complaint/status/"' in rendered
    assert rendered.count("css/complaints.css") == 1 and "complaint-cta--footer" in rendered
    complaint_page.unpublish()
    assert "/complaint/" not in Template("{% load complaint_tags %}{% complaint_call_to_action %}").render(Context({}))
