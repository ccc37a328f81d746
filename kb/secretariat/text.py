"""Text cleaning for the Secretariat parser: Unicode normalisation, invisible and
typographic spaces, line endings, Thai digits -> Arabic digits, and the digit
character class the other modules' patterns share.

(Thai-digit tables also live in kb/thai_dates.py and search/analysis.py; they are
kept apart for now so this package stays free of Django and of search.)
"""
from __future__ import annotations

import re
import unicodedata

# A digit, Arabic or Thai, for the regular expressions of the other modules.
DIGIT = "[0-9๐-๙]"

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Zero-width and invisible formatting characters that only get in the way.
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
# Non-breaking / typographic spaces -> plain space (never NFKC: it would decompose
# Thai SARA AM and change quotes).
_SPACE_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_MULTISPACE_RE = re.compile(" {2,}")


def thai_to_arabic_digits(s: str) -> str:
    return s.translate(_THAI_DIGITS)


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
