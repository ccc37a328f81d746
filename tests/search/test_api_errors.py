"""Search parameters that used to answer 500, and the API's JSON body for every status."""

import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

NOTICE_YEAR = "ignored year filter"


def api(client, expect=200, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == expect, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# ---------------------------------------------------------------------- parameters
@pytest.mark.parametrize(
    "year",
    [
        "²",
        "①",
        "٢٥٦٢",
        "2562²",
        str(2**63),
        str(2**64 + 1),
        "9" * 5000,
        "-2562",
        "25.62",
        "1700",
        "3000",
        " ",
        "ค.ศ. 2562",
        "+2562",
        "2_562",
    ],
    ids=lambda year: year[:20],
)
def test_odd_years_are_ignored_with_a_notice(client, year):
    everything = api(client, q="ประชุม")["total"]
    data = api(client, q="ประชุม", year=year)
    assert "year" not in data["filters"] and data["total"] == everything
    if year.strip():
        assert any(NOTICE_YEAR in notice for notice in data["notices"])
    page = client.get("/search/", {"q": "ประชุม", "year": year})
    assert page.status_code == 200
    if year.strip():
        assert NOTICE_YEAR in page.content.decode()


@pytest.mark.parametrize("year", ["2562", "๒๕๖๒", "2019", "พ.ศ. 2562", "พ.ศ.๒๕๖๒", "ค.ศ. 2019", " 2562 "])
def test_plausible_years_in_thai_or_arabic_digits_filter(client, year):
    data = api(client, q="ประชุม", year=year)
    assert data["filters"]["year"] == 2562 and not data["notices"]
    assert data["total"] == api(client, q="ประชุม", year="2562")["total"] > 0


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"page": "²"}, "invalid page"),
        ({"page": "-1"}, "invalid page"),
        ({"page": "1e3"}, "invalid page"),
        ({"page": "9" * 50}, "invalid page"),
        ({"page": "5000"}, "page limited"),
        ({"sort": "drop table"}, "unknown sort"),
        ({"type": "no-such-kind"}, "unknown type"),
        ({"status": "😀"}, "unknown status"),
        ({"agency": "x" * 1000}, "too long"),
    ],
)
def test_other_odd_parameters_answer_with_a_notice(client, params, notice):
    data = api(client, q="ดิจิทัล", **params)
    assert any(notice in n for n in data["notices"]), data["notices"]


def test_thai_digit_page_number(client):
    assert api(client, q="ดิจิทัล", page="๒")["page"] == 2


def test_control_characters_are_dropped(client):
    data = api(client, q="ดิจิทัล\x00\x1b", agency="\x07")
    assert data["query"] == "ดิจิทัล" and "agency" not in data["filters"]


def test_repeated_parameter_counts_by_its_last_value(client):
    response = client.get("/api/search/?q=ประชุม&year=abc&year=2562&page=x&page=1")
    assert response.status_code == 200
    assert response.json()["filters"] == {"year": 2562} and not response.json()["notices"]


# ---------------------------------------------------------------------- JSON for every status
def assert_json_error(response, status, error):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["error"] == error and "(" in body["message"]  # Thai, with English in parentheses
    return body


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_other_methods_answer_json_405(client, method):
    response = getattr(client, method)("/api/search/?q=ครม.")
    assert_json_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("path", ["/api/", "/api/nope/", "/api/search/extra/", "/api/v9/pages/?x=1", "/api/%00/"])
def test_unknown_api_paths_answer_json_404(client, path):
    assert_json_error(client.get(path), 404, "not_found")


def test_api_without_slash_still_redirects(client):
    response = client.get("/api/search?q=ครม.")
    assert response.status_code == 301 and response["Location"].startswith("/api/search/")


def test_an_exception_in_the_api_is_a_logged_json_500(settings, caplog):
    settings.SEARCH_MAX_QUERY_CHARS = None  # a broken setting: TypeError deep inside the view
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/search/", {"q": "ครม."})
    assert_json_error(response, 500, "server_error")
    assert any(record.exc_info and record.exc_info[0] is TypeError for record in caplog.records)
    assert response["X-Content-Type-Options"] == "nosniff"  # the security headers stay


def test_html_pages_keep_html_errors(client):
    response = client.get("/no-such-page-here/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_unavailable_index_stays_json_503_with_retry_after(client, isolated_index):
    isolated_index.write_bytes(b"this is not a database" * 100)
    body = assert_json_error(client.get("/api/search/", {"q": "ครม."}), 503, "search_unavailable")
    assert "ระบบค้นหาขัดข้อง" in body["message"]
    assert int(client.get("/api/search/", {"q": "ครม."})["Retry-After"]) > 0
