"""The ministry's domain synonym groups (the "Domain words" section of
search/data/synonyms.txt, reviewed as docs/search-synonyms.md says).

The file parses and every group is commented; any member typed alone is analysed as its group's
one canonical term, so a query for any member finds the others; through /api/search/
on the demo corpus, a query with one member finds a record that has only another.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.analysis import analyze_query, index_document
from search.analysis.lexicon import DATA_DIR, _read_rows

SECTION = "# --- Domain words"


def domain_lines() -> list[tuple[str, str]]:
    """(comment above, group line) of every group in the domain section."""
    lines = (DATA_DIR / "synonyms.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(SECTION))
    groups, comment = [], ""
    for line in lines[start + 1 :]:
        if line.startswith("# ---"):  # a later section ends this one
            break
        if line.startswith("#"):
            comment = line
        elif line.strip():
            groups.append((comment, line))
            comment = ""
    return groups


def members(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("|")]


def content_terms(query: str) -> list[str]:
    return [t.term for t in analyze_query(query) if not t.stopword]


def query_finds_text(query: str, text: str) -> bool:
    """Every content word of the query is among the text's index terms."""
    primary, extra = index_document(text)
    terms = set(primary) | set(extra)
    return all(
        t.term in terms or any(a in terms for a in t.alternatives) for t in analyze_query(query) if not t.stopword
    )


# ------------------------------------------------------------------ the file


def test_the_file_parses_and_the_domain_section_is_there():
    rows = _read_rows("synonyms.txt")
    assert rows and all(len(row) >= 2 for row in rows)  # a group needs two members
    assert len(domain_lines()) >= 10


@pytest.mark.parametrize("comment, line", domain_lines(), ids=lambda v: v[:24])
def test_every_domain_group_says_why_it_is_safe(comment, line):
    assert comment.startswith("# ") and len(comment) > 20, f"no reason given for: {line}"
    cells = members(line)
    assert all(cells), f"empty member in: {line}"
    assert len(set(cells)) == len(cells), f"repeated member in: {line}"


@pytest.mark.parametrize("comment, line", domain_lines(), ids=lambda v: v[:24])
def test_every_member_is_analysed_as_the_groups_one_term(comment, line):
    terms = {tuple(content_terms(member)) for member in members(line)}
    assert len(terms) == 1 and len(next(iter(terms))) == 1, f"{line}: {terms}"


# ------------------------------------------------------------------ what is left out on purpose


@pytest.mark.parametrize(
    "word, not_with",
    [
        ("โกง", "ทุจริต"),  # any cheating, online scams included: broader than corruption
        ("สินบน", "ทุจริต"),  # one kind of corruption: narrower
        ("ข้อตกลง", "mou"),  # any agreement: rules, treaties
        ("เป้าหมาย", "เป้าประสงค์"),  # target and goal are distinct in Thai strategy plans
    ],
)
def test_broader_or_narrower_words_stay_out(word, not_with):
    assert content_terms(not_with)[0] not in content_terms(word)


# ------------------------------------------------------------------ analysis, both directions


@pytest.mark.parametrize(
    "query, text",
    [
        ("คอร์รัปชัน", "ปัญหาการทุจริตประพฤติมิชอบ"),
        ("ทุจริต", "ต่อต้านคอร์รัปชัน"),
        ("เฟคนิวส์", "ศูนย์ต่อต้านข่าวปลอม"),
        ("ข่าวปลอม", "fake news"),
        ("ธรรมาภิบาล", "วิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546"),
        ("good governance", "หลักธรรมาภิบาล"),
        ("โรมมิ่ง", "บริการข้ามแดนอัตโนมัติในอาเซียน"),
        ("ลุ่มน้ำโขง", "อิรวดี-เจ้าพระยา-แม่โขง"),
        ("Mekong", "ลุ่มแม่น้ำโขง"),
        ("ร้องเรียนแบบไม่ระบุตัวตน", "กรณีที่ไม่เปิดเผยชื่อ - สกุลจริง ผู้ร้องเรียน"),
        ("ช่องว่างทางดิจิทัล", "Bridging the Digital Divide"),
        ("ความปลอดภัยไซเบอร์", "บุคลากรความมั่นคงปลอดภัยไซเบอร์"),
        ("PDPA", "กฎหมายคุ้มครองข้อมูลส่วนบุคคล"),
        ("ค่าเน็ต", "ค่าบริการอินเทอร์เน็ต"),
    ],
)
def test_a_query_member_finds_a_text_with_another(query, text):
    assert query_finds_text(query, text)


# ------------------------------------------------------------------ the demo corpus


RECORDS = Path(__file__).resolve().parents[2] / "fixtures" / "records.jsonl"


def record_text(identifier: str) -> str:
    """Title and body of a demo record, as load_demo gets them."""
    for line in RECORDS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["identifier"] == identifier:
            return f"{record['title']}\n{record['body']}"
    raise LookupError(identifier)


def found(client, q: str) -> list[str]:
    return [r["identifier"] for r in client.get("/api/search/", {"q": q}).json()["results"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, member, identifier, only_has",
    [
        ("เฟคนิวส์", "เฟคนิวส์", "news-assistant-ministers-committee-2-2565", "ข่าวปลอม"),
        ("คอร์รัปชัน", "คอร์รัปชัน", "page-acc-background", "ทุจริต"),
        ("โรมมิ่ง", "โรมมิ่ง", "cr-2567-07-09-adgmin4", "บริการข้ามแดนอัตโนมัติ"),
        ("ความร่วมมือลุ่มน้ำโขง", "ลุ่มน้ำโขง", "news-acmecs", "แม่โขง"),
        ("บันทึกข้อตกลง ออสเตรเลีย", "ข้อตกลง", "mou-au-gov", "บันทึกความเข้าใจ"),
        ("ดัชนีภาพลักษณ์คอร์รัปชัน", "ภาพลักษณ์", "page-acc-vision-mission", "ดัชนีการรับรู้การทุจริต"),
    ],
)
def test_a_member_finds_a_record_that_only_has_another(client, query, member, identifier, only_has):
    # The record really lacks the member typed: the synonym, not the text, finds it.
    text = record_text(identifier)
    assert only_has in text and member not in text
    assert identifier in found(client, query)[:3]
