"""Where a hit was found (search.plan.hit_from's attachment), and the analysis of the files
column (search.plan.analyse, the memo), without an index: the backends' side is in
tests/search/contract/test_attachments.py."""

import json

from search import parallel, plan
from search.analysis import analyze_query
from search.documents import SearchDocument, files_text
from search.query import SearchQuery


def query(text):
    return SearchQuery(text=text, terms=analyze_query(text))


def stored(body="ประกาศเรื่องควอนตัม", files=None, **fields):
    return {
        "identifier": "a-1",
        "title": "ประกาศทดสอบ",
        "type": "news",
        "url": "/a-1/",
        "body": body,
        "meta": "a-1",
        **fields,
        **({"files": files} if files is not None else {}),
    }


def pages(*texts, title="ภาคผนวก", url="/f.pdf"):
    return {"title": title, "url": url, "pages": [{"page": n, "text": t} for n, t in enumerate(texts, start=1)]}


def hit(doc, q):
    return plan.hit_from(doc, query(q), 1.0, True)


def test_own_text_first():
    files = [pages("ควอนตัมในไฟล์")]
    found = hit(stored(files=files), "ควอนตัม")
    assert found.attachment is None and "ประกาศเรื่อง" in found.snippet
    assert hit(stored(title="ประกาศคอนดักเตอร์", files=[pages("คอนดักเตอร์")]), "คอนดักเตอร์").attachment is None


def test_the_page_with_the_most_words_the_record_lacks():
    files = [
        pages("หน้าแรกว่าง", "คอนดักเตอร์หนึ่งคำ", title="ไฟล์หนึ่ง", url="/1.pdf"),
        pages("คอนดักเตอร์และซูเปอร์ครบ", "คอนดักเตอร์และซูเปอร์อีกครั้ง", title="ไฟล์สอง", url="/2.pdf"),
    ]
    found = hit(stored(files=files), "คอนดักเตอร์ ซูเปอร์")
    assert found.attachment == {"title": "ไฟล์สอง", "url": "/2.pdf", "page": 1}  # ties: the first
    assert "<mark>ซูเปอร์</mark>" in found.snippet and "ครบ" in found.snippet


def test_a_page_that_only_repeats_the_records_own_word_is_not_where():
    """The record has one word itself: the page saying where must have the other one."""
    files = [pages("ควอนตัมซ้ำ", "คอนดักเตอร์")]
    found = hit(stored(files=files), "ควอนตัม คอนดักเตอร์")
    assert found.attachment["page"] == 2
    assert hit(stored(files=[pages("ควอนตัมซ้ำ")]), "ควอนตัม คอนดักเตอร์").attachment is None


def test_stored_as_json_as_a_list_missing_or_damaged():
    files = [pages("หน้าว่าง", "คอนดักเตอร์")]
    as_json = json.dumps(files, ensure_ascii=False)
    assert hit(stored(files=as_json), "คอนดักเตอร์").attachment["page"] == 2
    assert hit(stored(files=files), "คอนดักเตอร์").attachment["page"] == 2
    damaged = ([1], [{"pages": "x"}], [{"pages": [None, {"page": 1, "text": 5}]}])
    for files in (None, "", "[", "{}", [], [{"title": "x"}], [{"pages": [{"page": 1}]}], *damaged):
        found = hit(stored(files=files), "คอนดักเตอร์")
        assert found.attachment is None and found.snippet.startswith("ประกาศเรื่อง")


def test_thai_digits_and_case_on_a_page():
    found = hit(stored(files=[pages("บทนำ", "ตามมติเมื่อ พ.ศ. ๒๕๖๒ เรื่อง Zebrafish")]), "2562 zebrafish")
    assert found.attachment["page"] == 2
    assert "<mark>๒๕๖๒</mark>" in found.snippet and "<mark>Zebrafish</mark>" in found.snippet


def test_no_page_matches_keeps_the_body_snippet():
    found = hit(stored(files=[pages("ไม่เกี่ยวข้อง")]), "คอนดักเตอร์")
    assert found.attachment is None and found.snippet.startswith("ประกาศเรื่อง")


