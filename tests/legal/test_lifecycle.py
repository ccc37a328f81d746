"""The legal lifecycle end to end through the importer: relations with dates, a status
that follows them (on publish and when the scheduler passes the date), both directions
on the page, refusals with the line number, and the editor's override in the history."""

import datetime
import json

import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry, PageViewRestriction

from kb.importers import ImportDataError, import_records
from kb.legal import status
from kb.models import LegalRelation, RegulationPage
from tests.builders import make_record, record_line

pytestmark = pytest.mark.django_db


def regulation(**fields):
    fields.setdefault("legal_type", "พระราชบัญญัติ")
    return make_record(type="regulation", **fields)


def test_repeal_in_force_marks_the_repealed_instrument(client):
    old = regulation(title="พระราชบัญญัติทดสอบเดิม พ.ศ. ๒๕๕๐", year_be=2550, effective_date="2007-06-01")
    new = regulation(
        title="พระราชบัญญัติทดสอบใหม่ พ.ศ. ๒๕๖๕", year_be=2565, effective_date="2022-05-01", repeals=[old.identifier]
    )
    old.refresh_from_db()
    assert old.status == "repealed"
    assert old.status_by_id == new.pk and old.status_since == datetime.date(2022, 5, 1)
    assert old.get_status_label() == "ยกเลิกแล้ว โดย พระราชบัญญัติทดสอบใหม่ พ.ศ. ๒๕๖๕ มีผลตั้งแต่ 1 พฤษภาคม 2565"
    entry = PageLogEntry.objects.filter(page=old, action=status.STATUS_ACTION).latest("timestamp")
    assert entry.data["from"] == "in_force" and entry.data["to"] == "repealed"
    html = client.get(old.url).content.decode()
    assert "ยกเลิกโดย" in html and new.url in html
    html = client.get(new.url).content.decode()
    assert "ยกเลิก" in html and old.url in html


def test_future_repeal_waits_for_the_scheduler():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    old = regulation(title="ระเบียบทดสอบรอยกเลิก", effective_date="2010-01-01")
    regulation(title="ระเบียบทดสอบยกเลิกล่วงหน้า", effective_date=tomorrow.isoformat(), repeals=[old.identifier])
    old.refresh_from_db()
    assert old.status == "in_force"
    assert status.refresh_all(on=tomorrow) >= 1
    old.refresh_from_db()
    assert old.status == "repealed" and old.status_since == tomorrow


def test_scheduled_command_applies_passed_dates(monkeypatch):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    old = regulation(title="ระเบียบทดสอบรอคำสั่ง", effective_date="2010-01-01")
    regulation(title="ระเบียบทดสอบแก้ไขล่วงหน้า", effective_date=tomorrow.isoformat(), amends=[old.identifier])
    monkeypatch.setattr(status, "today", lambda: tomorrow)
    call_command("publish_scheduled", verbosity=0)
    old.refresh_from_db()
    assert old.status == "amended"


def test_unpublishing_the_repeal_restores_the_status():
    old = regulation(title="ระเบียบทดสอบคืนสถานะ", effective_date="2010-01-01")
    new = regulation(title="ระเบียบทดสอบยกเลิกแล้วถอน", effective_date="2020-01-01", repeals=[old.identifier])
    old.refresh_from_db()
    assert old.status == "repealed"
    new.unpublish()
    old.refresh_from_db()
    assert old.status == "in_force" and old.status_by_id is None


def test_a_private_repeal_does_not_show(client):
    old = regulation(title="ระเบียบทดสอบลับ", effective_date="2010-01-01")
    new = regulation(title="ระเบียบทดสอบยกเลิกลับ", effective_date="2020-01-01", repeals=[old.identifier])
    PageViewRestriction.objects.create(page=new, restriction_type=PageViewRestriction.LOGIN)
    status.refresh_all()
    old.refresh_from_db()
    assert old.status == "in_force"
    assert "ระเบียบทดสอบยกเลิกลับ" not in client.get(old.url).content.decode()


def test_relations_both_ways_with_issued_under(client):
    act = regulation(title="พระราชบัญญัติแม่บททดสอบ", effective_date="2015-01-01")
    rule = regulation(
        title="ระเบียบทดสอบที่ออกตามความใน",
        legal_type="ระเบียบ",
        effective_date="2016-01-01",
        issued_under=[act.identifier],
    )
    assert "ออกตามความใน" in client.get(rule.url).content.decode()
    html = client.get(act.url).content.decode()
    assert "มีการออกตามความในฉบับนี้" in html and rule.url in html
    act.refresh_from_db()
    assert act.status == "in_force"  # being issued under does not change a status


