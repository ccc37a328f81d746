"""RSS feeds of newly published records, so staff and the public can follow new cabinet
resolutions and regulations in a feed reader: /feeds/ (every kind) and /feeds/<kind>/
(e.g. /feeds/cabinet_resolution/). Only live, public, unexpired pages, as in search."""
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404
from wagtail.models import Site

from search.query import TYPE_LABELS

from .models import RECORD_MODELS, RecordIndexPage, RecordPage
from .thai_text import truncate_thai

FEED_SIZE = 30
DEFAULT_SITE_NAME = "คลังข้อมูลระเบียบและมติ กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"


def feed_records(kind=None):
    """The newest published records of one kind (or of all kinds), newest publication first."""
    model = RECORD_MODELS[kind] if kind else RecordPage
    return (model.objects.live().public().filter(expired=False)
            .order_by("-first_published_at", F("sort_date").desc(nulls_last=True)).specific()[:FEED_SIZE])


class RecordsFeed(Feed):
    language = "th"

    def get_object(self, request, kind=None):
        if kind is not None and kind not in RECORD_MODELS:
            raise Http404(f"ไม่มีประเภทเอกสาร {kind} (unknown record kind)")
        site = Site.find_for_request(request)
        self.site_name = (site.site_name if site else "") or DEFAULT_SITE_NAME
        return kind

    def title(self, kind):
        return f"{TYPE_LABELS[kind] if kind else 'เอกสาร'}ล่าสุด | {self.site_name}"

    def link(self, kind):
        """The index page that lists this kind (the home page for every kind)."""
        for index_model in RecordIndexPage.__subclasses__():
            if kind and index_model.record_model.record_type == kind:
                index = index_model.objects.live().public().first()
                if index:
                    return index.get_url()
        return "/"

    def description(self, kind):
        what = TYPE_LABELS[kind] if kind else "ระเบียบ มติคณะรัฐมนตรี บันทึกความเข้าใจ และเอกสารอื่น"
        return f"{what} ที่เผยแพร่ล่าสุด {FEED_SIZE} รายการ จาก{self.site_name}"

    def items(self, kind):
        return feed_records(kind)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        facts = " · ".join(filter(None, [item.type_label, item.date_label(), item.agency]))
        text = item.summary or truncate_thai(item.body_text(), 400)
        return f"{facts}\n{text}" if text else facts

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.type_label, *(tag.name for tag in item.subjects.all())]
