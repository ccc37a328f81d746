"""The segmentation-independent layer: overlapping character bigrams of Thai text.

Word matching depends on the query and the document being segmented alike; a query that
is one dictionary word (``ประกาศใช้``) finds nothing in a document where the same letters
fall across a word boundary (``ประกาศ|ใช้แล้ว``). Indexed beside the words (as Lucene's
CJK bigrams are for Chinese), the bigrams of every run of Thai characters make any
substring of a run findable: the query's bigrams as a phrase (consecutive positions)
match exactly where the document contains the query's letters, whatever the dictionary
did with them.

- Index side, ``index_grams``: the folded text's Thai runs (digits folded, ASCII
  lowercased: the text of a document is already clean), each run's bigrams in order and
  GRAM_BREAK between runs, so a phrase never joins the end of one run to the start of the
  next (``ab`` + ``bc`` from ``…ab bc…`` would otherwise read as ``abc``).
- Query side, ``query_grams``: the bigram phrase of one surface of a query word (a
  QueryTerm's ``surfaces``: as typed, its spelling variants, its synonyms), or None when
  the surface is not a single Thai run of MIN_GRAM_CHARS to MAX_GRAM_CHARS characters: a
  short word (``ลง``, ``ใช้``) is a substring of too many words to say anything.

No spelling-variant replacement and no segmentation: the cost is a regex pass and a few
byte copies per field. Tokens are pairs of Thai characters (and GRAM_BREAK), free of
spaces and ASCII punctuation, so they go to SQLite FTS5 (``tokenize='ascii'``) and an
Elasticsearch whitespace tokenizer unchanged, like the word terms.
"""

from __future__ import annotations

import codecs
import re

# A Thai run: letters, vowels, tone marks, ฯ, ๆ (as search.analysis.normalize, without digits).
_THAI_RUN_RE = re.compile("[\u0e01-\u0e3a\u0e40-\u0e4e]+")
# Between two runs: an ASCII token no Thai bigram can equal (and no query phrase contains).
GRAM_BREAK = "x"
# A query surface needs this many Thai characters (three bigrams) to be looked up by its letters.
MIN_GRAM_CHARS = 4
# Longer than any word: a run of letters this long is pasted text, not a word to look up.
MAX_GRAM_CHARS = 48


# Each Thai character c -> "c c": a run abcd becomes "a ab bc cd d", its bigrams between
# the first and the last two characters.
_DOUBLED = {cp: f"{chr(cp)} {chr(cp)}" for cp in range(0x0E01, 0x0E4F)}


def _run_grams(run: str) -> str:
    return run.translate(_DOUBLED)[2:-2]


# index_grams works on bytes: TIS-620 gives every character of a run one byte (0xA1-0xEE,
# never a space or NUL), so the bigrams of all the runs of a text are three strided copies
# in C, where str.translate looks every character up in a dict (two and a half times slower).
_RUN2_RE = re.compile("[\u0e01-\u0e3a\u0e40-\u0e4e]{2,}")  # _THAI_RUN_RE, 2+ characters
_SPACES = b" " * 65536
codecs.lookup("tis_620")  # imported now, not in the first field's analysis
# What replaces the two bigrams across a run boundary ("c\0 \0d"): GRAM_BREAK and fill.
_FILL = b"\x01"
_BREAK_PATCH = GRAM_BREAK.encode() + _FILL * 4


def index_grams(text: str) -> str:
    """The layer tokens of a (clean) text, space-separated; "" when it has no Thai run of
    two or more characters."""
    # Folding changes no character of a run (ASCII letters and Thai digits are not in it),
    # so the runs are found in the text itself.
    runs = _RUN2_RE.findall(text) if text else None
    if not runs:
        return ""
    # The runs joined by NUL: the pair at each position k, "joined[k] joined[k+1] ", written
    # column by column; the two pairs that hold a NUL become GRAM_BREAK.
    joined = "\0".join(runs).encode("tis_620")
    n = len(joined)
    spaces = _SPACES if n <= len(_SPACES) else b" " * n
    out = bytearray(3 * n - 3)
    out[0::3] = joined[:-1]
    out[1::3] = joined[1:]
    out[2::3] = spaces[: n - 1]
    if len(runs) > 1:
        nul = -1
        for run in runs[:-1]:
            nul += len(run) + 1
            out[3 * nul - 3 : 3 * nul + 2] = _BREAK_PATCH
        out = out.replace(_FILL, b"")
    return out[:-1].decode("tis_620")


def query_grams(surface: str) -> str | None:
    """The bigram phrase (space-separated) that finds `surface` (folded text) inside any
    Thai run, or None when the surface is not one Thai run of MIN_GRAM_CHARS to MAX_GRAM_CHARS."""
    if not MIN_GRAM_CHARS <= len(surface) <= MAX_GRAM_CHARS or not _THAI_RUN_RE.fullmatch(surface):
        return None
    return _run_grams(surface)
