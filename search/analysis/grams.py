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

No spelling-variant replacement and no segmentation: the cost is a regex pass and a join
per field. Tokens are pairs of Thai characters (and GRAM_BREAK), free of spaces and ASCII
punctuation, so they go to SQLite FTS5 (``tokenize='ascii'``) and an Elasticsearch
whitespace tokenizer unchanged, like the word terms.
"""

from __future__ import annotations

import re

from .normalize import _fold_chars

# A Thai run: letters, vowels, tone marks, ฯ, ๆ (as search.analysis.normalize, without digits).
_THAI_RUN_RE = re.compile("[\u0e01-\u0e3a\u0e40-\u0e4e]+")
# Between two runs: an ASCII token no Thai bigram can equal (and no query phrase contains).
GRAM_BREAK = "x"
# A query surface needs this many Thai characters (three bigrams) to be looked up by its letters.
MIN_GRAM_CHARS = 4
# Longer than any word: a run of letters this long is pasted text, not a word to look up.
MAX_GRAM_CHARS = 48


# Each Thai character c -> "c c": a run abcd becomes "a ab bc cd d", its bigrams between
# the first and the last two characters (str.translate is one C loop: twice as fast as
# joining the pairs one by one).
_DOUBLED = {cp: f"{chr(cp)} {chr(cp)}" for cp in range(0x0E01, 0x0E4F)}


def _run_grams(run: str) -> str:
    return run.translate(_DOUBLED)[2:-2]


def index_grams(text: str) -> str:
    """The layer tokens of a (clean) text, space-separated; "" when it has no Thai run of
    two or more characters."""
    if not text:
        return ""
    runs = _THAI_RUN_RE.findall(_fold_chars(text))
    return f" {GRAM_BREAK} ".join([run.translate(_DOUBLED)[2:-2] for run in runs if len(run) > 1])


def query_grams(surface: str) -> str | None:
    """The bigram phrase (space-separated) that finds `surface` (folded text) inside any
    Thai run, or None when the surface is not one Thai run of MIN_GRAM_CHARS to MAX_GRAM_CHARS."""
    if not MIN_GRAM_CHARS <= len(surface) <= MAX_GRAM_CHARS or not _THAI_RUN_RE.fullmatch(surface):
        return None
    return _run_grams(surface)
