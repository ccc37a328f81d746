from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kb.importers import ImportDataError, import_records
from search.progress import progress_bar

from .import_resolution import NOTHING_WRITTEN, import_summary


class Command(BaseCommand):
    help = "Import records (JSON Lines, RECORDS.md format) as pages; idempotent by identifier, all-or-nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a .jsonl file")
        parser.add_argument("--publish", action="store_true", help="publish the imported pages (default: drafts)")
        parser.add_argument(
            "--replace-drafts",
            action="store_true",
            help="replace an editor's unpublished draft of a page (default: refuse the import)",
        )

    def handle(self, *args, file, publish, replace_drafts, **options):
        path = Path(file)
        if path.is_dir():
            raise CommandError(f"{file} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ .jsonl ({file} is a directory, not a file)")
        try:
            # Only "\n" ends a JSON line: splitlines() would also cut at U+2028, U+0085… inside strings.
            lines = path.read_text(encoding="utf-8-sig").split("\n")
        except FileNotFoundError:
            raise CommandError(f"ไม่พบไฟล์ {file} (file not found)") from None
        except UnicodeDecodeError as exc:
            raise CommandError(f"ไฟล์ไม่ใช่ UTF-8 ที่ไบต์ {exc.start} (file is not UTF-8 text)") from None
        except OSError as exc:  # no permission, a device, an I/O error…
            raise CommandError(f"อ่านไฟล์ {file} ไม่ได้: {exc.strerror} (cannot read the file)") from None
        progress = progress_bar("นำเข้า", "รายการ", disable=options["verbosity"] == 0)
        try:
            result = import_records(
                lines, publish=publish, progress=progress, replace_drafts=replace_drafts, base_dir=path.parent
            )
        except ImportDataError as exc:
            raise CommandError(f"{exc}\n{NOTHING_WRITTEN}") from None
        self.stdout.write(self.style.SUCCESS(import_summary(result, publish)))
