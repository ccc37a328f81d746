"""Dates in a query, in any form, find and rank records by their date field on every
backend (search.analysis.dates, search.plan.DATE_BOOST / date_only): the documents here
never write their date in their text, so only the field can find them."""

import dataclasses

import pytest

from tests.search.file_documents import document

pytestmark = pytest.mark.django_db

WORD = "ควอนตัมทดสอบ"  # in no demo record
JULY = dataclasses.replace(
    document(900101, "dates-1", f"คณะรัฐมนตรีมีมติเห็นชอบโครงการ{WORD}"),
    type="cabinet_resolution",
    type_label="มติคณะรัฐมนตรี",
)
NOVEMBER = dataclasses.replace(  # the same words, another fiscal year
    document(900102, "dates-2", f"คณะรัฐมนตรีมีมติเห็นชอบโครงการ{WORD}"),
    date="2024-11-20",
    date_label="20 พฤศจิกายน 2567",
    date_attr="2024-11-20",
)
WRITTEN = document(900103, "dates-3", "ประกาศเมื่อวันที่ 3 มีนาคม 2499 ฉบับเก่า")  # a date in words only
DAY_FORMS = ["9 ก.ค. 67", "09/07/2024", "๙ กรกฎาคม ๒๕๖๗", "9/7/2567", "July 9, 2024"]


def ids(client, q, **params):
    response = client.get("/api/search/", {"q": q, **params})
    assert response.status_code == 200, response.content
    return [r["identifier"] for r in response.json()["results"]]


@pytest.fixture
def dated(writable_backend):
    writable_backend.index_many([JULY, NOVEMBER, WRITTEN])
    return writable_backend


@pytest.mark.parametrize("day", DAY_FORMS)
def test_a_date_in_five_forms_finds_the_resolution(client, dated, day):
    assert "dates-1" in ids(client, day)  # by the date field alone: its text has no date
    assert "dates-2" not in ids(client, day)
    assert ids(client, f"{WORD} {day}")[0] == "dates-1"
    found = ids(client, f"มติ ครม. {day} {WORD}")
    assert found.index("dates-1") < found.index("dates-2")  # the same words: the date decides


@pytest.mark.parametrize(
    "when, first",
    [
        ("กรกฎาคม 2567", "dates-1"),
        ("ก.ค. 67", "dates-1"),
        ("พฤศจิกายน 2567", "dates-2"),
        ("Nov 2024", "dates-2"),
        ("ปีงบประมาณ 2567", "dates-1"),
        ("ปีงบประมาณ 2568", "dates-2"),
    ],
)
def test_months_and_fiscal_years_rank_their_records_first(client, dated, when, first):
    found = ids(client, f"{WORD} {when}")
    assert found[0] == first and set(found) >= {"dates-1", "dates-2"}  # the other still matches by its words


def test_a_date_only_query_is_a_date_range(client, dated):
    found = ids(client, "ปีงบประมาณ 2568")
    assert "dates-2" in found and "dates-1" not in found
    assert set(ids(client, "ปีงบประมาณ 2568", sort="oldest")) == set(found)  # the same records, the other order


def test_a_date_no_record_is_dated_finds_the_records_that_write_it(client, dated):
    assert ids(client, "3 มีนาคม 2499")[0] == "dates-3"


def test_date_only_filters_and_facets(client, dated):
    response = client.get("/api/search/", {"q": "9/7/2567", "type": "cabinet_resolution"}).json()
    assert "dates-1" in [r["identifier"] for r in response["results"]]
    assert all(r["type"] == "cabinet_resolution" for r in response["results"])
    assert response["facets"]["type"]["cabinet_resolution"] == response["total"]


@pytest.mark.parametrize(
    "q", ["31/02/2567", "99/99/9999", "ปีงบประมาณ 0000", "9/7/2567 " * 50, "July 32, 2024", 'ก.ค. ๖๗ )("*', "FY99"]
)
def test_hostile_dates_never_fail(client, backend, q):
    assert client.get("/api/search/", {"q": q}).status_code == 200


# ---------------------------------------------------------------------- kind and status words
TOPIC = "ไฮเปอร์ลูปทดสอบ"  # in no demo record
SAME = f"ความร่วมมือด้าน{TOPIC}ระหว่างประเทศสมาชิก"


def kind(page_id, identifier, type_, status=""):
    doc = document(page_id, identifier, SAME, title=f"เรื่อง{TOPIC}")
    return dataclasses.replace(doc, type=type_, type_label="", status=status, date="2020-01-01", date_attr="2020")


KINDS = [
    kind(900201, "kind-page", "page"),  # first in index order: only the words' kind moves the others up
    kind(900202, "kind-news", "news"),
    kind(900203, "kind-cr", "cabinet_resolution"),
    kind(900204, "kind-mou", "mou"),
    kind(900205, "kind-reg-in-force", "regulation", "in_force"),
    kind(900206, "kind-reg-repealed", "regulation", "repealed"),
]


@pytest.fixture
def kinds(writable_backend):
    writable_backend.index_many(KINDS)
    return writable_backend


@pytest.mark.parametrize(
    "words, first",
    [
        ("ข่าว", {"kind-news"}),
        ("มติ ครม.", {"kind-cr"}),
        ("มติคณะรัฐมนตรี", {"kind-cr"}),
        ("MOU", {"kind-mou"}),
        ("บันทึกความเข้าใจ", {"kind-mou"}),
        ("ระเบียบ", {"kind-reg-in-force", "kind-reg-repealed"}),
        ("ระเบียบ ยกเลิก", {"kind-reg-repealed"}),
    ],
)
def test_a_kind_word_ranks_that_kind_first(client, kinds, words, first):
    # None of the records writes the kind word: it is optional, every one is a full match.
    found = ids(client, f"{words} {TOPIC}")
    assert set(found[: len(KINDS)]) == {doc.identifier for doc in KINDS}
    assert set(found[: len(first)]) == first
    assert ids(client, TOPIC)[0] == "kind-page"  # without the word: index order


def test_the_kind_words_stay_a_search_and_filters_stay_explicit(client, kinds):
    response = client.get("/api/search/", {"q": f"ข่าว {TOPIC}", "type": "mou"}).json()
    assert [r["identifier"] for r in response["results"]] == ["kind-mou"]
    assert response["facets"]["type"]["news"] >= 1  # the facet still counts the other kinds
    alone = client.get("/api/search/", {"q": "ข่าว"}).json()["results"]  # the word alone: still a search
    assert alone and alone[0]["type"] == "news"