def test_pages_examined_are_capped(monkeypatch):
    monkeypatch.setattr(plan, "MAX_ATTACHMENT_PAGES", 3)
    files = [pages("ว่าง", "ว่าง"), pages("ว่าง", "คอนดักเตอร์")]
    assert hit(stored(files=files), "คอนดักเตอร์").attachment is None  # page 4 is past the cap
    files = [pages("ว่าง", "ว่าง"), pages("คอนดักเตอร์")]
    assert hit(stored(files=files), "คอนดักเตอร์").attachment == {"title": "ภาคผนวก", "url": "/f.pdf", "page": 1}


def test_stopwords_need_not_be_in_the_record():
    """The words a hit must contain are the query's required ones (stopwords aside)."""
    q = query("ของ ควอนตัม")
    assert [t.term for t in q.required] != [t.term for t in q.terms]  # ของ is a stopword
    doc = stored(body="ควอนตัม", files=[pages("ของคอนดักเตอร์")])
    assert plan.hit_from(doc, q, 1.0, True).attachment is None


def test_api_shape():
    found = hit(stored(files=[pages("คอนดักเตอร์")]), "คอนดักเตอร์")
    assert found.as_api()["attachment"] == {"title": "ภาคผนวก", "url": "/f.pdf", "page": 1}
    assert hit(stored(), "ควอนตัม").as_api()["attachment"] is None


# ---------------------------------------------------------------------- analysis
def doc(files=()):
    return SearchDocument(
        page_id=1,
        identifier="a-1",
        title="ประกาศ",
        type="news",
        type_label="ข่าว",
        url="/a/",
        date=None,
        year=None,
        agency="",
        status="",
        status_label="",
        body="เนื้อหา",
        meta="a-1",
        files=list(files),
    )


def test_files_text_joins_the_pages():
    assert files_text(doc()) == "" == files_text([]) == files_text(None)
    assert files_text(doc([pages("หนึ่ง", "สอง"), pages("สาม")])) == "หนึ่ง\nสอง\nสาม"
    assert files_text([{"title": "x"}, {"pages": [{"page": 1}]}]) == ""


def test_the_files_column_is_last_and_the_others_do_not_change():
    assert list(plan.FIELD_WEIGHTS)[-1] == "files"
    assert plan.FIELD_WEIGHTS["files"] < min(plan.FIELD_WEIGHTS["title"], plan.FIELD_WEIGHTS["body"])
    without = plan.analyse("a-1", "ประกาศ", "เนื้อหา", "a-1")
    with_files = plan.analyse("a-1", "ประกาศ", "เนื้อหา", "a-1", "คณะรัฐมนตรีรับทราบ")
    assert len(without) == len(plan.FIELD_WEIGHTS) and without[-1] == ""
    assert with_files[:-1] == without[:-1]
    assert "คณะรัฐมนตรี" in with_files[-1].split() and "ครม" in with_files[-1].split()
    assert plan.analysed_columns(doc([pages("คณะรัฐมนตรีรับทราบ")])) == with_files


def test_the_memo_shares_a_records_analysis_with_and_without_its_files(monkeypatch):
    calls = []
    real = plan.analyse
    monkeypatch.setattr(plan, "analyse", lambda *texts: calls.append(texts) or real(*texts))
    texts = ("a-1", "ประกาศ", "เนื้อหา", "a-1")
    with plan.analysis_memo():
        own = plan.analysed_values(*texts)  # the admin's index: the record's own texts
        both = plan.analysed_values(*texts, "คอนดักเตอร์")  # the public index: and its files
        assert both[:-1] == own[:-1] and both[-1] == "คอนดักเตอร์"
        assert plan.analysed_values(*texts, "") is own  # no files text: the four texts' key
        assert len(calls) == 1
    with plan.analysis_memo():
        other = ("b-1", "ประกาศ", "เนื้อหา", "b-1")
        first = plan.analysed_values(*other, "คอนดักเตอร์")  # the other way round
        assert plan.analysed_values(*other)[:-1] == first[:-1] and plan.analysed_values(*other)[-1] == ""
        assert len(calls) == 2


def test_prime_and_workers_take_five_texts():
    fields = [("a-1", "ประกาศ", "เนื้อหา", "a-1", "คอนดักเตอร์"), ("a-2", "ประกาศ", "เนื้อหา", "a-2", "")]
    expected = [plan.analyse(*f) for f in fields]
    assert list(parallel.analysed_fields(fields, workers=2, parallel_min=2)) == expected
    with plan.analysis_memo() as memo:
        parallel.prime(fields, parallel_min=100)
        assert set(memo) == {fields[0], fields[1][:4]}
        assert [plan.analysed_values(*f) for f in fields] == expected
