"""Speed and memory of `manage.py export_records FILE.jsonl` as the site grows.

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_export.py [--records 20000] [--batch 1000]
        [--keep DIR] [--settings kb.settings.dev] [--with-files]

1. builds a fresh site in a temporary folder as bench/bench_import.py does (its
   prepare_environment: SQLite DATABASE_URL, KB_VAR_DIR, SEARCH_INDEX_PATH, MEDIA_ROOT in the
   folder; `migrate`, `load_demo --no-index`), then imports N/4 of its synthetic records
   (bench_import.synthetic_records, published, with the real importer);
2. exports the site in a fresh child process (`export_records FILE`; so the peak RSS is the
   export's own: VmHWM, else resource.getrusage) and prints records, seconds, records/s, the
   peak RSS once Django has started and the peak RSS at the end of the export;
3. imports the remaining 3N/4 records and exports again: with a streamed export the peak RSS
   stays about the same at N as at N/4, and records/s does not fall.
--keep DIR keeps the site (and the exports) in DIR.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import bench_import  # noqa: E402  (the same synthetic records and site set-up)


def rss_mb():
    """Peak RSS of this process in MB. Linux keeps getrusage's ru_maxrss across fork + exec
    (a child starts with its parent's peak), so the peak of the process's own memory
    (VmHWM, reset by exec) is read first; resource.getrusage where /proc has none."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(folder, settings, output, with_files):
    """Run in the child process: one export, its figures as a JSON line on stdout."""
    bench_import.prepare_environment(folder, None, settings)
    from django.core.management import call_command

    started_rss = rss_mb()
    started = time.perf_counter()
    args = [str(output)] + (["--with-files"] if with_files else [])
    call_command("export_records", *args, verbosity=0, stdout=io.StringIO())
    seconds = time.perf_counter() - started
    records = sum(1 for line in output.open(encoding="utf-8") if line.strip())
    print(json.dumps({"records": records, "seconds": seconds, "rss_start": started_rss, "rss_peak": rss_mb()}))


def export_in_child(folder, settings, with_files):
    output = folder / "export" / "records.jsonl"
    output.parent.mkdir(exist_ok=True)
    command = [sys.executable, __file__, "--child", str(folder), "--settings", settings, "--output", str(output)]
    done = subprocess.run(
        command + (["--with-files"] if with_files else []), capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"export failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_records(records, batch, folder):
    from django.core.management import call_command

    started = time.perf_counter()
    for path in bench_import.write_batches(records, batch, folder):
        call_command("import_records", str(path), publish=True, verbosity=0, stdout=io.StringIO())
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000, help="synthetic records on the site at the end")
    parser.add_argument("--batch", type=int, default=1_000, help="records per import file (default 1000)")
    parser.add_argument("--keep", metavar="DIR", help="build the site in DIR (created) and keep it")
    parser.add_argument("--settings", default="kb.settings.dev")
    parser.add_argument("--with-files", action="store_true", help="export with --with-files")
    parser.add_argument("--child", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child), args.settings, Path(args.output), args.with_files)
        return

    folder = Path(args.keep or tempfile.mkdtemp(prefix="kb-bench-export-")).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        bench_import.prepare_environment(folder, None, args.settings)
        from django.core.management import call_command

        print(
            f"# bench_export: {args.records} synthetic records (+ the 38 demo ones); SQLite in {folder}; "
            f"Python {platform.python_version()}, {os.cpu_count()} cores"
        )
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo", no_index=True, verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
        records = bench_import.synthetic_records(args.records)
        quarter = max(1, args.records // 4)
        print(
            f"{'site records':>12} {'import s':>9} {'exported':>9} {'export s':>9} {'records/s':>10} "
            f"{'RSS start MB':>12} {'RSS peak MB':>11} {'peak - start':>12}"
        )
        for part, chunk in enumerate((records[:quarter], records[quarter:]), start=1):
            imported = import_records(chunk, args.batch, folder / f"records-{part}")
            result = export_in_child(folder, args.settings, args.with_files)
            print(
                f"{result['records']:>12} {imported:>9.1f} {result['records']:>9} {result['seconds']:>9.1f} "
                f"{result['records'] / result['seconds']:>10.1f} {result['rss_start']:>12.1f} "
                f"{result['rss_peak']:>11.1f} {result['rss_peak'] - result['rss_start']:>12.1f}",
                flush=True,
            )
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
