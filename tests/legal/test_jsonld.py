"""kb.legal.jsonld and {% record_jsonld page %}: schema.org markup per record kind, legal
force and the relations between instruments, only pages anyone may see named in it, and
JSON that cannot break out of its script element.

All instruments here are made-up test data ("…ทดสอบ"), not real Thai law."""

import datetime
import json
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from kb.legal.eli import eli_uri
from kb.legal.jsonld import jsonld_for
from kb.models import RecordPage
from kb.templatetags.legal_markup import jsonld_script
from tests.builders import make_record

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def regulation(**fields):
    fields.setdefault("legal_type", "พระราชบัญญัติ")
    fields.setdefault("year_be", 2565)
    return make_record(type="regulation", **fields)


def render(page, version=None):
    """The tag's output for `page` as a reader's request would render it."""
    request = RequestFactory().get(page.url)
    template = Template("{% load legal_markup %}{% record_jsonld page version %}")
    return template.render(Context({"page": page, "request": request, "version": version}))


def markup(page, version=None):
    html = render(page, version)
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 1, html
    return json.loads(scripts[0]), html


def publish(page, **fields):
    """Set fields the importer does not read and publish the page again."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def demo(identifier):
    return RecordPage.objects.get(identifier=identifier).specific


def test_a_regulation_is_legislation_named_by_its_eli():
    act = regulation(
        title="พระราชบัญญัติทดสอบข้อมูลโครงสร้าง พ.ศ. ๒๕๖๕",
        number="๓",
        effective_date="2022-05-01",
        issuer="สำนักงานทดสอบ",
    )
    publish(act, summary="สาระสำคัญของพระราชบัญญัติทดสอบ")  # the exchange format has no summary
    data, html = markup(act)
    uri = eli_uri(act)
    assert uri.endswith("/eli/act/2565/3/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Legislation"
    assert data["@id"] == data["legislationIdentifier"] == uri
    assert data["name"] == act.title and data["description"] == act.summary
    assert data["legislationType"] == "พระราชบัญญัติ"
    assert data["legislationDate"] == "2022-05-01"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"
    assert data["legislationPassedBy"] == {"@type": "GovernmentOrganization", "name": "สำนักงานทดสอบ"}
    assert data["legislationJurisdiction"] == "TH"
    assert data["inLanguage"] == "th"
    assert data["url"] == act.full_url
    assert data["publisher"] == {"@type": "GovernmentOrganization", "name": act.agency}
    assert data["dateModified"] == act.last_published_at.isoformat()
    assert "legislationChanges" not in data and "legislationConsolidates" not in data
    assert "พระราชบัญญัติทดสอบข้อมูลโครงสร้าง" in html  # Thai stays readable, not \u escapes


def test_a_regulation_known_only_by_its_year_has_no_legislation_date():
    data, _ = markup(demo("reg-ethical-standards-act-2562"))
    assert "legislationDate" not in data
    assert data["legislationIdentifier"].endswith("/eli/act/2562/reg-ethical-standards-act-2562/")
    assert "legislationPassedBy" not in data  # no issuer given


def test_changes_legal_force_and_issued_under():
    parent = regulation(title="พระราชบัญญัติทดสอบแม่บท พ.ศ. ๒๕๕๐", year_be=2550, number="๑", effective_date="2007-01-01")
    old = regulation(title="ระเบียบทดสอบเดิม พ.ศ. ๒๕๕๕", legal_type="ระเบียบ", year_be=2555, effective_date="2012-01-01")
    amended = regulation(title="ระเบียบทดสอบที่ถูกแก้ไข พ.ศ. ๒๕๖๐", legal_type="ระเบียบ", year_be=2560)
    new = regulation(
        title="ระเบียบทดสอบใหม่ พ.ศ. ๒๕๖๕",
        legal_type="ระเบียบ",
        effective_date="2022-05-01",
        repeals=[old.identifier],
        amends=[amended.identifier],
        issued_under=[parent.identifier],
    )
    old.refresh_from_db()
    amended.refresh_from_db()
    assert old.status == "repealed" and amended.status == "amended"
    assert markup(old)[0]["legislationLegalForce"] == "https://schema.org/NotInForce"
    assert markup(amended)[0]["legislationLegalForce"] == "https://schema.org/InForce"  # still in force

    data, _ = markup(new)
    changed = {item["@id"]: item for item in data["legislationChanges"]}
    assert set(changed) == {eli_uri(old), eli_uri(amended)}
    assert changed[eli_uri(old)] == {
        "@type": "Legislation",
        "@id": eli_uri(old),
        "name": old.title,
        "url": old.full_url,
    }
    assert [item["@id"] for item in data["isBasedOn"]] == [eli_uri(parent)]


def test_related_instruments_the_public_may_not_see_are_left_out():
    visible = regulation(title="พระราชบัญญัติทดสอบที่เปิดเผย พ.ศ. ๒๕๖๐", year_be=2560, number="๒")
    restricted = regulation(title="พระราชบัญญัติทดสอบที่จำกัดสิทธิ์ พ.ศ. ๒๕๖๐", year_be=2560, number="๓")
    draft = regulation(title="พระราชบัญญัติทดสอบฉบับร่าง พ.ศ. ๒๕๖๐", year_be=2560, number="๔", publish=False)
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    act = regulation(
        title="พระราชบัญญัติทดสอบแก้ไขหลายฉบับ พ.ศ. ๒๕๖๕",
        effective_date="2022-05-01",
        amends=[visible.identifier, restricted.identifier, draft.identifier],
        issued_under=[restricted.identifier],
    )
    data, html = markup(act)
    assert [item["@id"] for item in data["legislationChanges"]] == [eli_uri(visible)]
    assert "isBasedOn" not in data
    for hidden in (restricted, draft):
        assert hidden.title not in html and eli_uri(hidden) not in html and hidden.slug not in html

    # A consolidated version names what it consolidates, but only what anyone may see.
    version = {"effective": datetime.date(2022, 5, 1), "consolidates": [act, draft]}
    data, html = markup(visible, version)
    assert data["@id"] == eli_uri(visible, version=datetime.date(2022, 5, 1))
    assert data["@id"].endswith("/eli/act/2560/2/2022-05-01/")
    assert data["legislationIdentifier"] == eli_uri(visible)
    assert data["legislationDateVersion"] == "2022-05-01"
    assert data["url"].endswith("?as_of=2022-05-01")
    assert data["exampleOfWork"] == {"@type": "Legislation", "@id": eli_uri(visible)}
    assert [item["@id"] for item in data["legislationConsolidates"]] == [eli_uri(visible), eli_uri(act)]
    assert draft.title not in html


def test_the_page_shown_as_of_a_consolidated_version_describes_that_version():
    act = regulation(title="พระราชบัญญัติทดสอบฉบับรวม พ.ศ. ๒๕๖๐", year_be=2560, number="๑๒", effective_date="2017-01-01")
    amending = regulation(
        title="พระราชบัญญัติทดสอบแก้ไข (ฉบับที่ ๒) พ.ศ. ๒๕๖๕",
        effective_date="2022-05-01",
        amends=[{"identifier": act.identifier, "consolidated_text": "มาตรา ๑ ข้อความฉบับแก้ไขทดสอบ"}],
    )
    act.refresh_from_db()

    def page_markup(query):
        request = RequestFactory().get(act.url, query)
        context = act.get_context(request)  # what the regulation page renders with (its `selection`)
        html = Template("{% load legal_markup %}{% record_jsonld page %}").render(Context(context))
        return json.loads(SCRIPT.search(html).group(1))

    data = page_markup({"as_of": "2566-01-01"})  # B.E., in the amended text's time
    assert data["@id"] == eli_uri(act, version=datetime.date(2023, 1, 1))
    assert data["legislationDateVersion"] == "2023-01-01"
    assert [item["@id"] for item in data["legislationConsolidates"]] == [eli_uri(act), eli_uri(amending)]
    for query in ({}, {"as_of": "2018-01-01"}, {"as_of": "not-a-date"}):  # today's, the enacted text, unreadable
        data = page_markup(query)
        assert data["@id"] == eli_uri(act) and "legislationConsolidates" not in data, query


def test_a_cabinet_resolution_is_legislation_about_its_visible_regulations():
    visible = regulation(title="ระเบียบทดสอบที่ ครม. เห็นชอบ พ.ศ. ๒๕๖๗", legal_type="ระเบียบ", year_be=2567)
    hidden = regulation(title="ระเบียบทดสอบที่ยังไม่เผยแพร่ พ.ศ. ๒๕๖๗", legal_type="ระเบียบ", year_be=2567, publish=False)
    resolution = make_record(
        type="cabinet_resolution",
        title="มติทดสอบเห็นชอบระเบียบ",
        meeting_date="2024-07-09",
        related_regulations=[visible.identifier, hidden.identifier],
    )
    data, html = markup(resolution)
    assert data["@type"] == "Legislation"
    assert data["legislationType"] == "มติคณะรัฐมนตรี"
    assert data["legislationDate"] == "2024-07-09"
    assert data["legislationPassedBy"] == {"@type": "GovernmentOrganization", "name": "คณะรัฐมนตรี"}
    assert [item["@id"] for item in data["about"]] == [eli_uri(visible)]
    assert hidden.title not in html


def test_the_demo_cabinet_resolution():
    data, _ = markup(demo("cr-2567-07-09-adgmin4"))
    assert data["@type"] == "Legislation" and data["legislationType"] == "มติคณะรัฐมนตรี"
    assert data["identifier"] == "cr-2567-07-09-adgmin4"


def test_an_ethics_code_is_legislation():
    data, _ = markup(demo("ethics-civil-service-code-2564"))
    assert data["@type"] == "Legislation"
    assert data["legislationType"] == "ประมวลจริยธรรม"
    assert data["legislationJurisdiction"] == "TH"


def test_an_mou_is_a_creative_work():
    mou = make_record(
        type="mou",
        title="บันทึกความเข้าใจทดสอบ",
        parties=["กระทรวงทดสอบ", "Ministry of Testing"],
        countries=["ไทย", "ญี่ปุ่น"],
        signed_date="2023-03-15",
    )
    data, _ = markup(mou)
    assert data["@type"] == "CreativeWork"
    assert data["additionalType"] == "บันทึกความเข้าใจ (MOU)"
    assert data["dateCreated"] == "2023-03-15"
    assert data["contributor"] == [
        {"@type": "Organization", "name": "กระทรวงทดสอบ"},
        {"@type": "Organization", "name": "Ministry of Testing"},
    ]
    assert "Legislation" not in json.dumps(data)
    data, _ = markup(demo("mou-jp-mic"))  # signed in a range of years: no dateCreated
    assert data["@type"] == "CreativeWork"


def test_news_reports_projects_and_pages():
    news = make_record(type="news", title="ข่าวทดสอบข้อมูลโครงสร้าง", date="2024-07-10")
    data, _ = markup(news)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == news.title and data["datePublished"] == "2024-07-10"

    data, _ = markup(demo("report-integrated-inspection-2564"))
    assert data["@type"] == "Report"
    assert data["temporalCoverage"] == "2020-10-01/2021-09-30"  # fiscal year 2564

    project = publish(make_record(type="project", title="โครงการทดสอบ"), start_year_be=2562, end_year_be=2564)
    data, _ = markup(project)
    assert data["@type"] == "WebPage" and data["temporalCoverage"] == "2019/2021"

    data, _ = markup(demo("page-acc-background"))
    assert data["@type"] == "WebPage" and data["name"]


def test_a_title_cannot_close_the_script_element():
    title = 'พระราชบัญญัติทดสอบ </script><script>alert("x")</script> & <!-- พ.ศ. ๒๕๖๕'
    act = regulation(title=title, number="๑๑")
    data, html = markup(act)
    assert data["name"] == title
    assert html.count("</script>") == 1 and html.endswith("</script>")
    assert "<script>" not in html and "<!--" not in html and "&" not in SCRIPT.search(html).group(1)
    assert "\\u003c/script\\u003e" in html and "\\u0026" in html


def test_jsonld_script_escapes_html_and_keeps_thai():
    html = jsonld_script({"name": "ข้อ <๑> & ข้อ ๒"})
    assert html == '<script type="application/ld+json">{"name":"ข้อ \\u003c๑\\u003e \\u0026 ข้อ ๒"}</script>'


def test_jsonld_for_without_a_request_and_for_a_non_record_page(demo_site):
    act = demo("reg-ethical-standards-act-2562")
    data = jsonld_for(act)
    assert data["url"] == act.full_url and data["@id"] == eli_uri(act)
    home = jsonld_for(demo_site)
    assert home["@type"] == "WebPage" and home["name"] == demo_site.title


def test_the_tag_is_empty_without_a_page():
    assert Template("{% load legal_markup %}{% record_jsonld page %}").render(Context({})) == ""


def test_eli_uri_tag_and_filters():
    act = demo("reg-ethical-standards-act-2562")
    news = demo("news-acmecs")
    request = RequestFactory().get("/")
    template = Template(
        "{% load legal_markup %}{% eli_uri page %}|{{ page|eli_uri }}|{{ page|eli_path }}|{% eli_uri other %}|"
        "{{ other|eli_path }}"
    )
    out = template.render(Context({"page": act, "other": news, "request": request}))
    assert out == f"{eli_uri(act)}|{eli_uri(act)}|/eli/act/2562/reg-ethical-standards-act-2562/||"
