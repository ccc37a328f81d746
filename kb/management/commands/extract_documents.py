"""Extract the text of every document waiting for it, then exit (for cron and CI; `make
run` also starts a worker that does this as files arrive). --all extracts every document
again (after an extractor improved)."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from kb.files.tasks import extract_document
from kb.models import FileText
from search.progress import progress_bar


class Command(BaseCommand):
    help = "ดึงข้อความจากไฟล์ที่รออยู่ (extract the text of waiting documents)"

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="extract every document again")

    def handle(self, *args, all, **options):
        documents = get_document_model().objects.order_by("pk")
        if not all:
            done = FileText.objects.exclude(state=FileText.State.WAITING).values("document_id")
            documents = documents.exclude(pk__in=done)
        ids = list(documents.values_list("pk", flat=True))
        progress = progress_bar("ดึงข้อความ", "ไฟล์", total=len(ids), disable=options["verbosity"] == 0 or not ids)
        states = {}
        for document_id in progress(ids):
            file_text = extract_document(document_id, force=all)
            if file_text is not None:
                states[file_text.state] = states.get(file_text.state, 0) + 1
                if file_text.state == FileText.State.FAILED and options["verbosity"]:
                    self.stderr.write(f"ไฟล์ {file_text.document} ({document_id}): {file_text.reason}")
        summary = ", ".join(f"{FileText.State(state).label} {count}" for state, count in sorted(states.items()))
        self.stdout.write(f"ดึงข้อความจาก {len(ids)} ไฟล์ (extracted {len(ids)} files){': ' + summary if summary else ''}")
