"""import_records' fast paths: the public index gets the imported pages in one batch after
the commit (still pending when the index is down), and the history entries the writer
writes in bulk are the ones Wagtail would write."""

import pytest
from wagtail.models import PageLogEntry

from kb.importers.errors import ImportDataError
from kb.importers.records import import_records
from kb.models import RecordPage
from search.backends import EmbeddedIndex, get_index
from search.models import PendingIndexChange
from tests.builders import record_line

pytestmark = pytest.mark.django_db


def lines(count, prefix="speed"):
    return [record_line(identifier=f"{prefix}-{n}", title=f"มติคณะรัฐมนตรี เรื่องที่ {n}") for n in range(count)]


def test_published_imports_reach_the_public_index_in_one_write(monkeypatch, django_capture_on_commit_callbacks):
    def one_by_one(self, doc):
        raise AssertionError("an import must not write the index page by page")

    monkeypatch.setattr(EmbeddedIndex, "index", one_by_one)
    with django_capture_on_commit_callbacks(execute=True):
        import_records(lines(12), publish=True)
    pages = RecordPage.objects.filter(identifier__startswith="speed-")
    assert pages.count() == 12
    assert set(pages.values_list("pk", flat=True)) <= get_index().page_ids()
    assert not PendingIndexChange.objects.exists()


def test_nothing_reaches_the_index_when_the_import_is_refused(django_capture_on_commit_callbacks):
    before = get_index().page_ids()
    with pytest.raises(ImportDataError), django_capture_on_commit_callbacks(execute=True):
        import_records([*lines(3), "{not json"], publish=True)
    assert get_index().page_ids() == before
    assert not RecordPage.objects.filter(identifier__startswith="speed-").exists()


def test_every_page_stays_pending_when_the_index_is_unavailable(isolated_index, django_capture_on_commit_callbacks):
    isolated_index.unlink()  # a missing index file: unavailable until a rebuild
    with django_capture_on_commit_callbacks(execute=True):
        import_records(lines(5), publish=True)
    ids = set(RecordPage.objects.filter(identifier__startswith="speed-").values_list("pk", flat=True))
    pending = PendingIndexChange.objects.filter(page_id__in=ids)
    assert set(pending.values_list("page_id", flat=True)) == ids
    assert set(pending.values_list("action", flat=True)) == {PendingIndexChange.INDEX}
    assert all(pending.values_list("last_error", flat=True))


