"""Query-side analysis: a search string to one ``QueryTerm`` per word.

Each word becomes the term the index holds for it (a synonym group's canonical
term, the B.E. form of a year), with the other forms as ``alternatives``, its
compound parts as a fallback and the folded surfaces to highlight. A synonym
spread over several words becomes one term. Stopwords (PyThaiNLP's Thai list and
a short English one) are marked, not dropped: the backends decide. Input is
truncated at a word boundary; the function never raises on any string.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pythainlp.corpus import thai_stopwords

from .lexicon import _Lexicon, _lexicon
from .normalize import _fold_chars, _strip_term
from .terms import _analyze, _Tok

_MAX_QUERY_CHARS = 2000

_ENGLISH_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "with",
    ]
)


@cache
def _stopwords() -> frozenset[str]:
    """Stopword terms, folded like index terms; built on first use."""
    return frozenset(_strip_term(_fold_chars(w)) for w in thai_stopwords()) | _ENGLISH_STOPWORDS


@dataclass(frozen=True)
class QueryTerm:
    """One word (or multi-word synonym) of a query.

    A document matches when it has ``term`` (or one of ``alternatives``)
    among its primary or extra terms. ``parts`` is the fallback when the
    whole compound is absent (all parts, ideally next to each other).
    ``surfaces`` are folded strings to highlight in ``fold(display text)``.
    """

    term: str
    alternatives: tuple[str, ...]
    parts: tuple[str, ...]
    surfaces: tuple[str, ...]
    stopword: bool


def _query_term_for_token(lex: _Lexicon, folded: str, tok: _Tok) -> QueryTerm:
    canon = list(lex.canon.get(tok.term, ()))
    if canon:
        term = canon[0]
    elif tok.years:
        term = tok.years[0]  # B.E. is the canonical era
    else:
        term = tok.term
    alternatives = dict.fromkeys((tok.term, *canon, *tok.years))
    alternatives.pop(term, None)
    parts = tuple(dict.fromkeys(lex.canon.get(p, (p,))[0] for p in tok.top_parts))
    surfaces = [folded[tok.start : tok.end], tok.replaced]
    for key in (tok.term, *canon):
        surfaces.extend(lex.variant_surfaces.get(key, ()))
        surfaces.extend(lex.group_surfaces.get(key, ()))
    surfaces.extend(tok.years)
    return QueryTerm(
        term=term,
        alternatives=tuple(alternatives),
        parts=parts,
        surfaces=tuple(dict.fromkeys(s for s in surfaces if s)),
        stopword=not canon and tok.term in _stopwords(),
    )


def analyze_query(text: str, max_terms: int = 32) -> list[QueryTerm]:
    """Analysis of a search query: one QueryTerm per word, in query order,
    without duplicates. Very long input is truncated; never raises on any
    string."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    lex = _lexicon()
    if len(text) > _MAX_QUERY_CHARS:
        # Cut at a space, so that the last word is not cut in two.
        text = text[:_MAX_QUERY_CHARS]
        head = text.rsplit(None, 1)[0]
        text = head if len(head) > _MAX_QUERY_CHARS // 2 else text
    _, folded, toks, matches = _analyze(text)
    # Longest multi-token synonym starting at each token.
    longest: dict[int, tuple[int, tuple[str, ...]]] = {}
    for first, end, canonicals in matches:
        if first not in longest or end > longest[first][0]:
            longest[first] = (end, canonicals)

    out: list[QueryTerm] = []
    seen: set[str] = set()
    i = 0
    while i < len(toks) and len(out) < max_terms:
        if i in longest:
            end, (canonical, *others) = longest[i]
            span = folded[toks[i].start : toks[end - 1].end]
            surfaces = [span]
            for key in (canonical, *others):
                surfaces.extend(lex.group_surfaces.get(key, ()))
            qterm = QueryTerm(
                term=canonical,
                alternatives=tuple(others),
                parts=tuple(t.term for t in toks[i:end]),
                surfaces=tuple(dict.fromkeys(surfaces)),
                stopword=False,
            )
            i = end
        else:
            qterm = _query_term_for_token(lex, folded, toks[i])
            i += 1
        if qterm.term not in seen:
            seen.add(qterm.term)
            out.append(qterm)
    return out
