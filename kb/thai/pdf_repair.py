"""Repair of Thai text taken from PDF text layers (and OCR output).

Thai PDFs break their text in a handful of known ways; ``repair_thai`` undoes them:

- private-use glyphs of old Thai fonts (the Windows/Apple "Thai PUA" forms U+F700-U+F71A:
  shifted tone marks and vowels, ญ/ฐ without their descender) -> the real characters;
- invisible characters (zero-width spaces and joiners, BOM, soft hyphen, bidi marks) and
  control characters (glyphs a PDF's ToUnicode table forgot often come out as C0 codes)
  -> removed; other Unicode spaces -> ' ';
- ``เเ`` (sara e typed twice) -> ``แ``; nikhahit + sara aa (also with a tone mark between:
  ``น\u0e49\u0e4d\u0e32``) -> sara am; a tone mark before an above/below vowel, or after a
  following vowel, moved to the standard order; a mark repeated -> once; a space before a
  combining mark -> removed;
- a stray character seen only right after sara am, at least three times (the second half of
  sara am's glyph pair mapped to some other code) -> dropped;
- spaces, hyphens and line breaks inside words (``จัดทำ แผนสำ รอง``, ``จัดทำ-แผนสำ-รอง``)
  -> joined. A run of Thai chunks joined by single separators is cut at character-cluster
  boundaries into words of the search dictionary (PyThaiNLP's words and the ministry's own,
  ``search.analysis``) and unknown clusters, minimising unknown characters, then words, then
  artifact separators kept, then other separators dropped. A separator goes when a word of
  that cut spans it or it is inside a character cluster (before a vowel mark, after a
  leading vowel); a space or hyphen right after sara am (the gap PDF extractors most often
  invent) and a hyphen at a line end go even between words; any other separator between
  two words stays (``ไทย-ญี่ปุ่น``, ``ประกาศ ณ วันที่``). Abbreviations (``ก.พ.``) are left alone.

The result is a fixed point: ``repair_thai(repair_thai(x)) == repair_thai(x)``. It never
removes a Thai consonant. Never NFKC (it decomposes sara am); NFC is applied.
"""

from __future__ import annotations

import re
import threading
import unicodedata

__all__ = ["repair_thai", "repair_thai_chars"]

# Windows/Apple Thai private-use presentation forms -> the characters they draw.
_TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # mai ek, tho, tri, chattawa, thanthakhat
PUA_MAP: dict[int, str] = {
    0xF700: "\u0e10",  # tho than without descender
    0xF70F: "\u0e0d",  # yo ying without descender
    0xF701: "\u0e34",
    0xF702: "\u0e35",
    0xF703: "\u0e36",
    0xF704: "\u0e37",  # sara i, ii, ue, uee shifted left
    0xF710: "\u0e31",  # mai han-akat left
    0xF711: "\u0e4d",  # nikhahit left
    0xF712: "\u0e47",  # maitaikhu left
    0xF718: "\u0e38",
    0xF719: "\u0e39",
    0xF71A: "\u0e3a",  # sara u, uu, phinthu lowered
}
for _i, _tone in enumerate(_TONES):
    PUA_MAP[0xF705 + _i] = _tone  # low-left
    PUA_MAP[0xF70A + _i] = _tone  # low
    PUA_MAP[0xF713 + _i] = _tone  # left

_ABOVE_BELOW = "\u0e31\u0e34-\u0e37\u0e38-\u0e3a\u0e47\u0e4d"
_FOLLOW = "\u0e30\u0e32\u0e33\u0e45"
_COMBINING = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_TONE_CLASS = "\u0e48-\u0e4c"

