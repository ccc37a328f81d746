"""Thai dates in one place: Buddhist-Era years, Thai month names, display formatting, and
reading dates as Thai documents write them.

Formatting (importers, feeds, the search documents; wrapped as template filters in
``kb/templatetags/thai_dates.py``)::

    >>> format_thai_date(date(2024, 7, 9))
    '9 กรกฎาคม 2567'
    >>> format_thai_date("2024-07-09", "short")
    '9 ก.ค. 2567'
    >>> format_thai_date(datetime(2024, 7, 8, 17, 20, tzinfo=UTC), "datetime")
    '9 กรกฎาคม 2567 เวลา 00:20 น.'

Styles: ``"long"`` (default), ``"short"``, ``"datetime"`` (long date plus time),
``"short_datetime"``. Aware datetimes are converted to local time first: Django's
``timezone.localtime`` (TIME_ZONE, "Asia/Bangkok" here) when settings are
configured, Asia/Bangkok otherwise; naive datetimes are taken as local already.

Parsing (the Secretariat parser): Thai dates in full or abbreviated month form with
B.E. or two-digit years ("9 กรกฎาคม 2567", "๙ ก.ค. ๖๗"), the B.E. -> C.E. year rule, and
"Published:" times (ISO 8601, English or Thai) read in Bangkok time.

Month names are PyThaiNLP's (pythainlp.util.date.thai_full_months / thai_abbr_months);
the parser adds the misspellings seen on government sites. Nothing here imports Django
at module level: it is imported lazily, and only for aware datetimes.
"""

from __future__ import annotations

import datetime as _dt
import re
from zoneinfo import ZoneInfo

from pythainlp.util.date import thai_abbr_months, thai_full_months

from search.analysis.dates import BE_FROM, to_ce_year

from .digits import DIGIT, to_arabic_digits, to_thai_digits

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "THAI_DATE_RE",
    "THAI_MONTHS",
    "THAI_MONTHS_SHORT",
    "WEEKDAY",
    "be_to_ce",
    "be_year",
    "ce_to_be",
    "format_thai_date",
    "format_typed",
    "parse_date_value",
    "parse_published",
    "parse_thai_date",
    "parse_typed_date",
    "parse_typed_datetime",
    "thai_date_from_match",
    "thai_digits",
    "thai_month_name",
    "to_ce_year",
    "typed_year_to_ce",
    "year_to_ce",
]

#: Buddhist Era = Common Era + 543 (since the 1941 calendar reform, for every month).
BE_OFFSET = 543

THAI_MONTHS = tuple(thai_full_months)
THAI_MONTHS_SHORT = tuple(thai_abbr_months)

STYLES = ("long", "short", "datetime", "short_datetime")

DEFAULT_TIME_ZONE = "Asia/Bangkok"
BANGKOK = ZoneInfo(DEFAULT_TIME_ZONE)


def ce_to_be(year: int) -> int:
    """C.E. year -> B.E. year (2024 -> 2567)."""
    return year + BE_OFFSET


def be_to_ce(year: int) -> int:
    """B.E. year -> C.E. year (2567 -> 2024)."""
    return year - BE_OFFSET


def thai_digits(value) -> str:
    """Arabic digits -> Thai digits (``"ข้อ 12"`` -> ``"ข้อ ๑๒"``); ``None`` -> ``""``."""
    return to_thai_digits(value)


def thai_month_name(month: int, short: bool = False) -> str:
    """Thai name of ``month`` (1-12); ``short=True`` gives the abbreviation (ก.ค.)."""
    if not 1 <= int(month) <= 12:
        raise ValueError(f"month must be 1-12, got {month!r}")
    return (THAI_MONTHS_SHORT if short else THAI_MONTHS)[int(month) - 1]


def parse_date_value(value):
    """Turn ``value`` into a ``date`` or ``datetime``; ``None`` for empty values.

    Accepts ``date``, ``datetime`` and ISO 8601 strings ("2024-07-09",
    "2024-07-09T17:20:00Z", "2024-07-09 17:20:00+07:00"). Raises ``ValueError``
    for anything else.
    """
    if value is None:
        return None
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            if len(text) == 10:  # YYYY-MM-DD
                return _dt.date.fromisoformat(text)
            return _dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not an ISO date: {value!r}") from None
    raise ValueError(f"cannot format {type(value).__name__} as a Thai date")


