"""Admin "Copy" of a record page gives the copy its own identifier (instead of a 500 on the
unique identifier), and the delete rule: editors delete only their own never-published pages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from kb.models import RecordPage
from kb.moderation import EDITORS
from tests.builders import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_accounts():
    """The demo's admin, editor and reviewer accounts, made as load_demo --admin-password makes them."""
    from kb.management.commands.load_demo import Command

    Command().ensure_admin("pw")


@pytest.fixture
def admin_user():
    return get_user_model().objects.get(username="admin")


def copy_page(client, page, slug, **extra):
    data = {"new_title": f"{page.title} (สำเนา)", "new_slug": slug, "new_parent_page": page.get_parent().pk, **extra}
    return client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)


def test_admin_copy_of_a_record_gets_a_new_identifier(client, admin_user):
    source = make_record(type="regulation", identifier="reg-copy-source", title="ระเบียบต้นฉบับสำหรับทำสำเนา")
    client.force_login(admin_user)
    assert client.get(reverse("wagtailadmin_pages:copy", args=[source.pk])).status_code == 200

    first = copy_page(client, source, "reg-copy-source-a")
    second = copy_page(client, source, "reg-copy-source-b")
    assert first.status_code == 302 and second.status_code == 302

    copies = {page.slug: page for page in RecordPage.objects.filter(slug__startswith="reg-copy-source-")}
    assert copies["reg-copy-source-a"].identifier == "reg-copy-source-copy"
    assert copies["reg-copy-source-b"].identifier == "reg-copy-source-copy-2"
    source.refresh_from_db()
    assert source.identifier == "reg-copy-source"
    copy = copies["reg-copy-source-a"].specific
    assert not copy.live and copy.legal_type == source.legal_type
    # The copy's latest revision carries the new identifier, so publishing it does not collide.
    assert copy.get_latest_revision_as_object().identifier == "reg-copy-source-copy"
    copy.save_revision(user=admin_user).publish()
    copy.refresh_from_db()
    assert copy.live and copy.identifier == "reg-copy-source-copy"

    messages = [str(m) for m in second.wsgi_request._messages]
    assert any("reg-copy-source-copy-2" in m for m in messages)


def test_copy_keeps_the_identifier_within_its_length(client, admin_user):
    source = make_record(identifier="n" * 120, title="ข่าวรหัสยาวสุด")
    client.force_login(admin_user)
    assert copy_page(client, source, "long-identifier-copy").status_code == 302
    copy = RecordPage.objects.get(slug="long-identifier-copy")
    assert len(copy.identifier) <= 120 and copy.identifier.endswith("-copy")


def test_record_pages_cannot_be_aliased(client, admin_user):
    source = make_record(identifier="alias-source", title="ข่าวที่ไม่ควรมีนามแฝง")
    client.force_login(admin_user)
    response = copy_page(client, source, "alias-source-alias", alias="on")
    assert response.status_code == 302
    assert not Page.objects.filter(slug="alias-source-alias").exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("alias" in m and "รหัสอ้างอิง" in m for m in messages)


# ----------------------------------------------------------------------------- deleting


@pytest.fixture
def editor():
    return get_user_model().objects.get(username="editor")


@pytest.fixture
def other_editor():
    user = get_user_model().objects.create_user("editor-two", "two@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def owned_draft(owner, identifier, published_before=False):
    page = make_record(identifier=identifier, title=f"ร่างของ {owner.username}", publish=published_before)
    page.owner = owner
    page.save()
    if published_before:
        page.unpublish()
    page.refresh_from_db()
    return page


def delete(client, user, page):
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def test_editor_deletes_own_never_published_draft(client, editor):
    page = owned_draft(editor, "del-own")
    assert page.permissions_for_user(editor).can_delete()
    response = delete(client, editor, page)
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("case", ["someone_elses_draft", "own_withdrawn_page"])
def test_editor_cannot_delete_others_or_once_published_pages(client, editor, other_editor, case):
    page = (
        owned_draft(other_editor, "del-other")
        if case == "someone_elses_draft"
        else owned_draft(editor, "del-withdrawn", published_before=True)
    )
    assert not page.live
    assert not Page.objects.get(pk=page.pk).permissions_for_user(editor).can_delete()
    response = delete(client, editor, page)
    assert Page.objects.filter(pk=page.pk).exists()
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("ขออภัย" in m for m in messages)  # Wagtail's Thai "no permission"
    # No delete button for it in the editor's listing of its section.
    listing = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk])).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[page.pk]) not in listing


def test_editor_cannot_delete_a_section_holding_someone_elses_draft(client, editor, other_editor):
    from home.models import SectionPage

    ethics = SectionPage.objects.get(section="ethics", depth=3)
    section = ethics.add_child(
        instance=SectionPage(
            title="หมวดของบรรณาธิการ", slug="editors-section", section="ethics", live=False, owner=editor
        )
    )
    child = make_record(type="page", title="หน้าของคนอื่น", section="ethics", publish=False)
    child.move(section, pos="last-child")
    Page.objects.filter(pk=child.pk).update(owner=other_editor)
    assert not section.permissions_for_user(editor).can_delete(ignore_bulk=True)


def test_reviewer_and_admin_keep_wagtails_rules(client, other_editor, admin_user):
    reviewer = get_user_model().objects.get(username="reviewer")
    page = owned_draft(other_editor, "del-by-reviewer", published_before=True)
    assert page.permissions_for_user(reviewer).can_delete()
    assert page.permissions_for_user(admin_user).can_delete()
    delete(client, reviewer, page)
    assert not Page.objects.filter(pk=page.pk).exists()
