"""Changes made while a rebuild runs reach the new index (embedded backend): the rebuild
replays them before the swap, and settles exactly what it replayed."""

import socket
import subprocess

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search import sync
from search.backends import get_index
from search.backends.embedded import EmbeddedIndex
from search.documents import document_for, indexable_pages
from search.models import IndexRebuild, PendingIndexChange
from search.query import SearchQuery
from tests.builders import make_record

pytestmark = pytest.mark.django_db

WORD = "ควอนตัมทดสอบ"


def found(client, q=WORD):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    return {r["identifier"] for r in response.json()["results"] if r["identifier"].startswith("race-")}


def interfering(change, after=5):
    """Every indexable page's document, as rebuild reads them, with change() run (through
    the normal page API, on_commit callbacks included) after `after` documents: the pages
    were already read, so the bulk load writes their old state."""

    def documents():
        for number, page in enumerate(indexable_pages()):
            if number == after:
                change()
            yield document_for(page)

    return documents()


@pytest.fixture
def pages(on_commit):
    return {
        name: on_commit(make_record, identifier=f"race-{name}", body=f"เอกสาร{WORD}", publish=name != "new")
        for name in ("unpublish", "restrict", "delete", "new", "keep")
    }


def change_everything(pages, on_commit):
    def change():
        on_commit(pages["unpublish"].unpublish)
        on_commit(
            PageViewRestriction.objects.create, page=pages["restrict"], restriction_type=PageViewRestriction.LOGIN
        )
        on_commit(pages["delete"].delete)
        on_commit(pages["new"].save_revision().publish)
        assert IndexRebuild.running()  # ...so the changes are kept for it
        assert set(PendingIndexChange.objects.values_list("page_id", flat=True)) == {
            pages[name].pk for name in ("unpublish", "restrict", "delete", "new")
        }

    return change


def test_changes_during_rebuild_survive_the_swap(client, pages, on_commit):
    assert found(client) == {"race-unpublish", "race-restrict", "race-delete", "race-keep"}
    count = sync.rebuild(documents=interfering(change_everything(pages, on_commit)))
    assert count == 38 + 4  # the bulk load saw the pages as they were before the changes
    assert found(client) == {"race-new", "race-keep"}
    assert not PendingIndexChange.objects.exists() and not IndexRebuild.objects.exists()
    call_command("search_index", "sync", verbosity=0)  # nothing left to repair
    assert found(client) == {"race-new", "race-keep"}


def test_sync_during_rebuild_leaves_the_changes_to_it(client, pages, on_commit):
    """`search_index sync` from cron while a rebuild runs must not consume its changes."""
    change = change_everything(pages, on_commit)

    def change_then_sync():
        change()
        call_command("search_index", "sync", verbosity=0)
        assert PendingIndexChange.objects.values("page_id").distinct().count() == 4

    sync.rebuild(documents=interfering(change_then_sync))
    assert found(client) == {"race-new", "race-keep"}
    assert not PendingIndexChange.objects.exists()


def test_changes_another_running_rebuild_needs_are_kept(client, pages, on_commit):
    """Two rebuilds at once: the first to finish leaves the other's changes to it."""
    other = IndexRebuild.objects.create(host="another-host", pid=1, baseline=0)
    sync.rebuild(documents=interfering(change_everything(pages, on_commit)))
    assert found(client) == {"race-new", "race-keep"}
    assert PendingIndexChange.objects.values("page_id").distinct().count() == 4
    other.delete()
    call_command("search_index", "sync", verbosity=0)
    assert not PendingIndexChange.objects.exists() and found(client) == {"race-new", "race-keep"}


def test_changes_are_in_the_new_file_before_it_goes_live(isolated_index, pages):
    """The replay writes to the new file while the old one still answers; the swap then
    brings both at once (a page made private never goes live in the new index)."""
    index = EmbeddedIndex(isolated_index)
    query = SearchQuery.from_params({"q": WORD})
    seen = {}

    def before_swap(writer):
        seen["live"] = {hit.identifier for hit in index.search(query).hits}
        writer.remove(pages["unpublish"].pk)
        writer.index(document_for(pages["new"]))

    index.rebuild((document_for(page) for page in indexable_pages()), before_swap=before_swap)
    assert "race-unpublish" in seen["live"] and "race-new" not in seen["live"]  # not swapped yet
    assert {hit.identifier for hit in index.search(query).hits if hit.identifier.startswith("race-")} == {
        "race-new",
        "race-restrict",
        "race-delete",
        "race-keep",
    }


def test_changes_while_the_index_is_down_during_rebuild(client, isolated_index, pages, on_commit):
    """The live file is unusable while the rebuild runs (it repairs it): the change is kept
    with its error, replayed into the new index, and settled."""

    def change():
        isolated_index.write_bytes(b"")  # a zero-byte live file: updates cannot be applied
        on_commit(pages["unpublish"].unpublish)
        assert PendingIndexChange.objects.get().last_error

    sync.rebuild(documents=interfering(change))
    assert found(client) == {"race-restrict", "race-delete", "race-keep"}
    assert not PendingIndexChange.objects.exists()


def test_older_pending_changes_are_settled_by_the_rebuild():
    PendingIndexChange.objects.create(page_id=123456, action="remove", last_error="down")
    sync.rebuild()
    assert not PendingIndexChange.objects.exists()


def dead_pid():
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_killed_rebuild_does_not_keep_recording(client, on_commit):
    IndexRebuild.objects.create(host=socket.gethostname(), pid=dead_pid())
    IndexRebuild.objects.create(
        host="another-host",
        pid=1,  # no heartbeat for too long
        heartbeat_at=timezone.now() - IndexRebuild.STALE_AFTER * 2,
    )
    page = on_commit(make_record, identifier="race-after-kill", body=WORD)
    assert "race-after-kill" in found(client)
    assert not PendingIndexChange.objects.exists()  # the dead rebuild's marker is ignored...
    assert not IndexRebuild.objects.exists()  # ...and forgotten
    assert get_index().status()["documents"] == 39 and page.live
