"""Excerpts that end at a Thai word boundary (kb.thai.text.truncate_thai)."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kb.thai.text import truncate_thai

SENTENCE = "คณะรัฐมนตรีรับทราบผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง"


def test_short_text_is_unchanged_but_on_one_line():
    assert truncate_thai("มติ  คณะรัฐมนตรี\nวันนี้", 100) == "มติ คณะรัฐมนตรี วันนี้"


def test_cut_at_a_word_boundary():
    assert truncate_thai(SENTENCE, 20) == "คณะรัฐมนตรีรับทราบ…"
    assert truncate_thai(SENTENCE, 30) == "คณะรัฐมนตรีรับทราบผล…"


def test_a_single_long_word_is_cut_but_never_before_a_mark():
    assert truncate_thai("x" * 50, 10) == "x" * 9 + "…"
    cut = truncate_thai("คณะรัฐมนตรี", 5)  # the 5th letter carries a vowel mark above
    assert cut == "คณะ…"


def test_template_filter(client):
    from django.template import Context, Template

    html = Template("{% load thai_text %}{{ text|truncate_thai:20 }}").render(Context({"text": SENTENCE}))
    assert html == "คณะรัฐมนตรีรับทราบ…"


WORDS = [
    "คณะรัฐมนตรี",
    "รับทราบ",
    "ผล",
    "การประชุม",
    "ที่",
    "เกี่ยวข้อง",
    "ดิจิทัล",
    "กำหนด",
    "ให้",
    "ผู้ตรวจราชการ",
    "ทุจริต",
    "ฯ",
    "พ.ศ.",
    "2567",
    "ASEAN",
    " ",
    "\n",
    "  ",
]


@given(st.lists(st.sampled_from(WORDS), max_size=80), st.integers(min_value=1, max_value=200))
def test_a_prefix_no_longer_than_the_limit_that_never_leaves_a_mark_behind(words, limit):
    text = " ".join("".join(words).split())
    cut = truncate_thai("".join(words), limit)
    assert len(cut) <= limit
    body = cut.removesuffix("…")
    assert text.startswith(body)
    if cut.endswith("…") and len(text) > len(body):
        assert unicodedata.category(text[len(body)]) != "Mn"  # a vowel or tone mark stays with its letter
