"""Query-side analysis: a search string to one ``QueryTerm`` per word.

Each word becomes the term the index holds for it (a synonym group's canonical
term, the B.E. form of a year), with the other forms as ``alternatives``, its
compound parts as a fallback and the folded surfaces to highlight. A synonym
spread over several words becomes one term. Stopwords (PyThaiNLP's Thai list, a
short English one, and the question words and particles of ``data/questions.txt``,
also a token made only of them, such as ที่ไหนบ้าง) are marked, not dropped: the
backends decide (a hit need not have them; a query made only of them still
searches for them). Input is
truncated at a word boundary; the function never raises on any string.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from pythainlp.corpus import thai_stopwords

from .lexicon import _Lexicon, _lexicon
from .normalize import _THAI_CHAR_RE, _fold_chars, _strip_term
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
    """Stopword terms, folded like index terms, question words included; built on first use."""
    thai = frozenset(_strip_term(_fold_chars(w)) for w in thai_stopwords())
    return thai | _ENGLISH_STOPWORDS | _lexicon().question_terms


# "How many" words: the word after one is the unit counted (มีกี่ข้อ, กี่ฉบับ, กี่ประเทศ),
# part of the question rather than of what is looked for, so it is optional too.
_COUNT_WORDS = frozenset({"กี่"})


def _is_stopword(lex: _Lexicon, tok: _Tok) -> bool:
    """A stopword, or a compound of stopwords with a question word or particle among
    them (ที่ไหน|บ้าง, นะ|คะ; not ได้|รับ, which may be what the user looks for)."""
    stop, parts = _stopwords(), tok.top_parts
    if tok.term in stop:
        return True
    return bool(parts) and all(p in stop for p in parts) and any(p in lex.question_terms for p in parts)


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
    # Thai parts by their canonical term; glued English (wsis|forum) as written, since
    # the parts match as a phrase of the words the text has (a canonical term is an
    # extra term, not at their position).
    parts = tuple(dict.fromkeys(lex.canon.get(p, (p,))[0] if _THAI_CHAR_RE.search(p) else p for p in tok.top_parts))
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
        stopword=not canon and _is_stopword(lex, tok),
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
            if i and toks[i - 1].term in _COUNT_WORDS and not qterm.stopword:
                qterm = replace(qterm, stopword=True)
            i += 1
        if qterm.term not in seen:
            seen.add(qterm.term)
            out.append(qterm)
    return out
