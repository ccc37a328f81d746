"""kb.legal.eli: permanent /eli/<type>/<year_be>/<number>/[<version-date>/] identifiers of
regulations, redirecting to the page (by its fields, so moves keep working), never to a
page the public may not see.

All instruments here are made-up test data ("…ทดสอบ"), not real Thai law."""

import datetime
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from kb.legal.eli import (
    as_of_value,
    eli_path,
    eli_uri,
    legal_type_for,
    number_segment,
    parse_version,
    type_slug,
)
from kb.models import RecordPage
from tests.builders import make_record


def regulation(**fields):
    fields.setdefault("legal_type", "พระราชบัญญัติ")
    fields.setdefault("year_be", 2565)
    return make_record(type="regulation", **fields)


# --- the pieces, no database -------------------------------------------------------
@pytest.mark.parametrize(
    "number, segment",
    [("๓", "3"), ("12/2565", "12-2565"), ("๑๒ / ๒๕๖๕", "12-2565"), ("ฉบับที่ ๒", "ฉบับที่-2"), ("", ""), (None, "")],
)
def test_number_segment_folds_thai_digits_slashes_and_spaces(number, segment):
    assert number_segment(number) == segment


def test_type_slugs_both_ways():
    assert type_slug("พระราชบัญญัติ") == "act"
    assert type_slug("กฎกระทรวง") == "ministerial-regulation"
    assert legal_type_for("emergency-decree") == "พระราชกำหนด"
    assert legal_type_for("Royal-Decree") == "พระราชกฤษฎีกา"
    assert legal_type_for("คำสั่ง") == "คำสั่ง"
    assert legal_type_for("statute") is None


@pytest.mark.parametrize(
    "value, day",
    [
        ("2022-05-01", datetime.date(2022, 5, 1)),
        ("2565-05-01", datetime.date(2022, 5, 1)),
        ("๒๕๖๕-๐๕-๐๑", datetime.date(2022, 5, 1)),
        ("2565-02-30", None),
        ("1-5-2565", None),
        ("yesterday", None),
    ],
)
def test_parse_version_reads_ce_and_be(value, day):
    assert parse_version(value) == day


def test_as_of_value_is_iso_ce_or_the_raw_value():
    assert as_of_value("2565-05-01") == "2022-05-01"
    assert as_of_value("yesterday") == "yesterday"


# --- identifiers of pages ----------------------------------------------------------
@pytest.mark.django_db
def test_eli_path_and_uri_of_a_numbered_act():
    act = regulation(title="พระราชบัญญัติทดสอบตัวระบุ พ.ศ. ๒๕๖๕", number="๓", effective_date="2022-05-01")
    assert eli_path(act) == "/eli/act/2565/3/"
    assert eli_path(act, version=datetime.date(2022, 6, 1)) == "/eli/act/2565/3/2022-06-01/"
    assert eli_path(act, version="2565-06-01") == "/eli/act/2565/3/2022-06-01/"
    site = Site.objects.get(is_default_site=True)
    assert eli_uri(act) == site.root_url + "/eli/act/2565/3/"
    # The identifier stays on the site's configured host, whatever Host the reader used.
    assert eli_uri(act, RequestFactory().get("/")) == site.root_url + "/eli/act/2565/3/"


@pytest.mark.django_db
def test_a_regulation_without_a_number_is_named_by_its_identifier():
    act = RecordPage.objects.get(identifier="reg-ethical-standards-act-2562").specific
    assert not act.number
    assert eli_path(act) == "/eli/act/2562/reg-ethical-standards-act-2562/"


@pytest.mark.django_db
def test_a_regulation_without_a_year_has_year_zero():
    order = regulation(legal_type="คำสั่ง", year_be=None, title="คำสั่งทดสอบไม่ระบุปี", number="๗")
    assert eli_path(order) == "/eli/order/0/7/"


