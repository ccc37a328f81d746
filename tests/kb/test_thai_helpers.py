"""kb.thai: the merged Thai helpers agree with PyThaiNLP where built on it, keep each old
implementation's behaviour where two were merged, and import without Django."""

import subprocess
import sys

import pytest
from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit
from pythainlp.util.date import thai_abbr_months, thai_full_months

from kb.text_blocks import text_to_blocks
from kb.thai.dates import THAI_MONTHS, THAI_MONTHS_SHORT, be_to_ce, ce_to_be, parse_thai_date
from kb.thai.digits import to_arabic_digits, to_thai_digits
from kb.thai.names import HONORIFICS, PERSON_TITLES, strip_honorifics

SAMPLES = ["", "ข้อ 12 วันที่ ๙ ก.ค. ๒๕๖๗", "0123456789", "๐๑๒๓๔๕๖๗๘๙", "ABC ไม่มีตัวเลข"]


@pytest.mark.parametrize("text", SAMPLES)
def test_digit_folding_matches_pythainlp(text):
    assert to_arabic_digits(text) == thai_digit_to_arabic_digit(text)
    assert to_thai_digits(text) == arabic_digit_to_thai_digit(text)


def test_month_names_are_pythainlps():
    assert tuple(thai_full_months) == THAI_MONTHS and tuple(thai_abbr_months) == THAI_MONTHS_SHORT


@pytest.mark.parametrize(
    "text, iso",
    [
        ("9 กรกฎาคม 2567", "2024-07-09"),
        ("๙ ก.ค. ๖๗", "2024-07-09"),
        ("1 มีค 2566", "2023-03-01"),  # abbreviation without dots
        ("3 กรกฏาคม 2567", "2024-07-03"),  # the misspellings the Secretariat parser knew
        ("10 พฤษภาคาม 2567", "2024-05-10"),
        ("วันที่ 5 ธ.ค. พ.ศ. 2566", "2023-12-05"),
    ],
)
def test_the_parser_reads_every_month_form_from_the_one_table(text, iso):
    assert parse_thai_date(text).isoformat() == iso


def test_be_offset_helpers():
    assert ce_to_be(2024) == 2567 and be_to_ce(2567) == 2024


def test_people_lines_keep_the_narrow_title_list():
    # Kept: the body parser's own title set (a subset of HONORIFICS). "คุณ…" lines stay text.
    assert set(PERSON_TITLES) <= set(HONORIFICS)
    assert any(t == "people" for t, _ in text_to_blocks("นายสมชาย ใจดี\nนางสาวสมหญิง ใจงาม"))
    assert all(t != "people" for t, _ in text_to_blocks("คุณสมชาย ใจดี\nคุณสมหญิง ใจงาม"))
    assert strip_honorifics("คุณสมชาย ใจดี") == "สมชาย ใจดี"


def test_kb_thai_and_the_secretariat_parser_import_without_django():
    code = (
        "import sys, kb.thai.dates, kb.thai.digits, kb.thai.names, kb.thai.text, kb.thai.diff, kb.secretariat;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'wagtail')]; print(bad); assert not bad"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        env={"PYTHAINLP_OFFLINE": "1", "PATH": ""},
        cwd=__import__("pathlib").Path(__file__).resolve().parents[2],
    )
