"""What the public index holds, as told by the app that owns the pages.

search/ never imports the records app: the app registers one Source in its
AppConfig.ready() (kb/apps.py fills it from kb/documents.py), and the sync, signals,
views and query validation read it from here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Source:
    model: type  # pages of this class (and its subclasses) belong in the index when public
    pages: Callable[[], Any]  # () -> queryset of every indexable page, specific instances
    document_for: Callable[[Any], Any]  # page -> search.documents.SearchDocument
    fallback: Callable[[str, int], Any]  # (query text, limit) -> pages, when the index is down
    labels: dict = field(default_factory=dict)  # facet -> {value: label} (known facet values)
    status: Callable[[], dict] | None = None  # () -> {line label: count}, for `search_index status`
    # (stored document, query terms) -> {"anchor", "label"} of the part of the record (a
    # มาตรา, a ข้อ) where the hit's words are, or None; the hit then links to it
    section_of: Callable[[dict, list], dict | None] | None = None


_source = None


def register(source):
    """Set the index's source (again on a second ready(), e.g. in tests)."""
    global _source
    _source = source


def get_source():
    if _source is None:
        raise ImproperlyConfigured(
            "no search source registered: an installed app must call "
            "search.registry.register() in its AppConfig.ready()"
        )
    return _source


def section_of(stored, terms):
    """Where in the record the hit's words are (Source.section_of), or None."""
    finder = _source.section_of if _source is not None else None
    return finder(stored, terms) if finder else None


def facet_labels():
    """{facet: {value: label}} of the facets whose values are known (type, status)."""
    return get_source().labels if _source is not None else {}
