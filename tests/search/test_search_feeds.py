"""Following a search: /search/feed/ (RSS), /search/feed/atom/ (Atom) and /opensearch.xml."""

import datetime
import html
import re
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import feedparser
import pytest
from wagtail.models import PageViewRestriction

from kb.importers import import_records
from search.feeds import FEED_SIZE
from tests.builders import make_record, record_line

pytestmark = pytest.mark.django_db

RSS, ATOM = "/search/feed/", "/search/feed/atom/"
A = "{http://www.w3.org/2005/Atom}"
OS = "{http://a9.com/-/spec/opensearch/1.1/}"
HOST = "http://testserver"
WORD = "ฟีดค้นหาทดสอบ"  # in no demo record


def get_feed(client, path, expect=200, **params):
    response = client.get(path, params)
    assert response.status_code == expect, response.content[:500]
    if expect == 200:
        kind = "application/rss+xml" if path == RSS else "application/atom+xml"
        assert response["Content-Type"].startswith(kind)
    return response


def rss_channel(client, **params):
    return ElementTree.fromstring(get_feed(client, RSS, **params).content).find("channel")


def atom_feed(client, **params):
    return ElementTree.fromstring(get_feed(client, ATOM, **params).content)


def rss_links(channel):
    return [item.findtext("link") for item in channel.iter("item")]


def atom_links(feed):
    return [entry.find(f"{A}link[@rel='alternate']").get("href") for entry in feed.iter(f"{A}entry")]


def api_results(client, pages=FEED_SIZE // 10, **params):
    """The API's hits of the first `pages` pages (10 a page), in order."""
    results = []
    for page in range(1, pages + 1):
        data = client.get("/api/search/", {**params, "page": page}).json()
        assert data["per_page"] == 10
        results += data["results"]
    return results


# ---------------------------------------------------------------------- the same results as the search
@pytest.mark.parametrize(
    "params",
    [
        {"q": "ประชุม"},  # feed default: newest first
        {"q": "ประชุม", "sort": "relevance"},
        {"q": "ดิจิทัล", "sort": "oldest"},
        {"q": "ดิจิทัล"},  # more hits than one API page
        {"q": "ประชุม", "type": "news", "year": "2562"},
        {"q": "ดิจิทัล", "type": "cabinet_resolution", "agency": "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"},
        {"q": "ระเบียบ", "status": "in_force"},
    ],
    ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()),
)
def test_feeds_list_the_searchs_hits_in_its_order(client, params):
    api = api_results(client, **{"sort": "newest", **params})
    assert api, "the query should find something in the demo corpus"
    expected = [HOST + hit["url"] for hit in api][:FEED_SIZE]
    assert rss_links(rss_channel(client, **params)) == expected
    assert atom_links(atom_feed(client, **params)) == expected


def test_many_hits_fill_the_feed_to_its_size(client, on_commit):
    lines = [
        record_line(identifier=f"feed-many-{n}", title=f"{WORD} ฉบับที่ {n}", date=f"2020-01-{n % 28 + 1:02d}")
        for n in range(FEED_SIZE + 5)
    ]
    on_commit(import_records, lines, publish=True)
    api = api_results(client, pages=4, q=WORD, sort="newest")
    assert len(api) == FEED_SIZE + 5
    assert rss_links(rss_channel(client, q=WORD)) == [HOST + hit["url"] for hit in api[:FEED_SIZE]]


def test_a_filter_combination(client):
    params = {"q": "ประชุม", "type": "news", "year": "พ.ศ. ๒๕๖๒"}
    channel = rss_channel(client, **params)
    api = client.get("/api/search/", {**params, "sort": "newest"}).json()
    assert api["filters"] == {"type": "news", "year": 2562} and api["results"]
    assert rss_links(channel) == [HOST + hit["url"] for hit in api["results"]]
    assert all("ข่าว" in [c.text for c in item.iter("category")] for item in channel.iter("item"))
    description = channel.findtext("description")
    assert "ประเภทเอกสาร: ข่าว" in description and "ปี พ.ศ. 2562" in description
    link = channel.findtext("link")  # the results page of the same search, absolute
    assert link.startswith(f"{HOST}/search/?") and "type=news" in link and "year=2562" in link


