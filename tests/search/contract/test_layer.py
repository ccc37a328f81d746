"""The segmentation-independent layer (search.plan.layer_plan), the same on every backend:
a query word the document holds across a word boundary is found, after every word hit;
short words never reach it; odd input never fails."""

import pytest

from search.query import SearchQuery

pytestmark = pytest.mark.django_db

# Dictionary words of the demo corpus whose letters its documents hold only across a
# word boundary (ประกาศ|ใช้แล้ว, ฝ่าย|บริหารงาน, หลัก|ธรรมาภิบาล, ความ|คล่องตัว).
BOUNDARY = {
    "ประกาศใช้": "news-mdes-2560-highlights",
    "ฝ่ายบริหาร": "page-foreign-affairs-division",
    "หลักธรรม": "page-asean-digital-sector",
    "ความคล่อง": "page-asean-digital-sector",
}


def ask(index, **params):
    return index.search(SearchQuery.from_params(params))


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("q", BOUNDARY)
def test_a_dictionary_word_spanning_a_word_boundary_is_found(client, backend, q):
    data = api(client, q=q)
    hit = next(r for r in data["results"] if r["identifier"] == BOUNDARY[q])
    assert f"<mark>{q}</mark>" in hit["snippet"]  # the letters themselves are marked
    assert data["facets"]["type"] and sum(data["facets"]["type"].values()) == data["total"]


def test_word_matches_rank_above_layer_only_matches(writable_backend):
    from search import sync
    from tests.builders import make_record

    # The same letters as one word (a word hit) and across a boundary (a layer hit only).
    sync.sync_page(make_record(identifier="layer-word", title="ประกาศ", body="กฎหมายฉบับนี้ประกาศใช้ เมื่อวันที่หนึ่ง"))
    sync.sync_page(make_record(identifier="layer-gram", title="ระเบียบ", body="ระเบียบที่ได้ประกาศใช้แล้ว ทั้งหมด"))
    results = ask(writable_backend, q="ประกาศใช้")
    order = [h.identifier for h in results.hits]
    assert order[0] == "layer-word" and results.hits[0].matched_all
    assert "layer-gram" in order and not results.hits[order.index("layer-gram")].matched_all
    assert results.total == len(order) and results.matched_all == 1
    # Filters and facets count the layer's hits like any other.
    kind = results.hits[order.index("layer-gram")].type
    filtered = ask(writable_backend, q="ประกาศใช้", type=kind)
    assert results.facets["type"][kind] == filtered.total
    assert all(h.type == kind for h in filtered.hits)
    # A date sort with full matches shows only them (the layer's hits are never full).
    newest = ask(writable_backend, q="ประกาศใช้", sort="newest")
    assert [h.identifier for h in newest.hits] == ["layer-word"] and newest.total == 1


def test_short_query_words_do_not_reach_the_layer(backend, monkeypatch):
    from search import plan

    queries = ("ลง", "ใช้", "สนอ", "ส น อ", "กา รบ", "ต่อ")  # letters inside many longer words
    with_layer = {q: ask(backend, q=q) for q in queries}
    monkeypatch.setattr(plan, "LAYER_MIN_WORD_HITS", 0)  # the layer off
    for q in queries:
        words_only = ask(backend, q=q)
        assert with_layer[q].total == words_only.total, q
        assert [h.identifier for h in with_layer[q].hits] == [h.identifier for h in words_only.hits], q
    # while a word of four letters or more does
    monkeypatch.undo()
    assert ask(backend, q="ประกาศใช้").total > 0


def test_a_page_past_the_word_hits_comes_from_the_layer(backend):
    q = "ประกาศใช้"
    first = ask(backend, q=q)
    assert first.total >= 1
    pages = [ask(backend, q=q, page=n).hits for n in range(1, first.num_pages + 1)]
    flat = [h.identifier for page in pages for h in page]
    assert len(flat) == len(set(flat)) == first.total


LAYER_HOSTILE = [
    '"ประกาศใช้"',
    'ประกาศใช้"*',
    "ประกาศใช้ OR NOT",
    "ประกาศใช้" * 60,
    "่่่่่่่่",
    "ๆๆๆๆๆๆ",
    "ฯลฯฯลฯ",
    "ก ข ค ง",
    "ประกาศ\x00ใช้",
    "ฝ่ายบริหาร (ประกาศใช้) {title}:",
]


@pytest.mark.parametrize("q", LAYER_HOSTILE)
def test_hostile_queries_through_the_layer_never_fail(client, backend, q):
    for params in ({"q": q}, {"q": q, "sort": "newest"}, {"q": q, "page": "2"}, {"q": q, "type": "news"}):
        response = client.get("/api/search/", params)
        assert response.status_code == 200, (params, response.content)
        assert isinstance(response.json()["total"], int)


@pytest.mark.parametrize(
    "q, first",
    [
        # ผู้ตรวจราชการ|กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม in the page; ดิจิทัล is in every record.
        ("ใครเป็นผู้ตรวจราชการกระทรวงดิจิทัล", "page-inspectors-general"),
        ("ประกาศใช้ ดิจิทัล", "news-mdes-2560-highlights"),
    ],
)
def test_a_boundary_word_beside_a_common_word_is_cut_as_the_documents_cut_it(client, backend, q, first):
    """search.recut: the word no document has a term for gets the documents' own cut of
    its letters as an option, so it matches as a word among many partial matches."""
    data = api(client, q=q)
    assert data["results"][0]["identifier"] == first
