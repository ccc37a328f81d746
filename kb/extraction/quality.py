"""Is a page's text layer worth keeping, or should the page be read by OCR?

A layer is judged after ``repair_thai`` (so the private-use glyphs of old Thai fonts,
already mapped to real marks, do not count against it):

- "empty": no text at all (a scan, or text drawn as outlines);
- "garbage": more than 10 % of its characters are unmapped glyphs (private use,
  U+FFFD, controls), or letters are under 30 % of it (symbol soup), or Latin-1 letters
  are over 30 % (Thai 8-bit font codes shown as Latin-1: ``ÃÐàºÕÂº``);
- "sparse": fewer than 20 letters, or under 300 letters on a page that holds a
  scan-sized image (a scanned page with a typed page number or stamp): the page is read
  by OCR and the OCR text kept only if it has clearly more letters;
- "ok" otherwise.
"""

from __future__ import annotations

import unicodedata

__all__ = ["MIN_LETTERS", "letters", "verdict"]

MIN_LETTERS = 20
SCAN_IMAGE_PIXELS = 1_000_000  # an image this big is a page scan, not a logo
SCAN_PAGE_LETTERS = 300


def letters(text: str) -> int:
    """Letters and combining marks (Thai vowels and tone marks are marks)."""
    return sum(1 for ch in text if unicodedata.category(ch)[0] in "LM")


def verdict(text: str, largest_image: int = 0) -> str:
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return "empty"
    n = len(chars)
    bad = sum(1 for ch in chars if _is_bad(ch))
    found = sum(1 for ch in chars if unicodedata.category(ch)[0] in "LM")
    latin1 = sum(1 for ch in chars if "\u00c0" <= ch <= "\u00ff")
    if bad > 0.10 * n or (n >= MIN_LETTERS and found < 0.30 * n) or latin1 > 0.30 * n:
        return "garbage"
    if found < MIN_LETTERS or (largest_image >= SCAN_IMAGE_PIXELS and found < SCAN_PAGE_LETTERS):
        return "sparse"
    return "ok"


def ocr_is_better(layer: str, ocr: str) -> bool:
    """For a sparse layer: keep the OCR text when it has clearly more letters."""
    have, got = letters(layer), letters(ocr)
    return got >= 2 * have and got - have >= MIN_LETTERS


def _is_bad(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat in ("Co", "Cc", "Cs", "Cn") or ch == "\ufffd"
