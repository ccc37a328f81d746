"""Extracting the text of a document in the background (the "files" task backend: a
database queue, see settings.TASKS), never in the request that uploaded or imported it.

A document saved with new content (its file hash changed) gets a WAITING FileText and a
queued extraction once the transaction commits. The extraction stores the pages' text,
or the reason it failed, and updates the public index of the records using the file. A
bad file never stops the worker: the FileText says why, and the next task runs."""

import logging
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.db import transaction
from django.db.models.signals import post_save
from django.tasks import task
from django.utils import timezone
from wagtail.documents import get_document_model

from search import sync

from ..extraction import ExtractionError, Limits, extract
from ..models import FileText, FileTextPage
from .access import records_using

logger = logging.getLogger(__name__)


@task(backend="files", queue_name="files")
def extract_file_text(document_id):
    extract_document(document_id)


def extract_document(document_id, force=False):
    """Extract one document now (the task's body; also `manage.py extract_documents`).
    Returns its FileText, or None when the document is gone. Already extracted for the
    same content: nothing to do, unless force."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    file_text, _ = FileText.objects.get_or_create(document=document)
    content_hash = document.get_file_hash()
    if not force and file_text.state != FileText.State.WAITING and file_text.file_hash == content_hash:
        return file_text
    pages, failure = [], ""
    try:
        with local_path(document) as path:
            result = extract(path, limits=Limits.from_settings())
    except ExtractionError as exc:
        failure = str(exc)
    except Exception as exc:  # a file no extractor foresaw: say so, let the worker go on
        logger.exception("extracting document %s", document.pk)
        failure = f"ดึงข้อความไม่ได้เพราะข้อผิดพลาดที่ไม่คาดคิด (unexpected error): {type(exc).__name__}: {exc}"
    else:
        pages = [FileTextPage(number=p.number, text=p.text, source=p.source) for p in result.pages]
    with transaction.atomic():
        file_text = FileText.objects.select_for_update().get(pk=file_text.pk)
        file_text.pages.all().delete()
        file_text.file_hash, file_text.extracted_at = content_hash, timezone.now()
        if failure:
            file_text.state, file_text.reason = FileText.State.FAILED, failure[:2000]
        else:
            for page in pages:
                page.file_text = file_text
            FileTextPage.objects.bulk_create(pages)
            file_text.state = FileText.State.OCR if result.ocr_used else FileText.State.EXTRACTED
            file_text.reason = ""
            file_text.kind, file_text.page_count, file_text.language = result.kind, result.page_count, result.language
        file_text.save()
    # The records using the file are indexed again with its text (or without it)
    transaction.on_commit(lambda: sync.sync_pages(list(records_using(document).specific())))
    return file_text


@contextmanager
def local_path(document):
    """A path to the document's content: its file on local storage, else a temporary copy."""
    try:
        yield Path(document.file.path)
        return
    except NotImplementedError:
        pass
    with tempfile.NamedTemporaryFile(suffix=Path(document.file.name).suffix) as copy:
        with document.open_file() as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                copy.write(chunk)
        copy.flush()
        yield Path(copy.name)


def queue_extraction(sender, instance, **kwargs):
    """post_save of a document: new content -> WAITING, and an extraction after the commit."""
    if kwargs.get("raw") or not instance.file:
        return
    content_hash = instance.file_hash or instance.get_file_hash()
    file_text, created = FileText.objects.get_or_create(document=instance)
    if not created and file_text.file_hash == content_hash and file_text.state != FileText.State.WAITING:
        return
    FileText.objects.filter(pk=file_text.pk).update(state=FileText.State.WAITING, reason="")
    transaction.on_commit(lambda: extract_file_text.enqueue(instance.pk))


def connect():
    post_save.connect(queue_extraction, sender=get_document_model(), dispatch_uid="kb-files-queue-extraction")
