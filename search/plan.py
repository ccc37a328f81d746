"""The query plan both index backends consume, so they match, rank and report alike.

- analysed columns: what a document is indexed under (FIELD_WEIGHTS order), the same
  tokens in the FTS5 table and in Elasticsearch's `terms.*` fields;
- word options: a query word matches through its canonical term, its alternatives, or
  its compound parts in sequence;
- tiers ("all terms first"): a hit matches at least one required word; those matching
  every required word come first; date sorts show only full matches when there are any;
- the phrase bonus: the words together in title or body multiply the score;
- dates and kind words (SearchQuery.dates, .attributes; docs/search-dates.md): a hit dated
  within a date the query names, or of a kind or status it names, scores more; those words
  are optional beside other words; a query of dates alone lists the records dated so;
- the Hit built from a stored document (an FTS5 row or an Elasticsearch _source), and
  when the record's own text lacks a query word, the attached file and page it was
  found on (Hit.attachment);
- the layer (search.analysis.grams): when the words find too little, documents that
  contain a query word's letters anyway (across a word boundary) follow every word hit;
- spelling (suggest): a word no document has is corrected against the index's vocabulary;
- the versions a built index records, and when `search_index status` says a rebuild is due.
"""

import contextvars
import dataclasses
import datetime
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass

from . import registry
from .analysis import ANALYSIS_VERSION, fold, index_document, index_grams, query_grams, typos
from .analysis.normalize import _fold_chars  # fold() of text already clean (files' pages), ten times faster
from .documents import DOCUMENT_VERSION, files_text
from .query import Hit
from .snippets import make_snippet

# Field weights (identifier/number, title, metadata, body, and the expansion columns
# holding compound parts and synonyms, which count less than the words as written; last,
# the text of the attached files, below title and body: a word in a 40-page annex says
# less about the record than the same word in its own text).
FIELD_WEIGHTS = {
    "identifier": 10.0,
    "title": 6.0,
    "meta": 3.0,
    "body": 1.0,
    "title_x": 3.0,
    "body_x": 0.5,
    "files": 0.4,
}
PHRASE_BOOST = 0.5  # relative bonus when the query's words appear together in title or body
PHRASE_FIELDS = ("title", "body")
# Relative bonus for a hit whose `date` falls in a date the query names (SearchQuery.dates):
# "มติ ครม. 9 ก.ค. 67" ranks the resolution of that meeting first, whatever its text says.
DATE_BOOST = 1.0
MAX_DATE_RANGES = 4  # dates per query that count (a bound on the SQL and the clauses)
# Relative bonus, per facet, for a hit whose type or status a query word names
# (SearchQuery.attributes, data/attributes.txt): "ข่าว อาเซียน" ranks news first.
ATTRIBUTE_BOOST = 1.0
BOOSTED_FACETS = ("type", "status")


def attribute_boosts(query):
    """[(facet, values)] whose hits get ATTRIBUTE_BOOST (one factor per facet)."""
    named = getattr(query, "attributes", None) or {}
    return [(facet, tuple(named[facet])) for facet in BOOSTED_FACETS if named.get(facet)]


def date_ranges(query):
    """The (first day, last day) ISO ranges whose hits get DATE_BOOST."""
    return list(getattr(query, "dates", None) or ())[:MAX_DATE_RANGES]


def date_only(query):
    """A query made only of dates (and stopwords): its hits are the records dated within
    them, newest first (DATE_SORT), by their date field whatever their text says; when
    none is, the words are searched as usual (records that only write the date)."""
    return bool(date_ranges(query)) and getattr(query, "only_dates", False)


# The order of a date-only query's hits: relevance means newest (every hit is as relevant).
DATE_ONLY_SORT = {"relevance": "newest", "newest": "newest", "oldest": "oldest"}


