"""Both directions of every relation in the read API, resolution links, nothing private,
and the admin report of citations that name nothing yet."""

import pytest
from wagtail.models import PageViewRestriction

from kb.legal.admin import unresolved_groups
from tests.builders import make_record

pytestmark = pytest.mark.django_db


def regulation(**fields):
    fields.setdefault("legal_type", "พระราชบัญญัติ")
    return make_record(type="regulation", **fields)


def detail(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json()


def identifiers(items):
    return [item["identifier"] for item in items]


def test_every_relation_both_ways_in_the_api(client):
    act = regulation(title="พระราชบัญญัติทดสอบเอพีไอ", effective_date="2010-01-01")
    amendment = regulation(title="ฉบับแก้ไขทดสอบเอพีไอ", effective_date="2015-01-01", amends=[act.identifier])
    rule = regulation(
        title="ระเบียบทดสอบเอพีไอ", legal_type="ระเบียบ", effective_date="2016-01-01", issued_under=[act.identifier]
    )
    repeal = regulation(title="ฉบับยกเลิกทดสอบเอพีไอ", effective_date="2020-01-01", repeals=[act.identifier])
    resolution = make_record(
        type="cabinet_resolution",
        title="มติทดสอบเอพีไอ",
        related_regulations=[{"identifier": repeal.identifier, "relation": "approves"}],
    )
    life = detail(client, act)["lifecycle"]
    assert identifiers(life["amended_by"]) == [amendment.identifier]
    assert identifiers(life["repealed_by"]) == [repeal.identifier]
    assert identifiers(life["issued_under_this"]) == [rule.identifier]
    assert life["repealed_by"][0]["effective_date"] == "2020-01-01"
    assert detail(client, act)["status"] == "repealed"
    assert "ยกเลิกแล้ว โดย ฉบับยกเลิกทดสอบเอพีไอ" in detail(client, act)["status_label"]
    assert identifiers(detail(client, amendment)["lifecycle"]["amends"]) == [act.identifier]
    assert identifiers(detail(client, rule)["lifecycle"]["issued_under"]) == [act.identifier]
    assert identifiers(detail(client, repeal)["lifecycle"]["repeals"]) == [act.identifier]
    assert identifiers(detail(client, repeal)["lifecycle"]["resolutions"]) == [resolution.identifier]
    assert identifiers(detail(client, resolution)["related_regulations"]) == [repeal.identifier]
    assert detail(client, resolution)["related_regulations"][0]["relation"] == "approves"
    assert "อนุมัติ/เห็นชอบ" in client.get(resolution.url).content.decode()


def test_a_restricted_instrument_is_in_no_direction(client):
    act = regulation(title="พระราชบัญญัติทดสอบลับเอพีไอ", effective_date="2010-01-01")
    secret = regulation(title="ฉบับแก้ไขลับทดสอบ", effective_date="2015-01-01", amends=[act.identifier])
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    assert detail(client, act)["lifecycle"]["amended_by"] == []
    assert client.get(f"/api/v2/pages/{secret.pk}/").status_code == 404
    listed = client.get("/api/v2/pages/", {"type": "kb.RegulationPage", "limit": 20, "order": "-id"}).json()
    assert secret.pk not in [item["id"] for item in listed["items"]]
    assert "ฉบับแก้ไขลับทดสอบ" not in client.get(act.url).content.decode()


def test_drafts_are_not_in_the_api(client):
    draft = make_record(publish=False, type="regulation", legal_type="ระเบียบ", title="ร่างระเบียบทดสอบ")
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_unresolved_citations_report(admin_client, on_commit):
    on_commit(
        make_record,
        type="news",
        title="ข่าวทดสอบอ้างกฎหมายที่ยังไม่มี",
        body="ตามพระราชบัญญัติทดสอบที่ยังไม่มีในคลัง พ.ศ. ๒๕๖๘ และมติคณะรัฐมนตรีเมื่อวันที่ ๓ มีนาคม ๒๕๖๘",
    )
    keys = {group["key"]: group for group in unresolved_groups()}
    assert "พระราชบัญญัติทดสอบที่ยังไม่มีในคลัง|2568" in keys
    assert "มติคณะรัฐมนตรี|2025-03-03" in keys
    html = admin_client.get("/admin/reports/unresolved-citations/").content.decode()
    assert "พระราชบัญญัติทดสอบที่ยังไม่มีในคลัง" in html and "ข่าวทดสอบอ้างกฎหมายที่ยังไม่มี" in html
    # the demo's own: the Ethical Standards Act is there, so it is not waiting
    assert not any("มาตรฐานทางจริยธรรม" in key for key in keys)


def test_adding_the_instrument_resolves_waiting_citations(client, on_commit):
    news = on_commit(
        make_record, type="news", title="ข่าวทดสอบรอฉบับ", body="ตามพระราชบัญญัติทดสอบมาทีหลัง พ.ศ. ๒๕๖๙ ให้ดำเนินการ"
    )
    act = on_commit(regulation, title="พระราชบัญญัติทดสอบมาทีหลัง พ.ศ. ๒๕๖๙", year_be=2569)
    assert f'href="{act.url}"' in client.get(news.url).content.decode()
    assert news.title in client.get(act.url).content.decode()


def test_the_demo_links_the_seed_citations(client):
    """The section pages carry the seed listings: the instruments' pages are cited by them."""
    from kb.models import RecordPage

    for identifier, section in [
        ("reg-pmo-inspection-2548", "/organisation/"),
        ("reg-royal-decree-good-governance-2546", "/anti-corruption-centre/"),
        ("reg-ethical-standards-act-2562", "/anti-corruption-centre/"),
    ]:
        page = RecordPage.objects.get(identifier=identifier)
        html = client.get(page.url).content.decode()
        assert "ถูกอ้างถึงโดย" in html and f'href="{section}"' in html
        assert f'<a class="citation" href="{page.url}">' in client.get(section).content.decode()


def test_record_pages_carry_valid_jsonld(client):
    import json
    import re

    from kb.models import RecordPage

    page = RecordPage.objects.get(identifier="reg-ethical-standards-act-2562")
    html = client.get(page.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Legislation" and data["legislationIdentifier"].endswith(
        "/eli/act/2562/reg-ethical-standards-act-2562/"
    )
    assert data["legislationLegalForce"] == "https://schema.org/InForce"
