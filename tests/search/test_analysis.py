"""Tests of the Thai analysis pipeline (search/analysis/).

Pure functions: no database, no Django settings needed.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import analysis
from search.analysis import (
    ANALYSIS_VERSION,
    analyze_query,
    clean,
    fold,
    index_document,
    to_term,
    tokens,
)

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"

# Thai letters, vowels, tone marks, digits, ฯ/ๆ, plus what real text mixes
# in: Latin, digits, dots, spaces of every kind, zero-width and control
# characters, emoji, combining marks of other scripts.
_THAI = "".join(chr(cp) for cp in range(0x0E01, 0x0E5C) if chr(cp).isprintable())
_MIXED_ALPHABET = (
    _THAI
    + string.ascii_letters
    + string.digits
    + string.punctuation
    + " \n\t\r\u00a0\u202f\u3000\u200b\u200c\u200d\u2060\ufeff\x00\x07"
    + "\u0301\u0308\u00e9\u2019\u201c\u201d\u2013"
    + "😀👍🏽🇹🇭"
    + "中文ًا"
)
thai_heavy_text = st.text(alphabet=_MIXED_ALPHABET, max_size=300)
any_text = st.text(max_size=300)
PROPERTY = settings(max_examples=150, deadline=None)
FOLDED_AWAY = "๐๑๒๓๔๕๖๗๘๙" + string.ascii_uppercase


def all_terms(text: str) -> set[str]:
    primary, extra = index_document(text)
    return set(primary) | set(extra)


def query_terms(text: str) -> list[str]:
    return [qt.term for qt in analyze_query(text)]


# --------------------------------------------------------------------------
# clean / fold
# --------------------------------------------------------------------------


def test_clean_spaces_zero_width_and_controls():
    assert clean("ก\u00a0ข\u202fค\u3000ง\tจ") == "ก ข ค ง จ"
    assert clean("คณะ\u200bรัฐ\u200cมน\u200dตรี\u2060\ufeff") == "คณะรัฐมนตรี"
    assert clean("x\x00y\x07z") == "xyz"
    assert clean("  ก    ข  ") == "ก ข"
    assert clean("บรรทัด 1\r\nบรรทัด 2") == "บรรทัด 1\nบรรทัด 2"


def test_clean_thai_normalisation():
    assert clean("เเปลก") == "แปลก"
    assert clean("ทํา") == "ทำ"  # nikhahit + sara aa -> sara am
    assert clean("ก่ี") == "กี่"  # tone mark after the vowel


def test_clean_never_applies_nfkc():
    # NFKC would turn the ligature into "fi", full-width letters into ASCII
    # and sara am into nikhahit + sara aa.
    assert clean("ﬁ ＡＢＣ ทำ") == "ﬁ ＡＢＣ ทำ"
    assert "\u0e4d" not in clean("ทำ")


def test_clean_keeps_digits_and_case():
    assert clean("พ.ศ. ๒๕๖๒ ASEAN") == "พ.ศ. ๒๕๖๒ ASEAN"


def test_fold_digits_and_case_char_for_char():
    assert fold("พ.ศ. ๒๕๖๒ ASEAN") == "พ.ศ. 2562 asean"
    text = "\u00a0ครม.\u200b ๒๕๖๒  WSIS"
    assert len(fold(text)) == len(clean(text))


@PROPERTY
@given(thai_heavy_text)
def test_clean_is_idempotent_thai(text):
    once = clean(text)
    assert clean(once) == once


@PROPERTY
@given(any_text)
def test_clean_is_idempotent_any(text):
    once = clean(text)
    assert clean(once) == once


@PROPERTY
@given(thai_heavy_text)
def test_fold_preserves_offsets(text):
    cleaned = clean(text)
    folded = fold(text)
    assert len(folded) == len(cleaned)
    assert fold(cleaned) == folded
    assert not any(c in folded for c in FOLDED_AWAY)


# --------------------------------------------------------------------------
# never raises; term and token invariants
# --------------------------------------------------------------------------


def _check_terms(terms):
    for term in terms:
        assert term
        assert not any(c.isspace() for c in term), term
        assert not any(c in string.punctuation for c in term), term
        assert not any(c in FOLDED_AWAY for c in term)


def _check_everything(text):
    cleaned = clean(text)
    previous_start = -1
    for tok in tokens(text):
        assert cleaned[tok.start : tok.end] == tok.surface
        assert tok.start >= previous_start and tok.end > tok.start
        previous_start = tok.start
        _check_terms([tok.term, *tok.extras])
    primary, extra = index_document(text)
    _check_terms(primary + extra)
    for qt in analyze_query(text):
        _check_terms([qt.term, *qt.alternatives, *qt.parts])
        for surface in qt.surfaces:
            assert surface
            assert not any(c in surface for c in FOLDED_AWAY), surface
    assert len(fold(text)) == len(cleaned)


@PROPERTY
@given(thai_heavy_text)
def test_never_raises_thai(text):
    _check_everything(text)


@PROPERTY
@given(any_text)
def test_never_raises_any(text):
    _check_everything(text)


def _index_terms_from_tokens(text):
    """index_document's result built the slow way, from the tokens snippets and queries use."""
    _, _, toks, _ = analysis._analyze(text)
    return [t.term for t in toks], [e for t in toks for e in t.extras()]


