"""Thai text analysis: the one pipeline used at index time and at query time.

Pipeline (see shared/DESIGN.md, "The Thai analysis pipeline"):

1. ``clean``: NFC (never NFKC: it decomposes sara am), every Unicode space to
   ' ', control/format characters (NUL, zero-width, bidi marks) removed,
   ``pythainlp.util.normalize`` (เเ -> แ, split sara am, tone-mark order).
   The result is shown to users, so digits and case are kept.
2. ``fold``: Thai digits -> Arabic, ASCII lowercase; char for char, so offsets
   into ``fold(x)`` are offsets into ``clean(x)``. Spelling variants from
   ``data/variants.txt`` are then replaced (also inside longer words).
3. Segmentation: Thai runs go through nlpo3 (Rust newmm) with PyThaiNLP's
   dictionary plus ``data/*.txt``, so abbreviations such as ``ครม.`` and
   ``พ.ร.บ.`` stay whole; other text is cut by a regex (numbers, words,
   hyphenated words).
4. Compound parts: a Thai token of 4+ characters is split again by the same
   dictionary without the token itself (recursively); parts that are
   dictionary words of 2+ characters become extra index terms, so a search for
   ``ประชุม`` finds ``การประชุม``.
5. Shared terms: members of a synonym group (``data/synonyms.txt``,
   ``data/months.txt``) are indexed with the group's canonical term, also
   when the member is spread over several tokens; a 4-digit B.E. year is
   indexed with its C.E. twin and the other way round.

The contract with the search backends: for any word of a query, the
``QueryTerm.term`` produced by ``analyze_query`` is among the index terms
(primary or extra) of every document that contains the word, one of its
synonyms or spelling variants, the year in the other era, or the number in
Thai digits. (A word that belongs to two groups, like ``ก.พ.``, carries the
second group's term in ``alternatives``.)

Index terms contain no whitespace and no ASCII punctuation, are ASCII
lowercase with Arabic digits, and are never empty, so they can be joined with
spaces and fed to SQLite FTS5 (``tokenize='ascii'``) or an Elasticsearch
whitespace tokenizer.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import string
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from importlib.metadata import version as _dist_version
from pathlib import Path

# Everything used here ships with the package; never let PyThaiNLP reach out
# to the network for a corpus (there is none here, and a web request at query
# time would be wrong anyway).
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import nlpo3
from pythainlp import (
    thai_above_vowels,
    thai_below_vowels,
    thai_follow_vowels,
    thai_lead_vowels,
    thai_tonemarks,
)
from pythainlp.corpus import thai_stopwords, thai_words
from pythainlp.tokenize.tcc import tcc_pos
from pythainlp.util import normalize as _thai_normalize

__all__ = [
    "ANALYSIS_VERSION",
    "QueryTerm",
    "Token",
    "analyze_query",
    "clean",
    "fold",
    "index_document",
    "to_term",
    "tokens",
]

# Bump when a code change alters the terms produced for the same text.
_PIPELINE_VERSION = "3"

DATA_DIR = Path(__file__).resolve().parent / "data"
_DATA_FILES = ("words.txt", "synonyms.txt", "variants.txt", "months.txt")


def _compute_version() -> str:
    digest = hashlib.sha1(_PIPELINE_VERSION.encode())
    # The dictionary and the segmenter come from these packages.
    for dist in ("pythainlp", "nlpo3"):
        digest.update(f"{dist}={_dist_version(dist)}\0".encode())
    for name in _DATA_FILES:
        digest.update(name.encode() + b"\0")
        digest.update((DATA_DIR / name).read_bytes())
    return f"{_PIPELINE_VERSION}-{digest.hexdigest()[:12]}"


#: Stored with the index; the index must be rebuilt when it changes.
ANALYSIS_VERSION: str = _compute_version()


# --------------------------------------------------------------------------
# clean / fold
# --------------------------------------------------------------------------

_NEWLINES_RE = re.compile("\r\n|[\r\u2028\u2029\x85]")
_SPACES_RE = re.compile(" {2,}")
_SPACE_AROUND_NEWLINE_RE = re.compile(" ?\n ?")

# Whitespace other than newline becomes ' '; control, format and lone
# surrogate characters are removed (NUL, U+200B-U+200D, U+2060, U+FEFF, soft
# hyphen, bidi controls). str.translate would be simpler but is ten times
# slower than these regexes on Thai text.
_OTHER_SPACE_RE = re.compile("[" + "".join(
    re.escape(chr(cp)) for cp in range(0x10000)
    if chr(cp).isspace() and cp != ord("\n")) + "]")
_INVISIBLE_RE = re.compile("[" + "".join(
    re.escape(chr(cp)) for cp in range(0x10000)
    if unicodedata.category(chr(cp)) in ("Cc", "Cf", "Cs")
    and not chr(cp).isspace())
    # Format characters outside the BMP.
    + "\U000110BD\U000110CD\U00013430-\U0001343F\U0001BCA0-\U0001BCA3"
    + "\U0001D173-\U0001D17A\U000E0001\U000E0020-\U000E007F]")

_FOLD_MAP = {d: str(i) for i, d in enumerate("๐๑๒๓๔๕๖๗๘๙")}
_FOLD_MAP.update({c: c.lower() for c in string.ascii_uppercase})
_FOLD_RE = re.compile("[A-Z๐-๙]")


def _fold_chars(text: str) -> str:
    """Thai digits -> Arabic, ASCII -> lowercase; one char for one char."""
    return _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group()], text)


# pythainlp.util.normalize runs some 30 regex passes. It can only change text
# that matches one of these patterns (a superset of its rules: duplicate or
# edge spaces and blank lines, เเ, misordered or repeated vowels and tone
# marks, nikhahit + sara aa, lakkhangyao, marks at the start or after a
# space), so clean text skips it.
_DANGLING = f"{thai_above_vowels}{thai_below_vowels}{thai_tonemarks}\u0e3a\u0e4c\u0e4d\u0e4e"
_NO_REPEAT = f"{thai_follow_vowels}{thai_lead_vowels}{thai_above_vowels}{thai_below_vowels}\u0e3a\u0e4c\u0e4d\u0e4e"
_NORMALIZE_TRIGGER_RE = re.compile(
    "  | \n|\n |\n\n|^[ \n]|[ \n]$|เเ|\u0e45"
    f"|[{thai_tonemarks}\u0e4c][{thai_above_vowels}{thai_below_vowels}]"
    f"|\u0e4d[{thai_tonemarks}]*\u0e32"
    f"|[{thai_follow_vowels}][{thai_tonemarks}]"
    f"|([{_NO_REPEAT}]) *\\1"
    f"|[{thai_tonemarks}]{{2}}"
    f"|(?:^| )[{_DANGLING}]"
)


def _clean_step(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE_RE.sub("", _OTHER_SPACE_RE.sub(" ", text))
    if _NORMALIZE_TRIGGER_RE.search(text):
        text = _thai_normalize(text)
        # normalize() can leave double spaces behind (it drops dangling marks
        # after a space), so collapse once more.
        text = _SPACES_RE.sub(" ", text)
        text = _SPACE_AROUND_NEWLINE_RE.sub("\n", text).strip(" \n")
    return text


def clean(text: str) -> str:
    """Display-safe cleaning; idempotent. Keeps digits and case."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _NEWLINES_RE.sub("\n", text)
    # The steps interact (normalize reorders marks that NFC orders too, and
    # removing a character can create a new repeat), so run them to a fixed
    # point. Text that is already clean costs a single pass.
    for _ in range(4):
        cleaned = _clean_step(text)
        if cleaned == text:
            break
        text = cleaned
    return text


