"""manage.py import_resolution: a resolution as the Secretariat publishes it becomes a
CabinetResolutionPage (draft unless --publish); re-import updates it in place; bad input
writes nothing."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry, Revision

from kb.importers.resolutions import IMPORT_ACTION
from kb.models import CabinetResolutionPage, RecordPage

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "resolution_002.txt"
DEMO_ID = "cr-2567-07-09-adgmin4"
NEW_ID = "cr-2567-07-09-6fb4bab7"  # identifier_for(seed 002) when no page holds it yet
DISCLAIMER = "(โปรดตรวจสอบมติคณะรัฐมนตรีที่เป็นทางการจากสำนักเลขาธิการคณะรัฐมนตรีอีกครั้ง)"
API_WORD = "อาเซียนด้านดิจิทัล"


def run(*args):
    out = StringIO()
    call_command("import_resolution", *args, stdout=out, verbosity=0)
    return out.getvalue()


def latest(identifier):
    """The page as its newest revision holds it (a live page's row keeps the published copy)."""
    return CabinetResolutionPage.objects.get(identifier=identifier).get_latest_revision_as_object()


def blocks(page, kind):
    return [block.value for block in page.body if block.block_type == kind]


def revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


@pytest.fixture
def no_demo_resolution():
    """A database where no page holds seed 002 (the demo has it as cr-2567-07-09-adgmin4)."""
    CabinetResolutionPage.objects.get(identifier=DEMO_ID).delete()


def api_ids(client, q=API_WORD):
    return {hit["identifier"] for hit in client.get("/api/search/", {"q": q}).json()["results"]}


def test_seed_updates_the_demo_page_with_every_field_and_block():
    demo = CabinetResolutionPage.objects.get(identifier=DEMO_ID)
    pages, before = CabinetResolutionPage.objects.count(), revisions(demo)

    output = run(str(SEED))

    assert CabinetResolutionPage.objects.count() == pages  # same meeting date + title: no duplicate
    assert revisions(demo) == before + 1
    assert f"/admin/pages/{demo.pk}/edit/" in output
    page = latest(DEMO_ID)
    assert page.title == "ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง"
    assert page.meeting_date == datetime.date(2024, 7, 9)
    assert page.outcome == "รับทราบ"
    assert page.chair.startswith("นายเศรษฐา ทวีสิน")
    assert page.proposer.startswith("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม")
    assert page.category == "มติ ครม."
    assert page.published_at == datetime.datetime.fromisoformat("2024-07-10T00:20:00+07:00")

    types = [block.block_type for block in page.body]
    assert types[0] == "paragraph" and "คณะรัฐมนตรีรับทราบ" in page.body[0].value.source
    assert types[-2:] == ["footnotes", "disclaimer"]
    headings = blocks(page, "heading")
    assert headings[0]["text"] == "สาระสำคัญของเรื่อง" and headings[0]["level"] == "h2"
    assert {h["text"].split(" ")[0]: h["level"] for h in headings}["2.1"] == "h3"
    assert [len(items) for items in blocks(page, "numbered_list")] == [4, 3, 3]
    assert blocks(page, "numbered_list")[0][0].startswith("2.1.1 การนำเสนอนโยบาย")

    first, second = blocks(page, "table")
    assert first["first_row_is_table_header"] and second["first_row_is_table_header"]
    assert len(first["data"]) == 11 and first["data"][0] == ["ย่อหน้า", "รายละเอียดที่ปรับแก้ไข"]
    assert [row[0] for row in first["data"][5:]] == ["11", "14", "15", "18", "20", "22"]
    assert len(second["data"]) == 6 and second["data"][0] == ["ประเทศคู่เจรจา", "ประเด็นการหารือ"]
    assert [row[0] for row in second["data"][1:]] == [
        "จีน",
        "สิงคโปร์",
        "สาธารณรัฐประชาธิปไตยประชาชนลาว (สปป.ลาว)",
        "กัมพูชา",
        "มาเลเซีย",
    ]

    (notes,) = blocks(page, "footnotes")
    assert len(notes) == 2  # the <ol> numbers them 1, 2 — the markers are not repeated
    assert notes[0].startswith("เอกสารการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล") and notes[1].startswith("กองทุนไอซีทีอาเซียน")
    assert blocks(page, "disclaimer") == [DISCLAIMER]
    assert page.disclaimer == ""  # the source's disclaimer is in the body; not shown twice

    # The published copy is untouched until the draft goes through review.
    demo.refresh_from_db()
    assert demo.live and demo.has_unpublished_changes


def test_reimport_updates_in_place_with_a_new_revision_and_logs_it():
    run(str(SEED))
    page = CabinetResolutionPage.objects.get(identifier=DEMO_ID)
    pages, before = CabinetResolutionPage.objects.count(), revisions(page)

    run(str(SEED))

    assert CabinetResolutionPage.objects.count() == pages
    assert revisions(page) == before + 1
    entries = PageLogEntry.objects.filter(page=page, action=IMPORT_ACTION).exclude(data__via="load_demo")
    assert entries.count() == 2
    entry = entries.first()
    page.refresh_from_db()
    assert entry.revision_id == page.latest_revision_id
    assert entry.data["via"] == "command" and entry.data["created"] is False
    assert "นำเข้ามติ ครม." in entry.message


def test_reimport_tolerates_respacing_of_the_title(tmp_path, no_demo_resolution):
    run(str(SEED))
    text = SEED.read_text(encoding="utf-8").replace("ครั้งที่ 4 และ", "ครั้งที่4  และ")
    respaced = tmp_path / "respaced.txt"
    respaced.write_text(text, encoding="utf-8")
    run(str(respaced))
    assert CabinetResolutionPage.objects.filter(meeting_date=datetime.date(2024, 7, 9)).count() == 1


def test_new_resolution_is_a_draft_until_published(client, no_demo_resolution, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run(str(SEED))
    page = CabinetResolutionPage.objects.get(identifier=NEW_ID)
    assert "สร้างใหม่" in output and f"/admin/pages/{page.pk}/edit/" in output
    assert not page.live
    assert page.get_parent().specific.__class__.__name__ == "CabinetResolutionIndexPage"
    assert page.agency == "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
    entry = PageLogEntry.objects.get(page=page, action=IMPORT_ACTION)
    assert entry.data["created"] is True
    # A draft is in no public place: page URL, search API, sitemap.
    assert client.get(page.get_parent().url + page.slug + "/").status_code == 404
    assert NEW_ID not in api_ids(client)
    assert page.slug not in client.get("/sitemap.xml").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        run(str(SEED), "--publish")
    page.refresh_from_db()
    assert page.live and CabinetResolutionPage.objects.filter(meeting_date=datetime.date(2024, 7, 9)).count() == 1
    assert client.get(page.url).status_code == 200
    assert NEW_ID in api_ids(client)
    assert page.slug in client.get("/sitemap.xml").content.decode()


def test_user_option_records_who_imported(django_user_model):
    user = django_user_model.objects.create_user("importer", "importer@example.invalid", "pw")
    run(str(SEED), "--user", "importer")
    page = CabinetResolutionPage.objects.get(identifier=DEMO_ID)
    entries = PageLogEntry.objects.filter(page=page, action=IMPORT_ACTION).exclude(data__via="load_demo")
    assert entries.get().user == user
    with pytest.raises(CommandError, match="ไม่พบผู้ใช้"):
        run(str(SEED), "--user", "nobody")


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "ข้อมูลว่างเปล่า"),
        (b"  \n\n \n", "empty input"),
        (PNG, "PNG"),
        ("ข้อความ\x00ไบนารี".encode(), "NUL"),
        ("ผลการประชุมเรื่องหนึ่ง\nคณะรัฐมนตรีรับทราบผลการประชุม ตามที่กระทรวงการคลังเสนอ\n".encode(), "meeting date not found"),
        (
            "ผลการประชุมเรื่องหนึ่ง\nคณะรัฐมนตรีรับทราบ ตามที่กระทรวงการคลังเสนอ\nที่ประชุมคณะรัฐมนตรี นายก 31 กุมภาพันธ์ 2567\n".encode(),
            "invalid meeting date",
        ),
        (
            "เรื่องหนึ่ง\nรายละเอียดของเรื่อง\nที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน 9 กรกฎาคม 2567\n".encode(),
            "resolution sentence not found",
        ),
        ("caf\xe9".encode("latin-1"), "UTF-8"),
    ],
    ids=["empty", "blank", "png", "nul", "no-meeting-line", "bad-meeting-date", "no-resolution-sentence", "latin-1"],
)
def test_bad_input_fails_with_a_message_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    pages, revs, logs = RecordPage.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()
    with pytest.raises(CommandError) as excinfo:
        run(str(path))
    text = str(excinfo.value)
    assert message in text
    assert "nothing was written" in text and "ไม่มีการบันทึกข้อมูลใด ๆ" in text
    assert (RecordPage.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()) == (pages, revs, logs)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="ไม่พบไฟล์"):
        run(str(tmp_path / "nope.txt"))


def test_a_failure_while_writing_rolls_back_the_whole_import(monkeypatch, no_demo_resolution):
    """The page is created, then the audit log fails: neither the page nor its revision stays."""
    from kb.importers import writer as resolution_import

    def broken_log(**kwargs):
        raise resolution_import.ImportDataError("ทดสอบ", "log failed on purpose")

    monkeypatch.setattr(resolution_import, "log", broken_log)
    revs = Revision.objects.count()
    with pytest.raises(CommandError, match="log failed on purpose"):
        run(str(SEED))
    assert not CabinetResolutionPage.objects.filter(identifier=NEW_ID).exists()
    assert Revision.objects.count() == revs


def test_a_value_too_long_for_its_field_is_named():
    from kb.importers import ImportDataError as ResolutionImportError
    from kb.importers import import_parsed
    from kb.secretariat import parse_resolution_bytes

    parsed = parse_resolution_bytes(SEED.read_bytes())
    before = Revision.objects.count()
    with pytest.raises(ResolutionImportError, match="category") as excinfo:
        import_parsed(parsed, overrides={"category": "ก" * 200})
    assert "ข้อมูลไม่ถูกต้อง" in str(excinfo.value) and excinfo.value.field == "category"
    assert Revision.objects.count() == before