def test_channel_and_items(client):
    params = {"q": "ประชุม"}
    channel = rss_channel(client, **params)
    assert channel.findtext("language") == "th"
    assert html.unescape(channel.findtext("title")).startswith("ผลการค้นหา “ประชุม” | ")
    api = {HOST + hit["url"]: hit for hit in api_results(client, sort="newest", **params)}
    items = list(channel.iter("item"))
    assert 0 < len(items) <= FEED_SIZE
    for item in items:
        hit = api[item.findtext("link")]
        assert item.findtext("guid") == item.findtext("link")
        assert html.unescape(item.findtext("title")) == hit["title"]
        assert [c.text for c in item.iter("category")] == [x for x in (hit["type_label"], hit["status_label"]) if x]
        assert hit["snippet"] in item.findtext("description")  # the snippet as the search gives it, <mark> kept
        assert "<mark>" in item.findtext("description")
        if hit["date"]:
            published = parsedate_to_datetime(item.findtext("pubDate"))
            assert published.date() == datetime.date.fromisoformat(hit["date"])
            assert published.utcoffset() == datetime.timedelta(hours=7)  # midnight, Thai time
        else:
            assert item.find("pubDate") is None


def test_a_year_only_record_is_dated_1_january_and_an_undated_one_has_no_date(client, on_commit):
    on_commit(make_record, identifier="feed-year-only", type="regulation", title=f"ระเบียบ {WORD}", year_be=2566)
    on_commit(make_record, identifier="feed-undated", type="page", title=f"หน้า {WORD}", section="ethics")
    dates = {hit["identifier"]: hit["date"] for hit in api_results(client, pages=1, q=WORD)}
    items = {item.findtext("title"): item for item in rss_channel(client, q=WORD).iter("item")}
    year_only = items[f"ระเบียบ {WORD}"]
    assert dates["feed-year-only"] == "2023-01-01"
    assert parsedate_to_datetime(year_only.findtext("pubDate")).date() == datetime.date(2023, 1, 1)
    assert dates["feed-undated"] is None
    assert items[f"หน้า {WORD}"].find("pubDate") is None
    entries = {e.findtext(f"{A}title"): e for e in atom_feed(client, q=WORD).iter(f"{A}entry")}
    assert entries[f"ระเบียบ {WORD}"].findtext(f"{A}published").startswith("2023-01-01T00:00:00+07:00")


# ---------------------------------------------------------------------- escaping
TRICKY = [
    "ประกาศ \"ดศ.\" & <b>ตัวหนา</b> 'คำสั่ง'",
    "ข้อตกลง R&amp;D กับ AT&T",  # an entity written as text must not be decoded
    "5 < 7 > 3 & <script>alert(1)</script>",
]


@pytest.mark.parametrize("title", TRICKY)
def test_titles_and_queries_read_back_as_written(client, on_commit, title):
    on_commit(make_record, identifier="feed-tricky", title=f"{WORD} {title}", body=f"เนื้อหา {WORD} {title}")
    query = f"{WORD} {title}"
    # RSS: titles are HTML, so after the XML parse one HTML unescape gives the text back.
    channel = rss_channel(client, q=query)
    assert html.unescape(channel.findtext("title")).startswith(f"ผลการค้นหา “{query}” | ")
    item = next(channel.iter("item"))
    assert html.unescape(item.findtext("title")) == f"{WORD} {title}"
    description = item.findtext("description")  # HTML: <mark> and <br> are the only tags
    assert set(re.findall(r"</?([a-z]+)", description)) <= {"mark", "br"}
    assert f"{WORD} {title}" in html.unescape(re.sub(r"</?mark>", "", description))
    # Atom: titles are text (read as written after the XML parse), summaries HTML.
    feed = atom_feed(client, q=query)
    assert feed.findtext(f"{A}title").startswith(f"ผลการค้นหา “{query}” | ")
    entry = next(feed.iter(f"{A}entry"))
    assert entry.findtext(f"{A}title") == f"{WORD} {title}"
    assert entry.find(f"{A}summary").get("type") == "html"
    assert entry.findtext(f"{A}summary") == description
    # What a feed reader makes of both.
    for path in (RSS, ATOM):
        parsed = feedparser.parse(get_feed(client, path, q=query).content)
        assert not parsed.bozo, parsed.bozo_exception
        entry = parsed.entries[0]
        assert _shown(entry.title_detail, entry.title) == f"{WORD} {title}"
        assert parsed.feed.title.startswith("ผลการค้นหา") and query in _shown(
            parsed.feed.title_detail, parsed.feed.title
        )


