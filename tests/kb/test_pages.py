"""Every page type renders with its own fields; index pages list, filter and paginate."""

import pytest

from kb.models import RECORD_MODELS, RecordPage
from tests.builders import make_record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("record_type", sorted(RECORD_MODELS))
def test_every_record_type_renders_with_its_metadata(client, record_type):
    page = (
        RecordPage.objects.live()
        .filter(id__in=[p.id for p in RecordPage.objects.live().specific() if p.record_type == record_type])
        .first()
        .specific
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{page.title}</h1>" in html
    assert 'lang="th"' in html
    for label, _value in page.metadata_rows:
        assert f"<dt>{label}</dt>" in html
    assert page.type_label in html


def test_regulation_shows_legal_status_and_thai_year(client):
    page = make_record(
        type="regulation",
        title="ระเบียบทดสอบว่าด้วยการทดสอบ พ.ศ. 2566",
        legal_type="ระเบียบ",
        year_be=2566,
        status="repealed",
        effective_date="2023-10-01",
    )
    html = client.get(page.url).content.decode()
    assert "ยกเลิกแล้ว" in html and "badge--repealed" in html
    assert "1 ตุลาคม 2566" in html


def test_a_record_known_only_by_year_shows_the_year_not_a_made_up_day(client, on_commit):
    page = on_commit(make_record, type="regulation", title="ประกาศทดสอบที่ทราบเพียงปี", legal_type="ประกาศ", year_be=2560)
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


# --- the one date rule (kb.models.base.ExactDateOrYearMixin): each kind's output as before the merge


@pytest.mark.parametrize(
    "model, fields, record_date, exact, year, label",
    [
        (
            "RegulationPage",
            {"effective_date": "2020-05-01", "year_be": 2562},
            "2020-05-01",
            "2020-05-01",
            2562,
            "1 พฤษภาคม 2563",
        ),
        ("RegulationPage", {"year_be": 2562}, "2019-01-01", None, 2562, "พ.ศ. 2562"),
        ("RegulationPage", {"effective_date": "2020-05-01"}, "2020-05-01", "2020-05-01", 2563, "1 พฤษภาคม 2563"),
        ("EthicsCodePage", {"year_be": 2564}, "2021-01-01", None, 2564, "พ.ศ. 2564"),
        (
            "MOUPage",
            {"signed_date": "2018-03-02", "signed_to_be": 2565},
            "2018-03-02",
            "2018-03-02",
            2561,
            "2 มีนาคม 2561",
        ),
        ("MOUPage", {"signed_from_be": 2560, "signed_to_be": 2561}, "2018-01-01", None, 2561, "ระหว่างปี พ.ศ. 2560–2561"),
        ("MOUPage", {"signed_from_be": 2560}, "2017-01-01", None, 2560, "พ.ศ. 2560"),
        ("ReportPage", {"fiscal_year_be": 2564}, "2021-09-30", "2021-09-30", 2564, "ปีงบประมาณ พ.ศ. 2564"),
        (
            "ReportPage",
            {"date": "2022-01-05", "fiscal_year_be": 2564},
            "2022-01-05",
            "2022-01-05",
            2564,
            "5 มกราคม 2565",
        ),
        ("ProjectPage", {"start_year_be": 2563, "end_year_be": 2565}, "2020-01-01", None, 2563, "พ.ศ. 2563–2565"),
        ("ProjectPage", {"end_year_be": 2565}, "2022-01-01", None, 2565, "พ.ศ. 2565"),
        ("CabinetResolutionPage", {"meeting_date": "2024-07-09"}, "2024-07-09", "2024-07-09", 2567, "9 กรกฎาคม 2567"),
        ("NewsPage", {}, None, None, None, ""),
        ("ContentPage", {}, None, None, None, ""),
    ],
)
def test_date_rule_per_kind(model, fields, record_date, exact, year, label):
    import datetime

    from kb import models

    values = {k: datetime.date.fromisoformat(v) if isinstance(v, str) else v for k, v in fields.items()}
    page = getattr(models, model)(**values)
    iso = lambda d: d.isoformat() if d else None
    assert (iso(page.get_record_date()), iso(page.get_exact_date()), page.get_year_be(), page.date_label()) == (
        record_date,
        exact,
        year,
        label,
    )


def test_index_year_filter_and_options_follow_get_year_be_in_the_database(client):
    from kb.models import RegulationIndexPage, RegulationPage

    # Declared year (2550) and effective date (2009 -> 2552) differ: the declared year wins.
    page = make_record(type="regulation", year_be=2550, effective_date="2009-06-01", legal_type="ประกาศ")
    assert page.get_year_be() == 2550
    stored = dict(RegulationPage.objects.values_list("pk", "record_year_be"))
    assert stored == {p.pk: p.get_year_be() for p in RegulationPage.objects.all()}
    index = RegulationIndexPage.objects.get()
    response = client.get(index.url, {"year": "2550", "legal_type": "ประกาศ"})
    assert [r.pk for r in response.context["records"]] == [page.pk]
    year_filter = next(f for f in response.context["filters"] if f["name"] == "year")
    assert ("2550", "2550") in year_filter["options"] and ("2552", "2552") not in year_filter["options"]


def test_index_page_counts_and_pages_in_the_database(client):
    from kb.models import CabinetResolutionIndexPage

    for day in range(1, 26):
        make_record(type="cabinet_resolution", meeting_date=f"2011-03-{day:02d}", outcome="อนุมัติ")
    index = CabinetResolutionIndexPage.objects.get()
    response = client.get(index.url, {"year": "2554", "outcome": "อนุมัติ", "page": "2"})
    assert response.context["total"] == 25
    assert [r.meeting_date.day for r in response.context["records"]] == [5, 4, 3, 2, 1]
    # Only the shown page is loaded: the page list is a queryset slice, not a list of every record.
    assert not isinstance(response.context["page_obj"].paginator.object_list, list)


def test_mou_country_filter_matches_a_whole_line_only(client):
    from kb.models import MOUIndexPage

    make_record(type="mou", identifier="mou-line-test", countries=["ไทย", "  สาธารณรัฐเกาหลี  "])
    index = MOUIndexPage.objects.get()
    response = client.get(index.url, {"country": "สาธารณรัฐเกาหลี"})
    assert [r.identifier for r in response.context["records"]] == ["mou-line-test"]
    response = client.get(index.url, {"country": "เกาหลี"})  # not an option: the filter is ignored
    assert response.context["filters"][-1]["value"] == ""


def test_stored_year_matches_get_year_be_for_every_kind_and_follows_saves():
    from kb.models import MOUPage, RegulationPage

    records = list(RecordPage.objects.specific())
    assert {r.record_type for r in records} >= set(RECORD_MODELS)  # every kind is covered
    assert {r.pk: r.record_year_be for r in records} == {r.pk: r.get_year_be() for r in records}
    assert any(r.record_year_be for r in records)
    # A save moves the stored year: the declared year wins for a regulation...
    page = RegulationPage.objects.filter(year_be__isnull=False).first()
    page.year_be = 2501
    page.save()
    assert RecordPage.objects.get(pk=page.pk).record_year_be == 2501
    # ...the signing day for an MOU (exact_year_first), and no date at all leaves it empty.
    mou = MOUPage.objects.first()
    mou.signed_date, mou.signed_from_be, mou.signed_to_be = None, 2555, 2558
    mou.save()
    assert RecordPage.objects.get(pk=mou.pk).record_year_be == 2558
    mou.signed_to_be = mou.signed_from_be = None
    mou.save()
    assert RecordPage.objects.get(pk=mou.pk).record_year_be is None


def test_record_year_be_migration_fills_existing_rows_like_get_year_be():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("kb.migrations.0004_record_year_be")
    expected = {r.pk: r.get_year_be() for r in RecordPage.objects.specific()}
    RecordPage.objects.update(record_year_be=None)  # as the rows stand before the migration
    migration.fill_record_year_be(apps, None)
    assert dict(RecordPage.objects.values_list("pk", "record_year_be")) == expected
    assert set(migration.YEAR_RULES) == {m._meta.model_name for m in RECORD_MODELS.values()} - {"contentpage"}


def test_index_page_options_and_count_come_from_one_grouped_query(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kb.models import CabinetResolutionIndexPage, CabinetResolutionPage

    make_record(type="cabinet_resolution", meeting_date="1999-05-04", outcome="ตั้งข้อสังเกต")
    index = CabinetResolutionIndexPage.objects.get()
    records = CabinetResolutionPage.objects.live().child_of(index)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(index.url)
    options = {f["name"]: [v for v, _l in f["options"]] for f in response.context["filters"]}
    years = sorted({r.get_year_be() for r in records if r.get_year_be()}, reverse=True)
    assert options["year"] == [str(y) for y in years] and "2542" in options["year"]
    assert options["outcome"] == sorted({r.outcome for r in records if r.outcome})
    assert response.context["total"] == records.count()
    # The page is loaded by key in the listing's order: the same records as one sorted query.
    assert [r.pk for r in response.context["records"]] == [r.pk for r in index.records()[:20]]
    # Unfiltered: the grouped options query has counted, no COUNT(*) of its own.
    assert not [q for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    response = client.get(index.url, {"year": "2542", "outcome": "ตั้งข้อสังเกต"})
    assert response.context["total"] == 1
    assert [r.identifier for r in response.context["records"]] == [records.get(meeting_date="1999-05-04").identifier]