_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\u034f\u180e]")
_CR_IN_THAI_RE = re.compile("(?<=[\u0e01-\u0e4e])\r(?=[\u0e01-\u0e4e])")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_DOUBLE_E_RE = re.compile("\u0e40\u0e40")
_REPEAT_MARK_RE = re.compile(f"([{_COMBINING}])\\1+")
# nikhahit, optional tone marks, sara aa (a space may have crept in) -> tone marks + sara am
_SARA_AM_RE = re.compile(f"([{_TONE_CLASS}]*)\u0e4d([{_TONE_CLASS}]*) ?\u0e32")
_TONE_BEFORE_VOWEL_RE = re.compile(f"([{_TONE_CLASS}]+)([{_ABOVE_BELOW}]+)")
_FOLLOW_BEFORE_TONE_RE = re.compile(f"([{_FOLLOW}]+)([{_TONE_CLASS}]+)")
_SPACE_BEFORE_MARK_RE = re.compile(f"(?<=[\u0e01-\u0e2e{_COMBINING}]) +(?=[{_COMBINING}])")

# Letters a word can be made of (no ฯ, ๆ, digits or ฿: those end or stand beside words).
_WORD = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
_SEPARATORS = "-\n|\n| |-"
# Thai runs joined by single separators: the candidates for joining.
# A chunk before a dot is part of an abbreviation (ก.พ., พ.ศ.) and stays out of runs.
_RUN_RE = re.compile(f"(?<![.{_WORD}])[{_WORD}]++(?:(?:{_SEPARATORS})[{_WORD}]++(?!\\.))+")
_SPLIT_RE = re.compile(f"({_SEPARATORS})")
_CANNOT_START = re.compile(f"[\u0e30\u0e32\u0e33\u0e45{_COMBINING}]")
_CANNOT_END = re.compile("[\u0e40-\u0e44\u0e31]$")
# A glyph a PDF's ToUnicode table forgot, read as some other character right after sara am
# (whose second half it is): a character seen only there, at least this often, is dropped.
# (ASCII quotes may be such characters: real ones come in pairs, so they are seen elsewhere too.)
_AFTER_AM_RE = re.compile("\u0e33([^\u0e00-\u0e7f\\s.,;:!?)\\]}\u201d\u2019\u2026]{1,2})")
_ARTIFACT_MIN = 3
_TAB_RE = re.compile("(?<=\\S)\t(?=[\u0e01-\u0e4e])|(?<=[\u0e01-\u0e4e])\t(?=\\S)")
_MAX_PASSES = 50


def repair_thai_chars(text: str) -> str:
    """The character-level repairs only (no joining of words): PUA forms, invisible and
    control characters, spaces, เเ, sara am, mark order and repeats. For text typed by
    people (docx, plain text), where spaces are meant."""
    if not text:
        return text
    text = text.translate(PUA_MAP)
    text = text.replace("\r\n", "\n")
    text = _CR_IN_THAI_RE.sub("", text)
    text = text.replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE_RE.sub("", text)
    text = _CONTROL_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    for _ in range(_MAX_PASSES):
        before = text
        text = _DOUBLE_E_RE.sub("\u0e41", text)
        text = _SPACE_BEFORE_MARK_RE.sub("", text)
        text = _REPEAT_MARK_RE.sub(r"\1", text)
        text = _SARA_AM_RE.sub(lambda m: m.group(1) + m.group(2) + "\u0e33", text)
        text = _TONE_BEFORE_VOWEL_RE.sub(r"\2\1", text)
        text = _FOLLOW_BEFORE_TONE_RE.sub(r"\2\1", text)
        if text == before:
            break
    return text


def repair_thai(text: str) -> str:
    """Character repairs, glyph artifacts after sara am dropped, then spaces, hyphens and
    line breaks inside words joined (see the module docstring). Idempotent."""
    for _ in range(_MAX_PASSES):
        fixed = repair_thai_chars(text)
        # A tab glued to Thai is a glyph code, elsewhere a gap: PDF text has no tab stops.
        fixed = _TAB_RE.sub("", fixed).replace("\t", " ")
        fixed = _join_pass(_drop_artifacts(fixed))
        if fixed == text:
            break
        text = fixed
    return text


def _drop_artifacts(text: str) -> str:
    counts: dict[str, int] = {}
    for m in _AFTER_AM_RE.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    for junk, seen in counts.items():
        if seen >= _ARTIFACT_MIN and text.count(junk) == seen:
            text = text.replace("\u0e33" + junk, "\u0e33")
    return text


