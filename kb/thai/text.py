"""Thai text: cleaning (Unicode normalisation, invisible and typographic spaces, line endings,
sara am) and excerpts cut at a Thai word boundary.

`clean_text` is the Secretariat parser's cleaner; search.analysis has its own (it adds
pythainlp.util.normalize and digit folding, and search may not import kb).

Django's `truncatechars` counts characters, so in Thai it can stop inside a word or even
between a consonant and its vowel or tone mark. `truncate_thai` stops at a word boundary
found by the search analysis' segmenter (the same dictionary as search and revision diffs).
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width and invisible formatting characters that only get in the way.
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
# Non-breaking / typographic spaces -> plain space (never NFKC: it would decompose
# Thai SARA AM and change quotes).
_SPACE_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_MULTISPACE_RE = re.compile(" {2,}")


def clean_text(text: str) -> str:
    """NFC, NBSP -> space, zero-width removed, line endings normalised, each line
    stripped and inner runs of spaces collapsed.  Never NFKC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    # NIKHAHIT + SARA AA typed (or PDF-extracted) instead of SARA AM: same word, one spelling.
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    lines = [_MULTISPACE_RE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def collapse_spaces(s: str) -> str:
    """clean_text, then every run of whitespace (newlines too) -> one space."""
    return re.sub(r"\s+", " ", clean_text(s)).strip()


ELLIPSIS = "…"


def truncate_thai(text, limit):
    """`text` cut to at most `limit` characters (ellipsis included) at a word boundary."""
    text = " ".join(str(text or "").split())  # excerpts are one line: newlines and runs of spaces go
    if limit < 1:
        return ""
    if len(text) <= limit:
        return text
    from search.analysis import segment  # late: the segmenter loads a dictionary; kb.thai stays light

    kept, length = [], 0
    for piece in segment(text):
        if length + len(piece) > limit - len(ELLIPSIS):
            break
        kept.append(piece)
        length += len(piece)
    cut = "".join(kept).rstrip()
    if not cut:
        # One word longer than the limit (a long English word or URL): cut it, but never
        # before a combining mark, which would leave the mark without its letter.
        end = limit - len(ELLIPSIS)
        while end > 0 and unicodedata.category(text[end]) == "Mn":
            end -= 1
        cut = text[:end]
    return cut + ELLIPSIS
