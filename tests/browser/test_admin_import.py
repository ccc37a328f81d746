"""An editor imports a cabinet resolution through the admin screen, in headless Chromium:
log in, open "นำเข้ามติ ครม.", paste seed 002, preview, check and fix the fields, save the
draft, land on the page's edit view. The demo already holds this resolution
(cr-2567-07-09-adgmin4), so the import must update that page and not add another.

Each step is timed (not asserted); the times go to tests/artifacts/admin-import-timing.json.
"""

import json
import re
import sqlite3
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parents[1]
SEED = TESTS / "fixtures" / "resolution_002.txt"
ARTIFACTS = TESTS / "artifacts"  # where the screenshot fixture writes too
TITLE = "ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง"
DEMO_ID = "cr-2567-07-09-adgmin4"


def query(live_site, sql, *params):
    path = live_site["env"]["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, params).fetchall()


def resolution_state(live_site):
    ((demo_pk,),) = query(live_site, "SELECT page_ptr_id FROM kb_recordpage WHERE identifier = ?", DEMO_ID)
    ((pages,),) = query(live_site, "SELECT count(*) FROM kb_cabinetresolutionpage")
    ((revisions,),) = query(
        live_site,
        "SELECT count(*) FROM wagtailcore_revision WHERE object_id = ? "
        "AND base_content_type_id = (SELECT id FROM django_content_type "
        "WHERE app_label = 'wagtailcore' AND model = 'page')",
        str(demo_pk),
    )
    return demo_pk, pages, revisions


def whole_screen(page, screenshot, name):
    """Wagtail's admin scrolls inside <main>, so a full-page shot shows one viewport only:
    grow the viewport to the content for the shot, then put it back."""
    size = page.viewport_size
    height = page.evaluate("Math.max(document.querySelector('main').scrollHeight, window.innerHeight)")
    page.set_viewport_size({"width": size["width"], "height": min(height, 8000)})
    path = screenshot(page, name)
    page.set_viewport_size(size)
    return path


class Stopwatch:
    def __init__(self):
        self.steps, self._last = [], time.perf_counter()

    def restart(self):
        """Leave out the test's own work (screenshots) from the next step."""
        self._last = time.perf_counter()

    def lap(self, name):
        now = time.perf_counter()
        self.steps.append((name, round(now - self._last, 2)))
        self._last = now


def test_editor_imports_a_resolution(live_site, page, screenshot):
    base = live_site["url"]
    demo_pk, pages_before, revisions_before = resolution_state(live_site)
    clock = Stopwatch()

    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(live_site["admin_password"])
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base + "/admin/")
    clock.lap("เข้าสู่ระบบ (log in)")

    # Open the screen from the admin menu, as an editor would.
    page.get_by_role("link", name="นำเข้ามติ ครม.").first.click()
    page.wait_for_url(re.compile(r"/admin/kb/import-resolution/$"))
    assert page.locator("h1, h2").filter(has_text="นำเข้ามติ ครม.").count() >= 1
    clock.lap("เปิดหน้าจอนำเข้า (open screen)")

    page.locator("textarea[name=text]").fill(SEED.read_text(encoding="utf-8"))
    clock.lap("วางข้อความ (paste)")

    page.get_by_role("button", name="ตรวจสอบ (Preview)").click()
    page.wait_for_load_state()
    fields = {
        name: page.locator(f"[name=r-{name}]").input_value()
        for name in ("title", "meeting_date", "outcome", "proposer", "chair", "category", "published_at")
    }
    assert fields == {
        "title": TITLE,
        "meeting_date": "9 กรกฎาคม 2567",
        "outcome": "รับทราบ",
        "proposer": "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดศ.)",
        "chair": "นายเศรษฐา ทวีสิน (นายกรัฐมนตรี)",
        "category": "มติ ครม.",
        "published_at": "10 กรกฎาคม 2567 เวลา 00:20 น.",
    }
    assert page.locator("table.kb-import__table").count() == 2
    assert page.get_by_text(DEMO_ID).is_visible()  # "already imported: will update that page"
    clock.lap("ตรวจสอบ (preview)")
    whole_screen(page, screenshot, "admin-import-preview")
    clock.restart()

    # The editor checks the fields and retypes one (here to the same value).
    page.locator("[name=r-chair]").fill("นายเศรษฐา ทวีสิน (นายกรัฐมนตรี)")
    clock.lap("แก้ไขข้อมูล (fix fields)")

    page.get_by_role("button", name="สร้างฉบับร่าง (Save draft)").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    clock.lap("สร้างฉบับร่าง (create draft)")

    assert page.url == f"{base}/admin/pages/{demo_pk}/edit/"  # the demo's page, updated in place
    assert page.get_by_text("บันทึกฉบับร่างใหม่").first.is_visible()
    assert page.locator("input[name=title]").input_value() == TITLE
    screenshot(page, "admin-import-created", full_page=False)  # the message and the top of the edit form
    _pk, pages_after, revisions_after = resolution_state(live_site)
    assert pages_after == pages_before  # no duplicate
    assert revisions_after == revisions_before + 1
    assert query(live_site, "SELECT live, has_unpublished_changes FROM wagtailcore_page WHERE id = ?", demo_pk) == [
        (1, 1)
    ]  # the published copy stays until review

    total = round(sum(seconds for _name, seconds in clock.steps), 2)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "admin-import-timing.json").write_text(
        json.dumps({"steps": clock.steps, "total_seconds": total}, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print("\nadmin import flow:", ", ".join(f"{name} {seconds}s" for name, seconds in clock.steps), f"= {total}s")
