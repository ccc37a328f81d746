"""The query description shared by every index backend, so they rank and filter alike.

A request's parameters become a SearchQuery: analysed terms, filters, sort and page.
Backends turn it into their own syntax (FTS5 MATCH, Elasticsearch bool queries) with the
same semantics:
- a hit must match at least one query word (a word matches through its canonical term,
  its alternatives, or its compound parts in sequence);
- documents that match every non-stopword come first ("all terms first"), so a long
  query never comes back empty for one stray word;
- relevance is BM25 with FIELD_WEIGHTS, boosted when the words appear as a phrase;
  (search.plan holds these rules for both backends)
- facets count the same set the results are drawn from, each facet ignoring its own filter.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings

from . import registry
from .analysis import DATA_DIR, analyze_query, clean
from .analysis.dates import BE_FROM, find_dates

FACETS = ("type", "year", "agency", "status")
SORTS = ("relevance", "newest", "oldest")

# Parameter validation (SearchQuery.from_params): anything else is ignored with a notice.
MAX_FILTER_CHARS = 200
MAX_PAGE = 1000  # also keeps Elasticsearch's offset under its 10,000-hit window
BE_OFFSET = 543
MIN_CE_YEAR, MIN_BE_YEAR, MAX_BE_YEAR = 1800, BE_FROM, 2800  # 4-digit years below BE_FROM are C.E.
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_YEAR_RE = re.compile(r"(?:(พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)\s*)?([0-9]{4})")
_PAGE_RE = re.compile(r"[0-9]{1,9}")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass
class SearchQuery:
    text: str = ""
    terms: list = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    notices: list = field(default_factory=list)
    # The dates the text names, as (first day, last day) ISO C.E. strings (search.analysis.
    # dates): a hit dated within one ranks higher (search.plan.DATE_BOOST).
    dates: list = field(default_factory=list)
    only_dates: bool = False  # the text names dates and nothing else (stopwords aside)
    # Terms that name a date or an attribute: optional when the query has other words
    # (they match and score, but a full match need not have them).
    optional: frozenset = frozenset()
    # {facet: (values, ...)} the query's words name (data/attributes.txt): boosted hits.
    attributes: dict = field(default_factory=dict)
    # A corrected query (search.plan.suggest): the typed form of each real-word typo, its
    # terms in sequence ("ทุ จร ติ"). The corrected word matches through it too, and a hit
    # that has it ranks higher (search.plan.TYPED_BOOST): the correction weighs less.
    typed: tuple = ()

    @property
    def required(self):
        """The words every 'all terms' hit must contain: not the stopwords, nor the optional
        words naming a date or a kind, unless nothing else is left."""
        content = [t for t in self.terms if not t.stopword]
        main = [t for t in content if t.term not in self.optional]
        return main or content or list(self.terms)

    @property
    def optional_words(self):
        """The optional words a hit may match instead of a required one (see `optional`)."""
        content = [t for t in self.terms if not t.stopword]
        main = [t for t in content if t.term not in self.optional]
        return [t for t in content if t.term in self.optional] if main else []

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    @classmethod
    def from_params(cls, params):
        """Build from GET parameters; odd input is corrected with a notice, never an error.

        `params` is a QueryDict (a repeated parameter counts by its last value) or a dict."""
        notices = []
        raw = _param(params, "q")
        limit = settings.SEARCH_MAX_QUERY_CHARS
        if len(raw) > limit:
            notices.append(f"คำค้นยาวเกินไป ระบบใช้เฉพาะ {limit} ตัวอักษรแรก (query truncated to {limit} characters)")
            raw = raw[:limit]
        text = clean(raw).strip()
        filters = {}
        known_values = registry.facet_labels()  # type and status values the source defines
        for name in FACETS:
            value = clean(_param(params, name)).strip()
            if not value:
                continue
            if len(value) > MAX_FILTER_CHARS:
                notices.append(f"ค่าตัวกรองยาวเกินไป จึงไม่กรอง (ignored {name} filter: too long)")
                continue
            if name == "year":
                year = parse_year(value)
                if year is None:
                    notices.append(f"ไม่เข้าใจปี “{value}” จึงไม่กรองตามปี (ignored year filter)")
                    continue
                value = year
            elif name in known_values and value not in known_values[name]:
                # Kept as a filter (nothing matches it), so the answer is an honest "none".
                notices.append(f"ไม่มีค่า “{value}” ในตัวกรองนี้ จึงไม่พบเอกสาร (unknown {name} value)")
            filters[name] = value
        sort = _param(params, "sort").strip() or "relevance"
        if sort not in SORTS:
            notices.append("ไม่รู้จักวิธีเรียงลำดับนี้ จึงเรียงตามความเกี่ยวข้อง (unknown sort, using relevance)")
            sort = "relevance"
        page = parse_page(_param(params, "page"), notices)
        return cls(
            text=text,
            filters=filters,
            sort=sort,
            page=page,
            per_page=settings.SEARCH_RESULTS_PER_PAGE,
            notices=notices,
            **_analysed(text),
        )

    def searching(self, text, typed=()):
        """A copy that searches `text` (a correction of this query's) with these filters,
        sort and page; `text` stays the one typed."""
        return dataclasses.replace(self, typed=tuple(typed), **_analysed(text))


def _analysed(text):
    """The SearchQuery fields that come from analysing a query text."""
    terms, dates, date_words, only_dates = date_terms(text)
    attributes, attribute_words = attribute_terms(terms)
    return {
        "terms": terms,
        "dates": dates,
        "only_dates": only_dates,
        "optional": frozenset(date_words | attribute_words),
        "attributes": attributes,
    }


def date_terms(text):
    """(terms, date ranges, date words, only dates) of a query text: its words as
    analyze_query has them (a record that writes the date matches by them), the dates it
    names (a hit dated within one ranks higher), the terms that are the dates' words, and
    whether it names nothing else (then the hits are the records dated within: search.
    plan.date_only)."""
    terms = analyze_query(text)
    found = find_dates(text)
    if not found:
        return terms, [], set(), False
    rest, last = [], 0
    for _, _, (start, end) in found:
        rest.append(text[last:start])
        last = end
    rest.append(text[last:])
    others = analyze_query(" ".join(rest))
    kept = {t.term for t in others}
    words = {t.term for t in terms if t.term not in kept}
    ranges = list(dict.fromkeys((start, end) for start, end, _ in found))
    return terms, ranges, words, all(t.stopword for t in others)


@cache
def _attribute_phrases():
    """[(content terms in sequence, facet, value)] of data/attributes.txt, longest first."""
    phrases = []
    for line in (DATA_DIR / "attributes.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        facet, value, *words = (cell.strip() for cell in line.split("|"))
        for word in words:
            sequence = tuple(t.term for t in analyze_query(word) if not t.stopword)
            if sequence:
                phrases.append((sequence, facet, value))
    return sorted(phrases, key=lambda phrase: -len(phrase[0]))


def attribute_terms(terms):
    """({facet: (values, ...)}, the terms naming them) for a query's analysed terms: each
    phrase of data/attributes.txt found as a run of the query's content terms."""
    content = [t.term for t in terms if not t.stopword]
    found, words = {}, set()
    for sequence, facet, value in _attribute_phrases():
        n = len(sequence)
        if any(tuple(content[i : i + n]) == sequence for i in range(len(content) - n + 1)):
            found[facet] = tuple(dict.fromkeys((*found.get(facet, ()), value)))
            words.update(sequence)
    return found, words


def _param(params, name):
    """One parameter as text without control characters (they mean nothing in a query and
    some break the backends' parsers)."""
    value = params.get(name, "")
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):  # a plain dict of lists
        value = value[-1] if value else ""
    return _CONTROL_RE.sub(" ", str(value))


