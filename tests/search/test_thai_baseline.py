"""bench/bench_thai_baseline.py without a JVM or a server: the TSV it hands the Java
program keeps every record on one line, and its metrics are eval_search's."""

import contextlib
import importlib.util
import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL_SEARCH = ROOT.parent / "shared" / "tools" / "eval_search.py"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


baseline = _load("bench_thai_baseline", ROOT / "bench" / "bench_thai_baseline.py")


def unescape(cell):
    """The Java side's unescape (ThaiBaselineSearch.unescape), in Python."""
    out, chars = [], iter(cell)
    for c in chars:
        if c == "\\":
            n = next(chars, "")
            out.append({"t": "\t", "n": "\n", "r": "\r"}.get(n, n))
        else:
            out.append(c)
    return "".join(out)


AWKWARD = ["a\tb", "line 1\nline 2\r\nline 3", "back\\slash \\n not a newline", "", None, "ไทย\t\n"]


def test_escape_keeps_a_cell_on_one_line_without_tabs():
    assert baseline.escape("a\tb\nc\rd\\e") == "a\\tb\\nc\\rd\\\\e"
    for value in AWKWARD:
        cell = baseline.escape(value)
        assert "\t" not in cell and "\n" not in cell and "\r" not in cell
        assert unescape(cell) == (value or "")


def test_write_tsv_one_line_per_row_and_round_trips(tmp_path):
    rows = [["id-1", *AWKWARD[:3]], ["id-2", *AWKWARD[3:]]]
    path = tmp_path / "docs.tsv"
    assert baseline.write_tsv(path, rows) == 2
    lines = path.read_bytes().decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 3  # a newline after each row, no other
    for line, row in zip(lines, rows, strict=False):
        assert [unescape(c) for c in line.split("\t")] == [v or "" for v in row]


def test_document_rows_read_the_index_docs_table(tmp_path):
    path = tmp_path / "baseline-docs.sqlite3"  # tests/search's fixtures keep an index at tmp_path/index.sqlite3
    files = [{"title": "ฉบับสแกน", "pages": [{"page": 1, "text": "หน้า\tหนึ่ง"}, {"page": 2, "text": "สอง"}]}]
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE docs (rowid INTEGER PRIMARY KEY, identifier, title, body, meta, files)")
        connection.execute("INSERT INTO docs VALUES (2, 'b', 'ชื่อ', 'เนื้อหา\nบรรทัด', 'meta', ?)", [json.dumps(files)])
        connection.execute("INSERT INTO docs VALUES (1, 'a', 'title', NULL, '', NULL)")
    fields = list(baseline.parse_weights(baseline.DEFAULT_WEIGHTS))
    assert fields == ["title", "meta", "body", "files"]
    assert list(baseline.document_rows(path, fields)) == [
        ["a", "title", "", "", ""],
        ["b", "ชื่อ", "meta", "เนื้อหา\nบรรทัด", "ฉบับสแกน\nหน้า\tหนึ่ง\nสอง"],
    ]


# (class, judged answers, ranked answers): a miss at 1, a zero result, a hit past the top 10
TINY = [
    ("a", {"x": 2, "y": 1}, ["z", "y", "x"]),
    ("a", {"x": 2}, []),
    ("b", {"y": 2, "w": 1}, ["y", *(f"n{i}" for i in range(10)), "w"]),
]


def _ours():
    return baseline.summarise([(cls, baseline.score(ranked, rel)) for cls, rel, ranked in TINY])


def test_metrics_on_a_tiny_ranked_list():
    # frozen from ../shared/tools/eval_search.py on TINY
    ours = _ours()
    assert ours["a"] == pytest.approx({"n": 2, "ndcg": 0.2934413, "recall": 0.5, "mrr": 0.25, "zero": 0.5})
    assert ours["b"] == pytest.approx({"n": 1, "ndcg": 0.8262347, "recall": 0.5, "mrr": 1.0, "zero": 0.0})
    assert list(ours) == ["a", "b", "ALL"]
    assert ours["ALL"]["n"] == 3 and ours["ALL"]["mrr"] == pytest.approx(0.5)


@pytest.mark.skipif(not EVAL_SEARCH.exists(), reason="no ../shared/tools/eval_search.py beside the project")
def test_metrics_agree_with_eval_search(tmp_path, monkeypatch):
    """eval_search.main on the same queries, its HTTP fetch answered from TINY (as the real
    fetch does, cut to 10), prints the same summary lines."""
    eval_search = _load("eval_search", EVAL_SEARCH)
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        "".join(json.dumps({"q": f"q{i}", "cls": c, "rel": r}) + "\n" for i, (c, r, _) in enumerate(TINY))
    )
    ranked = {f"q{i}": answers for i, (_, _, answers) in enumerate(TINY)}
    monkeypatch.setattr(eval_search, "fetch", lambda base, q: ranked[q][:10])
    monkeypatch.setattr(sys, "argv", ["eval_search.py", "--queries", str(queries)])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        eval_search.main()
    expected = [baseline.eval_line(name, avg) for name, avg in _ours().items()]
    assert out.getvalue().splitlines()[: len(expected)] == expected
    assert baseline.ndcg(TINY[0][2], TINY[0][1]) == eval_search.ndcg(TINY[0][2], TINY[0][1])
