import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from kb.models import RecordPage
from tests.builders import make_record

pytestmark = pytest.mark.django_db


def test_load_demo_twice_gives_the_same_pages(demo_site):
    before = Page.objects.count()
    live = Page.objects.live().count()
    call_command("load_demo", "--no-index", verbosity=0)
    assert Page.objects.count() == before
    assert Page.objects.live().count() == live
    assert RecordPage.objects.count() == 38


def test_demo_tree_counts(demo_site):
    from home.models import SectionPage

    assert RecordPage.objects.live().count() == 38
    assert SectionPage.objects.count() == 3
    # 7 kind indexes, 3 sections, and the government-website pages (contact, privacy, website
    # policy, accessibility, HTML sitemap) and the complaint form
    assert demo_site.get_children().live().count() == 16


def test_sitemap_lists_every_live_public_page_and_nothing_else(client):
    draft = make_record(publish=False, identifier="sitemap-draft")
    private = make_record(identifier="sitemap-private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for page in RecordPage.objects.live().public():
        assert page.full_url in xml
    assert "sitemap-draft" not in xml and draft.slug not in xml
    assert "sitemap-private" not in xml
