"""The layer's tokens (search.analysis.grams) and rule (search.plan.layer_plan), without
an index: a query phrase is found exactly where the document holds its letters."""

import pickle
import random

from search import plan
from search.analysis import GRAM_BREAK, MIN_GRAM_CHARS, index_grams, query_grams
from search.query import SearchQuery


def found(text, surface):
    """Does the phrase of `surface` occur at consecutive positions of text's layer tokens?"""
    tokens, phrase = index_grams(text).split(), query_grams(surface).split()
    return any(tokens[i : i + len(phrase)] == phrase for i in range(len(tokens) - len(phrase) + 1))


def test_every_substring_of_a_thai_run_is_found_and_nothing_else():
    rng = random.Random(14)
    text = "ระเบียบที่ได้ประกาศใช้แล้ว ทั้งหมด 2560 ฝ่ายบริหารงานทั่วไป"
    runs = ["ระเบียบที่ได้ประกาศใช้แล้ว", "ทั้งหมด", "ฝ่ายบริหารงานทั่วไป"]
    for _ in range(200):
        run = rng.choice(runs)
        start = rng.randrange(0, len(run) - MIN_GRAM_CHARS + 1)
        surface = run[start : start + rng.randrange(MIN_GRAM_CHARS, len(run) - start + 1)]
        assert found(text, surface), surface
    assert not found(text, "ประกาศใช้ระเบียบ")


def test_runs_never_join_across_a_break():
    # "…ลง" then "งาน…": without the break, ลง|งา would read as the letters ลงา.
    assert not found("ตกลง งานใหม่", "ตกลงงาน")
    assert index_grams("ตกลง งาน") == f"ตก กล ลง {GRAM_BREAK} งา าน"
    assert found("ตกลงงาน", "ตกลงงาน")


def test_folding_and_what_is_not_thai():
    assert index_grams("") == "" and index_grams("MOU 2019 !") == ""
    assert index_grams("ก ข") == ""  # one-letter runs say nothing
    assert index_grams("ปี๒๕๖๒") == "ปี"  # Thai digits fold to Arabic: not part of a run
    for surface in ("ลง", "ใช้", "ab cd", "ประกาศ ใช้", "ประกาศ2560", "", "ก" * 100):
        assert query_grams(surface) is None, surface


def test_short_words_never_reach_the_layer():
    query = SearchQuery.from_params({"q": "ลง ใช้"})
    assert plan.layer_words(query) == []
    assert plan.layer_plan(SearchQuery.from_params({"q": "ประกาศใช้"}), 0, False)


def test_the_layer_is_searched_only_when_the_words_find_too_little():
    query = SearchQuery.from_params({"q": "ประกาศใช้"})
    assert plan.layer_plan(query, plan.LAYER_MIN_WORD_HITS - 1, False)
    assert not plan.layer_plan(query, plan.LAYER_MIN_WORD_HITS, False)
    assert not plan.layer_plan(query, 0, True)  # a date-sorted list of full matches only


def test_columns_carry_their_grams_through_pickling_and_the_memo():
    columns = plan.analyse("x-1", "ประกาศใช้", "เนื้อหาทั้งหมด", "x-1")
    assert columns.grams == plan.layer_values("ประกาศใช้", "เนื้อหาทั้งหมด", "x-1")
    again = pickle.loads(pickle.dumps(columns))  # from a rebuild's worker process
    assert again == columns and again.grams == columns.grams
    with plan.analysis_memo():
        own = plan.analysed_values("x-1", "ประกาศใช้", "เนื้อหาทั้งหมด", "x-1")
        with_files = plan.analysed_values("x-1", "ประกาศใช้", "เนื้อหาทั้งหมด", "x-1", "ไฟล์แนบ")
    assert own.grams == with_files.grams == columns.grams


def _reference_grams(text):
    """index_grams as it was written first: each folded run's bigrams, GRAM_BREAK between."""
    from search.analysis.grams import _THAI_RUN_RE, _run_grams
    from search.analysis.normalize import _fold_chars

    runs = _THAI_RUN_RE.findall(_fold_chars(text))
    return f" {GRAM_BREAK} ".join(_run_grams(run) for run in runs if len(run) > 1)


def test_the_byte_path_gives_each_runs_bigrams():
    # Every character of a run, the digits and marks around it, NUL and the fill byte in the
    # text itself, and a text longer than the preallocated spaces.
    thai = "".join(map(chr, (*range(0x0E01, 0x0E3B), *range(0x0E3F, 0x0E5C))))
    alphabet = thai * 3 + "AZaz09 .,\n\x00\x01x\u00a0“”日"
    rng = random.Random(14)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 80))) for _ in range(3000)]
    texts += ["กข", "กข ค", "ก ขค", "กขค ง จฉ", "ตกลง\x00งาน", "กา" * 40_000 + " ข" * 3 + " ขค", thai]
    for text in texts:
        assert index_grams(text) == _reference_grams(text), repr(text)
