"""The line-break step on real answers: public pages (the footer included) get it; the
admin, JSON, XML and files do not; the page layout puts the metadata and filters first."""

import re

import pytest

from kb.models import CabinetResolutionPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("line_breaks_on")]


@pytest.fixture
def line_breaks_on(settings):
    settings.THAI_LINE_BREAKS = True  # the test settings turn the step off for the other tests


DEMO_ID = "cr-2567-07-09-adgmin4"


@pytest.fixture
def resolution():
    return CabinetResolutionPage.objects.get(identifier=DEMO_ID)


def test_record_page_heading_body_and_footer_have_word_breaks(client, resolution):
    html = client.get(resolution.url).content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert "<wbr>" in h1 and '<span class="tw">' in h1
    assert re.sub(r"<[^>]*>", "", h1) == resolution.title
    footer = html[html.index("<footer") :]
    assert '<span class="tw">ราชกิจจานุเบกษา' in footer or "<wbr>ราชกิจจานุเบกษา" in footer
    head = html[: html.index("</head>")]
    assert "<wbr>" not in head  # <title>, meta description and JSON-LD keep their text


def test_metadata_panel_comes_before_the_body(client, resolution):
    html = client.get(resolution.url).content.decode()
    assert html.index('class="record-layout__meta"') < html.index('class="record-body record-layout__body"')
    panel = re.sub(r"<[^>]*>", "", html[html.index('class="meta-panel"') : html.index("</dl>")])
    assert "9 กรกฎาคม 2567" in panel and "รับทราบ" in panel and "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม" in panel


def test_search_page_has_a_filter_control_before_the_results(client):
    html = client.get("/search/", {"q": "มติ"}).content.decode()
    control = html.index('<summary class="search-filters__toggle">')
    assert control < html.index('class="search-result"')
    assert "ตัวกรอง" in re.sub(r"<[^>]*>", "", html[control : control + 200])
    assert not re.search(r"<script(?![^>]*\bsrc=)", html.split("</head>")[1])  # no inline script (CSP)


def test_admin_json_and_feeds_are_left_alone(admin_client, resolution):
    admin = admin_client.get(f"/admin/pages/{resolution.pk}/edit/").content.decode()
    assert "<wbr>" not in admin and 'class="tw"' not in admin
    api = admin_client.get("/api/search/", {"q": "การกล่าวหา"})
    assert api["Content-Type"].startswith("application/json") and b"<wbr>" not in api.content
    feed = admin_client.get("/search/feed/", {"q": "มติ"})
    assert b"<wbr>" not in feed.content and b'class="tw"' not in feed.content
    assert b"<wbr>" not in admin_client.get("/sitemap.xml").content


def test_the_setting_turns_it_off(client, resolution, settings):
    settings.THAI_LINE_BREAKS = False
    assert b"<wbr>" not in client.get(resolution.url).content


def test_content_length_matches_the_changed_body(client, resolution):
    response = client.get(resolution.url)
    if response.has_header("Content-Length"):
        assert int(response["Content-Length"]) == len(response.content)
    assert response.content.decode().count("<wbr>") > 100
