"""Cleaning and folding: the character-level steps before segmentation.

``clean`` makes text display-safe (NFC, never NFKC since it decomposes sara am;
every Unicode space to ' '; control, format and zero-width characters removed;
``pythainlp.util.normalize`` for เเ, split sara am and tone-mark order) and keeps
digits and case. ``fold`` adds Thai-digit folding and ASCII lowercase, char for
char, so offsets carry over; ``to_term`` strips punctuation to give an index term.
``_replace_variants`` swaps spelling variants from the lexicon into folded text and
keeps an offset map back to it. Nothing here loads the word lists.
"""

from __future__ import annotations

import bisect
import importlib
import re
import string
import unicodedata
from typing import TYPE_CHECKING

from pythainlp import (
    thai_above_vowels,
    thai_below_vowels,
    thai_follow_vowels,
    thai_lead_vowels,
    thai_tonemarks,
)
from pythainlp.util import normalize as _pythainlp_normalize

if TYPE_CHECKING:
    from .lexicon import _Lexicon

_THAI = "\u0e01-\u0e3a\u0e40-\u0e4e"  # letters, vowels, marks, ฯ, ๆ
_THAI_CHAR_RE = re.compile(f"[{_THAI}]")

_NEWLINES_RE = re.compile("\r\n|[\r\u2028\u2029\x85]")
_SPACES_RE = re.compile(" {2,}")
_SPACE_AROUND_NEWLINE_RE = re.compile(" ?\n ?")

# Whitespace other than newline becomes ' '; control, format and lone
# surrogate characters are removed (NUL, U+200B-U+200D, U+2060, U+FEFF, soft
# hyphen, bidi controls). str.translate would be simpler but is ten times
# slower than these regexes on Thai text.
_OTHER_SPACES = "".join(re.escape(chr(cp)) for cp in range(0x10000) if chr(cp).isspace() and cp not in (10, 32))
_OTHER_SPACE_RE = re.compile("[ " + _OTHER_SPACES + "]")
_INVISIBLE_RE = re.compile(
    "["
    + "".join(
        re.escape(chr(cp))
        for cp in range(0x10000)
        if unicodedata.category(chr(cp)) in ("Cc", "Cf", "Cs") and not chr(cp).isspace()
    )
    # Format characters outside the BMP.
    + "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    + "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)

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


# Cheap tests run first so that most text never reaches the trigger above (whose
# alternation and anchors are tried at every position: half of clean's time). Each
# branch of the trigger implies one of them, so "no" here means the trigger cannot
# match: the start and end characters (the anchored branches), substrings (str.find),
# a pair of character classes (a regex that starts with a class is scanned fast), a
# space before a dangling mark; the repeat branch is cheap as it is and is checked exactly.
_TRIGGER_SUBSTRINGS = ("  ", " \n", "\n ", "\n\n", "เเ", "\u0e45", "\u0e4d")
_TRIGGER_PAIR_RE = re.compile(
    f"[{thai_tonemarks}\u0e4c{thai_follow_vowels}][{thai_above_vowels}{thai_below_vowels}{thai_tonemarks}]"
)
_TRIGGER_DANGLING_RE = re.compile(f" [{_DANGLING}]")
_TRIGGER_REPEAT_RE = re.compile(f"([{_NO_REPEAT}]) *\\1")
_EDGE_CHARS = frozenset(" \n" + _DANGLING)


def _needs_thai_normalize(text: str) -> bool:
    """``_NORMALIZE_TRIGGER_RE.search(text)`` as a bool, faster."""
    if not text:
        return False
    if text[0] in _EDGE_CHARS or text[-1] in " \n":
        return True
    if (
        any(s in text for s in _TRIGGER_SUBSTRINGS)
        or _TRIGGER_PAIR_RE.search(text)
        or _TRIGGER_DANGLING_RE.search(text)
    ):
        return _NORMALIZE_TRIGGER_RE.search(text) is not None
    return _TRIGGER_REPEAT_RE.search(text) is not None


