"""Accuracy and speed of kb.thai.citations.find_citations (pure Python, no Django).

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_citations.py [--labelled FILE] [--min-bytes N]

Accuracy, over bench/citations_labelled.jsonl (one sentence a line: {"text", "citations":
[{"text", "kind", "key"}], "source": "seed"|"made-up"}; hard cases we expect to miss are in it):

- span precision / recall / F1: a found citation counts when its (start, end) and kind equal
  a labelled one's. The labelled spans are located in the sentence by their text, in order;
- key precision / recall: over citations with a key (instruments, resolutions), a found key
  counts when ``key_matches`` it with a labelled key of the same sentence. Labelled keys are
  the identity of the cited thing (a record's full name: "ระเบียบสำนักนายกรัฐมนตรีว่าด้วย...
  |2548"), so a citation that shortens the name with ฯ is right when ฯ covers the gap;
- recall per kind, then every miss and false positive.

Speed: find_citations over the records' bodies (../shared/data/records.jsonl, else the
identical fixtures/records.jsonl), one body at a time, repeated until >= --min-bytes of text
(UTF-8) has gone through; chars/s, and ms for the largest body.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # import kb.thai without installing; no Django settings needed
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from kb.thai.citations import find_citations, key_matches  # noqa: E402

LABELLED = ROOT / "bench" / "citations_labelled.jsonl"
RECORD_FILES = (ROOT.parent / "shared" / "data" / "records.jsonl", ROOT / "fixtures" / "records.jsonl")


def _first_existing(paths):
    for path in paths:
        if path.exists():
            return path
    sys.exit(f"none of these exist: {', '.join(map(str, paths))}")


def _gold_spans(row):
    """(start, end, kind, key) of each labelled citation, found in order in the sentence."""
    spans, pos = [], 0
    for cit in row["citations"]:
        start = row["text"].find(cit["text"], pos)
        if start < 0:
            start = row["text"].find(cit["text"])
        if start < 0:
            sys.exit(f"labelled span not in its sentence: {cit['text']!r}")
        spans.append((start, start + len(cit["text"]), cit["kind"], cit["key"]))
        pos = start + len(cit["text"])
    return spans


def _ratio(a, b):
    return a / b if b else 1.0


def accuracy(rows):
    tp = fp = fn = 0
    key_tp_found = key_found = key_tp_gold = key_gold = 0
    per_kind = collections.Counter()
    per_kind_hit = collections.Counter()
    misses, false_positives, key_errors = [], [], []
    for n, row in enumerate(rows, start=1):
        text = row["text"]
        gold = _gold_spans(row)
        found = find_citations(text)
        got = {(c.start, c.end, c.kind) for c in found}
        want = {(s, e, k) for s, e, k, _ in gold}
        for s, e, k, _ in gold:
            per_kind[k] += 1
            if (s, e, k) in got:
                per_kind_hit[k] += 1
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        misses += [(n, k, text[s:e]) for s, e, k in sorted(want - got)]
        false_positives += [(n, k, text[s:e]) for s, e, k in sorted(got - want)]
        # keys: a bag per sentence, matched greedily with key_matches
        gold_keys = [k for *_, k in gold if k]
        found_keys = [c.key for c in found if c.key]
        key_gold += len(gold_keys)
        key_found += len(found_keys)
        unmatched = list(gold_keys)
        for key in found_keys:
            hit = next((g for g in unmatched if key_matches(key, g)), None)
            if hit is None:
                key_errors.append((n, key))
            else:
                unmatched.remove(hit)
                key_tp_found += 1
        key_tp_gold += len(gold_keys) - len(unmatched)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"sentences {len(rows)}, labelled citations {tp + fn}, found {tp + fp}")
    print(f"span   precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  (exact span and kind)")
    print(f"key    precision {_ratio(key_tp_found, key_found):.3f}  recall {_ratio(key_tp_gold, key_gold):.3f}")
    for kind in sorted(per_kind):
        print(f"recall {kind:<11} {per_kind_hit[kind]}/{per_kind[kind]} = {per_kind_hit[kind] / per_kind[kind]:.3f}")
    print("\nmisses (labelled, not found exactly):")
    for n, kind, span in misses:
        print(f"  #{n:<3} {kind:<11} {span!r}")
    print("false positives (found, not labelled):")
    for n, kind, span in false_positives:
        print(f"  #{n:<3} {kind:<11} {span!r}")
    print("keys found that match no labelled key:")
    for n, key in key_errors:
        print(f"  #{n:<3} {key}")


def speed(min_bytes):
    path = _first_existing(RECORD_FILES)
    bodies = [json.loads(line)["body"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    bodies = [b for b in bodies if b]
    for body in bodies:  # warm up (regex caches, imports)
        find_citations(body)
    done_bytes = done_chars = 0
    start = time.perf_counter()
    while done_bytes < min_bytes:
        for body in bodies:
            find_citations(body)
            done_chars += len(body)
            done_bytes += len(body.encode("utf-8"))
    elapsed = time.perf_counter() - start
    largest = max(bodies, key=len)
    times = []
    for _ in range(30):
        t = time.perf_counter()
        find_citations(largest)
        times.append(time.perf_counter() - t)
    print(f"\nspeed over {path.name} bodies: {done_chars:,} chars ({done_bytes / 1e6:.1f} MB) in {elapsed:.2f} s")
    print(
        f"  {done_chars / elapsed:,.0f} chars/s; largest body ({len(largest):,} chars): {statistics.median(times) * 1000:.2f} ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--min-bytes", type=int, default=1_000_000)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.labelled.read_text("utf-8").splitlines() if line.strip()]
    accuracy(rows)
    speed(args.min_bytes)


if __name__ == "__main__":
    main()
