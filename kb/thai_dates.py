"""Thai dates in one place: Buddhist-Era years, Thai month names, Thai digits.

Plain functions, usable from Python code (importers, feeds, the search API) and
wrapped as template filters in ``kb/templatetags/thai_dates.py``::

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

Nothing here needs the database; Django is imported lazily and only for
aware datetimes.
"""

from __future__ import annotations

import datetime as _dt
from zoneinfo import ZoneInfo

__all__ = [
    "BE_OFFSET",
    "THAI_MONTHS",
    "THAI_MONTHS_SHORT",
    "be_year",
    "format_thai_date",
    "parse_date_value",
    "thai_digits",
    "thai_month_name",
]

#: Buddhist Era = Common Era + 543 (since the 1941 calendar reform, for every month).
BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)

THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

STYLES = ("long", "short", "datetime", "short_datetime")

DEFAULT_TIME_ZONE = "Asia/Bangkok"

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


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
    return value.astimezone(ZoneInfo(DEFAULT_TIME_ZONE))


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
        text = value.strip().translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
        if text.isdigit():
            return int(text) + BE_OFFSET
        parsed = parse_date_value(text)
        return be_year(parsed)
    raise ValueError(f"cannot take a B.E. year from {type(value).__name__}")


def thai_digits(value) -> str:
    """Arabic digits -> Thai digits (``"ข้อ 12"`` -> ``"ข้อ ๑๒"``); ``None`` -> ``""``."""
    if value is None:
        return ""
    return str(value).translate(_THAI_DIGITS)
