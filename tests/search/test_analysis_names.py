"""Names across languages, loanwords and glued forms in the analysis (search/analysis/):
the query term of one form is among the index terms of a text written in another.

Pure functions: no database, no Django settings needed.
"""

from __future__ import annotations

import time

import pytest

from search.analysis import ANALYSIS_VERSION, analyze_query, index_document
from search.analysis.lexicon import _DATA_FILES, DATA_DIR, _lexicon
from search.analysis.names import _name_forms, country_rows, merge_rows


def indexed(text: str) -> set[str]:
    primary, extra = index_document(text)
    return set(primary) | set(extra)


def finds(query: str, text: str) -> bool:
    """Every non-stopword of the query matches the text (as the backends decide it)."""
    terms = set(indexed(text))
    primary = index_document(text)[0]
    for qt in analyze_query(query):
        if qt.stopword:
            continue
        if qt.term in terms or any(a in terms for a in qt.alternatives):
            continue
        n = len(qt.parts)
        if n > 1 and any(tuple(primary[i : i + n]) == qt.parts for i in range(len(primary))):
            continue
        return False
    return True


# ------------------------------------------------------------------ countries (CLDR)


@pytest.mark.parametrize(
    "english, thai, text",
    [
        ("Germany", "เยอรมนี", "บันทึกความเข้าใจกับสมาคมฟรอนโฮเฟอร์ (เยอรมนี)"),
        ("Rwanda", "รวันดา", "กระทรวงไอซีทีและนวัตกรรม (รวันดา)"),
        ("South Korea", "เกาหลีใต้", "ความร่วมมือกับเกาหลีใต้"),
        ("Laos", "ลาว", "กระทรวงไปรษณีย์และโทรคมนาคม (ลาว)"),
        ("Lao PDR", "สปป.ลาว", "การประชุมกับ สปป.ลาว"),
        ("Finland", "ฟินแลนด์", "ประเทศฟินแลนด์"),
        ("Myanmar", "เมียนมา", "เมียนมา"),
        ("Burma", "พม่า", "พม่า"),
        ("Bosnia and Herzegovina", "บอสเนียและเฮอร์เซโกวีนา", "บอสเนียและเฮอร์เซโกวีนา"),
        ("European Union", "สหภาพยุโรป", "สหภาพยุโรป"),
    ],
)
def test_an_english_country_name_finds_the_thai_one_and_back(english, thai, text):
    assert finds(english, text)
    assert finds(thai, f"MOU with {english}")


def test_country_groups_come_from_cldr_not_a_hand_list():
    rows = country_rows()
    assert len(rows) > 200  # every country CLDR names in Thai and English
    flat = {cell for row in rows for cell in row}
    assert {"เยอรมนี", "germany", "รวันดา", "rwanda", "เกาหลีใต้", "south korea"} <= flat
    assert not any("unknown region" in row for row in rows)  # ZZ and pseudo-locales left out


def test_name_forms_split_what_cldr_writes_in_one_name():
    assert _name_forms("Myanmar (Burma)") == ["Myanmar", "Burma", "Myanmar (Burma)"]
    assert "Saint Lucia" in _name_forms("St. Lucia")
    assert "Trinidad and Tobago" in [f.replace("  ", " ") for f in _name_forms("Trinidad & Tobago")]


def test_merge_rows_joins_rows_sharing_a_member():
    rows = [["ก", "x"], ["y", "z"], ["z", "x2"], ["x", "w"]]
    merged = merge_rows(rows, key=lambda cell: cell)
    assert merged == [["ก", "x", "w"], ["y", "z", "x2"]]


# ------------------------------------------------------------------ organisations, loanwords


