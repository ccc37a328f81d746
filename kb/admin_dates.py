"""B.E. dates in the Wagtail admin: every DateField and DateTimeField of an admin model form
(page editors, their inline panels, the schedule dialog) shows and reads Buddhist-Era dates
with Thai month names, and refuses a year outside the range that field can sensibly hold.

Editors think in B.E.: Wagtail's own widget shows and takes C.E. ISO dates, so "2567-07-09"
was stored as C.E. 2567 (shown as พ.ศ. 3110). Here the field reads what kb.thai.dates
``parse_typed_date`` / ``parse_typed_datetime`` read ("2567-07-09", "2024-07-09",
"9 กรกฎาคม 2567", "๙ ก.ค. ๒๕๖๗", "9/7/2567", "... 14:30"), shows "9 กรกฎาคม 2567" (which reads
back the same), and static/js/admin-be-date.js adds a calendar with B.E. years.

``register()`` (called from KbConfig.ready) replaces Wagtail's form-field overrides for
models.DateField and models.DateTimeField; YEAR_RANGES below is the one table of ranges.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import from_current_timezone
from django.utils import timezone

from .thai.dates import BE_OFFSET, format_thai_date, format_typed, parse_typed_date, parse_typed_datetime

ADMIN_JS = "js/admin-be-date.js"


@dataclass(frozen=True)
class YearRange:
    """B.E. years a field accepts, both ends included. An end is a B.E. year (2475) or a
    year relative to the current B.E. year ("now+50", "now-1", "now")."""

    first: int | str
    last: int | str

    @staticmethod
    def _year(bound: int | str, today: dt.date) -> int:
        if isinstance(bound, int):
            return bound
        text = bound.replace(" ", "")
        if not text.startswith("now"):
            raise ValueError(f"year bound {bound!r}: a B.E. year or now±N")
        return today.year + BE_OFFSET + int(text[3:] or 0)

    def years(self, today: dt.date | None = None) -> tuple[int, int]:
        today = today or timezone.localdate()
        return self._year(self.first, today), self._year(self.last, today)


# The sane years of each date field, by field name or "app_label.Model.field" (more specific
# first); None is the default for dates of documents. Cabinets meet since 2475; scheduling
# is about now. docs/admin-dates.md lists them for editors.
YEAR_RANGES: dict[str | None, YearRange] = {
    None: YearRange(2400, "now+50"),
    "meeting_date": YearRange(2475, "now+1"),  # the first cabinet met in 2475
    "published_at": YearRange(2475, "now+1"),
    "go_live_at": YearRange("now-1", "now+10"),  # Wagtail's scheduled publishing
    "expire_at": YearRange("now-1", "now+50"),
}


def year_range_for(db_field) -> YearRange:
    model = getattr(db_field, "model", None)
    keys = [f"{model._meta.label}.{db_field.name}"] if model is not None else []
    keys.append(db_field.name)
    return next((YEAR_RANGES[key] for key in keys if key in YEAR_RANGES), YEAR_RANGES[None])


# ----------------------------------------------------------------------------- widgets


class BEDateInput(forms.DateInput):
    """A text input showing "9 กรกฎาคม 2567"; admin-be-date.js adds the B.E. calendar."""

    input_type = "text"
    kind = "date"
    placeholder = "เช่น 9 กรกฎาคม 2567"

    def __init__(self, attrs=None):
        defaults = {"autocomplete": "off", "data-be-date": self.kind, "placeholder": self.placeholder}
        super().__init__(attrs={**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (dt.date, dt.datetime)):
            return format_typed(value)
        return value  # what the editor typed, shown again with the error

    @property
    def media(self):
        return forms.Media(js=[ADMIN_JS])


class BEDateTimeInput(BEDateInput):
    kind = "datetime"
    placeholder = "เช่น 9 กรกฎาคม 2567 14:30"


def _be_widget(widget, cls):
    """Our widget in place of Wagtail's date inputs, keeping their attributes (the schedule
    dialog's reset-on-close actions); any other widget a panel asks for is kept."""
    from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

    if widget is None:
        return cls()
    if isinstance(widget, type):
        if not issubclass(widget, (AdminDateInput, AdminDateTimeInput, forms.DateInput, forms.DateTimeInput)):
            return widget
        widget = widget()
    plain = type(widget) in (forms.DateInput, forms.DateTimeInput)  # Django's own, not a subclass
    if plain or isinstance(widget, (AdminDateInput, AdminDateTimeInput)):
        return cls(attrs=widget.attrs)
    return widget


