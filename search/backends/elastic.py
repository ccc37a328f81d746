"""The Elasticsearch index (ELASTICSEARCH_URL set): same documents, semantics and results as
search.backends.embedded.EmbeddedIndex, for sites that need a search cluster.

Analysis stays ours. Every document carries the analysed columns of the embedded index
(search.plan.analysed_columns) under `terms.*`, indexed with a plain `whitespace` analyzer
(no `thai`/ICU analyzer, no copy_to), so both backends match exactly the same tokens.
Facet fields are keywords, `date` is a date, and the display text (title, body, meta) is
kept unindexed in _source: snippets are cut from it by search.snippets.make_snippet,
identical to the embedded ones. So are the attached files' pages (`files`, an object
that is not even parsed into fields: `enabled: false`); their analysed text is
`terms.files`, for the hits found through a file (search.plan.hit_from says where).
An index of an older document version answers as it is (its documents lack `files`) and
`status()` says a rebuild is due.

Queries follow the shared plan in search.plan:
- a query word matches through `match_phrase` of its term, its alternatives, or its
  compound parts in sequence, on any analysed field; per-field weights (FIELD_WEIGHTS)
  are `bool` boosts, and a document's score is the sum over its matching words (BM25);
- the words together as a phrase in title or body multiply the score by 1 + PHRASE_BOOST
  (function_score);
- "all terms first": hits that match every non-stopword are served before partial
  matches, as two tiers with exact counts (no score offsets that float precision could
  blur); date sorts show only full matches when there are any;
- facets are filter aggregations over the same base set, each ignoring its own filter
  (post_filter restricts the hits only).
One request answers most searches (counts, facets, first tier); a second one is made only
when a page reaches into the partial matches.

Index names: the live index is the alias `<prefix>-records`; rebuilds bulk-load a new
`<prefix>-records-<UTC timestamp>`, then move the alias in one atomic `_aliases` call and
delete the old index, so searches keep being answered during the rebuild.

The mapping, the stored document and the queries are built in search.backends.elastic_query.

Every client error (cluster down, slow, refusing) becomes search.errors.SearchUnavailable:
the search views then show their notice and search.sync keeps the change for later.
"""

import datetime
import logging
import threading
import time
import urllib.parse
from contextlib import contextmanager

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import Index, Q, Search
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from ..analysis import ANALYSIS_VERSION
from ..documents import DOCUMENT_VERSION
from ..errors import SearchUnavailable
from ..plan import (
    DATE_ONLY_SORT,
    QueryPlan,
    build_meta,
    date_only,
    date_ranges,
    full_matches_only,
    hit_from,
    layer_plan,
    version_status,
)
from ..query import SearchResults
from . import elastic_vocab
from .base import SearchIndex
from .breaker import BreakerOpen, BreakerTransport
from .elastic_layer import layer_query, merged_facets
from .elastic_query import (
    SORTS,
    add_facet_aggs,
    all_of,
    all_terms_query,
    any_word_query,
    facets_from,
    filter_queries,
    record_mapping,
    scored_query,
    source_for,
)

logger = logging.getLogger(__name__)

BULK_CHUNK = 500
BULK_TIMEOUT = 120  # seconds per request while rebuilding (not bound by the short search timeout)
ADMIN_TIMEOUT = 30  # creating an index, moving the alias: the cluster may wait for shards


# ---------------------------------------------------------------------- client
_clients = {}
_clients_lock = threading.Lock()


def client_options():
    hosts = [url.strip() for url in settings.ELASTICSEARCH_URL.split(",") if url.strip()]
    # BreakerTransport: once a request times out or cannot connect, calls fail fast for a
    # while instead of each waiting the full timeout (search.breaker).
    options = {
        "hosts": hosts,
        "request_timeout": float(settings.ELASTICSEARCH_TIMEOUT),
        "max_retries": 1,
        "retry_on_timeout": False,
        "transport_class": BreakerTransport,
    }
    if getattr(settings, "ELASTICSEARCH_API_KEY", ""):
        options["api_key"] = settings.ELASTICSEARCH_API_KEY
    elif getattr(settings, "ELASTICSEARCH_USERNAME", ""):
        options["basic_auth"] = (settings.ELASTICSEARCH_USERNAME, getattr(settings, "ELASTICSEARCH_PASSWORD", ""))
    if getattr(settings, "ELASTICSEARCH_CA_CERTS", ""):
        options["ca_certs"] = settings.ELASTICSEARCH_CA_CERTS
    if not getattr(settings, "ELASTICSEARCH_VERIFY_CERTS", True):
        options["verify_certs"] = False
        options["ssl_show_warn"] = False
    return options


