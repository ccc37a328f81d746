"""A complaint never reaches anything public: search, the search API, the pages API, the
sitemap, feeds or the open-data exports; the complaint page itself is not a record."""

import re

import pytest
from django.core.management import call_command

from complaints.models import Complaint

pytestmark = pytest.mark.django_db
WORD = "ม้าลายสีม่วงXylophoneQuest"  # searched for (search pages echo the query)
OTHER = "KumquatLanternZ9"  # in the same complaint, never typed into a query: must appear nowhere


def test_a_filed_complaint_is_in_nothing_public(client, complaint_page):
    from tests.complaints.complaint_data import SEND, complaint_data

    response = client.post(
        SEND, complaint_data(allegation=f"ร้องเรียน {WORD}", details=f"{WORD} {OTHER} รายละเอียด"), follow=True
    )
    assert b"data-tracking-code" in response.content and Complaint.objects.count() == 1
    call_command("search_index", "rebuild", verbosity=0)  # whatever a rebuild would pick up

    urls = [
        f"/search/?q={WORD}",
        f"/api/search/?q={WORD}",
        f"/api/search/?q=ร้องเรียน {WORD}",
        "/api/v2/pages/?limit=20",
        f"/api/v2/pages/?search={WORD}",
        "/sitemap.xml",
        "/feeds/",
        f"/search/feed/?q={WORD}",
        "/opendata/",
        "/opendata/catalog.jsonld",
    ]
    opendata = client.get("/opendata/").content.decode()
    urls += sorted(set(re.findall(r'href="(/opendata/[\w-]+\.(?:jsonl|csv))"', opendata)))
    assert any(url.endswith(".jsonl") for url in urls)
    for url in urls:
        answer = client.get(url)
        assert answer.status_code in (200, 400), (url, answer.status_code)
        body = b"".join(answer.streaming_content) if answer.streaming else answer.content
        assert OTHER.encode() not in body, url
        if "q=" not in url and "search=" not in url:
            assert WORD.encode() not in body, url
        if not answer["Content-Type"].startswith("text/html"):  # pages link the form in their footer
            assert b"/complaint/status/" not in body, url

    assert client.get("/api/search/", {"q": WORD}).json()["total"] == 0
    assert client.get("/api/v2/pages/", {"search": WORD}).json()["meta"]["total_count"] == 0
    search = client.get("/api/search/", {"q": "ร้องเรียนการทุจริต"}).json()
    assert all(not hit["url"].startswith("/complaint/") for hit in search["results"])
    pages = client.get("/api/v2/pages/", {"limit": 20}).json()
    assert all("/complaint/" not in (item["meta"].get("html_url") or "") for item in pages["items"])
    assert client.get(f"/api/v2/pages/{complaint_page.pk}/").status_code == 404
