"""The reviewer's actions in Thai (locale/th/LC_MESSAGES/django.po, found through LOCALE_PATHS):
Wagtail's Thai catalog says ยืนยัน for Approve and leaves "Request changes" in English."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupApprovalTask, TaskState

from kb.moderation import EDITORS, REVIEW_TASK, REVIEWERS
from tests.admin_forms import edit_form_data
from tests.builders import make_record

pytestmark = pytest.mark.django_db
THAI_ACTIONS = ["ส่งกลับให้แก้ไข", "อนุมัติ", "อนุมัติพร้อมความเห็น"]


def member_of(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_review_task_actions_are_thai():
    task = GroupApprovalTask.objects.get(name=REVIEW_TASK)
    reviewer = member_of(REVIEWERS, "labels-reviewer")
    page = make_record(
        type="cabinet_resolution", identifier="cr-labels-task", title="ทดสอบป้ายการตรวจทาน", publish=False
    )
    with translation.override("th"):
        labels = [str(label) for _, label, _ in task.get_actions(page, reviewer)]
    assert labels == THAI_ACTIONS
    with translation.override("en"):  # English stays English
        assert [str(label) for _, label, _ in task.get_actions(page, reviewer)][0] == "Request changes"


def test_the_reviewer_sees_thai_buttons_in_the_editor(client):
    editor, reviewer = member_of(EDITORS, "labels-editor"), member_of(REVIEWERS, "labels-reviewer2")
    page = make_record(type="cabinet_resolution", identifier="cr-labels", title="ทดสอบปุ่มของผู้ตรวจทาน", publish=False)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(editor)
    client.post(url, edit_form_data(client.get(url).content.decode(), ["ขอส่งตรวจทาน"], **{"action-submit": "1"}))
    assert TaskState.objects.filter(revision__object_id=str(page.pk), status="in_progress").exists()

    client.force_login(reviewer)
    html = re.sub(r"\s+", " ", client.get(url).content.decode())
    # the action menu: reject, approve (and publish), approve with a comment (and publish)
    assert 'data-workflow-action-name="reject"' in html
    buttons = re.findall(r'data-workflow-action-name="(\w+)"[^>]*>\s*<svg.*?</svg>\s*([^<]+?)\s*</button>', html)
    assert buttons == [
        ("reject", "ส่งกลับให้แก้ไข"),
        ("approve", "อนุมัติ และเผยแพร่"),
        ("approve", "อนุมัติพร้อมความเห็น และเผยแพร่"),
    ]
    assert "Request changes" not in html and "Approve with comment" not in html
    assert f"ส่งให้ {REVIEW_TASK} ตรวจทาน" in html  # the status panel