@PROPERTY
@given(thai_heavy_text)
def test_index_document_fast_path_equals_the_tokens(text):
    # index_document skips token objects for rebuild speed; it must index exactly what
    # the tokens say, or a query could miss a document it matches.
    assert index_document(text) == _index_terms_from_tokens(text)


def test_index_document_fast_path_equals_the_tokens_on_the_records():
    for record in _records():
        for text in (record["title"], record.get("body", "")):
            assert index_document(text) == _index_terms_from_tokens(text)


def test_never_raises_on_long_text():
    rng = random.Random(20240709)
    for _ in range(5):
        text = "".join(rng.choice(_MIXED_ALPHABET) for _ in range(5000))
        _check_everything(text)
    assert len(analyze_query("ประชุม " * 2000)) == 1
    assert len(analyze_query(" ".join(f"คำ{i}" for i in range(200)))) <= 32


def test_non_string_input():
    assert clean(None) == ""
    assert analyze_query(None) == []
    assert index_document("") == ([], [])


# --------------------------------------------------------------------------
# segmentation
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "abbreviation, term",
    [
        ("ครม.", "ครม"),
        ("พ.ร.บ.", "พรบ"),
        ("พ.ร.ฎ.", "พรฎ"),
        ("ป.ป.ช.", "ปปช"),
        ("ป.ป.ท.", "ปปท"),
        ("สปป.ลาว", "สปปลาว"),
        ("พ.ศ.", "พศ"),
        ("ดศ.", "ดศ"),
        ("ศอตช.", "ศอตช"),
        ("คสช.", "คสช"),
        ("สป.ดศ.", "สปดศ"),
        ("บมจ.", "บมจ"),
        ("ก.พ.ร.", "กพร"),
        ("ก.ค.", "กค"),
    ],
)
def test_abbreviations_come_out_whole(abbreviation, term):
    for text in (f"ตามมติ {abbreviation} เมื่อวันที่ 1", f"โดย{abbreviation}เสนอ"):
        toks = tokens(text)
        assert (abbreviation, term) in [(t.surface, t.term) for t in toks], [t.surface for t in toks]


def test_unknown_dotted_abbreviation_is_one_token():
    assert [t.surface for t in tokens("ตาม ป.วิ.อ. มาตรา")] == ["ตาม", "ป.วิ.อ.", "มาตรา"]


def test_abbreviation_glued_to_a_word():
    assert [t.term for t in tokens("พ.ร.บ.คอมพิวเตอร์ พ.ศ.2560")] == ["พรบ", "คอมพิวเตอร์", "พศ", "2560"]


def test_numbers():
    assert [t.term for t in tokens("ครั้งที่ 2/2565")][-2:] == ["2", "2565"]
    assert [t.term for t in tokens("รวม 2,300 Gbps")] == ["รวม", "2300", "gbps"]
    assert [t.term for t in tokens("วันที่ ๒๕-๒๖ มิถุนายน")][1:3] == ["25", "26"]


def test_english_words_and_hyphens():
    toks = tokens("ASEAN Digital Ministers’ Meeting (ADGMIN) e-mail")
    assert [t.term for t in toks] == ["asean", "digital", "ministers", "meeting", "adgmin", "email"]
    assert set(toks[-1].extras) >= {"e", "mail"}
    assert "titlex" not in all_terms("title:x")
    assert {"title", "x"} <= all_terms("title:x")


def test_thai_repetition_and_abbreviation_marks():
    assert to_term("ต่างๆ") == to_term("ต่าง")
    assert [t.term for t in tokens("ต่าง ๆ")] == ["ต่าง"]
    assert to_term("กรุงเทพฯ") == "กรุงเทพ"


def test_nbsp_and_zero_width_inside_text():
    assert [t.term for t in tokens("คณะ\u200bรัฐมนตรี")] == ["คณะรัฐมนตรี"]
    toks = tokens("ครม.\u00a0รับทราบ")
    assert [t.term for t in toks] == ["ครม", "รับทราบ"]
    assert [t.surface for t in toks] == ["ครม.", "รับทราบ"]