def test_forward_reference_in_one_file():
    lines = [
        record_line(
            type="regulation", identifier="fw-new", title="ฉบับใหม่ทดสอบ", effective_date="2020-01-01", amends=["fw-old"]
        ),
        record_line(type="regulation", identifier="fw-old", title="ฉบับเดิมทดสอบ", effective_date="2000-01-01"),
    ]
    import_records(lines, publish=True)
    assert RegulationPage.objects.get(identifier="fw-old").status == "amended"
    assert LegalRelation.objects.get(page__identifier="fw-new").target.identifier == "fw-old"
    import_records(lines, publish=True)  # idempotent: nothing new
    assert LegalRelation.objects.filter(page__identifier="fw-new").count() == 1


@pytest.mark.parametrize(
    "lines, message",
    [
        ([{"identifier": "bad-1", "amends": ["no-such-record"]}], "no-such-record"),
        ([{"identifier": "bad-2", "repeals": ["bad-2"]}], "itself"),
        (
            [{"identifier": "cy-a", "amends": ["cy-b"]}, {"identifier": "cy-b", "amends": ["cy-a"]}],
            "cycle",
        ),
        (
            [
                {"identifier": "early-old", "effective_date": "2020-01-01"},
                {"identifier": "early-new", "effective_date": "2019-01-01", "repeals": ["early-old"]},
            ],
            "before",
        ),
        ([{"identifier": "kind-1", "amends": ["page-acc-duties"]}], "not a regulation"),
        ([{"identifier": "shape-1", "amends": "reg-x"}], "must be a list"),
    ],
)
def test_bad_relations_are_refused_with_the_line(lines, message):
    text = [record_line(type="regulation", title=f"ทดสอบ {i}", **fields) for i, fields in enumerate(lines)]
    before = RegulationPage.objects.count()
    with pytest.raises(ImportDataError) as info:
        import_records(text, publish=True)
    assert message in str(info.value)
    assert info.value.line_no in range(1, len(lines) + 1)
    assert RegulationPage.objects.count() == before


def test_a_cycle_through_the_site_is_refused():
    a = regulation(title="ทดสอบวง ก", effective_date="2000-01-01")
    regulation(title="ทดสอบวง ข", identifier="loop-b", effective_date="2001-01-01", amends=[a.identifier])
    line = json.loads(record_line(type="regulation", identifier=a.identifier, title=a.title, amends=["loop-b"]))
    line["legal_type"] = "พระราชบัญญัติ"
    with pytest.raises(ImportDataError, match="cycle"):
        import_records([json.dumps(line, ensure_ascii=False)], publish=True)


def test_file_status_without_relations_is_an_override():
    page = regulation(title="ทดสอบสถานะจากไฟล์", status="repealed")
    assert page.status == "repealed" and page.status_override == "repealed"
    assert page.status_override_reason


def test_override_with_reason_is_in_the_history():
    old = regulation(title="ทดสอบกำหนดเอง", effective_date="2010-01-01")
    old.status_override, old.status_override_reason = "repealed", "ศาลวินิจฉัยว่าไม่มีผลใช้บังคับ"
    old.save_revision().publish()
    old.refresh_from_db()
    assert old.status == "repealed"
    entry = PageLogEntry.objects.filter(page=old, action=status.STATUS_ACTION).latest("timestamp")
    assert entry.data["override"] is True and entry.data["reason"] == "ศาลวินิจฉัยว่าไม่มีผลใช้บังคับ"


# ----------------------------------------------------------------------------- the editor's form
def post_relations(admin_client, page, rows, **overrides):
    from tests.admin_forms import edit_form_data

    url = f"/admin/pages/{page.pk}/edit/"
    data = edit_form_data(admin_client.get(url).content.decode(), ["ข้อความทดสอบ"], **overrides)
    data.update({"legal_relations-TOTAL_FORMS": str(len(rows)), "legal_relations-INITIAL_FORMS": "0"})
    for i, (kind, target) in enumerate(rows):
        data.update(
            {
                f"legal_relations-{i}-kind": kind,
                f"legal_relations-{i}-target": str(target.pk),
                f"legal_relations-{i}-effective_date": "",
                f"legal_relations-{i}-consolidated_text": "",
                f"legal_relations-{i}-ORDER": str(i + 1),
                f"legal_relations-{i}-id": "",
            }
        )
    return admin_client.post(url, data)


def test_editor_cannot_make_a_page_repeal_itself(admin_client):
    page = regulation(title="ทดสอบฟอร์มอ้างตัวเอง", effective_date="2010-01-01")
    response = post_relations(admin_client, page, [("repeals", page)])
    assert response.status_code == 200  # the form again, with the message
    assert "ยกเลิกตัวเองไม่ได้" in response.content.decode()
    assert not LegalRelation.objects.filter(page=page).exists()


