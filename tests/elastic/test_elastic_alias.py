"""Elasticsearch-only behaviour of the index (the shared contract is in tests/search/contract):
the alias (created by the first update, moved atomically by a rebuild) and an index of an
older document shape, which answers until rebuilt."""

import threading

import pytest

from search import sync
from search.analysis import ANALYSIS_VERSION
from search.query import SearchQuery
from tests.builders import make_record

pytestmark = pytest.mark.django_db

WORD = "ควอนตัมทดสอบ"


def found(client, q=WORD):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    return {r["identifier"]: r for r in response.json()["results"]}


def test_updates_before_first_rebuild_create_the_index(es_settings, client, on_commit):
    from search.backends import get_index

    on_commit(make_record, identifier="es-sync-2", body=WORD)
    assert "es-sync-2" in found(client)
    assert get_index().status()["documents"] == 1


def test_alias_swap_keeps_answering_during_rebuild(elastic):
    query = SearchQuery.from_params({"q": "ดิจิทัล"})
    before_total = elastic.search(query).total
    old = elastic.live_indices()
    seen = {}

    def progress(docs):
        for number, doc in enumerate(docs):
            if number == 20:  # the new index exists and is half full; the alias has not moved
                building = [name for name in elastic.client.indices.get(index=f"{elastic.alias}-*") if name not in old]
                seen.update(live=elastic.live_indices(), building=building, total=elastic.search(query).total)
            yield doc

    errors, answers, stop = [], [], threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                answers.append(elastic.search(query).total)
            except Exception as exc:
                errors.append(exc)

    reader = threading.Thread(target=keep_searching)
    reader.start()
    try:
        count = elastic.rebuild((sync.document_for(page) for page in sync.indexable_pages()), progress=progress)
    finally:
        stop.set()
        reader.join()
    assert count == 38
    assert seen["live"] == old and len(seen["building"]) == 1 and seen["total"] == before_total
    assert elastic.live_indices() == seen["building"]  # moved to the new index...
    assert not elastic.client.indices.exists(index=old[0])  # ...and the old one is gone
    assert not errors and answers and set(answers) == {before_total}
    assert elastic.search(query).total == before_total


def test_old_document_shape_answers_until_rebuilt(elastic, client):
    """Documents stored without date_label/date_attr, in an index of an older document_version."""
    name = elastic.live_indices()[0]
    query = SearchQuery.from_params({"q": "ครม. รับทราบ"})
    first = elastic.search(query).hits[0]
    hit = next(
        h
        for h in elastic.client.search(index=name, size=100)["hits"]["hits"]
        if h["_source"]["identifier"] == first.identifier
    )
    source = {key: value for key, value in hit["_source"].items() if key not in ("date_label", "date_attr")}
    elastic.client.index(index=name, id=hit["_id"], document=source, refresh=True)
    # The previous version wrote no document_version (an emulator may merge _meta: say "1").
    elastic.client.indices.put_mapping(
        index=name,
        meta={"analysis_version": ANALYSIS_VERSION, "document_version": "1", "built_at": "2024-01-01T00:00:00+00:00"},
    )
    old = elastic.search(query).hits[0]
    assert old.identifier == first.identifier and old.date == "2024-07-09"
    assert old.date_label == "" and old.date_attr == ""
    html = client.get("/search/", {"q": "ครม. รับทราบ"}).content.decode()
    assert '<time datetime="2024-07-09">9 กรกฎาคม 2567</time>' in html  # the ISO date, as a Thai date
    status = elastic.status()
    assert status["rebuild_due"] and status["document_version"] in (None, "1")
    sync.rebuild()
    assert not elastic.status()["rebuild_due"]
    assert elastic.search(query).hits[0].date_label == "9 กรกฎาคม 2567"
