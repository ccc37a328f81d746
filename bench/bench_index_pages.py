"""Latency of a record index page with many records of one kind (issue 9: p95 <= 100 ms).

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_index_pages.py [--records 10000] [--requests 50]
        [--keep DIR] [--database-url postgres://user@host:port/name]

1. builds a fresh site in a temporary folder (DATABASE_URL, KB_VAR_DIR, SEARCH_INDEX_PATH and
   MEDIA_ROOT point into it before Django starts): `migrate`, `load_demo --no-index`;
2. adds N synthetic cabinet resolutions under the demo's cabinet-resolution index page with
   Page.add_child, 500 to a transaction (deterministic: seeded dates over 15 years, five outcomes),
   with the search-index signal handlers muted: the index pages never read the search index;
3. GETs, through Django's test Client, the index page, a filtered page (year + outcome) and
   page 50, --requests times each after one warm-up, and prints p50/p95 ms and the SQL queries
   per request. A printed benchmark, not a timed test; the machine may be shared.
--database-url runs it on another database (e.g. a private PostgreSQL cluster, see .ci/run)
instead of a SQLite file in the folder; the database must exist and may be empty.
To compare with older code, copy the project (without .venv) and run the copy's bench with this
venv: /work/main/.venv/bin/python /tmp/copy/bench/bench_index_pages.py.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20240709
OUTCOMES = ("รับทราบ", "เห็นชอบ", "อนุมัติ", "อนุมัติในหลักการ", "มอบหมาย")
TARGET_P95_MS = 100


def prepare_environment(folder, database_url=None):
    os.environ["PYTHAINLP_OFFLINE"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")
    os.environ.setdefault("DEBUG", "0")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ["KB_VAR_DIR"] = str(folder / "var")
    os.environ["SEARCH_INDEX_PATH"] = str(folder / "search-index.sqlite3")
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build_site(n):
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import signals

    from kb.models import CabinetResolutionIndexPage, CabinetResolutionPage

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-index", verbosity=0)
    parent = CabinetResolutionIndexPage.objects.get()
    have = CabinetResolutionPage.objects.child_of(parent).count()
    rng = random.Random(SEED)
    start = datetime.date(2010, 1, 1)
    # Mute the search-sync handlers (they queue index work the page never reads).
    muted = [(sig, sig.receivers[:]) for sig in (signals.post_save, signals.post_delete, signals.pre_delete)]
    for sig, _ in muted:
        sig.receivers = [r for r in sig.receivers if "search" not in repr(r)]
        sig.sender_receivers_cache.clear()
    began = time.perf_counter()
    try:
        # Batches, not one transaction: on PostgreSQL every add_child updates the parent's row
        # (numchild), and 10,000 versions of one row in one transaction slow each update down.
        for first in range(have, n, 500):
            with transaction.atomic():
                for i in range(first, min(first + 500, n)):
                    day = start + datetime.timedelta(days=rng.randrange(15 * 365))
                    parent.add_child(
                        instance=CabinetResolutionPage(
                            title=f"มติคณะรัฐมนตรีสังเคราะห์ที่ {i}",
                            slug=f"bench-cr-{i}",
                            identifier=f"bench-cr-{i}",
                            meeting_date=day,
                            outcome=OUTCOMES[rng.randrange(len(OUTCOMES))],
                            live=True,
                            first_published_at=datetime.datetime.combine(day, datetime.time(9), datetime.UTC),
                        )
                    )
                    parent.numchild += 1
    finally:
        for sig, receivers in muted:
            sig.receivers = receivers
            sig.sender_receivers_cache.clear()
    print(f"built {n - have} records in {time.perf_counter() - began:.1f} s")
    return parent


def measure(client, url, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up (template and URL caches)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(requests):
            began = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, len(queries) / requests


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--keep", help="keep (or reuse) the site in this folder")
    parser.add_argument("--database-url", help="the site's database (default: a SQLite file in the folder)")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="bench-index-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        prepare_environment(folder, args.database_url)
        from django.db import connection
        from django.test import Client

        parent = build_site(args.records)
        base = parent.url
        client = Client()
        year = 2567
        rows = [
            ("index page", base),
            ("filtered", f"{base}?year={year}&outcome={OUTCOMES[1]}"),
            ("page 50", f"{base}?page=50"),
        ]
        print(
            f"{args.records} cabinet resolutions on {connection.vendor}, {args.requests} requests each"
            f" (target p95 <= {TARGET_P95_MS} ms)"
        )
        print(f"{'page':<12} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        for label, url in rows:
            p50, p95, per = measure(client, url, args.requests)
            print(f"{label:<12} {p50:8.1f} {p95:8.1f} {per:8.1f}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