# pythainlp.util.normalize, pass for pass, skipping the passes that cannot change the
# text: its 17 repeat patterns ("(ะ[ ]*)+ะ", ...) start with a group, so each is tried at
# every position (80 % of its time), where one backreference search says whether any can
# match. Built from the module's own patterns; used only when it agrees with
# pythainlp.util.normalize on _SELF_CHECK (tests/search/test_analysis_fast_paths.py
# compares more).
_SELF_CHECK = (
    "เเปลก  ก ุ่ม\n\n ่ขา ํา ก่่า กํ่า ก้ั กะ่ นานาาา ดีี ี ฤๅ กๅ \u200bข ่",
    " ้ ๆ  \n  เเเ กิิ่ ก่๊ ",
)


def _fast_thai_normalize(text: str) -> str:
    text = _PN.remove_zw(text)
    while "  " in text:  # remove_dup_spaces
        text = text.replace("  ", " ")
    if "\n" in text:
        text = _PN._RE_REMOVE_NEWLINES.sub("\n", text)
    text = text.strip()
    if _SPACE_MARK_RE.search(text):  # remove_spaces_before_marks needs " " + a mark
        text = _PN.remove_spaces_before_marks(text)
    for pattern, repl in _PN._REORDER_PAIRS:  # remove_repeat_vowels: reorder_vowels
        if pattern != _LAKKHANGYAO_PAIR or "\u0e45" in text:
            text = re.sub(pattern, repl, text)
    if _REPEAT_RE.search(text):
        for pattern, repl in _PN._NOREPEAT_PAIRS:
            text = re.sub(pattern, repl, text)
    text = _TONE_RUN_RE.sub(_PN._last_char, text)  # a single tone mark is its own last
    text = _PN._RE_REMOVE_DANGLINGS.sub("", text)  # remove_dangling
    if _SPACE_MARK_RE.search(text):
        text = _PN._RE_REMOVE_DANGLINGS_AFTER_SPACE.sub(" ", text)
    return text


try:
    _PN = importlib.import_module("pythainlp.util.normalize")
    _SPACE_MARK_RE = re.compile(f" [{_PN._DANGLING_CHARS}]")
    _REPEAT_RE = re.compile(f"([{_PN._NOREPEAT_CHARS}]) *\\1")
    _TONE_RUN_RE = re.compile(f"[{thai_tonemarks}]{{2,}}")
    _LAKKHANGYAO_PAIR = "([^\u0e24\u0e26])\u0e45"
    _fast_ok = _PN._RE_TONEMARKS.pattern == f"[{thai_tonemarks}]+" and all(
        _fast_thai_normalize(t) == _pythainlp_normalize(t) for t in _SELF_CHECK
    )
except (ImportError, AttributeError, TypeError, ValueError, re.error):  # another PyThaiNLP
    _fast_ok = False
_thai_normalize = _fast_thai_normalize if _fast_ok else _pythainlp_normalize


# Any character that _NEWLINES_RE, _OTHER_SPACE_RE or _INVISIBLE_RE would replace: most
# text has none, and one scan for them is cheaper than the three substitutions.
# (A plain space is replaced by itself: not special.)
_SPECIAL_RE = re.compile("[\r\u2028\u2029\x85" + _OTHER_SPACES + _INVISIBLE_RE.pattern[1:-1] + "]")


def _has_special(text: str) -> bool:
    """``_SPECIAL_RE.search(text)`` as a bool. Every special character is unprintable
    (categories C and Z), so printable text, newlines aside, has none: str.isprintable
    is a plain C loop, several times faster than the class scan."""
    if (text.replace("\n", " ") if "\n" in text else text).isprintable():
        return False
    return _SPECIAL_RE.search(text) is not None


def _clean_step(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if _has_special(text):
        text = _INVISIBLE_RE.sub("", _OTHER_SPACE_RE.sub(" ", text))
    if _needs_thai_normalize(text):
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
    # The usual case: nothing to do but NFC (the loop below would return the same after
    # one pass; the checks run on the NFC text, as in _clean_step, since NFC may reorder marks).
    nfc = text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    if not _has_special(nfc) and not _needs_thai_normalize(nfc):
        return nfc
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
    + "".join(re.escape(chr(cp)) for cp in range(0x80, 0x10000) if unicodedata.category(chr(cp)).startswith(("P", "Z")))
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
        out.append(text[last : match.start()])
        new_pos += match.start() - last
        reps.append((new_pos, new_pos + len(standard), match.start(), match.end()))
        out.append(standard)
        new_pos += len(standard)
        last = match.end()
    if not reps:
        return text, None
    out.append(text[last:])
    return "".join(out), _OffsetMap(reps)