def _to_local(value: _dt.datetime) -> _dt.datetime:
    """Aware datetime -> local wall time (Django's TIME_ZONE when configured)."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value
    try:
        from django.conf import settings

        if settings.configured:
            from django.utils import timezone

            return timezone.localtime(value)
    except ImportError:  # pragma: no cover - Django is always installed here
        pass
    return value.astimezone(BANGKOK)


def format_thai_date(value, style: str = "long") -> str:
    """Format ``value`` as a Thai date with a B.E. year.

    ``"long"``  -> ``9 กรกฎาคม 2567``
    ``"short"`` -> ``9 ก.ค. 2567``
    ``"datetime"`` -> ``9 กรกฎาคม 2567 เวลา 00:20 น.`` (time only for datetimes)
    ``"short_datetime"`` -> ``9 ก.ค. 2567 เวลา 00:20 น.``

    ``None`` and ``""`` give ``""``. Unknown styles and unparseable values raise
    ``ValueError`` (the template filter turns those into quiet fallbacks).
    """
    style = (style or "long").strip().lower().replace("-", "_")
    if style == "datetime_short":
        style = "short_datetime"
    if style not in STYLES:
        raise ValueError(f"unknown Thai date style {style!r}; use one of {', '.join(STYLES)}")
    parsed = parse_date_value(value)
    if parsed is None:
        return ""
    if isinstance(parsed, _dt.datetime):
        parsed = _to_local(parsed)
    short = style.startswith("short")
    text = f"{parsed.day} {thai_month_name(parsed.month, short=short)} {parsed.year + BE_OFFSET}"
    if style.endswith("datetime") and isinstance(parsed, _dt.datetime):
        text += f" เวลา {parsed.hour:02d}:{parsed.minute:02d} น."
    return text


def be_year(value):
    """B.E. year for a C.E. year (int or digit string), a date or a datetime.

    ``2019`` -> ``2562``; ``date(2024, 7, 9)`` -> ``2567``; ``None``/``""`` -> ``""``.
    The input is always taken as C.E.: pass a B.E. year and you get nonsense.
    Aware datetimes are converted to local time first (New Year's Eve in UTC is
    already New Year's Day in Bangkok).
    """
    if value is None or value == "":
        return ""
    if isinstance(value, _dt.datetime):
        return _to_local(value).year + BE_OFFSET
    if isinstance(value, _dt.date):
        return value.year + BE_OFFSET
    if isinstance(value, bool):
        raise ValueError("a bool is not a year")
    if isinstance(value, int):
        return value + BE_OFFSET
    if isinstance(value, str):
        text = to_arabic_digits(value.strip())
        if text.isdigit():
            return int(text) + BE_OFFSET
        parsed = parse_date_value(text)
        return be_year(parsed)
    raise ValueError(f"cannot take a B.E. year from {type(value).__name__}")


# ---------------------------------------------------------------- parsing
_THAI_MONTHS = {name: n for n, name in enumerate(THAI_MONTHS, start=1)}
# frequent misspellings seen on government sites
_THAI_MONTHS.update({"กรกฏาคม": 7, "กุมภาพันธ": 2, "พฤษภาคาม": 5})
# abbreviations without their dots: "กค", "มีค"
_THAI_MONTH_ABBR = {abbr.replace(".", ""): n for n, abbr in enumerate(THAI_MONTHS_SHORT, start=1)}
_EN_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
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
    """The C.E. year of a year in a document (search.analysis.dates.to_ce_year: 67 and
    2567 -> 2024); a C.E. year outside 1900-2199 is refused (ValueError)."""
    ce = to_ce_year(year, digits)
    if digits == 2 or year >= BE_FROM or 1900 <= ce < 2200:
        return ce
    raise ValueError(f"implausible year {year}")


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_iso_day(text: str) -> _dt.date | None:
    """``"2562-01-01"`` (B.E.: a year from 2400 on), ``"2019-01-01"`` (C.E.), Thai or Arabic
    digits -> a C.E. date; None when it is not a real ISO day. The one reading of the dates
    people type in URLs (?as_of=, ELI version segments, API filters)."""
    match = _ISO_DAY.fullmatch(to_arabic_digits((text or "").strip()))
    if not match:
        return None
    year, month, day = (int(group) for group in match.groups())
    try:
        return _dt.date(to_ce_year(year), month, day)
    except ValueError:
        return None


def parse_thai_date(s: str) -> _dt.date | None:
    """First Thai-style date in *s* ("9 กรกฎาคม 2567", "๙ ก.ค. ๖๗", "9 ก.ค. พ.ศ. 2567")."""
    m = THAI_DATE_RE.search(s)
    if not m:
        return None
    return thai_date_from_match(m)


def thai_date_from_match(m: re.Match) -> _dt.date:
    """The date of a THAI_DATE_RE match (or of a pattern embedding its groups)."""
    day = int(to_arabic_digits(m.group("d")))
    month = _month_number(m.group("m"))
    ytxt = to_arabic_digits(m.group("y"))
    if month is None:
        raise ValueError(f"unknown month {m.group('m')!r}")
    return _dt.date(year_to_ce(int(ytxt), len(ytxt)), month, day)


def parse_published(value: str) -> _dt.datetime:
    """A "Published:" value -> an aware datetime in Bangkok time; raises ValueError.

    Accepts ISO 8601 (with or without an offset), English ("Wednesday, 10 July 2024
    00:20", "July 10, 2024") and Thai ("วันพุธที่ 10 กรกฎาคม 2567 เวลา 00:20 น.")."""
    v = to_arabic_digits(value.strip())
    # ISO 8601
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$", v)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        hh, mi, ss = int(m.group(4) or 0), int(m.group(5) or 0), int(m.group(6) or 0)
        dt = _dt.datetime(year_to_ce(y, 4), mo, d, hh, mi, ss)
        if m.group(7):
            aware = _dt.datetime.fromisoformat(f"{dt.isoformat()}{'+00:00' if m.group(7) == 'Z' else m.group(7)}")
            return aware.astimezone(BANGKOK)
        return dt.replace(tzinfo=BANGKOK)
    # English: "Wednesday, 10 July 2024 00:20" / "10 July 2024" / "July 10, 2024 00:20"
    m = re.match(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2}))?", v)
    m2 = (
        None
        if m
        else re.match(r"^(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2}))?", v)
    )
    if m or m2:
        if m:
            d, mon, y, hh, mi = m.groups()
        else:
            mon, d, y, hh, mi = m2.groups()
        month = _EN_MONTHS.get(mon.lower())
        if month:
            return _dt.datetime(year_to_ce(int(y), 4), month, int(d), int(hh or 0), int(mi or 0), tzinfo=BANGKOK)
    # Thai: "วันพุธที่ 10 กรกฎาคม 2567 เวลา 00:20 น."
    m = THAI_DATE_RE.search(v)
    if m:
        d0 = thai_date_from_match(m)
        t = re.search(r"(\d{1,2})[:.](\d{2})", v[m.end() :])
        hh, mi = (int(t.group(1)), int(t.group(2))) if t else (0, 0)
        return _dt.datetime(d0.year, d0.month, d0.day, hh, mi, tzinfo=BANGKOK)
    raise ValueError(value)


