"""Snippets mark the query's content words, not the stopwords inside every other word."""

from search.analysis import analyze_query
from search.snippets import make_snippet

TEXT = "การประชุมเรื่องการป้องกันการทุจริตในการปฏิบัติราชการ"


def test_stopwords_are_not_marked_beside_content_words():
    snippet = make_snippet(TEXT, analyze_query("การทุจริต"))
    assert "<mark>ทุจริต</mark>" in snippet
    assert "<mark>การ</mark>" not in snippet


def test_a_query_of_stopwords_only_still_marks_them():
    assert "<mark>การ</mark>" in make_snippet(TEXT, analyze_query("การ"))
