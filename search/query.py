"""The query description shared by every index backend, so they rank and filter alike.

A request's parameters become a SearchQuery: analysed terms, filters, sort and page.
Backends turn it into their own syntax (FTS5 MATCH, Elasticsearch bool queries) with the
same semantics:
- a hit must match at least one query word (a word matches through its canonical term,
  its alternatives, or its compound parts in sequence);
- documents that match every non-stopword come first ("all terms first"), so a long
  query never comes back empty for one stray word;
- relevance is BM25 with FIELD_WEIGHTS, boosted when the words appear as a phrase;
- facets count the same set the results are drawn from, each facet ignoring its own filter.
"""
from dataclasses import dataclass, field

from django.conf import settings

from .analysis import analyze_query, clean

# Field weights (identifier/number, title, metadata, body, and the expansion columns
# holding compound parts and synonyms, which count less than the words as written).
FIELD_WEIGHTS = {"identifier": 10.0, "title": 6.0, "meta": 3.0, "body": 1.0, "title_x": 3.0, "body_x": 0.5}
PHRASE_BOOST = 0.5  # relative bonus when the query's words appear together in title or body
FACETS = ("type", "year", "agency", "status")
SORTS = ("relevance", "newest", "oldest")

TYPE_LABELS = {
    "regulation": "กฎหมายและระเบียบ",
    "ethics_code": "ประมวลจริยธรรม",
    "mou": "บันทึกความเข้าใจ",
    "cabinet_resolution": "มติคณะรัฐมนตรี",
    "news": "ข่าว",
    "report": "รายงาน",
    "project": "โครงการ",
    "page": "หน้าเนื้อหา",
}
STATUS_LABELS = {"in_force": "มีผลใช้บังคับ", "amended": "มีการแก้ไขเพิ่มเติม", "repealed": "ยกเลิกแล้ว"}


@dataclass
class SearchQuery:
    text: str = ""
    terms: list = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    notices: list = field(default_factory=list)

    @property
    def required(self):
        """The words every 'all terms' hit must contain (stopwords only when nothing else)."""
        content = [t for t in self.terms if not t.stopword]
        return content or list(self.terms)

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    @classmethod
    def from_params(cls, params):
        """Build from GET parameters; odd input is corrected with a notice, never an error."""
        notices = []
        raw = params.get("q", "") or ""
        limit = settings.SEARCH_MAX_QUERY_CHARS
        if len(raw) > limit:
            notices.append(f"คำค้นยาวเกินไป ระบบใช้เฉพาะ {limit} ตัวอักษรแรก (query truncated to {limit} characters)")
            raw = raw[:limit]
        text = clean(raw).strip()
        filters = {}
        for name in FACETS:
            value = clean(params.get(name, "") or "").strip()[:200]
            if not value:
                continue
            if name == "year":
                if not value.isdigit():
                    notices.append(f"ไม่เข้าใจปี “{value}” จึงไม่กรองตามปี (ignored year filter)")
                    continue
                value = int(value)
                if value < 2400:  # a C.E. year typed into the B.E. filter
                    value += 543
            filters[name] = value
        sort = params.get("sort", "relevance")
        if sort not in SORTS:
            sort = "relevance"
        try:
            page = max(1, min(int(params.get("page", 1)), 1000))
        except (TypeError, ValueError):
            page = 1
        return cls(text=text, terms=analyze_query(text), filters=filters, sort=sort, page=page,
                   per_page=settings.SEARCH_RESULTS_PER_PAGE, notices=notices)


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
    score: float = 0.0
    matched_all: bool = True

    def as_api(self):
        return {
            "identifier": self.identifier, "title": self.title, "type": self.type, "type_label": self.type_label,
            "url": self.url, "date": self.date, "year": self.year, "agency": self.agency,
            "status": self.status, "snippet": self.snippet,
        }


@dataclass
class SearchResults:
    query: SearchQuery
    total: int = 0
    matched_all: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=lambda: {name: {} for name in FACETS})

    @property
    def num_pages(self):
        per_page = self.query.per_page
        return max(1, (self.total + per_page - 1) // per_page)