def fold(text: str) -> str:
    """``clean`` + Thai digits to Arabic + ASCII lowercase, char for char:
    ``len(fold(x)) == len(clean(x))`` and offsets carry over."""
    return _fold_chars(clean(text))


# --------------------------------------------------------------------------
# terms
# --------------------------------------------------------------------------

# Characters never part of a term: ASCII punctuation, whitespace, all Unicode
# punctuation (curly quotes, dashes), and Thai ๆ / ฯ (so ต่างๆ == ต่าง ๆ and
# กรุงเทพฯ == กรุงเทพ).
_TERM_DROP_RE = re.compile(
    "["
    + re.escape(string.punctuation + string.whitespace + "ๆฯ")
    + "".join(
        re.escape(chr(cp)) for cp in range(0x80, 0x10000)
        if unicodedata.category(chr(cp)).startswith(("P", "Z"))
    )
    + "]+"
)
_HAS_WORD_CHAR_RE = re.compile(r"[^\W_]")
_ETC = "ฯลฯ"  # "etcetera" is a word of its own: keep it


def _strip_term(folded: str) -> str:
    if folded == _ETC:
        return folded
    return _TERM_DROP_RE.sub("", folded)


def to_term(surface: str) -> str:
    """The index term of a surface form: folded, ASCII punctuation and
    whitespace removed (``ครม.`` -> ``ครม``, ``พ.ร.บ.`` -> ``พรบ``, ``๒๕๖๒`` ->
    ``2562``). Returns '' when nothing is left (such a token is not indexed).
    Spelling variants are not applied here."""
    term = _strip_term(fold(surface))
    return term if _HAS_WORD_CHAR_RE.search(term) else ""