def get_client():
    """One client (and connection pool) per process and configuration."""
    options = client_options()
    key = repr(sorted(options.items()))
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            try:
                client = _clients[key] = Elasticsearch(**options)
            except (ValueError, TypeError) as exc:  # a malformed URL or TLS option
                raise SearchUnavailable(f"ELASTICSEARCH_* settings are invalid: {exc}") from exc
    return client


def get_breaker():
    """The circuit breaker of this process's client for the current settings."""
    return get_client().transport.breaker


@contextmanager
def unavailable_on_error(action):
    """Turn every client-side failure into SearchUnavailable (callers decide what to do)."""
    try:
        yield
    except SearchUnavailable:
        raise
    except BreakerOpen as exc:  # not sent: the cluster failed a moment ago
        raise SearchUnavailable(f"Elasticsearch {action} skipped: {exc}"[:1000]) from exc
    except (TransportError, ApiError, BulkIndexError) as exc:
        detail = getattr(exc, "message", "") or str(exc)
        raise SearchUnavailable(f"Elasticsearch {action} failed: {type(exc).__name__}: {detail}"[:1000]) from exc


def _now():
    return datetime.datetime.now(datetime.UTC)


class _IndexWriter:
    """index()/remove() on one concrete index (a rebuild's new one, before it goes live)."""

    def __init__(self, client, name):
        self.client, self.name = client, name

    def index(self, doc):
        self.client.index(index=self.name, id=str(doc.page_id), document=source_for(doc), refresh=True)

    def remove(self, page_id):
        self.client.options(ignore_status=404).delete(index=self.name, id=str(page_id), refresh=True)