def test_editor_cannot_close_a_cycle(admin_client):
    a = regulation(title="ทดสอบฟอร์มวง ก", effective_date="2010-01-01")
    b = regulation(title="ทดสอบฟอร์มวง ข", effective_date="2011-01-01", amends=[a.identifier])
    response = post_relations(admin_client, a, [("amends", b)])
    assert response.status_code == 200
    assert "วนกลับ" in response.content.decode()


def test_editor_adds_a_repeal_and_the_target_follows(admin_client):
    old = regulation(title="ทดสอบฟอร์มฉบับเดิม", effective_date="2010-01-01")
    new = regulation(title="ทดสอบฟอร์มฉบับใหม่", effective_date="2020-01-01")
    response = post_relations(admin_client, new, [("repeals", old)], **{"action-publish": "action-publish"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == "repealed" and old.status_by_id == new.pk


def test_override_needs_a_reason(admin_client):
    page = regulation(title="ทดสอบฟอร์มกำหนดเอง")
    response = post_relations(admin_client, page, [], status_override="repealed", status_override_reason="")
    assert response.status_code == 200
    assert "ต้องระบุเหตุผล" in response.content.decode()


def test_restricting_the_repeal_restores_the_status_at_once(on_commit):
    old = regulation(title="ระเบียบทดสอบจำกัดทีหลัง", effective_date="2010-01-01")
    new = regulation(title="ระเบียบทดสอบยกเลิกแล้วจำกัด", effective_date="2020-01-01", repeals=[old.identifier])
    old.refresh_from_db()
    assert old.status == "repealed"
    on_commit(PageViewRestriction.objects.create, page=new, restriction_type=PageViewRestriction.LOGIN)
    old.refresh_from_db()
    assert old.status == "in_force" and "ระเบียบทดสอบยกเลิกแล้วจำกัด" not in old.get_status_label()


def test_a_lock_or_a_draft_override_writes_no_status_history():
    old = regulation(title="ทดสอบร่างกำหนดเอง", effective_date="2010-01-01")
    before = PageLogEntry.objects.filter(page=old, action=status.STATUS_ACTION).count()
    old.status_override, old.status_override_reason = "repealed", "ร่างยังไม่เผยแพร่"
    old.save_revision()  # a draft: nothing changes yet
    old.locked = True
    old.save(update_fields=["locked"])
    assert PageLogEntry.objects.filter(page=old, action=status.STATUS_ACTION).count() == before
    assert RegulationPage.objects.get(pk=old.pk).status == "in_force"


def test_an_override_given_at_creation_is_in_the_history():
    page = regulation(title="ทดสอบสถานะจากไฟล์มีประวัติ", status="repealed")
    entry = PageLogEntry.objects.get(page=page, action=status.STATUS_ACTION)
    assert entry.data["override"] is True and entry.data["reason"]


def test_reimport_leaves_what_the_line_does_not_give():
    target = regulation(title="ทดสอบนำเข้าซ้ำเป้าหมาย", effective_date="2000-01-01")
    other = regulation(title="ทดสอบนำเข้าซ้ำอีกฉบับ", effective_date="2001-01-01")
    page = regulation(
        title="ทดสอบนำเข้าซ้ำ", effective_date="2010-01-01", amends=[target.identifier], issued_under=[other.identifier]
    )
    page.status_override, page.status_override_reason = "repealed", "ยกเลิกโดยคำพิพากษา"
    page.save_revision().publish()
    line = json.loads(record_line(type="regulation", identifier=page.identifier, title=page.title, summary="ใหม่"))
    line.update(legal_type="พระราชบัญญัติ", effective_date="2010-01-01", amends=[])
    line.pop("status")
    import_records([json.dumps(line, ensure_ascii=False)], publish=True)
    page = RegulationPage.objects.get(pk=page.pk)
    assert page.status_override == "repealed" and page.status_override_reason == "ยกเลิกโดยคำพิพากษา"
    kinds = sorted(r.kind for r in page.legal_relations.all())
    assert kinds == ["issued_under"]  # amends: [] removed them; issued_under was not given, kept


def test_moving_a_date_after_its_repeal_is_refused():
    old = regulation(title="ทดสอบเลื่อนวันหลังยกเลิก", effective_date="2010-01-01")
    regulation(title="ทดสอบฉบับยกเลิกก่อน", effective_date="2015-01-01", repeals=[old.identifier])
    old = RegulationPage.objects.get(pk=old.pk)
    old.effective_date = datetime.date(2018, 1, 1)
    with pytest.raises(Exception, match="ก่อนวันที่มีผลใช้บังคับ"):
        old.full_clean()
    line = json.loads(record_line(type="regulation", identifier=old.identifier, title=old.title))
    line.update(legal_type="พระราชบัญญัติ", effective_date="2018-01-01")
    with pytest.raises(ImportDataError, match="before"):
        import_records([json.dumps(line, ensure_ascii=False)], publish=True)
