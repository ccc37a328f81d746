"""One reading of a typed year everywhere: a four-digit year from 2400 on is B.E., below
it C.E., two digits are B.E. (search.analysis.dates.to_ce_year). The search's dates, the
year filter, URLs' ?as_of= and ISO days, the API's date filters and the admin's typed dates
all agree on the bound."""

import pytest

from kb.legal.versions import parse_as_of
from kb.thai.dates import parse_iso_day, typed_year_to_ce, year_to_ce
from search.analysis.dates import BE_FROM, find_dates, to_ce_year
from search.query import parse_year


@pytest.mark.parametrize("year", [1857, 1999, 2024, 2399, 2400, 2401, 2567, 2700])
def test_every_reader_of_a_four_digit_year_agrees(year):
    ce = to_ce_year(year)
    assert ce == (year - 543 if year >= BE_FROM else year)
    assert parse_iso_day(f"{year}-07-09").year == ce
    assert parse_as_of(f"9/7/{year}").year == ce
    assert typed_year_to_ce(year) == ce
    if 1900 <= ce < 2200 or year >= BE_FROM:
        assert year_to_ce(year, 4) == ce
    if 1800 <= ce <= 2300:
        (first, last, _), *_ = find_dates(f"9/7/{year}")
        assert first == last == f"{ce}-07-09"
    if 1800 <= ce <= 2800 - 543:
        assert parse_year(str(year)) == ce + 543


def test_two_digit_years_are_buddhist():
    assert to_ce_year(67, 2) == year_to_ce(67, 2) == typed_year_to_ce(67, 2) == 2024
    (first, _, _), *_ = find_dates("9/7/67")
    assert first == "2024-07-09"