def _shown(detail, value):
    """The text a reader shows: HTML values unescaped once, text as it is."""
    return html.unescape(re.sub(r"<[^>]+>", "", value)) if detail.type == "text/html" else value


# ---------------------------------------------------------------------- odd input never a 500
@pytest.mark.parametrize(
    "params",
    [
        {"q": "ประชุม" * 400},  # over SEARCH_MAX_QUERY_CHARS
        {"q": "ดิจิทัล\x00\x1b\x7f", "agency": "\x07"},
        {"q": "ดิจิทัล\ufffe\uffff"},  # not XML characters
        {"q": "ดิจิทัล", "year": "9" * 5000, "page": "x", "sort": "drop table"},
        {"q": "ดิจิทัล", "type": "no-such-kind", "status": "😀"},
        {"q": "\"'<>&;{}()[]*?:!^~|\\/"},
        {"q": "ครม.", "sort": ""},
        {"q": ""},
        {},
    ],
    ids=lambda p: repr(p)[:30],
)
def test_odd_parameters_answer_a_valid_feed(client, params):
    for path in (RSS, ATOM):
        parsed = feedparser.parse(get_feed(client, path, **params).content)
        assert not parsed.bozo, parsed.bozo_exception


def test_notices_are_in_the_description(client):
    channel = rss_channel(client, q="ดิจิทัล", type="no-such-kind", year="abc")
    description = html.unescape(channel.findtext("description"))
    assert "unknown type value" in description and "ignored year filter" in description
    assert not list(channel.iter("item"))  # an unknown value filters honestly: nothing
    long = rss_channel(client, q="ประชุม" * 400)
    assert "query truncated" in long.findtext("description")


def test_a_misspelt_feed_follows_the_corrected_search(client):
    """A feed subscribed with a typo lists what the search page shows for it: the
    corrected query's hits, and says what it searched."""
    api = api_results(client, q="ออสเตเลีย", sort="newest")
    assert api and api[0]["identifier"].startswith("mou-au")
    channel = rss_channel(client, q="ออสเตเลีย")
    assert rss_links(channel) == [HOST + hit["url"] for hit in api][:FEED_SIZE]
    assert "ค้นหาเป็น “ออสเตรเลีย”" in html.unescape(channel.findtext("description"))


def test_an_empty_query_is_an_empty_feed_with_a_clear_title(client):
    channel = rss_channel(client, q="  ")
    assert "ยังไม่ได้ระบุคำค้น" in channel.findtext("title")
    assert not list(channel.iter("item"))
    assert channel.findtext("link") == f"{HOST}/search/"
    assert client.get("/api/search/", {"q": ""}).json()["results"] == []  # as the search does


def test_only_get_and_head(client):
    assert client.head(RSS, {"q": "ครม."}).status_code == 200
    assert client.post(RSS, {"q": "ครม."}).status_code == 405


# ---------------------------------------------------------------------- only public, and a down index
def test_a_restricted_page_leaves_the_feeds(client, on_commit):
    page = on_commit(make_record, identifier="feed-restricted", title=f"{WORD} ลับ", body=WORD)
    url = HOST + page.url
    assert url in rss_links(rss_channel(client, q=WORD))
    on_commit(PageViewRestriction.objects.create, page=page, restriction_type=PageViewRestriction.LOGIN)
    assert url not in rss_links(rss_channel(client, q=WORD))
    assert url not in atom_links(atom_feed(client, q=WORD))


def test_an_unpublished_page_leaves_the_feeds(client, on_commit):
    page = on_commit(make_record, identifier="feed-unpublished", title=f"{WORD} ถอน", body=WORD)
    assert HOST + page.url in rss_links(rss_channel(client, q=WORD))
    on_commit(page.unpublish)
    assert HOST + page.url not in rss_links(rss_channel(client, q=WORD))


@pytest.mark.parametrize("path", [RSS, ATOM])
def test_a_down_index_answers_503_with_retry_after(client, isolated_index, path):
    isolated_index.write_bytes(b"this is not a database" * 100)
    response = get_feed(client, path, expect=503, q="ครม.")
    assert int(response["Retry-After"]) > 0
    assert "ระบบค้นหาขัดข้อง" in response.content.decode()
    assert not response["Content-Type"].startswith(("application/rss", "application/atom"))


