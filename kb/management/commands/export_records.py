"""`manage.py export_records [--type TYPE ...] [--since YYYY-MM-DD] [--with-files] FILE.jsonl`:
the records anyone may see, in the format `import_records` reads (kb.opendata.export).

The file is written atomically: into a temporary folder beside it, then renamed over FILE
(and FILE_files/ with --with-files), so a failed export leaves the old file as it was."""

import datetime
import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kb.models import RECORD_MODELS
from kb.opendata.export import count_records, exported_records, record_dict, write_jsonl
from search.progress import progress_bar


def files_folder_name(path):
    """`FILE.jsonl` -> `FILE_files`: the folder beside the JSONL that holds its attachments."""
    return f"{Path(path).stem}_files"


class Command(BaseCommand):
    help = (
        "Export the public records (live, public, unexpired) as JSON Lines in the RECORDS.md format, "
        "ready for import_records; FILE '-' writes to stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.jsonl", help="the file to write, or - for stdout")
        parser.add_argument(
            "--type",
            dest="types",
            action="append",
            nargs="+",
            metavar="TYPE",
            help=f"only these kinds (repeatable): {', '.join(sorted(RECORD_MODELS))}",
        )
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="only records last published on or after this day")
        parser.add_argument(
            "--with-files",
            action="store_true",
            help="copy the public attached files into FILE_files/ beside FILE and list them as attachments",
        )

    def handle(self, *args, file, types, since, with_files, **options):
        types = [t.strip() for group in types or [] for item in group for t in item.split(",") if t.strip()] or None
        if since is not None:
            try:
                since = datetime.date.fromisoformat(since.strip())
            except ValueError:
                raise CommandError(
                    f"วันที่ --since ไม่ถูกต้อง: {since!r} (ต้องเป็น YYYY-MM-DD) (bad --since {since!r}, expected YYYY-MM-DD)"
                ) from None
        try:
            records = exported_records(types, since)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        to_stdout = file == "-"
        if to_stdout and with_files:
            raise CommandError(
                "--with-files ต้องระบุไฟล์ปลายทาง ไม่ใช่ - (--with-files needs a FILE to put FILE_files/ beside)"
            )
        path = None if to_stdout else self.target(file)
        progress = progress_bar("ส่งออก", "รายการ", total=count_records(types, since), disable=options["verbosity"] == 0)
        counter = {"files": 0}

        def dicts(attachments_dir):
            for page in progress(records):
                record = record_dict(page, attachments_dir)
                counter["files"] += len(record.get("attachments", ()))
                yield record

        if to_stdout:
            count = write_jsonl(dicts(None), self.stdout)
        else:
            count = self.write_atomically(path, dicts, with_files)
        summary = f"ส่งออก {count} รายการ ไปยัง {file} (exported {count} records to {file})"
        if with_files:
            folder = path.parent / files_folder_name(path)
            summary += f"; ไฟล์แนบ {counter['files']} ไฟล์ใน {folder} ({counter['files']} attached files in {folder})"
        (sys.stderr if to_stdout else self.stdout).write(summary + "\n")

    def target(self, file):
        path = Path(file)
        if path.is_dir():
            raise CommandError(f"{file} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ ({file} is a directory, not a file)")
        if not path.parent.is_dir():
            raise CommandError(f"ไม่พบโฟลเดอร์ {path.parent} (no such folder: {path.parent})")
        return path

    def write_atomically(self, path, dicts, with_files):
        """Write FILE (and FILE_files/) in a temporary folder beside it, then rename them over
        the old ones; on any error nothing is left but the old files."""
        try:
            with tempfile.TemporaryDirectory(dir=path.parent, prefix=f".{path.name}.") as staging:
                staging = Path(staging)
                files_dir = staging / files_folder_name(path) if with_files else None
                if files_dir is not None:
                    files_dir.mkdir()
                written = staging / path.name
                with written.open("w", encoding="utf-8", newline="\n") as fp:
                    count = write_jsonl(dicts(files_dir), fp)
                    fp.flush()
                    os.fsync(fp.fileno())
                if files_dir is not None:
                    final = path.parent / files_dir.name
                    if final.exists():
                        os.replace(final, staging / "previous-files")  # removed with the staging folder
                    os.replace(files_dir, final)
                os.replace(written, path)
        except OSError as exc:
            raise CommandError(
                f"เขียนไฟล์ {path} ไม่ได้: {exc.strerror or exc} ไม่ได้เขียนอะไรลงไป "
                f"(cannot write {path}: {exc.strerror or exc}; nothing was written)"
            ) from None
        return count
