"""manage.py import_cabinet_opendata FILE.json [--publish]: the Secretariat's open data
(toP_NAME, meeT_DATE, toP_SERLNO, owner, docNews[]) into CabinetResolutionPage drafts with
attachment links; idempotent, all-or-nothing. See kb.importers.resolutions.import_open_data."""

from django.core.management.base import BaseCommand, CommandError

from kb.files.fetch import fetch_linked_files
from kb.importers import ImportDataError, import_open_data, read_open_data
from kb.importers.resolutions import OPENDATA_ACTION
from search.progress import progress_bar

from .import_resolution import NOTHING_WRITTEN, import_summary, read_bytes, user_named


class Command(BaseCommand):
    help = (
        "Import the Cabinet Secretariat's open data (JSON) as CabinetResolutionPage drafts; "
        "idempotent by meeting date + agenda number (or title), all-or-nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the open-data JSON file, or - for standard input")
        parser.add_argument("--publish", action="store_true", help="publish the pages (default: drafts)")
        parser.add_argument("--user", default="", help="username recorded in the page history as the importer")
        parser.add_argument(
            "--no-fetch-files",
            action="store_true",
            help="keep the docNews links without trying to download the files",
        )
        parser.add_argument(
            "--replace-drafts",
            action="store_true",
            help="replace an editor's unpublished draft of a page (default: refuse)",
        )

    def handle(self, *args, file, publish, user, replace_drafts, no_fetch_files, **options):
        data = read_bytes(file)
        importer = user_named(user)
        progress = progress_bar("นำเข้ามติ ครม.", "รายการ", disable=options["verbosity"] == 0)
        try:
            items = read_open_data(data)
            result = import_open_data(
                items, user=importer, publish=publish, progress=progress, replace_drafts=replace_drafts
            )
        except ImportDataError as exc:
            where = ""
            if getattr(exc, "item", None):
                # The message counts items from 1; people reading the JSON count from 0.
                where = f"\nตำแหน่งในอาร์เรย์ JSON: [{exc.item - 1}] (JSON array index {exc.item - 1})"
            raise CommandError(f"{file}: {exc}{where}\n{NOTHING_WRITTEN}") from None
        self.stdout.write(self.style.SUCCESS(import_summary(result, publish)))

        if no_fetch_files:
            return
        # After the commit: downloading never holds the import's transaction or fails it.
        pages = [outcome.page for outcome in result.outcomes]
        for missed in fetch_linked_files(pages, importer=OPENDATA_ACTION, user=importer, publish=publish):
            self.stderr.write(
                self.style.WARNING(
                    f"ไม่ได้ดาวน์โหลดไฟล์แนบ (file not fetched, link kept) “{missed.page.title}”: {missed.url} — {missed.reason}"
                )
            )
