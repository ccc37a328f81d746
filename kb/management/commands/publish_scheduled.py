"""Wagtail's publish_scheduled, then the legal statuses whose date has come: an
amendment or repeal whose effective date passed since the last run now shows on the
instrument it changes (kb.legal.status.refresh_all), and in the open-data files. The same job (cron or `make run`'s
loop) does both, so nothing has to be scheduled twice."""

from django.db import transaction
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from kb.legal import status
from kb.opendata import files as opendata_files
from kb.opendata import signals as opendata_signals


class Command(WagtailPublishScheduled):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        if options.get("dryrun"):
            return
        with transaction.atomic():
            changed = status.refresh_all()
            if changed:  # no page was published: the open-data files learn it here
                opendata_signals.rebuild_later({"regulation"})
        opendata_files.rebuild_stale()  # the kinds a big import added to
        if changed and options["verbosity"]:
            self.stdout.write(f"สถานะทางกฎหมายเปลี่ยน {changed} ฉบับ (legal status changed on {changed} instruments)")
