from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import registry, sync
from search.backends import IndexDamaged, get_index
from search.backends.embedded.index_files import REBUILD_HINT, orphans
from search.models import IndexRebuild
from search.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Manage the public search index: `rebuild` (new index beside the live one, then swap), "
        "`status` (index, cluster health, pending changes) or `sync` (apply the index changes kept "
        "while the index was unavailable; run it from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "sync"])

    def handle(self, *args, action, **options):
        verbose = options["verbosity"] > 0
        if action == "rebuild":
            try:
                count = sync.rebuild(show_progress=verbose)
            except sync.UNAVAILABLE as exc:
                raise CommandError(
                    f"สร้างดัชนีไม่สำเร็จ ดัชนีเดิมยังใช้งานอยู่ (rebuild failed, the live index is unchanged): {exc}"
                ) from exc
            self.stdout.write(self.style.SUCCESS(f"สร้างดัชนีใหม่แล้ว {count} เอกสาร (rebuilt: {count} documents)"))
            return
        if action == "sync":
            return self.sync(verbose)
        self.status()

    def sync(self, verbose):
        changes, pages = sync.pending_count()
        if not changes:
            if verbose:
                self.stdout.write("ไม่มีการปรับปรุงดัชนีที่ค้างอยู่ (nothing pending)")
            return
        progress = progress_bar("ปรับปรุงดัชนี", "หน้า") if verbose else None
        try:
            applied = sync.apply_pending(progress=progress)
        except sync.UNAVAILABLE as exc:
            left, left_pages = sync.pending_count()
            hint = f"\n{REBUILD_HINT}" if isinstance(exc, IndexDamaged) else ""
            raise CommandError(
                f"ดัชนีค้นหายังใช้งานไม่ได้ ยังค้าง {left_pages} หน้า "
                f"(search index unavailable, {left_pages} page(s) still pending): {exc}{hint}"
            ) from exc
        left, left_pages = sync.pending_count()
        self.stdout.write(
            self.style.SUCCESS(
                f"ปรับปรุงดัชนีแล้ว {applied} หน้า (applied pending changes for {applied} page(s)); pending: {left_pages}"
            )
        )

    def status(self):
        changes, pages = sync.pending_count()
        try:
            status = get_index().status()
        except sync.UNAVAILABLE as exc:
            self.stdout.write(f"backend: {'elasticsearch' if settings.ELASTICSEARCH_URL else 'embedded'}")
            self.stdout.write(f"pending_changes: {changes} (pages: {pages})")
            self.rebuilds_and_leftovers()
            if isinstance(exc, IndexDamaged):
                raise CommandError(
                    f"ดัชนีค้นหาหายไปหรือเสียหาย (the search index is missing or damaged): {exc}\n{REBUILD_HINT}"
                ) from exc
            raise CommandError(f"ดัชนีค้นหาใช้งานไม่ได้ (search index unavailable): {exc}") from exc
        self.stdout.write(f"backend: {status['backend']}")
        self.stdout.write(f"location: {status['path']}")
        if "cluster_health" in status:
            self.stdout.write(
                f"cluster: {status['cluster']} health {status['cluster_health']}, {status['nodes']} node(s)"
            )
            if status.get("index"):
                self.stdout.write(f"index: {status['index']} health {status.get('index_health')}")
        self.stdout.write(f"documents: {status['documents']}")
        self.stdout.write(
            f"analysis_version: {status['analysis_version']} (current {status['current_analysis_version']})"
        )
        self.stdout.write(
            f"document_version: {status['document_version']} (current {status['current_document_version']})"
        )
        self.stdout.write(f"last_rebuild: {status['built_at'] or 'never'}")
        line = f"pending_changes: {changes} (pages: {pages})"
        self.stdout.write(self.style.WARNING(line + " — run `manage.py search_index sync`") if changes else line)
        if status["rebuild_due"]:
            self.stdout.write(
                self.style.WARNING(
                    "ต้องสร้างดัชนีใหม่: รุ่นการวิเคราะห์ข้อความหรือรูปแบบเอกสารเปลี่ยนไป หรือยังไม่เคยสร้าง "
                    "(rebuild due: the analysis or the document shape changed, or never built) "
                    "— run `manage.py search_index rebuild`"
                )
            )
        else:
            self.stdout.write("rebuild_due: no")
        self.rebuilds_and_leftovers()

    def rebuilds_and_leftovers(self):
        source_status = registry.get_source().status
        for label, count in (source_status() if source_status else {}).items():
            self.stdout.write(f"{label}: {count}")
        for rebuild in IndexRebuild.running():
            self.stdout.write(
                f"rebuild_running: pid {rebuild.pid} on {rebuild.host} since "
                f"{rebuild.started_at:%Y-%m-%d %H:%M:%S} (changes made meanwhile are replayed)"
            )
        if settings.ELASTICSEARCH_URL:
            return
        leftovers = orphans(settings.SEARCH_INDEX_PATH)
        if leftovers:
            size = sum(file.stat().st_size for file in leftovers if file.exists())
            self.stdout.write(
                self.style.WARNING(
                    f"leftover_files: {len(leftovers)} ({size / 1e6:.1f} MB) ไฟล์ค้างจากการสร้างดัชนีที่ถูกหยุดกลางคัน "
                    f"การสร้างดัชนีครั้งถัดไปจะลบให้ (left by a killed rebuild; the next rebuild removes them): "
                    + ", ".join(str(file) for file in leftovers)
                )
            )
