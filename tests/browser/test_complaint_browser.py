"""The complaint form on a 390 px phone, in headless Chromium against the live demo site:
an anonymous complaint with an evidence file, the tracking code, the status page, the error
summary, and an officer's view in the admin. Then the server's real committed database file
and evidence folder are read: no plain text of the complaint in either.
Screenshots: tests/artifacts/complaint-*.png."""

from pathlib import Path

import pytest

from tests.complaints.complaint_data import ASCII_PHRASE, THAI_PHRASE, pdf_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="th-TH", is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    yield tab
    context.close()


def no_sideways_scroll(tab):
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_anonymous_complaint_with_a_file_on_a_phone(live_site, phone, screenshot, tmp_path):
    base = live_site["url"]
    errors, missing = [], []
    phone.on(
        "console", lambda m: errors.append(m.text) if m.type == "error" and "Failed to load" not in m.text else None
    )
    phone.on("response", lambda r: missing.append(r.url) if r.status >= 400 and "favicon" not in r.url else None)

    phone.goto(base + "/complaint/")
    assert phone.locator("h1").inner_text() == "ร้องเรียนการทุจริต"
    no_sideways_scroll(phone)
    screenshot(phone, "complaint-form")

    # Sending it empty: the error summary comes first, takes the focus and links to the fields.
    phone.get_by_role("button", name="ส่งเรื่องร้องเรียน").click()
    phone.wait_for_load_state()
    summary = phone.locator("#error-summary")
    assert summary.is_visible()
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    summary.get_by_role("link", name="โปรดกรอกข้อกล่าวหา (เรื่องที่ร้องเรียน)").click()
    assert phone.evaluate("location.hash") == "#id_allegation"
    screenshot(phone, "complaint-errors", full_page=False)

    phone.get_by_label("ตำแหน่ง", exact=True).fill("หัวหน้าฝ่ายพัสดุ")
    phone.get_by_label("ข้อกล่าวหา (เรื่องที่ร้องเรียน)").fill(f"ทุจริตจัดซื้อ {ASCII_PHRASE}")
    phone.get_by_label("พฤติการณ์การกระทำความผิด").fill(f"{THAI_PHRASE} ช่วงเดือนมีนาคม")
    evidence = tmp_path / "หลักฐาน.pdf"
    evidence.write_bytes(pdf_bytes())
    phone.get_by_label("ไฟล์หลักฐาน").set_input_files(str(evidence))
    phone.get_by_label("ไม่ประสงค์เปิดเผยชื่อ (ร้องเรียนโดยไม่ระบุตัวตน)").check()
    assert not phone.locator("#complainant-contact").is_visible()  # the contact fields step aside
    phone.get_by_label("ข้าพเจ้าได้อ่านและรับทราบประกาศความเป็นส่วนตัวข้างต้นแล้ว").check()
    # The honeypot is off-screen (by its class) and out of the tab order.
    assert phone.locator(".complaint-hp input").evaluate("el => el.getBoundingClientRect().right <= 0")
    assert phone.locator(".complaint-hp input").get_attribute("tabindex") == "-1"
    screenshot(phone, "complaint-filled")
    phone.get_by_role("button", name="ส่งเรื่องร้องเรียน").click()
    phone.wait_for_load_state()

    code = phone.locator("[data-tracking-code]").inner_text().strip()
    assert len(code.replace("-", "")) == 16
    assert phone.get_by_text("ระบบจะแสดงรหัสนี้เพียงครั้งเดียว").is_visible()
    no_sideways_scroll(phone)
    screenshot(phone, "complaint-code")

    phone.get_by_role("link", name="ไปที่หน้าติดตามสถานะ").click()
    phone.wait_for_load_state()
    phone.get_by_label("รหัสติดตามเรื่อง").fill(code)
    phone.get_by_role("button", name="ตรวจสอบสถานะ").click()
    phone.wait_for_load_state()
    result = phone.locator("#status-result")
    assert "รับเรื่องแล้ว" in result.inner_text() and "วันที่รับเรื่อง" in result.inner_text()
    assert THAI_PHRASE not in phone.content()
    no_sideways_scroll(phone)
    screenshot(phone, "complaint-status")
    assert not errors, errors  # no CSP or script errors
    assert not missing, missing  # every stylesheet and script loaded

    # The server's real files, after the commit: the database (and its WAL) and the evidence folder.
    var_dir = Path(live_site["env"]["KB_VAR_DIR"])
    database = b"".join(p.read_bytes() for p in var_dir.glob("db.sqlite3*"))
    assert "ร้องเรียนการทุจริต".encode() in database  # the page title: the bytes are readable Thai
    evidence_files = list((var_dir / "complaints").iterdir())
    assert len(evidence_files) >= 1
    for secret in (THAI_PHRASE.encode(), ASCII_PHRASE.encode(), "หัวหน้าฝ่ายพัสดุ".encode()):
        assert secret not in database
        for path in evidence_files:
            assert secret not in path.read_bytes()


def test_an_officer_reads_it_in_the_admin(live_site, browser, screenshot):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    tab = context.new_page()
    tab.goto(live_site["url"] + "/admin/login/")
    tab.locator("#id_username").fill("officer")
    tab.locator("#id_password").fill(live_site["admin_password"])
    tab.locator("button[type=submit]").click()
    tab.wait_for_load_state()
    tab.goto(live_site["url"] + "/admin/complaints/")
    assert tab.locator("table.listing").is_visible()
    screenshot(tab, "complaint-admin-list")
    links = tab.locator("table.listing a")
    if links.count():
        links.first.click()
        tab.wait_for_load_state()
        assert "การเปิดดูครั้งนี้ถูกบันทึกไว้แล้ว" in tab.content()
        assert "เปิดดูรายละเอียดเรื่องร้องเรียน" in tab.content()
        screenshot(tab, "complaint-admin-detail")
    context.close()
