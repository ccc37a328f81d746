"""Index sync through Elasticsearch: publish/unpublish/delete, rebuild behind the alias,
status, and the pending-change table."""
import threading

import pytest
from django.core.management import call_command

from search import sync
from search.models import PendingIndexChange
from search.query import SearchQuery
from tests.builders import make_record

pytestmark = pytest.mark.django_db

WORD = "ควอนตัมทดสอบ"


def found(client, q=WORD):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    return {r["identifier"]: r for r in response.json()["results"]}


def test_publish_unpublish_delete(client, elastic, on_commit):
    page = on_commit(make_record, identifier="es-sync-1", body=f"เอกสาร{WORD}", publish=False)
    assert "es-sync-1" not in found(client)  # drafts never reach the index
    on_commit(page.save_revision().publish)
    assert "es-sync-1" in found(client)
    page.refresh_from_db()
    on_commit(page.unpublish)
    assert "es-sync-1" not in found(client)
    on_commit(page.save_revision().publish)
    page.refresh_from_db()
    on_commit(page.delete)
    assert "es-sync-1" not in found(client)
    assert elastic.status()["documents"] == 38
    assert not PendingIndexChange.objects.exists()


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
                building = [name for name in elastic.client.indices.get(index=f"{elastic.alias}-*")
                            if name not in old]
                seen.update(live=elastic.live_indices(), building=building, total=elastic.search(query).total)
            yield doc

    errors, answers, stop = [], [], threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                answers.append(elastic.search(query).total)
            except Exception as exc:  # noqa: BLE001
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


def test_status_command(elastic, capsys):
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert "backend: elasticsearch" in out and "documents: 38" in out
    assert "cluster:" in out and "health" in out and "pending_changes: 0" in out and "rebuild_due: no" in out
    call_command("search_index", "rebuild", verbosity=0)
    call_command("search_index", "status")
    assert "documents: 38" in capsys.readouterr().out


def test_sync_applies_the_latest_state(elastic, client, on_commit):
    """Pending changes are applied with the page as it is now, whatever was recorded."""
    page = on_commit(make_record, identifier="es-sync-3", title="ชื่อเดิม", body=WORD)
    gone = on_commit(make_record, identifier="es-sync-4", body=WORD)
    gone_id = gone.pk
    PendingIndexChange.objects.create(page_id=page.pk, action="index", last_error="down")
    PendingIndexChange.objects.create(page_id=gone_id, action="index", last_error="down")
    page.title = "ชื่อใหม่ล่าสุด"
    page.save_revision().publish()  # no on_commit: as if the index update had failed
    gone.delete()
    call_command("search_index", "sync", verbosity=0)
    hits = found(client)
    assert hits["es-sync-3"]["title"] == "ชื่อใหม่ล่าสุด" and "es-sync-4" not in hits
    assert not PendingIndexChange.objects.exists()


def test_rebuild_settles_older_pending_changes(elastic):
    PendingIndexChange.objects.create(page_id=123456, action="remove")
    sync.rebuild()
    assert not PendingIndexChange.objects.exists()
