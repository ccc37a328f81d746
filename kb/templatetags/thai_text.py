"""{% load thai_text %} {{ record.summary|truncate_thai:200 }}: an excerpt that ends at a Thai
word boundary (see kb.thai.text); use it instead of truncatechars on Thai text."""

from django import template

from kb.labels import LANGUAGE_LABELS
from kb.thai.text import truncate_thai as _truncate_thai

register = template.Library()


@register.filter
def truncate_thai(value, limit):
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        return value
    return _truncate_thai(value, limit)


@register.filter
def language_label(value):
    """{{ file_text.language|language_label }}: "th" -> ภาษาไทย."""
    return LANGUAGE_LABELS.get(value, value)