# ----------------------------------------------------------------------------- form fields


class _BEFieldMixin:
    widget_class: type[BEDateInput]

    def __init__(self, *, year_range: YearRange | None = None, widget=None, **kwargs):
        self.year_range = year_range or YEAR_RANGES[None]
        kwargs.pop("input_formats", None)  # we read the formats of kb.thai.dates
        super().__init__(widget=_be_widget(widget, self.widget_class), **kwargs)

    def get_bound_field(self, form, field_name):
        # Fields are copied per form: remember this form's stored value, so that a date saved
        # before the guard existed does not block an edit of something else on the page.
        bound = super().get_bound_field(form, field_name)
        self.stored_value = bound.initial
        return bound

    def _name(self) -> str:
        return str(self.label or "วันที่")

    def _parse(self, value):
        try:
            return self.parse(value)
        except (ValueError, OverflowError) as exc:  # OverflowError: a year beyond what Python dates hold
            raise ValidationError(f"{self._name()}: {exc}", code="invalid") from None

    def unchanged(self, value) -> bool:
        return value is not None and value == getattr(self, "stored_value", None)

    def check_year(self, day: dt.date):
        first, last = self.year_range.years()
        be = day.year + BE_OFFSET
        if not first <= be <= last:
            raise ValidationError(
                f"{self._name()}: ปี พ.ศ. {be} (ค.ศ. {day.year}) อยู่นอกช่วงที่รับได้ พ.ศ. {first}–{last}"
                f" — เข้าใจว่า {format_thai_date(day)}",
                code="year_out_of_range",
            )


class BEDateField(_BEFieldMixin, forms.DateField):
    """A date in B.E. (or C.E. ISO), stored as the C.E. date."""

    widget_class = BEDateInput
    parse = staticmethod(parse_typed_date)

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return self._parse(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.unchanged(value):
            self.check_year(value)


class BEDateTimeField(_BEFieldMixin, forms.DateTimeField):
    """A date and time in B.E. (or ISO 8601), local time unless an offset is typed."""

    widget_class = BEDateTimeInput
    parse = staticmethod(parse_typed_datetime)

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return from_current_timezone(value) if timezone.is_naive(value) else value
        if isinstance(value, dt.date):
            value = dt.datetime(value.year, value.month, value.day)
            return from_current_timezone(value)
        parsed = self._parse(value)
        return from_current_timezone(parsed) if timezone.is_naive(parsed) else parsed

    def validate(self, value):
        super().validate(value)
        if value is None or self.unchanged(value):
            return
        try:  # "0001-01-01 00:00+14:00" is before the first local day Python can hold
            day = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        except OverflowError:
            raise ValidationError(
                f"{self._name()}: ปีอยู่นอกช่วงที่ระบบรับได้ (year out of range)", code="year_out_of_range"
            ) from None
        self.check_year(day)


# ----------------------------------------------------------------------------- registration


def _date_override(db_field):
    return {"form_class": BEDateField, "year_range": year_range_for(db_field)}


def _datetime_override(db_field):
    return {"form_class": BEDateTimeField, "year_range": year_range_for(db_field)}


def register():
    """Every admin model form (pages, inline panels, snippets) gets the B.E. fields."""
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(models.DateField, override=_date_override)
    register_form_field_override(models.DateTimeField, override=_datetime_override)
