"""Latency of the read API (/api/v2/pages/) on a site of many records.

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_api.py [--site DIR] [--records 10000] [--requests 200]

The site: DIR kept by `bench/bench_import.py --records N --keep DIR` (synthetic records in
the RECORDS.md format, published through the real importer); without --site, this bench
builds one in a temporary folder with bench_import (N records; 10,000 take about four
minutes on two cores). Then, in this process through Django's test client (no network, so
the figure is the application's: URL routing, privacy rule, filters, ordering, paging,
serialisation), it requests pages of 20 records of several shapes and prints p50, p95 and
max in ms per shape. Target (issue 13): a page of 20 records in <= 100 ms p95 at 10k records.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_P95_MS = 100


def shapes(total):
    """(label, path) of the requests timed; offsets spread over the whole listing."""
    offsets = random.Random(7)
    return [
        ("newest 20", lambda: "/api/v2/pages/?limit=20"),
        (
            "kind + offset",
            lambda: (
                f"/api/v2/pages/?kind=cabinet_resolution&limit=20&offset={offsets.randrange(0, max(1, total - 20))}"
            ),
        ),
        ("kind, all fields", lambda: "/api/v2/pages/?kind=regulation&fields=*&limit=20"),
        ("year + agency filter", lambda: "/api/v2/pages/?year=2567&agency=กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม&limit=20"),
        ("ordered by title", lambda: "/api/v2/pages/?order=title&limit=20"),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", help="a site kept by bench_import.py --keep DIR")
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=200, help="requests per shape")
    args = parser.parse_args()
    folder = Path(args.site or tempfile.mkdtemp(prefix="kb-bench-api-")).resolve()
    if not (folder / "db.sqlite3").exists():
        print(f"# building a site of {args.records} records with bench_import.py in {folder}", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "bench_import.py"),
                "--records",
                str(args.records),
                "--keep",
                str(folder),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    from bench_import import prepare_environment

    prepare_environment(folder, None, os.environ.get("DJANGO_SETTINGS_MODULE", "kb.settings.dev"))
    import django

    django.setup()
    from django.test import Client

    from kb.models import RecordPage

    total = RecordPage.objects.live().count()
    client = Client(HTTP_HOST="localhost")
    print(f"# bench_api: {total} live records; {args.requests} requests per shape; Python {sys.version.split()[0]}")
    print(f"{'shape':24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    worst = 0.0
    for label, path in shapes(total):
        client.get(path())  # warm: URL resolver, serializer classes, SQLite pages
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(path())
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code, response.content[:200])
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        worst = max(worst, p95)
        print(f"{label:24} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}")
    verdict = "meets" if worst <= TARGET_P95_MS else "misses"
    print(f"worst p95 {worst:.1f} ms: {verdict} the target of <= {TARGET_P95_MS} ms")


if __name__ == "__main__":
    main()
