"""Cutting Thai text short for excerpts (cards, feeds, meta descriptions).

Django's `truncatechars` counts characters, so in Thai it can stop inside a word or even
between a consonant and its vowel or tone mark. `truncate_thai` stops at a word boundary
found by the search analysis' segmenter (the same dictionary as search and revision diffs).
"""
import unicodedata

from search.analysis import segment

ELLIPSIS = "…"


def truncate_thai(text, limit):
    """`text` cut to at most `limit` characters (ellipsis included) at a word boundary."""
    text = " ".join(str(text or "").split())  # excerpts are one line: newlines and runs of spaces go
    if limit < 1:
        return ""
    if len(text) <= limit:
        return text
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
