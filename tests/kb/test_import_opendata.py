"""manage.py import_cabinet_opendata: the Secretariat's open data (JSON) as resolution
drafts with attachment links; idempotent, all-or-nothing, a bad item named by index and field."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry, Revision

from kb.importers.resolutions import OPENDATA_ACTION
from kb.models import CabinetResolutionPage, RecordPage

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_sample.json"
ITEMS = json.loads(SAMPLE.read_text(encoding="utf-8"))


def run(path, *args):
    out = StringIO()
    call_command("import_cabinet_opendata", str(path), *args, stdout=out, verbosity=0)
    return out.getvalue()


def write(tmp_path, items):
    path = tmp_path / "opendata.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def latest(**lookup):
    return CabinetResolutionPage.objects.get(**lookup).get_latest_revision_as_object()


def links(page):
    return [(b.value["title"], b.value["url"]) for b in page.attachments if b.block_type == "link"]


def test_sample_fields_are_the_open_data_format():
    assert len(ITEMS) == 5
    for item in ITEMS:
        assert {"toP_NAME", "meeT_DATE", "toP_SERLNO", "owner"} <= set(item)
    assert any(item.get("docNews") for item in ITEMS) and any("docNews" not in item for item in ITEMS)


def test_sample_imports_drafts_with_links_and_fills_the_demo_page():
    before = CabinetResolutionPage.objects.count()
    demo_body = latest(identifier="cr-2567-07-09-adgmin4").body_text()
    output = run(SAMPLE)
    assert "สร้างใหม่ 4, ปรับปรุง 1" in output
    assert CabinetResolutionPage.objects.count() == before + 4

    decree = latest(meeting_date=datetime.date(2024, 7, 9), agenda_number=5)
    assert decree.title.startswith("ร่างพระราชกฤษฎีกาจัดตั้งสำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์")
    assert decree.proposer == "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
    assert links(decree) == [("ร่างพระราชกฤษฎีกา", "https://resolution.soc.go.th/PDF_UPLOAD/2567/P_409850_1.pdf")]
    assert not CabinetResolutionPage.objects.get(pk=decree.pk).live
    assert PageLogEntry.objects.get(page=decree, action=OPENDATA_ACTION).data["item"] == 2
    no_docs = latest(meeting_date=datetime.date(2024, 6, 18), agenda_number=8)
    assert links(no_docs) == [] and no_docs.proposer == "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"

    # Item 1 is the demo's cr-2567-07-09-adgmin4 (same meeting date and title): filled in, not duplicated.
    demo = latest(identifier="cr-2567-07-09-adgmin4")
    assert demo.agenda_number == 12
    assert [url for _title, url in links(demo)] == [
        "https://resolution.soc.go.th/PDF_UPLOAD/2567/P_409876_1.pdf",
        "https://resolution.soc.go.th/PDF_UPLOAD/2567/P_409876_2.pdf",
    ]
    assert demo.proposer == "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดศ.)"  # the richer value from the text stays
    assert demo.body_text() == demo_body  # and so does its body


def test_rerun_changes_nothing():
    run(SAMPLE)
    pages, revisions = CabinetResolutionPage.objects.count(), Revision.objects.count()
    output = run(SAMPLE)
    assert "ไม่เปลี่ยนแปลง 5" in output
    assert (CabinetResolutionPage.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_new_link_on_rerun_is_added_once(tmp_path):
    run(SAMPLE)
    items = json.loads(json.dumps(ITEMS))
    items[1]["docNews"].append({"file_name": "บันทึกวิเคราะห์", "file_link": "https://resolution.soc.go.th/x.pdf"})
    run(write(tmp_path, items))
    run(write(tmp_path, items))
    decree = latest(meeting_date=datetime.date(2024, 7, 9), agenda_number=5)
    assert [title for title, _url in links(decree)] == ["ร่างพระราชกฤษฎีกา", "บันทึกวิเคราะห์"]


def test_publish_makes_them_live():
    run(SAMPLE, "--publish")
    page = CabinetResolutionPage.objects.get(meeting_date=datetime.date(2024, 6, 25), agenda_number=31)
    assert page.live and page.title.startswith("รายงานผลการดำเนินงานตามแผนปฏิบัติการ")


def test_same_title_same_day_different_agenda_are_two_pages(tmp_path):
    item = {
        "toP_NAME": "การแต่งตั้งข้าราชการพลเรือนสามัญให้ดำรงตำแหน่งประเภทบริหารระดับสูง",
        "meeT_DATE": "2024-05-07",
        "owner": "สำนักนายกรัฐมนตรี",
    }
    items = [item | {"toP_SERLNO": 40}, item | {"toP_SERLNO": 41}]
    run(write(tmp_path, items))
    run(write(tmp_path, items))
    pages = CabinetResolutionPage.objects.filter(meeting_date=datetime.date(2024, 5, 7)).order_by("agenda_number")
    assert [p.agenda_number for p in pages] == [40, 41]
    assert len({p.identifier for p in pages}) == 2


def bad(items, index, **change):
    items = json.loads(json.dumps(items))
    for key, value in change.items():
        if value is None:
            items[index].pop(key, None)
        else:
            items[index][key] = value
    return items


@pytest.mark.parametrize(
    "index, change, messages",
    [
        (2, {"meeT_DATE": None}, ["รายการที่ 3", "item 3", "meeT_DATE", "JSON array index 2"]),
        (0, {"meeT_DATE": "9 Julember 2024"}, ["รายการที่ 1", "meeT_DATE"]),
        (3, {"toP_NAME": ""}, ["รายการที่ 4", "toP_NAME"]),
        (1, {"toP_SERLNO": "ห้า"}, ["รายการที่ 2", "toP_SERLNO"]),
        (4, {"docNews": [{"file_name": "x", "file_link": "javascript:alert(1)"}]}, ["รายการที่ 5", "file_link"]),
        (
            4,
            {"toP_SERLNO": 12, "meeT_DATE": "2024-07-09", "toP_NAME": ITEMS[0]["toP_NAME"]},
            ["รายการที่ 5", "ซ้ำกับรายการที่ 1", "duplicates item 1"],
        ),
    ],
    ids=["missing-date", "bad-date", "empty-title", "bad-agenda", "bad-link", "duplicate"],
)
def test_a_bad_item_writes_nothing(tmp_path, index, change, messages):
    before = (RecordPage.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())
    with pytest.raises(CommandError) as excinfo:
        run(write(tmp_path, bad(ITEMS, index, **change)))
    for message in messages + ["nothing was written"]:
        assert message in str(excinfo.value)
    assert (RecordPage.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()) == before


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"{not json", "invalid JSON"),
        (b'{"count": 3}', "no list of items"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    ],
)
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path)