def test_offsets_survive_variant_replacement_of_other_length():
    text = "ส่งอีเมล์ถึง ดศ."
    cleaned = clean(text)
    toks = tokens(text)
    assert [t.surface for t in toks] == ["ส่ง", "อีเมล์", "ถึง", "ดศ."]
    assert [t.term for t in toks] == ["ส่ง", "อีเมล", "ถึง", "ดศ"]
    assert all(cleaned[t.start : t.end] == t.surface for t in toks)


# --------------------------------------------------------------------------
# compound parts
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "compound, part",
    [
        ("การประชุม", "ประชุม"),
        ("คณะรัฐมนตรี", "รัฐมนตรี"),
        ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "เศรษฐกิจ"),
        ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "ดิจิทัล"),
        ("ประมวลจริยธรรมข้าราชการพลเรือน", "จริยธรรม"),
        ("รายงานประจำปี", "รายงาน"),
        ("สปป.ลาว", "ลาว"),
    ],
)
def test_parts_of_compounds_are_index_terms(compound, part):
    primary, extra = index_document(compound)
    assert part not in primary
    assert part in extra


def test_compound_query_has_parts_for_fallback():
    [qt] = analyze_query("ประมวลจริยธรรม")
    assert qt.term == "ประมวลจริยธรรม"
    assert qt.parts == ("ประมวล", "จริยธรรม")


# --------------------------------------------------------------------------
# synonyms, variants, months, years, digits
# --------------------------------------------------------------------------


def assert_query_finds(query: str, document: str):
    """Every QueryTerm of ``query`` is among the terms of ``document``."""
    terms = all_terms(document)
    for qt in analyze_query(query):
        assert qt.term in terms, (query, qt, sorted(terms))


