"""What the Elasticsearch index stores and what a search asks of it (search.backends.elastic
sends them): the mapping and the stored document of a SearchDocument, the queries of the
shared plan (search.plan: word options, tiers, phrase, date and attribute boosts), the sorts
and the facet aggregations."""

from elasticsearch.dsl import Date, Integer, Keyword, Mapping, Object, Q, Text, analyzer

from ..plan import (
    ATTRIBUTE_BOOST,
    DATE_BOOST,
    FIELD_WEIGHTS,
    LAYER_WEIGHTS,
    PHRASE_BOOST,
    PHRASE_FIELDS,
    TYPED_BOOST,
    QueryPlan,
    analysed_columns,
    attribute_boosts,
    date_ranges,
    layer_columns,
    typed_phrases,
)
from ..query import FACETS

TERMS_ANALYZER = analyzer("kb_terms", tokenizer="whitespace")
FACET_SIZE = 1000


def record_mapping():
    mapping = Mapping()
    mapping.field("page_id", Integer())
    mapping.field("identifier", Keyword())
    for name in ("type", "year", "agency", "status"):  # facets and filters
        mapping.field(name, Keyword())
    mapping.field("date", Date(format="strict_date"))
    for name in ("title", "body", "meta"):  # the display text, for snippets and result lists
        mapping.field(name, Text(index=False))
    for name in ("type_label", "status_label", "url", "date_label", "date_attr"):
        mapping.field(name, Keyword(index=False, doc_values=False))
    mapping.field("files", Object(enabled=False))  # [{title, url, pages: [{page, text}]}], _source only
    mapping.field("terms", Object(properties={name: Text(analyzer=TERMS_ANALYZER) for name in FIELD_WEIGHTS}))
    # The layer's bigrams (search.analysis.grams): indexed, never read back from _source.
    mapping.field("grams", Object(properties={name: Text(analyzer=TERMS_ANALYZER) for name in LAYER_WEIGHTS}))
    return mapping


def source_for(doc):
    """The stored document: display fields as given, analysed columns under `terms`, the
    layer's under `grams`."""
    columns = analysed_columns(doc)
    return {
        "page_id": doc.page_id,
        "identifier": doc.identifier,
        "title": doc.title,
        "type": doc.type,
        "type_label": doc.type_label,
        "url": doc.url,
        "date": doc.date,
        "year": str(doc.year) if doc.year is not None else None,
        "agency": doc.agency,
        "status": doc.status,
        "status_label": doc.status_label,
        "body": doc.body,
        "meta": doc.meta,
        "date_label": doc.date_label,
        "date_attr": doc.date_attr,
        "files": doc.files,
        "terms": dict(zip(FIELD_WEIGHTS, columns, strict=True)),
        "grams": dict(zip(LAYER_WEIGHTS, layer_columns(doc, columns), strict=True)),
    }


# ---------------------------------------------------------------------- query building
def term_query(options):
    """One query word (its options, search.plan.word_options) on every analysed field.

    Field weights are boosts on a `bool` per field (a boost on match_phrase itself is
    not honoured everywhere), and the fields' scores add up."""
    words = [option for option in options if " " not in option]
    phrases = [option for option in options if " " in option]
    return Q(
        "bool",
        minimum_should_match=1,
        should=[
            Q(
                "bool",
                boost=weight,
                should=[
                    # Single tokens in one `match` (a BM25 term query each), sequences as phrases.
                    *(
                        [Q("match", **{f"terms.{field}": {"query": " ".join(words), "operator": "or"}})]
                        if words
                        else []
                    ),
                    *(Q("match_phrase", **{f"terms.{field}": phrase}) for phrase in phrases),
                ],
            )
            for field, weight in FIELD_WEIGHTS.items()
        ],
    )


def scored_query(query):
    """Any content word matches; BM25 summed over words, times the phrase bonus."""
    plan = QueryPlan.for_query(query)
    base = any_word_query(plan)
    functions = []
    if plan.phrase:
        together = Q(
            "bool",
            should=[Q("match_phrase", **{f"terms.{name}": plan.phrase}) for name in PHRASE_FIELDS],
            minimum_should_match=1,
        )
        functions.append({"filter": together, "weight": 1 + PHRASE_BOOST})
    dates = date_ranges(query)
    if dates:  # a hit dated within a date the query names (search.plan.DATE_BOOST)
        within = Q("bool", should=[Q("range", date={"gte": a, "lte": b}) for a, b in dates], minimum_should_match=1)
        functions.append({"filter": within, "weight": 1 + DATE_BOOST})
    for facet, values in attribute_boosts(query):  # a hit of a kind or status the query names
        functions.append({"filter": Q("terms", **{facet: list(values)}), "weight": 1 + ATTRIBUTE_BOOST})
    typed = typed_phrases(query)
    if typed:  # a hit with a real-word typo's typed form (search.plan.TYPED_BOOST)
        has_typed = Q(
            "bool",
            should=[Q("match_phrase", **{f"terms.{name}": p}) for p in typed for name in FIELD_WEIGHTS],
            minimum_should_match=1,
        )
        functions.append({"filter": has_typed, "weight": 1 + TYPED_BOOST})
    if not functions:
        return base
    return Q(
        "function_score",
        query=base,
        functions=functions,
        score_mode="multiply",
        boost_mode="multiply",
    )


def any_word_query(plan):
    """Matches any content word, optional ones too (scored as scored_query's base)."""
    return Q("bool", should=[term_query(options) for options in plan.any_words], minimum_should_match=1)


def all_terms_query(query):
    """Matches every content word (no scoring). Within the base set (any content word),
    one word is every word: then there is nothing more to check."""
    plan = QueryPlan.for_query(query)
    if plan.single_word:
        return Q("match_all")
    return Q("bool", filter=[term_query(options) for options in plan.words])


def filter_queries(filters, skip=None):
    return [Q("term", **{name: str(filters[name])}) for name in FACETS if name in filters and name != skip]


def all_of(clauses):
    return Q("bool", filter=clauses) if clauses else Q("match_all")


SORTS = {
    "relevance": [{"_score": {"order": "desc"}}, {"page_id": {"order": "asc"}}],
    "newest": [
        {"date": {"order": "desc", "missing": "_last"}},
        {"_score": {"order": "desc"}},
        {"page_id": {"order": "asc"}},
    ],
    "oldest": [
        {"date": {"order": "asc", "missing": "_last"}},
        {"_score": {"order": "desc"}},
        {"page_id": {"order": "asc"}},
    ],
}


def add_facet_aggs(parent, filters):
    """Per facet: the base set under every other filter, counted by value."""
    for name in FACETS:
        parent.bucket(f"facet_{name}", "filter", filter=all_of(filter_queries(filters, skip=name))).bucket(
            "values", "terms", field=name, size=FACET_SIZE, order=[{"_count": "desc"}, {"_key": "asc"}]
        )


def facets_from(aggs):
    facets = {}
    for name in FACETS:
        buckets = aggs[f"facet_{name}"]["values"]["buckets"]
        facets[name] = {str(b["key"]): b["doc_count"] for b in buckets if str(b["key"]) != ""}
    return facets
