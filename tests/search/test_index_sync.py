"""Only live, public pages are in the index: publish, unpublish, privacy, expiry, delete, move."""
import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search.backends import get_index
from tests.builders import make_record

pytestmark = pytest.mark.django_db(transaction=False)

WORD = "ควอนตัมทดสอบ"


def found(client, q=WORD):
    return {r["identifier"] for r in client.get("/api/search/", {"q": q}).json()["results"]}


def test_publish_then_unpublish(client, on_commit):
    page = on_commit(make_record, identifier="sync-1", body=f"เอกสาร{WORD}", publish=False)
    assert "sync-1" not in found(client)  # a draft is never indexed
    on_commit(page.save_revision().publish)
    assert "sync-1" in found(client)
    page.refresh_from_db()
    on_commit(page.unpublish)
    assert "sync-1" not in found(client)


def test_private_page_leaves_and_returns(client, on_commit):
    page = on_commit(make_record, identifier="sync-2", body=WORD)
    assert "sync-2" in found(client)
    restriction = on_commit(PageViewRestriction.objects.create, page=page.get_parent(),
                            restriction_type=PageViewRestriction.LOGIN)
    assert "sync-2" not in found(client)
    on_commit(restriction.delete)
    assert "sync-2" in found(client)


def test_delete_removes(client, on_commit):
    page = on_commit(make_record, identifier="sync-3", body=WORD)
    on_commit(page.delete)
    assert "sync-3" not in found(client)


def test_move_updates_url(client, on_commit):
    from home.models import SectionPage

    page = on_commit(make_record, identifier="sync-4", type="page", section="ethics", body=WORD)
    target = SectionPage.objects.get(section="organisation")
    on_commit(page.move, target, pos="last-child")
    hit = next(r for r in client.get("/api/search/", {"q": WORD}).json()["results"] if r["identifier"] == "sync-4")
    assert hit["url"].startswith(target.url)


def test_scheduled_expiry_removes_from_search(client, on_commit):
    page = on_commit(make_record, identifier="sync-5", body=WORD)
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    on_commit(page.save_revision().publish)
    on_commit(call_command, "publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.expired and not page.live
    assert "sync-5" not in found(client)
    assert page.url_path.split("/")[-2] not in client.get("/sitemap.xml").content.decode()


def test_scheduled_go_live_appears(client, on_commit):
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


def test_rebuild_swaps_and_status_reports(capsys):
    index = get_index()
    before = index.status()
    assert before["documents"] == 38 and not before["rebuild_due"]
    call_command("search_index", "rebuild", verbosity=0)
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert "documents: 38" in out and "analysis_version" in out and "rebuild_due: no" in out


def test_rebuild_keeps_answering_until_swap(client):
    """A reader holding the old file keeps its answers while the new one is built."""
    import sqlite3

    index = get_index()
    reader = sqlite3.connect(index.path)
    old_count = reader.execute("SELECT count(*) FROM docs").fetchone()[0]
    call_command("search_index", "rebuild", verbosity=0)
    assert reader.execute("SELECT count(*) FROM docs").fetchone()[0] == old_count
    reader.close()
    assert found(client, "ครม.")
