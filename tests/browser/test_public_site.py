"""The public site as a user sees it, in headless Chromium (screenshots in tests/artifacts/)."""

import pytest

pytestmark = pytest.mark.browser


def test_home_then_ethics_centre(live_site, page, screenshot):
    page.goto(live_site["url"] + "/")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("main h1").first.is_visible()
    screenshot(page, "home")

    page.get_by_role("complementary").get_by_role("link", name="ศูนย์ปฏิบัติการต่อต้านการทุจริต", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/anti-corruption-centre/")
    assert page.locator("h1").inner_text() == "ศูนย์ปฏิบัติการต่อต้านการทุจริต"
    # The Thai web font from our own static files is what the page renders with.
    assert page.evaluate("document.fonts.check('16px Sarabun')")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Sarabun') && f.status === 'loaded')")
    screenshot(page, "ethics-centre")


def test_search_from_home_shows_highlighted_results(live_site, page, screenshot):
    page.goto(live_site["url"] + "/")
    page.locator("#home-q").fill("ครม. รับทราบ")
    page.locator("#home-q").press("Enter")
    page.wait_for_load_state()
    assert "/search/" in page.url
    assert page.locator("mark").count() > 0
    screenshot(page, "search-results")


def test_record_page_on_a_phone(live_site, browser, screenshot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="th-TH", is_mobile=True)
    tab = context.new_page()
    tab.goto(live_site["url"] + "/cabinet-resolutions/")
    tab.locator("main a[href*='/cabinet-resolutions/']").first.click()
    tab.wait_for_load_state()
    # No horizontal scrolling on a phone: long Thai lines and tables wrap or scroll inside their box.
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert tab.get_by_text("พ.ศ.").count() + tab.locator("dl").count() > 0
    screenshot(tab, "record-mobile", full_page=False)
    context.close()