# --- resolution --------------------------------------------------------------------
@pytest.mark.django_db
def test_latin_and_thai_type_and_digits_redirect_to_the_page(client):
    act = regulation(title="พระราชบัญญัติทดสอบเปลี่ยนทาง พ.ศ. ๒๕๖๕", number="๓", effective_date="2022-05-01")
    for path in (
        "/eli/act/2565/3/",
        f"/eli/{quote('พระราชบัญญัติ')}/2565/3/",
        f"/eli/act/{quote('๒๕๖๕')}/{quote('๓')}/",
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == act.url


@pytest.mark.django_db
def test_a_number_with_a_slash_and_a_number_less_demo_act(client):
    order = regulation(legal_type="คำสั่ง", title="คำสั่งทดสอบที่ ๑๒/๒๕๖๕", number="๑๒/๒๕๖๕")
    assert eli_path(order) == "/eli/order/2565/12-2565/"
    assert client.get("/eli/order/2565/12-2565/")["Location"] == order.url
    act = RecordPage.objects.get(identifier="reg-ethical-standards-act-2562")
    response = client.get("/eli/act/2562/reg-ethical-standards-act-2562/")
    assert response.status_code == 302 and response["Location"] == act.url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "version, as_of",
    [
        ("2565-06-01", "2022-06-01"),  # B.E.
        ("2022-06-01", "2022-06-01"),  # C.E.
        (quote("๒๕๖๕-๐๖-๐๑"), "2022-06-01"),
        # Not a date: passed on as it is, for the page to say it cannot read it.
        ("not-a-date", "not-a-date"),
        ("2565-02-30", "2565-02-30"),
    ],
)
def test_a_version_date_redirects_to_the_page_as_of_that_day(client, version, as_of):
    act = regulation(title="พระราชบัญญัติทดสอบฉบับ ณ วันที่ พ.ศ. ๒๕๖๕", number="๔", effective_date="2022-05-01")
    response = client.get(f"/eli/act/2565/4/{version}/")
    assert response.status_code == 302
    assert response["Location"] == f"{act.url}?as_of={as_of}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/eli/statute/2565/5/",  # unknown type
        "/eli/act/2565/999/",  # no such number
        "/eli/act/2564/5/",  # another year
        "/eli/regulation/2565/5/",  # another type
        "/eli/act/two-thousand/5/",  # not a year
    ],
)
def test_unknown_identifiers_are_404(client, path):
    regulation(title="พระราชบัญญัติทดสอบหาไม่พบ พ.ศ. ๒๕๖๕", number="๕")
    assert client.get(path).status_code == 404


def _hidden(state):
    if state == "draft":
        return regulation(title="พระราชบัญญัติทดสอบฉบับร่าง", number="๖", publish=False)
    page = regulation(title=f"พระราชบัญญัติทดสอบ {state}", number="๖")
    if state == "login":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif state == "password":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    elif state == "unpublished":
        page.unpublish()
    elif state == "expired":
        page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        page.save_revision().publish()
        call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "unpublished", "login", "password", "expired"])
def test_pages_the_public_may_not_see_are_404_without_their_address(client, state):
    page = _hidden(state)
    for path in ("/eli/act/2565/6/", "/eli/act/2565/6/2022-06-01/"):
        response = client.get(path)
        assert response.status_code == 404
        assert page.slug not in response.content.decode()


@pytest.mark.django_db
def test_a_hidden_twin_does_not_make_a_choice(client):
    visible = regulation(title="พระราชบัญญัติทดสอบฉบับเปิดเผย", number="๘")
    PageViewRestriction.objects.create(
        page=regulation(title="พระราชบัญญัติทดสอบฉบับลับ", number="๘"), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/eli/act/2565/8/")
    assert response.status_code == 302 and response["Location"] == visible.url


@pytest.mark.django_db
def test_two_visible_regulations_with_one_identifier_get_a_choice_page(client):
    first = regulation(title="พระราชบัญญัติทดสอบซ้ำ ฉบับแรก", number="๙")
    second = regulation(title="พระราชบัญญัติทดสอบซ้ำ ฉบับที่สอง", number="9")
    response = client.get("/eli/act/2565/9/")
    assert response.status_code == 200
    assert "kb/eli_choices.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert first.title in html and second.title in html
    assert f'href="{first.url}"' in html and f'href="{second.url}"' in html
    html = client.get("/eli/act/2565/9/2565-06-01/").content.decode()
    assert f'href="{first.url}?as_of=2022-06-01"' in html


@pytest.mark.django_db
def test_a_moved_page_keeps_its_identifier(client):
    act = regulation(title="พระราชบัญญัติทดสอบย้ายหน้า พ.ศ. ๒๕๖๕", number="๑๐")
    old_url = act.url
    act.slug = "renamed-test-act"
    act.save_revision().publish()
    act.refresh_from_db()
    assert act.url != old_url
    response = client.get("/eli/act/2565/10/")
    assert response.status_code == 302 and response["Location"] == act.url
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_the_page_reads_the_dates_an_eli_passes_on(client):
    act = regulation(title="พระราชบัญญัติทดสอบวันที่ส่งต่อ พ.ศ. ๒๕๖๕", number="๑๓", effective_date="2022-05-01")
    response = client.get("/eli/act/2565/13/2565-06-01/", follow=True)
    assert response.redirect_chain == [(f"{act.url}?as_of=2022-06-01", 302)]
    assert response.context["selection"].as_of == datetime.date(2022, 6, 1)
    response = client.get("/eli/act/2565/13/not-a-date/", follow=True)
    assert response.status_code == 200 and response.context["selection"].notice  # the page says it cannot read it
