"""RSS feeds of newly published records: contents, one kind per feed, nothing private."""

import datetime
from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser
import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from kb.models import RecordPage
from tests.builders import make_record

pytestmark = pytest.mark.django_db


def feed(client, path="/feeds/"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ElementTree.fromstring(response.content).find("channel")


def links(channel):
    return {item.findtext("link") for item in channel.iter("item")}


def test_feed_of_every_kind_in_thai(client):
    channel = feed(client)
    assert channel.findtext("language") == "th"
    assert channel.findtext("title").startswith("เอกสารล่าสุด")
    items = list(channel.iter("item"))
    assert 0 < len(items) <= 30
    resolution = RecordPage.objects.get(identifier="cr-2567-07-09-adgmin4").specific
    item = next(i for i in items if i.findtext("link").endswith(resolution.url))
    assert item.findtext("title") == resolution.title
    assert "9 กรกฎาคม 2567" in item.findtext("description")  # Thai date, B.E.
    assert item.findtext("pubDate")
    assert "มติคณะรัฐมนตรี" in [c.text for c in item.iter("category")]


def test_feed_of_one_kind_lists_only_that_kind(client):
    channel = feed(client, "/feeds/cabinet_resolution/")
    assert channel.findtext("title").startswith("มติคณะรัฐมนตรีล่าสุด")
    assert channel.findtext("link").endswith("/cabinet-resolutions/")
    urls = {page.url for page in RecordPage.objects.live().specific() if page.record_type == "cabinet_resolution"}
    assert {link.removeprefix("http://testserver") for link in links(channel)} == urls


def test_unknown_kind_is_not_found(client):
    assert client.get("/feeds/no-such-kind/").status_code == 404


def test_index_pages_link_their_feed(client):
    html = client.get("/cabinet-resolutions/").content.decode()
    assert 'href="/feeds/cabinet_resolution/"' in html
    assert 'type="application/rss+xml"' in html


def test_nothing_private_reaches_the_feed(client):
    draft = make_record(identifier="feed-draft", title="ข่าวฉบับร่างไม่ควรเผยแพร่", publish=False)
    private = make_record(identifier="feed-private", title="ข่าวเฉพาะเจ้าหน้าที่")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    expired = make_record(identifier="feed-expired", title="ข่าวหมดอายุแล้ว")
    expired.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expired.save_revision().publish()
    call_command("publish_scheduled", verbosity=0)
    unpublished = make_record(identifier="feed-unpublished", title="ข่าวที่ถอนการเผยแพร่")
    unpublished.unpublish()
    shown = make_record(identifier="feed-shown", title="ข่าวเผยแพร่ตามปกติ")

    for path in ("/feeds/", "/feeds/news/"):
        titles = {item.findtext("title") for item in feed(client, path).iter("item")}
        assert shown.title in titles
        assert not titles & {draft.title, private.title, expired.title, unpublished.title}


class _Text(HTMLParser):
    """What a feed reader shows for an HTML value: its text, <br> as a line break."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def shown(detail, value):
    if detail.type != "text/html":
        return value
    parser = _Text()
    parser.feed(value)
    parser.close()
    return "".join(parser.parts)


TRICKY = [
    "ประกาศ \"ดศ.\" & <b>ตัวหนา</b> 'คำสั่ง'",  # markup-like text must not turn into markup
    "ข้อตกลง R&amp;D กับ AT&T",  # an entity written as text must not be decoded
    "5 < 7 > 3 & <script>alert(1)</script>",
]


@pytest.mark.parametrize("title", TRICKY)
def test_feed_readers_read_titles_and_descriptions_back_exactly(client, title):
    page = make_record(identifier="feed-tricky", title=title, body=f"เนื้อหา {title}", subjects=["วิจัย & <พัฒนา>"])
    parsed = feedparser.parse(client.get("/feeds/news/").content)
    assert not parsed.bozo
    entry = next(e for e in parsed.entries if e.link.endswith(page.url))
    assert shown(entry.title_detail, entry.title) == title
    assert shown(entry.summary_detail, entry.summary).split("\n")[1] == f"เนื้อหา {title}"
    assert {tag.term for tag in entry.tags} >= {"ข่าว", "วิจัย & <พัฒนา>"}


def test_feed_channel_title_reads_back_with_a_site_name_that_needs_escaping(client):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "ดศ. & <สำนักงาน>"
    site.save()
    parsed = feedparser.parse(client.get("/feeds/").content)
    assert shown(parsed.feed.title_detail, parsed.feed.title) == "เอกสารล่าสุด | ดศ. & <สำนักงาน>"
