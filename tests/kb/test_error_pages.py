"""Error pages in Thai with the site's look, under DEBUG=False (the test settings), each with
the Content-Security-Policy; 400 and 500 render without the database or a request context."""

import pytest
from django.test import Client
from django.views import defaults

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.kb.error_urls")]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def thai_page(response, status):
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="th">' in html and "css/site.css" in html
    assert f"ข้อผิดพลาด {status}" in html
    assert "Content-Security-Policy" in response
    return html


def test_404_is_thai_with_the_site_navigation(client):
    html = thai_page(client.get("/ไม่มีหน้านี้/"), 404)
    assert "ไม่พบหน้าที่ต้องการ" in html
    assert 'class="site-nav' in html and 'action="/search/"' in html  # the header's menu and search
    assert "Not Found</h1>" not in html  # not Django's default page


def test_500_is_thai_and_standalone(client):
    html = thai_page(client.get("/_test/500/"), 500)
    assert "ระบบขัดข้องชั่วคราว" in html and "Server Error (500)" not in html
    assert "a bug, on purpose" not in html  # no detail leaks


def test_500_template_needs_neither_database_nor_request(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = defaults.server_error(rf.get("/"))
    assert response.status_code == 500 and "ระบบขัดข้องชั่วคราว" in response.content.decode()


def test_403_is_thai(client):
    html = thai_page(client.get("/_test/403/"), 403)
    assert "ไม่มีสิทธิ์เข้าถึงหน้านี้" in html


def test_400_is_thai(client):
    html = thai_page(client.get("/_test/400/"), 400)
    assert "คำขอไม่ถูกต้อง" in html


def test_400_for_an_unknown_host_does_not_turn_into_500(client):
    # DisallowedHost: the page must not ask the request for its host (Wagtail's site lookup does).
    html = thai_page(client.get("/", HTTP_HOST="evil.example"), 400)
    assert "คำขอไม่ถูกต้อง" in html


def test_csrf_failure_is_thai():
    csrf_client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    html = thai_page(csrf_client.post("/admin/login/", {"username": "x", "password": "y"}), 403)
    assert "ส่งแบบฟอร์มไม่สำเร็จ" in html
