"""Spelling candidates and corrections (search.analysis.typos), without an index: the
index's answers are a dict here (the backends' term_counts, tested in
tests/search/contract/test_suggestion.py)."""

import random
import time

import pytest

from search.analysis import analyze_query, index_document, typos
from search.plan import suggest
from search.query import SearchQuery


@pytest.fixture(scope="module")
def vocabulary():
    return typos.default_vocabulary()


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("จริยะธรรม", "จริยธรรม"),  # an extra ะ
        ("ทุจริด", "ทุจริต"),  # a final of the same sound
        ("ราชกาน", "ราชการ"),
        ("เข้าไจ", "เข้าใจ"),  # ไ for ใ
        ("ออสเตเลีย", "ออสเตรเลีย"),  # a cluster's ร dropped
        ("สิงคโปร", "สิงคโปร์"),  # a missing การันต์
        ("คอมพิวเตอ", "คอมพิวเตอร์"),  # a loanword's silent ร์
        ("อัจริยะ", "อัจฉริยะ"),  # a letter dropped
        ("จริยทำ", "จริยธรรม"),  # ำ for รรม, ท for ธ
        ("กริสดีกา", "กฤษฎีกา"),  # three sound-alike letters
        ("พระราชกริสดีกา", "พระราชกฤษฎีกา"),
    ],
)
def test_a_misspelling_has_the_word_among_its_candidates(vocabulary, typed, meant):
    found = dict(typos.candidates(typed, vocabulary))
    assert meant in found
    assert found[meant] <= typos.max_cost(typed)


def test_candidates_are_cheapest_first_and_never_the_word(vocabulary):
    found = typos.candidates("ราชกาน", vocabulary)
    costs = [cost for _, cost in found]
    assert costs == sorted(costs)
    assert "ราชกาน" not in dict(found)
    assert found[0] == ("ราชการ", typos.CHEAP)


def test_latin_words_get_single_edits():
    found = dict(typos.candidates("cybersecurty"))
    assert "cybersecurity" in found
    assert typos.candidates("abc") == []  # too short to guess


@pytest.mark.parametrize("word", ["", "ก", "x", "😀🙏", "ก" * 200, "abc123", "ไทยthai", "\x00", "่่่่", "์์"])
def test_odd_words_give_no_candidates_or_some_but_never_fail(vocabulary, word):
    assert isinstance(typos.candidates(word, vocabulary), list)


def test_vocabulary_children():
    vocabulary = typos.Vocabulary(["การ", "กาล", "กิน", "ข้าว"])
    assert vocabulary.children("กา") == "รล"
    assert vocabulary.children("") == "กข"
    assert vocabulary.children("ขา") == ""


def counts_of(words):
    """A fake index: term_counts over the terms of these texts."""
    index = {}
    for text in words:
        primary, extra = index_document(text)
        for term in set(primary + extra):
            index[term] = index.get(term, 0) + 1
    calls = []

    def term_counts(terms):
        calls.append(list(terms))
        return {t: index[t] for t in terms if t in index}

    return term_counts, calls


INDEX = ["ประมวลจริยธรรมข้าราชการ", "ศูนย์ปฏิบัติการต่อต้านการทุจริต", "บันทึกความเข้าใจ เวียดนาม", "ผู้ตรวจราชการ"]


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("ประมวลจริยะธรรม", "ประมวลจริยธรรม"),
        ("ต่อต้านการทุจริด", "ต่อต้านการทุจริต"),
        ("บันทึกความเข้าไจ เวียดนาม", "บันทึกความเข้าใจ เวียดนาม"),
        ("ผู้ตรวจราชกาน", "ผู้ตรวจราชการ"),
    ],
)
def test_a_query_is_corrected_against_the_index(typed, meant):
    term_counts, _ = counts_of(INDEX)
    query = SearchQuery(text=typed, terms=analyze_query(typed))
    suggestion, searched = suggest(query, term_counts)
    assert suggestion == meant
    assert [t.term for t in searched.terms] == [t.term for t in analyze_query(meant)]
    assert searched.text == typed  # the page shows what was typed


