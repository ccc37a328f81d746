"""The admin in headless Chromium: the title shows Thai marks whole, the B.E. calendar is
usable from the keyboard, and the editor saves a resolution with a B.E. meeting date.
Screenshots go to tests/artifacts/ (admin-title.png, admin-be-calendar.png, admin-be-date-error.png)."""

import re

import pytest

from tests.browser.fixtures import ARTIFACTS, _manage
from tests.builders import record_line

pytestmark = pytest.mark.browser
TITLE_WORDS = "ครั้งที่ 4"
TITLE = f"การประชุมทดสอบปฏิทิน พ.ศ. {TITLE_WORDS}"


@pytest.fixture
def own_resolution(live_site, tmp_path):
    """A resolution of this test's own on the shared demo server, so the drafts saved here
    leave the demo's records (which other browser tests import over) as they were."""
    path = tmp_path / "resolution.jsonl"
    line = record_line(type="cabinet_resolution", identifier="browser-be-date", title=TITLE, meeting_date="2024-07-09")
    path.write_text(line + "\n", encoding="utf-8")
    _manage(live_site["env"], "import_records", str(path), "--publish")
    return TITLE


def log_in(tab, base, user, password):
    tab.goto(base + "/admin/login/")
    tab.fill("#id_username", user)
    tab.fill("#id_password", password)
    tab.click("button[type=submit]")
    tab.wait_for_url(re.compile(r"/admin/$"))


def open_resolution(tab, base):
    tab.goto(base + "/admin/pages/search/?q=" + "การประชุมทดสอบปฏิทิน")
    tab.locator("a[href*='/edit/']", has_text=TITLE_WORDS).first.click()
    tab.wait_for_selector("#id_meeting_date")


def test_title_marks_calendar_and_saving_a_be_date(live_site, own_resolution, page, screenshot):
    base = live_site["url"]
    log_in(page, base, "editor", live_site["admin_password"])
    open_resolution(page, base)

    title = page.locator("#id_title")
    assert TITLE_WORDS in title.input_value()
    metrics = title.evaluate(
        """t => { const s = getComputedStyle(t);
           return {ratio: parseFloat(s.lineHeight) / parseFloat(s.fontSize), top: parseFloat(s.paddingTop),
                   font: parseFloat(s.fontSize), overflow: t.scrollHeight - t.clientHeight}; }"""
    )
    # room above the first line for a vowel and a tone mark stacked (ครั้ง), nothing cut off
    assert metrics["ratio"] >= 1.6 and metrics["top"] >= 0.35 * metrics["font"] and metrics["overflow"] <= 0
    ARTIFACTS.mkdir(exist_ok=True)
    title.screenshot(path=str(ARTIFACTS / "admin-title.png"))

    meeting = page.locator("#id_meeting_date")
    assert meeting.input_value() == "9 กรกฎาคม 2567"
    meeting.focus()
    page.keyboard.press("Alt+ArrowDown")
    popup = page.locator(".kb-be-date__popup")
    assert popup.is_visible()
    assert popup.locator(".kb-be-date__caption").inner_text() == "กรกฎาคม พ.ศ. 2567"
    assert popup.locator(".kb-be-date__year").input_value() == "2567"
    for key in ("ArrowRight", "ArrowRight", "PageDown"):  # two days on, then a month: 11 August
        page.keyboard.press(key)
    assert popup.locator(".kb-be-date__caption").inner_text() == "สิงหาคม พ.ศ. 2567"
    screenshot(page, "admin-be-calendar", full_page=False)
    page.keyboard.press("Enter")
    assert not popup.is_visible()
    assert meeting.input_value() == "11 สิงหาคม 2567"

    page.locator("button.action-save").first.click()  # บันทึกฉบับร่าง
    page.wait_for_load_state("networkidle")
    page.reload()
    assert page.locator("#id_meeting_date").input_value() == "11 สิงหาคม 2567"  # saved, shown back in B.E.

    page.locator("#id_meeting_date").fill("3110-07-09")
    page.locator("button.action-save").first.click()
    page.wait_for_load_state("networkidle")
    field = page.locator(".w-field", has=page.locator("#id_meeting_date")).last
    assert "ปี พ.ศ. 3110 (ค.ศ. 2567) อยู่นอกช่วงที่รับได้" in field.inner_text()
    assert "เข้าใจว่า 9 กรกฎาคม 3110" in field.inner_text()
    screenshot(page, "admin-be-date-error", full_page=False)
