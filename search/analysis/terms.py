"""Index-side analysis: a field's text to its index terms.

``_analyze`` runs the whole pipeline (clean, fold, variants, segmentation) and
adds what depends on the neighbours: a 4-digit B.E. year is indexed with its
C.E. twin and the other way round (also ``ปี'60``), and a synonym member spread
over several tokens gets its group's canonical term. ``tokens`` gives the tokens
with offsets (snippets, ``thai_analyze``); ``index_document`` gives the same
terms without token objects, the hot path of a rebuild. ``segment`` is the
display-side cut used by revision diffs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, compress, repeat

from .lexicon import NOT_INDEXED, _lexicon
from .normalize import _fold_chars, _replace_variants, clean
from .segment import (
    _SEGMENT_RE,
    _cache_put,
    _other_raws,
    _Raw,
    _split,
    _thai_pieces,
    display_pieces,
)

_YEAR_RE = re.compile(r"[0-9]{4}")
# ปี’60, ปี '61: a two-digit B.E. year after ปี and an apostrophe.
_SHORT_YEAR_RE = re.compile(r"ปี ?['’‘] ?([0-9]{2})(?![0-9])")
_TWO_DIGITS_RE = re.compile(r"[0-9]{2}")


def _year_forms(term: str) -> tuple[str, ...]:
    """(B.E., C.E.) for a year, () otherwise. 2400-2700 is read as B.E.,
    1900-2157 as C.E. (the same years: C.E. + 543)."""
    if _YEAR_RE.fullmatch(term):
        year = int(term)
        if 2400 <= year <= 2700:
            return str(year), str(year - 543)
        if 1900 <= year <= 2157:
            return str(year + 543), term
    return ()


class _Tok:
    """Internal token: offsets into clean(text) and the pieces of its terms."""

    __slots__ = ("start", "end", "term", "replaced", "top_parts", "static", "years", "more")

    def __init__(self, raw: _Raw, start: int, end: int, info: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
        self.start, self.end, self.term = start, end, raw.term
        self.replaced = raw.text
        self.top_parts, self.static = info  # see _Lexicon.token_info
        self.years: tuple[str, ...] = ()  # (B.E., C.E.) when a year
        # Canonical terms of multi-token synonyms that start here.
        self.more: list[str] = []

    def extras(self) -> tuple[str, ...]:
        if not self.more and not self.years:
            return self.static
        extra = dict.fromkeys((*self.static, *self.years, *self.more))
        extra.pop(self.term, None)
        return tuple(extra)


def _short_years(replaced: str):
    """Offsets of the digits of two-digit years written ปี'60."""
    return {m.start(1) for m in _SHORT_YEAR_RE.finditer(replaced)} if "ปี" in replaced else ()


def _token_years(raw: _Raw, short_years) -> tuple[str, ...]:
    """(B.E., C.E.) when a non-Thai token is a year, () otherwise."""
    years = _year_forms(raw.term)
    if not years and raw.start in short_years and _TWO_DIGITS_RE.fullmatch(raw.term):
        years = _year_forms(str(2500 + int(raw.term)))
    return years


def _analyze(text: str) -> tuple[str, str, list[_Tok], list[tuple[int, int, str]]]:
    """(clean text, folded text, tokens, multi-token synonym matches as
    (first token, end token, canonical terms))."""
    lex = _lexicon()
    cleaned = clean(text)
    folded = _fold_chars(cleaned)
    replaced, offsets = _replace_variants(lex, folded)
    short_years = _short_years(replaced)

    toks: list[_Tok] = []
    for raw in _split(lex, replaced):
        if offsets is None:
            start, end = raw.start, raw.end
        else:
            start, end = offsets.start(raw.start), offsets.end(raw.end)
        tok = _Tok(raw, start, end, lex.token_info(raw))
        if not raw.thai:
            tok.years = _token_years(raw, short_years)
        toks.append(tok)

    # Synonym members spread over several tokens (single tokens are looked
    # up in token_info).
    matches: list[tuple[int, int, tuple[str, ...]]] = []
    prefixes = lex.member_prefixes
    for i, tok in enumerate(toks):
        joined = tok.term
        if joined not in prefixes:
            continue
        for end in range(i + 1, len(toks)):
            joined += toks[end].term
            if joined not in prefixes:
                break
            canonicals = lex.canon.get(joined)
            if canonicals:
                tok.more.extend(canonicals)
                matches.append((i, end + 1, canonicals))
    return cleaned, folded, toks, matches


