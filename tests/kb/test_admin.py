"""The editors' side: Wagtail's admin speaks Thai and its page search understands Thai words."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin-test", "admin@example.com", "pw")
    client.force_login(user)
    return client


def test_admin_dashboard_is_in_thai(admin_client):
    response = admin_client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="th"' in html
    assert "หน้า" in html and "ค้นหา" in html  # Wagtail's own Thai translations


@pytest.mark.parametrize(
    "query, expected_title",
    [
        ("รัฐมนตรี", "ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง"),
        ("ครม.", "ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง"),
        ("ประชุม", "ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง"),
        ("จริยธรรม", "ประมวลจริยธรรมข้าราชการพลเรือน พ.ศ. 2564"),
        ("พ.ร.บ. จริยธรรม", "พระราชบัญญัติมาตรฐานทางจริยธรรม พ.ศ. 2562"),
    ],
)
def test_admin_page_search_finds_thai_words(admin_client, query, expected_title):
    response = admin_client.get("/admin/pages/search/", {"q": query})
    assert response.status_code == 200
    assert expected_title in response.content.decode()


def test_admin_search_finds_drafts_too(admin_client):
    from tests.builders import make_record

    make_record(identifier="admin-draft", title="ร่างระเบียบการใช้ปัญญาประดิษฐ์ในราชการ", publish=False)
    response = admin_client.get("/admin/pages/search/", {"q": "ปัญญาประดิษฐ์"})
    assert "ร่างระเบียบการใช้ปัญญาประดิษฐ์ในราชการ" in response.content.decode()
