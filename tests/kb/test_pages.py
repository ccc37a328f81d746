"""Every page type renders with its own fields; index pages list, filter and paginate."""
import pytest

from kb.models import RECORD_MODELS, RecordPage
from tests.builders import make_record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("record_type", sorted(RECORD_MODELS))
def test_every_record_type_renders_with_its_metadata(client, record_type):
    page = RecordPage.objects.live().filter(
        id__in=[p.id for p in RecordPage.objects.live().specific() if p.record_type == record_type]).first().specific
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{page.title}</h1>" in html
    assert 'lang="th"' in html
    for label, value in page.metadata_rows:
        assert f"<dt>{label}</dt>" in html
    assert page.type_label in html


def test_regulation_shows_legal_status_and_thai_year(client):
    page = make_record(type="regulation", title="ระเบียบทดสอบว่าด้วยการทดสอบ พ.ศ. 2566",
                       legal_type="ระเบียบ", year_be=2566, status="repealed", effective_date="2023-10-01")
    html = client.get(page.url).content.decode()
    assert "ยกเลิกแล้ว" in html and "badge--repealed" in html
    assert "1 ตุลาคม 2566" in html


def test_a_record_known_only_by_year_shows_the_year_not_a_made_up_day(client, on_commit):
    page = on_commit(make_record, type="regulation", title="ประกาศทดสอบที่ทราบเพียงปี", legal_type="ประกาศ",
                     year_be=2560)
    html = client.get(page.url).content.decode()
    assert "พ.ศ. 2560" in html and "1 มกราคม 2560" not in html
    assert "1 มกราคม 2560" not in client.get(page.get_parent().url).content.decode()
    results = client.get("/search/", {"q": "ประกาศทดสอบที่ทราบเพียงปี"}).content.decode()
    assert '<time datetime="2017">พ.ศ. 2560</time>' in results and "1 มกราคม 2560" not in results


def test_cabinet_resolution_shows_meeting_outcome_and_disclaimer(client):
    page = RecordPage.objects.get(identifier="cr-2567-07-09-adgmin4").specific
    html = client.get(page.url).content.decode()
    assert "9 กรกฎาคม 2567" in html
    assert "รับทราบ" in html and "นายเศรษฐา ทวีสิน" in html
    assert "สำนักเลขาธิการคณะรัฐมนตรี" in html  # the standard disclaimer


def test_mou_shows_parties_countries_and_year_range(client):
    page = RecordPage.objects.get(identifier="mou-vn-mic").specific
    html = client.get(page.url).content.decode()
    assert "เวียดนาม" in html and "ระหว่างปี พ.ศ. 2557–2562" in html


def test_structured_blocks_from_the_seeds(client):
    vision = RecordPage.objects.get(identifier="page-acc-vision-mission").specific
    kinds = [block.block_type for block in vision.body]
    assert "statements" in kinds
    titles = [s["title"] for b in vision.body if b.block_type == "statements" for s in b.value]
    assert titles == ["วิสัยทัศน์", "พันธกิจ", "เป้าประสงค์", "ยุทธศาสตร์"]
    guide = RecordPage.objects.get(identifier="page-corruption-complaint-guide").specific
    steps = [b for b in guide.body if b.block_type == "steps"]
    assert steps and len(steps[0].value) == 7
    html = client.get(guide.url).content.decode()
    assert '<ol class="steps">' in html


def test_inspectors_general_have_generated_portraits(client):
    page = RecordPage.objects.get(identifier="page-inspectors-general").specific
    people = [p for b in page.body if b.block_type == "people" for p in b.value]
    assert len(people) == 3 and all(p["portrait"] is not None for p in people)
    html = client.get(page.url).content.decode()
    assert html.count('class="person"') == 3
    assert 'alt="นางสาวสุกันยาณี ยะวิญชาญ"' in html
    assert "/images/" in html or "/media/images/" in html  # a rendition is served


def test_index_page_lists_newest_first_filters_and_paginates(client):
    from kb.models import NewsIndexPage

    index = NewsIndexPage.objects.get()
    response = client.get(index.url)
    records = list(response.context["records"])
    dates = [r.sort_date for r in records if r.sort_date]
    assert dates == sorted(dates, reverse=True)
    response = client.get(index.url, {"year": "2562"})
    assert response.context["records"] and all(r.get_year_be() == 2562 for r in response.context["records"])
    response = client.get(index.url, {"year": "not-a-year", "page": "999"})
    assert response.status_code == 200


def test_mou_index_filters_by_country(client):
    from kb.models import MOUIndexPage

    index = MOUIndexPage.objects.get()
    response = client.get(index.url, {"country": "ญี่ปุ่น"})
    assert [r.identifier for r in response.context["records"]] == ["mou-jp-mic"]


def test_home_links_every_kind_and_the_ethics_centre(client):
    html = client.get("/").content.decode()
    for path in ("/cabinet-resolutions/", "/regulations/", "/mou/", "/news/", "/anti-corruption-centre/"):
        assert f'href="{path}"' in html
    assert "มติคณะรัฐมนตรีล่าสุด" in html


def test_every_record_reachable_within_three_clicks(client):
    """Breadth-first over the links of the public pages, starting from home."""
    import re

    seen, frontier = {"/"}, ["/"]
    for _depth in range(3):
        next_frontier = []
        for url in frontier:
            html = client.get(url).content.decode()
            for href in re.findall(r'href="(/[^"#?]*)(?:\?page=\d+)?"', html):
                if href.startswith(("/static/", "/media/", "/images/", "/admin/", "/documents/")) or href in seen:
                    continue
                seen.add(href)
                next_frontier.append(href)
            for href in re.findall(r'href="\?page=(\d+)"', html):
                next_frontier.append(f"{url}?page={href}")
        frontier = next_frontier
    missing = [p.url for p in RecordPage.objects.live() if p.url not in seen]
    assert not missing
