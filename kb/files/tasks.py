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
from django.db.models.signals import post_delete, post_save, pre_delete
from django.tasks import task
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

from search import sync

from ..extraction import ExtractionError, Limits, extract
from ..legal import citations
from ..models import FileText, FileTextPage, RecordPage
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
        current = get_document_model().objects.filter(pk=document_id).values_list("file_hash", flat=True).first()
        if current != content_hash:  # replaced while this ran: its own extraction is queued
            return file_text
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
    resync_records_of([document])  # indexed again with its text (or without it)
    return file_text


def resync_records_of(documents):
    """After the commit, the public index entries and the citations of the records using
    these documents are made again (their file text, title or privacy changed)."""
    documents = list(documents)

    def resync():
        pages = [page for d in documents for page in records_using(d).specific()]
        sync.sync_pages(pages)
        citations.refresh(pages)  # the files' text is theirs too

    transaction.on_commit(resync)


@contextmanager
def local_path(document):
    """A path to the document's content: its file on local storage, else a temporary copy."""
    try:
        path = Path(document.file.path)
    except NotImplementedError:  # remote storage
        path = None
    if path is not None:
        yield path
        return
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
        resync_records_of([instance])  # same content; its title or collection may have changed
        return
    FileText.objects.filter(pk=file_text.pk).update(state=FileText.State.WAITING, reason="")
    resync_records_of([instance])  # the old content's text leaves the index now
    transaction.on_commit(lambda: extract_file_text.enqueue(instance.pk))


def forget_deleted(sender, instance, **kwargs):
    """pre_delete of a document: its records are indexed again without it, after the
    commit (by then Wagtail has removed the references, so collect the records now)."""
    pages = list(records_using(instance).specific())
    transaction.on_commit(lambda: sync.sync_pages([p for p in pages if RecordPage.objects.filter(pk=p.pk).exists()]))


def collection_privacy_changed(sender, instance, **kwargs):
    """A collection's view restriction added or removed: its files (and those of the
    collections below it) leave or rejoin the index of the records using them."""
    collections = instance.collection.get_descendants(inclusive=True)
    resync_records_of(get_document_model().objects.filter(collection__in=collections))


def connect():
    post_save.connect(queue_extraction, sender=get_document_model(), dispatch_uid="kb-files-queue-extraction")
    pre_delete.connect(forget_deleted, sender=get_document_model(), dispatch_uid="kb-files-forget-deleted")
    for signal in (post_save, post_delete):
        signal.connect(collection_privacy_changed, sender=CollectionViewRestriction, dispatch_uid=f"kb-files-{signal}")
