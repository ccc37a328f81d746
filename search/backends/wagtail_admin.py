"""Wagtail's own search backend (admin page search, drafts included) made to read Thai.

Pages index a `thai_search_terms` field: our analysed terms joined by spaces (see
the records app's ThaiSearchMixin). Query strings go through the same analysis before Wagtail's
database backend sees them. On SQLite the FTS table is rebuilt with the `ascii`
tokenizer (search/migrations/0001) so those space-separated Thai terms stay whole; on
PostgreSQL the `simple` configuration already splits on spaces only.
"""

import contextvars
import copy
from contextlib import contextmanager

from django.db.models import Avg, F, Max
from django.db.models.functions import Length
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.conf import get_app_config
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


# The index objects whose refresh waits, while one_title_norm_refresh() runs; else None.
_norms_deferred = contextvars.ContextVar("admin_title_norms_deferred", default=None)
LAVG_SAMPLE = 5000  # the mean title length is taken over the latest entries


@contextmanager
def one_title_norm_refresh():
    """modelsearch's SQLite index sets each new entry's title norm (mean title length / its
    own) after every add_items, with two scans of all its entries: an import of seven kinds
    made fourteen, slower as the site grew. Inside this block it is done once, at the end,
    for the entries the block added, against the mean over the latest LAVG_SAMPLE entries
    (a full rebuild, update_index, still uses every entry)."""
    if _norms_deferred.get() is not None:
        yield
        return
    entries = get_app_config().get_model("IndexEntry")._default_manager
    after_id = entries.aggregate(last=Max("id"))["last"] or 0
    waiting = []
    token = _norms_deferred.set(waiting)
    try:
        yield
    finally:
        _norms_deferred.reset(token)
    if waiting:
        _refresh_new_title_norms(entries.all(), after_id)


def _refresh_new_title_norms(entries, after_id):
    last = entries.aggregate(last=Max("id"))["last"] or 0
    titled = entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
    lavg = titled.filter(id__gt=last - LAVG_SAMPLE).aggregate(lavg=Avg("title_length"))["lavg"]
    if lavg:
        titled.filter(id__gt=after_id, title_norm=1.0).update(title_norm=lavg / F("title_length"))


class DeferredNormsMixin:
    def _refresh_title_norms(self, full=False):
        waiting = _norms_deferred.get()
        if waiting is None or full:
            return super()._refresh_title_norms(full=full)
        waiting.append(self)


def SearchBackend(params):
    backend = database_backend(params)
    thai_class = type(f"Thai{type(backend).__name__}", (ThaiQueryMixin, type(backend)), {})
    if type(backend).__name__ == "SQLiteSearchBackend":  # its index sets title norms by UPDATE
        index_class = backend.index_class
        thai_class.index_class = type(f"Thai{index_class.__name__}", (DeferredNormsMixin, index_class), {})
    backend.__class__ = thai_class
    return backend
