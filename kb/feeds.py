"""RSS feeds of newly published records, so staff and the public can follow new cabinet
resolutions and regulations in a feed reader: /feeds/ (every kind) and /feeds/<kind>/
(e.g. /feeds/cabinet_resolution/). Only live, public, unexpired pages, as in search.

Feed readers (and feedparser) treat RSS titles and descriptions as HTML, so plain text is
HTML-escaped here once and then XML-escaped by the feed writer: "R&amp;D <b>" reads back as
written instead of as markup or a decoded entity."""

from typing import NamedTuple
from xml.sax.saxutils import escape as html_text  # escapes &, <, >; text needs no more

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404
from wagtail.models import Site

from .labels import STATUS_LABELS, TYPE_LABELS
from .models import INDEX_MODELS, RECORD_MODELS, published_records, visible_to_public
from .thai.text import truncate_thai

FEED_SIZE = 30
DEFAULT_SITE_NAME = "คลังข้อมูลระเบียบและมติ กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"


class FeedScope(NamedTuple):
    """What one request's feed covers (the Feed instance is shared by every request)."""

    kind: str | None  # a RECORD_MODELS key, None for every kind
    site_name: str


def feed_records(kind=None):
    """The newest published records of one kind (or of all kinds), newest publication first."""
    return (
        published_records(RECORD_MODELS[kind] if kind else None)
        .order_by("-first_published_at", F("sort_date").desc(nulls_last=True))
        .specific()[:FEED_SIZE]
    )


class RecordsFeed(Feed):
    language = "th"

    def get_object(self, request, kind=None):
        if kind is not None and kind not in RECORD_MODELS:
            raise Http404(f"ไม่มีประเภทเอกสาร {kind} (unknown record kind)")
        site = Site.find_for_request(request)
        return FeedScope(kind, (site.site_name if site else "") or DEFAULT_SITE_NAME)

    def title(self, scope):
        return html_text(f"{TYPE_LABELS[scope.kind] if scope.kind else 'เอกสาร'}ล่าสุด | {scope.site_name}")

    def link(self, scope):
        """The index page that lists this kind (the home page for every kind)."""
        index_model = INDEX_MODELS.get(scope.kind)
        index = visible_to_public(index_model.objects.all()).first() if index_model else None
        return index.get_url() if index else "/"

    def description(self, scope):
        what = TYPE_LABELS[scope.kind] if scope.kind else "ระเบียบ มติคณะรัฐมนตรี บันทึกความเข้าใจ และเอกสารอื่น"
        return html_text(f"{what} ที่เผยแพร่ล่าสุด {FEED_SIZE} รายการ จาก{scope.site_name}")

    def items(self, scope):
        return feed_records(scope.kind)

    def item_title(self, item):
        return html_text(item.title)

    def item_description(self, item):
        # the legal status as the page shows it ("ยกเลิกแล้ว โดย … มีผลตั้งแต่ …")
        facts = " · ".join(filter(None, [item.type_label, item.get_status_label(), item.date_label(), item.agency]))
        text = item.summary or truncate_thai(item.body_text(), 400)
        return f"{html_text(facts)}<br>{html_text(text)}" if text else html_text(facts)

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        status = STATUS_LABELS.get(item.get_status(), "")
        return [item.type_label, *filter(None, [status]), *(tag.name for tag in item.subjects.all())]