def test_bulk_history_entries_match_wagtails(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_records(lines(2), publish=True)
    for page in RecordPage.objects.filter(identifier__startswith="speed-"):
        entries = list(PageLogEntry.objects.filter(page=page).order_by("id"))
        assert [e.action for e in entries] == ["wagtail.create", "wagtail.publish"]
        assert all(e.revision_id == page.live_revision_id and e.content_changed for e in entries)
        assert entries[0].data == {"importer": "import_records"}
        assert entries[0].label == page.title and entries[0].content_type.model_class() is type(page.specific)
        assert page.latest_revision_id == page.live_revision_id and not page.has_unpublished_changes


def test_a_slug_taken_under_the_index_page_is_still_refused():
    # Wagtail's title/slug checks still run although the full validation is skipped
    import_records([record_line(identifier="clash-1")], publish=True)
    RecordPage.objects.filter(identifier="clash-1").update(identifier="renamed-1")  # the slug stays
    with pytest.raises(ImportDataError) as excinfo:
        import_records([record_line(identifier="clash-1")], publish=True)
    assert "slug" in str(excinfo.value) and "line 1" in str(excinfo.value)
    assert not RecordPage.objects.filter(identifier="clash-1").exists()


@pytest.fixture(params=["embedded", "elasticsearch"])
def any_backend(request, settings):
    if request.param == "embedded":
        settings.ELASTICSEARCH_URL = ""
        return get_index()
    return request.getfixturevalue("elastic")  # tests/elastic/fixtures.py: the emulator


def test_sync_pages_indexes_and_removes_in_one_batch(any_backend):
    from search import sync

    records = list(RecordPage.objects.live().specific().order_by("pk")[:3])
    assert {r.pk for r in records} <= any_backend.page_ids()
    gone, kept = records[0], records[1:]
    gone.live = False  # unpublished: its batched sync removes it
    for page in kept:
        page.title = f"{page.title} ฉบับปรับปรุงชุดนำเข้า"
    any_backend.remove(kept[0].pk)
    sync.sync_pages([gone, *kept, kept[1]])  # a page twice: synced once
    ids = get_index().page_ids()
    assert gone.pk not in ids and {p.pk for p in kept} <= ids
    assert not PendingIndexChange.objects.exists()


def test_each_imported_page_is_analysed_once_for_both_indexes(monkeypatch, django_capture_on_commit_callbacks):
    """The admin's search index and the public one share one analysis per page."""
    from search import plan

    analysed = []
    real = plan.analyse
    monkeypatch.setattr(plan, "analyse", lambda *texts: analysed.append(texts[0]) or real(*texts))
    with django_capture_on_commit_callbacks(execute=True):
        import_records(lines(6, prefix="once"), publish=True)
    assert sorted(analysed) == sorted(f"once-{n}" for n in range(6))
    pages = RecordPage.objects.filter(identifier__startswith="once-")
    assert set(pages.values_list("pk", flat=True)) <= get_index().page_ids()  # the public index has them
    admin_hits = RecordPage.objects.search("once-3")  # and the admin's search finds them
    assert [p.identifier for p in admin_hits][:1] == ["once-3"]


def test_pages_placed_in_bulk_leave_a_sound_tree(django_capture_on_commit_callbacks):
    """The writer places new pages itself (not via treebeard's add_child): paths follow the
    parent's last child, numchild is right, and a second import goes on after the first."""
    from wagtail.models import Page

    for prefix in ("tree-a", "tree-b"):
        with django_capture_on_commit_callbacks(execute=True):
            import_records(lines(5, prefix=prefix), publish=True)
    assert Page.find_problems() == ([], [], [], [], [])
    pages = list(RecordPage.objects.filter(identifier__startswith="tree-").order_by("path"))
    assert [p.identifier for p in pages] == [f"tree-a-{n}" for n in range(5)] + [f"tree-b-{n}" for n in range(5)]
    parent = pages[0].get_parent()
    assert parent.numchild == parent.get_children().count()
    assert all(p.url_path.startswith(parent.url_path) and p.locale_id == parent.locale_id for p in pages)
    page = pages[-1]
    assert page.get_url() and page.get_parent().pk == parent.pk


def test_admin_title_norms_are_set_once_per_import_for_the_new_entries(monkeypatch, django_capture_on_commit_callbacks):
    from django.db import connection
    from modelsearch.backends import get_search_backend

    if connection.vendor != "sqlite":
        pytest.skip("title norms are the SQLite admin index's")
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry, SQLiteIndex

    calls = []
    real = SQLiteIndex._refresh_title_norms
    monkeypatch.setattr(
        SQLiteIndex, "_refresh_title_norms", lambda self, full=False: calls.append(full) or real(self, full)
    )
    assert issubclass(type(get_search_backend()).index_class, SQLiteIndex)
    older = dict(IndexEntry.objects.values_list("id", "title_norm"))
    records = [
        record_line(identifier="norm-reg", type="regulation", title="ระเบียบกระทรวง ว่าด้วยการทดสอบ"),
        record_line(identifier="norm-news", title="ข่าวประชาสัมพันธ์ เรื่องทดสอบ"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        import_records(records, publish=True)
    assert calls == []  # two kinds indexed: no full-table refresh after each
    pages = [str(pk) for pk in RecordPage.objects.filter(identifier__startswith="norm-").values_list("pk", flat=True)]
    new = list(IndexEntry.objects.filter(object_id__in=pages))
    lengths = [len(e.title) for e in IndexEntry.objects.all() if e.title]
    lavg = sum(lengths) / len(lengths)  # fewer entries than the sample: every one counts
    assert len(new) == 2 and all(e.title_norm == pytest.approx(lavg / len(e.title)) for e in new)
    assert dict(IndexEntry.objects.filter(id__in=older).values_list("id", "title_norm")) == older