# The layer's fields (character bigrams of the record's own texts, not of its files: a
# 40-page annex would double the index for the rare query that needs it) and weights.
LAYER_WEIGHTS = {"title": 6.0, "body": 1.0, "meta": 3.0}
# The layer is searched when the words find fewer documents than this (a page), before
# filters: what a query matches then does not depend on the filters, so facet counts stay
# the totals their filters give.
LAYER_MIN_WORD_HITS = 10
LAYER_MAX_SURFACES = 4  # phrases per word: as typed, then spelling variants and synonyms


class Columns(tuple):
    """The analysed columns (FIELD_WEIGHTS order), and in `grams` the layer's columns
    (LAYER_WEIGHTS order): analysed together, in the rebuild's worker processes."""

    def __new__(cls, values, grams=()):
        columns = super().__new__(cls, values)
        columns.grams = tuple(grams)
        return columns

    def __reduce__(self):  # pickled back from the workers with its grams
        return Columns, (tuple(self), self.grams)


def layer_values(title, body, meta):
    """The layer's columns, in LAYER_WEIGHTS order, as space-separated bigrams."""
    return index_grams(title), index_grams(body), index_grams(meta)


# ---------------------------------------------------------------------- documents
# {memo_key(identifier, title, body, meta, files): columns} while analysis_memo() runs in
# this context.
_memo = contextvars.ContextVar("search_analysis_memo", default=None)


@contextmanager
def analysis_memo(memo=None):
    """Within the block each distinct text is analysed once: an import's pages are analysed
    for the admin's index in its transaction and for the public index after the commit
    (pass the same dict to both blocks). Keyed by the texts themselves, so never stale."""
    token = _memo.set({} if memo is None else memo)
    try:
        yield _memo.get()
    finally:
        _memo.reset(token)


def current_memo():
    """The memo of the running analysis_memo() block, or None."""
    return _memo.get()


def memo_key(identifier, title, body, meta, files=""):
    """The memo key of a document's texts: the four texts alone when there is no files text,
    so (identifier, title, body, meta) and (identifier, title, body, meta, "") share one."""
    return (identifier, title, body, meta, files) if files else (identifier, title, body, meta)


def analysed_values(identifier, title, body, meta, files=""):
    """The analysed columns, in FIELD_WEIGHTS order, as space-separated terms; `files`: the
    text of the attached files as one string (documents.files_text)."""
    memo = _memo.get()
    if memo is None:
        return analyse(identifier, title, body, meta, files)
    key = memo_key(identifier, title, body, meta, files)
    columns = memo.get(key)
    if columns is None:
        base = memo.get(key[:4]) if files else None
        if base is not None:  # the record's own texts were analysed without the files (the admin's index)
            columns = Columns((*base[:-1], analyse_files(files, base[:-1])), getattr(base, "grams", ()))
        else:
            columns = analyse(*key)
            if files:  # and the other way round: a later call without the files finds them
                memo.setdefault(key[:4], Columns((*columns[:-1], ""), getattr(columns, "grams", ())))
        memo[key] = columns
    return columns


def analyse(identifier, title, body, meta, files=""):
    """analysed_values, always computed (no memo)."""
    title_terms, title_x = index_document(title)
    body_terms, body_x = index_document(body)
    meta_terms, meta_x = index_document(meta)
    identifier_terms, _ = index_document(identifier.replace("-", " "))
    own = (
        " ".join(identifier_terms + [identifier.replace("-", "")]),
        " ".join(title_terms),
        " ".join(meta_terms + meta_x),
        " ".join(body_terms),
        " ".join(title_x),
        " ".join(body_x),
    )
    return Columns((*own, analyse_files(files, own)), layer_values(title, body, meta))


# Distinct terms a record's files add to its entry, at most (a few hundred pages' worth).
FILES_TERMS_MAX = 20_000


