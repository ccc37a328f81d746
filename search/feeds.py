"""Follow a search in a feed reader: /search/feed/ (RSS 2.0) and /search/feed/atom/ (Atom).

The parameters are those of /search/ and /api/search/ (q, type, year, agency, status, sort)
and go through the same SearchQuery.from_params (truncation, cleaning, notices) and the same
index, so a feed lists the first FEED_SIZE hits the search itself gives, in its order. Two
differences: the sort defaults to newest (a feed reader wants the new records; sort=relevance
and sort=oldest are accepted too), and there is no page parameter (the feed is page one).
Only live, public records are in the index, so only they reach a feed. docs/search-feeds.md.

Escaping follows kb/feeds.py: feed readers treat RSS titles and descriptions as HTML, so
plain text is HTML-escaped once here and XML-escaped by the feed writer. In Atom, titles
(and the subtitle, author and categories) are text constructs: passed as written, escaped
once by the writer. Item descriptions are HTML in both (Atom's <summary type="html">):
the facts line escaped once, then the snippet, which the index already gives as escaped
text with the query words in <mark>.

When the index cannot answer, the feed says 503 with Retry-After (like the API) instead of
an empty feed that a reader would take for "nothing new"."""

import datetime
import logging
import re
from typing import NamedTuple
from urllib.parse import urlencode
from xml.sax.saxutils import escape as html_text  # escapes &, <, >; text needs no more

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from . import registry
from .backends import SearchUnavailable
from .query import SearchQuery, SearchResults
from .views import retry_after, search_corrected

logger = logging.getLogger(__name__)

FEED_SIZE = 30
FEED_SORT = "newest"  # when the request names no sort
DEFAULT_SITE_NAME = "คลังข้อมูลระเบียบและมติ กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"  # as templates/base.html
FILTER_NAMES = {"type": "ประเภทเอกสาร", "year": "ปี พ.ศ.", "agency": "หน่วยงาน", "status": "สถานะทางกฎหมาย"}
SORT_NAMES = {"newest": "ใหม่สุดก่อน", "oldest": "เก่าสุดก่อน", "relevance": "ตามความเกี่ยวข้อง"}
UNAVAILABLE_MESSAGE = "ระบบค้นหาขัดข้องชั่วคราว โปรดลองใหม่ภายหลัง (search is temporarily unavailable)\n"

# Characters XML 1.0 cannot carry (SearchQuery drops the C0 controls, not U+FFFE/U+FFFF):
# left in, the feed would not parse.
_NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text):
    return _NOT_XML_RE.sub("", text or "")


class FeedUnavailable(Exception):
    """The index could not answer this request's search (carries the SearchUnavailable)."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


class FeedScope(NamedTuple):
    """What one request's feed shows (the Feed instance is shared by every request)."""

    query: SearchQuery
    results: SearchResults
    site_name: str
    search_url: str  # absolute: the results page of the same search
    feed_url: str  # absolute: this feed, with its parameters
    items: list  # FeedItem


class FeedItem(NamedTuple):
    hit: object  # search.query.Hit
    url: str  # absolute


def feed_params(params):
    """The request's parameters as the feed searches with them: no page, newest first
    unless a sort is given (an unknown one is then treated as the search treats it)."""
    params = params.copy()
    params.pop("page", None)
    if not str(params.get("sort") or "").strip():
        params["sort"] = FEED_SORT
    return params


def feed_search(params):
    """(query, results, error) as views.run_search, for the first FEED_SIZE hits."""
    query = SearchQuery.from_params(feed_params(params))
    query.per_page = FEED_SIZE
    try:
        return query, search_corrected(query), None
    except SearchUnavailable as exc:
        logger.warning("search index unavailable (feed): %s", exc)
        return query, None, exc


def search_querystring(query, sort=True):
    """The query string of the same search (q and the filters as understood, the sort)."""
    pairs = [("q", query.text), *((name, str(value)) for name, value in query.filters.items())]
    if sort:
        pairs.append(("sort", query.sort))
    return urlencode(pairs)


def describe_filters(query):
    """The filters in Thai: "ประเภทเอกสาร: มติคณะรัฐมนตรี · ปี พ.ศ. 2562"."""
    labels = registry.facet_labels()
    parts = []
    for name, value in query.filters.items():
        label = labels.get(name, {}).get(str(value), str(value))
        parts.append(f"{FILTER_NAMES.get(name, name)} {label}" if name == "year" else f"{FILTER_NAMES[name]}: {label}")
    return " · ".join(parts)


def unavailable_response(error):
    response = HttpResponse(UNAVAILABLE_MESSAGE, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after(error))
    return response


