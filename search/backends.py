"""Which search index the site uses: embedded SQLite FTS5 unless ELASTICSEARCH_URL is set."""
from django.conf import settings

from .embedded import EmbeddedIndex


class SearchUnavailable(Exception):
    """The index cannot answer right now (e.g. the cluster is down)."""


def get_index():
    if settings.ELASTICSEARCH_URL:
        from .elastic import ElasticIndex  # imported late: it needs SearchUnavailable from here

        return ElasticIndex()
    return EmbeddedIndex(settings.SEARCH_INDEX_PATH)