def analyse_files(files, own_columns=()):
    """The `files` column: the files' distinct terms (with their compound parts and
    synonyms) that the record's own columns lack, in text order. What the record says
    itself is found there already; its files add what it does not say. Distinct terms
    keep a long file from weighing its record down: SQLite's bm25 divides by the length
    of the whole row, every column together (Elasticsearch's by each field's own), so a
    record whose signed PDF repeats its text would otherwise rank below shorter ones."""
    if not files:
        return ""
    own = set(" ".join(own_columns).split())
    terms, extra = index_document(files)
    added = [term for term in dict.fromkeys(terms + extra) if term not in own]
    return " ".join(added[:FILES_TERMS_MAX])


def analysis_fields(doc):
    """The texts analysed_values takes for one SearchDocument (a memo key's texts)."""
    return (doc.identifier, doc.title, doc.body, doc.meta, files_text(doc))


def analysed_columns(doc):
    """The analysed columns of one SearchDocument, in FIELD_WEIGHTS order."""
    return analysed_values(*analysis_fields(doc))


def layer_columns(doc, columns=None):
    """The layer's columns of one SearchDocument: those analysed with `columns` (Columns)
    when they came with them, else computed now."""
    grams = getattr(columns, "grams", None)
    return grams if grams else layer_values(doc.title, doc.body, doc.meta)


# ---------------------------------------------------------------------- queries
def word_options(term):
    """The ways one query word matches: a single term each, or terms in sequence (with spaces)."""
    options = [term.term, *term.alternatives]
    if len(term.parts) > 1:
        options.append(" ".join(term.parts))
    return list(dict.fromkeys(options))


@dataclass
class QueryPlan:
    words: list  # per required word: its options (word_options)
    phrase: str | None  # the query's words in sequence (two or more), for the phrase bonus
    # per optional word (a date's or a kind's, SearchQuery.optional_words): its options; a
    # hit may match one instead of a required word, and a full match need not have them
    optional: list = dataclasses.field(default_factory=list)

    @classmethod
    def for_query(cls, query):
        words = [t.term for t in query.terms]
        optional = [word_options(t) for t in getattr(query, "optional_words", ())]
        return cls(
            words=[word_options(t) for t in query.required],
            phrase=" ".join(words) if len(words) > 1 else None,
            optional=optional,
        )

    @property
    def any_words(self):
        """The words one of which every hit matches: the required, then the optional."""
        return self.words + self.optional

    @property
    def single_word(self):
        """Within the base set (any word), one word is every word."""
        return len(self.words) == 1 and not self.optional


def suggest(query, term_counts, has_letters=None):
    """(suggestion, query to search): the query text with its misspelt words corrected
    against the index's own vocabulary (search.analysis.typos) and a copy of the query
    whose words are the corrected text's, or (None, query) when every word matches.

    term_counts(terms) -> {term: documents} is the backend's (exact counts of the public
    index: no suggestion can reveal a word only unpublished records have). A word through
    which nothing matches (its term, alternatives or compound parts) is corrected, and so
    is a stretch that segments into a run of short dictionary pieces (typos.short_runs:
    ทุจรติ -> ทุ|จร|ติ, each somewhere in the index). The corrected word replaces a word
    that matches nothing: nothing is lost. A real-word typo's typed pieces stay an option
    of the corrected word (in sequence), and a hit that has them ranks higher
    (TYPED_BOOST): the correction expands the query at a lower weight. has_letters(text)
    -> bool says whether some public document has those letters: when a document has
    every corrected stretch as typed (เสรีเบกาวัน, a name), the query is searched as typed
    (the documents' cut and the layer find the letters) and nothing is suggested."""
    if not query.terms:
        return None, query
    required = [t for t in query.required if not t.stopword]
    options = {t.term: (t.term, *t.alternatives, *t.parts) for t in required}
    counts = term_counts([o for opts in options.values() for o in opts])
    known = [t for t in required if _matches(t, counts)]
    stop = {o for t in query.terms if t.stopword for o in (t.term, *t.alternatives)}
    if (
        len(known) == len(required)
        and not typos.has_fragments([t.term for t in required])
        and not typos.has_short_runs(query.text, stop)
    ):
        return None, query
    # Tokens a word matches through otherwise (a synonym spread over them): never typos.
    covered = {o for t in known for o in (*t.alternatives, *t.parts)}
    found = typos.correction(query.text, term_counts, dict(counts), covered, stop, has_letters=has_letters)
    if not found or found.quiet:
        return None, query
    searched = query.searching(found.text, typed=[" ".join(pieces) for _, pieces in found.typed])
    if found.typed:
        searched.terms = [_with_typed(term, found.typed) for term in searched.terms]
    return found.text, searched


