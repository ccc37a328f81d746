"""Load on the whole site under gunicorn, loopback only, bounded in time.

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_load.py [--records 300] [--duration 10]
    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_load.py --quick        # about 2 minutes
    DATABASE_URL=postgres://kb@127.0.0.1:55432/kb .venv/bin/python bench/bench_load.py   # a fresh database on that server

1. Prepares a site in a temporary folder (bench/loadsite.py): migrate, load_demo
   --no-index, collectstatic, --records N synthetic records through `import_records
   --publish` (timed), `search_index rebuild` (timed). SQLite file database unless
   DATABASE_URL names PostgreSQL (then a database of its own, dropped at the end).
2. Starts gunicorn with kb.settings.production (DEBUG=0, ALLOWED_HOSTS=127.0.0.1,
   SECURE_COOKIES=0, SECURE_SSL_REDIRECT=0; requests also say X-Forwarded-Proto: https)
   on a free 127.0.0.1 port: 2 workers x 4 threads (gthread), as on a 2-core machine.
3. For concurrency 1, 8 and 32 (threads, one http.client connection per request) it
   runs each scenario for --duration seconds: "api" = /api/search/?q= over the queries
   of fixtures/dev_queries.jsonl; "pages" = home, index pages, record pages, /search/,
   feeds, sitemap. Then the same while `import_records` runs in a loop (a batch of
   --import-batch records, created then updated; the last run is interrupted, which
   rolls it back) and while `search_index rebuild` runs in a loop.
4. Prints one row per scenario: requests, requests/s, p50/p95/p99 ms, 5xx and other
   failures (non-200 answers, timeouts, refused connections); on SQLite also how much of
   the phase the importer held the write lock.

Before the WAL/busy-timeout fix (issue 8, item 3): 22 % of page requests answered 500
"database is locked", p95 10 s, during a 5,000-record import.
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadsite import PostgresDatabase, Site, api_paths, dev_queries, get, public_paths, write_records

CONCURRENCY = (1, 8, 32)


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))]


def run_scenario(port, paths, concurrency, duration):
    next_path, guard = itertools.cycle(paths), threading.Lock()
    latencies, statuses, failures = [], {}, []
    deadline = time.monotonic() + duration

    def client():
        while time.monotonic() < deadline:
            with guard:
                path = next(next_path)
            started = time.perf_counter()
            try:
                status, _body = get(port, path, timeout=30)
            except OSError as exc:  # timeouts and refused connections count as failures
                failures.append(type(exc).__name__)
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[status] = statuses.get(status, 0) + 1

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    done = len(latencies) + len(failures)
    return {
        "requests": done,
        "rps": done / elapsed,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "5xx": sum(n for s, n in statuses.items() if s >= 500),
        "other": sum(n for s, n in statuses.items() if s != 200 and s < 500) + len(failures),
    }


class Background:
    """Runs a management command again and again until stopped; the last run is interrupted."""

    def __init__(self, site, args):
        self.site, self.args = site, args
        self.stop_event, self.process = threading.Event(), None
        self.completed = self.failed = 0
        self.last_output = ""
        self.thread = threading.Thread(target=self.loop)

    def loop(self):
        while not self.stop_event.is_set():
            self.process = self.site.popen_manage(*self.args)
            output, _ = self.process.communicate()
            if self.stop_event.is_set():
                break
            if self.process.returncode == 0:
                self.completed += 1
            else:
                self.failed += 1
                self.last_output = output[-2000:]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # KeyboardInterrupt: the transaction rolls back
        self.thread.join()


class LockSampler:
    """On SQLite: the share of samples in which a writer held the database's write lock."""

    def __init__(self, path):
        self.path, self.samples, self.held = path, 0, 0
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self.loop)

    def loop(self):
        while not self.stop_event.wait(0.25):
            self.held += sqlite_write_lock_held(self.path)
            self.samples += 1

    def __enter__(self):
        if self.path:
            self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        if self.path:
            self.thread.join()

    def share(self):
        return f"{100 * self.held / self.samples:.0f}%" if self.samples else "-"


