"""Only live, public pages are in the index, on every backend: publish, unpublish, privacy,
expiry, go-live, delete, move; sync of pending changes; rebuild and status."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search import sync
from search.models import PendingIndexChange
from tests.builders import make_record

pytestmark = pytest.mark.django_db

WORD = "ควอนตัมทดสอบ"


def found(client, q=WORD):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    return {r["identifier"]: r for r in response.json()["results"]}


def test_publish_unpublish_delete(client, writable_backend, on_commit):
    page = on_commit(make_record, identifier="sync-1", body=f"เอกสาร{WORD}", publish=False)
    assert "sync-1" not in found(client)  # a draft is never indexed
    on_commit(page.save_revision().publish)
    assert "sync-1" in found(client)
    page.refresh_from_db()
    on_commit(page.unpublish)
    assert "sync-1" not in found(client)
    on_commit(page.save_revision().publish)
    page.refresh_from_db()
    on_commit(page.delete)
    assert "sync-1" not in found(client)
    assert writable_backend.status()["documents"] == 38
    assert not PendingIndexChange.objects.exists()


def test_delete_removes(client, writable_backend, on_commit):
    page = on_commit(make_record, identifier="sync-3", body=WORD)
    assert "sync-3" in found(client)
    on_commit(page.delete)
    assert "sync-3" not in found(client)


def test_private_page_leaves_and_returns(client, writable_backend, on_commit):
    page = on_commit(make_record, identifier="sync-2", body=WORD)
    assert "sync-2" in found(client)
    restriction = on_commit(
        PageViewRestriction.objects.create, page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert "sync-2" not in found(client)
    on_commit(restriction.delete)
    assert "sync-2" in found(client)


def test_move_updates_url(client, writable_backend, on_commit):
    from home.models import SectionPage

    page = on_commit(make_record, identifier="sync-4", type="page", section="ethics", body=WORD)
    target = SectionPage.objects.get(section="organisation")
    on_commit(page.move, target, pos="last-child")
    assert found(client)["sync-4"]["url"].startswith(target.url)


def test_scheduled_expiry_removes_from_search(client, writable_backend, on_commit):
    page = on_commit(make_record, identifier="sync-5", body=WORD)
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    on_commit(page.save_revision().publish)
    on_commit(call_command, "publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.expired and not page.live
    assert "sync-5" not in found(client)
    assert page.url_path.split("/")[-2] not in client.get("/sitemap.xml").content.decode()


def test_scheduled_go_live_appears(client, writable_backend, on_commit):
    page = on_commit(make_record, identifier="sync-6", body=WORD, publish=False)
    page.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    on_commit(page.save_revision().publish)
    assert "sync-6" not in found(client)
    # Let the scheduled time pass: move the revision's go-live moment into the past.
    page.refresh_from_db()
    revision = page.latest_revision
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    on_commit(call_command, "publish_scheduled", verbosity=0)
    assert "sync-6" in found(client)
    assert page.url_path.split("/")[-2] in client.get("/sitemap.xml").content.decode()


def test_sync_applies_the_latest_state(client, writable_backend, on_commit):
    """Pending changes are applied with the page as it is now, whatever was recorded."""
    page = on_commit(make_record, identifier="sync-7", title="ชื่อเดิม", body=WORD)
    gone = on_commit(make_record, identifier="sync-8", body=WORD)
    PendingIndexChange.objects.create(page_id=page.pk, action="index", last_error="down")
    PendingIndexChange.objects.create(page_id=gone.pk, action="index", last_error="down")
    page.title = "ชื่อใหม่ล่าสุด"
    page.save_revision().publish()  # no on_commit: as if the index update had failed
    gone.delete()
    call_command("search_index", "sync", verbosity=0)
    hits = found(client)
    assert hits["sync-7"]["title"] == "ชื่อใหม่ล่าสุด" and "sync-8" not in hits
    assert not PendingIndexChange.objects.exists()


def test_rebuild_settles_older_pending_changes(writable_backend):
    PendingIndexChange.objects.create(page_id=123456, action="remove")
    sync.rebuild()
    assert not PendingIndexChange.objects.exists()


def test_rebuild_swaps_and_status_reports(client, writable_backend, capsys):
    before = writable_backend.status()
    assert before["documents"] == 38 and not before["rebuild_due"]
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert f"backend: {writable_backend.name}" in out and "documents: 38" in out
    assert "pending_changes: 0" in out and "rebuild_due: no" in out
    if writable_backend.name == "elasticsearch":
        assert "cluster:" in out and "health" in out
    call_command("search_index", "rebuild", verbosity=0)
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert "documents: 38" in out and "analysis_version" in out and "document_version" in out
    assert "rebuild_due: no" in out
    assert found(client, "ครม.")
