"""A regulation's text in force on a date (?as_of=), its sections with stable anchors from
pasted text, and search hits that link to the section they were found in."""

import pytest

from kb.legal.versions import AsOfError, parse_as_of
from tests.builders import make_record

pytestmark = pytest.mark.django_db

# A made-up act (test data, not a real Thai law), pasted the way laws are printed.
ACT_TEXT = "\n".join(
    [
        "พระราชบัญญัติทดสอบการจัดเก็บเอกสาร พ.ศ. ๒๕๖๐",
        "หมวด ๑",
        "บททั่วไป",
        "มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบการจัดเก็บเอกสาร พ.ศ. ๒๕๖๐”",
        "มาตรา ๒ พระราชบัญญัตินี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศ",
        "มาตรา ๒๖ ให้หน่วยงานเก็บรักษาเอกสารต้นฉบับไว้ไม่น้อยกว่าสิบปี",
        "ความในวรรคหนึ่งไม่ใช้บังคับแก่เอกสารลับ",
    ]
)
AMENDED_TEXT = ACT_TEXT.replace("ไม่น้อยกว่าสิบปี", "ไม่น้อยกว่ายี่สิบปีในระบบดิจิทัล")


@pytest.fixture
def act():
    return make_record(
        type="regulation",
        legal_type="พระราชบัญญัติ",
        title="พระราชบัญญัติทดสอบการจัดเก็บเอกสาร พ.ศ. ๒๕๖๐",
        year_be=2560,
        number="๑๒",
        effective_date="2017-03-01",
        body=ACT_TEXT,
    )


@pytest.fixture
def amendment(act):
    return make_record(
        type="regulation",
        legal_type="พระราชบัญญัติ",
        title="พระราชบัญญัติทดสอบการจัดเก็บเอกสาร (ฉบับที่ ๒) พ.ศ. ๒๕๖๕",
        year_be=2565,
        effective_date="2022-06-01",
        amends=[{"identifier": act.identifier, "consolidated_text": AMENDED_TEXT}],
    )


def test_sections_get_stable_anchors_and_copy_buttons(client, act):
    blocks = [b.block_type for b in act.body]
    assert blocks.count("legal_unit") == 4  # หมวด ๑ and three มาตรา
    html = client.get(act.url).content.decode()
    assert 'id="มาตรา-26"' in html and 'id="หมวด-1"' in html
    assert 'data-copy-link="#มาตรา-26"' in html
    assert "ความในวรรคหนึ่งไม่ใช้บังคับแก่เอกสารลับ" in html


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("2562-01-01", "2019-01-01"),
        ("2019-01-01", "2019-01-01"),
        ("1/1/2562", "2019-01-01"),
        ("๑ มกราคม ๒๕๖๒", "2019-01-01"),
    ],
)
def test_as_of_reads_be_and_ce(raw, iso):
    assert parse_as_of(raw).isoformat() == iso


@pytest.mark.parametrize("raw", ["yesterday", "2562-13-40", "<script>", "9" * 5000])
def test_malformed_as_of_is_refused_with_a_thai_notice(raw):
    with pytest.raises(AsOfError) as info:
        parse_as_of(raw)
    assert "อ่านวันที่" in info.value.thai


def test_text_in_force_on_a_date(client, act, amendment):
    today = client.get(act.url).content.decode()
    assert "ยี่สิบปีในระบบดิจิทัล" in today and "ฉบับรวมแก้ไข" in today
    before = client.get(act.url, {"as_of": "2563-01-01"}).content.decode()
    assert "ข้อความที่ใช้บังคับ ณ วันที่ 1 มกราคม 2563" in before
    assert "ไม่น้อยกว่าสิบปี" in before and "ยี่สิบปี" not in before
    after = client.get(act.url, {"as_of": "2022-07-01"}).content.decode()
    assert "ยี่สิบปีในระบบดิจิทัล" in after
    assert "ฉบับที่ใช้บังคับตามช่วงเวลา" in before and "?as_of=2022-06-01" in before  # the other version


