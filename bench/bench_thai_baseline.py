"""Search quality of Elasticsearch's `thai` analyzer next to ours, on the judged queries.

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_thai_baseline.py \
        [--queries fixtures/dev_queries.jsonl,fixtures/search_queries_typed.jsonl] [--site DIR]

No Elasticsearch server can run here, but its `thai` analyzer is Lucene's ThaiAnalyzer, and
its scoring Lucene's BM25: bench/ThaiBaselineSearch.java runs both on Lucene itself (Debian's
liblucene8-java; LUCENE_CLASSPATH overrides the jars). This script
1. builds the demo site (migrate, load_demo, extract_documents) in a temporary folder, or
   reuses the one in --site DIR (built there when DIR has no index yet);
2. takes the documents our search serves from the `docs` table of its embedded index
   (identifier, title, body, meta and the text of attached files: the public records);
3. writes them and the queries as escaped TSV, runs the Java program once: an in-memory
   Lucene index with ThaiAnalyzer on every field, BM25 defaults, top 10 of a plain ES
   site's multi_match (best_fields, OR) over title^3, meta^2, body, files (see --weights),
   and of its most_fields, cross_fields and combined_fields variants;
4. asks our own search the same queries through /api/search/ (django.test.Client, the
   same index), and scores both with the metric code of ../shared/tools/eval_search.py:
   nDCG@10, recall@10, MRR and zero-result share, overall and per query class.
Prints, per query set, a table class | n | ES thai (Lucene) | ours, then nDCG@10 of every
variant. --show lists each query's top results; --keep DIR keeps the TSV and Java output.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JAVA_SOURCE = ROOT / "bench" / "ThaiBaselineSearch.java"
LUCENE_JARS = "/usr/share/java"
DEFAULT_QUERIES = ("fixtures/dev_queries.jsonl", "fixtures/search_queries_typed.jsonl")
# Boosts of a plain ES site: the title counts most, then the metadata (agency, subjects,
# legal type, year), then the body; attached files (ingest-attachment text) like the body.
DEFAULT_WEIGHTS = "title=3,meta=2,body=1,files=1"
VARIANTS = ("best_fields", "most_fields", "cross_fields", "combined_fields")
METRICS = ("ndcg", "recall", "mrr", "zero")


# ---------------------------------------------------------------------------- metrics
def ndcg(ranked, rel, k=10):  # as ../shared/tools/eval_search.py
    dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def score(ranked, rel):
    """One query's row, as eval_search.main computes it (ranked cut to the top 10 first)."""
    ranked = list(ranked)[:10]
    return {
        "ndcg": ndcg(ranked, rel),
        "recall": len([d for d in ranked if d in rel]) / len(rel),
        "mrr": next((1 / (i + 1) for i, d in enumerate(ranked) if d in rel), 0.0),
        "zero": 0.0 if ranked else 1.0,
    }


def summarise(rows):
    """{class: averages} for rows of (cls, score-dict), with "ALL" last, classes sorted."""
    by = defaultdict(list)
    for cls, row in rows:
        by[cls].append(row)
    out = {}
    for name, rs in [*sorted(by.items()), ("ALL", [row for _, row in rows])]:
        if rs:
            out[name] = {"n": len(rs), **{k: sum(r[k] for r in rs) / len(rs) for k in METRICS}}
    return out


def eval_line(name, avg):
    """A summary line exactly as eval_search prints it."""
    return (
        f"{name:<12} n={avg['n']:<3} nDCG@10={avg['ndcg']:.3f} recall@10={avg['recall']:.3f} "
        f"MRR={avg['mrr']:.3f} zero-result={avg['zero']:.0%}"
    )


# ---------------------------------------------------------------------------- inputs
def escape(value):
    """A TSV cell on one line: backslash, tab, newline and CR escaped (the Java side unescapes)."""
    return str(value or "").replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def write_tsv(path, rows):
    """One escaped line per row (a sequence of values); returns the number of lines."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write("\t".join(escape(v) for v in row) + "\n")
            count += 1
    return count


def files_text(files_json):
    """The extracted text of a document's files (the docs.files JSON), pages joined."""
    if not files_json:
        return ""
    parts = []
    for f in json.loads(files_json):
        parts.append(f.get("title", ""))
        parts.extend(page.get("text", "") for page in f.get("pages", []))
    return "\n".join(p for p in parts if p)


def document_rows(index_path, fields):
    """(identifier, *fields) for every document of the embedded index, in rowid order."""
    with sqlite3.connect(f"file:{index_path}?mode=ro", uri=True) as connection:
        stored = [c for c in ("title", "body", "meta") if c in fields]
        cols = ", ".join(["identifier", *stored, "files"])
        for row in connection.execute(f"SELECT {cols} FROM docs ORDER BY rowid"):
            values = dict(zip(["identifier", *stored, "files"], row, strict=True))
            values["files"] = files_text(values["files"]) if "files" in fields else ""
            yield [values["identifier"], *(values.get(f) or "" for f in fields)]


def load_queries(paths):
    """[(set name, qid, query dict)], qid unique over all sets."""
    out = []
    for path in paths:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(line for line in lines if line.strip()):
            out.append((str(path), f"{Path(path).stem}:{i}", json.loads(line)))
    return out


def parse_weights(spec):
    weights = {}
    for part in spec.split(","):
        name, _, boost = part.strip().partition("=")
        weights[name] = float(boost or 1)
    return weights


