"""Abuse and deployment hygiene: login and page-password throttling (django-axes), no Django
admin site, the Content-Security-Policy, and `check --deploy` under production settings.

Lock-outs live in axes' AccessAttempt table, so each test's transaction rolls them back."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageViewRestriction

from kb.models import RecordPage

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
LOCKOUT_TEXT = "ลองรหัสผ่านผิดหลายครั้งเกินไป"
LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def staff():
    return get_user_model().objects.create_superuser("throttle-admin", "t@example.com", "right-password-1")


def admin_login(client, password, username="throttle-admin", ip="203.0.113.7"):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_settings_limit_is_the_documented_default():
    assert LIMIT == 5 and settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_admin_login_locks_out_after_the_limit_even_with_the_right_password(client, staff):
    for _ in range(LIMIT - 1):
        response = admin_login(client, "wrong")
        assert response.status_code == 200 and not signed_in(client)  # the form again
    response = admin_login(client, "wrong")  # the LIMIT-th failure is answered by the lock-out
    assert response.status_code == 429

    response = admin_login(client, "right-password-1")
    html = response.content.decode()
    assert response.status_code == 429
    assert LOCKOUT_TEXT in html and "15 นาที" in html and 'lang="th"' in html
    assert not signed_in(client)
    # Per user name and address: the same account from another address still signs in.
    assert admin_login(client, "right-password-1", ip="198.51.100.9").status_code == 302
    assert signed_in(client)


def test_successful_admin_login_resets_the_count(client, staff):
    for _ in range(LIMIT - 1):
        admin_login(client, "wrong")
    assert admin_login(client, "right-password-1").status_code == 302
    assert not AccessAttempt.objects.filter(username="throttle-admin").exists()
    client.logout()
    for _ in range(LIMIT - 1):  # would pass the limit had the success not cleared the count
        admin_login(client, "wrong")
    assert admin_login(client, "right-password-1").status_code == 302
    assert signed_in(client)


def test_django_admin_site_is_not_exposed(client):
    assert client.get("/django-admin/").status_code == 404
    assert client.post("/django-admin/login/", {"username": "x", "password": "y"}).status_code == 404


@pytest.fixture
def password_page():
    page = RecordPage.objects.live().order_by("pk").first()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="page-secret"
    )
    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
    return page, restriction, action


def page_password(client, page, action, password, ip="203.0.113.7"):
    return client.post(action, {"password": password, "return_url": page.url}, REMOTE_ADDR=ip)


def test_page_password_locks_out_after_the_limit(client, password_page):
    page, restriction, action = password_page
    assert action in client.get(page.url).content.decode()  # the form posts to the throttled view
    for _ in range(LIMIT - 1):
        assert page_password(client, page, action, "guess").status_code == 200
    assert page_password(client, page, action, "guess").status_code == 429

    response = page_password(client, page, action, "page-secret")
    assert response.status_code == 429 and LOCKOUT_TEXT in response.content.decode()
    assert restriction.id not in client.session.get(restriction.passed_view_restrictions_session_key, [])
    assert page.title not in client.get(page.url).content.decode()  # still behind the form
    # Another address is not affected.
    assert page_password(client, page, action, "page-secret", ip="198.51.100.9").status_code == 302


def test_right_page_password_resets_the_count(client, password_page):
    page, restriction, action = password_page
    for _ in range(LIMIT - 1):
        page_password(client, page, action, "guess")
    assert page_password(client, page, action, "page-secret").status_code == 302
    assert page.title in client.get(page.url).content.decode()
    assert not AccessAttempt.objects.filter(username=f"page-password:{restriction.id}").exists()
    for _ in range(LIMIT - 1):
        page_password(client, page, action, "guess")
    assert page_password(client, page, action, "page-secret").status_code == 302


def test_client_address_behind_trusted_proxies(rf, settings):
    from kb.security import client_ip_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7, 10.0.0.1")
    settings.KB_TRUSTED_PROXY_COUNT = 0
    assert client_ip_address(request) == "10.0.0.2"  # X-Forwarded-For is ignored unless trusted
    settings.KB_TRUSTED_PROXY_COUNT = 2
    assert client_ip_address(request) == "203.0.113.7"  # not the forged left-most hop


# ------------------------------------------------------------------ Content-Security-Policy

INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.IGNORECASE),
    re.compile(r"<style\b", re.IGNORECASE),
    re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    re.compile(r"\sstyle\s*=", re.IGNORECASE),
    re.compile(r"javascript:", re.IGNORECASE),
]


@pytest.mark.parametrize("path", ["/", "/search/?q=ครม.&sort=newest", "/no-such-page/", "record"])
def test_public_pages_have_a_strict_policy_and_nothing_inline(client, path):
    if path == "record":
        path = RecordPage.objects.live().order_by("pk").first().url
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy
    html = response.content.decode()
    for pattern in INLINE:
        assert not pattern.search(html), (path, pattern.pattern, pattern.search(html).group(0))


def test_admin_gets_its_own_policy(client, staff):
    client.force_login(staff)
    for path in [reverse("wagtailadmin_login"), reverse("wagtailadmin_home")]:
        policy = client.get(path)["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-inline'" in policy
        assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kb.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "kb.example.go.th",
        "COMPLAINTS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "KB_VAR_DIR": str(tmp_path),
        "PYTHAINLP_OFFLINE": "1",
    }
    env.pop("DATABASE_URL", None)  # the check needs no database; avoid touching a shared one
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
