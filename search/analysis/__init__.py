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

Modules: ``normalize`` (steps 1-2), ``lexicon`` (the data files, the dictionary,
``ANALYSIS_VERSION``), ``segment`` (steps 3-4), ``terms`` (step 5 and the index
side), ``query`` (the query side), ``grams`` (character bigrams beside the words, for
matching that does not depend on segmentation: search.plan's layer). Import from this package, not from them.
"""

import os

# Everything used here ships with the package; never let PyThaiNLP reach out
# to the network for a corpus (there is none here, and a web request at query
# time would be wrong anyway). Set before the modules below import PyThaiNLP.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

# The "X as X" names are not public API but are imported from here: segment by
# revision diffs, DATA_DIR, _analyze and _lexicon by the tests and benchmarks.
from .grams import GRAM_BREAK, MIN_GRAM_CHARS, index_grams, query_grams
from .lexicon import ANALYSIS_VERSION
from .lexicon import DATA_DIR as DATA_DIR
from .lexicon import _lexicon as _lexicon
from .normalize import clean, fold, to_term
from .query import QueryTerm, analyze_query
from .terms import Token, index_document, tokens
from .terms import _analyze as _analyze
from .terms import segment as segment


def thai_words(run: str) -> list[str]:
    """A run of Thai letters (dots allowed) cut into words by the index's dictionary,
    abbreviations (พ.ร.บ., ป.ป.ช.) whole; "".join gives the run back. For display work
    such as line breaking (kb.thai.linebreak)."""
    from .segment import _thai_pieces

    return _thai_pieces(_lexicon(), run)


def compound_words(word: str) -> tuple[str, ...]:
    """A long dictionary word cut into the shorter dictionary words it is made of
    ("".join gives it back), or () when it has no such cut."""
    from .segment import _split_without_self

    path = _split_without_self(_lexicon(), word)[0]
    return path if "".join(path) == word else ()


__all__ = [
    "ANALYSIS_VERSION",
    "GRAM_BREAK",
    "MIN_GRAM_CHARS",
    "QueryTerm",
    "Token",
    "analyze_query",
    "clean",
    "compound_words",
    "fold",
    "index_document",
    "index_grams",
    "query_grams",
    "thai_words",
    "to_term",
    "tokens",
]
