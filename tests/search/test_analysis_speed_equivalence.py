"""The speed work on the index-time analysis changed no output.

Two checks on the same inputs (every record's title, body, meta and body paragraphs,
every cell of the data files, hand-written edge cases, and seeded random slices and
strings):

- frozen: digests of index_document, tokens and index_grams as they were
  before the speed work (tests/search/data/analysis_frozen.json.gz). They only hold for
  the analysis version they were made with: when the data files change, the comparison
  is skipped; regenerate with ``python tests/search/test_analysis_speed_equivalence.py``
  from a tree whose analysis output is known to be right.
- live: index_document (the fast path) against tokens() (the straightforward one), and
  compound_parts against a copy of the dynamic programme it replaced, on any version.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import sys
from io import StringIO
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if __name__ == "__main__":  # regenerating: import search without pytest's rootdir
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from pythainlp.tokenize.tcc import tcc_pos  # noqa: E402

from search import analysis  # noqa: E402
from search.analysis.normalize import _THAI_CHAR_RE, _strip_term  # noqa: E402
from search.analysis.segment import compound_parts  # noqa: E402

FROZEN = Path(__file__).with_name("data") / "analysis_frozen.json.gz"
RECORDS = ROOT / "fixtures" / "records.jsonl"

SEEDS = [
    "",
    " ",
    "มติ ครม. วันที่ 9 ก.ค. 2567",
    "ดิจิตอลฮับ 2019 ดิจิทัลฮับ",
    "ปี'60 ปี ’61 ปี' 99 ปี'2 ปี'123",
    "พ.ศ. ๒๕๖๒ ค.ศ. 2019 ปี 1999 ปี 2700 2701 1899 2157 2158",
    "2,300 บาท 1,2,3 12,3456 25-26 1-2-3 e-mail ipv6 IPv6 wsisforum cybersecurity aseansmartcity",
    "ก.พ.ร. ป.วิ.อ. ป.ป.ช. สปป.ลาว พ.ร.บ.คอมพิวเตอร์ ปปช กกต ฯลฯ กรุงเทพฯ ต่างๆ ต่าง ๆ",
    "คณะ รัฐมนตรี คณะรัฐ\nมนตรี memorandum of understanding Memorandum Of Understanding",
    "เยอรมนี Germany เมียนมา พม่า Burma Bosnia and Herzegovina คอมพิวเตอร์ computer",
    "การประชุมคณะกรรมการ รายงานประจำปี ประกาศใช้แล้ว กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
    "เเละ ซ้ำซ้ำ ก\u200bข\u00a0ค\u3000ง \x00x\ufeff",
    "มกราคม ม.ค. ก.พ. กุมภาพันธ์ Jan January",
    "ABC-DEF Ünïcödé ελληνικά 日本語 😀 ๐๑๒๓๔๕๖๗๘๙",
    "กา" * 40,
    "ทำไม อย่างไร ที่ไหน เมื่อไร คืออะไร",
]


def _data_cells() -> list[str]:
    cells = []
    for path in sorted(analysis.DATA_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                cells.extend(c for c in line.split("|") if c.strip())
    return cells


def _inputs() -> list[str]:
    texts = list(SEEDS)
    bodies = []
    for line in RECORDS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            body = record.get("body", "")
            texts += [
                record.get("title", ""),
                body,
                str(record.get("meta", "")),
                record["identifier"].replace("-", " "),
            ]
            texts += body.split("\n")
            bodies.append(body)
    texts += _data_cells()
    rng = random.Random(14)
    joined = "\n".join(bodies)
    for _ in range(3000):  # slices cut anywhere, mid-word and mid-cluster included
        start = rng.randrange(len(joined))
        texts.append(joined[start : start + rng.choice((2, 5, 12, 40, 200))])
    alphabet = joined[:5000] + "ABCxyz0123๐๑.,-'’ \n\u200b"
    for _ in range(500):
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 60))))
    return texts


def _outputs(text: str) -> str:
    """The index side, as one canonical string (the query side is another engineer's, and
    changes on its own)."""
    primary, extra = analysis.index_document(text)
    out = {
        "index": [primary, extra],
        "tokens": [[t.surface, t.term, list(t.extras), t.start, t.end] for t in analysis.tokens(text)],
        "grams": analysis.index_grams(text),
    }
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def test_frozen_outputs_unchanged():
    if not FROZEN.exists():
        pytest.skip(f"{FROZEN.name} missing")
    frozen = json.loads(gzip.decompress(FROZEN.read_bytes()))
    if frozen["analysis_version"] != analysis.ANALYSIS_VERSION:
        pytest.skip("analysis data changed since the frozen outputs were made; regenerate them")
    expected = frozen["outputs"]
    inputs = _inputs()
    known = [text for text in inputs if _digest(text) in expected]
    assert len(known) >= 0.9 * len(inputs), "the inputs changed (records?): regenerate the frozen outputs"
    changed = [text for text in known if _digest(_outputs(text)) != expected[_digest(text)]]
    assert not changed, f"{len(changed)} texts analysed differently, e.g. {changed[:3]!r}"


def _via_tokens(text: str) -> tuple[list[str], list[str]]:
    toks = analysis.tokens(text)
    return [t.term for t in toks], [x for t in toks for x in t.extras]


def test_index_document_matches_tokens():
    for text in _inputs():
        assert analysis.index_document(text) == _via_tokens(text), text


def _old_split_without_self(lex, word):
    """segment._split_without_self before the speed work (bounds by tcc_pos, every
    piece up to max_word_len tried)."""
    n = len(word)
    bounds = sorted(tcc_pos(word) | {0, n})
    best = {n: (0, 0)}
    nexts: dict[int, list[int]] = {}
    for bi in range(len(bounds) - 2, -1, -1):
        i = bounds[bi]
        for j in bounds[bi + 1 :]:
            if j - i > lex.max_word_len:
                break
            piece = word[i:j]
            if piece in lex.words and (i, j) != (0, n):
                lost = 0
            elif j == bounds[bi + 1]:
                lost = len(_strip_term(piece))
            else:
                continue
            rest_lost, rest_count = best[j]
            cost = (lost + rest_lost, 1 + rest_count)
            if i not in best or cost < best[i]:
                best[i], nexts[i] = cost, [j]
            elif cost == best[i]:
                nexts[i].append(j)
    if best[0][0] > 0:
        return (), ()
    path, i = [], 0
    while i < n:
        j = max(nexts[i])
        path.append(word[i:j])
        i = j
    spans, todo, seen = set(), [0], {0}
    while todo:
        i = todo.pop()
        for j in nexts.get(i, ()):
            spans.add((i, j))
            if j not in seen:
                seen.add(j)
                todo.append(j)
    return tuple(path), tuple(word[i:j] for i, j in sorted(spans))


def _old_compound_parts(lex, word, memo):
    if word in memo:
        return memo[word]
    path, pieces = _old_split_without_self(lex, word)
    top = [lex.thai_term(p) for p in path if p in lex.words]
    every: list[str] = []
    for piece in pieces:
        if piece in lex.words:
            every.append(lex.thai_term(piece))
            if len(_THAI_CHAR_RE.findall(piece)) >= 4:
                every.extend(_old_compound_parts(lex, piece, memo)[1])
    own = lex.thai_term(word)
    memo[word] = result = (
        tuple(t for t in dict.fromkeys(top) if len(t) >= 2 and t != own),
        tuple(t for t in dict.fromkeys(every) if len(t) >= 2 and t != own),
    )
    return result


def test_compound_parts_match_the_old_programme():
    lex = analysis._lexicon()
    words = {t.surface for text in _inputs() for t in analysis.tokens(text)}
    # Thai tokens of the inputs (folded) and a sample of the dictionary's long words.
    words = {analysis.fold(w) for w in words if _THAI_CHAR_RE.search(w)}
    words |= set(random.Random(14).sample(sorted(w for w in lex.words if len(w) >= 4), 3000))
    memo: dict = {}
    for word in sorted(words):
        assert compound_parts(lex, word) == _old_compound_parts(lex, word, memo), word


def test_bench_command_prints_ours_and_the_reference(tmp_path, monkeypatch):
    from django.core.management import call_command

    from search.management.commands import thai_analyze

    monkeypatch.setattr(thai_analyze.shutil, "which", lambda name: None)  # no JVM in a unit test
    paragraphs = tmp_path / "paragraphs.txt"
    paragraphs.write_text("มติ ครม. วันที่ 9 ก.ค. 2567\n\nการประชุมคณะกรรมการ\n", encoding="utf-8")
    out = StringIO()
    call_command("thai_analyze", "--bench", str(paragraphs), "--rounds", "1", stdout=out)
    lines = dict(line.split(" ", 1) for line in out.getvalue().splitlines())
    assert lines["paragraphs"] == "2" and int(lines["chars_per_second"]) > 0
    assert lines["lucene_thai_chars_per_second"].startswith("unavailable (no java")


if __name__ == "__main__":
    outputs = {_digest(text): _digest(_outputs(text)) for text in _inputs()}
    payload = {"analysis_version": analysis.ANALYSIS_VERSION, "outputs": outputs}
    FROZEN.parent.mkdir(exist_ok=True)
    FROZEN.write_bytes(gzip.compress(json.dumps(payload, sort_keys=True).encode(), mtime=0))
    print(f"wrote {len(outputs)} digests for {payload['analysis_version']} to {FROZEN}")