def test_no_last_modified_from_record_dates(client):
    assert "Last-Modified" not in get_feed(client, RSS, q="ประชุม")


# ---------------------------------------------------------------------- the results page links its feeds
def test_results_page_links_the_feeds_with_the_query_encoded(client):
    content = client.get("/search/", {"q": "R&D <x> ครม.", "type": "news", "year": "2562", "page": "2"}).content
    page = content.decode()
    query = "q=R%26D%20%3Cx%3E%20%E0%B8%84%E0%B8%A3%E0%B8%A1.&amp;type=news&amp;year=2562"
    assert "ติดตามผลการค้นหานี้" in page
    assert f'href="/search/feed/?{query}"' in page and f'href="/search/feed/atom/?{query}"' in page
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="ผลการค้นหา “R&amp;D &lt;x&gt; ครม.” (RSS)" href="/search/feed/?{query}">'
        in page
    )
    assert (
        f'type="application/atom+xml" title="ผลการค้นหา “R&amp;D &lt;x&gt; ครม.” (Atom)" href="/search/feed/atom/?{query}">'
        in page
    )


def test_the_linked_feed_is_the_same_search(client):
    page = client.get("/search/", {"q": "ประชุม", "type": "news"}).content.decode()
    href = html.unescape(re.search(r'href="(/search/feed/\?[^"]+)"', page).group(1))
    channel = ElementTree.fromstring(client.get(href).content).find("channel")
    api = api_results(client, q="ประชุม", type="news", sort="newest")
    assert len(api) > 10 and rss_links(channel) == [HOST + hit["url"] for hit in api]


def test_no_follow_links_without_a_query(client):
    page = client.get("/search/").content.decode()
    assert "ติดตามผลการค้นหานี้" not in page and "/search/feed/" not in page


# ---------------------------------------------------------------------- OpenSearch
def test_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{OS}OpenSearchDescription"
    assert 0 < len(root.findtext(f"{OS}ShortName")) <= 16
    assert root.findtext(f"{OS}Description")
    assert root.findtext(f"{OS}InputEncoding") == "UTF-8"
    assert root.findtext(f"{OS}Language") == "th"
    urls = {(url.get("type"), url.get("rel", "results")): url.get("template") for url in root.iter(f"{OS}Url")}
    assert urls[("text/html", "results")] == f"{HOST}/search/?q={{searchTerms}}"
    assert urls[("application/rss+xml", "results")] == f"{HOST}/search/feed/?q={{searchTerms}}"
    assert urls[("application/atom+xml", "results")] == f"{HOST}/search/feed/atom/?q={{searchTerms}}"
    assert urls[("application/json", "results")] == f"{HOST}/api/search/?q={{searchTerms}}"
    assert urls[("application/opensearchdescription+xml", "self")] == f"{HOST}/opensearch.xml"
    for (_type, rel), template in urls.items():
        assert template.startswith(f"{HOST}/") and (rel == "self" or "{searchTerms}" in template)


def test_opensearch_templates_follow_the_requests_scheme_and_host(client, settings):
    settings.ALLOWED_HOSTS = ["kb.example.go.th"]
    response = client.get("/opensearch.xml", secure=True, headers={"host": "kb.example.go.th"})
    root = ElementTree.fromstring(response.content)
    assert {url.get("template").split("/")[2] for url in root.iter(f"{OS}Url")} == {"kb.example.go.th"}
    assert all(url.get("template").startswith("https://") for url in root.iter(f"{OS}Url"))


def test_opensearch_templates_work(client):
    root = ElementTree.fromstring(client.get("/opensearch.xml").content)
    for url in root.iter(f"{OS}Url"):
        if url.get("rel") != "self":
            response = client.get(url.get("template").removeprefix(HOST).replace("{searchTerms}", "ครม."))
            assert response.status_code == 200 and response["Content-Type"].startswith(url.get("type"))


def test_every_page_points_browsers_at_the_opensearch_description(client):
    page = client.get("/").content.decode()
    assert re.search(
        r'<link rel="search" type="application/opensearchdescription\+xml" title="[^"]+" href="/opensearch.xml">', page
    )
    assert client.head("/opensearch.xml").status_code == 200
    assert client.post("/opensearch.xml").status_code == 405
