"""Roles and the review workflow: editors submit, reviewers approve or reject, and only
published pages reach search, API and sitemap. Driven through Wagtail's admin views."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from kb.models import CabinetResolutionIndexPage, CabinetResolutionPage, RegulationIndexPage
from kb.moderation import ADMINISTRATORS, EDITORS, REVIEW_WORKFLOW, REVIEWERS
from tests.admin_forms import edit_form_data
from tests.builders import make_record

pytestmark = pytest.mark.django_db
TITLE = "ร่างมติคณะรัฐมนตรีเรื่องการทดสอบขั้นตอนการตรวจทาน"


def member_of(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor():
    return member_of(EDITORS, "editor-test")


@pytest.fixture
def reviewer():
    return member_of(REVIEWERS, "reviewer-test")


@pytest.fixture
def draft(editor):
    page = make_record(type="cabinet_resolution", identifier="cr-moderation", title=TITLE, publish=False)
    assert not page.live
    return page


def submit(client, page, user, paragraph="คณะรัฐมนตรีรับทราบผลการทดสอบ"):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(client.get(url).content.decode(), [paragraph], **{"action-submit": "1"})
    return client.post(url, data)


def workflow_action(client, page, user, action, comment=""):
    client.force_login(user)
    task_state = TaskState.objects.get(revision__object_id=str(page.pk), status="in_progress")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment} if comment else {})


def public_view(client, page):
    client.logout()
    api = client.get("/api/search/", {"q": "การทดสอบขั้นตอนการตรวจทาน"}).json()
    return {
        "api": "cr-moderation" in [hit["identifier"] for hit in api["results"]],
        "sitemap": page.url_path.split("/")[-2] in client.get("/sitemap.xml").content.decode(),
    }


def test_the_three_groups_exist_with_their_rights():
    rights = {
        name: set(Group.objects.get(name=name).page_permissions.values_list("permission__codename", flat=True))
        for name in (EDITORS, REVIEWERS, ADMINISTRATORS)
    }
    assert rights[EDITORS] == {"add_page", "change_page"}
    assert {"publish_page", "change_page"} <= rights[REVIEWERS]
    assert "bulk_delete_page" in rights[ADMINISTRATORS]
    for name in rights:
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()


def test_review_workflow_covers_resolutions_and_regulations():
    for model in (CabinetResolutionIndexPage, RegulationIndexPage):
        workflow = model.objects.get().get_workflow()
        assert workflow.name == REVIEW_WORKFLOW
        assert [task.specific.groups.get().name for task in workflow.tasks.all()] == [REVIEWERS]


def test_editor_cannot_publish_a_resolution(client, draft, editor):
    assert not draft.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    data = edit_form_data(client.get(url).content.decode(), ["แก้ไขโดยบรรณาธิการ"], **{"action-publish": "1"})
    client.post(url, data)
    draft.refresh_from_db()
    assert not draft.live
    assert draft.get_latest_revision().content["title"] == TITLE  # saved as a draft, never published


def test_editor_submits_and_reviewer_approves(client, draft, editor, reviewer, django_capture_on_commit_callbacks):
    response = submit(client, draft, editor)
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == "in_progress" and state.requested_by == editor
    assert public_view(client, draft) == {"api": False, "sitemap": False}

    with django_capture_on_commit_callbacks(execute=True):  # the index is updated on commit
        response = workflow_action(client, draft, reviewer, "approve", "ถูกต้องครบถ้วน")
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.live
    assert public_view(client, draft) == {"api": True, "sitemap": True}
    actions = list(PageLogEntry.objects.filter(page=draft).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= set(actions)


def test_reviewer_rejects_with_a_comment(client, draft, editor, reviewer):
    submit(client, draft, editor)
    workflow_action(client, draft, reviewer, "reject", "โปรดแก้ไขชื่อหน่วยงานที่เสนอ")
    draft.refresh_from_db()
    assert not draft.live
    task_state = TaskState.objects.filter(revision__object_id=str(draft.pk)).latest("started_at")
    assert task_state.status == "rejected"
    assert task_state.comment == "โปรดแก้ไขชื่อหน่วยงานที่เสนอ"
    assert PageLogEntry.objects.filter(page=draft, action="wagtail.workflow.reject").exists()


def test_editor_cannot_approve(client, draft, editor):
    submit(client, draft, editor)
    response = workflow_action(client, draft, editor, "approve")
    draft.refresh_from_db()
    assert response.status_code in (302, 403) and not draft.live  # refused (redirect with a message)
    assert TaskState.objects.get(revision__object_id=str(draft.pk)).status == "in_progress"


def test_revision_comparison_marks_thai_words(client, draft):
    admin = get_user_model().objects.create_superuser("compare-admin", "c@example.invalid", "pw")
    first = draft.get_latest_revision()
    page = CabinetResolutionPage.objects.get(pk=draft.pk)
    page.title = TITLE.replace("การทดสอบ", "การตรวจสอบ")
    second = page.save_revision(user=admin)
    client.force_login(admin)
    html = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    ).content.decode()
    # Whole Thai words are marked, not scattered letters.
    assert 'เรื่องการ<span class="deletion">ทดสอบ</span><span class="addition">ตรวจสอบ</span>ขั้นตอน' in html
