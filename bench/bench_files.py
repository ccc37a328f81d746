"""Records with files, end to end: import, background extraction (the worker's code path),
and a search index rebuild with the files' text.

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_files.py [--records 200] [--pages 3]

Builds a fresh demo site in a temporary folder (as bench_import.py does), makes one Thai
text PDF per record (kb.demo_files.build_text_pdf, --pages pages of seed text each, all
different so none is deduplicated), imports the records with `attachments`, runs
`extract_documents` (what the files worker runs per document) and `search_index rebuild`.
Prints records/s for the import, files/s and pages/s for extraction, records/s for the
rebuild with the files' text beside the rebuild without files (the same site's records
before the import), and the characters of file text indexed.
bench/bench_extract.py measures the extractors themselves (pages/s, OCR, CER).
"""

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_import


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--pages", type=int, default=3, help="pages per file")
    parser.add_argument("--settings", default="kb.settings.dev")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kb-bench-files-"))
    bench_import.prepare_environment(folder, None, args.settings)
    from django.core.management import call_command

    from kb import demo_files
    from kb.importers.records import import_records
    from kb.models import FileTextPage, RecordPage
    from search import sync

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", "--no-index", verbosity=0)
    started = time.perf_counter()
    plain = sync.rebuild()
    plain_s = time.perf_counter() - started

    lines, _titles = bench_import._seed_lines()
    rng = random.Random(bench_import.SEED)
    records = bench_import.synthetic_records(args.records, start=10_000_000)
    files = folder / "files"
    files.mkdir()
    started = time.perf_counter()
    for number, record in enumerate(records):
        pages = ["\n".join(rng.sample(lines, 8)) + f"\nเอกสารแนบที่ {number}" for _ in range(args.pages)]
        demo_files.build_text_pdf(files / f"file-{number}.pdf", pages)
        record["attachments"] = [{"file": f"file-{number}.pdf", "title": f"เอกสารแนบ {number}"}]
    build_s = time.perf_counter() - started
    jsonl = files / "records.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")

    started = time.perf_counter()
    import_records(jsonl.read_text(encoding="utf-8").split("\n"), publish=True, base_dir=files)
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    call_command("extract_documents", verbosity=0)
    extract_s = time.perf_counter() - started
    pages = FileTextPage.objects.filter(file_text__document__title__startswith="เอกสารแนบ ").count()
    chars = sum(len(t) for t in FileTextPage.objects.values_list("text", flat=True))
    started = time.perf_counter()
    with_files = sync.rebuild()
    files_s = time.perf_counter() - started

    print(f"# bench_files: {args.records} records, one {args.pages}-page Thai PDF each; folder {folder}")
    print(f"built the PDFs in {build_s:.1f} s")
    print(f"import with attachments: {args.records / import_s:.1f} records/s ({import_s:.1f} s)")
    print(
        f"extraction: {args.records / extract_s:.1f} files/s, {pages / extract_s:.1f} pages/s "
        f"({extract_s:.1f} s, {chars:,} characters of file text)"
    )
    print(f"rebuild without files: {plain} records in {plain_s:.1f} s = {plain / plain_s:.1f} records/s")
    print(
        f"rebuild with files: {with_files} records in {files_s:.1f} s = {with_files / files_s:.1f} records/s "
        f"({RecordPage.objects.count()} records, {args.records} with a file)"
    )


if __name__ == "__main__":
    main()
