"""Dates as the Secretariat's pages write them ("9 กรกฎาคม 2567", "๙ ก.ค. ๖๗", the
"Published:" time): the parsers live in kb.thai.dates, beside the display formatting and
the month names; this module keeps the names the rest of the package imports."""

from __future__ import annotations

from kb.thai.dates import (
    BANGKOK,
    THAI_DATE_RE,
    WEEKDAY,
    parse_published,
    parse_thai_date,
    thai_date_from_match,
    year_to_ce,
)

__all__ = [
    "BANGKOK",
    "THAI_DATE_RE",
    "WEEKDAY",
    "parse_published",
    "parse_thai_date",
    "thai_date_from_match",
    "year_to_ce",
]