class SearchRSSFeed(Feed):
    """RSS 2.0: titles and the channel description are HTML (see the module docstring)."""

    language = "th"
    titles_are_html = True

    def __call__(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        try:
            response = super().__call__(request, *args, **kwargs)
        except FeedUnavailable as exc:
            return unavailable_response(exc.error)
        # Syndication sets it from the newest item date, i.e. the records' own dates: a
        # record added today with an older date would not change it, so a conditional GET
        # could answer "not modified" and the reader miss the new item.
        if "Last-Modified" in response:
            del response["Last-Modified"]
        return response

    def text(self, value):
        """Plain text as this feed type carries it in titles."""
        value = xml_safe(value)
        return html_text(value) if self.titles_are_html else value

    # ------------------------------------------------------------------ the channel
    def get_object(self, request, *args, **kwargs):
        query, results, error = feed_search(request.GET)
        if error is not None:
            raise FeedUnavailable(error)
        site = Site.find_for_request(request)
        return FeedScope(
            query=query,
            results=results,
            site_name=(site.site_name if site else "") or DEFAULT_SITE_NAME,
            search_url=request.build_absolute_uri(
                f"{reverse('search')}?{search_querystring(query)}" if query.text else reverse("search")
            ),
            feed_url=request.build_absolute_uri(f"{request.path}?{search_querystring(query)}"),
            items=[FeedItem(hit, request.build_absolute_uri(hit.url)) for hit in results.hits[:FEED_SIZE]],
        )

    def title(self, scope):
        if not scope.query.text:
            return self.text(f"ค้นหาเอกสาร (ยังไม่ได้ระบุคำค้น) | {scope.site_name}")
        return self.text(f"ผลการค้นหา “{scope.query.text}” | {scope.site_name}")

    def link(self, scope):
        return scope.search_url

    def feed_url(self, scope):
        return scope.feed_url

    def description(self, scope):
        return self.text(self.description_text(scope))

    def description_text(self, scope):
        query, results = scope.query, scope.results
        if not query.text:
            lines = ["ระบุคำค้นในพารามิเตอร์ q เพื่อติดตามผลการค้นหา เช่น /search/feed/?q=มติคณะรัฐมนตรี"]
        else:
            lines = [f"เอกสารที่ตรงกับ “{query.text}”"]
            if results.suggestion:  # a misspelt word was corrected (search.plan.suggest)
                lines.append(f"ค้นหาเป็น “{results.suggestion}” (searched as corrected)")
            if query.filters:
                lines.append(f"ตัวกรอง: {describe_filters(query)}")
            shown = min(results.total, FEED_SIZE)
            lines.append(f"เรียง{SORT_NAMES[query.sort]} แสดง {shown} รายการแรกจากทั้งหมด {results.total} รายการ")
        lines.extend(query.notices)
        lines.append(f"จาก{scope.site_name}")
        return " — ".join(lines)

    def items(self, scope):
        return scope.items

    # ------------------------------------------------------------------ one hit
    def item_title(self, item):
        return self.text(item.hit.title)

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.url

    item_guid_is_permalink = True

    def item_description(self, item):
        """HTML: the facts line, where the words were found, and the snippet with <mark>."""
        hit = item.hit
        facts = " · ".join(filter(None, [hit.type_label, hit.status_label, hit.date_label or hit.date, hit.agency]))
        parts = [html_text(xml_safe(facts))] if facts else []
        if hit.section:
            parts.append("พบใน " + html_text(xml_safe(hit.section.get("label") or "")))
        if hit.attachment:
            where = hit.attachment.get("title") or "ไฟล์แนบ"
            page = f" หน้า {hit.attachment['page']}" if hit.attachment.get("page") else ""
            parts.append("พบในไฟล์แนบ: " + html_text(xml_safe(f"{where}{page}")))
        if hit.snippet:
            parts.append(xml_safe(hit.snippet))  # already HTML: escaped text and <mark>
        return "<br>".join(parts)

    def item_pubdate(self, item):
        """The record's date (ISO, C.E.; a year-only record is indexed under 1 January) at
        midnight, Thai time; None (no pubDate) without a date."""
        try:
            day = datetime.date.fromisoformat((item.hit.date or "")[:10])
        except ValueError:
            return None
        return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_default_timezone())

    def item_categories(self, item):
        # Category names are text in both formats (feedparser reads them as written).
        return [xml_safe(label) for label in (item.hit.type_label, item.hit.status_label) if label]


class SearchAtomFeed(SearchRSSFeed):
    """Atom 1.0: titles, subtitle and author are text; summaries are HTML."""

    feed_type = Atom1Feed
    titles_are_html = False

    def subtitle(self, scope):
        return self.text(self.description_text(scope))

    def author_name(self, scope):
        return xml_safe(scope.site_name)  # Atom wants an author for the feed or each entry

    def item_updateddate(self, item):
        return self.item_pubdate(item)  # Atom wants <updated> in every entry