def parse_year(value):
    """A B.E. year (int) from "2562", "๒๕๖๒", "2019" (C.E.), "พ.ศ. 2562" or "ค.ศ. 2019"; None
    when it is not a plausible year. Only ASCII or Thai digits count: str.isdigit() also
    accepts "²" or "①", which int() refuses, and an unbounded number overflows SQLite."""
    match = _YEAR_RE.fullmatch(value.translate(_THAI_DIGITS).strip())
    if not match:
        return None
    era, year = match.group(1) or "", int(match.group(2))
    if era.startswith("ค") or (not era and year < MIN_BE_YEAR):  # a C.E. year
        year += BE_OFFSET
    return year if MIN_CE_YEAR + BE_OFFSET <= year <= MAX_BE_YEAR else None


def parse_page(value, notices):
    value = value.translate(_THAI_DIGITS).strip()
    if not value:
        return 1
    if not _PAGE_RE.fullmatch(value):
        notices.append("ไม่เข้าใจหมายเลขหน้า จึงแสดงหน้าแรก (invalid page, showing page 1)")
        return 1
    page = int(value)
    if page > MAX_PAGE:
        notices.append(f"แสดงได้ไม่เกิน {MAX_PAGE} หน้า (page limited to {MAX_PAGE})")
    return max(1, min(page, MAX_PAGE))


@dataclass
class Hit:
    identifier: str
    title: str
    type: str
    url: str
    date: str | None
    snippet: str
    type_label: str = ""
    year: int | None = None
    agency: str = ""
    status: str = ""
    status_label: str = ""
    date_label: str = ""  # as the record page shows it; "" from an index built before it was stored
    date_attr: str = ""  # its HTML datetime value
    score: float = 0.0
    matched_all: bool = True
    # Where the hit was found when the record's own text lacks a query word: an attached
    # file's {"title", "url", "page"} (the snippet is then that page's); None otherwise.
    attachment: dict | None = None
    # The part of the record (a มาตรา, a ข้อ) the words are in: {"anchor", "label"}; the
    # hit links to url#anchor. None when the record has no parts or the words are not in one.
    section: dict | None = None

    @property
    def section_url(self):
        return f"{self.url}#{self.section['anchor']}" if self.section else ""

    def as_api(self):
        return {
            "identifier": self.identifier,
            "title": self.title,
            "type": self.type,
            "type_label": self.type_label,
            "url": self.url,
            "date": self.date,
            "year": self.year,
            "agency": self.agency,
            "status": self.status,
            "status_label": self.status_label,
            "snippet": self.snippet,
            "attachment": dict(self.attachment) if self.attachment else None,
            "section": {**self.section, "url": self.section_url} if self.section else None,
        }


@dataclass
class SearchResults:
    query: SearchQuery
    total: int = 0
    matched_all: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=lambda: {name: {} for name in FACETS})
    suggestion: str | None = None  # the corrected query text when a word was misspelt (search.plan.suggest)

    @property
    def num_pages(self):
        per_page = self.query.per_page
        return max(1, (self.total + per_page - 1) // per_page)
