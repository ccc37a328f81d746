"""Wagtail's own search backend (admin page search, drafts included) made to read Thai.

Pages index a `thai_search_terms` field: our analysed terms joined by spaces (see
kb.models.ThaiSearchMixin). Query strings go through the same analysis before Wagtail's
database backend sees them. On SQLite the FTS table is rebuilt with the `ascii`
tokenizer (search/migrations/0001) so those space-separated Thai terms stay whole; on
PostgreSQL the `simple` configuration already splits on spaces only.
"""
from modelsearch.backends.database import SearchBackend as database_backend

from .analysis import analyze_query


def thai_query_string(query):
    if not isinstance(query, str):
        return query
    return " ".join(term.term for term in analyze_query(query)) or query


class ThaiQueryMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        return super().search(thai_query_string(query), model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        return super().autocomplete(thai_query_string(query), model_or_queryset, *args, **kwargs)


def SearchBackend(params):  # noqa: N802  (Wagtail looks the backend up by this name)
    backend = database_backend(params)
    thai_class = type(f"Thai{type(backend).__name__}", (ThaiQueryMixin, type(backend)), {})
    backend.__class__ = thai_class
    return backend
