"""The speed work's shortcuts give what they stand for: clean's normalize against
PyThaiNLP's own, and index_document's run cache against a pass without it."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util import normalize as pythainlp_normalize

from search import analysis
from search.analysis import normalize

# Letters, every vowel and mark (the repeat, reorder and dangling rules), the spaces and
# invisible characters PyThaiNLP handles, and a little Latin.
MARKS = "".join(map(chr, range(0x0E30, 0x0E4F)))
ALPHABET = "กขฤฦอ" + MARKS + "เเ  \n\u200b\u200caZ1๑."


def test_the_fast_normalize_is_in_use():
    assert normalize._thai_normalize is normalize._fast_thai_normalize


def test_fast_normalize_equals_pythainlps_on_random_marks():
    rng = random.Random(14)
    for _ in range(20_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 24)))
        assert normalize._fast_thai_normalize(text) == pythainlp_normalize(text), repr(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET + "ประกาศใช้ ", max_size=60))
def test_fast_normalize_equals_pythainlps(text):
    assert normalize._fast_thai_normalize(text) == pythainlp_normalize(text)


def test_run_cache_gives_what_a_cold_pass_gives():
    lex = analysis._lexicon()
    texts = [
        "มติ ครม. วันที่ 9 ก.ค. 2567 มติ ครม.",
        "คณะ รัฐมนตรี คณะรัฐ\nมนตรี ปี'60 ปี 2562 ฯลฯ ๆ ต่างๆ",
        "การประชุมคณะกรรมการ การประชุมคณะกรรมการ ก.พ.ร. ป.วิ.อ. e-mail 25-26",
    ]
    warm = [analysis.index_document(text) for text in texts]
    assert lex._run_cache  # the runs were cached
    for text, expected in zip(texts, warm, strict=True):
        lex._run_cache.clear()
        assert analysis.index_document(text) == expected
        assert analysis.index_document(text) == expected  # from the cache


def test_every_special_character_is_unprintable():
    # _has_special skips the class scan for printable text: that needs this to hold.
    special = [chr(cp) for cp in range(0x110000) if normalize._SPECIAL_RE.match(chr(cp))]
    assert special and not any(c.isprintable() for c in special)
    for text in ("", "ก ข\nค", "a\u00a0b", "x\u200by", "\r\n", "ก\n\u3000", "ok 1.2"):
        assert normalize._has_special(text) == bool(normalize._SPECIAL_RE.search(text)), repr(text)


def test_run_cache_is_bounded(monkeypatch):
    from search.analysis import terms

    text = "การประชุม คณะกรรมการ ครั้งที่ หนึ่ง ประจำปี"
    expected = analysis.index_document(text)
    lex = analysis._lexicon()
    lex._run_cache.clear()
    monkeypatch.setattr(terms, "_RUN_CACHE_LIMIT", 2)
    assert analysis.index_document(text) == expected
    assert 0 < len(lex._run_cache) <= 2
