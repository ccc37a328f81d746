"""Listings of other pages on public pages (related records, index pages, home, section
pages, main menu, breadcrumbs) show only pages anyone may see: never the title or URL of
a draft, unpublished, expired or restricted page (login, password, groups, private parent)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import HomePage, SectionPage
from kb.models import RelatedRecord
from tests.builders import make_record

pytestmark = pytest.mark.django_db

# Newer than any demo record, so a visible target tops the home page's and the index's lists.
FUTURE = "2099-12-31"


def restrict(page, kind):
    if kind == "groups":
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.add(Group.objects.get(name__startswith="ผู้ตรวจทาน"))
    elif kind == "password":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    else:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def private_section(title, restriction="login"):
    """A sub-section of the ethics centre behind a view restriction."""
    ethics = SectionPage.objects.get(section="ethics", depth=3)
    section = ethics.add_child(instance=SectionPage(title=title, slug="private-section", section="ethics"))
    restrict(section, restriction)
    return section


def make_target(state, title):
    """A record in the given state."""
    if state == "draft":
        return make_record(type="news", title=title, date=FUTURE, publish=False)
    if state == "private_parent":
        page = make_record(type="page", title=title, section="ethics")
        page.move(private_section("หมวดลับสำหรับทดสอบ"), pos="last-child")
        page.refresh_from_db()
        return page
    page = make_record(type="news", title=title, date=FUTURE)
    if state in ("login", "password", "groups"):
        restrict(page, state)
    elif state == "unpublished":
        page.unpublish()
    elif state == "expired":
        page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        page.save_revision().publish()
        call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    return page


def public_pages_listing(target):
    """The public pages that would list `target`: a record that relates to it, its parent's
    listing (unless the parent is the private one), the home page."""
    source = make_record(type="news", title="ข่าวที่อ้างถึงเอกสารอื่น")
    RelatedRecord.objects.create(page=source, target=target)
    parent = target.get_parent()
    parent_is_public = not PageViewRestriction.objects.filter(page=parent).exists()
    return [source.get_url(), parent.get_url() if parent_is_public else None, "/"]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


STATES = ["login", "password", "groups", "private_parent", "expired", "unpublished", "draft"]


@pytest.mark.parametrize("state", STATES)
def test_no_listing_on_a_public_page_shows_a_page_anyone_may_not_see(client, state):
    title = f"เอกสารลับ-{state}-ไม่ควรปรากฏ"
    target = make_target(state, title)
    url = target.get_url()  # where it would be if it were public
    for page_url in filter(None, public_pages_listing(target)):
        html = html_of(client, page_url)
        assert title not in html, (state, page_url)
        assert f'href="{url}"' not in html, (state, page_url)
    if state == "private_parent":  # the ethics centre lists its children, not the private one's
        html = html_of(client, target.get_parent().get_parent().get_url())
        assert "หมวดลับสำหรับทดสอบ" not in html


def test_a_public_target_is_listed_everywhere(client):
    """The control: the same set-up with a public target lists it on each page."""
    target = make_target("public", "เอกสารสาธารณะที่ต้องปรากฏ")
    for page_url in public_pages_listing(target):
        html = html_of(client, page_url)
        assert target.title in html, page_url
        assert f'href="{target.get_url()}"' in html, page_url


def test_related_records_keep_the_editors_order(client):
    first, second = make_record(title="ลำดับที่หนึ่ง"), make_record(title="ลำดับที่สอง")
    source = make_record(title="ข่าวต้นทาง")
    RelatedRecord.objects.create(page=source, target=second, sort_order=0)
    RelatedRecord.objects.create(page=source, target=first, sort_order=1)
    html = html_of(client, source.get_url())
    assert html.index("ลำดับที่สอง") < html.index("ลำดับที่หนึ่ง")


@pytest.mark.parametrize("state", ["login", "groups", "expired", "unpublished"])
def test_main_menu_shows_only_sections_anyone_may_see(client, state):
    home = HomePage.objects.get()
    title = f"เมนูลับ-{state}"
    section = home.add_child(
        instance=SectionPage(title=title, slug=f"menu-{state}", section="organisation", show_in_menus=True)
    )
    section.save_revision().publish()
    if state in ("login", "groups"):
        restrict(section, state)
    elif state == "unpublished":
        section.unpublish()
    else:
        section.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        section.save_revision().publish()
        call_command("publish_scheduled", verbosity=0)
    for url in ("/", "/news/"):
        html = html_of(client, url)
        assert title not in html
        assert 'href="/menu-' not in html


def test_breadcrumbs_skip_a_draft_ancestor(client):
    """A live page under an unpublished section is still served; the section's title is not shown."""
    ethics = SectionPage.objects.get(section="ethics", depth=3)
    middle = ethics.add_child(
        instance=SectionPage(title="หมวดกลางที่ถอนการเผยแพร่", slug="withdrawn-middle", section="ethics")
    )
    middle.save_revision().publish()
    page = make_record(type="page", title="หน้าใต้หมวดที่ถอนแล้ว", section="ethics")
    page.move(middle, pos="last-child")
    middle.refresh_from_db()
    middle.unpublish()  # the page itself stays live
    page.refresh_from_db()
    assert page.live
    html = html_of(client, page.get_url())
    assert "หน้าใต้หมวดที่ถอนแล้ว" in html
    assert "หมวดกลางที่ถอนการเผยแพร่" not in html
    assert ethics.title in html  # the visible ancestors are still there
