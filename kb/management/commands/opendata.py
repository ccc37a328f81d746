"""The /opendata/ download files (kb.opendata.files): `opendata rebuild [--type KIND ...]`
writes them now (cron, CI, after a bulk change made without page signals or a legal status
that changed with the date); `opendata status` says what each kind's files hold."""

from django.core.management.base import BaseCommand, CommandError

from kb.opendata import files


class Command(BaseCommand):
    help = "สร้างไฟล์ข้อมูลเปิดใหม่ (rebuild the /opendata/ download files)"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"])
        parser.add_argument("--type", dest="types", nargs="+", choices=files.KINDS, help="only these kinds")

    def handle(self, *args, action, types, **options):
        kinds = types or list(files.KINDS)
        if action == "status":
            for kind in kinds:
                manifest = files.read_manifest(kind)
                if manifest is None:
                    self.stdout.write(f"{kind}: ยังไม่มีไฟล์ (no files yet)")
                else:
                    self.stdout.write(f"{kind}: {manifest['records']} รายการ (records), {manifest['generated_at']}")
            return
        done = files.rebuild(kinds)
        failed = [kind for kind, manifest in done.items() if manifest is None]
        records = sum(manifest["records"] for manifest in done.values() if manifest)
        if options["verbosity"]:
            self.stdout.write(
                f"ไฟล์ข้อมูลเปิด {len(done) - len(failed)} ประเภท {records} รายการ ที่ {files.opendata_dir()} "
                f"({len(done) - len(failed)} kinds, {records} records)"
            )
        if failed:
            raise CommandError(f"สร้างไม่สำเร็จ: {', '.join(failed)} (failed: {', '.join(failed)}; see the log)")
