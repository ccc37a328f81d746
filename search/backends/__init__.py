"""Which search index the site uses: embedded SQLite FTS5 unless ELASTICSEARCH_URL is set.

Every backend implements base.SearchIndex; callers catch only SearchUnavailable."""

from django.conf import settings

from .base import IndexDamaged, SearchIndex, SearchUnavailable
from .elastic import ElasticIndex
from .embedded import EmbeddedIndex

__all__ = ["ElasticIndex", "EmbeddedIndex", "IndexDamaged", "SearchIndex", "SearchUnavailable", "get_index"]


def get_index():
    if settings.ELASTICSEARCH_URL:
        return ElasticIndex()
    return EmbeddedIndex(settings.SEARCH_INDEX_PATH)
