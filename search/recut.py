"""A query word the index has no term for, cut the way the documents cut it.

Word matching depends on the query and the documents being segmented alike. A word the
dictionary keeps whole in the query (ผู้ตรวจราชการกระทรวง) can fall across a word
boundary in a document, because a longer word follows there
(ผู้ตรวจราชการ|กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม): no document has the query's term,
and the phrase of its compound parts fails too. The layer (search.plan.layer_plan) finds
such documents by their letters, but only when the whole query finds too little, and its
hits rank after every word hit: beside a common word (ดิจิทัล, in every record) the
word's documents drown among partial matches.

So before searching, each such word is looked up by its letters (the backend's
`letter_texts`: the first documents, by page id, whose layer has them), and the terms
those documents have where the letters are, in sequence, become one more option of the
word (a phrase, as compound parts are). The word then matches as a word, ranks as one,
and counts for the "all words" tier, on both backends alike (the options are plain
terms). Only for words no document has a term for (their term and alternatives in no
document), Thai, long enough for the layer; at most MAX_CUTS cuts a word.
"""

import dataclasses
import re

from .analysis import _analyze, fold, query_grams

MAX_CUTS = 3  # distinct cuts per word (each a phrase option)
MAX_WORDS = 4  # words looked up per query (a lookup each)
SAMPLE_DOCS = 3  # documents read per word
WINDOW_CHARS = 120  # text analysed each side of the letters (their chunk, at most this)
_SPACE_RE = re.compile(r"\s")


def recut(query, term_counts, letter_texts):
    """The query with document cuts added to its words that no document has a term for
    (see the module docstring); the query itself when none needs one.

    term_counts(terms) -> {term: documents}; letter_texts(phrase, limit) -> [(title,
    body, meta)] of the documents whose layer has the bigram phrase."""
    words = [t for t in query.required if not t.stopword and _phrase_of(t)]
    if not words:
        return query
    counts = term_counts([o for t in words for o in (t.term, *t.alternatives)])
    unknown = [t for t in words if not any(counts.get(o) for o in (t.term, *t.alternatives))][:MAX_WORDS]
    if not unknown:
        return query
    replaced = {}
    for term in unknown:
        cuts = []
        for texts in letter_texts(_phrase_of(term), SAMPLE_DOCS):
            for text in texts:
                cut = document_cut(text or "", term.surfaces[0])
                if cut and cut != term.term and cut not in cuts and cut not in term.alternatives:
                    cuts.append(cut)
        if cuts:
            replaced[term.term] = dataclasses.replace(term, alternatives=(*term.alternatives, *cuts[:MAX_CUTS]))
    if not replaced:
        return query
    return dataclasses.replace(query, terms=[replaced.get(t.term, t) for t in query.terms])


# Thai marks and following vowels that belong to the character before them: letters found
# just before one (สิงคโปร in สิงคโปร์) or just after a leading vowel are part of a longer
# cluster, not the letters as typed.
_FOLLOWING = "\u0e30-\u0e3a\u0e47-\u0e4e"
_LEADING = "เแโใไ"


def has_letters(letter_texts, letters):
    """Some public document has these (folded) letters as typed, whole characters
    (search.plan.suggest: then they are no typo). Looks at the first SAMPLE_DOCS documents
    whose layer has them; False for letters too short or not Thai (no layer phrase)."""
    phrase = query_grams(letters)
    if not phrase:
        return False
    whole = re.compile(f"(?<![{_LEADING}]){re.escape(letters)}(?![{_FOLLOWING}])")
    return any(whole.search(fold(text or "")) for texts in letter_texts(phrase, SAMPLE_DOCS) for text in texts)


def _phrase_of(term):
    """The layer phrase of the word as typed (its first surface), or None."""
    return query_grams(term.surfaces[0]) if term.surfaces else None


def document_cut(text, letters):
    """The index terms of `text` that cover the first place it has `letters` (folded),
    space-separated in order, or None when it does not have them. Only the chunk of text
    around them (no whitespace inside, WINDOW_CHARS each side at most) is analysed: Thai
    is cut within such chunks, so the terms are the ones the index has there."""
    folded = fold(text)
    at = folded.find(letters)
    if at < 0:
        return None
    start, end = at, at + len(letters)
    while start > 0 and at - start < WINDOW_CHARS and not _SPACE_RE.match(folded[start - 1]):
        start -= 1
    while end < len(folded) and end - at - len(letters) < WINDOW_CHARS and not _SPACE_RE.match(folded[end]):
        end += 1
    chunk = folded[start:end]
    _, chunk_folded, toks, _ = _analyze(chunk)
    inner = chunk_folded.find(letters)
    if inner < 0:
        return None
    covering = [tok.term for tok in toks if tok.end > inner and tok.start < inner + len(letters)]
    return " ".join(covering) or None
