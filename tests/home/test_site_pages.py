"""The site's information pages (contact, policies, accessibility, HTML sitemap), the footer
links to them, the text-size control and the Thai 404 (home/site_pages.py)."""

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from home.models import HomePage, SitePage
from home.site_pages import MINISTRY_ADDRESS, SITE_PAGES, ensure_site_pages
from kb.models import RecordPage, visible_to_public
from tests.builders import make_record

pytestmark = pytest.mark.django_db

URLS = ["/contact/", "/privacy/", "/website-policy/", "/accessibility/", "/sitemap/"]


@pytest.fixture
def site_pages():
    return ensure_site_pages(HomePage.objects.get())


def test_each_page_is_published_outside_the_menus_and_renders(client, site_pages):
    assert [page.url for page in site_pages] == URLS
    for page in SitePage.objects.filter(pk__in=[page.pk for page in site_pages]):
        assert page.live and not page.show_in_menus and not page.has_unpublished_changes
    for url, spec in zip(URLS, SITE_PAGES, strict=True):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f"<h1>{spec['title']}</h1>" in html
        assert "Content-Security-Policy" in response


def test_ensure_site_pages_is_idempotent_and_keeps_staff_edits(site_pages):
    contact = SitePage.objects.get(slug="contact")
    contact.title = "ติดต่อกระทรวง"
    contact.save_revision().publish()
    before = Page.objects.count()
    again = ensure_site_pages(HomePage.objects.get())
    assert Page.objects.count() == before
    assert [page.pk for page in again] == [page.pk for page in site_pages]
    assert SitePage.objects.get(slug="contact").title == "ติดต่อกระทรวง"


def test_contact_shows_the_ministry_address_and_no_invented_numbers(client, site_pages):
    html = client.get("/contact/").content.decode()
    assert "<address" in html
    assert "เลขที่ 120 หมู่ 3 ถนนแจ้งวัฒนะ" in html and "ศูนย์ราชการเฉลิมพระเกียรติ" in html
    contact = SitePage.objects.get(slug="contact")
    assert contact.address == MINISTRY_ADDRESS
    assert contact.phone == "" and contact.email == ""  # left for staff: none in the seeds
    assert "tel:" not in html


def test_contact_links_phone_and_email_when_filled(client, site_pages):
    contact = SitePage.objects.get(slug="contact")
    contact.phone, contact.email = "๐ ๒๑๔๑ ๖๗๔๗", "info@example.go.th"
    contact.save_revision().publish()
    html = client.get("/contact/").content.decode()
    assert 'href="tel:021416747"' in html
    assert 'href="mailto:info@example.go.th"' in html


def test_privacy_policy_says_what_the_site_stores(client, site_pages):
    html = client.get("/privacy/").content.decode()
    assert "localStorage" in html and "คุกกี้" in html and "log" in html
    assert "ไม่ใช่คำแนะนำทางกฎหมาย" in html


def test_html_sitemap_lists_public_pages_only(client, site_pages):
    draft = make_record(publish=False, identifier="html-sitemap-draft")
    private = make_record(identifier="html-sitemap-private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    home = HomePage.objects.get()

    response = client.get("/sitemap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-label="แผนผังเว็บไซต์"' in html
    for page in visible_to_public(home.get_children()):
        assert f'href="{page.url}"' in html, page.url
    for record in RecordPage.objects.live().public().exclude(pk=private.pk):
        assert f'href="{record.url}"' in html, record.url
    assert draft.slug not in html and private.slug not in html


def test_html_sitemap_limits_index_children(client, site_pages, monkeypatch):
    import home.site_pages as module

    monkeypatch.setattr(module, "INDEX_CHILDREN_LIMIT", 1)
    tree = module.sitemap_tree(HomePage.objects.get())
    index = next(node for node in tree if node["more"])
    assert len(index["children"]) == 1
    html = client.get("/sitemap/").content.decode()
    assert "ดูทั้งหมด" in html


def test_footer_links_and_text_size_control(client, site_pages):
    html = client.get("/").content.decode()
    for url in URLS:
        assert f'<a href="{url}">' in html, url
    assert 'href="/sitemap.xml"' in html and "sitemap.xml (สำหรับเครื่องมือค้นหา)" in html
    for label in ("ก-", "ก", "ก+"):
        assert f">{label}</button>" in html
    assert html.count("data-text-size=") == 3 and 'aria-pressed="true"' in html
    assert 'aria-label="ขนาดตัวอักษร"' in html
    assert "js/text-size.js" in html and "js/site.js" in html
    head = html.split("</head>")[0]
    assert "js/text-size.js" in head and "<script>" not in html  # no inline script (CSP)


def test_404_is_thai_in_the_site_layout():
    response = Client(raise_request_exception=False).get("/ไม่มีหน้านี้เลย/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="th">' in html and "ไม่พบหน้าที่ต้องการ" in html
    assert "css/site.css" in html and 'action="/search/"' in html
    assert "Not Found</h1>" not in html


def test_the_complaint_form_is_linked_from_the_footer_the_guide_and_the_centre(client, site_pages):
    guide = RecordPage.objects.get(identifier="page-corruption-complaint-guide")
    for url in ("/", guide.url, "/anti-corruption-centre/"):
        html = client.get(url).content.decode()
        assert 'href="/complaint/"' in html and 'href="/complaint/status/"' in html, url
    assert "complaint-cta-heading" in client.get(guide.url).content.decode()  # the box, beside the guide
    # pages outside the centre show only the footer's links
    other = RecordPage.objects.get(identifier="page-digital-mou-programme")
    assert "complaint-cta-heading" not in client.get(other.url).content.decode()
    assert client.get("/complaint/").status_code == 200
    assert 'href="/complaint/"' in client.get("/sitemap/").content.decode()
