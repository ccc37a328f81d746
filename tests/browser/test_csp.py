"""The Content-Security-Policy as Chromium enforces it: the public pages (anonymous, and with
an editor's Wagtail userbar) and the admin's page editor run without a single violation,
and the search page's sort menu still submits (a script file, not an inline handler)."""

import re
import sqlite3

import pytest

pytestmark = pytest.mark.browser


def watch_violations(tab):
    violations = []
    tab.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    # Also the DOM event, which names the directive and what was blocked.
    tab.add_init_script("""document.addEventListener("securitypolicyviolation",
        (e) => console.error("Content Security Policy violation: " + e.violatedDirective + " " + e.blockedURI));""")
    return violations


def log_in(tab, live_site):
    tab.goto(live_site["url"] + "/admin/login/")
    tab.locator("#id_username").fill("admin")
    tab.locator("#id_password").fill(live_site["admin_password"])
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url(live_site["url"] + "/admin/")


def test_public_pages_run_without_violations(live_site, page):
    base = live_site["url"]
    violations = watch_violations(page)
    response = page.goto(base + "/")
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert page.evaluate("document.fonts.check('16px Sarabun')")  # fonts from our static files load

    page.goto(base + "/search/?q=ครม.")
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():
        page.locator("#sort").select_option("newest")
    assert "sort=newest" in page.url
    page.goto(base + "/no-such-page/")
    assert page.locator("h1").inner_text().startswith("ไม่พบหน้าที่ต้องการ")
    assert violations == []


def test_editor_userbar_and_page_editor_run_without_violations(live_site, page):
    violations = watch_violations(page)
    log_in(page, live_site)
    page.goto(live_site["url"] + "/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.querySelector('wagtail-userbar') !== null")
    public_violations = list(violations)

    path = live_site["env"]["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        ((page_id,),) = connection.execute("SELECT page_ptr_id FROM kb_recordpage ORDER BY 1 LIMIT 1").fetchall()
    page.goto(f"{live_site['url']}/admin/pages/{page_id}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name=title]").is_visible()
    page.locator("input[name=title]").fill(page.locator("input[name=title]").input_value() + " ")
    page.get_by_role("button", name=re.compile("บันทึกฉบับร่าง")).first.click()  # save draft
    page.wait_for_load_state("networkidle")
    assert page.locator(".messages .success").count() >= 1  # Wagtail saved it
    assert public_violations == [] and violations == []
