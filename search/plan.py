"""The query plan both index backends consume, so they match, rank and report alike.

- analysed columns: what a document is indexed under (FIELD_WEIGHTS order), the same
  tokens in the FTS5 table and in Elasticsearch's `terms.*` fields;
- word options: a query word matches through its canonical term, its alternatives, or
  its compound parts in sequence;
- tiers ("all terms first"): a hit matches at least one required word; those matching
  every required word come first; date sorts show only full matches when there are any;
- the phrase bonus: the words together in title or body multiply the score;
- the Hit built from a stored document (an FTS5 row or an Elasticsearch _source);
- the versions a built index records, and when `search_index status` says a rebuild is due.
"""

import contextvars
import datetime
import time
from contextlib import contextmanager
from dataclasses import dataclass

from .analysis import ANALYSIS_VERSION, index_document
from .documents import DOCUMENT_VERSION
from .query import Hit
from .snippets import make_snippet

# Field weights (identifier/number, title, metadata, body, and the expansion columns
# holding compound parts and synonyms, which count less than the words as written).
FIELD_WEIGHTS = {"identifier": 10.0, "title": 6.0, "meta": 3.0, "body": 1.0, "title_x": 3.0, "body_x": 0.5}
PHRASE_BOOST = 0.5  # relative bonus when the query's words appear together in title or body
PHRASE_FIELDS = ("title", "body")


# ---------------------------------------------------------------------- documents
# {(identifier, title, body, meta): columns} while analysis_memo() runs in this context.
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


def analysed_values(identifier, title, body, meta):
    """The analysed columns, in FIELD_WEIGHTS order, as space-separated terms."""
    memo = _memo.get()
    if memo is None:
        return analyse(identifier, title, body, meta)
    key = (identifier, title, body, meta)
    columns = memo.get(key)
    if columns is None:
        columns = memo[key] = analyse(*key)
    return columns


def analyse(identifier, title, body, meta):
    """analysed_values, always computed (no memo)."""
    title_terms, title_x = index_document(title)
    body_terms, body_x = index_document(body)
    meta_terms, meta_x = index_document(meta)
    identifier_terms, _ = index_document(identifier.replace("-", " "))
    return (
        " ".join(identifier_terms + [identifier.replace("-", "")]),
        " ".join(title_terms),
        " ".join(meta_terms + meta_x),
        " ".join(body_terms),
        " ".join(title_x),
        " ".join(body_x),
    )


def analysed_columns(doc):
    """The analysed columns of one SearchDocument, in FIELD_WEIGHTS order."""
    return analysed_values(doc.identifier, doc.title, doc.body, doc.meta)


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

    @classmethod
    def for_query(cls, query):
        words = [t.term for t in query.terms]
        return cls(words=[word_options(t) for t in query.required], phrase=" ".join(words) if len(words) > 1 else None)

    @property
    def single_word(self):
        """Within the base set (any word), one word is every word."""
        return len(self.words) == 1


def full_matches_only(query, full_count):
    """Date-sorted lists show only full matches when there are any: partial matches
    interleaved by date would read as noise. Relevance puts them first instead."""
    return query.sort != "relevance" and full_count > 0


# ---------------------------------------------------------------------- hits
def hit_from(stored, query, score, matched_all):
    """A Hit from a stored document (a mapping of SearchDocument fields). Documents of an
    older shape lack the newer fields: empty, the page then shows the ISO date."""
    year = stored.get("year")
    return Hit(
        identifier=stored["identifier"],
        title=stored["title"],
        type=stored["type"],
        url=stored["url"],
        date=stored.get("date"),
        snippet=make_snippet(stored.get("body") or stored.get("meta"), query.terms),
        type_label=stored.get("type_label") or "",
        year=int(year) if year not in (None, "") else None,
        agency=stored.get("agency") or "",
        status=stored.get("status") or "",
        status_label=stored.get("status_label") or "",
        date_label=stored.get("date_label") or "",
        date_attr=stored.get("date_attr") or "",
        score=round(score or 0.0, 4),
        matched_all=bool(matched_all),
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
