"""Speed of `manage.py import_records FILE --publish` as the site grows.

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_import.py [--records 10000] [--batch 1000]
        [--keep DIR] [--database-url postgres://user@host:port/db] [--settings kb.settings.dev]
        [--tables] [--profile FILE.prof]

1. builds a fresh site in a temporary folder: DATABASE_URL (sqlite:///TMP/db.sqlite3
   unless --database-url), KB_VAR_DIR, SEARCH_INDEX_PATH and MEDIA_ROOT all point into
   it before Django starts; then `migrate` and `load_demo --no-index` (the demo tree and
   its 38 records). With --database-url the bench creates a scratch database
   `<name>_bench_<pid>` on that server (it never touches <name>) and drops it at the end
   unless --keep is given. --keep DIR keeps the site; run again with the same DIR to add
   more records to it (a bigger site without rebuilding it);
2. generates N deterministic synthetic records in the RECORDS.md format (seeded
   random.Random): about 80 % cabinet_resolution, the rest regulation, news, report,
   mou, ethics_code and project; unique identifiers; Thai bodies of 3-7 paragraphs
   (~3,000 characters with the title) made of lines of fixtures/records.jsonl, some
   `label — value` lines, a few subjects; written as successive files of --batch records;
3. runs `import_records FILE --publish` in this process on each file in turn (each one
   transaction, as the command does, including the search-index sync after the commit)
   and prints, per file: records/s (wall clock), CPU seconds of this process and records
   per CPU second (SQLite runs in-process, so on SQLite this is the machine-independent
   figure when the cores are shared), SQL queries per record and ms spent in them; so a
   rate that falls as the site grows shows. Then it re-imports the last file: idempotent,
   it must be fast and change nothing (pages, revisions and log entries added are printed).

--tables prints the statements that took longest (per record) in the first and last file;
--profile FILE.prof runs the last file under cProfile (CPU timer; adds overhead, so read
shares, not absolute times) and prints the top functions.
Settings: DJANGO_SETTINGS_MODULE (--settings), default kb.settings.dev as manage.py uses,
with DEBUG=0 unless DEBUG is set (DEBUG keeps every query in memory).
Target (issue 9): >= 50 records/s, not falling as the site grows.
To try a change, copy the project (without .venv) and run the copy's bench with this
venv: /work/main/.venv/bin/python /tmp/copy/bench/bench_import.py.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import platform
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORD_FILES = (ROOT / "fixtures" / "records.jsonl", ROOT.parent / "shared" / "data" / "records.jsonl")
SEED = 20240709
TARGET_RECORDS_PER_S = 50

# (kind, share of the records)
KINDS = (
    ("cabinet_resolution", 0.80),
    ("regulation", 0.07),
    ("news", 0.05),
    ("report", 0.03),
    ("mou", 0.02),
    ("ethics_code", 0.02),
    ("project", 0.01),
)
OUTCOMES = ("รับทราบ", "เห็นชอบ", "อนุมัติ", "เห็นชอบและอนุมัติ", "รับทราบและเห็นชอบ")
PROPOSERS = (
    "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดศ.)",
    "กระทรวงการคลัง (กค.)",
    "กระทรวงมหาดไทย (มท.)",
    "สำนักนายกรัฐมนตรี (นร.)",
    "กระทรวงการต่างประเทศ (กต.)",
    "สำนักงานคณะกรรมการพัฒนาระบบราชการ (สำนักงาน ก.พ.ร.)",
)
CHAIRS = ("นายเศรษฐา ทวีสิน (นายกรัฐมนตรี)", "นางสาวแพทองธาร ชินวัตร (นายกรัฐมนตรี)", "พลเอก ประยุทธ์ จันทร์โอชา (นายกรัฐมนตรี)")
LEGAL_TYPES = ("พระราชบัญญัติ", "พระราชกฤษฎีกา", "ระเบียบ", "ประกาศ", "คำสั่ง")
STATUSES = ("in_force", "in_force", "in_force", "amended", "repealed")
SUBJECTS = (
    "เศรษฐกิจดิจิทัล",
    "ความมั่นคงปลอดภัยไซเบอร์",
    "ข้อมูลส่วนบุคคล",
    "รัฐบาลดิจิทัล",
    "โทรคมนาคม",
    "ความร่วมมือระหว่างประเทศ",
    "งบประมาณ",
    "การตรวจราชการ",
    "จริยธรรม",
    "อาเซียน",
)
LABELS = ("สาระสำคัญ", "ผลการพิจารณา", "หน่วยงานที่เกี่ยวข้อง", "งบประมาณ", "ระยะเวลาดำเนินการ")
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
AGENCY = "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
SOURCE_URL = "https://www.soc.go.th/?page_id=0"


# ---------------------------------------------------------------- synthetic records
def _seed_lines():
    path = next((p for p in RECORD_FILES if p.exists()), None)
    if path is None:
        sys.exit("error: no records.jsonl in fixtures/ or ../shared/data/")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [line.strip() for r in records for line in r["body"].split("\n") if len(line.strip()) >= 40]
    titles = [r["title"] for r in records]
    return lines, titles


def synthetic_records(count, seed=SEED, start=0):
    """count records of the kinds in KINDS, numbered from start + 1; deterministic for one seed."""
    rng = random.Random(seed + start)
    lines, titles = _seed_lines()
    kinds = [kind for kind, _ in KINDS]
    weights = [share for _, share in KINDS]
    records = []
    for number in range(start + 1, start + count + 1):
        kind = rng.choices(kinds, weights)[0]
        year = rng.randrange(2015, 2025)
        day = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        year_be = year + 543
        paragraphs = []
        for _ in range(rng.randrange(3, 8)):
            paragraphs.append(" ".join(rng.sample(lines, rng.randrange(1, 3))))
            if rng.random() < 0.25:
                paragraphs.append(f"{rng.choice(LABELS)} — {rng.choice(lines)[:80]}")
        topic = rng.choice(titles)
        record = {
            "identifier": f"bench-{kind.replace('_', '-')}-{number:06d}",
            "type": kind,
            "title": f"{topic} (เรื่องที่ {str(number).translate(THAI_DIGITS)})"[:250],
            "body": "\n".join([topic] + paragraphs),
            "agency": AGENCY,
            "language": "th",
            "source": "bench_import.py",
            "subjects": rng.sample(SUBJECTS, rng.randrange(0, 3)),
        }
        if kind == "cabinet_resolution":
            record.update(
                meeting_date=day,
                published=f"{day}T18:30:00+07:00",
                outcome=rng.choice(OUTCOMES),
                proposer=rng.choice(PROPOSERS),
                chair=rng.choice(CHAIRS),
                category="มติ ครม.",
                source_url=SOURCE_URL.replace("0", str(number)),
            )
        elif kind == "regulation":
            record.update(
                legal_type=rng.choice(LEGAL_TYPES),
                issuer=rng.choice(PROPOSERS),
                year_be=year_be,
                status=rng.choice(STATUSES),
            )
        elif kind == "ethics_code":
            record.update(issuer="สำนักงาน ก.พ.", year_be=year_be)
        elif kind == "mou":
            record.update(
                parties=[AGENCY, rng.choice(PROPOSERS)], countries=["ไทย"], signed_between_be=[year_be, year_be + 1]
            )
        elif kind == "news":
            record.update(date=day)
        elif kind == "report":
            record.update(date=day, fiscal_year_be=year_be)
        records.append(record)
    return records


def write_batches(records, batch, folder):
    Path(folder).mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, len(records), batch):
        path = Path(folder) / f"records-{start // batch + 1:03d}.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[start : start + batch]), encoding="utf-8"
        )
        paths.append(path)
    return paths


# ---------------------------------------------------------------- environment
def scratch_postgres(url):
    """Create <name>_bench_<pid> on the server of url; returns (its URL, drop function)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'postgres'}_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def prepare_environment(folder, database_url, settings_module):
    os.environ["PYTHAINLP_OFFLINE"] = "1"
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ.setdefault("DEBUG", "0")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ["KB_VAR_DIR"] = str(folder / "var")
    os.environ["SEARCH_INDEX_PATH"] = str(folder / "search-index.sqlite3")
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# ---------------------------------------------------------------- measuring
TABLE = re.compile(r'\b(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)


class QueryCounter:
    """execute_wrapper: counts queries (and, cheaply, the verb + first table of each)."""

    def __init__(self):
        self.total = 0
        self.seconds = 0.0
        self.by_table = collections.Counter()
        self.seconds_by_table = collections.Counter()

    def __call__(self, execute, sql, params, many, context):
        self.total += 1
        match = TABLE.search(sql)
        key = f"{sql.lstrip()[:6].upper()} {match.group(1) if match else '?'}"
        self.by_table[key] += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            self.seconds += elapsed
            self.seconds_by_table[key] += elapsed


def counts():
    from wagtail.models import Page, PageLogEntry, Revision

    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
    }