@pytest.mark.parametrize("raw", ["2550-01-01", "garbage", "2562-02-30"])
def test_bad_or_early_as_of_is_a_page_with_a_notice(client, act, raw):
    response = client.get(act.url, {"as_of": raw})
    assert response.status_code == 200
    assert 'class="notice notice--warning"' in response.content.decode()


def test_search_hit_links_to_its_section(client, act, on_commit):
    from search import sync

    on_commit(sync.sync_page, act)
    data = client.get("/api/search/", {"q": "เอกสารต้นฉบับ สิบปี"}).json()
    hit = next(h for h in data["results"] if h["identifier"] == act.identifier)
    assert hit["section"]["anchor"] == "มาตรา-26" and hit["section"]["label"] == "มาตรา 26"
    assert hit["section"]["url"].endswith("#มาตรา-26")
    page = client.get("/search/", {"q": "เอกสารต้นฉบับ สิบปี"}).content.decode()
    assert "#มาตรา-26" in page and "พบใน" in page


def test_a_citation_of_a_section_links_to_its_anchor(client, act, on_commit):
    news = on_commit(
        make_record,
        type="news",
        title="ข่าวทดสอบอ้างมาตรา",
        body="หน่วยงานต้องปฏิบัติตามมาตรา ๒๖ แห่งพระราชบัญญัติทดสอบการจัดเก็บเอกสาร พ.ศ. ๒๕๖๐ โดยเคร่งครัด",
    )
    html = client.get(news.url).content.decode()
    assert f'href="{act.url}#มาตรา-26"' in html
    assert "อ้างถึง" in html
    assert news.title in client.get(act.url).content.decode()  # ถูกอ้างถึงโดย


def test_a_section_link_never_lands_inside_a_longer_number(client, on_commit):
    text = "\n".join(
        [
            "มาตรา ๕ ผู้ใดฝ่าฝืนมาตรา ๕๐ แห่งประมวลกฎหมายอาญา ต้องระวางโทษ",
            "มาตรา ๖ ให้นำความในมาตรา ๕ มาใช้บังคับ",
        ]
    )
    act = on_commit(make_record, type="regulation", legal_type="พระราชบัญญัติ", title="พระราชบัญญัติทดสอบเลขมาตรา", body=text)
    html = client.get(act.url).content.decode()
    assert 'href="#มาตรา-5">มาตรา ๕</a>๐' not in html
    assert 'ให้นำความใน<a class="citation" href="#มาตรา-5">มาตรา ๕</a>' in html
    assert '<h3 class="legal-unit__number" data-nocite>มาตรา ๕</h3>' in html  # its own head is no link


def test_repeated_unit_numbers_get_unique_ids(client):
    text = "\n".join(["หมวด ๑", "ส่วนที่ ๑", "มาตรา ๑ ข้อความหนึ่ง", "หมวด ๒", "ส่วนที่ ๑", "มาตรา ๒ ข้อความสอง"])
    act = make_record(type="regulation", legal_type="พระราชบัญญัติ", title="พระราชบัญญัติทดสอบเลขซ้ำ", body=text)
    html = client.get(act.url).content.decode()
    assert html.count('id="ส่วน-1"') == 1 and html.count('id="ส่วน-1-2"') == 1


def test_preview_of_a_new_regulation_shows_nothing_of_others(admin_client):
    from kb.models import RegulationIndexPage, RegulationPage

    parent = RegulationIndexPage.objects.first()
    page = RegulationPage(title="ตัวอย่างยังไม่บันทึก", identifier="preview-new", legal_type="ระเบียบ", slug="preview-new")
    page.set_url_path(parent)
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = admin_client.session and None
    context = page.get_context(request)
    assert context["cited_by"] == [] and context["cites"] == []
    assert all(event.page is None for event in context["timeline"])
