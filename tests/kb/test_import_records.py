"""import_records: the RECORDS.md format, idempotent by identifier, all-or-nothing."""

import json

import pytest
from django.core.management import CommandError, call_command

from kb.models import RecordPage
from tests.builders import record_line

pytestmark = pytest.mark.django_db


def write(tmp_path, lines):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_import_creates_drafts_then_publish_updates_in_place(tmp_path):
    line = record_line(identifier="imp-1", type="regulation", title="ระเบียบใหม่ พ.ศ. 2567", year_be=2567)
    call_command("import_records", write(tmp_path, [line]), verbosity=0)
    page = RecordPage.objects.get(identifier="imp-1")
    assert not page.live and page.specific.year_be == 2567
    changed = json.loads(line) | {"title": "ระเบียบใหม่ (แก้ไข) พ.ศ. 2567"}
    call_command("import_records", write(tmp_path, [json.dumps(changed, ensure_ascii=False)]), "--publish", verbosity=0)
    assert RecordPage.objects.filter(identifier="imp-1").count() == 1
    page = RecordPage.objects.get(identifier="imp-1")
    assert page.live and page.title == "ระเบียบใหม่ (แก้ไข) พ.ศ. 2567"


def test_reimporting_the_demo_records_never_duplicates(tmp_path):
    from django.conf import settings

    before = RecordPage.objects.count()
    call_command("import_records", str(settings.BASE_DIR / "fixtures" / "records.jsonl"), "--publish", verbosity=0)
    assert RecordPage.objects.count() == before == 38


@pytest.mark.parametrize(
    "bad_line, message",
    [
        ("{not json", "บรรทัด 2: JSON ไม่ถูกต้อง"),
        (record_line(type="treaty"), "ไม่รู้จักประเภทเอกสาร"),
        (record_line(title=""), "ไม่มีช่อง title"),
        (record_line(type="cabinet_resolution", meeting_date="2567-13-45"), "meeting_date"),
        (record_line(type="news", date="9 July 2024"), "date"),
        (record_line(type="regulation", status="alive"), "status"),
        (record_line(type="regulation", year_be="สองพัน"), "year_be"),
        ("[1, 2]", "JSON"),
    ],
)
def test_a_bad_line_stops_the_import_with_its_number_and_writes_nothing(tmp_path, bad_line, message):
    before = RecordPage.objects.count()
    good_first = record_line(identifier="good-before")
    good_after = record_line(identifier="good-after")
    with pytest.raises(CommandError) as excinfo:
        call_command("import_records", write(tmp_path, [good_first, bad_line, good_after]), "--publish", verbosity=0)
    assert "บรรทัด 2" in str(excinfo.value) and "line 2" in str(excinfo.value)
    assert message in str(excinfo.value)
    assert RecordPage.objects.count() == before
    assert not RecordPage.objects.filter(identifier__in=["good-before", "good-after"]).exists()


def test_duplicate_identifiers_in_one_file_are_refused(tmp_path):
    line = record_line(identifier="dup-1")
    with pytest.raises(CommandError, match="บรรทัด 2"):
        call_command("import_records", write(tmp_path, [line, line]), verbosity=0)
    assert not RecordPage.objects.filter(identifier="dup-1").exists()


def test_a_failure_while_writing_rolls_back_everything(tmp_path):
    """An identifier that already belongs to another kind fails on write, after earlier lines were saved."""
    lines = [record_line(identifier="rollback-1"), record_line(identifier="mou-vn-mic", type="news")]
    with pytest.raises(CommandError, match="บรรทัด 2"):
        call_command("import_records", write(tmp_path, lines), "--publish", verbosity=0)
    assert not RecordPage.objects.filter(identifier="rollback-1").exists()
    assert RecordPage.objects.get(identifier="mou-vn-mic").specific.record_type == "mou"


def test_missing_file_and_non_utf8_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="ไม่พบไฟล์"):
        call_command("import_records", str(tmp_path / "nope.jsonl"))
    path = tmp_path / "latin1.jsonl"
    path.write_bytes("สวัสดี".encode("cp874"))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_records", str(path))


def test_body_lines_become_structured_blocks():
    from tests.builders import make_record

    page = make_record(body="บทนำ\n1. ข้อแรก\n2. ข้อสอง\nหัวข้อ — ค่า\nอีกหัวข้อ — อีกค่า\n- จุดหนึ่ง")
    kinds = [b.block_type for b in page.body]
    assert kinds == ["heading", "numbered_list", "table", "bulleted_list"]
    assert list(page.body[1].value) == ["ข้อแรก", "ข้อสอง"]
    assert page.body[2].value["data"] == [["หัวข้อ", "ค่า"], ["อีกหัวข้อ", "อีกค่า"]]
