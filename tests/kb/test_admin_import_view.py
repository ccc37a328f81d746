"""The admin screen "นำเข้ามติ ครม.": paste, preview what was understood, correct, save a
draft through the same code as `manage.py import_resolution`; editors only."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision

from kb.importers.resolutions import IMPORT_ACTION
from kb.models import CabinetResolutionPage, RecordPage
from kb.moderation import EDITORS, REVIEWERS
from tests.admin_forms import _FormFields

pytestmark = pytest.mark.django_db

SEED_TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "resolution_002.txt").read_text(encoding="utf-8")
DEMO_ID = "cr-2567-07-09-adgmin4"
FIELDS = (
    "title",
    "meeting_date",
    "outcome",
    "proposer",
    "chair",
    "category",
    "published_at",
    "agency",
    "disclaimer",
    "identifier",
    "slug",
)


def url():
    return reverse("kb_import_resolution")


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor():
    return user_in(EDITORS, "import-editor")


@pytest.fixture
def outsider():
    """May open the admin, but has no rights on any page."""
    user = get_user_model().objects.create_user("import-outsider", "outsider@example.invalid", "pw")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


def form_data(html, **changes):
    """The form as the browser would send it back (inputs and textarea as rendered)."""
    parser = _FormFields()
    parser.feed(html)
    data = {k: v for k, v in parser.data.items() if k != "csrfmiddlewaretoken"}
    data.update(changes)
    return data


def preview(client, text=SEED_TEXT):
    return client.post(url(), {"text": text, "action": "preview"})


def snapshot(page):
    """What an import decides: the fields and the body's block types, from the newest revision."""
    page = CabinetResolutionPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return {name: getattr(page, name) for name in FIELDS}, [b.block_type for b in page.body], page.body_text()


def counts():
    return RecordPage.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()


def test_screen_and_menu_item_for_an_editor(client, editor):
    client.force_login(editor)
    response = client.get(url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "นำเข้ามติ ครม." in html and 'name="text"' in html and "ตรวจสอบ" in html
    assert url() in client.get(reverse("wagtailadmin_home")).content.decode()  # the menu links to it


def test_preview_shows_the_parsed_fields_and_structure_and_writes_nothing(client, editor):
    client.force_login(editor)
    before = counts()
    response = preview(client)
    html = response.content.decode()
    assert response.status_code == 200
    for value in (
        "ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง",
        'value="9 กรกฎาคม 2567"',
        'value="รับทราบ"',
        "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดศ.)",
        "นายเศรษฐา ทวีสิน (นายกรัฐมนตรี)",
        'value="มติ ครม."',
        "10 กรกฎาคม 2567 เวลา 00:20 น.",
    ):
        assert value in html, value
    # the structure: tables rendered as tables, counts, footnotes, disclaimer
    assert html.count('<table class="kb-import__table"') == 2
    assert '<th scope="col">ประเทศคู่เจรจา</th>' in html and "<td>สาธารณรัฐประชาธิปไตยประชาชนลาว (สปป.ลาว)</td>" in html
    assert "11 แถว × 2 คอลัมน์" in html and "6 แถว × 2 คอลัมน์" in html
    assert "เชิงอรรถ" in html and "โปรดตรวจสอบมติคณะรัฐมนตรีที่เป็นทางการ" in html
    assert "2.1.1 การนำเสนอนโยบาย" in html
    # the demo already holds this resolution: the screen says it will be updated, not duplicated
    assert DEMO_ID in html and "มีอยู่แล้ว" in html
    assert 'value="create"' in html
    assert counts() == before


def test_parse_error_is_shown_in_thai_and_english_and_the_text_is_kept(client, editor):
    client.force_login(editor)
    text = SEED_TEXT.replace("ที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี) 9 กรกฎาคม 2567", "")
    before = counts()
    response = preview(client, text)
    html = response.content.decode()
    assert response.status_code == 200
    assert "ไม่พบวันที่ประชุมคณะรัฐมนตรี" in html and "meeting date not found" in html
    assert 'role="alert"' in html
    assert "ผลการหารือทวิภาคี" in html  # the pasted text is still in the textarea
    assert form_data(html)["text"].strip() == text.strip()
    assert 'value="create"' not in html
    assert counts() == before


def test_empty_text_is_refused(client, editor):
    client.force_login(editor)
    html = preview(client, "   ").content.decode()
    assert "ยังไม่ได้วางข้อความ" in html and "the resolution text is empty" in html


def test_create_saves_the_same_page_as_the_command(client, editor):
    demo = CabinetResolutionPage.objects.get(identifier=DEMO_ID)
    call_command(
        "import_resolution",
        str(Path(__file__).resolve().parents[1] / "fixtures" / "resolution_002.txt"),
        verbosity=0,
        stdout=None,
    )
    by_command = snapshot(demo)

    client.force_login(editor)
    pages = CabinetResolutionPage.objects.count()
    revisions = Revision.page_revisions.filter(object_id=str(demo.pk)).count()
    response = client.post(url(), form_data(preview(client).content.decode(), action="create"))

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[demo.pk])
    assert CabinetResolutionPage.objects.count() == pages
    assert Revision.page_revisions.filter(object_id=str(demo.pk)).count() == revisions + 1
    assert snapshot(demo) == by_command
    entry = PageLogEntry.objects.filter(page=demo, action=IMPORT_ACTION).first()
    assert entry.user == editor and entry.data["via"] == "admin"
    demo.refresh_from_db()
    assert demo.live and demo.has_unpublished_changes  # never published from this screen
    assert demo.live_revision.pk != demo.latest_revision.pk
    followed = client.get(response["Location"])
    assert "บันทึกฉบับร่างใหม่" in followed.content.decode()  # the success message on the edit view


