"""Who may do what around complaints: the officers' e-mail list is not a page editor's to
change (new-complaint notices go there), and nobody but purge_complaints deletes a complaint."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from complaints.models import Complaint, ComplaintPage
from complaints.services import file_complaint, officer_recipients
from kb.moderation import ADMINISTRATORS
from tests.admin_forms import _FormFields
from tests.complaints.complaint_data import complaint_data, pdf_bytes, upload

pytestmark = pytest.mark.django_db
ATTACKER = "editor-inbox@example.invalid"
DELETES = ["delete_complaint", "delete_complaintnote", "delete_evidencefile"]


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    parser = _FormFields()
    parser.feed(html)
    data = {k: v for k, v in parser.data.items() if "__prefix__" not in k and not k.startswith("action-")}
    return html, data


def test_an_editor_can_neither_see_nor_change_the_officers_emails(client, complaint_page, editor):
    before = complaint_page.officer_emails
    assert before  # the demo page has one
    client.force_login(editor)
    html, data = edit_form(client, complaint_page)
    assert 'name="intro"' in html  # the editor does edit the page
    assert 'name="officer_emails"' not in html and before not in html

    # A crafted POST: the rendered form plus the field, saved as a draft (editors do not publish).
    data.update(officer_emails=ATTACKER, intro="คำแนะนำที่แก้โดยบรรณาธิการ")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[complaint_page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ComplaintPage.objects.get(pk=complaint_page.pk)
    draft = page.get_latest_revision_as_object()
    assert draft.intro == "คำแนะนำที่แก้โดยบรรณาธิการ"  # the POST was taken: only the field was not
    assert draft.officer_emails == before and page.officer_emails == before
    page.get_latest_revision().publish()  # a reviewer publishing the editor's draft
    assert ComplaintPage.objects.get(pk=page.pk).officer_emails == before
    assert ATTACKER not in officer_recipients(ComplaintPage.objects.get(pk=page.pk))


@pytest.mark.parametrize("who", ["admin_user", "administrator"])
def test_those_who_manage_complaints_do_change_it(client, complaint_page, who, request):
    client.force_login(request.getfixturevalue(who))
    html, data = edit_form(client, complaint_page)
    assert 'name="officer_emails"' in html
    data.update({"officer_emails": "new-officers@example.invalid", "action-publish": "action-publish"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[complaint_page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ComplaintPage.objects.get(pk=complaint_page.pk).officer_emails == "new-officers@example.invalid"


def test_no_group_or_user_may_delete_complaints(administrator):
    assert not Permission.objects.filter(content_type__app_label="complaints", codename__in=DELETES).exists()
    administrators = Group.objects.get(name=ADMINISTRATORS)
    assert administrators.permissions.filter(content_type__app_label="complaints", codename="change_complaint")
    assert not administrator.has_perm("complaints.delete_complaint")
    assert not administrators.permissions.filter(codename__in=DELETES).exists()


def test_the_data_migration_takes_delete_away_from_administrators(administrator):
    """As on a site migrated before 0003: Administrators (and a user) hold the delete permissions."""
    from django.contrib.contenttypes.models import ContentType

    granted = []
    for codename in DELETES:
        model = codename.removeprefix("delete_")
        content_type = ContentType.objects.get(app_label="complaints", model=model)
        granted.append(
            Permission.objects.create(codename=codename, name=f"Can delete {model}", content_type=content_type)
        )
    Group.objects.get(name=ADMINISTRATORS).permissions.add(*granted)
    administrator.user_permissions.add(granted[0])

    migration = importlib.import_module("complaints.migrations.0003_no_delete_permission")
    migration.forwards(apps, None)

    assert not Permission.objects.filter(codename__in=DELETES, content_type__app_label="complaints").exists()
    assert not Group.objects.get(name=ADMINISTRATORS).permissions.filter(codename__in=DELETES).exists()
    assert Group.objects.get(name=ADMINISTRATORS).permissions.filter(codename="view_complaint").exists()


def test_the_admin_offers_no_deletion_even_to_a_superuser(client, complaint_page, admin_user):
    complaint, _code = file_complaint(
        {**complaint_data(), "anonymous": False, "evidence": [(upload("a.pdf", pdf_bytes()), "pdf")]}
    )
    client.force_login(admin_user)
    detail_url = reverse("complaints_admin:detail", args=[complaint.pk])
    html = client.get(detail_url).content.decode()
    assert not re.findall(r'(?:href|action|formaction)="[^"]*delete[^"]*"', html, re.IGNORECASE)
    assert client.delete(detail_url).status_code == 405
    evidence_url = reverse("complaints_admin:evidence", args=[complaint.pk, complaint.evidence.get().pk])
    assert client.delete(evidence_url).status_code == 405
    assert client.post(evidence_url).status_code == 405
    client.post(detail_url, {"status": "closed", "note": "", "action": "delete", "delete": "1"})
    assert Complaint.objects.filter(pk=complaint.pk).exists() and complaint.evidence.exists()
    assert client.get(f"/admin/complaints/{complaint.pk}/delete/").status_code == 404
