"""Indexing speed and query latency of the Elasticsearch backend, next to the embedded one.

    python bench/bench_elastic.py [--repeat N] [--url URL]

Builds the demo site (migrate + load_demo) in a temporary folder, takes its search
documents (38 records) and repeats them N times under new page ids (default 20, i.e.
760 documents) as the corpus. Without --url (or ELASTICSEARCH_URL) it starts a private
noida-db emulator on a free port and stops it at the end; with one it uses that cluster
under a throw-away index prefix, deleted afterwards.

Prints, for the same corpus:
- analysis only (search.plan.analysed_columns): records/s;
- rebuild into Elasticsearch (analysis + bulk + refresh + alias swap): records/s,
  labelled with what answered, e.g. "emulator (noida-db), not Elasticsearch";
- rebuild into the embedded SQLite FTS5 index: records/s;
- search latency p50/p95 (ms) over the dev queries on both backends, and nDCG@10 of
  each backend on the dev queries (the 38 records only, as ../shared/tools/eval_search.py
  scores them through the API).
Numbers from the emulator say nothing about a real cluster's speed; they show that the
bulk path streams and where the time goes.
"""

import argparse
import dataclasses
import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_emulator(data_dir):
    binary = Path(sys.executable).parent / "noida-db"
    port = free_port()
    log = open(Path(data_dir) / "noida.log", "ab")
    process = subprocess.Popen(
        [
            str(binary),
            "start",
            "--data-dir",
            str(data_dir),
            "--only",
            "elasticsearch",
            "--elasticsearch-port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            with urllib.request.urlopen(url, timeout=1):
                return process, url
        except OSError:
            time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    sys.exit("noida-db did not start")


def stop_emulator(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def ndcg(ranked, rel, k=10):  # as ../shared/tools/eval_search.py
    dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="times the demo documents are repeated (default 20)")
    parser.add_argument(
        "--url",
        default=os.environ.get("ELASTICSEARCH_URL", ""),
        help="an Elasticsearch cluster to use instead of a private noida-db emulator",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-elastic-"))
    os.environ["KB_VAR_DIR"] = str(work)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kb.settings.dev"
    os.environ["ELASTICSEARCH_URL"] = ""  # the demo build indexes into the embedded file
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, admin_password="bench-only")

    from search.backends.elastic import ElasticIndex
    from search.backends.embedded import EmbeddedIndex
    from search.documents import document_for, indexable_pages
    from search.plan import analysed_columns as fts_columns
    from search.query import SearchQuery

    base = [document_for(page) for page in indexable_pages()]
    corpus = [
        dataclasses.replace(doc, page_id=doc.page_id + copy * 1_000_000) for copy in range(args.repeat) for doc in base
    ]
    print(f"corpus              {len(base)} demo documents x {args.repeat} = {len(corpus)} records")

    started = time.perf_counter()
    for doc in corpus:
        fts_columns(doc)
    print(f"analysis_only       {len(corpus) / (time.perf_counter() - started):10,.0f} records/s")

    process = None
    if args.url:
        url, label = args.url, f"Elasticsearch at {args.url.rpartition('@')[2]}"
    else:
        process, url = start_emulator(work)
        label = "emulator (noida-db), not Elasticsearch"
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_TIMEOUT = 30
    elastic = ElasticIndex(prefix=f"bench-{os.getpid()}")
    embedded = EmbeddedIndex(work / "bench-index.sqlite3")
    try:
        started = time.perf_counter()
        count = elastic.rebuild(iter(corpus))
        seconds = time.perf_counter() - started
        print(f"rebuild_elastic     {count / seconds:10,.0f} records/s   ({count} in {seconds:.2f} s; {label})")
        started = time.perf_counter()
        count = embedded.rebuild(iter(corpus))
        seconds = time.perf_counter() - started
        print(f"rebuild_embedded    {count / seconds:10,.0f} records/s   ({count} in {seconds:.2f} s; SQLite FTS5)")

        rows = [
            json.loads(line)
            for line in (ROOT / "fixtures" / "dev_queries.jsonl").read_text("utf-8").splitlines()
            if line.strip()
        ]
        queries = [SearchQuery.from_params({"q": row["q"]}) for row in rows]
        for name, index in (("elastic", elastic), ("embedded", embedded)):
            index.search(queries[0])  # warm up
            timings = []
            for query in queries * 3:
                started = time.perf_counter()
                index.search(query)
                timings.append((time.perf_counter() - started) * 1000)
            cuts = statistics.quantiles(timings, n=100)
            print(f"search_{name:<9}   p50 {cuts[49]:8.1f} ms   p95 {cuts[94]:8.1f} ms   ({len(corpus)} records)")

        # Quality on the demo corpus itself (38 records, as the judgments expect).
        elastic.rebuild(iter(base))
        embedded.rebuild(iter(base))
        for name, index in (("elastic", elastic), ("embedded", embedded)):
            scores = [
                ndcg([h.identifier for h in index.search(q).hits], row["rel"])
                for q, row in zip(queries, rows, strict=True)
            ]
            print(f"ndcg@10_{name:<9}  {sum(scores) / len(scores):.3f}   ({len(rows)} dev queries)")
    finally:
        try:
            elastic.drop()
        finally:
            if process is not None:
                stop_emulator(process)


if __name__ == "__main__":
    main()
