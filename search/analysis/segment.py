"""Segmentation: folded, variant-replaced text cut into tokens with their terms.

Thai runs (dots included, so ``ครม.`` and ``พ.ร.บ.`` reach the dictionary whole)
go through nlpo3, the Rust newmm, with the lexicon's combined dictionary;
abbreviations it cuts at their dots are joined again. Numbers and words in other
scripts are cut by a regex. ``compound_parts`` splits a long Thai token again by
the same dictionary without the token itself, so ``ประชุม`` finds ``การประชุม``.
``display_pieces`` is the display-side cut (``segment``) (it covers the text exactly) used by revision
diffs. The functions take the lexicon as an argument; this module never loads it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import nlpo3
from pythainlp.tokenize import tcc as _tcc

from .normalize import _THAI, _strip_term

if TYPE_CHECKING:
    from .lexicon import _Lexicon


class _Raw:
    """A token as cut from the (folded, variant-replaced) text."""

    __slots__ = ("start", "end", "text", "term", "thai", "parts")

    def __init__(self, start: int, end: int, text: str, term: str, thai: bool, parts: tuple[str, ...] = ()) -> None:
        self.start, self.end, self.text, self.term = start, end, text, term
        self.thai, self.parts = thai, parts


_SEGMENT_RE = re.compile(
    # A Thai run, dots included so abbreviations (ป.ป.ช., สปป.ลาว) reach the
    # dictionary whole.
    rf"(?P<thai>[{_THAI}](?:[{_THAI}.]*[{_THAI}])?\.?)"
    # 2,300 -> 2300 (but 1,2,3 is a list).
    r"|(?P<number>\d{1,3}(?:,\d{3})+(?!\d))"
    # Words and numbers in any other script; hyphenated words kept together.
    rf"|(?P<word>[^\W_{_THAI}]+(?:-[^\W_{_THAI}]+)*)"
)
_ABBR_PIECES_RE = re.compile(rf"(?:[ก-ฮ][{_THAI}]{{0,4}}\.)+")
_ABBR_SHORT_RE = re.compile(rf"[ก-ฮ][{_THAI}]{{0,4}}")
_LETTERS_DIGITS_RE = re.compile(r"\d+|[^\W\d_]+")
_LETTERS_RE = re.compile(r"[a-z]+")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")


def _merge_abbreviations(pieces: list[str]) -> list[str]:
    """Join an abbreviation the dictionary does not know, which nlpo3 cuts at
    its dots (ก.พ.ร. -> ก.พ. | ร.; ป.วิ.อ. -> ป. | วิ | . | อ.)."""
    merged = []
    i, n = 0, len(pieces)
    while i < n:
        j, dots = i, 0
        while j < n:
            text = pieces[j]
            if _ABBR_PIECES_RE.fullmatch(text):
                dots += text.count(".")
                j += 1
            elif j + 1 < n and pieces[j + 1] == "." and _ABBR_SHORT_RE.fullmatch(text):
                dots += 1
                j += 2
            else:
                break
        if j - i >= 2 and dots >= 2:
            merged.append("".join(pieces[i:j]))
            i = j
        else:
            merged.append(pieces[i])
            i += 1
    return merged


# nlpo3.segment without its Python wrapper (whose checks a Thai run passes anyway): the
# wrapper costs a fifth of a short run's call, and a document has a run every few words.
_rust_segment = getattr(nlpo3, "rust_segment", None)


def _thai_pieces(lex: _Lexicon, surface: str) -> list[str]:
    """A Thai run cut into words; the pieces cover the run, in order."""
    if _rust_segment is not None:
        pieces = _rust_segment(surface, lex.dict_name, False, False)
    else:
        pieces = nlpo3.segment(surface, lex.dict_name)
    # A merge joins two or more pieces holding two or more dots between them.
    if len(pieces) > 1 and surface.count(".") > 1:
        pieces = _merge_abbreviations(pieces)
    return pieces


def _other_raws(lex: _Lexicon, kind: str, surface: str, start: int) -> list[_Raw]:
    """Tokens of a number or non-Thai word matched by _SEGMENT_RE."""
    if kind == "number":
        return [_Raw(start, start + len(surface), surface, surface.replace(",", ""), False)]
    if "-" in surface and not _HAS_LETTER_RE.search(surface):
        # 25-26, 1-2: separate numbers, not one.
        out, pos = [], start
        for piece in surface.split("-"):
            out.append(_Raw(pos, pos + len(piece), piece, piece, False))
            pos += len(piece) + 1
        return out
    # e-mail -> email with parts e, mail; ipv6 -> parts ipv, 6.
    term = surface.replace("-", "")
    term = lex.variant_terms.get(term, term)
    parts: tuple[str, ...] = ()
    if "-" in surface:
        parts = tuple(surface.split("-"))
    elif _HAS_LETTER_RE.search(term) and any(c.isdigit() for c in term):
        parts = tuple(p for piece in _LETTERS_DIGITS_RE.findall(term) for p in _latin_parts(lex, piece))
    elif len(term) >= 7:  # _latin_parts checks the rest, after its cache
        parts = _latin_parts(lex, term)
    return [_Raw(start, start + len(surface), surface, term, False, tuple(p for p in parts if p != term))]


def _latin_parts(lex: _Lexicon, word: str) -> tuple[str, ...]:
    """Glued English cut at a word the lexicon knows (wsisforum -> wsis, forum;
    cybersecurity -> cyber, security): the known piece has 4+ letters, the rest 3+ (so
    "information" stays whole); the longest known piece wins. ``(word,)`` otherwise."""
    cached = lex._latin_cache.get(word)
    if cached is not None:
        return cached
    known, n, best, best_len = lex.latin_words, len(word), (word,), 0
    if n >= 7 and word not in known and _LETTERS_RE.fullmatch(word):
        for i in range(3, n - 2):
            head, tail = word[:i], word[i:]
            for piece in (tail, head):
                if len(piece) >= 4 and len(piece) > best_len and piece in known:
                    best_len = len(piece)
                    best = (head, tail)
    if len(best) == 2:  # the unknown side may hold one more known word (asean|smart|city)
        best = tuple(p for piece in best for p in (_latin_parts(lex, piece) if piece not in known else (piece,)))
    _cache_put(lex._latin_cache, word, best)
    return best


def _split(lex: _Lexicon, text: str) -> list[_Raw]:
    """Cut folded, variant-replaced text into tokens with their terms."""
    out: list[_Raw] = []
    for match in _SEGMENT_RE.finditer(text):
        kind, surface, start = match.lastgroup, match.group(), match.start()
        if kind == "thai":
            pos = start
            for piece in _thai_pieces(lex, surface):
                end = pos + len(piece)
                term = lex.thai_term(piece)
                if term:
                    out.append(_Raw(pos, end, piece, term, True))
                pos = end
        else:
            out.extend(_other_raws(lex, kind, surface, start))
    return out


def compound_parts(lex: _Lexicon, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(top-level part terms, all part terms recursively) of a Thai
    token: dictionary words of 2+ letters."""
    cached = lex._parts_cache.get(word)
    if cached is not None:
        return cached
    path, pieces = _split_without_self(lex, word)
    words, thai_term = lex.words, lex.thai_term
    top = [thai_term(p) for p in path if p in words]
    every: list[str] = []
    for piece in pieces:
        if piece in words:
            every.append(thai_term(piece))
            # A dictionary word is Thai characters and dots: len - dots counts the first.
            if len(piece) - piece.count(".") >= 4:
                every.extend(compound_parts(lex, piece)[1])
    own = thai_term(word)
    result = (
        tuple(t for t in dict.fromkeys(top) if len(t) >= 2 and t != own),
        tuple(t for t in dict.fromkeys(every) if len(t) >= 2 and t != own),
    )
    _cache_put(lex._parts_cache, word, result)
    return result