# A hit with a real-word typo's typed form (SearchQuery.typed) scores this much more than
# one with only the corrected word: the correction is offered, the typed text kept first.
TYPED_BOOST = 1.0


def typed_phrases(query):
    """The typed forms whose hits get TYPED_BOOST (SearchQuery.typed), at most MAX_TYPED."""
    return list(getattr(query, "typed", None) or ())[:MAX_TYPED]


MAX_TYPED = 4


def _with_typed(term, typed):
    """The corrected word's QueryTerm with its typed pieces (in sequence) as an alternative."""
    for word, pieces in typed:
        if word == term.term or word in term.surfaces:
            return dataclasses.replace(
                term, alternatives=(*term.alternatives, " ".join(pieces)), surfaces=(*term.surfaces, "".join(pieces))
            )
    return term


def _matches(term, counts):
    """Some document has the word: its term, an alternative, or every compound part."""
    if any(counts.get(o) for o in (term.term, *term.alternatives)):
        return True
    return len(term.parts) > 1 and all(counts.get(p) for p in term.parts)


def layer_words(query):
    """Per required word that can be looked up by its letters, its bigram phrases (search.
    analysis.query_grams of its surfaces); words too short or not Thai are left out, and
    [] means no layer."""
    words = []
    for term in query.required:
        phrases = [p for p in dict.fromkeys(map(query_grams, term.surfaces)) if p][:LAYER_MAX_SURFACES]
        if phrases:
            words.append(phrases)
    return words


def layer_plan(query, word_total, restricted):
    """The layer's words when it is searched, else []: the words (any of them, before
    filters) matched fewer than LAYER_MIN_WORD_HITS documents, and the list is not one of
    full matches only (a date sort with full matches: the layer's hits are never full).
    Its hits contain every such word's letters, match no query word, and come after every
    word hit (in the sort's order among themselves: BM25 of the phrases, or date)."""
    if restricted or word_total >= LAYER_MIN_WORD_HITS:
        return []
    return layer_words(query)


def full_matches_only(query, full_count):
    """Date-sorted lists show only full matches when there are any: partial matches
    interleaved by date would read as noise. Relevance puts them first instead."""
    return query.sort != "relevance" and full_count > 0


# ---------------------------------------------------------------------- hits
# Pages of a hit's files read to find where it was found (the first ones, in file order):
# a bound on the work per hit (ten hits a page) whatever a record attaches: some 60 ms for
# 2,000 pages of 2,000 characters. A word only on a later page still finds the record
# (the index has every page); the hit then names no file and keeps its own snippet.
MAX_ATTACHMENT_PAGES = 2000


def found_terms(text, terms, clean=False):
    """Indexes of the query terms one of whose surfaces (the strings search.snippets.
    match_spans marks) is in text. Each term on its own: a term inside another's match
    counts. clean: the text is already clean (search.analysis.clean), as a document's
    texts are (kb/ cleans title, body and metadata; SearchDocument.files says so for the
    pages), so only digits and case need folding: a tenth of fold()'s time."""
    folded = (_fold_chars(text) if clean else fold(text)) if text else ""
    if not folded:
        return set()
    return {index for index, term in enumerate(terms) if any(s and s in folded for s in term.surfaces)}


def stored_files(stored):
    """The `files` of a stored document: a list (Elasticsearch _source), its JSON (the
    embedded index's docs row), or missing (an index built before files were stored)."""
    files = stored.get("files")
    if isinstance(files, str):
        try:
            files = json.loads(files) if files else []
        except ValueError:
            return []
    return files if isinstance(files, list) else []