@pytest.mark.parametrize(
    "one, other",
    [
        ("ครม.", "คณะรัฐมนตรี"),
        ("ครม", "คณะรัฐมนตรี"),  # typed without dots
        ("ดศ.", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
        ("ดีอีเอส", "กระทรวงดิจิทัลฯ"),
        ("พ.ร.บ.", "พระราชบัญญัติ"),
        ("พ.ร.ฎ.", "พระราชกฤษฎีกา"),
        ("MOU", "บันทึกความเข้าใจ"),
        ("MoU", "Memorandum of Understanding"),
        ("ป.ป.ช.", "คณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ"),
        ("ป.ป.ท.", "คณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ"),
        ("ASEAN", "อาเซียน"),
        ("มติ ครม.", "มติคณะรัฐมนตรี"),
        ("9 ก.ค. 2567", "9 กรกฎาคม 2567"),
        ("July 2019", "กรกฎาคม 2562"),
    ],
)
def test_synonyms_share_a_term_both_ways(one, other):
    assert all_terms(one) & all_terms(other)
    assert_query_finds(one, other)
    assert_query_finds(other, one)


def test_multi_token_synonym_is_one_query_term():
    [qt] = analyze_query("คณะกรรมการป้องกัน และปราบปรามการทุจริตแห่งชาติ")
    assert qt.term == "ปปช"
    assert "ป.ป.ช." in qt.surfaces


def test_ambiguous_abbreviation_keeps_both_meanings():
    [qt] = analyze_query("ก.พ.")
    assert qt.term == "กพ"
    assert "กุมภาพันธ์" in qt.alternatives
    assert "กพ" in all_terms("สำนักงานคณะกรรมการข้าราชการพลเรือน")


@pytest.mark.parametrize("be, ce", [("2562", "2019"), ("๒๕๖๒", "2019"), ("2548", "2005"), ("2567", "2024")])
def test_years_in_both_eras_share_a_term(be, ce):
    assert all_terms(be) & all_terms(ce)
    assert_query_finds(be, f"ค.ศ. {ce}")
    assert_query_finds(ce, f"พ.ศ. {be}")
    assert query_terms(ce) == query_terms(be) == [to_term(be)]


def test_not_every_number_is_a_year():
    assert all_terms("3000") == {"3000"}
    assert all_terms("12") == {"12"}


def test_short_year_after_pi():
    assert {"2560", "2017"} <= all_terms("สรุปผลงานเด่นปี’60")


@pytest.mark.parametrize("thai, arabic", [("๒๕๔๘", "2548"), ("๒/๒๕๖๕", "2/2565"), ("๑๕๑ สถานี", "151 สถานี")])
def test_thai_and_arabic_digits_give_the_same_terms(thai, arabic):
    assert index_document(thai) == index_document(arabic)
    assert query_terms(thai) == query_terms(arabic)


@PROPERTY
@given(st.integers(min_value=0, max_value=99999))
def test_digit_folding_property(number):
    arabic = str(number)
    thai = arabic.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert index_document(f"ปี {thai}") == index_document(f"ปี {arabic}")


@pytest.mark.parametrize(
    "variant, standard",
    [
        ("ดิจิตอล", "ดิจิทัล"),
        ("อินเตอร์เน็ต", "อินเทอร์เน็ต"),
        ("อินเตอร์เนต", "อินเทอร์เน็ต"),
        ("คอมพิวเตอ", "คอมพิวเตอร์"),
        ("เทคโนโลยี่", "เทคโนโลยี"),
        ("อีเมล์", "อีเมล"),
        ("ไซเบอ", "ไซเบอร์"),
    ],
)
def test_variant_spellings(variant, standard):
    assert [t.term for t in tokens(variant)] == [standard]
    assert query_terms(variant) == query_terms(standard)
    assert_query_finds(variant, standard)
    assert_query_finds(standard, variant)


def test_standard_spelling_is_not_rewritten():
    assert [t.term for t in tokens("คอมพิวเตอร์")] == ["คอมพิวเตอร์"]
    assert [t.term for t in tokens("ปรากฏ")] == ["ปรากฏ"]


def test_variant_glued_inside_a_compound():
    assert_query_finds("ดิจิตอลฮับ", "ดิจิทัล ฮับ")
    assert_query_finds("ดิจิตอลฮับ", "ดิจิทัลฮับ")
    assert_query_finds("ดิจิตอลฮับ", "ASEAN Digital Hub")


def test_query_surfaces_for_highlighting():
    [qt] = analyze_query("ดิจิตอล")
    assert {"ดิจิตอล", "ดิจิทัล"} <= set(qt.surfaces)
    [qt] = analyze_query("2019")
    assert {"2019", "2562"} <= set(qt.surfaces)
    display = clean("การประชุมคณะรัฐมนตรี (ครม.) ปี ๒๕๖๒")
    for query in ("ครม.", "คณะรัฐมนตรี", "2019"):
        [qt] = analyze_query(query)
        assert any(s in fold(display) for s in qt.surfaces), query


def test_stopwords_are_flagged_not_dropped():
    qts = analyze_query("ผลการประชุม และ ครม.")
    flags = {qt.term: qt.stopword for qt in qts}
    assert flags["และ"] is True
    assert flags["ครม"] is False


def test_query_is_deduplicated_and_ordered():
    assert query_terms("ครม. คณะรัฐมนตรี ครม รับทราบ") == ["ครม", "รับทราบ"]


# --------------------------------------------------------------------------
# the contract with the search backends, on the shared records
# --------------------------------------------------------------------------


def _shared_jsonl(name):
    """A data file of the project's fixtures/ (a copy of ../shared/data/)."""
    for path in (ROOT / "fixtures" / name, SHARED_DATA / name):
        if path.exists():
            return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    pytest.skip(f"{name} not found")


def _records():
    return _shared_jsonl("records.jsonl")


def _dev_queries():
    return _shared_jsonl("dev_queries.jsonl")


@pytest.fixture(scope="module")
def indexed_records():
    out = {}
    for record in _records():
        fields = [record.get("title", ""), record.get("body", "")]
        terms: set[str] = set()
        for field in fields:
            terms |= all_terms(field)
        out[record["identifier"]] = ("\n".join(fold(f) for f in fields), terms)
    return out


def test_query_terms_meet_index_terms_wherever_the_word_occurs(indexed_records):
    """The guiding invariant: when a record contains a query word (or a
    synonym, variant, other-era year or Thai-digit form, i.e. one of the
    QueryTerm's surfaces), the QueryTerm's term is among its index terms."""
    checked = 0
    for query in _dev_queries():
        for qt in analyze_query(query["q"]):
            for identifier, (text, terms) in indexed_records.items():
                # Surfaces shorter than 3 characters occur inside unrelated
                # numbers and words.
                if any(len(s) >= 3 and s in text for s in qt.surfaces):
                    checked += 1
                    assert qt.term in terms, (query["q"], qt.term, identifier)
    assert checked > 100


def test_relevant_records_contain_every_query_word(indexed_records):
    for query in _dev_queries():
        for identifier, grade in query["rel"].items():
            if grade < 2:
                continue
            _, terms = indexed_records[identifier]
            for qt in analyze_query(query["q"]):
                if qt.stopword:
                    continue
                assert (
                    qt.term in terms
                    or any(a in terms for a in qt.alternatives)
                    or (qt.parts and all(p in terms for p in qt.parts))
                ), (query["q"], qt.term, identifier)


# --------------------------------------------------------------------------
# data files and version
# --------------------------------------------------------------------------


def test_analysis_version():
    assert ANALYSIS_VERSION.startswith("4-")
    assert len(ANALYSIS_VERSION) > 4


@pytest.mark.parametrize("name", ["words.txt", "synonyms.txt", "variants.txt", "months.txt"])
def test_data_files_have_a_header(name):
    lines = (analysis.DATA_DIR / name).read_text("utf-8").splitlines()
    assert lines[0].startswith("#")
    assert any(line.startswith("# Format") for line in lines[:12])
