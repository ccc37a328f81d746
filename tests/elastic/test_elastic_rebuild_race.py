"""Changes made while an Elasticsearch rebuild runs reach the new index: they are replayed
into it before the alias moves, and exactly the replayed changes are settled."""

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from search import sync
from search.documents import document_for, indexable_pages
from search.models import IndexRebuild, PendingIndexChange
from tests.builders import make_record

pytestmark = pytest.mark.django_db

WORD = "ควอนตัมทดสอบ"


def found(client):
    response = client.get("/api/search/", {"q": WORD})
    assert response.status_code == 200
    return {r["identifier"] for r in response.json()["results"] if r["identifier"].startswith("es-race-")}


def test_changes_during_rebuild_survive_the_alias_swap(client, elastic, on_commit):
    pages = {
        name: on_commit(make_record, identifier=f"es-race-{name}", body=f"เอกสาร{WORD}", publish=name != "new")
        for name in ("unpublish", "restrict", "delete", "new", "keep")
    }
    assert found(client) == {"es-race-unpublish", "es-race-restrict", "es-race-delete", "es-race-keep"}
    old = elastic.live_indices()
    seen = {}

    def documents():
        # The pages are read at the first document; the changes come after some of them
        # were loaded, through the normal page API (their index updates included).
        for number, page in enumerate(indexable_pages()):
            if number == 5:
                on_commit(pages["unpublish"].unpublish)
                on_commit(
                    PageViewRestriction.objects.create,
                    page=pages["restrict"],
                    restriction_type=PageViewRestriction.LOGIN,
                )
                on_commit(pages["delete"].delete)
                on_commit(pages["new"].save_revision().publish)
                seen["live"] = found(client)  # the old index got them at once...
                seen["kept"] = set(PendingIndexChange.objects.values_list("page_id", flat=True))
            yield document_for(page)

    assert sync.rebuild(documents=documents()) == 38 + 4
    assert seen["live"] == {"es-race-new", "es-race-keep"}
    assert seen["kept"] == {pages[name].pk for name in ("unpublish", "restrict", "delete", "new")}
    assert elastic.live_indices() != old  # ...and the new one has them too
    assert found(client) == {"es-race-new", "es-race-keep"}
    assert not PendingIndexChange.objects.exists() and not IndexRebuild.objects.exists()
    call_command("search_index", "sync", verbosity=0)
    assert found(client) == {"es-race-new", "es-race-keep"}


def test_failed_rebuild_keeps_the_changes_pending(client, elastic, on_commit):
    page = on_commit(make_record, identifier="es-race-failed", body=WORD)

    def documents():
        for number, doc in enumerate(document_for(p) for p in indexable_pages()):
            if number == 3:
                on_commit(page.unpublish)
                raise RuntimeError("rebuild stopped")
            yield doc

    with pytest.raises(RuntimeError):
        sync.rebuild(documents=documents())
    assert found(client) == set()  # the live index has the change
    assert set(PendingIndexChange.objects.values_list("page_id", flat=True)) == {page.pk}  # kept, harmless
    assert not IndexRebuild.objects.exists()
    call_command("search_index", "sync", verbosity=0)
    assert not PendingIndexChange.objects.exists() and found(client) == set()