@lru_cache(maxsize=4096)
def _letters(cluster: str) -> int:
    """Letters of a character cluster that are left uncovered (the clusters repeat)."""
    return len(_strip_term(cluster))


def _tcc_bounds(word: str) -> list[int]:
    """sorted(tcc_pos(word) | {0, len(word)}): 0 and the end of each Thai character
    cluster. PyThaiNLP's tcc_pos matches its pattern on a copy of the rest of the word at
    every cluster; matching in place is the same (the pattern's only anchor is ``$``, the
    end of both) and takes a third of the time of a cold token."""
    pattern = getattr(_tcc, "_PAT_TCC", None)
    if pattern is None:  # a PyThaiNLP without it
        return sorted(_tcc.tcc_pos(word) | {0, len(word)})
    bounds, p, n, match = [0], 0, len(word), pattern.match
    while p < n:
        m = match(word, p)
        p = m.end() if m else p + 1
        bounds.append(p)
    return bounds


def _split_without_self(lex: _Lexicon, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Cut ``word`` into dictionary words other than itself: every letter
    covered (only marks like ฯ and dots may be left over), fewest pieces,
    cuts only at Thai character cluster boundaries.

    Returns (one best cut, preferring longer words first; the pieces of
    every best cut, in text order). Several cuts can tie (รายงาน|ประจำปี
    and ราย|งานประจำปี): all their pieces are indexed, so that a search
    for any of them finds the compound. ((), ()) when there is no cut."""
    n = len(word)
    bounds = _tcc_bounds(word)
    last = len(bounds) - 1
    # Over bound indices: best[k] = the cost of the best cuts of word[bounds[k]:], as
    # uncovered letters * big + pieces (the pair's order in one int; pieces <= n < big);
    # nexts[k] = the bound indices where the first piece of those cuts ends.
    big = n + 1
    best = [0] * (last + 1)
    nexts: list = [()] * (last + 1)
    words, limit = lex.words, lex.max_word_len
    for k in range(last - 1, -1, -1):
        i = bounds[k]
        # The first cluster is always a piece: a word, or uncovered letters.
        j = bounds[k + 1]
        piece = word[i:j]
        lost = 0 if piece in words and (i or j != n) else _letters(piece)
        cost, ends = lost * big + 1 + best[k + 1], [k + 1]
        for kj in range(k + 2, last + 1):
            j = bounds[kj]
            if j - i > limit:
                break
            if word[i:j] in words and (i or j != n):
                here = best[kj] + 1
                if here < cost:
                    cost, ends = here, [kj]
                elif here == cost:
                    ends.append(kj)
        best[k], nexts[k] = cost, ends
    if best[0] >= big:
        return (), ()
    path, k, single = [], 0, True
    while k < last:
        ends = nexts[k]
        kj = ends[-1]  # the longest first piece (ends ascend)
        single = single and len(ends) == 1
        path.append(word[bounds[k] : bounds[kj]])
        k = kj
    if single:  # one best cut: its pieces are the path
        return tuple(path), tuple(path)
    spans, todo, seen = set(), [0], {0}
    while todo:
        k = todo.pop()
        for kj in nexts[k]:
            spans.add((k, kj))
            if kj not in seen:
                seen.add(kj)
                todo.append(kj)
    return tuple(path), tuple(word[bounds[k] : bounds[kj]] for k, kj in sorted(spans))


# Per-word caches (on the lexicon): plain dicts cleared when full.
_CACHE_LIMIT = 200_000


def _cache_put(cache: dict, key, value, limit: int = _CACHE_LIMIT) -> None:
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value


_THAI_RUN_RE = re.compile(f"[{_THAI}]+")


def display_pieces(lex: _Lexicon, text: str) -> list[str]:
    """Text cut into Thai words and other characters, covering it exactly ("".join gives
    it back). For display work such as revision diffs; searching uses tokens()."""
    pieces, last = [], 0
    for match in _THAI_RUN_RE.finditer(text):
        pieces.extend(_split_other(text[last : match.start()]))
        pieces.extend(nlpo3.segment(match.group(), lex.dict_name))
        last = match.end()
    pieces.extend(_split_other(text[last:]))
    return pieces


_OTHER_PIECE_RE = re.compile(r"[^\W_]+|.", flags=re.DOTALL)


def _split_other(text: str) -> list[str]:
    """Non-Thai text as Wagtail's own diff splits it: letters and digits grouped, the rest one by one."""
    return _OTHER_PIECE_RE.findall(text)
