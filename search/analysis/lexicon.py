"""The word lists under ``search/data/`` and the tables built from them.

``words.txt`` (extra dictionary words), ``synonyms.txt``, ``names.txt``
(organisations, acronyms, countries' short forms), ``loanwords.txt``,
``variants.txt``, ``months.txt`` and ``questions.txt`` are read once per process,
lazily, into a read-only ``_Lexicon``: the combined nlpo3 dictionary (PyThaiNLP's
words plus ours, abbreviations also without their dots), the variant tables
(string and token level, with a trie regex), the synonym groups keyed by their
joined terms (ours merged with the country names of CLDR and PyThaiNLP's
transliterations, see ``names``), the question words, and the Latin words that
split glued English (``wsisforum`` -> wsis, forum). ``ANALYSIS_VERSION`` hashes
the pipeline version, the PyThaiNLP, nlpo3 and Babel versions and these files:
the index must be rebuilt when it changes. The per-word caches live here too.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from importlib.metadata import version as _dist_version
from pathlib import Path

import nlpo3
from pythainlp.corpus import thai_words

from .names import country_rows, merge_rows, translit_rows
from .normalize import (
    _HAS_WORD_CHAR_RE,
    _THAI,
    _THAI_CHAR_RE,
    _fold_chars,
    _replace_variants,
    _strip_term,
    fold,
)
from .segment import _LETTERS_RE, _cache_put, _Raw, _split, compound_parts

# piece_entry of a piece that is not indexed (punctuation, a lone mark).
NOT_INDEXED: tuple[str, tuple[str, ...]] = ("", ())

# Bump when a code change alters the terms produced for the same text.
_PIPELINE_VERSION = "4"

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_DATA_FILES = (
    "words.txt",
    "synonyms.txt",
    "names.txt",
    "loanwords.txt",
    "variants.txt",
    "months.txt",
    "questions.txt",
)


def _compute_version() -> str:
    digest = hashlib.sha1(_PIPELINE_VERSION.encode())
    # The dictionary and the segmenter come from these packages.
    # (Babel: the CLDR country names.)
    for dist in ("pythainlp", "nlpo3", "babel"):
        digest.update(f"{dist}={_dist_version(dist)}\0".encode())
    for name in _DATA_FILES:
        digest.update(name.encode() + b"\0")
        digest.update((DATA_DIR / name).read_bytes())
    return f"{_PIPELINE_VERSION}-{digest.hexdigest()[:12]}"


#: Stored with the index; the index must be rebuilt when it changes.
ANALYSIS_VERSION: str = _compute_version()


_THAI_ENTRY_RE = re.compile(f"[{_THAI}.]+")
_THAI_CONSONANTS_DOTS_RE = re.compile(r"[ก-ฮ.]+")


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
        name_rows = _read_rows("names.txt") + _read_rows("loanwords.txt")
        countries = country_rows()
        variant_rows = _read_rows("variants.txt")
        month_rows = _read_rows("months.txt")

        # -- dictionary --------------------------------------------------
        ours = [cell for row in word_rows for cell in row]
        ours += [
            cell
            for rows in (synonym_rows, name_rows, countries, variant_rows, month_rows)
            for row in rows
            for cell in row
        ]
        ours = [w for w in ours if _THAI_ENTRY_RE.fullmatch(w) and _THAI_CHAR_RE.search(w)]
        # PyThaiNLP's list is clean already; only fold it (clean() on 60k
        # words would cost seconds).
        base = [_fold_chars(w) for w in thai_words()]
        # Abbreviations are often typed without their dots (ปปช, กกต); add that
        # form, ours and PyThaiNLP's alike, when it is 3+ consonants, which
        # rarely collides with a word.
        dotless = [
            w.replace(".", "")
            for w in (*base, *ours)
            if "." in w and _THAI_CONSONANTS_DOTS_RE.fullmatch(w) and len(w.replace(".", "")) >= 3
        ]
        self.words = frozenset(
            w for w in (*base, *ours, *dotless) if w and _THAI_ENTRY_RE.fullmatch(w) and _THAI_CHAR_RE.search(w)
        )
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
            self.variant_surfaces[std_term] = tuple(
                dict.fromkeys(self.variant_surfaces.get(std_term, ()) + tuple(variants))
            )
        # Standard spellings are in the pattern too, mapped to themselves, so
        # that a variant which is a prefix of its standard (คอมพิวเตอ) is not
        # replaced inside the standard (คอมพิวเตอร์): longest match wins.
        keys = set(self.variant_text) | {s for s in standards if _THAI_CHAR_RE.search(s)}
        self.variant_re = (
            re.compile(
                # Do not start after a leading vowel or end before a combining
                # mark: that would cut a syllable in two. (The start test comes after
                # the first letter, as a two-character lookbehind, so that the pattern
                # starts with its first letters and the engine skips to them.)
                "(?:"
                + _trie_pattern(keys, after_first="(?<![\u0e40-\u0e44].)")
                + ")(?![\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])"
            )
            if keys
            else None
        )

        self._term_cache: dict[str, str] = {}
        self._entry_cache: dict[str, tuple[str, ...]] = {}
        # Set once the groups are built (below); entry_terms needs only terms.
        self.latin_words: frozenset[str] = frozenset()
        self._latin_cache: dict[str, tuple[str, ...]] = {}
        self._info_cache: dict[tuple[str, str], tuple] = {}
        self._parts_cache: dict[str, tuple] = {}
        # index_document's: Thai piece -> (term, extras), non-Thai match -> its tokens.
        self._piece_cache: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._other_cache: dict[tuple[str, str], tuple] = {}
        # Thai run -> (terms, extras of each): terms._run_entry.
        self._run_cache: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {}

        # -- synonym groups and months -----------------------------------
        # A member is keyed by its terms joined without spaces (คณะรัฐมนตรี,
        # memorandumofunderstanding): the text may cut it into words
        # differently, or spread it over several tokens (a space or a line
        # break inside a long name), and still match.
        # joined member terms -> canonical terms of its groups.
        self.canon: dict[str, tuple[str, ...]] = {}
        # canonical -> folded surfaces of all members (for highlighting).
        self.group_surfaces: dict[str, tuple[str, ...]] = {}
        # Our files first: their first cells stay canonical when a generated row
        # (a country, a transliteration) shares a member and is merged into them.
        joined_of = self._joined_entry
        self.question_terms = frozenset(cell for row in _read_rows("questions.txt") for cell in map(_strip_term, row))
        generated = translit_rows(self.question_terms)
        groups = [(row, row[0]) for row in merge_rows((*synonym_rows, *name_rows, *countries, *generated), joined_of)]
        groups += [(row, row[1]) for row in month_rows if len(row) > 1]
        for members, canonical_surface in groups:
            canonical = joined_of(canonical_surface)
            if not canonical:
                continue
            for member in members:
                joined = joined_of(member)
                if joined:
                    self.canon[joined] = tuple(dict.fromkeys(self.canon.get(joined, ()) + (canonical,)))
            self.group_surfaces[canonical] = tuple(
                dict.fromkeys(self.group_surfaces.get(canonical, ()) + tuple(members))
            )
        # Every prefix of a joined member: a run of tokens is extended only
        # while it can still become a member.
        self.member_prefixes = frozenset(joined[:k] for joined in self.canon for k in range(1, len(joined) + 1))
        # Latin words the data knows (one-token members, variants): glued English is cut
        # into them (segment._latin_parts).
        # One-word members only: "smartcities" would keep asean|smartcities from
        # matching the words "smart cities" of a text.
        one_word = [terms[0] for terms in self._entry_cache.values() if len(terms) == 1]
        latin = (*one_word, *self.variant_terms, *self.variant_terms.values())
        self.latin_words = frozenset(w for w in latin if _LETTERS_RE.fullmatch(w) and len(w) >= 3)
        self._latin_cache.clear()

    def _joined_entry(self, folded: str) -> str:
        """A data-file entry's terms joined: how a member is keyed, however it is cut."""
        terms = self._entry_cache.get(folded)
        if terms is None:
            terms = self._entry_cache[folded] = self.entry_terms(folded)
        return "".join(terms)

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

    def piece_entry(self, piece: str) -> tuple[str, tuple[str, ...]]:
        """(term, token_info extras) of a Thai piece cut by nlpo3; NOT_INDEXED when it
        has no term."""
        term = self.thai_term(piece)
        entry = (term, self.token_info(_Raw(0, 0, piece, term, True))[1]) if term else NOT_INDEXED
        _cache_put(self._piece_cache, piece, entry)
        return entry

    def token_info(self, raw: _Raw) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(top-level parts, extra terms) that depend on the token alone:
        compound parts, the canonical terms of the token and of its parts."""
        key = (raw.text, raw.term)
        info = self._info_cache.get(key)
        if info is None:
            top, parts = raw.parts, raw.parts
            if raw.thai and len(raw.text) >= 4 and len(_THAI_CHAR_RE.findall(raw.text)) >= 4:
                top, parts = compound_parts(self, raw.text)
            extra = dict.fromkeys(parts)
            for part in parts:
                extra.update(dict.fromkeys(self.canon.get(part, ())))
            extra.update(dict.fromkeys(self.canon.get(raw.term, ())))
            extra.pop(raw.term, None)
            info = (top, tuple(extra))
            _cache_put(self._info_cache, key, info)
        return info


def _trie_pattern(words: set[str], after_first: str = "") -> str:
    """A regex alternation of ``words`` as a prefix tree: at each position the
    engine follows one branch instead of trying every word, and the greedy
    optional groups prefer the longest word. ``after_first`` goes after each
    first letter."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict, after: str = "") -> str:
        ends_here = "" in node
        branches = [re.escape(ch) + after + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?"
        return body

    return pattern(trie, after_first)


def _load_nlpo3_dict(words: frozenset[str]) -> str:
    """Write the combined word list to a cache file and load it into nlpo3
    (which takes dictionaries only from files, by name)."""
    name = f"kb-thai-{ANALYSIS_VERSION}"
    cache_dir = Path(os.environ.get("KB_ANALYSIS_CACHE_DIR") or Path(tempfile.gettempdir()) / "kb-thai-analysis")
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
