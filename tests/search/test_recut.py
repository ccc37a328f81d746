"""search.recut without an index: a document's cut of a query word's letters, and which
words get one."""

from search.query import SearchQuery
from search.recut import document_cut, recut


def test_the_cut_is_the_terms_covering_the_letters():
    text = "ผู้ตรวจราชการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม มีหน้าที่ตรวจราชการ"
    cut = document_cut(text, "ผู้ตรวจราชการกระทรวง")
    assert cut is not None and cut.split()[0] == "ผู้ตรวจราชการ" and len(cut.split()) >= 2
    assert document_cut("กฎหมายฉบับนี้ประกาศใช้แล้ว", "ประกาศใช้") == "ประกาศ ใช้แล้ว"
    assert document_cut("ไม่มีคำนั้น", "ประกาศใช้") is None


def test_only_words_no_document_has_a_term_for_are_looked_up():
    asked = []

    def letter_texts(phrase, limit):
        asked.append(phrase)
        return [("", "ระเบียบที่ได้ประกาศใช้แล้ว", "")]

    query = SearchQuery.from_params({"q": "ประกาศใช้ ระเบียบ"})
    known = recut(query, lambda terms: {t: 1 for t in terms}, letter_texts)
    assert known is query and not asked
    searched = recut(query, lambda terms: {"ระเบียบ": 5}, letter_texts)
    assert len(asked) == 1
    word = next(t for t in searched.terms if t.term == "ประกาศใช้")
    assert "ประกาศ ใช้แล้ว" in word.alternatives


def test_letters_count_only_as_whole_characters():
    from search.recut import has_letters

    def letter_texts(phrase, limit):
        return [("", "ความร่วมมือกับสิงคโปร์ และบันดาร์เสรีเบกาวัน", "")]

    assert has_letters(letter_texts, "เสรีเบกาวัน")
    assert not has_letters(letter_texts, "สิงคโปร")  # inside สิงคโปร์: ์ belongs to ร
    assert not has_letters(letter_texts, "abc")  # no layer phrase: never looked up
