"""Question words and politeness particles (search/data/questions.txt) are optional
query words: marked like stopwords, never dropped, never the only thing that matches.

Pure functions for analysis; SearchQuery.required is tested without the database."""

from __future__ import annotations

import pytest

from search.analysis import analyze_query
from search.query import SearchQuery


def content(query: str) -> list[str]:
    return [t.term for t in analyze_query(query) if not t.stopword]


@pytest.mark.parametrize(
    "query, words",
    [
        ("ร้องเรียนการทุจริตต้องทำอย่างไรครับ", ["ร้องเรียน", "ทุจริต"]),
        ("ผู้ตรวจราชการกระทรวงมีใครบ้างคะ", ["ผู้ตรวจราชการกระทรวง"]),
        ("ประชุม WSIS จัดที่ไหนบ้าง", ["ประชุม", "wsis"]),
        ("กฎหมายนี้ใช้เมื่อไหร่นะคะ", ["กฎหมาย"]),
        ("how to complain", ["complain"]),
    ],
)
def test_question_words_and_particles_are_optional(query, words):
    assert content(query) == words


@pytest.mark.parametrize(
    "query, words",
    [
        ("ประมวลจริยธรรมมีกี่ข้อ", ["ประมวลจริยธรรม"]),
        ("MOU มีกี่ฉบับ", ["mou"]),
        ("ข้อ 5 ของระเบียบ", ["ข้อ", "5", "ระเบียบ"]),  # not after กี่: a content word
    ],
)
def test_the_unit_a_how_many_question_counts_is_optional(query, words):
    assert content(query) == words


def test_content_words_are_kept():
    # หน้าที่ is made of หน้า|ที่ but has no question word in it: a content word.
    assert "หน้าที่" in content("ศูนย์มีหน้าที่อะไรบ้าง")
    assert "ต่างประเทศ" in content("ต่างประเทศไหนบ้าง")


def test_question_words_are_not_deleted():
    terms = [t.term for t in analyze_query("มติ ครม. ว่าอย่างไร")]
    assert "อย่างไร" in terms


def test_a_query_of_question_words_only_still_searches():
    query = SearchQuery(text="อย่างไร ครับ", terms=analyze_query("อย่างไร ครับ"))
    assert [t.term for t in query.required] == ["อย่างไร", "ครับ"]


def test_a_content_query_requires_only_its_content_words():
    query = SearchQuery(text="ใครบ้างคะ ผู้ตรวจราชการ", terms=analyze_query("ใครบ้างคะ ผู้ตรวจราชการ"))
    assert [t.term for t in query.required] == ["ผู้ตรวจราชการ"]
