"""The layer on Elasticsearch (semantics in search.plan.layer_plan, as the embedded index's
search.backends.embedded.layer): the bigrams are the `grams.*` fields, whitespace-analysed
like `terms.*`; a layer word is a `match_phrase` of any of its phrases in any of them."""

from elasticsearch.dsl import Q

from ..plan import LAYER_WEIGHTS
from ..query import FACETS


def layer_query(words, exclude=None):
    """The layer's hits: every layer word (search.plan.layer_words) through any of its
    phrases in a `grams` field (LAYER_WEIGHTS boosts, scores summed), and not `exclude`
    (the word pass's base query, when it found anything)."""
    must = [
        Q(
            "bool",
            minimum_should_match=1,
            should=[
                Q("bool", boost=weight, should=[Q("match_phrase", **{f"grams.{field}": p}) for p in phrases])
                for field, weight in LAYER_WEIGHTS.items()
            ],
        )
        for phrases in words
    ]
    return Q("bool", must=must, must_not=[exclude] if exclude is not None else [])


def merged_facets(first, second):
    """Facet counts of two disjoint sets (the word hits, the layer's), by count then value."""
    merged = {}
    for name in FACETS:
        counts = dict(first.get(name, {}))
        for value, count in second.get(name, {}).items():
            counts[value] = counts.get(value, 0) + count
        merged[name] = dict(sorted(counts.items(), key=lambda vc: (-vc[1], vc[0])))
    return merged
