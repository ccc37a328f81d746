"""The JSON API and search page contract, the same on every backend: shape, facets,
filters, sorting, pages, tiers, snippets and hostile input."""

import pytest

pytestmark = pytest.mark.django_db


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_contract_shape(client, backend):
    data = api(client, q="ครม. รับทราบ")
    assert set(data) >= {"total", "results", "facets"}
    assert data["total"] >= 1
    first = data["results"][0]
    assert set(first) >= {"identifier", "title", "type", "url", "date", "snippet"}
    assert first["identifier"] == "cr-2567-07-09-adgmin4"
    assert first["date"] == "2024-07-09" and first["type"] == "cabinet_resolution"
    assert "<mark>" in first["snippet"]
    assert set(data["facets"]) == {"type", "year", "agency", "status"}


def test_facet_counts_equal_the_filtered_totals(client, backend):
    data = api(client, q="ดิจิทัล")
    assert sum(data["facets"]["type"].values()) == data["total"]
    for kind, count in data["facets"]["type"].items():
        assert api(client, q="ดิจิทัล", type=kind)["total"] == count


def test_facets_ignore_their_own_filter(client, backend):
    everything = api(client, q="บันทึกความเข้าใจ")
    only_mou = api(client, q="บันทึกความเข้าใจ", type="mou")
    assert only_mou["facets"]["type"] == everything["facets"]["type"]
    assert all(r["type"] == "mou" for r in only_mou["results"])


def test_year_filter_accepts_be_and_ce(client, backend):
    be = api(client, q="ประชุม", year="2562")
    ce = api(client, q="ประชุม", year="2019")
    assert be["total"] == ce["total"] > 0
    assert all(r["year"] == 2562 for r in be["results"])


def test_sort_newest_and_oldest(client, backend):
    newest = [r["date"] for r in api(client, q="ดิจิทัล", sort="newest")["results"] if r["date"]]
    oldest = [r["date"] for r in api(client, q="ดิจิทัล", sort="oldest")["results"] if r["date"]]
    assert newest == sorted(newest, reverse=True)
    assert oldest == sorted(oldest)


def test_pagination_pages_do_not_overlap(client, backend):
    first = api(client, q="ดิจิทัล", page=1)
    second = api(client, q="ดิจิทัล", page=2)
    assert first["total"] > 10
    ids1 = {r["identifier"] for r in first["results"]}
    ids2 = {r["identifier"] for r in second["results"]}
    assert len(ids1) == 10 and ids2 and not ids1 & ids2


def test_all_terms_first_then_partial_matches(client, backend):
    data = api(client, q="เซินเจิ้น ควอนตัมคอมพิวเตอร์ไม่มีจริง")
    assert data["total"] > 0  # one stray word does not empty the result
    assert data["results"][0]["identifier"] in {"mou-cn-shenzhen", "page-digital-mou-programme"}


def test_search_page_renders_results_and_facets(client, backend):
    response = client.get("/search/", {"q": "บันทึกความเข้าใจ", "type": "mou"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>" in html and "ระบบค้นหาขัดข้องชั่วคราว" not in html


def test_search_page_dates_come_from_the_index(client, backend):
    """The date as the record page shows it, with its datetime, and no database query for
    the hits (the index document carries it): a page of hits costs what an empty page does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/search/", {"q": "ครม. รับทราบ"})  # warm caches (site root, menus)
    with CaptureQueriesContext(connection) as empty:
        client.get("/search/", {"q": "ควอนตัมคอมพิวเตอร์ไม่มีจริง"})
    with CaptureQueriesContext(connection) as hits:
        response = client.get("/search/", {"q": "ครม. รับทราบ"})
    assert len(hits.captured_queries) == len(empty.captured_queries)
    html = response.content.decode()
    assert '<time datetime="2024-07-09">9 กรกฎาคม 2567</time>' in html


def test_snippet_is_escaped_around_marks(client, writable_backend):
    from search import sync
    from tests.builders import make_record

    page = make_record(
        identifier="xss-1",
        title="ทดสอบ <script>alert(1)</script>",
        body="ข้อความ <b>ตัวหนา</b> & เครื่องหมาย ปัญญาประดิษฐ์เพื่อการทดสอบ",
    )
    sync.sync_page(page)
    data = api(client, q="ปัญญาประดิษฐ์ ตัวหนา")
    hit = next(r for r in data["results"] if r["identifier"] == "xss-1")
    assert "<b>" not in hit["snippet"] and "&lt;b&gt;" in hit["snippet"]
    assert "&amp;" in hit["snippet"] and "<mark>" in hit["snippet"]
    assert "<script>" not in client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()


HOSTILE = [
    '"',
    "'",
    "*",
    "(",
    ")",
    "AND OR NOT",
    "title:x",
    "NEAR(a b)",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "😀🙏",
    'ครม."*(',
    "-",
    "^",
    "{title}: x",
    "",
    "   ",
    "ก" * 5000,
    "พ.ร.บ. " * 1000,
    "\\",
    "title:x OR",
    '{"query": 1}',
    "ก" * 600,
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_fail(client, backend, q):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)
    assert isinstance(response.json()["total"], int)
    assert client.get("/search/", {"q": q}).status_code == 200


def test_long_query_is_truncated_with_a_notice(client, backend):
    data = api(client, q="ดิจิทัล " * 1000)
    assert data["notices"] and "500" in data["notices"][0]


@pytest.mark.parametrize(
    "params",
    [
        {"type": "no-such-kind"},
        {"year": "abc"},
        {"status": "😀"},
        {"page": "-3"},
        {"page": "xyz"},
        {"sort": "drop table"},
        {"agency": "x" * 1000},
        {"page": "99999"},
    ],
)
def test_odd_filters_are_harmless(client, backend, params):
    response = client.get("/api/search/", {"q": "ดิจิทัล", **params})
    assert response.status_code == 200


def test_odd_filter_gives_a_notice(client, backend):
    assert api(client, q="ดิจิทัล", year="abc")["notices"]


def test_unknown_facet_value_gives_no_results_not_an_error(client, backend):
    assert api(client, q="ดิจิทัล", type="no-such-kind")["total"] == 0