# ---------------------------------------------------------------- dates typed by editors
# The admin's date fields (kb.admin_dates) read what an editor types: a B.E. or C.E. ISO day,
# a Thai date with the month in full or abbreviated, d/m/yyyy, Thai or Arabic digits, and for
# date-times a time after it. A four-digit year from 2400 on is B.E., below it C.E.; a
# two-digit year is B.E. (67 -> 2567). Errors are ValueErrors worded in Thai for the form.
TYPED_EXAMPLES = "9 กรกฎาคม 2567, 9 ก.ค. 2567, 9/7/2567 หรือ 2567-07-09"

_TYPED_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?=$|[T\s])")
_TYPED_DMY = re.compile(r"(?P<d>\d{1,2})\s*[/.]\s*(?P<m>\d{1,2})\s*[/.]\s*(?P<y>\d{4}|\d{2})(?!\d)")
_TYPED_THAI = re.compile(rf"(?:วัน\s*{WEEKDAY}\s*)?(?:ที่\s*)?{THAI_DATE_RE.pattern}")
_TYPED_TIME = re.compile(
    r"(?:T|\s+)(?:เวลา\s*)?(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<ss>\d{2})(?:\.\d+)?)?\s*(?:น\.?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)


def typed_year_to_ce(year: int, digits: int = 4) -> int:
    """The C.E. year of a year an editor typed: 2567 -> 2024, 67 -> 2024, 2024 -> 2024."""
    return to_ce_year(year, digits)


def _typed_day(text: str) -> tuple[_dt.date, str]:
    """(the C.E. date, what follows it) of the date at the start of ``text``."""
    for pattern in (_TYPED_ISO, _TYPED_DMY, _TYPED_THAI):
        m = pattern.match(text)
        if m:
            break
    else:
        raise ValueError(f"อ่านวันที่ «{text}» ไม่ได้ พิมพ์เช่น {TYPED_EXAMPLES}")
    month = int(m.group("m")) if m.group("m").isdigit() else _month_number(m.group("m"))
    day, ytxt = int(m.group("d")), m.group("y")
    year = typed_year_to_ce(int(ytxt), len(ytxt))
    try:
        return _dt.date(year, month, day), text[m.end() :]
    except ValueError:
        shown = thai_month_name(month) if 1 <= month <= 12 else f"เดือนที่ {month}"
        raise ValueError(f"ไม่มีวันที่ {day} {shown} ปี {ytxt} ในปฏิทิน") from None


def _clean_typed(text) -> str:
    return re.sub(r"\s+", " ", to_arabic_digits(str(text or "")).replace("\u00a0", " ")).strip()


def parse_typed_date(text) -> _dt.date:
    """A date as an editor types it -> a C.E. date; ValueError (in Thai) when it cannot be read.

    >>> parse_typed_date("2567-07-09"), parse_typed_date("๙ ก.ค. ๒๕๖๗"), parse_typed_date("9/7/2024")
    (datetime.date(2024, 7, 9), datetime.date(2024, 7, 9), datetime.date(2024, 7, 9))
    """
    text = _clean_typed(text)
    day, rest = _typed_day(text)
    if rest.strip():
        raise ValueError(f"อ่านวันที่ «{text}» ไม่ได้: มี «{rest.strip()}» ต่อท้าย พิมพ์เช่น {TYPED_EXAMPLES}")
    return day


def parse_typed_datetime(text) -> _dt.datetime:
    """A date and time as an editor types it ("9 กรกฎาคม 2567 14:30", "9 ก.ค. 2567 เวลา 14.30 น.",
    "2024-07-09T14:30:00+07:00"); a date alone is midnight. Naive (local wall time) unless
    an offset was typed. ValueError (in Thai) when it cannot be read.

    >>> parse_typed_datetime("9 กรกฎาคม 2567 เวลา 14.30 น.")
    datetime.datetime(2024, 7, 9, 14, 30)
    """
    text = _clean_typed(text)
    day, rest = _typed_day(text)
    if not rest.strip():
        return _dt.datetime(day.year, day.month, day.day)
    m = _TYPED_TIME.fullmatch(rest)
    if not m:
        raise ValueError(f"อ่านเวลา «{rest.strip()}» ไม่ได้ พิมพ์เวลาเช่น 14:30")
    hh, mi, ss = int(m.group("hh")), int(m.group("mi")), int(m.group("ss") or 0)
    if hh > 23 or mi > 59 or ss > 59:
        raise ValueError(f"ไม่มีเวลา {m.group('hh')}:{m.group('mi')} (ชั่วโมง 0–23 นาที 0–59)")
    value = _dt.datetime(day.year, day.month, day.day, hh, mi, ss)
    tz = m.group("tz")
    if tz:
        offset = "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        value = _dt.datetime.fromisoformat(value.isoformat() + offset)
    return value


def format_typed(value) -> str:
    """A date or datetime the way the admin shows it and reads it back: "9 กรกฎาคม 2567",
    "9 กรกฎาคม 2567 14:30" (seconds only when there are some); aware values in local time."""
    if value is None or value == "":
        return ""
    text = format_thai_date(value)
    if isinstance(value, _dt.datetime):
        local = _to_local(value)
        text += f" {local.hour:02d}:{local.minute:02d}" + (f":{local.second:02d}" if local.second else "")
    return text
