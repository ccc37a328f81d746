"""The admin's B.E. date fields without a database: what an editor may type, how a stored
date is shown, and the guard on years (kb.admin_dates, kb.thai.dates parse_typed_*)."""

import datetime as dt
import doctest
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from wagtail.admin.widgets import AdminDateTimeInput

from kb import admin_dates
from kb.admin_dates import BEDateField, BEDateInput, BEDateTimeField, BEDateTimeInput, YearRange
from kb.thai import dates

BANGKOK = ZoneInfo("Asia/Bangkok")
JULY_9 = dt.date(2024, 7, 9)


@pytest.mark.parametrize(
    "typed",
    [
        "2567-07-09",  # B.E. ISO, the way Thai editors think
        "2024-07-09",  # C.E. ISO still works
        "9 กรกฎาคม 2567",
        "9 ก.ค. 2567",
        "9 กค 2567",
        "๙ ก.ค. ๒๕๖๗",
        "9/7/2567",
        "09/07/2567",
        "9/7/2024",
        "9.7.2567",
        "9 ก.ค. 67",
        "วันอังคารที่ 9 กรกฎาคม พ.ศ. 2567",
        "  9\u00a0กรกฎาคม  2567 ",
        "๒๕๖๗-๐๗-๐๙",
    ],
)
def test_date_input_is_stored_as_the_ce_date(typed):
    assert BEDateField(label="วันที่ประชุม").clean(typed) == JULY_9


def test_a_stored_date_is_shown_in_be_and_reads_back():
    widget = BEDateInput()
    html = widget.render("meeting_date", JULY_9, attrs={"id": "id_meeting_date"})
    assert 'value="9 กรกฎาคม 2567"' in html
    assert 'data-be-date="date"' in html and 'type="text"' in html
    assert BEDateField().clean(widget.format_value(JULY_9)) == JULY_9
    assert widget.format_value("2567-07-09") == "2567-07-09"  # a typed value is shown again as typed
    assert "js/admin-be-date.js" in str(widget.media)


@pytest.mark.parametrize(
    "typed",
    [
        "9 กรกฎาคม 2567 14:30",
        "9 ก.ค. 2567 เวลา 14.30 น.",
        "๙ ก.ค. ๒๕๖๗ ๑๔:๓๐",
        "9/7/2567 14:30",
        "2567-07-09 14:30",
        "2024-07-09T14:30",
        "2024-07-09T14:30:00+07:00",
        "2024-07-09T07:30:00Z",
    ],
)
def test_datetime_input_in_local_time(typed):
    value = BEDateTimeField(label="เวลาเผยแพร่").clean(typed)
    assert value == dt.datetime(2024, 7, 9, 14, 30, tzinfo=BANGKOK)


def test_datetime_shown_in_be_local_time_and_reads_back():
    widget = BEDateTimeInput()
    stored = dt.datetime(2024, 7, 9, 7, 30, tzinfo=dt.UTC)
    field = BEDateTimeField()
    shown = widget.format_value(field.prepare_value(stored))
    assert shown == "9 กรกฎาคม 2567 14:30"
    assert field.clean(shown) == stored
    with_seconds = dt.datetime(2024, 7, 9, 14, 30, 15, tzinfo=BANGKOK)
    assert widget.format_value(with_seconds) == "9 กรกฎาคม 2567 14:30:15"  # seconds are kept, not lost on save
    assert field.clean(widget.format_value(with_seconds)) == with_seconds
    assert 'data-be-date="datetime"' in widget.render("published_at", stored)


def test_a_date_alone_in_a_datetime_field_is_midnight():
    assert BEDateTimeField().clean("9 ก.ค. 2567") == dt.datetime(2024, 7, 9, tzinfo=BANGKOK)


def test_the_guard_names_the_field_and_what_was_understood():
    field = BEDateField(label="วันที่ประชุม", year_range=YearRange(2475, 2613))
    with pytest.raises(ValidationError) as error:
        field.clean("3110-07-09")  # 2567 C.E. typed as a B.E. year of the issue, read as B.E. 3110
    assert error.value.messages == [
        "วันที่ประชุม: ปี พ.ศ. 3110 (ค.ศ. 2567) อยู่นอกช่วงที่รับได้ พ.ศ. 2475–2613 — เข้าใจว่า 9 กรกฎาคม 3110"
    ]
    with pytest.raises(ValidationError, match=r"ปี พ.ศ. 2443 \(ค.ศ. 1900\)"):
        field.clean("1900-01-01")
    assert field.clean("2475-06-24") == dt.date(1932, 6, 24)  # both ends are included
    assert field.clean("31/12/2613") == dt.date(2070, 12, 31)


def test_the_guard_on_datetimes_uses_the_local_year():
    field = BEDateTimeField(label="เวลาเผยแพร่", year_range=YearRange(2567, 2567))
    assert field.clean("2023-12-31T18:00:00Z") == dt.datetime(2024, 1, 1, 1, tzinfo=BANGKOK)  # 2567 in Bangkok
    with pytest.raises(ValidationError, match="เวลาเผยแพร่: ปี พ.ศ. 2568"):
        field.clean("1 ม.ค. 2568 09:00")


