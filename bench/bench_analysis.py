"""Speed of the Thai analysis pipeline (search/analysis/), without a database.

    python bench/bench_analysis.py [--repeat N]

The corpus is every title and body line of records.jsonl (fixtures/, else
../shared/data/). Prints chars/s in CPU time (best of N passes: the machine is
shared) for clean only, nlpo3 segmentation only (the Thai runs, as index_document
calls it), the layer only, and what a rebuild runs per field (index_document + the
layer's index_grams: first pass with cold per-word caches, then warm, then with only
the cache of whole Thai runs emptied before each pass), beside Lucene's ThaiAnalyzer on
the same paragraphs in the same run (bench/ThaiAnalyzerBench.java; needs java and
Debian's liblucene8-java), and query analysis p50/p95 in microseconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # import search.analysis without installing
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import tempfile  # noqa: E402

import nlpo3  # noqa: E402

from search import analysis  # noqa: E402
from search.analysis.segment import _SEGMENT_RE  # noqa: E402
from search.management.commands.thai_analyze import analyse_field, lucene_reference  # noqa: E402

RECORD_FILES = (ROOT / "fixtures" / "records.jsonl", ROOT.parent / "shared" / "data" / "records.jsonl")
QUERY_FILES = (ROOT / "fixtures" / "dev_queries.jsonl", ROOT.parent / "shared" / "data" / "dev_queries.jsonl")


def _first_existing(paths):
    for path in paths:
        if path.exists():
            return path
    sys.exit(f"none of these exist: {', '.join(map(str, paths))}")


def load_paragraphs() -> list[str]:
    paragraphs = []
    path = _first_existing(RECORD_FILES)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            paragraphs.append(record.get("title", ""))
            paragraphs.extend(record.get("body", "").split("\n"))
    return [p for p in paragraphs if p.strip()]


def load_queries(paragraphs: list[str]) -> list[str]:
    path = _first_existing(QUERY_FILES)
    queries = [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Plus the start of every 10th paragraph: longer, realistic phrases.
    return queries + [p[:40] for p in paragraphs[::10]]


def chars_per_second(func, texts: list[str], rounds: int = 1, chars: int | None = None, before=None) -> float:
    """Best of `rounds` passes, in CPU time (`before`, untimed, before each)."""
    chars = sum(map(len, texts)) if chars is None else chars
    best = float("inf")
    for _ in range(rounds):
        if before is not None:
            before()
        start = time.process_time()
        for text in texts:
            func(text)
        best = min(best, time.process_time() - start)
    return chars / max(best, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed passes over the corpus, the best is kept (default 5)"
    )
    args = parser.parse_args()

    paragraphs = load_paragraphs()
    start = time.perf_counter()
    lexicon = analysis._lexicon()  # dictionary load, timed separately
    load_seconds = time.perf_counter() - start

    print(f"analysis_version   {analysis.ANALYSIS_VERSION}")
    print(f"dictionary_load_s  {load_seconds:.3f}")
    print(f"corpus             {len(paragraphs)} paragraphs, {sum(map(len, paragraphs))} chars, best of {args.repeat}")

    # Full pipeline first, while the per-word caches are still empty.
    cold = chars_per_second(analyse_field, paragraphs)
    rounds = max(args.repeat, 1)
    clean = chars_per_second(analysis.clean, paragraphs, rounds)
    runs = [[m.group() for m in _SEGMENT_RE.finditer(analysis.fold(p)) if m.lastgroup == "thai"] for p in paragraphs]
    chars = sum(map(len, paragraphs))
    segment = chars_per_second(lambda rs: [nlpo3.segment(r, lexicon.dict_name) for r in rs], runs, rounds, chars)
    words = chars_per_second(analysis.index_document, paragraphs, rounds)
    layer = chars_per_second(analysis.index_grams, paragraphs, rounds)
    warm = chars_per_second(analyse_field, paragraphs, rounds)
    # Known words in text not seen before: the cache of whole Thai runs emptied per pass.
    new_runs = chars_per_second(analyse_field, paragraphs, rounds, before=lexicon._run_cache.clear)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as copy:
        copy.write("\n".join(paragraphs))
        copy.flush()
        lucene, note = lucene_reference(Path(copy.name), rounds)

    print(f"clean_chars_per_s          {clean:12,.0f}")
    print(f"segment_nlpo3_chars_per_s  {segment:12,.0f}   (Thai runs only, per paragraph char)")
    print(f"index_document_chars_per_s {words:12,.0f}   (words only)")
    print(f"index_grams_chars_per_s    {layer:12,.0f}   (layer only)")
    print(f"index_cold_chars_per_s     {cold:12,.0f}   (words + layer, first pass, empty caches)")
    print(f"index_warm_chars_per_s     {warm:12,.0f}   (words + layer)")
    print(f"index_new_runs_chars_per_s {new_runs:12,.0f}   (words + layer, run cache emptied per pass)")
    if lucene:
        print(f"lucene_thai_chars_per_s    {lucene:12,.0f}   (ThaiAnalyzer, JIT warm)")
        print(f"ratio_warm                 {warm / lucene:12.3f}   (target >= 0.15)")
        print(f"ratio_cold                 {cold / lucene:12.3f}")
        print(f"ratio_new_runs             {new_runs / lucene:12.3f}")
        print(f"ratio_segment_only         {segment / lucene:12.3f}")
    else:
        print(f"lucene_thai_chars_per_s    unavailable: {note}")

    queries = load_queries(paragraphs)
    timings = []
    for _ in range(args.repeat):
        for query in queries:
            start = time.perf_counter()
            analysis.analyze_query(query)
            timings.append((time.perf_counter() - start) * 1e6)
    percentiles = statistics.quantiles(timings, n=100)
    print(f"query_p50_us               {percentiles[49]:12,.1f}")
    print(f"query_p95_us               {percentiles[94]:12,.1f}")


if __name__ == "__main__":
    main()