# ---------------------------------------------------------------------------- runs
def build_site(site):
    """Point Django at the demo site in `site`, building it first when it has no index."""
    site.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DATABASE_URL=f"sqlite:///{site / 'db.sqlite3'}",
        SEARCH_INDEX_PATH=str(site / "index.sqlite3"),
        MEDIA_ROOT=str(site / "media"),
        KB_VAR_DIR=str(site),
        ELASTICSEARCH_URL="",  # the embedded index: the one we read the documents from
    )
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    if not (site / "index.sqlite3").exists():
        print(f"building the demo site in {site} …", file=sys.stderr, flush=True)
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)
        call_command("extract_documents", verbosity=0)
    return site / "index.sqlite3"


def run_lucene(docs_tsv, queries_tsv, weights_spec):
    """{qid: {variant: {"total", "hits"}}} from bench/ThaiBaselineSearch.java."""
    java = shutil.which("java")
    if java is None:
        sys.exit("no java: apt-get install default-jdk-headless liblucene8-java")
    classpath = os.environ.get("LUCENE_CLASSPATH") or f"{LUCENE_JARS}/*"
    result = subprocess.run(
        [java, "-cp", classpath, str(JAVA_SOURCE), str(docs_tsv), str(queries_tsv), weights_spec],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode:
        sys.exit(f"ThaiBaselineSearch failed ({result.returncode}):\n{result.stderr[-3000:]}")
    print(result.stderr.strip(), file=sys.stderr)
    answers = {}
    for line in result.stdout.splitlines():
        data = json.loads(line)
        answers[data.pop("qid")] = data
    return answers


def run_ours(queries):
    """{qid: top-10 identifiers} from /api/search/ through django.test.Client."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    out = {}
    for _, qid, query in queries:
        response = client.get("/api/search/", {"q": query["q"]})
        if response.status_code != 200:
            sys.exit(f"/api/search/?q={query['q']} -> {response.status_code}")
        out[qid] = [hit["identifier"] for hit in response.json().get("results", [])][:10]
    return out


# ---------------------------------------------------------------------------- report
def cell(avg):
    return f"{avg['ndcg']:.3f} / {avg['recall']:.3f} / {avg['mrr']:.3f} / {avg['zero']:.0%}"


def report(name, queries, lucene, ours, show=False):
    rows = {v: [] for v in (*VARIANTS, "ours")}
    for _, qid, query in queries:
        rel = query["rel"]
        for variant in VARIANTS:
            rows[variant].append((query["cls"], score(lucene[qid][variant]["hits"], rel)))
        rows["ours"].append((query["cls"], score(ours[qid], rel)))
        if show:
            print(f"{query['q']}  [{query['cls']}]  want {rel}")
            for label, ranked in (("ES", lucene[qid]["best_fields"]["hits"]), ("ours", ours[qid])):
                marks = " ".join(f"{d}{'*' * rel.get(d, 0)}" for d in ranked)
                print(f"    {label:<5} {marks or '(nothing)'}")
    sums = {v: summarise(r) for v, r in rows.items()}
    print(f"\n### {name} ({len(queries)} queries)\n")
    print("nDCG@10 / recall@10 / MRR / zero-result; ES = multi_match best_fields, OR\n")
    print("| class | n | ES thai (Lucene) | ours |\n|---|---|---|---|")
    for cls, avg in sums["ours"].items():
        print(f"| {cls} | {avg['n']} | {cell(sums['best_fields'][cls])} | {cell(avg)} |")
    print("\nnDCG@10 of every ES variant\n")
    print("| class | n | " + " | ".join(VARIANTS) + " | ours |\n" + "|---" * (len(VARIANTS) + 3) + "|")
    for cls, avg in sums["ours"].items():
        values = " | ".join(f"{sums[v][cls]['ndcg']:.3f}" for v in VARIANTS)
        print(f"| {cls} | {avg['n']} | {values} | {avg['ndcg']:.3f} |")
    return sums


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", default=",".join(DEFAULT_QUERIES), help="query files, comma-separated")
    parser.add_argument("--site", metavar="DIR", help="demo site folder to reuse (built there if it has no index)")
    parser.add_argument("--weights", default=DEFAULT_WEIGHTS, help=f"ES field boosts (default {DEFAULT_WEIGHTS})")
    parser.add_argument("--keep", metavar="DIR", help="keep the TSV inputs and the Java output in DIR")
    parser.add_argument("--show", action="store_true", help="print each query's top results")
    args = parser.parse_args(argv)
    paths = [p if Path(p).is_absolute() else ROOT / p for p in args.queries.split(",") if p.strip()]
    weights = parse_weights(args.weights)

    tmp = tempfile.TemporaryDirectory(prefix="bench-thai-baseline-")
    try:
        site = Path(args.site) if args.site else Path(tmp.name) / "site"
        index_path = build_site(site)
        work = Path(args.keep) if args.keep else Path(tmp.name)
        work.mkdir(parents=True, exist_ok=True)
        queries = load_queries(paths)
        docs = write_tsv(work / "docs.tsv", document_rows(index_path, list(weights)))
        write_tsv(work / "queries.tsv", ((qid, q["q"]) for _, qid, q in queries))
        print(f"{docs} documents from {index_path}; {len(queries)} queries", file=sys.stderr)
        lucene = run_lucene(work / "docs.tsv", work / "queries.tsv", args.weights)
        ours = run_ours(queries)
        if args.keep:
            with open(work / "answers.jsonl", "w", encoding="utf-8") as out:
                for _, qid, q in queries:
                    out.write(json.dumps({"qid": qid, "q": q["q"], "es": lucene[qid], "ours": ours[qid]}) + "\n")
        print(f"ES: Lucene ThaiAnalyzer + BM25 (k1 1.2, b 0.75), boosts {args.weights}; ours: /api/search/")
        for path in paths:
            report(
                path.relative_to(ROOT) if path.is_relative_to(ROOT) else path,
                [q for q in queries if q[0] == str(path)],
                lucene,
                ours,
                args.show,
            )
    finally:
        tmp.cleanup()


if __name__ == "__main__":
    main()
