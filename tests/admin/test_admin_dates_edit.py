"""B.E. dates through Wagtail's real page editor: the form shows stored dates in B.E., reads
what editors type (B.E. ISO, Thai months, Thai digits, d/m/yyyy, C.E. ISO), refuses years
out of range as a form error on the field, and the schedule dialog and inline panels too."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kb.models import CabinetResolutionPage, LegalRelation, RegulationPage
from kb.thai.dates import format_typed
from tests.admin_forms import edit_form_data
from tests.builders import make_record

pytestmark = pytest.mark.django_db
BANGKOK = ZoneInfo("Asia/Bangkok")


@pytest.fixture
def resolution():
    page = make_record(
        type="cabinet_resolution",
        identifier="cr-be-dates",
        title="มติคณะรัฐมนตรีเรื่องทดสอบวันที่ พ.ศ.",
        meeting_date="2024-07-09",
    )
    page.published_at = dt.datetime(2024, 7, 10, 0, 20, tzinfo=BANGKOK)  # not a field of the import format
    page.save_revision().publish()
    return page


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def post_edit(client, page, **overrides):
    html = client.get(edit_url(page)).content.decode()
    return client.post(edit_url(page), edit_form_data(html, ["ข้อความทดสอบวันที่"], **overrides))


def saved(page):
    """The page as the editor's latest save left it (a draft revision or the page)."""
    return CabinetResolutionPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_the_editor_shows_stored_dates_in_be(admin_client, resolution):
    html = admin_client.get(edit_url(resolution)).content.decode()
    assert 'name="meeting_date" value="9 กรกฎาคม 2567"' in html
    assert 'name="published_at" value="10 กรกฎาคม 2567 00:20"' in html
    assert 'data-be-date="date"' in html and 'data-be-date="datetime"' in html
    assert "/static/js/admin-be-date.js" in html
    assert 'initDateChooser("id_meeting_date"' not in html  # Wagtail's C.E. picker is gone
    assert 'initDateTimeChooser("id_go_live_at"' not in html


@pytest.mark.parametrize(
    "typed",
    ["2567-06-18", "2024-06-18", "18 มิถุนายน 2567", "18 มิ.ย. 2567", "๑๘ มิ.ย. ๒๕๖๗", "18/6/2567", "18/6/2024"],
)
def test_a_meeting_date_typed_in_be_is_saved_as_ce(admin_client, resolution, typed):
    response = post_edit(admin_client, resolution, meeting_date=typed)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert saved(resolution).meeting_date == dt.date(2024, 6, 18)


def test_an_untouched_form_saves_the_same_dates(admin_client, resolution):
    response = post_edit(admin_client, resolution)
    assert response.status_code == 302
    page = saved(resolution)
    assert page.meeting_date == dt.date(2024, 7, 9)
    assert page.published_at == dt.datetime(2024, 7, 10, 0, 20, tzinfo=BANGKOK)


def test_a_datetime_typed_in_be(admin_client, resolution):
    response = post_edit(admin_client, resolution, published_at="๑๑ ก.ค. ๒๕๖๗ เวลา 14.30 น.")
    assert response.status_code == 302
    assert saved(resolution).published_at == dt.datetime(2024, 7, 11, 14, 30, tzinfo=BANGKOK)


def test_a_year_out_of_range_is_a_form_error_naming_the_field(admin_client, resolution):
    response = post_edit(admin_client, resolution, meeting_date="3110-07-09")
    assert response.status_code == 200
    html = response.content.decode()
    last = timezone.localdate().year + 543 + 1
    assert (
        f"วันที่ประชุมคณะรัฐมนตรี: ปี พ.ศ. 3110 (ค.ศ. 2567) อยู่นอกช่วงที่รับได้ พ.ศ. 2475–{last} — เข้าใจว่า 9 กรกฎาคม 3110"
    ) in html
    assert 'value="3110-07-09"' in html  # what was typed stays in the field to be corrected
    assert saved(resolution).meeting_date == dt.date(2024, 7, 9)


def test_an_unreadable_date_is_a_form_error_not_a_500(admin_client, resolution):
    response = post_edit(admin_client, resolution, meeting_date="ประมาณกลางปี", published_at="10 ก.ค. 2567 บ่าย")
    assert response.status_code == 200
    html = response.content.decode()
    assert "วันที่ประชุมคณะรัฐมนตรี: อ่านวันที่ «ประมาณกลางปี» ไม่ได้" in html
    assert "เวลาเผยแพร่: อ่านเวลา «บ่าย» ไม่ได้" in html


def test_a_stored_date_out_of_range_does_not_block_other_edits(admin_client, resolution):
    # saved before the guard existed (or imported): an edit of something else still saves
    CabinetResolutionPage.objects.filter(pk=resolution.pk).update(meeting_date=dt.date(1900, 1, 1))
    resolution.refresh_from_db()
    resolution.save_revision()
    response = post_edit(admin_client, resolution, outcome="เห็นชอบ")
    assert response.status_code == 302
    assert saved(resolution).outcome == "เห็นชอบ" and saved(resolution).meeting_date == dt.date(1900, 1, 1)


def test_scheduled_publishing_in_be(admin_client, resolution):
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    go_live = tomorrow.replace(hour=9, minute=0, second=0, microsecond=0)
    typed = format_typed(go_live)  # "10 กรกฎาคม 2569 09:00" as the calendar writes it
    assert str(go_live.year + 543) in typed
    response = post_edit(admin_client, resolution, go_live_at=typed)
    assert response.status_code == 302
    assert saved(resolution).go_live_at == go_live
    html = admin_client.get(edit_url(resolution)).content.decode()
    assert f'value="{typed}"' in html  # the schedule dialog shows it back in B.E.


def test_scheduling_years_ago_is_refused(admin_client, resolution):
    response = post_edit(admin_client, resolution, go_live_at="1 ม.ค. 2560 09:00")
    assert response.status_code == 200
    assert "ปี พ.ศ. 2560 (ค.ศ. 2017) อยู่นอกช่วงที่รับได้" in response.content.decode()


def test_inline_relation_dates_in_be(admin_client):
    act = make_record(type="regulation", legal_type="พระราชบัญญัติ", title="พ.ร.บ. ทดสอบวันที่ในความสัมพันธ์")
    amendment = make_record(type="regulation", legal_type="พระราชบัญญัติ", title="ฉบับแก้ไขทดสอบวันที่ในความสัมพันธ์")
    row = {
        "legal_relations-TOTAL_FORMS": "1",
        "legal_relations-INITIAL_FORMS": "0",
        "legal_relations-0-kind": "amends",
        "legal_relations-0-target": str(act.pk),
        "legal_relations-0-effective_date": "๑ ม.ค. ๒๕๖๘",
        "legal_relations-0-consolidated_text": "",
        "legal_relations-0-ORDER": "1",
        "legal_relations-0-id": "",
    }
    response = post_edit(admin_client, amendment, **row, **{"action-publish": "action-publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    relation = LegalRelation.objects.get(page=RegulationPage.objects.get(pk=amendment.pk))
    assert relation.effective_date == dt.date(2025, 1, 1)
    html = admin_client.get(edit_url(amendment)).content.decode()
    assert 'value="1 มกราคม 2568"' in html
