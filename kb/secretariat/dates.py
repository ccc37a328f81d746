"""Dates as the Secretariat's pages write them: Thai dates in full or abbreviated
month form with Buddhist-era or two-digit years ("9 กรกฎาคม 2567", "๙ ก.ค. ๖๗"),
the B.E. -> C.E. year rule, and the "Published:" time of the article-info block
(ISO 8601, English or Thai), read in Bangkok time.

(Month names also live in kb/thai_dates.py, which formats dates for display; this
module keeps its own table, with the misspellings seen on government sites.)
"""
from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .text import DIGIT, thai_to_arabic_digits

BANGKOK = ZoneInfo("Asia/Bangkok")

_THAI_MONTHS = {
    "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6,
    "กรกฎาคม": 7, "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "ธันวาคม": 12,
    # frequent misspellings seen on government sites
    "กรกฏาคม": 7, "กุมภาพันธ": 2, "พฤษภาคาม": 5,
}
_THAI_MONTH_ABBR = {
    "มค": 1, "กพ": 2, "มีค": 3, "เมย": 4, "พค": 5, "มิย": 6,
    "กค": 7, "สค": 8, "กย": 9, "ตค": 10, "พย": 11, "ธค": 12,
}
_EN_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_EN_MONTHS.update({k[:3]: v for k, v in list(_EN_MONTHS.items())})
_EN_MONTHS["sept"] = 9


def _abbr_pattern(abbr: str) -> str:
    # "กค" -> "ก\.?\s?ค\.?" ; "มีค" -> "มี\.?\s?ค\.?"  (dots and the inner space optional)
    first, last = abbr[:-1], abbr[-1]
    return re.escape(first) + r"\.?\s?" + re.escape(last) + r"\.?"


_MONTH_ALT = "|".join(
    sorted((re.escape(m) for m in _THAI_MONTHS), key=len, reverse=True)
    + [_abbr_pattern(a) for a in sorted(_THAI_MONTH_ABBR, key=len, reverse=True)]
)
WEEKDAY = r"(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)"
THAI_DATE_RE = re.compile(
    rf"(?P<d>{DIGIT}{{1,2}})\s*(?P<m>{_MONTH_ALT})\s*(?:พ\.?\s?ศ\.?\s*)?(?P<y>{DIGIT}{{4}}|{DIGIT}{{2}})(?!{DIGIT})"
)


def _month_number(token: str) -> int | None:
    token = token.strip()
    if token in _THAI_MONTHS:
        return _THAI_MONTHS[token]
    key = re.sub(r"[.\s]", "", token)
    return _THAI_MONTH_ABBR.get(key)


def year_to_ce(year: int, digits: int) -> int:
    """B.E. years (2400+) -> C.E.; two-digit years are B.E. (67 -> 2567);
    plausible C.E. years (1900-2199) are kept."""
    if digits == 2:
        year += 2500
    if year >= 2400:
        return year - 543
    if 1900 <= year < 2200:
        return year
    raise ValueError(f"implausible year {year}")


def parse_thai_date(s: str) -> date | None:
    """First Thai-style date in *s* ("9 กรกฎาคม 2567", "๙ ก.ค. ๖๗", "9 ก.ค. พ.ศ. 2567")."""
    m = THAI_DATE_RE.search(s)
    if not m:
        return None
    return thai_date_from_match(m)


def thai_date_from_match(m: re.Match) -> date:
    """The date of a THAI_DATE_RE match (or of a pattern embedding its groups)."""
    day = int(thai_to_arabic_digits(m.group("d")))
    month = _month_number(m.group("m"))
    ytxt = thai_to_arabic_digits(m.group("y"))
    if month is None:
        raise ValueError(f"unknown month {m.group('m')!r}")
    return date(year_to_ce(int(ytxt), len(ytxt)), month, day)


def parse_published(value: str) -> datetime:
    """A "Published:" value -> an aware datetime in Bangkok time; raises ValueError.

    Accepts ISO 8601 (with or without an offset), English ("Wednesday, 10 July 2024
    00:20", "July 10, 2024") and Thai ("วันพุธที่ 10 กรกฎาคม 2567 เวลา 00:20 น.")."""
    v = thai_to_arabic_digits(value.strip())
    # ISO 8601
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$", v)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        hh, mi, ss = int(m.group(4) or 0), int(m.group(5) or 0), int(m.group(6) or 0)
        dt = datetime(year_to_ce(y, 4), mo, d, hh, mi, ss)
        if m.group(7):
            aware = datetime.fromisoformat(f"{dt.isoformat()}{'+00:00' if m.group(7) == 'Z' else m.group(7)}")
            return aware.astimezone(BANGKOK)
        return dt.replace(tzinfo=BANGKOK)
    # English: "Wednesday, 10 July 2024 00:20" / "10 July 2024" / "July 10, 2024 00:20"
    m = re.match(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2}))?", v)
    m2 = None if m else re.match(r"^(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2}))?", v)
    if m or m2:
        if m:
            d, mon, y, hh, mi = m.groups()
        else:
            mon, d, y, hh, mi = m2.groups()
        month = _EN_MONTHS.get(mon.lower())
        if month:
            return datetime(year_to_ce(int(y), 4), month, int(d), int(hh or 0), int(mi or 0), tzinfo=BANGKOK)
    # Thai: "วันพุธที่ 10 กรกฎาคม 2567 เวลา 00:20 น."
    m = THAI_DATE_RE.search(v)
    if m:
        d0 = thai_date_from_match(m)
        t = re.search(r"(\d{1,2})[:.](\d{2})", v[m.end():])
        hh, mi = (int(t.group(1)), int(t.group(2))) if t else (0, 0)
        return datetime(d0.year, d0.month, d0.day, hh, mi, tzinfo=BANGKOK)
    raise ValueError(value)
