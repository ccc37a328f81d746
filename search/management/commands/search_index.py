from django.core.management.base import BaseCommand

from search import sync
from search.backends import get_index


class Command(BaseCommand):
    help = "Manage the public search index: `rebuild` (new index beside the live one, then swap) or `status`."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"])

    def handle(self, *args, action, **options):
        if action == "rebuild":
            count = sync.rebuild(show_progress=options["verbosity"] > 0)
            self.stdout.write(self.style.SUCCESS(f"สร้างดัชนีใหม่แล้ว {count} เอกสาร (rebuilt: {count} documents)"))
            return
        status = get_index().status()
        self.stdout.write(f"backend: {status['backend']}")
        self.stdout.write(f"location: {status['path']}")
        self.stdout.write(f"documents: {status['documents']}")
        self.stdout.write(f"analysis_version: {status['analysis_version']} (current {status['current_analysis_version']})")
        self.stdout.write(f"last_rebuild: {status['built_at'] or 'never'}")
        if status["rebuild_due"]:
            self.stdout.write(self.style.WARNING(
                "ต้องสร้างดัชนีใหม่: รุ่นการวิเคราะห์ข้อความเปลี่ยนไป หรือยังไม่เคยสร้าง — run `manage.py search_index rebuild`"))
        else:
            self.stdout.write("rebuild_due: no")
