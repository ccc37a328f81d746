"""Delete complaints closed longer ago than the retention period (COMPLAINTS_RETENTION_DAYS,
5 years by default, or --days): their content, notes and evidence files go; an anonymous
count per year received and final status stays (ComplaintTally). Run daily from cron."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from complaints import storage
from complaints.models import Complaint, ComplaintTally, EvidenceFile, Throttle
from complaints.services import log_maintenance
from complaints.throttle import KEEP


class Command(BaseCommand):
    help = "Delete complaints closed more than the retention period ago; keep an anonymous count."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="retention after closing, in days")
        parser.add_argument("--dry-run", action="store_true", help="only say how many would go")

    def handle(self, *args, days, dry_run, **options):
        days = settings.COMPLAINTS_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        due = Complaint.objects.filter(status=Complaint.Status.CLOSED, closed_at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"{due.count()} complaints closed before {cutoff:%Y-%m-%d} would be deleted")
            return
        stored_names = []
        with transaction.atomic():
            rows = list(due.values_list("pk", "received_at", "status"))
            for _pk, received_at, status in rows:
                year = timezone.localtime(received_at).year
                tally, _ = ComplaintTally.objects.get_or_create(year=year, status=status)
                ComplaintTally.objects.filter(pk=tally.pk).update(count=F("count") + 1)
            ids = [pk for pk, _received, _status in rows]
            stored_names = list(EvidenceFile.objects.filter(complaint_id__in=ids).values_list("stored_name", flat=True))
            Complaint.objects.filter(pk__in=ids).delete()  # notes and evidence rows cascade
            Throttle.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
            # In the same transaction: an entry exactly when the deletion happened.
            log_maintenance(
                "purge_complaints",
                "complaints.purge",
                {"complaints": len(ids), "files": len(stored_names), "days": days, "closed_before": cutoff.isoformat()},
            )
        # The files after the commit: a failed transaction must not leave rows without files.
        for stored_name in stored_names:
            storage.delete(stored_name)
        self.stdout.write(
            self.style.SUCCESS(
                f"deleted {len(ids)} complaints closed before {cutoff:%Y-%m-%d} ({len(stored_names)} files)"
            )
        )