@dataclass(frozen=True)
class Token:
    """One token of a document. ``start``/``end`` are offsets into
    ``clean(text)`` and ``surface == clean(text)[start:end]``."""

    surface: str
    term: str  # the index term of the surface form
    extras: tuple[str, ...]  # compound parts, canonical terms, year twin
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Analysis of a document text; whitespace and punctuation are dropped."""
    cleaned, _, toks, _ = _analyze(text)
    return [Token(cleaned[t.start : t.end], t.term, t.extras(), t.start, t.end) for t in toks]


def _other_entries(lex, kind: str, surface: str) -> tuple[tuple[int, str, tuple[str, ...], tuple[str, ...]], ...]:
    """index_document's tokens of a number or non-Thai word: (offset in the surface, term,
    token_info extras, year forms), cached by match (all but ปี'60 depends on it alone)."""
    key = (kind, surface)
    entries = lex._other_cache.get(key)
    if entries is None:
        entries = tuple(
            (raw.start, raw.term, lex.token_info(raw)[1], _year_forms(raw.term))
            for raw in _other_raws(lex, kind, surface, 0)
        )
        _cache_put(lex._other_cache, key, entries)
    return entries


# A run takes some 320 bytes cached (its text, its terms): 50,000 are 16 MB a process, and
# the runs that repeat (a rebuild's boilerplate) are back soon after the cache is cleared.
_RUN_CACHE_LIMIT = 50_000
# Longer runs are not cached: an unspaced page of extracted text would take kilobytes an
# entry (600 MB at the limit) and never repeats; phrases that repeat are short.
_RUN_CACHE_MAX_CHARS = 200


def _run_entry(lex, run: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """index_document's tokens of a Thai run: (terms, token_info extras of each), pieces
    without a term left out. Cached by run: a run is the text between two spaces, and
    official text repeats its phrases (ครม., the names of ministries), so a run seen before
    is one dictionary lookup instead of nlpo3 and a lookup per word (in records.jsonl a
    third of the runs repeat an earlier one)."""
    get, piece_entry = lex._piece_cache.get, lex.piece_entry
    entries = [get(piece) or piece_entry(piece) for piece in _thai_pieces(lex, run)]
    if NOT_INDEXED in entries:  # only NOT_INDEXED has the term ""
        entries = [entry for entry in entries if entry is not NOT_INDEXED]
    value = tuple(zip(*entries, strict=True)) if entries else ((), ())
    if len(run) <= _RUN_CACHE_MAX_CHARS:
        _cache_put(lex._run_cache, run, value, _RUN_CACHE_LIMIT)
    return value


def index_document(text: str) -> tuple[list[str], list[str]]:
    """(primary terms in text order, extra terms) of a field. Join each list
    with ' ' for FTS5 (tokenize='ascii') or a whitespace tokenizer."""
    # The same result as building _analyze's tokens, without what only snippets and
    # queries need (offsets, token objects): this is the hot path of a rebuild, run for
    # every field of every document, so per Thai run it is a cache lookup and two list
    # extends (tests/search/test_analysis_speed_equivalence.py holds it to _analyze's output).
    lex = _lexicon()
    replaced, _ = _replace_variants(lex, _fold_chars(clean(text)))
    short_years = _short_years(replaced)
    primary: list[str] = []  # terms in text order
    statics: list[tuple[str, ...]] = []  # token_info extras of each term
    years: dict[int, tuple[str, ...]] = {}  # primary index -> year forms
    run_entry = lex._run_cache.get
    # findall's group tuples cost less than match objects; a text with ปี'60 needs the
    # offsets of its numbers too.
    found = _SEGMENT_RE.findall(replaced)
    starts = [m.start() for m in _SEGMENT_RE.finditer(replaced)] if short_years else repeat(0)
    for (run, number, word), start in zip(found, starts):
        if run:
            entry = run_entry(run) or _run_entry(lex, run)
            primary += entry[0]
            statics += entry[1]
            continue
        kind, surface = ("number", number) if number else ("word", word)
        for offset, term, static, forms in _other_entries(lex, kind, surface):
            if not forms and short_years and start + offset in short_years and _TWO_DIGITS_RE.fullmatch(term):
                forms = _year_forms(str(2500 + int(term)))
            if forms:
                years[len(primary)] = forms
            primary.append(term)
            statics.append(static)

    # Synonym members spread over several tokens, as in _analyze.
    more: dict[int, list[str]] = {}
    prefixes, canon, n = lex.member_prefixes, lex.canon, len(primary)
    for i in compress(range(n), map(prefixes.__contains__, primary)):
        joined = primary[i]
        for end in range(i + 1, n):
            joined += primary[end]
            if joined not in prefixes:
                break
            canonicals = canon.get(joined)
            if canonicals:
                more.setdefault(i, []).extend(canonicals)

    if not years and not more:
        return primary, list(chain.from_iterable(statics))
    extra: list[str] = []
    for i, (term, static) in enumerate(zip(primary, statics, strict=True)):  # as _Tok.extras
        if i not in years and i not in more:
            extra.extend(static)
            continue
        merged = dict.fromkeys((*static, *years.get(i, ()), *more.get(i, ())))
        merged.pop(term, None)
        extra.extend(merged)
    return primary, extra


def segment(text: str) -> list[str]:
    """Text cut into Thai words and other characters, covering it exactly ("".join gives
    it back). For display work such as revision diffs; searching uses tokens()."""
    return display_pieces(_lexicon(), text)