def run_import(path, profile=None):
    """One `import_records FILE --publish`; returns (seconds, CPU seconds, QueryCounter).
    profile: a cProfile.Profile to run it under."""
    from django.core.management import call_command
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started, cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        call_command("import_records", str(path), publish=True, verbosity=0, stdout=io.StringIO())
        if profile:
            profile.disable()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return seconds, cpu, counter


def print_profile(profile, path):
    import pstats

    profile.dump_stats(path)
    stats = pstats.Stats(profile, stream=sys.stdout).strip_dirs()
    print(f"CPU profile of the last file (saved to {path}; `python -m pstats {path}` to explore):")
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


def print_tables(label, counter, records):
    print(f"  slowest statements, {label}: queries per record, ms per record")
    for name, seconds in counter.seconds_by_table.most_common(12):
        print(f"    {counter.by_table[name] / records:7.2f} {seconds * 1000 / records:8.2f}  {name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000, help="synthetic records to import (default 10000)")
    parser.add_argument("--batch", type=int, default=1_000, help="records per file / transaction (default 1000)")
    parser.add_argument("--keep", metavar="DIR", help="build the site in DIR (created) and keep it")
    parser.add_argument("--database-url", help="e.g. postgres://kb@127.0.0.1:5432/kb (a scratch database is created)")
    parser.add_argument(
        "--settings", default="kb.settings.dev", help="DJANGO_SETTINGS_MODULE (default kb.settings.dev)"
    )
    parser.add_argument("--tables", action="store_true", help="print the busiest tables of the first and last file")
    parser.add_argument(
        "--profile", metavar="FILE.prof", help="run the last file under cProfile, save and print the stats"
    )
    parser.add_argument(
        "--no-search-index",
        action="store_true",
        help="leave the public index unbuilt (each page then only records a pending change), as before",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()

    folder = Path(args.keep or tempfile.mkdtemp(prefix="kb-bench-import-")).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    drop_database = None
    database_url = args.database_url
    if database_url and not database_url.startswith("sqlite"):
        database_url, drop_database = scratch_postgres(database_url)
    try:
        prepare_environment(folder, database_url, args.settings)
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        print(
            f"# bench_import: {args.records} records in files of {args.batch}; {connection.vendor} "
            f"({settings.DATABASES['default']['NAME']}); settings {args.settings}, DEBUG={settings.DEBUG}; "
            f"Python {platform.python_version()}, {os.cpu_count()} cores; project {ROOT}"
        )
        from kb.models import RecordPage

        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        existing = RecordPage.objects.filter(identifier__startswith="bench-").count()
        if existing:  # a site kept by an earlier run (--keep DIR): add new records to it
            print(f"reusing the site in {folder} ({existing} bench records): {counts()}")
        else:
            call_command("load_demo", no_index=True, verbosity=0, stdout=io.StringIO())
            if not args.no_search_index:  # a real site has an index: imports then write to it
                call_command("search_index", "rebuild", verbosity=0, stdout=io.StringIO())
            print(f"site ready in {time.perf_counter() - started:.1f} s: {counts()}")
        records_dir = folder / f"records-from-{existing + 1}"
        paths = write_batches(synthetic_records(args.records, args.seed, existing), args.batch, records_dir)

        # CPU seconds (this process) beside wall-clock: the machine may be shared; SQL ms is time inside the
        # database calls (SQLite runs in this process, so its CPU is part of the CPU figure).
        print(
            f"{'file':>5} {'records':>8} {'site pages':>10} {'seconds':>8} {'records/s':>10} {'CPU s':>7} "
            f"{'rec/CPU s':>9} {'queries/rec':>11} {'SQL ms/rec':>10}"
        )
        total_seconds, total_records, first = 0.0, 0, None
        rates = []
        for number, path in enumerate(paths, start=1):
            records = sum(1 for line in path.open(encoding="utf-8") if line.strip())
            profile = None
            if args.profile and number == len(paths):
                import cProfile

                profile = cProfile.Profile(time.process_time)  # CPU time: waiting for a shared core is not cost
            seconds, cpu, counter = run_import(path, profile)
            total_seconds += seconds
            total_records += records
            rates.append(records / seconds)
            first = first or counter
            print(
                f"{number:>5} {records:>8} {counts()['pages']:>10} {seconds:>8.1f} {records / seconds:>10.1f} "
                f"{cpu:>7.1f} {records / cpu:>9.1f} {counter.total / records:>11.1f} "
                f"{counter.seconds * 1000 / records:>10.1f}",
                flush=True,
            )
        print(
            f"overall: {total_records} records in {total_seconds:.1f} s = {total_records / total_seconds:.1f} records/s"
            f" (first file {rates[0]:.1f}, last file {rates[-1]:.1f} records/s; target >= {TARGET_RECORDS_PER_S})"
        )
        if args.profile:
            print_profile(profile, args.profile)
        if args.tables:
            print_tables("first file", first, min(args.batch, args.records))
            print_tables("last file", counter, records)

        before = counts()
        seconds, cpu, counter = run_import(paths[-1])
        after = counts()
        added = {name: after[name] - before[name] for name in after}
        print(
            f"re-import of the last file ({records} records, nothing changed in it): {seconds:.1f} s = "
            f"{records / seconds:.1f} records/s ({records / cpu:.1f} per CPU s), {counter.total / records:.1f} queries/record; added {added}"
            f"{'' if not any(added.values()) else '  <- not a no-op'}"
        )

        from search.backends import get_index

        try:
            status = get_index().status()
            print(f"search index: {status['documents']} documents")
        except Exception as exc:  # e.g. never built (load_demo --no-index): a figure, not a failure
            print(f"search index: unavailable ({exc})")
    finally:
        if drop_database:
            if args.keep:
                print(f"kept database {os.environ['DATABASE_URL']}")
            else:
                drop_database()
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
