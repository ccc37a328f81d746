"""The search page and JSON API contract, served by the Elasticsearch index."""
import pytest

pytestmark = pytest.mark.django_db


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_contract_shape(client, shared_elastic):
    data = api(client, q="ครม. รับทราบ")
    assert set(data) >= {"total", "results", "facets"}
    assert data["total"] >= 1
    first = data["results"][0]
    assert set(first) >= {"identifier", "title", "type", "url", "date", "snippet"}
    assert first["identifier"] == "cr-2567-07-09-adgmin4"
    assert first["date"] == "2024-07-09" and first["type"] == "cabinet_resolution"
    assert "<mark>" in first["snippet"]
    assert set(data["facets"]) == {"type", "year", "agency", "status"}


def test_same_json_as_embedded(client, settings, shared_elastic):
    """The whole API answer (minus nothing) equals the embedded one for an unambiguous query."""
    params = {"q": "พระราชกฤษฎีกา ๒๕๔๖"}
    through_es = api(client, **params)
    settings.ELASTICSEARCH_URL = ""
    embedded = api(client, **params)
    assert through_es["total"] == embedded["total"] and through_es["facets"] == embedded["facets"]
    assert through_es["results"][0] == embedded["results"][0]


def test_facet_counts_equal_the_filtered_totals(client, shared_elastic):
    data = api(client, q="ดิจิทัล")
    assert sum(data["facets"]["type"].values()) == data["total"]
    for kind, count in data["facets"]["type"].items():
        assert api(client, q="ดิจิทัล", type=kind)["total"] == count


def test_filters_sorting_and_pages(client, shared_elastic):
    be, ce = api(client, q="ประชุม", year="2562"), api(client, q="ประชุม", year="2019")
    assert be["total"] == ce["total"] > 0 and all(r["year"] == 2562 for r in be["results"])
    newest = [r["date"] for r in api(client, q="ดิจิทัล", sort="newest")["results"] if r["date"]]
    oldest = [r["date"] for r in api(client, q="ดิจิทัล", sort="oldest")["results"] if r["date"]]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    first, second = api(client, q="ดิจิทัล", page=1), api(client, q="ดิจิทัล", page=2)
    ids1 = {r["identifier"] for r in first["results"]}
    ids2 = {r["identifier"] for r in second["results"]}
    assert len(ids1) == 10 and ids2 and not ids1 & ids2


def test_search_page_renders_results_and_facets(client, shared_elastic):
    response = client.get("/search/", {"q": "บันทึกความเข้าใจ", "type": "mou"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>" in html and "ระบบค้นหาขัดข้องชั่วคราว" not in html


def test_hostile_input_is_harmless(client, shared_elastic):
    for q in ['"', "*", "\\", "title:x OR", "{\"query\": 1}", "ก" * 600, "<script>alert(1)</script>"]:
        data = api(client, q=q)
        assert isinstance(data["total"], int)
    assert api(client, q="ดิจิทัล", year="abc")["notices"]
