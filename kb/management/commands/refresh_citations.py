"""Find the legal citations of every live record again and resolve them (after the
citation rules improved, or to fill a site imported before they existed)."""

from django.core.management.base import BaseCommand

from kb.legal import citations
from kb.models import Citation
from search.progress import progress_bar


class Command(BaseCommand):
    help = "หาการอ้างอิงกฎหมายในเอกสารทั้งหมดใหม่ (find every record's legal citations again)"

    def handle(self, *args, **options):
        progress = progress_bar("หาการอ้างอิง", "เอกสาร", disable=options["verbosity"] == 0)
        count = citations.refresh_all(progress)
        found = Citation.objects.count()
        waiting = Citation.objects.filter(target=None).count()
        self.stdout.write(
            f"{count} เอกสาร พบการอ้างอิง {found} รายการ ยังไม่มีในคลัง {waiting} "
            f"({count} records, {found} citations, {waiting} unresolved)"
        )
