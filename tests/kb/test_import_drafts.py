"""The importers never drop an editor's unpublished draft silently: the import refuses the
record (naming the page and the line or item; nothing written) unless --replace-drafts is
given, and then the history says which draft was replaced. An import's own draft is revised
as before; a locked page is refused; re-importing an unchanged record writes nothing; a new
page published on import gets one revision and one "wagtail.create" entry."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry, Revision

from kb.importers.resolutions import IMPORT_ACTION, OPENDATA_ACTION
from kb.models import CabinetResolutionPage, RecordPage
from tests.builders import make_record, record_line

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = FIXTURES / "resolution_002.txt"
DEMO_RESOLUTION = "cr-2567-07-09-adgmin4"  # seed 002 and open-data item 1 both land on it


def write(tmp_path, *lines):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def counts():
    return RecordPage.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()


def editor_draft(page, django_user_model, **changes):
    """What an editor's "Save draft" leaves: a revision newer than the live one."""
    editor = django_user_model.objects.create_user("draft-editor", "draft-editor@example.invalid", "pw")
    page = page.specific.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision(user=editor, log_action=True)


def latest(page):
    return RecordPage.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def test_records_import_refuses_a_page_with_an_editors_draft(tmp_path, django_user_model):
    page = make_record(identifier="draft-1", title="ข่าวฉบับเผยแพร่")
    draft = editor_draft(page, django_user_model, title="ข่าวฉบับร่างของบรรณาธิการ")
    before = counts()
    lines = [record_line(identifier="draft-new"), record_line(identifier="draft-1", title="ข่าวจากการนำเข้า")]

    with pytest.raises(CommandError) as excinfo:
        call_command("import_records", write(tmp_path, *lines), "--publish", verbosity=0)

    message = str(excinfo.value)
    assert "บรรทัด 2" in message and "line 2" in message
    assert "ข่าวฉบับร่างของบรรณาธิการ" in message and "[draft-1]" in message
    assert f"/admin/pages/{page.pk}/edit/" in message
    assert "ฉบับร่าง" in message and "unpublished draft" in message and "--replace-drafts" in message
    assert "nothing was written" in message
    assert counts() == before  # not even line 1's new page
    page.refresh_from_db()
    assert page.latest_revision_id == draft.pk and page.title == "ข่าวฉบับเผยแพร่"


def test_a_never_published_editor_draft_is_refused_too(tmp_path, django_user_model):
    page = make_record(identifier="draft-2", publish=False)
    editor_draft(page, django_user_model, title="ร่างแรกของบรรณาธิการ")
    with pytest.raises(CommandError, match="draft-2"):
        call_command("import_records", write(tmp_path, record_line(identifier="draft-2")), verbosity=0)
    assert latest(page).title == "ร่างแรกของบรรณาธิการ"


def test_replace_drafts_replaces_it_and_the_history_says_so(tmp_path, django_user_model):
    page = make_record(identifier="draft-3", title="ข่าวฉบับเผยแพร่")
    draft = editor_draft(page, django_user_model, title="ข่าวฉบับร่างของบรรณาธิการ")
    line = record_line(identifier="draft-3", title="ข่าวจากการนำเข้า")

    call_command("import_records", write(tmp_path, line), "--publish", "--replace-drafts", verbosity=0)

    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes and page.title == "ข่าวจากการนำเข้า"
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.edit").order_by("-pk").first()
    assert entry.data["importer"] == "import_records"
    assert entry.data["replaced_draft"] == {"revision": draft.pk}


def test_the_imports_own_draft_is_revised_without_replace_drafts(tmp_path):
    make_record(identifier="draft-4", publish=False)
    call_command("import_records", write(tmp_path, record_line(identifier="draft-4", title="แก้ไขแล้ว")), verbosity=0)
    assert latest(RecordPage.objects.get(identifier="draft-4")).title == "แก้ไขแล้ว"