@pytest.mark.parametrize(
    "query, text",
    [
        ("Fraunhofer", "สมาคมฟรอนโฮเฟอร์"),
        ("MDES", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
        ("TELMIN", "การประชุมรัฐมนตรีอาเซียนด้านโทรคมนาคมและเทคโนโลยีสารสนเทศ"),
        ("Shenzhen", "เมืองเซินเจิ้น"),
        ("Geneva", "ณ นครเจนีวา"),
    ],
)
def test_an_organisation_or_place_by_its_english_name(query, text):
    assert finds(query, text)
    assert finds(text.removeprefix("ณ ").removeprefix("เมือง"), query)


@pytest.mark.parametrize(
    "thai, english, text",
    [
        ("สมาร์ทซิตี้", "smart city", "ASEAN Smart City Network"),
        ("สมาร์ตซิตี", "smart cities", "smart city"),
        ("ไซเบอร์ซีเคียวริตี้", "cybersecurity", "Cybersecurity Capacity Building Centre"),
        ("คอมพิวเตอร์", "computer", "computer crime"),  # PyThaiNLP's transliteration dictionary
        ("ฟอรั่ม", "forum", "WSIS Forum"),
    ],
)
def test_a_thai_script_loanword_finds_the_english_word_and_back(thai, english, text):
    assert finds(thai, text)
    assert finds(english, f"การประชุม{thai}")


def test_a_loanword_joins_the_group_of_its_english_word():
    # สมาร์ทซิตี้ (loanwords.txt) shares "smart city" with เมืองอัจฉริยะ (synonyms.txt).
    assert finds("สมาร์ทซิตี้", "เครือข่ายเมืองอัจฉริยะอาเซียน")


def test_ambiguous_transliterations_are_left_out():
    # บาย is "by", "buy" and "bye": no group, so "by" does not find บาย.
    assert "บาย" not in _lexicon().canon


# ------------------------------------------------------------------ dotless and glued


@pytest.mark.parametrize(
    "query, text",
    [
        ("พรบ", "พ.ร.บ. มาตรฐานทางจริยธรรม"),
        ("พ.ร.บ", "พระราชบัญญัติ"),
        ("พ ร บ", "พ.ร.บ."),
        ("ครม", "มติ ครม."),
        ("สปปลาว", "สปป.ลาว"),
        ("ปปช", "ป.ป.ช."),
        ("กสทช", "กสทช."),
    ],
)
def test_a_dotless_abbreviation(query, text):
    assert finds(query, text)


def test_every_dotted_abbreviation_of_the_data_files_matches_without_dots():
    lex = _lexicon()
    failures = []
    for word in sorted(w for w in lex.words if "." in w and len(w.replace(".", "")) >= 3):
        if not all("\u0e01" <= c <= "\u0e2e" or c == "." for c in word):
            continue
        dotted = {t.term for t in analyze_query(word)}
        dotless = {t.term for t in analyze_query(word.replace(".", ""))}
        if dotted != dotless:
            failures.append(word)
    assert not failures


@pytest.mark.parametrize(
    "query, text",
    [
        ("ประมวลจริยธรรมข้าราชการพลเรือน2564", "ประมวลจริยธรรมข้าราชการพลเรือน พ.ศ. 2564"),
        ("การประชุมรัฐมนตรีICT", "การประชุมรัฐมนตรี ICT"),
        ("WSISforum2019", "WSIS Forum 2019"),
        ("WSISForum", "WSIS Forum"),
        ("aseansmartcities", "ASEAN Smart Cities"),
    ],
)
def test_glued_digits_and_english(query, text):
    assert finds(query, text)


def test_glued_english_is_split_only_at_known_words():
    assert analyze_query("information")[0].parts == ()
    assert analyze_query("wsisforum")[0].parts == ("wsis", "forum")


# ------------------------------------------------------------------ version and cost


def test_the_new_data_files_change_the_analysis_version():
    for name in ("names.txt", "loanwords.txt", "questions.txt"):
        assert name in _DATA_FILES
        assert (DATA_DIR / name).read_text(encoding="utf-8").startswith("# ")
    assert ANALYSIS_VERSION.startswith("4-")


def test_query_analysis_stays_fast():
    queries = ["Vietnam MOU", "South Korea", "สมาร์ทซิตี้", "WSISforum2019", "ผู้ตรวจราชการกระทรวงมีใครบ้างคะ"]
    for q in queries:
        analyze_query(q)  # warm the caches
    timings = []
    for _ in range(20):
        for q in queries:
            start = time.perf_counter()
            analyze_query(q)
            timings.append(time.perf_counter() - start)
    timings.sort()
    assert timings[int(len(timings) * 0.95)] < 0.002 * 5  # 2 ms target, slack for a busy machine
