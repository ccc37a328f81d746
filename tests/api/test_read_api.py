"""The read API (/api/v2/): every kind's fields, the filters, ordering and paging, a 400
in Thai and English for every bad parameter, and never a private record or file."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from kb.models import RecordPage
from tests.builders import make_record

pytestmark = pytest.mark.django_db


def listing(client, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(data):
    return [item["identifier"] for item in data["items"]]


def test_lists_only_records_with_their_identifiers(client):
    data = listing(client, limit=20)
    assert data["meta"]["total_count"] == RecordPage.objects.live().count()
    assert all(item["identifier"] and item["record_type"] for item in data["items"])


@pytest.mark.parametrize(
    "kind, fields",
    [
        ("regulation", ["legal_type", "number", "year_be", "effective_date", "status", "status_label", "lifecycle"]),
        ("cabinet_resolution", ["meeting_date", "outcome", "proposer", "related_regulations"]),
        ("mou", ["party_list", "country_list", "signed_from_be", "signed_to_be", "mou_status"]),
        ("news", ["date"]),
        ("report", ["date", "fiscal_year_be"]),
        ("page", ["section"]),
        ("ethics_code", ["issuer", "year_be"]),
    ],
)
def test_each_kind_has_its_fields(client, kind, fields):
    data = listing(client, kind=kind, fields="*", limit=20)
    assert data["items"], kind
    for item in data["items"]:
        assert item["record_type"] == kind
        detail = client.get(f"/api/v2/pages/{item['id']}/").json()
        for name in fields + ["body", "body_text", "files", "subject_names", "citation_graph", "sort_date"]:
            assert name in detail, (kind, name)
            if name not in ("lifecycle", "citation_graph"):  # detail only
                assert name in item, (kind, name)
        assert isinstance(item["body"], list) and isinstance(item["body_text"], str)


def test_filters_by_year_agency_status_and_dates(client):
    assert ids(listing(client, year="2567")) == ["cr-2567-07-09-adgmin4"]
    assert ids(listing(client, year="๒๕๖๗")) == ["cr-2567-07-09-adgmin4"]
    news_2019 = listing(client, kind="news", date_from="2562-01-01", date_to="2019-12-31", limit=20)
    assert news_2019["items"] and all(i["sort_date"].startswith("2019") for i in news_2019["items"])
    assert listing(client, status="repealed")["meta"]["total_count"] == 0
    agency = RecordPage.objects.live().first().agency
    assert (
        listing(client, agency=agency)["meta"]["total_count"] == RecordPage.objects.live().filter(agency=agency).count()
    )


def test_ordering_and_paging(client):
    every = (
        listing(client, order="-date", limit=20)["items"] + listing(client, order="-date", limit=20, offset=20)["items"]
    )
    dates = [i["sort_date"] for i in every]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates == dated + [None] * (len(dates) - len(dated))  # undated last
    newest = listing(client, order="-date", limit=5)
    second = listing(client, order="-date", limit=5, offset=5)
    assert not set(ids(newest)) & set(ids(second))
    by_title = listing(client, order="title", limit=20)
    titles = [i["title"] for i in by_title["items"]]
    assert titles == sorted(titles)


@pytest.mark.parametrize(
    "params, thai",
    [
        ({"limit": "100000"}, "ไม่เกิน"),
        ({"offset": "-1"}, "offset"),
        ({"unknown": "1"}, "ไม่รู้จักพารามิเตอร์"),
        ({"fields": "no_such_field"}, "ไม่รู้จักฟิลด์"),
        ({"kind": "treaty"}, "ไม่รู้จักประเภท"),
        ({"year": "1999"}, "ปี พ.ศ."),
        ({"status": "gone"}, "สถานะ"),
        ({"date_from": "2567-02-30"}, "วันที่"),
        ({"date_to": "yesterday"}, "วันที่"),
        ({"order": "password"}, "เรียงลำดับ"),
        ({"agency": "ก" * 5000}, "ยาวเกิน"),
    ],
)
def test_bad_parameters_are_400_in_thai_and_english(client, params, thai):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400
    message = response.json()["message"]
    assert thai in message and "(" in message  # Thai, then the English in brackets


@pytest.mark.parametrize("path", ["/api/v2/pages/99999999999999999999/", "/api/v2/pages/0/", "/api/v2/pages/abc/"])
def test_odd_ids_never_500(client, path):
    assert client.get(path).status_code in (400, 404)


def test_nothing_private_is_listed_or_fetched(client):
    draft = make_record(publish=False, title="ร่างเอพีไอทดสอบ")
    restricted = make_record(title="ลับเอพีไอทดสอบ")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    expired = make_record(title="หมดอายุเอพีไอทดสอบ")
    RecordPage.objects.filter(pk=expired.pk).update(expired=True)
    listed = []
    offset = 0
    while True:
        data = listing(client, limit=20, offset=offset, order="id")
        listed += [item["id"] for item in data["items"]]
        offset += 20
        if offset >= data["meta"]["total_count"]:
            break
    for page in (draft, restricted, expired):
        assert page.pk not in listed
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert listing(client, search="ลับเอพีไอทดสอบ")["meta"]["total_count"] == 0


def test_private_documents_are_not_in_the_documents_endpoint(client):
    from wagtail.documents import get_document_model

    documents = client.get("/api/v2/documents/").json()
    public_ids = [item["id"] for item in documents["items"]]
    assert public_ids  # the demo's two files, used on public records
    document = get_document_model().objects.get(pk=public_ids[0])
    private = Collection.get_first_root_node().add_child(name="ลับ")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document.collection = private
    document.save()
    assert document.pk not in [item["id"] for item in client.get("/api/v2/documents/").json()["items"]]
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404
    unused = get_document_model().objects.create(title="ไม่ได้ใช้", file=document.file.name)
    assert client.get(f"/api/v2/documents/{unused.pk}/").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"offset": "99999999999999999999"},
        {"type": "home.HomePage"},
        {"kind": "news", "date": "abc"},
        {"kind": "regulation", "effective_date": "2020-13-40"},
    ],
)
def test_odd_parameters_found_in_review_are_400(client, params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400, response.content
    assert response.json()["message"]


@pytest.mark.parametrize("words", ["\x00", '"', 'a" OR "b', "*"])
def test_search_syntax_never_fails(client, words):
    # SQLite's full-text syntax refuses some of these (a 400 in Thai); PostgreSQL's accepts them
    response = client.get("/api/v2/pages/", {"search": words})
    assert response.status_code in (200, 400), response.content
    assert "items" in response.json() or response.json()["message"]
