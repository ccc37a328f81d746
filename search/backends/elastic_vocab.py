"""Document counts of terms in the Elasticsearch index, for spelling suggestions
(search.plan.suggest), counted as the embedded index's fts5vocab rows count them: the
live documents having the term in any analysed field (`terms.*`), so exact under index,
remove and rebuild (Lucene's term statistics are not: they count deleted documents
until a merge, and could reveal a withdrawn record's words).

A `filters` aggregation, one filter per term. Most candidates of a misspelling are in
no document, so a long list is first counted in groups of GROUP terms (one filter per
group) and only the groups with documents are counted term by term: two requests of
a few dozen filters instead of one of hundreds."""

from elasticsearch import NotFoundError
from elasticsearch.dsl import Q, Search

from ..errors import SearchUnavailable
from ..plan import FIELD_WEIGHTS

GROUP = 16


def _having(terms):
    """A query for the documents having any of the terms in an analysed field."""
    return Q("bool", should=[Q("terms", **{f"terms.{field}": list(terms)}) for field in FIELD_WEIGHTS])


def _counts(client, alias, groups):
    """[documents] per group of terms, in one request."""
    from .elastic import unavailable_on_error  # elastic imports this module

    search = Search(using=client, index=alias).extra(size=0, track_total_hits=False)
    search.aggs.bucket("vocab", "filters", filters={str(i): _having(group) for i, group in enumerate(groups)})
    with unavailable_on_error("term counts"):
        buckets = search.execute().aggregations.to_dict()["vocab"]["buckets"]
    return [buckets.get(str(i), {}).get("doc_count", 0) for i in range(len(groups))]


def term_counts(client, alias, terms):
    """{term: number of documents} of the terms any document has (others are left out)."""
    terms = [t for t in dict.fromkeys(terms) if isinstance(t, str) and t]
    if not terms:
        return {}
    try:
        if len(terms) > GROUP:
            groups = [terms[i : i + GROUP] for i in range(0, len(terms), GROUP)]
            terms = [t for group, count in zip(groups, _counts(client, alias, groups)) if count for t in group]
            if not terms:
                return {}
        counts = _counts(client, alias, [[t] for t in terms])
    except SearchUnavailable as exc:
        if isinstance(exc.__cause__, NotFoundError):  # no index yet: no term
            return {}
        raise
    return {term: count for term, count in zip(terms, counts) if count}