def attachment_match(stored, terms):
    """(attachment, page text) when the record's own text (title, body, meta) lacks one
    of the query terms and a page of its files has it; None otherwise. The page: of those
    with a word the record's own text lacks, the one matching the most distinct terms
    (ties: the first)."""
    if not terms:
        return None
    own_text = "\n".join(stored.get(name) or "" for name in ("title", "body", "meta"))
    own = found_terms(own_text, terms, clean=True)
    if len(own) == len(terms):  # the record's own text explains the hit: as before files
        return None
    files = stored_files(stored)
    if not files:
        return None
    best, best_count, examined = None, 0, 0
    for file in files:
        pages = file.get("pages") if isinstance(file, dict) else None
        for page in pages if isinstance(pages, list) else ():
            if examined >= MAX_ATTACHMENT_PAGES:
                break
            examined += 1
            text = page.get("text") if isinstance(page, dict) else None
            if not text or not isinstance(text, str):
                continue
            found = found_terms(text, terms, clean=True)
            if len(found) > best_count and found - own:
                best, best_count = (file, page), len(found)
                if best_count == len(terms):  # no page can match more
                    break
        if examined >= MAX_ATTACHMENT_PAGES or best_count == len(terms):
            break
    if best is None:
        return None
    file, page = best
    attachment = {"title": file.get("title") or "", "url": file.get("url") or "", "page": page.get("page")}
    return attachment, page["text"]


def hit_from(stored, query, score, matched_all):
    """A Hit from a stored document (a mapping of SearchDocument fields). Documents of an
    older shape lack the newer fields: empty, the page then shows the ISO date.

    When a query word is in none of the record's own texts but on a page of an attached
    file, the hit says where (attachment: the file's title and URL and the page number)
    and its snippet comes from that page; otherwise the snippet is the body's (or meta's)."""
    year = stored.get("year")
    # The words the hit is expected to have: the query's required ones (stopwords aside).
    found = attachment_match(stored, query.required)
    section = None
    if found:
        attachment, page_text = found
        snippet = make_snippet(page_text, query.terms)
    else:
        attachment, snippet = None, make_snippet(stored.get("body") or stored.get("meta"), query.terms)
        section = registry.section_of(stored, query.terms) if query.terms else None
    return Hit(
        identifier=stored["identifier"],
        title=stored["title"],
        type=stored["type"],
        url=stored["url"],
        date=stored.get("date"),
        snippet=snippet,
        type_label=stored.get("type_label") or "",
        year=int(year) if year not in (None, "") else None,
        agency=stored.get("agency") or "",
        status=stored.get("status") or "",
        status_label=stored.get("status_label") or "",
        date_label=stored.get("date_label") or "",
        date_attr=stored.get("date_attr") or "",
        score=round(score or 0.0, 4),
        matched_all=bool(matched_all),
        attachment=attachment,
        section=section,
    )


# ---------------------------------------------------------------------- build metadata
def build_meta(started):
    """What a finished build records about itself (index_meta rows; Elasticsearch _meta);
    started: time.perf_counter() when the build began."""
    return {
        "analysis_version": ANALYSIS_VERSION,
        "document_version": DOCUMENT_VERSION,
        "built_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "build_seconds": f"{time.perf_counter() - started:.2f}",
    }


def version_status(meta):
    """The versions part of status(): a rebuild is due when the analysis or the document
    shape changed since the build, or when there never was one."""
    meta = meta or {}
    return {
        "analysis_version": meta.get("analysis_version"),
        "current_analysis_version": ANALYSIS_VERSION,
        "document_version": meta.get("document_version"),
        "current_document_version": DOCUMENT_VERSION,
        "built_at": meta.get("built_at"),
        "rebuild_due": (
            meta.get("analysis_version") != ANALYSIS_VERSION
            or meta.get("document_version") != DOCUMENT_VERSION
            or not meta.get("built_at")
        ),
    }
