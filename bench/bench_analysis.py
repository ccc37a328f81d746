"""Speed of the Thai analysis pipeline (search/analysis/), without Django.

    python bench/bench_analysis.py [--repeat N]

The corpus is every title and body line of records.jsonl (fixtures/, else
../shared/data/), repeated N times in a fixed order. Prints chars/s for clean
only, nlpo3 segmentation only, and full index_document (first pass with cold
per-word caches, then warm), and query analysis p50/p95 in microseconds.
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

import nlpo3  # noqa: E402

from search import analysis  # noqa: E402

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


def chars_per_second(func, texts: list[str]) -> float:
    chars = sum(map(len, texts))
    start = time.perf_counter()
    for text in texts:
        func(text)
    return chars / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="times the corpus is repeated (default 5)")
    args = parser.parse_args()

    paragraphs = load_paragraphs()
    corpus = paragraphs * args.repeat
    start = time.perf_counter()
    lexicon = analysis._lexicon()  # dictionary load, timed separately
    load_seconds = time.perf_counter() - start

    print(f"analysis_version   {analysis.ANALYSIS_VERSION}")
    print(f"dictionary_load_s  {load_seconds:.3f}")
    print(f"corpus             {len(paragraphs)} paragraphs x {args.repeat}, {sum(map(len, corpus))} chars")

    # Full pipeline first, while the per-word caches are still empty.
    cold = chars_per_second(analysis.index_document, paragraphs)
    clean = chars_per_second(analysis.clean, corpus)
    folded = [analysis.fold(p) for p in corpus]
    segment = chars_per_second(lambda text: nlpo3.segment(text, lexicon.dict_name), folded)
    warm = chars_per_second(analysis.index_document, corpus)

    print(f"clean_chars_per_s          {clean:12,.0f}")
    print(f"segment_nlpo3_chars_per_s  {segment:12,.0f}")
    print(f"index_cold_chars_per_s     {cold:12,.0f}   (first pass, empty caches)")
    print(f"index_warm_chars_per_s     {warm:12,.0f}")

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
