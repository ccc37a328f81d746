"""In headless Chromium on phone widths: Thai lines break only between words (never inside
การกล่าวหา, ราชกิจจานุเบกษา, ครั้งที่ or any word the segmenter kept whole), copying gives
the source text back, the resolution's metadata panel is above its body and the search
page's "ตัวกรอง" control is above the first result (screenshots: tests/artifacts/layout-*.png)."""

import pytest

pytestmark = pytest.mark.browser

RESOLUTION = "/cabinet-resolutions/cr-2567-07-09-adgmin4/"
GUIDE = "/anti-corruption-centre/page-corruption-complaint-guide/"
WORDS = ["การกล่าวหา", "ราชกิจจานุเบกษา", "ครั้งที่", "เจ้าหน้าที่ของรัฐ", "คณะรัฐมนตรี"]

# For every occurrence of a listed word, and for every word the line-break step kept in one
# text node inside a span.tw: does its first letter sit on the same line as its last one?
BROKEN_WORDS = """(words) => {
  const top = (node, i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const rect = range.getClientRects()[0];
    return rect ? rect.top + rect.height / 2 : null;
  };
  const broken = [], checked = {listed: 0, spans: 0};
  const scopes = document.querySelectorAll("main h1, main h2, main h3, .record-body, .meta-panel, footer");
  for (const scope of scopes) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = "";
    for (let node; (node = walker.nextNode()); ) {
      nodes.push([text.length, node]);
      text += node.data;
    }
    const at = (offset) => {
      let k = nodes.length - 1;
      while (nodes[k][0] > offset) k--;
      return [nodes[k][1], offset - nodes[k][0]];
    };
    for (const word of words) {
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
        const first = top(...at(i)), last = top(...at(i + word.length - 1));
        checked.listed++;
        if (first !== null && last !== null && Math.abs(first - last) > 4) broken.push(word);
      }
    }
    for (const [, node] of nodes) {
      if (!node.parentElement.closest(".tw") || node.data.length < 2) continue;
      checked.spans++;
      const first = top(node, 0), last = top(node, node.data.length - 1);
      if (first !== null && last !== null && Math.abs(first - last) > 4) broken.push(node.data);
    }
  }
  return {broken, checked};
}"""


@pytest.fixture
def phone(browser):
    def open_tab(width, **options):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="th-TH", **options)
        return context.new_page()

    return open_tab


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("path", [RESOLUTION, GUIDE])
def test_no_line_break_inside_a_word(live_site, phone, screenshot, path, width):
    tab = phone(width)
    tab.goto(live_site["url"] + path)
    tab.evaluate("document.fonts.ready")
    result = tab.evaluate(BROKEN_WORDS, WORDS)
    assert result["broken"] == []
    assert result["checked"]["listed"] >= 2 and result["checked"]["spans"] > 50
    # no sideways scrolling: long compounds still break (between their parts)
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    name = "record" if path == RESOLUTION else "guide"
    screenshot(tab, f"layout-{name}-{width}", full_page=False)
    tab.context.close()


def test_copying_gives_the_source_text(live_site, phone):
    tab = phone(390)
    tab.goto(live_site["url"] + RESOLUTION)
    copied = tab.evaluate(
        """() => {
        const h1 = document.querySelector("main h1"), range = document.createRange();
        range.selectNodeContents(h1);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return [getSelection().toString(), h1.innerText, h1.textContent];
    }"""
    )
    title = "ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง"
    assert copied == [title, title, title]
    footer = tab.locator("footer").inner_text()
    assert "ราชกิจจานุเบกษา" in footer and "\u200b" not in footer
    tab.context.close()


def test_phone_layout_puts_metadata_and_filters_first(live_site, phone, screenshot):
    tab = phone(390, is_mobile=True, java_script_enabled=False)  # the filter control needs no script
    tab.goto(live_site["url"] + RESOLUTION)
    panel = tab.locator(".meta-panel").bounding_box()
    body = tab.locator(".record-body").bounding_box()
    assert panel["y"] + panel["height"] <= body["y"]  # date, status and outcome before the body
    assert "รับทราบ" in tab.locator(".meta-panel").inner_text()
    screenshot(tab, "layout-record-phone", full_page=False)

    tab.goto(live_site["url"] + "/search/?q=มติ")
    control = tab.locator("main summary", has_text="ตัวกรอง")
    first = tab.locator(".search-result").first
    assert control.is_visible() and not tab.locator(".facets").is_visible()
    assert control.bounding_box()["y"] < first.bounding_box()["y"]
    screenshot(tab, "layout-search-phone", full_page=False)
    control.click()
    assert tab.locator(".facets").is_visible()
    assert tab.locator(".facets").bounding_box()["y"] < first.bounding_box()["y"]
    screenshot(tab, "layout-search-phone-open", full_page=False)
    tab.context.close()


def test_wide_screen_keeps_the_side_columns(live_site, phone):
    tab = phone(1280)
    tab.goto(live_site["url"] + RESOLUTION)
    panel = tab.locator(".meta-panel").bounding_box()
    body = tab.locator(".record-body").bounding_box()
    assert panel["x"] > body["x"] + body["width"] - 1 and abs(panel["y"] - body["y"]) < 40
    tab.goto(live_site["url"] + "/search/?q=มติ")
    facets = tab.locator(".facets").bounding_box()
    first = tab.locator(".search-result").first.bounding_box()
    assert tab.locator(".facets").is_visible() and facets["x"] + facets["width"] <= first["x"]
    tab.context.close()