@pytest.mark.parametrize(
    "typed, message",
    [
        ("ยังไม่ทราบ", "วันที่ประชุม: อ่านวันที่ «ยังไม่ทราบ» ไม่ได้ พิมพ์เช่น 9 กรกฎาคม 2567"),
        ("31 กุมภาพันธ์ 2567", "วันที่ประชุม: ไม่มีวันที่ 31 กุมภาพันธ์ ปี 2567 ในปฏิทิน"),
        ("9/13/2567", "วันที่ประชุม: ไม่มีวันที่ 9 เดือนที่ 13 ปี 2567 ในปฏิทิน"),
        ("9 ก.ค. 2567 14:30", "วันที่ประชุม: อ่านวันที่ «9 ก.ค. 2567 14:30» ไม่ได้: มี «14:30» ต่อท้าย"),
    ],
)
def test_unreadable_dates_are_form_errors_in_thai(typed, message):
    with pytest.raises(ValidationError) as error:
        BEDateField(label="วันที่ประชุม").clean(typed)
    assert error.value.messages[0].startswith(message)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("9 ก.ค. 2567 25:00", "ไม่มีเวลา 25:00"),
        ("9 ก.ค. 2567 บ่ายสอง", "อ่านเวลา «บ่ายสอง» ไม่ได้"),
    ],
)
def test_unreadable_times(typed, message):
    with pytest.raises(ValidationError, match=message):
        BEDateTimeField(label="เวลาเผยแพร่").clean(typed)


def test_empty_and_required():
    assert BEDateField(required=False).clean("") is None
    assert BEDateTimeField(required=False).clean("  ") is None
    with pytest.raises(ValidationError):
        BEDateField(required=True).clean("")


def test_year_ranges_relative_to_now():
    today = dt.date(2026, 3, 1)  # B.E. 2569
    assert YearRange(2400, "now+50").years(today) == (2400, 2619)
    assert YearRange("now-1", "now").years(today) == (2568, 2569)
    with pytest.raises(ValueError):
        YearRange("2400", "later").years(today)


def test_one_table_of_ranges_by_field():
    from kb.models import CabinetResolutionPage, LegalRelation, RegulationPage

    assert admin_dates.year_range_for(CabinetResolutionPage._meta.get_field("meeting_date")) == YearRange(2475, "now+1")
    assert admin_dates.year_range_for(CabinetResolutionPage._meta.get_field("go_live_at")).first == "now-1"
    assert admin_dates.year_range_for(RegulationPage._meta.get_field("effective_date")) == admin_dates.YEAR_RANGES[None]
    assert admin_dates.year_range_for(LegalRelation._meta.get_field("effective_date")) == admin_dates.YEAR_RANGES[None]


def test_the_page_forms_use_the_be_fields():
    from kb.models import CabinetResolutionPage, RegulationPage

    form = CabinetResolutionPage.get_edit_handler().get_form_class()
    assert isinstance(form.base_fields["meeting_date"], BEDateField)
    assert isinstance(form.base_fields["published_at"], BEDateTimeField)
    schedule = form.base_fields["go_live_at"]
    # the schedule dialog's field: our widget, keeping Wagtail's reset-on-close attributes
    assert isinstance(schedule, BEDateTimeField) and isinstance(schedule.widget, BEDateTimeInput)
    assert schedule.widget.attrs["data-action"] == "w-dialog:hidden->w-action#reset"
    relations = RegulationPage.get_edit_handler().get_form_class().formsets["legal_relations"]
    assert isinstance(relations.form.base_fields["effective_date"], BEDateField)


def test_other_widgets_a_panel_asks_for_are_kept():
    from django import forms

    assert isinstance(BEDateTimeField(widget=AdminDateTimeInput).widget, BEDateTimeInput)
    assert isinstance(BEDateField(widget=forms.DateInput).widget, BEDateInput)
    assert isinstance(BEDateField(widget=forms.HiddenInput()).widget, forms.HiddenInput)
    assert BEDateField(widget=forms.HiddenInput).widget.__class__ is forms.HiddenInput


def test_parsing_lives_in_kb_thai_dates():
    assert dates.parse_typed_date("2567-07-09") == dates.parse_typed_date("2024-07-09") == JULY_9
    assert dates.typed_year_to_ce(2567) == dates.typed_year_to_ce(67, 2) == dates.typed_year_to_ce(2024) == 2024
    assert dates.format_typed(None) == ""
    assert dates.format_typed(dt.datetime(2024, 7, 9, 9, 5)) == "9 กรกฎาคม 2567 09:05"
    for function in (dates.parse_typed_date, dates.parse_typed_datetime):
        finder = doctest.DocTestFinder().find(function, globs={"datetime": dt, **vars(dates)})
        for test in finder:
            assert doctest.DocTestRunner().run(test).failed == 0