def sqlite_write_lock_held(path):
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def wait_until_started(site, phase):
    """Measure from the moment the command works: on SQLite, once the import holds the lock."""
    if phase != "import" or site.sqlite_path is None:
        time.sleep(5)  # past Django's start-up
        return
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not sqlite_write_lock_held(site.sqlite_path):
        time.sleep(0.1)


def print_row(phase, target, concurrency, r, lock=""):
    print(
        f"{phase:<8} {target:<6} {concurrency:>4} {r['requests']:>8} {r['rps']:>8.1f} {r['p50']:>8.0f} "
        f"{r['p95']:>8.0f} {r['p99']:>8.0f} {r['5xx']:>6} {r['other']:>6} {lock:>6}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--records", type=int, default=300, help="synthetic records imported before the load (default 300)"
    )
    parser.add_argument("--duration", type=float, default=10, help="seconds per scenario (default 10)")
    parser.add_argument("--import-batch", type=int, default=60, help="records per import run in the import phase")
    parser.add_argument(
        "--quick", action="store_true", help="--records 40 --duration 3 --import-batch 20 (about 2 minutes)"
    )
    parser.add_argument("--keep", metavar="DIR", help="build the site in DIR and keep it")
    args = parser.parse_args()
    if args.quick:
        args.records, args.duration, args.import_batch = 40, 3, 20

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kb-bench-load-"))
    url = os.environ.get("DATABASE_URL", "")
    pg = PostgresDatabase(url) if url.startswith(("postgres://", "postgresql://")) else None
    site = Site(folder / "site", database_url=pg.url if pg else None, settings="kb.settings.production")
    try:
        started = time.monotonic()
        site.prepare(index=False, static=True)
        print(
            f"database: {'PostgreSQL ' + pg.name if pg else 'SQLite ' + str(site.sqlite_path)}; "
            f"set-up {time.monotonic() - started:.0f} s",
            flush=True,
        )
        if args.records:
            started = time.monotonic()
            site.manage(
                "import_records",
                str(write_records(folder / "records.jsonl", args.records, prefix="bench")),
                "--publish",
                "-v0",
            )
            elapsed = time.monotonic() - started
            print(
                f"import_records: {args.records} records in {elapsed:.0f} s ({args.records / elapsed:.1f} records/s, "
                "one transaction, process start included)",
                flush=True,
            )
        started = time.monotonic()
        site.manage("search_index", "rebuild", "-v0")
        print(f"search_index rebuild: {38 + args.records} records in {time.monotonic() - started:.1f} s", flush=True)
        port = site.start_server(workers=2, threads=4)
        queries = dev_queries()
        targets = {"api": api_paths(queries), "pages": public_paths(port, queries)}
        for paths in targets.values():  # warm both workers' caches and connections
            for path in paths * 2:
                get(port, path)
        batch = write_records(folder / "batch.jsonl", args.import_batch, prefix="bgimport", body_lines=(8, 20))
        print(
            f"gunicorn 127.0.0.1:{port}, 2 workers x 4 threads; api: {len(targets['api'])} queries, "
            f"pages: {len(targets['pages'])} paths; {args.duration:g} s per scenario\n",
            flush=True,
        )
        print(
            f"{'phase':<8} {'target':<6} {'conc':>4} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'p99 ms':>8} {'5xx':>6} {'other':>6} {'lock':>6}"
        )
        phases = [
            ("idle", None),
            ("import", ["import_records", str(batch), "--publish", "-v0"]),
            ("rebuild", ["search_index", "rebuild", "-v0"]),
        ]
        for phase, command in phases:
            background = Background(site, command) if command else None
            if background:
                background.__enter__()
                wait_until_started(site, phase)
            try:
                for target, paths in targets.items():
                    for concurrency in CONCURRENCY:
                        with LockSampler(site.sqlite_path if phase == "import" else None) as sampler:
                            result = run_scenario(port, paths, concurrency, args.duration)
                        print_row(phase, target, concurrency, result, sampler.share() if phase == "import" else "")
            finally:
                if background:
                    background.__exit__()
            if background:
                print(
                    f"  ({phase}: {background.completed} runs completed, {background.failed} failed, "
                    "the last one interrupted)",
                    flush=True,
                )
                if background.failed:
                    print(background.last_output, flush=True)
    finally:
        site.stop_servers()
        if pg is not None:
            pg.drop()
        if not args.keep:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
