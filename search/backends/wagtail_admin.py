"""Wagtail's own search backend (admin page search, drafts included) made to read Thai.

Pages index a `thai_search_terms` field: our analysed terms joined by spaces (see
the records app's ThaiSearchMixin). Query strings go through the same analysis before Wagtail's
database backend sees them. On SQLite the FTS table is rebuilt with the `ascii`
tokenizer (search/migrations/0001) so those space-separated Thai terms stay whole; on
PostgreSQL the `simple` configuration already splits on spaces only.
"""

import copy

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from ..analysis import analyze_query


def analysed(text):
    return " ".join(term.term for term in analyze_query(text)) or text


def thai_query_string(query):
    """The query with every piece of text analysed; query objects (the admin parses the
    search box into PlainText/Phrase/And/...) keep their structure."""
    if isinstance(query, str):
        return analysed(query)
    query = copy.copy(query)
    if isinstance(query, (PlainText, Phrase, Fuzzy)):
        query.query_string = analysed(query.query_string)
    elif isinstance(query, (And, Or)):
        query.subqueries = [thai_query_string(sub) for sub in query.subqueries]
    elif isinstance(query, (Boost, Not)):
        query.subquery = thai_query_string(query.subquery)
    return query


class ThaiQueryMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        return super().search(thai_query_string(query), model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        return super().autocomplete(thai_query_string(query), model_or_queryset, *args, **kwargs)


def SearchBackend(params):
    backend = database_backend(params)
    thai_class = type(f"Thai{type(backend).__name__}", (ThaiQueryMixin, type(backend)), {})
    backend.__class__ = thai_class
    return backend