# --------------------------------------------------------------------------
# data files and dictionary (loaded once per process, lazily)
# --------------------------------------------------------------------------

_THAI = "\u0E01-\u0E3A\u0E40-\u0E4E"  # letters, vowels, marks, ฯ, ๆ
_THAI_CHAR_RE = re.compile(f"[{_THAI}]")
_THAI_ENTRY_RE = re.compile(f"[{_THAI}.]+")
_THAI_CONSONANTS_DOTS_RE = re.compile(r"[ก-ฮ.]+")

_ENGLISH_STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "that", "the", "this", "to", "with"]
)


def _read_rows(name: str) -> list[list[str]]:
    """Non-comment lines of a data file, split on '|', each cell folded."""
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cells = [fold(cell) for cell in line.split("|")]
        cells = [cell for cell in cells if cell]
        if cells:
            rows.append(cells)
    return rows


class _Lexicon:
    """Dictionary, variant and synonym tables. Built once; read-only after."""

    def __init__(self) -> None:
        word_rows = _read_rows("words.txt")
        synonym_rows = _read_rows("synonyms.txt")
        variant_rows = _read_rows("variants.txt")
        month_rows = _read_rows("months.txt")

        # -- dictionary --------------------------------------------------
        ours = [cell for row in word_rows for cell in row]
        ours += [cell for rows in (synonym_rows, variant_rows, month_rows)
                 for row in rows for cell in row]
        ours = [w for w in ours if _THAI_ENTRY_RE.fullmatch(w)
                and _THAI_CHAR_RE.search(w)]
        # Abbreviations are often typed without their dots (ปปช); add that
        # form when it is 3+ consonants, which rarely collides with a word.
        ours += [w.replace(".", "") for w in ours
                 if "." in w and _THAI_CONSONANTS_DOTS_RE.fullmatch(w)
                 and len(w.replace(".", "")) >= 3]
        # PyThaiNLP's list is clean already; only fold it (clean() on 60k
        # words would cost seconds).
        base = (_fold_chars(w) for w in thai_words())
        self.words = frozenset(
            w for w in (*base, *ours)
            if w and _THAI_ENTRY_RE.fullmatch(w) and _THAI_CHAR_RE.search(w))
        self.max_word_len = max(map(len, self.words))
        self.dict_name = _load_nlpo3_dict(self.words)

        # -- variants ------------------------------------------------------
        # String level (Thai only): folded variant -> folded standard.
        self.variant_text: dict[str, str] = {}
        # Token level (any script): variant term -> standard term.
        self.variant_terms: dict[str, str] = {}
        # For highlighting: standard term -> folded variant spellings.
        self.variant_surfaces: dict[str, tuple[str, ...]] = {}
        standards: set[str] = set()
        for row in variant_rows:
            if len(row) < 2:
                continue
            *variants, standard = row
            standards.add(standard)
            std_term = _strip_term(standard)
            for variant in variants:
                if _THAI_CHAR_RE.search(variant):
                    self.variant_text[variant] = standard
                var_term = _strip_term(variant)
                if var_term and var_term != std_term:
                    self.variant_terms[var_term] = std_term
            self.variant_surfaces[std_term] = tuple(dict.fromkeys(
                self.variant_surfaces.get(std_term, ()) + tuple(variants)))
        # Standard spellings are in the pattern too, mapped to themselves, so
        # that a variant which is a prefix of its standard (คอมพิวเตอ) is not
        # replaced inside the standard (คอมพิวเตอร์): longest match wins.
        keys = set(self.variant_text) | {s for s in standards
                                         if _THAI_CHAR_RE.search(s)}
        self.variant_re = re.compile(
            # Do not start after a leading vowel or end before a combining
            # mark: that would cut a syllable in two.
            "(?<![\u0E40-\u0E44])(?:" + _trie_pattern(keys) +
            ")(?![\u0E31\u0E34-\u0E3A\u0E47-\u0E4E])") if keys else None

        self._term_cache: dict[str, str] = {}
        self._info_cache: dict[tuple[str, str], tuple] = {}
        self._parts_cache: dict[str, tuple] = {}

        # -- synonym groups and months -----------------------------------
        # A member is keyed by its terms joined without spaces (คณะรัฐมนตรี,
        # memorandumofunderstanding): the text may cut it into words
        # differently, or spread it over several tokens (a space or a line
        # break inside a long name), and still match.
        # joined member terms -> canonical terms of its groups.
        self.canon: dict[str, tuple[str, ...]] = {}
        # canonical -> folded surfaces of all members (for highlighting).
        self.group_surfaces: dict[str, tuple[str, ...]] = {}
        groups = [(row, row[0]) for row in synonym_rows]
        groups += [(row, row[1]) for row in month_rows if len(row) > 1]
        for members, canonical_surface in groups:
            canonical = "".join(self.entry_terms(canonical_surface))
            if not canonical:
                continue
            for member in members:
                joined = "".join(self.entry_terms(member))
                if joined:
                    self.canon[joined] = tuple(dict.fromkeys(
                        self.canon.get(joined, ()) + (canonical,)))
            self.group_surfaces[canonical] = tuple(dict.fromkeys(
                self.group_surfaces.get(canonical, ()) + tuple(members)))
        # Every prefix of a joined member: a run of tokens is extended only
        # while it can still become a member.
        self.member_prefixes = frozenset(
            joined[:k] for joined in self.canon
            for k in range(1, len(joined) + 1))

        self.stopwords = frozenset(
            _strip_term(_fold_chars(w)) for w in thai_stopwords()
        ) | _ENGLISH_STOPWORDS

    def entry_terms(self, folded: str) -> tuple[str, ...]:
        """Terms of a data-file entry, as the segmenter will see them."""
        replaced, _ = _replace_variants(self, folded)
        return tuple(tok.term for tok in _split(self, replaced))

    # Per-word caches: a corpus has few distinct words, so after a warm-up
    # almost every token is a dictionary lookup. Plain dicts (cleared when
    # full) rather than lru_cache: cheaper per hit, and safe under threads.

    def thai_term(self, piece: str) -> str:
        """Term of a piece cut by nlpo3 ('' when it is not indexed)."""
        term = self._term_cache.get(piece)
        if term is None:
            term = _strip_term(piece)
            term = self.variant_terms.get(term, term)
            if not _HAS_WORD_CHAR_RE.search(term):
                term = ""
            _cache_put(self._term_cache, piece, term)
        return term

    def token_info(self, raw: _Raw) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(top-level parts, extra terms) that depend on the token alone:
        compound parts, the canonical terms of the token and of its parts."""
        key = (raw.text, raw.term)
        info = self._info_cache.get(key)
        if info is None:
            top, parts = raw.parts, raw.parts
            if raw.thai and len(_THAI_CHAR_RE.findall(raw.text)) >= 4:
                top, parts = self.compound_parts(raw.text)
            extra = dict.fromkeys(parts)
            for part in parts:
                extra.update(dict.fromkeys(self.canon.get(part, ())))
            extra.update(dict.fromkeys(self.canon.get(raw.term, ())))
            extra.pop(raw.term, None)
            info = (top, tuple(extra))
            _cache_put(self._info_cache, key, info)
        return info

    def compound_parts(self, word: str) -> tuple[tuple[str, ...],
                                                 tuple[str, ...]]:
        """(top-level part terms, all part terms recursively) of a Thai
        token: dictionary words of 2+ letters."""
        cached = self._parts_cache.get(word)
        if cached is not None:
            return cached
        path, pieces = self._split_without_self(word)
        top = [self.thai_term(p) for p in path if p in self.words]
        every: list[str] = []
        for piece in pieces:
            if piece in self.words:
                every.append(self.thai_term(piece))
                if len(_THAI_CHAR_RE.findall(piece)) >= 4:
                    every.extend(self.compound_parts(piece)[1])
        own = self.thai_term(word)
        result = (tuple(t for t in dict.fromkeys(top)
                        if len(t) >= 2 and t != own),
                  tuple(t for t in dict.fromkeys(every)
                        if len(t) >= 2 and t != own))
        _cache_put(self._parts_cache, word, result)
        return result

    def _split_without_self(self, word: str) -> tuple[tuple[str, ...],
                                                      tuple[str, ...]]:
        """Cut ``word`` into dictionary words other than itself: every letter
        covered (only marks like ฯ and dots may be left over), fewest pieces,
        cuts only at Thai character cluster boundaries.

        Returns (one best cut, preferring longer words first; the pieces of
        every best cut, in text order). Several cuts can tie (รายงาน|ประจำปี
        and ราย|งานประจำปี): all their pieces are indexed, so that a search
        for any of them finds the compound. ((), ()) when there is no cut."""
        n = len(word)
        bounds = sorted(tcc_pos(word) | {0, n})
        # best[i] = (uncovered letters, pieces) for word[i:]; nexts[i] = the
        # ends of the first piece of the best cuts of word[i:].
        best: dict[int, tuple[int, int]] = {n: (0, 0)}
        nexts: dict[int, list[int]] = {}
        for bi in range(len(bounds) - 2, -1, -1):
            i = bounds[bi]
            for j in bounds[bi + 1:]:
                if j - i > self.max_word_len:
                    break
                piece = word[i:j]
                if piece in self.words and (i, j) != (0, n):
                    lost = 0
                elif j == bounds[bi + 1]:
                    lost = len(_strip_term(piece))
                else:
                    continue
                rest_lost, rest_count = best[j]
                cost = (lost + rest_lost, 1 + rest_count)
                if i not in best or cost < best[i]:
                    best[i], nexts[i] = cost, [j]
                elif cost == best[i]:
                    nexts[i].append(j)
        if best[0][0] > 0:
            return (), ()
        path, i = [], 0
        while i < n:
            j = max(nexts[i])
            path.append(word[i:j])
            i = j
        spans, todo, seen = set(), [0], {0}
        while todo:
            i = todo.pop()
            for j in nexts.get(i, ()):
                spans.add((i, j))
                if j not in seen:
                    seen.add(j)
                    todo.append(j)
        return tuple(path), tuple(word[i:j] for i, j in sorted(spans))


_CACHE_LIMIT = 200_000


def _cache_put(cache: dict, key, value) -> None:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[key] = value


def _trie_pattern(words: set[str]) -> str:
    """A regex alternation of ``words`` as a prefix tree: at each position the
    engine follows one branch instead of trying every word, and the greedy
    optional groups prefer the longest word."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends_here = "" in node
        branches = [re.escape(ch) + pattern(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else \
            "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?"
        return body

    return pattern(trie)


def _load_nlpo3_dict(words: frozenset[str]) -> str:
    """Write the combined word list to a cache file and load it into nlpo3
    (which takes dictionaries only from files, by name)."""
    name = f"kb-thai-{ANALYSIS_VERSION}"
    cache_dir = Path(os.environ.get("KB_ANALYSIS_CACHE_DIR")
                     or Path(tempfile.gettempdir()) / "kb-thai-analysis")
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"words-{ANALYSIS_VERSION}.txt"
    if not path.exists():
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
        os.replace(tmp, path)  # atomic: other processes see all or nothing
    message, ok = nlpo3.load_dict(str(path), name)
    if not ok and "already exists" not in message:
        raise RuntimeError(f"nlpo3 could not load {path}: {message}")
    return name


_LEXICON: _Lexicon | None = None
_LEXICON_LOCK = threading.Lock()


def _lexicon() -> _Lexicon:
    global _LEXICON
    if _LEXICON is None:
        with _LEXICON_LOCK:
            if _LEXICON is None:
                _LEXICON = _Lexicon()
    return _LEXICON


# --------------------------------------------------------------------------
# segmentation
# --------------------------------------------------------------------------

class _OffsetMap:
    """Maps offsets in the variant-replaced string back to the folded one."""

    def __init__(self, replacements: list[tuple[int, int, int, int]]) -> None:
        self.reps = replacements  # (new_start, new_end, old_start, old_end)
        self.new_starts = [r[0] for r in replacements]

    def start(self, pos: int) -> int:
        k = bisect.bisect_right(self.new_starts, pos) - 1
        if k < 0:
            return pos
        new_start, new_end, old_start, old_end = self.reps[k]
        return old_start if pos < new_end else old_end + (pos - new_end)

    def end(self, pos: int) -> int:
        k = bisect.bisect_left(self.new_starts, pos) - 1
        if k < 0:
            return pos
        new_start, new_end, old_start, old_end = self.reps[k]
        return old_end if pos <= new_end else old_end + (pos - new_end)


def _replace_variants(lex: _Lexicon, text: str) -> tuple[str, _OffsetMap | None]:
    if lex.variant_re is None:
        return text, None
    out: list[str] = []
    reps: list[tuple[int, int, int, int]] = []
    last = new_pos = 0
    for match in lex.variant_re.finditer(text):
        standard = lex.variant_text.get(match.group())
        if standard is None:  # a standard spelling: leave it
            continue
        out.append(text[last:match.start()])
        new_pos += match.start() - last
        reps.append((new_pos, new_pos + len(standard),
                     match.start(), match.end()))
        out.append(standard)
        new_pos += len(standard)
        last = match.end()
    if not reps:
        return text, None
    out.append(text[last:])
    return "".join(out), _OffsetMap(reps)


class _Raw:
    """A token as cut from the (folded, variant-replaced) text."""

    __slots__ = ("start", "end", "text", "term", "thai", "parts")

    def __init__(self, start: int, end: int, text: str, term: str,
                 thai: bool, parts: tuple[str, ...] = ()) -> None:
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
            elif (j + 1 < n and pieces[j + 1] == "."
                  and _ABBR_SHORT_RE.fullmatch(text)):
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


def _thai_pieces(lex: _Lexicon, surface: str) -> list[str]:
    """A Thai run cut into words; the pieces cover the run, in order."""
    pieces = nlpo3.segment(surface, lex.dict_name)
    if "." in surface:
        pieces = _merge_abbreviations(pieces)
    return pieces


def _other_raws(lex: _Lexicon, kind: str, surface: str,
                start: int) -> list[_Raw]:
    """Tokens of a number or non-Thai word matched by _SEGMENT_RE."""
    if kind == "number":
        return [_Raw(start, start + len(surface), surface,
                     surface.replace(",", ""), False)]
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
        parts = tuple(_LETTERS_DIGITS_RE.findall(term))
    return [_Raw(start, start + len(surface), surface, term, False,
                 tuple(p for p in parts if p != term))]


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


# --------------------------------------------------------------------------
# analysis
# --------------------------------------------------------------------------

_YEAR_RE = re.compile(r"[0-9]{4}")
# ปี’60, ปี '61: a two-digit B.E. year after ปี and an apostrophe.
_SHORT_YEAR_RE = re.compile(r"ปี ?['’‘] ?([0-9]{2})(?![0-9])")
_TWO_DIGITS_RE = re.compile(r"[0-9]{2}")
_MAX_QUERY_CHARS = 2000


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

    __slots__ = ("start", "end", "term", "replaced", "top_parts", "static",
                 "years", "more")

    def __init__(self, raw: _Raw, start: int, end: int,
                 info: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
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
    return ({m.start(1) for m in _SHORT_YEAR_RE.finditer(replaced)}
            if "ปี" in replaced else ())


def _token_years(raw: _Raw, short_years) -> tuple[str, ...]:
    """(B.E., C.E.) when a non-Thai token is a year, () otherwise."""
    years = _year_forms(raw.term)
    if (not years and raw.start in short_years
            and _TWO_DIGITS_RE.fullmatch(raw.term)):
        years = _year_forms(str(2500 + int(raw.term)))
    return years


def _analyze(text: str) -> tuple[str, str, list[_Tok],
                                 list[tuple[int, int, str]]]:
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
    term: str                  # the index term of the surface form
    extras: tuple[str, ...]    # compound parts, canonical terms, year twin
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Analysis of a document text; whitespace and punctuation are dropped."""
    cleaned, _, toks, _ = _analyze(text)
    return [Token(cleaned[t.start:t.end], t.term, t.extras(), t.start, t.end)
            for t in toks]


def index_document(text: str) -> tuple[list[str], list[str]]:
    """(primary terms in text order, extra terms) of a field. Join each list
    with ' ' for FTS5 (tokenize='ascii') or a whitespace tokenizer."""
    # The same result as building _analyze's tokens, without what only
    # snippets and queries need (offsets, token objects): this is the hot
    # path of a rebuild, run for every field of every document.
    lex = _lexicon()
    replaced, _ = _replace_variants(lex, _fold_chars(clean(text)))
    short_years = _short_years(replaced)
    primary: list[str] = []
    statics: list[tuple[str, ...]] = []  # token_info extras, per token
    years: dict[int, tuple[str, ...]] = {}  # token index -> year forms
    term_cache, info_cache = lex._term_cache, lex._info_cache
    for match in _SEGMENT_RE.finditer(replaced):
        kind = match.lastgroup
        if kind == "thai":
            for piece in _thai_pieces(lex, match.group()):
                term = term_cache.get(piece)
                if term is None:
                    term = lex.thai_term(piece)
                if term:
                    info = info_cache.get((piece, term))
                    if info is None:
                        info = lex.token_info(_Raw(0, 0, piece, term, True))
                    primary.append(term)
                    statics.append(info[1])
        else:
            for raw in _other_raws(lex, kind, match.group(), match.start()):
                forms = _token_years(raw, short_years)
                if forms:
                    years[len(primary)] = forms
                primary.append(raw.term)
                statics.append(lex.token_info(raw)[1])

    # Synonym members spread over several tokens, as in _analyze.
    more: dict[int, list[str]] = {}
    prefixes, canon, n = lex.member_prefixes, lex.canon, len(primary)
    for i, joined in enumerate(primary):
        if joined not in prefixes:
            continue
        for end in range(i + 1, n):
            joined += primary[end]
            if joined not in prefixes:
                break
            canonicals = canon.get(joined)
            if canonicals:
                more.setdefault(i, []).extend(canonicals)

    extra: list[str] = []
    if not years and not more:
        for static in statics:
            extra.extend(static)
        return primary, extra
    for i, static in enumerate(statics):  # as _Tok.extras
        if i not in years and i not in more:
            extra.extend(static)
            continue
        merged = dict.fromkeys((*static, *years.get(i, ()), *more.get(i, ())))
        merged.pop(primary[i], None)
        extra.extend(merged)
    return primary, extra


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
    parts = tuple(dict.fromkeys(
        lex.canon.get(p, (p,))[0] for p in tok.top_parts))
    surfaces = [folded[tok.start:tok.end], tok.replaced]
    for key in (tok.term, *canon):
        surfaces.extend(lex.variant_surfaces.get(key, ()))
        surfaces.extend(lex.group_surfaces.get(key, ()))
    surfaces.extend(tok.years)
    return QueryTerm(
        term=term,
        alternatives=tuple(alternatives),
        parts=parts,
        surfaces=tuple(dict.fromkeys(s for s in surfaces if s)),
        stopword=not canon and tok.term in lex.stopwords,
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
            span = folded[toks[i].start:toks[end - 1].end]
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


_THAI_RUN_RE = re.compile(f"[{_THAI}]+")


def segment(text: str) -> list[str]:
    """Text cut into Thai words and other characters, covering it exactly ("".join gives
    it back). For display work such as revision diffs; searching uses tokens()."""
    lex = _lexicon()
    pieces, last = [], 0
    for match in _THAI_RUN_RE.finditer(text):
        pieces.extend(_split_other(text[last:match.start()]))
        pieces.extend(nlpo3.segment(match.group(), lex.dict_name))
        last = match.end()
    pieces.extend(_split_other(text[last:]))
    return pieces


_OTHER_PIECE_RE = re.compile(r"[^\W_]+|.", flags=re.DOTALL)


def _split_other(text: str) -> list[str]:
    """Non-Thai text as Wagtail's own diff splits it: letters and digits grouped, the rest one by one."""
    return _OTHER_PIECE_RE.findall(text)
