"""Dates in a query as C.E. ranges (search.analysis.dates), and their words made optional."""

import pytest

from search.analysis import analyze_query
from search.analysis.dates import find_dates
from search.query import SearchQuery, attribute_terms, date_terms

DAY = ("2024-07-09", "2024-07-09")


@pytest.mark.parametrize(
    "text",
    ["9 ก.ค. 67", "09/07/2024", "๙ กรกฎาคม ๒๕๖๗", "9/7/2567", "July 9, 2024", "9 กรกฎาคม พ.ศ. 2567", "2024-07-09"],
)
def test_a_day_in_any_form(text):
    assert [found[:2] for found in find_dates(f"มติ ครม. {text}")] == [DAY]


@pytest.mark.parametrize(
    "text, span",
    [
        ("กรกฎาคม 2567", ("2024-07-01", "2024-07-31")),
        ("ก.ค. 67", ("2024-07-01", "2024-07-31")),
        ("Feb 2024", ("2024-02-01", "2024-02-29")),
        ("ปีงบประมาณ 2567", ("2023-10-01", "2024-09-30")),
        ("fiscal year 2024", ("2023-10-01", "2024-09-30")),
    ],
)
def test_months_and_fiscal_years(text, span):
    assert [found[:2] for found in find_dates(text)] == [span]


@pytest.mark.parametrize(
    "text", ["", "ประชุม 32/2567", "31/2/2567", "may 2024", "พ.ร.บ. 2562", "99/99/9999", "\x00" * 9]
)
def test_no_date(text):
    assert find_dates(text) == []


def test_dates_and_the_other_words():
    terms, dates, words, only = date_terms("มติ ครม. 9 ก.ค. 67")
    assert dates == [DAY] and not only
    assert {"9", "กรกฎาคม", "67"} == words <= {t.term for t in terms}  # the date's words, optional
    assert date_terms("9 ก.ค. 67")[1] == [DAY] and date_terms("9 ก.ค. 67")[3]  # a date alone
    assert date_terms("ปีงบประมาณ 2567 ปีงบประมาณ 2567")[1] == [("2023-10-01", "2024-09-30")]
    assert date_terms("ข่าวอาเซียน")[1:] == ([], set(), False)


@pytest.mark.parametrize(
    "text, named",
    [
        ("ข่าว อาเซียน", {"type": ("news",)}),
        ("มติ ครม. ดิจิทัล", {"type": ("cabinet_resolution",)}),
        ("มติคณะรัฐมนตรี ดิจิทัล", {"type": ("cabinet_resolution",)}),
        ("บันทึกความเข้าใจ ญี่ปุ่น", {"type": ("mou",)}),
        ("ระเบียบ ยกเลิก", {"type": ("regulation",), "status": ("repealed",)}),
        ("กฎหมายที่มีผลใช้บังคับ", {"type": ("regulation",), "status": ("in_force",)}),
        ("อาเซียน ดิจิทัล", {}),
    ],
)
def test_attribute_words(text, named):
    assert attribute_terms(analyze_query(text))[0] == named


def test_optional_words_are_not_required():
    query = SearchQuery(terms=analyze_query("ข่าว อาเซียน"), optional=frozenset({"ข่าว"}))
    assert [t.term for t in query.required] == ["asean"] and [t.term for t in query.optional_words] == ["ข่าว"]
    alone = SearchQuery(terms=analyze_query("ข่าว"), optional=frozenset({"ข่าว"}))
    assert [t.term for t in alone.required] == ["ข่าว"] and alone.optional_words == []  # nothing else: required


def test_hostile_text_never_raises():
    for text in ["9/" * 500, "ก.ค. " * 400 + "67", "๙" * 3000, "July " * 300]:
        find_dates(text)
        date_terms(text)