# -- joining ------------------------------------------------------------------------------


def _join_pass(text: str) -> str:
    """Every run of Thai chunks joined by single separators, re-cut at its best joins."""
    return _RUN_RE.sub(lambda m: _best_joins(m.group()), text)


def _prefers_join(left: str, sep: str) -> bool:
    """Separators that are artifacts unless the dictionary says otherwise: a space or hyphen
    right after sara am, and a hyphen at the end of a line."""
    return sep == "-\n" or (sep in (" ", "-") and left.endswith("\u0e33"))


def _best_joins(run: str) -> str:
    """``run`` (Thai chunks and single separators) with its separators kept or dropped by
    the best cut of its letters into dictionary words.

    The letters are cut at character-cluster boundaries into dictionary words and unknown
    clusters, minimising (unknown characters, words, artifact separators at a word
    boundary, other separators inside a word), in that order. A separator inside a word
    of the best cut goes; one at a word boundary stays, unless it is an artifact (after
    sara am, or a line-end hyphen); one inside a character cluster always goes."""
    from pythainlp.tokenize.tcc import tcc_pos

    parts = _SPLIT_RE.split(run)
    chunks, seps = parts[0::2], parts[1::2]
    letters = "".join(chunks)
    sep_at: dict[int, int] = {}
    at = 0
    for i, chunk in enumerate(chunks[:-1]):
        at += len(chunk)
        sep_at[at] = i
    prefers = [_prefers_join(chunks[i], seps[i]) for i in range(len(seps))]
    # inside[p]: separators that are not artifacts, at positions < p (prefix sums)
    inside = [0] * (len(letters) + 1)
    for p in range(1, len(letters) + 1):
        inside[p] = inside[p - 1] + (1 if p - 1 in sep_at and not prefers[sep_at[p - 1]] else 0)
    words, longest = _dictionary()
    bounds = sorted({0, len(letters), *tcc_pos(letters)})
    best: dict[int, tuple[tuple[int, int, int], int]] = {0: ((0, 0, 0), 0)}
    for n, end in enumerate(bounds[1:], 1):
        choice = None
        for m in range(n - 1, -1, -1):
            start = bounds[m]
            if end - start > longest and m < n - 1:
                break
            piece = letters[start:end]
            if piece in words:
                unknown = 0
            elif m == n - 1:
                unknown = len(piece)  # one cluster the dictionary does not know
            else:
                continue
            base = best[start][0]
            # separators strictly inside the piece are dropped
            dropped = inside[end] - inside[start + 1]
            score = (base[0] + unknown, base[1] + 1, base[2] + dropped)
            if choice is None or score < choice[0]:
                choice = (score, start)
        best[end] = choice
    cut = set()
    end = len(letters)
    while end > 0:
        end = best[end][1]
        cut.add(end)
    out = [chunks[0]]
    for p, i in sep_at.items():
        if p in cut and not prefers[i]:
            out.append(seps[i])
        out.append(chunks[i + 1])
    return "".join(out)


def _load_dictionary() -> frozenset[str] | set[str]:
    """The search analysis' dictionary (PyThaiNLP's words plus search/data/words.txt and
    the abbreviations); PyThaiNLP's own list if that is unavailable."""
    try:
        from search.analysis import _lexicon

        return _lexicon().words
    except (ImportError, AttributeError, RuntimeError):  # pragma: no cover - search is part of the project
        from pythainlp.corpus import thai_words

        return frozenset(thai_words())


_DICTIONARY: tuple[frozenset[str] | set[str], int] | None = None
_LOCK = threading.Lock()


def _dictionary() -> tuple[frozenset[str] | set[str], int]:
    """(words, length of the longest word considered)."""
    global _DICTIONARY
    if _DICTIONARY is None:
        with _LOCK:
            if _DICTIONARY is None:
                words = _load_dictionary()
                _DICTIONARY = (words, min(60, max(map(len, words))))
    return _DICTIONARY
