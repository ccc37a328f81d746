"""Template filters for Thai dates; the logic lives in :mod:`kb.thai.dates`.

    {% load thai_dates %}
    {{ page.date|thai_date }}                 9 กรกฎาคม 2567
    {{ page.date|thai_date:"short" }}         9 ก.ค. 2567
    {{ page.last_published_at|thai_date:"datetime" }}   9 กรกฎาคม 2567 เวลา 00:20 น.
    {{ page.date|be_year }}                   2567
    {{ number|thai_digits }}                  ๑๒

Filters never raise in a template: a value that is not a date comes back as
text unchanged (so free text such as "ไม่ระบุ" still shows), an unknown style
falls back to the long form.
"""

from django import template

from kb.thai import dates as thai_dates

register = template.Library()


@register.filter(name="thai_date")
def thai_date(value, style="long"):
    try:
        return thai_dates.format_thai_date(value, style)
    except ValueError:
        pass
    try:
        return thai_dates.format_thai_date(value, "long")
    except ValueError:
        return "" if value is None else str(value)


@register.filter(name="be_year")
def be_year(value):
    try:
        return thai_dates.be_year(value)
    except ValueError:
        return "" if value is None else value


@register.filter(name="thai_digits", is_safe=True)
def thai_digits(value):
    # is_safe: only digits change, so escaping done before us stays valid.
    return thai_dates.thai_digits(value)