class ElasticIndex(SearchIndex):
    name = "elasticsearch"

    def __init__(self, client=None, prefix=None):
        self.client = client or get_client()
        prefix = (prefix if prefix is not None else settings.ELASTICSEARCH_INDEX_PREFIX) or "kb"
        self.alias = f"{prefix.lower()}-records"

    # ------------------------------------------------------------------ index management
    def _new_index_name(self):
        return f"{self.alias}-{_now():%Y%m%d%H%M%S%f}"

    def _create_index(self, name, building=False):
        index = Index(name, using=self.client.options(request_timeout=ADMIN_TIMEOUT))
        index.settings(
            number_of_shards=1, auto_expand_replicas="0-1", **({"refresh_interval": "-1"} if building else {})
        )
        mapping = record_mapping()
        mapping.meta(
            "_meta",
            analysis_version=ANALYSIS_VERSION,
            document_version=DOCUMENT_VERSION,
            built_at=None,
            build_seconds=None,
        )
        index.mapping(mapping)
        index.create()
        return name

    def live_indices(self):
        """Concrete indices behind the alias (normally one), [] when there is none."""
        response = self.client.options(ignore_status=404).indices.get_alias(name=self.alias)
        return [] if response.meta.status == 404 else sorted(response.body)

    def _ensure_alias(self):
        """An empty index behind the alias, for updates that arrive before the first rebuild."""
        if self.live_indices():
            return
        name = self._create_index(self._new_index_name())
        self.client.options(request_timeout=ADMIN_TIMEOUT).indices.update_aliases(
            actions=[{"add": {"index": name, "alias": self.alias}}]
        )

    # ------------------------------------------------------------------ writing
    def index(self, doc):
        with unavailable_on_error("index"):
            body = source_for(doc)
            try:
                self.client.index(
                    index=self.alias, id=str(doc.page_id), document=body, refresh=True, require_alias=True
                )
            except NotFoundError:
                self._ensure_alias()
                self.client.index(
                    index=self.alias, id=str(doc.page_id), document=body, refresh=True, require_alias=True
                )

    def remove(self, page_id):
        with unavailable_on_error("remove"):
            # 404: not in the index (or no index yet), which is what removing wants.
            self.client.options(ignore_status=404).delete(index=self.alias, id=str(page_id), refresh=True)

    def index_many(self, docs, remove=()):
        """One bulk request (per BULK_CHUNK) for the pages an import published, refreshed once."""
        actions = [
            *({"_op_type": "delete", "_index": self.alias, "_id": str(page_id)} for page_id in remove),
            *({"_index": self.alias, "_id": str(doc.page_id), "_source": source_for(doc)} for doc in docs),
        ]
        if not actions:
            return
        with unavailable_on_error("index"):
            self._ensure_alias()  # bulk writes to a missing alias would create a plain index
            bulk_client = self.client.options(request_timeout=BULK_TIMEOUT)
            # 404: a removed page that was not in the index, which is what removing wants
            for _ok, _item in streaming_bulk(
                bulk_client, actions, chunk_size=BULK_CHUNK, max_retries=2, ignore_status=(404,), refresh=True
            ):
                pass

    def rebuild(self, docs, progress=None, before_swap=None):
        """Bulk-load a complete new index, then move the alias to it in one atomic call.

        before_swap(writer), when given, runs just before the alias moves; writer.index(doc)
        and writer.remove(page_id) change the new index (to replay updates made meanwhile)."""
        started = time.perf_counter()
        with unavailable_on_error("rebuild"):
            name = self._create_index(self._new_index_name(), building=True)
        count = 0
        try:
            with unavailable_on_error("rebuild"):
                actions = (
                    {"_index": name, "_id": str(doc.page_id), "_source": source_for(doc)}
                    for doc in (progress(docs) if progress else docs)
                )
                bulk_client = self.client.options(request_timeout=BULK_TIMEOUT)
                for _ok, _item in streaming_bulk(bulk_client, actions, chunk_size=BULK_CHUNK, max_retries=2):
                    count += 1
                bulk_client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
                bulk_client.indices.refresh(index=name)
                if before_swap is not None:
                    before_swap(_IndexWriter(self.client, name))
                bulk_client.indices.put_mapping(index=name, meta={**build_meta(started), "documents": count})
                old = self.live_indices()
                bulk_client.indices.update_aliases(
                    actions=[
                        *({"remove": {"index": old_name, "alias": self.alias}} for old_name in old),
                        {"add": {"index": name, "alias": self.alias}},
                    ]
                )
        except BaseException:
            try:  # the half-built index is never live: drop it, keep the original error
                self.client.options(ignore_status=404, request_timeout=BULK_TIMEOUT).indices.delete(index=name)
            except (TransportError, ApiError) as exc:
                logger.warning("could not delete the unfinished search index %s: %s", name, exc)
            raise
        for old_name in old:
            try:
                self.client.options(ignore_status=404).indices.delete(index=old_name)
            except (TransportError, ApiError) as exc:  # the new index is live; a leftover is only disk
                logger.warning("could not delete the old search index %s: %s", old_name, exc)
        return count

    def drop(self):
        """Delete every index of this prefix, and so the alias (tests, benchmarks).

        Names are listed first: clusters refuse wildcard deletes by default."""
        with unavailable_on_error("drop"):
            names = sorted(self.client.indices.get(index=f"{self.alias}-*", allow_no_indices=True))
            if names:
                self.client.options(ignore_status=404).indices.delete(index=",".join(names))

    # ------------------------------------------------------------------ status
    def status(self):
        with unavailable_on_error("status"):
            health = self.client.cluster.health()
            info = {
                "backend": self.name,
                "path": f"{self._hosts()} alias {self.alias}",
                "cluster": health.get("cluster_name"),
                "cluster_health": health.get("status"),
                "nodes": health.get("number_of_nodes"),
                "index": None,
                "documents": 0,
                **version_status({}),
            }
            live = self.live_indices()
            if not live:
                return info
            info["index"] = ", ".join(live)
            info["path"] = f"{self._hosts()} alias {self.alias} → {info['index']}"
            info["index_health"] = self.client.cluster.health(index=self.alias).get("status")
            info["documents"] = self.client.count(index=self.alias)["count"]
            mapping = self.client.indices.get_mapping(index=self.alias)
            meta = next(iter(mapping.values()))["mappings"].get("_meta", {}) if mapping else {}
            info.update(version_status(meta))
        return info

    @staticmethod
    def _hosts():
        """The cluster URLs without any credentials they may carry."""
        hosts = []
        for url in settings.ELASTICSEARCH_URL.split(","):
            parts = urllib.parse.urlsplit(url.strip())
            hosts.append(parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl())
        return ", ".join(hosts)

    def page_ids(self):
        with unavailable_on_error("scan"):
            return {hit.page_id for hit in Search(using=self.client, index=self.alias).source(["page_id"]).scan()}

    def term_counts(self, terms):
        """{term: documents} of the terms the index has (search.plan.suggest)."""
        return elastic_vocab.term_counts(self.client, self.alias, terms)

    def letter_texts(self, phrase, limit):
        """[(title, body, meta)] of the first `limit` documents, by page id, whose layer has
        the bigram phrase (search.recut)."""
        try:
            with unavailable_on_error("letters"):
                search = Search(using=self.client, index=self.alias).query(layer_query([[phrase]]))
                hits = search.sort("page_id").source(["title", "body", "meta"])[:limit].execute()
        except SearchUnavailable as exc:
            if isinstance(exc.__cause__, NotFoundError):  # no index yet: no document
                return []
            raise
        return [tuple(hit.to_dict().get(name) or "" for name in ("title", "body", "meta")) for hit in hits]

    # ------------------------------------------------------------------ searching
    def _search(self, query, post_filter, sort, start, size, scored=None):
        scored = scored_query(query) if scored is None else scored
        search = Search(using=self.client, index=self.alias).query(scored).post_filter(post_filter)
        return (
            search.sort(*SORTS[sort])
            .source(excludes=["terms", "grams"])
            .extra(track_total_hits=True, track_scores=True)[start : start + size]
        )

    def _layer(self, query, words, word_hits, filters, start, size):
        """The layer's hits offset..offset+size, their filtered count and their facets."""
        search = self._search(
            query,
            all_of(filters),
            query.sort,
            start,
            size,
            layer_query(words, any_word_query(QueryPlan.for_query(query)) if word_hits else None),
        )
        search.aggs.bucket("filtered", "filter", filter=all_of(filters))
        add_facet_aggs(search.aggs, query.filters)
        with unavailable_on_error("search"):
            response = search.execute()
        aggs = response.aggregations.to_dict()
        return list(response), aggs["filtered"]["doc_count"], facets_from(aggs)

    def _date_search(self, query):
        """A date-only query (search.plan.date_only), as the embedded index: the records
        dated within its dates, by date then page id; None when no record is."""
        within = Q("bool", should=[Q("range", date={"gte": a, "lte": b}) for a, b in date_ranges(query)])
        search = self._search(
            query,
            all_of(filter_queries(query.filters)),
            DATE_ONLY_SORT[query.sort],
            query.offset,
            query.per_page,
            Q("constant_score", filter=within, boost=1.0),
        )
        search.aggs.bucket("filtered", "filter", filter=all_of(filter_queries(query.filters)))
        add_facet_aggs(search.aggs, query.filters)
        with unavailable_on_error("search"):
            response = search.execute()
        if not response.hits.total.value:
            return None
        aggs = response.aggregations.to_dict()
        results = SearchResults(query=query, facets=facets_from(aggs))
        results.total = results.matched_all = aggs["filtered"]["doc_count"]
        results.hits = [hit_from(hit.to_dict(), query, 1.0, True) for hit in response]
        return results

    def search(self, query):
        results = SearchResults(query=query)
        if not query.terms:
            return results
        if date_only(query):
            try:
                dated = self._date_search(query)
            except SearchUnavailable as exc:
                if not isinstance(exc.__cause__, NotFoundError):
                    raise
                return results
            if dated is not None:
                return dated
        filters = filter_queries(query.filters)
        all_terms = all_terms_query(query)
        # One request: counts and facets for both possible base sets, and the first tier of
        # hits (full matches, filtered) for this page.
        first = self._search(query, all_of([all_terms, *filters]), query.sort, query.offset, query.per_page)
        first.aggs.bucket("filtered", "filter", filter=all_of(filters))
        first.aggs.bucket("words", "filter", filter=Q("match_all"))  # the base set before filters: the layer's rule
        add_facet_aggs(first.aggs, query.filters)
        full = first.aggs.bucket("all", "filter", filter=all_terms)
        full.bucket("filtered", "filter", filter=all_of(filters))
        add_facet_aggs(full, query.filters)
        try:
            with unavailable_on_error("search"):
                response = first.execute()
        except SearchUnavailable as exc:
            if isinstance(exc.__cause__, NotFoundError):
                logger.warning("search index %s does not exist yet: run `manage.py search_index rebuild`", self.alias)
                return results
            raise
        aggs = response.aggregations.to_dict()
        all_unfiltered = aggs["all"]["doc_count"]
        results.matched_all = aggs["all"]["filtered"]["doc_count"]
        # Date-sorted lists show only full matches when there are any (as the embedded index).
        restrict_all = full_matches_only(query, all_unfiltered)
        if restrict_all:
            results.total = results.matched_all
            results.facets = facets_from(aggs["all"])
        else:
            results.total = aggs["filtered"]["doc_count"]
            results.facets = facets_from(aggs)
        hits = [(hit, True) for hit in response] if (query.sort == "relevance" or restrict_all) else []
        if not restrict_all and len(hits) < query.per_page and query.offset + len(hits) < results.total:
            if query.sort == "relevance":  # the partial matches follow the full ones
                start = max(0, query.offset - results.matched_all)
                post_filter = Q("bool", filter=filters, must_not=[all_terms])
            else:  # date order over partial matches (there is no full match at all)
                start = query.offset
                post_filter = all_of(filters)
            with unavailable_on_error("search"):
                more = self._search(query, post_filter, query.sort, start, query.per_page - len(hits)).execute()
            hits.extend((hit, False) for hit in more)
        words = layer_plan(query, aggs["words"]["doc_count"], restrict_all)
        if words:  # the words found too little: the layer's hits follow every word hit
            word_total = results.total
            start = max(0, query.offset - word_total)
            more, layer_total, layer_facets = self._layer(
                query, words, aggs["words"]["doc_count"] > 0, filters, start, max(0, query.per_page - len(hits))
            )
            hits.extend((hit, False) for hit in more)
            results.total = word_total + layer_total
            results.facets = merged_facets(results.facets, layer_facets)
        for hit, matched_all in hits:
            results.hits.append(hit_from(hit.to_dict(), query, hit.meta.score, matched_all))
        return results
