"""Thai dates (kb.thai.dates): B.E. years, Thai month names, local time. No database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kb.thai.dates import (
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    be_year,
    format_thai_date,
    thai_digits,
    thai_month_name,
)

UTC = dt.UTC
BANGKOK = ZoneInfo("Asia/Bangkok")


def test_long_form():
    assert format_thai_date(dt.date(2024, 7, 9)) == "9 กรกฎาคม 2567"


def test_short_form():
    assert format_thai_date(dt.date(2024, 7, 9), "short") == "9 ก.ค. 2567"


def test_day_has_no_leading_zero():
    assert format_thai_date(dt.date(2019, 1, 1)) == "1 มกราคม 2562"


def test_datetime_in_bangkok_time():
    # 17:20 UTC on 8 July is 00:20 on 9 July in Bangkok (UTC+7): the date moves too.
    value = dt.datetime(2024, 7, 8, 17, 20, tzinfo=UTC)
    assert format_thai_date(value, "datetime") == "9 กรกฎาคม 2567 เวลา 00:20 น."
    assert format_thai_date(value, "short_datetime") == "9 ก.ค. 2567 เวลา 00:20 น."
    # without "datetime" only the (local) date is shown
    assert format_thai_date(value) == "9 กรกฎาคม 2567"


def test_aware_bangkok_datetime_keeps_its_time():
    value = dt.datetime(2024, 7, 9, 9, 5, tzinfo=BANGKOK)
    assert format_thai_date(value, "datetime") == "9 กรกฎาคม 2567 เวลา 09:05 น."


def test_naive_datetime_is_taken_as_local():
    value = dt.datetime(2024, 7, 9, 13, 45)
    assert format_thai_date(value, "datetime") == "9 กรกฎาคม 2567 เวลา 13:45 น."


def test_plain_date_with_datetime_style_has_no_time():
    assert format_thai_date(dt.date(2024, 7, 9), "datetime") == "9 กรกฎาคม 2567"


def test_iso_strings():
    assert format_thai_date("2024-07-09") == "9 กรกฎาคม 2567"
    assert format_thai_date(" 2024-07-09 ", "short") == "9 ก.ค. 2567"
    assert format_thai_date("2024-07-08T17:20:00+00:00", "datetime") == "9 กรกฎาคม 2567 เวลา 00:20 น."
    assert format_thai_date("2024-07-08T17:20:00Z", "datetime") == "9 กรกฎาคม 2567 เวลา 00:20 น."


@pytest.mark.parametrize("empty", [None, ""])
def test_empty_values(empty):
    assert format_thai_date(empty) == ""
    assert format_thai_date(empty, "short") == ""
    assert be_year(empty) == ""


def test_bad_values_raise():
    with pytest.raises(ValueError):
        format_thai_date("ไม่ระบุ")
    with pytest.raises(ValueError):
        format_thai_date(dt.date(2024, 7, 9), "fancy")
    with pytest.raises(ValueError):
        format_thai_date(12345)


def test_be_year():
    assert be_year(2019) == 2562
    assert be_year("2019") == 2562
    assert be_year("๒๐๑๙") == 2562
    assert be_year(dt.date(2024, 7, 9)) == 2567
    # New Year's Eve 18:00 UTC is already 1 January in Bangkok
    assert be_year(dt.datetime(2023, 12, 31, 18, 0, tzinfo=UTC)) == 2567


EXPECTED_MONTHS = [
    (1, "มกราคม", "ม.ค."),
    (2, "กุมภาพันธ์", "ก.พ."),
    (3, "มีนาคม", "มี.ค."),
    (4, "เมษายน", "เม.ย."),
    (5, "พฤษภาคม", "พ.ค."),
    (6, "มิถุนายน", "มิ.ย."),
    (7, "กรกฎาคม", "ก.ค."),
    (8, "สิงหาคม", "ส.ค."),
    (9, "กันยายน", "ก.ย."),
    (10, "ตุลาคม", "ต.ค."),
    (11, "พฤศจิกายน", "พ.ย."),
    (12, "ธันวาคม", "ธ.ค."),
]


@pytest.mark.parametrize("month,long_name,short_name", EXPECTED_MONTHS)
def test_every_month_name(month, long_name, short_name):
    assert thai_month_name(month) == long_name
    assert thai_month_name(month, short=True) == short_name
    assert format_thai_date(dt.date(2019, month, 15)) == f"15 {long_name} 2562"
    assert format_thai_date(dt.date(2019, month, 15), "short") == f"15 {short_name} 2562"


def test_month_tables_are_complete():
    assert len(THAI_MONTHS) == len(THAI_MONTHS_SHORT) == 12
    with pytest.raises(ValueError):
        thai_month_name(13)


def test_thai_digits():
    assert thai_digits("ข้อ 12 พ.ศ. 2567") == "ข้อ ๑๒ พ.ศ. ๒๕๖๗"
    assert thai_digits(2567) == "๒๕๖๗"
    assert thai_digits(None) == ""


def test_template_filters_call_the_same_functions():
    # The filter module imports django.template only; no settings or database needed.
    from kb.templatetags import thai_dates as filters

    assert filters.thai_date(dt.date(2024, 7, 9)) == "9 กรกฎาคม 2567"
    assert filters.thai_date(dt.date(2024, 7, 9), "short") == "9 ก.ค. 2567"
    assert filters.thai_date(dt.date(2024, 7, 9), "nonsense") == "9 กรกฎาคม 2567"
    assert filters.thai_date("ไม่ระบุ") == "ไม่ระบุ"
    assert filters.thai_date(None) == ""
    assert filters.be_year(2019) == 2562
    assert filters.thai_digits("2567") == "๒๕๖๗"
