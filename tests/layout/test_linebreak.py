"""kb.thai.linebreak: Thai text breaks only at our segmenter's word boundaries, and nothing
but the rendering changes (tags, attributes, entities, skipped elements, copied text)."""

import re
from html import unescape

import pytest

from kb.thai.linebreak import add_line_breaks, break_run

WORDS = ("การกล่าวหา", "ราชกิจจานุเบกษา", "ครั้งที่", "พ.ร.บ.", "ครม.", "ป.ป.ช.")


def text_of(html):
    """What a reader copies: the text without tags, entities decoded (<wbr> adds nothing)."""
    return unescape(re.sub(r"<[^>]*>", "", html))


def break_points(run):
    """The pieces a Thai run may break between, from the markup of break_run."""
    markup = break_run(run)
    return re.sub(r"</?span[^>]*>", "", markup).split("<wbr>")


def test_words_are_kept_whole_and_separated_by_wbr():
    html = add_line_breaks("<h1>การกล่าวหาเจ้าหน้าที่ของรัฐ</h1>")
    assert html.startswith('<h1><span class="tw">การกล่าวหา<wbr>')
    assert "การกล่าวหา" in break_points("การกล่าวหาเจ้าหน้าที่ของรัฐ")
    assert break_points("ประกาศในราชกิจจานุเบกษา") == ["ประกาศ", "ใน", "ราชกิจจานุเบกษา"]


def test_ordinals_and_abbreviations_stay_whole():
    assert break_points("ครั้งที่") == ["ครั้งที่"]
    assert break_points("ตามพ.ร.บ.คณะกรรมการป.ป.ช.") == ["ตาม", "พ.ร.บ.", "คณะกรรมการ", "ป.ป.ช."]
    html = add_line_breaks("<p>มติ ครม. ครั้งที่ 4</p>")
    assert '<span class="tw">ครม.</span>' in html and '<span class="tw">ครั้งที่</span> 4' in html


def test_long_compounds_break_between_their_parts():
    # 35 letters in one dictionary word would overflow a phone's heading
    assert break_points("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม") == [
        "กระทรวง",
        "ดิจิทัล",
        "เพื่อ",
        "เศรษฐกิจ",
        "และ",
        "สังคม",
    ]


def test_latin_numbers_urls_and_attributes_are_untouched():
    source = (
        "<p title=\"การกล่าวหา\" data-x='a > b'>ASEAN Digital 2567 https://www.ratchakitcha.soc.go.th/x "
        '<a href="/search/?q=การกล่าวหา">ค้นหา</a> &amp; &#3585; &nbsp;</p>'
    )
    html = add_line_breaks(source)
    assert 'title="การกล่าวหา"' in html and "data-x='a > b'" in html and 'href="/search/?q=การกล่าวหา"' in html
    assert "ASEAN Digital 2567 https://www.ratchakitcha.soc.go.th/x" in html
    assert "&amp; &#3585; &nbsp;" in html
    assert text_of(html) == text_of(source)


@pytest.mark.parametrize("tag", ["script", "style", "pre", "code", "textarea", "title", "option", "kbd"])
def test_skipped_elements(tag):
    # raw-text elements hold a literal "<"; in the others it is escaped, as Django writes it
    less = "<" if tag in {"script", "style", "textarea", "title"} else "&lt;"
    inner = f"การกล่าวหาเจ้าหน้าที่ if (a{less}b) <i>การกล่าวหา</i> {{}}"
    source = f"<p>การกล่าวหา</p><{tag}>{inner}</{tag}><p>ราชกิจจานุเบกษา</p>"
    html = add_line_breaks(source)
    assert f"<{tag}>{inner}</{tag}>" in html
    assert '<p><span class="tw">ราชกิจจานุเบกษา</span></p>' in html  # the text after it is handled again


def test_head_and_comments_are_skipped():
    source = (
        '<html><head><title>การกล่าวหา</title><meta name="description" content="การกล่าวหา"></head>'
        "<body><!-- การกล่าวหา --><p>การกล่าวหา</p></body></html>"
    )
    html = add_line_breaks(source)
    assert "<head><title>การกล่าวหา</title>" in html and "<!-- การกล่าวหา -->" in html
    assert '<p><span class="tw">การกล่าวหา</span></p>' in html


def test_idempotent_and_copy_text_unchanged():
    source = (
        "<footer><p>ข้อความในเว็บไซต์นี้จัดทำเพื่อความสะดวก ให้ถือตามฉบับที่ประกาศในราชกิจจานุเบกษา"
        "หรือเอกสารต้นฉบับเป็นสำคัญ</p><p>การกล่าว<mark>หา</mark> ตาม พ.ร.บ. ป.ป.ช.</p></footer>"
    )
    once = add_line_breaks(source)
    assert add_line_breaks(once) == once
    assert text_of(once) == text_of(source)
    assert once.count("<wbr>") > 5


def test_text_without_thai_is_returned_as_is():
    source = "<p>No Thai here &amp; 2024</p>"
    assert add_line_breaks(source) is source
