"""kb.thai.pdf_repair: the known breakages of Thai PDF text, and properties of the repair."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.thai.pdf_repair import PUA_MAP, repair_thai, repair_thai_chars

CONSONANTS = re.compile("[\u0e01-\u0e2e]")


def test_spaces_inside_words_are_joined():
    assert repair_thai("จัดทำ แผนสำ รอง") == "จัดทำแผนสำรอง"
    assert repair_thai("จัด ทำ แผนสำ รองฉุก เฉิน") == "จัดทำแผนสำรองฉุกเฉิน"
    assert repair_thai("ของส่วนรา ชกา ร") == "ของส่วนราชการ"  # a word cut in three


def test_hyphens_inside_words_are_joined():
    assert repair_thai("จัดทำ-แผนสำ-รอง") == "จัดทำแผนสำรอง"
    assert repair_thai("ยุทธ-\nศาสตร์ชาติ") == "ยุทธศาสตร์ชาติ"  # hyphenated at a line end


def test_separators_between_words_that_stay_words_stay():
    assert repair_thai("ไทย-ญี่ปุ่น") == "ไทย-ญี่ปุ่น"
    assert repair_thai("ประกาศ ณ วันที่ ๑ มกราคม ๒๕๖๗") == "ประกาศ ณ วันที่ ๑ มกราคม ๒๕๖๗"
    assert repair_thai("ต่าง ๆ") == "ต่าง ๆ"
    assert repair_thai("นายสมชาย ใจดี") == "นายสมชาย ใจดี"
    # a long name may be joined or not: both spellings are right
    assert repair_thai("กระทรวง การคลัง") in ("กระทรวง การคลัง", "กระทรวงการคลัง")


def test_abbreviations_keep_their_space():
    assert repair_thai("สำนักงาน ก.พ. และ พ.ศ. ๒๕๖๗") == "สำนักงาน ก.พ. และ พ.ศ. ๒๕๖๗"


def test_line_break_inside_a_word_is_joined_and_between_words_kept():
    assert repair_thai("ยุทธศา\nสตร์") == "ยุทธศาสตร์"
    assert repair_thai("ข้อ ๑ ระเบียบนี้\nให้ใช้บังคับ") == "ข้อ ๑ ระเบียบนี้\nให้ใช้บังคับ"


def test_split_sara_am():
    assert repair_thai("ทํา") == "ทำ"
    assert repair_thai("น\u0e49\u0e4d\u0e32") == "น\u0e49\u0e33"  # tone mark between the halves
    assert repair_thai("น\u0e4d\u0e49\u0e32ท่วม") == "น\u0e49\u0e33ท่วม"  # visual order
    assert repair_thai("กํ า") == "กำ"


def test_double_sara_e_and_mark_order():
    assert repair_thai("เเผน") == "แผน"
    assert repair_thai("ก\u0e48\u0e35") == "ก\u0e35\u0e48"  # tone before sara ii -> after
    assert repair_thai("ที\u0e48\u0e48") == "ที\u0e48"  # a mark drawn twice
    assert repair_thai("ก \u0e34น") == "กิน"  # a space before a vowel mark


def test_private_use_glyphs_of_old_fonts():
    assert repair_thai("ป\uf702\uf713") == "ปี่"
    assert repair_thai("แม\uf70a") == "แม่"
    assert repair_thai("\uf70f\u0e38") == "ญุ"
    assert repair_thai("\uf700\u0e38") == "ฐุ"
    assert repair_thai("ป\uf711\uf713\u0e32") == "ป่ำ"


def test_invisible_and_control_characters():
    assert repair_thai("สำ\u200bนัก\u00adงาน\ufeff") == "สำนักงาน"
    assert repair_thai("จัดทำ\x1fแผน") == "จัดทำแผน"
    assert repair_thai("จัดทำ\rแผน") == "จัดทำแผน"
    assert repair_thai("บรรทัด\r\nใหม่") == "บรรทัด\nใหม่"
    assert repair_thai("ก\u00a0ข") == "ก ข"


def test_glyph_artifacts_after_sara_am():
    # a glyph the PDF forgot to map reads as the same stray character after every sara am
    assert repair_thai("จัดทำ%แผน ทำ%งาน คำ%สั่ง") == "จัดทำแผน ทำงาน คำสั่ง"
    # a character also used elsewhere is real text
    assert repair_thai("น้ำ/ไฟ น้ำ/ลม ทำ/ดี ๑/๒") == "น้ำ/ไฟ น้ำ/ลม ทำ/ดี ๑/๒"


def test_text_without_thai_is_untouched():
    text = "Digital Government Development Agency (DGA), 2024-2025\n\n  indented  "
    assert repair_thai(text) == text


def test_chars_only_keeps_spaces():
    assert repair_thai_chars("จัดทำ แผนสำ รอง เเละ ทํา") == "จัดทำ แผนสำ รอง และ ทำ"
    assert repair_thai_chars("ก\tข") == "ก\tข"


THAI = [chr(c) for c in range(0x0E01, 0x0E5C) if c not in range(0x0E3B, 0x0E3F)]
ALPHABET = st.sampled_from(
    THAI
    + [chr(c) for c in range(0xF700, 0xF71B)]
    + list(" -\n\r\t.,%/")
    + ["\u200b", "\x1f", "\u00ad", "\ufeff", "a", "Z", "5"]
    + ["\u0e4d\u0e32", "\u0e40\u0e40", "\u0e33", "จัดทำ", "แผน", "สำรอง", "กระทรวง"]
)
texts = st.lists(ALPHABET, max_size=60).map("".join)
PROPERTIES = settings(derandomize=True, deadline=None, max_examples=400)


@PROPERTIES
@given(texts)
def test_repair_is_idempotent(text):
    once = repair_thai(text)
    assert repair_thai(once) == once


@PROPERTIES
@given(texts)
def test_repair_never_drops_a_consonant(text):
    # U+F700 and U+F70F are ฐ and ญ drawn without their descender: they count as the letter
    assert len(CONSONANTS.findall(repair_thai(text))) == len(CONSONANTS.findall(text.translate(PUA_MAP)))


@PROPERTIES
@given(texts)
def test_repair_leaves_no_split_sara_am(text):
    assert "\u0e4d\u0e32" not in repair_thai(text)
    assert "\u0e40\u0e40" not in repair_thai(text)


@PROPERTIES
@given(texts)
def test_chars_repair_is_idempotent(text):
    once = repair_thai_chars(text)
    assert repair_thai_chars(once) == once
