"""Which search index the site uses: embedded SQLite FTS5 unless ELASTICSEARCH_URL is set."""
from django.conf import settings

from .embedded import EmbeddedIndex


class SearchUnavailable(Exception):
    """The index cannot answer right now (e.g. the cluster is down)."""


def get_index():
    return EmbeddedIndex(settings.SEARCH_INDEX_PATH)
