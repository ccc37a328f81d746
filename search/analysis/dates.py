"""Dates in a query, as C.E. date ranges: "9 ก.ค. 67", "09/07/2024", "๙ กรกฎาคม ๒๕๖๗",
"9/7/2567", "July 9, 2024", "กรกฎาคม 2567" (the month), "ปีงบประมาณ 2567" (1 Oct 2566 to
30 Sep 2567). Pure: no Django, no kb/. Years: to_ce_year, the project's one reading of a
typed year (kb/ reads URLs, API filters and the admin's dates with it too). Never raises."""

import calendar
import re
from datetime import date

from pythainlp.util.date import thai_abbr_months, thai_full_months

BE_OFFSET = 543
BE_FROM = 2400  # a four-digit year from here on is B.E. (2400 B.E. is 1857 C.E.), below it C.E.


def to_ce_year(year: int, digits: int = 4) -> int:
    """The C.E. year of a year as people type it: two digits are a B.E. year's last two
    (Thai usage: 67 is 2567), four digits from BE_FROM on are B.E., others C.E."""
    if digits == 2:
        year += 2500
    return year - BE_OFFSET if year >= BE_FROM else year


_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_EN_MONTHS = [calendar.month_name[m].lower() for m in range(1, 13)]
# Month name -> number: Thai full names, abbreviations with or without dots, English
# names and their three-letter forms ("may" only in full dates: it is also a word).
MONTHS = {}
for _number, (_full, _abbr, _en) in enumerate(zip(thai_full_months, thai_abbr_months, _EN_MONTHS, strict=True), 1):
    for _name in (_full, _abbr, _abbr.replace(".", ""), _en, _en[:3], "sept" if _number == 9 else _en):
        MONTHS[_name] = _number
_MONTH_RE = "|".join(sorted((re.escape(n) for n in MONTHS), key=len, reverse=True))
_ERA = r"(?:(?:พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|b\.?e\.?|a\.?d\.?)\s*)?"
_YEAR = rf"{_ERA}(\d{{4}}|\d{{2}})"
# Words that introduce a date belong to it ("วันที่ 9 ก.ค. 67", "เดือนเมษายน 2562"): else
# they would be the query's one required word.
_PREFIX = r"(?:(?:วันที่|เดือน|ประจำเดือน|ณ\s*วันที่|on|in)\s*)?"
_PATTERNS = [
    # 9/7/2567, 09-07-2024, 9.7.67
    ("dmy", re.compile(_PREFIX + r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-])")),
    # 2024-07-09
    ("ymd", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")),
    # 9 ก.ค. 67, ๙ กรกฎาคม ๒๕๖๗, 9 July 2024, วันที่ 9 กรกฎาคม พ.ศ. 2567
    ("dMy", re.compile(rf"{_PREFIX}(?<!\d)(\d{{1,2}})\s*({_MONTH_RE})\s*,?\s*{_YEAR}(?!\d)", re.I)),
    # July 9, 2024
    ("Mdy", re.compile(rf"{_PREFIX}(?<![a-z])({_MONTH_RE})\s+(\d{{1,2}}),?\s+{_YEAR}(?!\d)", re.I)),
    # ปีงบประมาณ 2567, ปีงบ 67, fiscal year 2024, FY2024
    ("fy", re.compile(rf"(?:ปีงบประมาณ|ปีงบ\.?|fiscal\s+year|fy)\s*{_YEAR}(?!\d)", re.I)),
    # กรกฎาคม 2567, ก.ค. 67, July 2024 (a month and a year)
    ("My", re.compile(rf"{_PREFIX}(?<![a-z\d])({_MONTH_RE})\s*,?\s*{_YEAR}(?!\d)", re.I)),
]


def _ce_year(text):
    year = to_ce_year(int(text), len(text))
    return year if 1800 <= year <= 2300 else None


def _day(year, month, day):
    try:
        return date(year, month, day)
    except (TypeError, ValueError):
        return None


def _month(name):
    return MONTHS.get(name.lower()) or MONTHS.get(name.lower().replace(".", ""))


def find_dates(text):
    """[(start, end, (span start, span end))] of the dates in text, ISO C.E. strings, in
    text order; the spans do not overlap (the first pattern to claim characters wins)."""
    if not text or not isinstance(text, str):
        return []
    folded = text.translate(_DIGITS).lower()
    found, taken = [], []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            span = _range(kind, m.groups())
            if span:
                taken.append(m.span())
                found.append((span[0].isoformat(), span[1].isoformat(), m.span()))
    return sorted(found, key=lambda f: f[2])


def _range(kind, groups):
    """(first day, last day) of one match, or None when it is no real date."""
    if kind == "dmy":
        day = _day(_ce_year(groups[2]), int(groups[1]), int(groups[0]))
        return (day, day) if day else None
    if kind == "ymd":
        day = _day(_ce_year(groups[0]), int(groups[1]), int(groups[2]))
        return (day, day) if day else None
    if kind in ("dMy", "Mdy"):
        number, name, year = (groups[0], groups[1], groups[2]) if kind == "dMy" else (groups[1], groups[0], groups[2])
        day = _day(_ce_year(year), _month(name), int(number))
        return (day, day) if day else None
    year = _ce_year(groups[-1])
    if year is None:
        return None
    if kind == "fy":  # the Thai government's fiscal year: 1 October to 30 September
        return date(year - 1, 10, 1), date(year, 9, 30)
    if groups[0].lower() == "may":  # "may 2024" may be words; a full date is not
        return None
    month = _month(groups[0])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