def test_the_index_decides_not_the_dictionary():
    # เข้าใจ is a dictionary word, but no document has it: no suggestion.
    term_counts, _ = counts_of(["เวียดนาม"])
    query = SearchQuery(text="เข้าไจ", terms=analyze_query("เข้าไจ"))
    assert suggest(query, term_counts) == (None, query)


def test_words_the_index_has_are_not_corrected_and_cost_one_lookup():
    term_counts, calls = counts_of(INDEX)
    for text in ("ผู้ตรวจราชการ", "บันทึกความเข้าใจ เวียดนาม", "ประมวลจริยธรรม"):
        calls.clear()
        query = SearchQuery(text=text, terms=analyze_query(text))
        assert suggest(query, term_counts) == (None, query)
        assert len(calls) == 1


def test_a_query_of_odd_strings_never_fails():
    term_counts, _ = counts_of(INDEX)
    rng = random.Random(14)
    alphabet = 'กขคงจฉชซดตถทธนบปผพฟภมยรลวศษสหอฮะัาำิีึืุูเแโใไ่้๊๋์ abcxyz0123."*()-'
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        query = SearchQuery(text=text, terms=analyze_query(text))
        suggestion, searched = suggest(query, term_counts)
        assert suggestion is None or isinstance(suggestion, str)


def test_the_correction_is_fast():
    term_counts, _ = counts_of(INDEX)
    texts = ["ประมวลจริยะธรรม", "ผู้ตรวจราชกาน", "บันทึกความเข้าไจ เวียดนาม", "ต่อต้านการทุจริด"]
    for text in texts:  # warm the caches
        suggest(SearchQuery(text=text, terms=analyze_query(text)), term_counts)
    times = []
    for text in texts * 5:
        query = SearchQuery(text=text, terms=analyze_query(text))
        started = time.perf_counter()
        suggest(query, term_counts)
        times.append(time.perf_counter() - started)
    assert sorted(times)[len(times) // 2] < 0.05  # generous: CI machines are slow


@pytest.mark.parametrize(
    "terms, marked",
    [
        (["ทุ", "จร", "ติ"], {0, 1, 2}),  # ทุจรติ: three short dictionary pieces
        (["การ", "ทุ", "จร", "ติ", "ภาครัฐ"], {1, 2, 3}),
        (["คณะ", "รัฐ", "มน", "ตี"], {2, 3}),  # คณะรัฐมนตี
        (["ทุ", "การ", "ติ"], set()),  # a short piece alone is ordinary Thai
        (["ไป", "มา"], {0, 1}),  # suspect, but only corrected into fewer tokens (below)
    ],
)
def test_short_runs(terms, marked):
    assert typos.short_runs(terms) == marked


def test_a_real_word_typo_keeps_its_typed_pieces():
    term_counts, _ = counts_of([*INDEX, "ทุ จร ติ"])  # each piece is somewhere in the index
    query = SearchQuery.from_params({"q": "การทุจรติ"})
    suggestion, searched = suggest(query, term_counts)
    assert suggestion == "การทุจริต"
    assert searched.typed == ("ทุ จร ติ",)
    word = next(t for t in searched.terms if t.term == "ทุจริต")
    assert "ทุ จร ติ" in word.alternatives and "ทุจรติ" in word.surfaces


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("จริธรรม", "จริยธรรม"),  # a consonant dropped after a vowel
        ("อนุสัญญ", "อนุสัญญา"),  # the last letter not typed
        ("คณะรัฐมนตี", "คณะรัฐมนตรี"),  # รัฐ|มน|ตี: a run of short pieces
        ("คอลเซนเตอร์", "คอลเซ็นเตอร์"),  # ็ left out, as a tone mark is
    ],
)
def test_dropped_letters_and_short_runs_are_corrected(typed, meant):
    texts = ["ประมวลจริยธรรม", "อนุสัญญาว่าด้วยไซเบอร์", "มติคณะรัฐมนตรี", "ไป มา ตี", "คอลเซ็นเตอร์ คอนเซนเตอร์"]
    term_counts, _ = counts_of(texts)
    suggestion, _ = suggest(SearchQuery.from_params({"q": typed}), term_counts)
    assert suggestion == meant
