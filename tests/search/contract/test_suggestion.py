"""Spelling suggestions, the same on every backend: a misspelt word is corrected against
the public index's own vocabulary (search.plan.suggest), the corrected query is what is
searched, the API says "suggestion" (null otherwise) and the page offers it as
"คุณหมายถึง: …". A word only an unpublished record has is never suggested."""

import pytest

from search.query import SearchQuery
from tests.builders import make_record
from tests.search.contract.test_api import HOSTILE

pytestmark = pytest.mark.django_db


def api(client, q):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(
    "typed, meant, record",
    [
        ("ออสเตเลีย", "ออสเตรเลีย", "mou-au-gov"),  # a title word, its cluster's ร dropped
        ("ผู้ตรวจราชกาน", "ผู้ตรวจราชการ", "page-inspectors-general"),
        ("บันทึกความเข้าไจ เวียดนาม", "บันทึกความเข้าใจ เวียดนาม", "mou-vn-mic"),
        ("ศูนย์ปฏิบัติการต่อต้านการทุจริด", "ศูนย์ปฏิบัติการต่อต้านการทุจริต", "page-acc-"),
        ("cybersecurty", "cybersecurity", "news-asean-japan-cybersecurity-centre"),
    ],
)
def test_a_typo_of_a_title_word_finds_the_record_and_offers_the_suggestion(client, backend, typed, meant, record):
    data = api(client, typed)
    assert data["suggestion"] == meant
    assert data["query"] == typed  # what was typed, not what was searched
    assert data["results"][0]["identifier"].startswith(record)
    page = client.get("/search/", {"q": typed}).content.decode()
    assert "คุณหมายถึง" in page and meant in page


@pytest.mark.parametrize("q", ["ออสเตรเลีย", "ผู้ตรวจราชการ", "จริยธรรม", "Germany", "มติ ครม. 2567", "ครับ"])
def test_a_query_the_index_knows_gets_no_suggestion(client, backend, q):
    assert api(client, q)["suggestion"] is None
    assert "คุณหมายถึง" not in client.get("/search/", {"q": q}).content.decode()


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_fail_and_say_suggestion(client, backend, q):
    data = api(client, q)
    assert data["suggestion"] is None or isinstance(data["suggestion"], str)


def test_term_counts_are_the_same_on_both_backends(backend):
    counts = backend.term_counts(["ออสเตรเลีย", "ราชการ", "ไม่มีคำนี้ในดัชนีเลย", "", "ราชการ"])
    assert set(counts) == {"ออสเตรเลีย", "ราชการ"}
    assert counts["ออสเตรเลีย"] >= 1 and counts["ราชการ"] >= 5
    assert backend.term_counts([]) == {}


def test_a_word_only_an_unpublished_record_has_is_never_suggested(client, writable_backend, on_commit):
    typed = "ฟุดบอล"  # ฟุตบอล is in no demo record
    page = on_commit(make_record, identifier="typo-1", title="การแข่งขันฟุตบอล", body="ฟุตบอลประเพณี", publish=False)
    assert api(client, typed)["suggestion"] is None
    on_commit(page.save_revision().publish)
    data = api(client, typed)
    assert data["suggestion"] == "ฟุตบอล"
    assert data["results"][0]["identifier"] == "typo-1"
    page.refresh_from_db()
    on_commit(page.unpublish)  # the index forgets the word at once: its counts are exact
    assert api(client, typed)["suggestion"] is None
    assert writable_backend.term_counts(["ฟุตบอล"]) == {}


def test_suggest_asks_the_backend_in_few_lookups(backend):
    from search import plan

    calls = []

    def term_counts(terms):
        calls.append(len(terms))
        return backend.term_counts(terms)

    query = SearchQuery.from_params({"q": "ผู้ตรวจราชกาน"})
    suggestion, searched = plan.suggest(query, term_counts)
    assert suggestion == "ผู้ตรวจราชการ"
    assert 1 < len(calls) <= 5 and max(calls) <= 300


@pytest.mark.parametrize(
    "typed, meant, record",
    [
        # Each of ทุ|จร|ติ is a dictionary word some record has: a real-word typo.
        ("การทุจรติ", "การทุจริต", ("page-acc-", "page-corruption-")),
        ("แนวทางการร้องเรียนการทุจรติ", "แนวทางการร้องเรียนการทุจริต", ("page-corruption-complaint-guide",)),
    ],
)
def test_a_typo_made_of_real_short_words_is_corrected(client, backend, typed, meant, record):
    data = api(client, typed)
    assert data["suggestion"] == meant
    assert data["results"][0]["identifier"].startswith(record)  # str.startswith takes a tuple


def test_the_typed_form_is_kept_and_ranks_before_the_correction(client, writable_backend, on_commit):
    """The correction expands the query at a lower weight: a record that has the typed
    pieces (here apart, so its letters are not "ทุจรติ" as typed and the correction is
    still offered) is still found, and first (search.plan.TYPED_BOOST)."""
    on_commit(make_record, identifier="typed-1", title="บันทึกเรื่อง ทุ จร ติ", body="ข้อความตามที่พิมพ์", publish=True)
    data = api(client, "ทุจรติ")
    assert data["suggestion"] == "ทุจริต"
    ids = [hit["identifier"] for hit in data["results"]]
    assert ids[0] == "typed-1"
    assert any(i.startswith("page-acc-") for i in ids[1:])  # the correction's hits follow
    # A record with the letters as typed: they are no typo for this index any more.
    on_commit(make_record, identifier="typed-2", title="เรื่อง ทุจรติ", body="ตามที่พิมพ์", publish=True)
    data = api(client, "ทุจรติ")
    assert data["suggestion"] is None and "typed-2" in [hit["identifier"] for hit in data["results"]]


@pytest.mark.parametrize("q", ["เสรีเบกาวัน", "เบกาวัน"])  # Bandar Seri Begawan, as a record writes it
def test_letters_a_record_has_as_typed_are_not_offered_as_a_typo(client, backend, q):
    data = api(client, q)
    assert data["suggestion"] is None
    assert data["results"][0]["identifier"] == "news-asean-smart-cities-network"
    assert "คุณหมายถึง" not in client.get("/search/", {"q": q}).content.decode()


def test_a_run_of_short_words_that_is_meant_stays_as_typed(client, backend):
    # ไป|มา|ได้: three real words; no single word of the index is a cheap edit away.
    query = SearchQuery.from_params({"q": "ข้อมูลไปมาได้"})
    from search import plan

    suggestion, searched = plan.suggest(query, backend.term_counts)
    assert suggestion is None and searched is query