def test_the_editors_corrections_override_the_parsed_fields(client, editor):
    CabinetResolutionPage.objects.get(identifier=DEMO_ID).delete()  # a fresh resolution
    client.force_login(editor)
    data = form_data(
        preview(client).content.decode(),
        action="create",
        **{
            "r-chair": "นายเศรษฐา ทวีสิน",
            "r-outcome": "รับทราบผลการประชุม",
            "r-meeting_date": "๙ ก.ค. ๖๗",
            "r-title": "ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4",
        },
    )
    response = client.post(url(), data)
    page = CabinetResolutionPage.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-2]))
    assert not page.live
    assert (page.title, page.chair, page.outcome, page.meeting_date.isoformat()) == (
        "ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4",
        "นายเศรษฐา ทวีสิน",
        "รับทราบผลการประชุม",
        "2024-07-09",
    )
    assert page.owner == editor
    assert [b.block_type for b in page.body].count("table") == 2


def test_invalid_field_is_named_and_nothing_is_written(client, editor):
    client.force_login(editor)
    before = counts()
    data = form_data(preview(client).content.decode(), action="create", **{"r-meeting_date": "ยังไม่ทราบ"})
    html = client.post(url(), data).content.decode()
    assert "วันที่ประชุม (Meeting date): อ่านวันที่ไม่ได้" in html and "cannot read the date" in html
    assert "ผลการหารือทวิภาคี" in html  # text and preview still there
    assert counts() == before


def test_a_locked_page_is_not_overwritten(client, editor, django_user_model):
    demo = CabinetResolutionPage.objects.get(identifier=DEMO_ID)
    demo.locked, demo.locked_by = True, django_user_model.objects.create_user("locker", "l@example.invalid", "pw")
    demo.save()
    client.force_login(editor)
    before = counts()
    html = preview(client).content.decode()
    assert "ถูกล็อก" in html  # warned at preview already
    html = client.post(url(), form_data(html, action="create")).content.decode()
    assert "ถูกล็อก" in html and "locked or in review" in html
    assert counts() == before


def test_reviewers_may_import_too(client):
    client.force_login(user_in(REVIEWERS, "import-reviewer"))
    assert client.get(url()).status_code == 200


def test_without_permission_the_screen_is_refused(client, outsider):
    client.force_login(outsider)
    response = client.get(url())
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != url()
    assert url() not in client.get(reverse("wagtailadmin_home")).content.decode()  # no menu item either
    before = counts()
    response = client.post(
        url(), {"text": SEED_TEXT, "action": "create", "r-title": "x", "r-meeting_date": "2024-07-09"}
    )
    assert response.status_code in (302, 403)
    assert counts() == before


def test_anonymous_users_go_to_the_login_page(client):
    response = client.get(url())
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]
