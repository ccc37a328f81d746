"""Which search index the site uses: embedded SQLite FTS5 unless ELASTICSEARCH_URL is set."""
from django.conf import settings

from .embedded import EmbeddedIndex
from .errors import IndexDamaged, SearchUnavailable  # noqa: F401 (re-exported: callers import them from here)


def get_index():
    if settings.ELASTICSEARCH_URL:
        from .elastic import ElasticIndex  # imported late: it needs the client only then

        return ElasticIndex()
    return EmbeddedIndex(settings.SEARCH_INDEX_PATH)