def test_a_locked_page_is_refused(tmp_path):
    page = make_record(identifier="locked-1")
    RecordPage.objects.filter(pk=page.pk).update(locked=True)
    with pytest.raises(CommandError) as excinfo:
        call_command("import_records", write(tmp_path, record_line(identifier="locked-1", title="ใหม่")), verbosity=0)
    assert "ถูกล็อก" in str(excinfo.value) and "locked" in str(excinfo.value) and "บรรทัด 1" in str(excinfo.value)


def test_reimporting_an_unchanged_record_writes_nothing(tmp_path):
    line = record_line(
        identifier="same-1",
        type="regulation",
        subjects=["ดิจิทัล", "ธรรมาภิบาล"],
        body="บทนำ\n1. ข้อแรก\n2. ข้อสอง\nหัวข้อ — ค่า",
    )
    path = write(tmp_path, line)
    call_command("import_records", path, "--publish", verbosity=0)
    before = counts()
    out = StringIO()
    call_command("import_records", path, "--publish", stdout=out, verbosity=0)
    assert counts() == before
    assert "ไม่เปลี่ยนแปลง 1" in out.getvalue()
    changed = json.loads(line) | {"subjects": ["ดิจิทัล"]}
    call_command("import_records", write(tmp_path, json.dumps(changed, ensure_ascii=False)), "--publish", verbosity=0)
    assert Revision.objects.count() == before[1] + 1


def test_a_new_published_page_has_one_revision_and_one_create_entry(tmp_path):
    call_command("import_records", write(tmp_path, record_line(identifier="one-step")), "--publish", verbosity=0)
    page = RecordPage.objects.get(identifier="one-step")
    assert page.live and not page.has_unpublished_changes and page.live_revision_id == page.latest_revision_id
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1
    actions = list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert sorted(actions) == ["wagtail.create", "wagtail.publish"]
    assert PageLogEntry.objects.get(page=page, action="wagtail.create").revision_id == page.live_revision_id


def test_the_admin_search_index_and_reference_index_are_updated_once_at_the_end(tmp_path):
    from wagtail.models import Page

    call_command(
        "import_records",
        write(tmp_path, record_line(identifier="admin-find", title="ประกาศคำค้นพิเศษ")),
        "--publish",
        verbosity=0,
    )
    found = Page.objects.search("ประกาศคำค้นพิเศษ")
    assert RecordPage.objects.get(identifier="admin-find").pk in {page.pk for page in found}


# ----------------------------------------------------------------------------- the Secretariat importers


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out, verbosity=0)
    return out.getvalue()


def test_import_resolution_refuses_an_editors_draft_unless_replace_drafts(django_user_model):
    demo = CabinetResolutionPage.objects.get(identifier=DEMO_RESOLUTION)
    draft = editor_draft(demo, django_user_model, outcome="อนุมัติ (ร่างของบรรณาธิการ)")
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        run("import_resolution", str(SEED))
    message = str(excinfo.value)
    assert f"[{DEMO_RESOLUTION}]" in message and f"/admin/pages/{demo.pk}/edit/" in message
    assert "unpublished draft" in message and "nothing was written" in message
    assert counts() == before

    run("import_resolution", str(SEED), "--replace-drafts")
    entry = PageLogEntry.objects.filter(page=demo, action=IMPORT_ACTION).exclude(data__via="load_demo").get()
    assert entry.data["replaced_draft"] == {"revision": draft.pk}
    assert latest(demo).outcome == "รับทราบ"


def test_open_data_refuses_an_editors_draft_naming_the_item(django_user_model):
    demo = CabinetResolutionPage.objects.get(identifier=DEMO_RESOLUTION)
    editor_draft(demo, django_user_model, chair="ประธานจากร่าง")
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        run("import_cabinet_opendata", str(FIXTURES / "opendata_sample.json"))
    message = str(excinfo.value)
    assert "รายการที่ 1" in message and "item 1" in message and f"[{DEMO_RESOLUTION}]" in message
    assert counts() == before

    run("import_cabinet_opendata", str(FIXTURES / "opendata_sample.json"), "--replace-drafts")
    page = latest(demo)
    assert page.agenda_number == 12 and page.chair != "ประธานจากร่าง"
    assert PageLogEntry.objects.get(page=demo, action=OPENDATA_ACTION).data["replaced_draft"]
