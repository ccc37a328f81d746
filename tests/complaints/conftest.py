"""Fixtures of the complaint tests: the demo complaint page, a private evidence folder per
test and users of each role (test data: complaint_data.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from complaints.models import ComplaintPage
from complaints.services import OFFICERS
from kb.moderation import ADMINISTRATORS, EDITORS, REVIEWERS


@pytest.fixture(autouse=True)
def files_root(settings, tmp_path):
    """Evidence files of each test in a folder of their own (outside MEDIA_ROOT)."""
    settings.COMPLAINTS_FILES_ROOT = tmp_path / "complaint-files"
    return settings.COMPLAINTS_FILES_ROOT


@pytest.fixture
def complaint_page(db):
    return ComplaintPage.objects.get(slug="complaint")


def member_of(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def officer(db):
    return member_of(OFFICERS, "officer-test")


@pytest.fixture
def editor(db):
    return member_of(EDITORS, "editor-complaints")


@pytest.fixture
def reviewer(db):
    return member_of(REVIEWERS, "reviewer-complaints")


@pytest.fixture
def administrator(db):
    return member_of(ADMINISTRATORS, "administrator-complaints")
