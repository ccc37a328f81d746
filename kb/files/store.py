"""Files from disk into Wagtail documents (importers, the demo): one document per content,
so importing the same file again (same SHA-1, Wagtail's file_hash) reuses it."""

from pathlib import Path

from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

RECORD_FILES_COLLECTION = "ไฟล์แนบของเอกสาร"


def record_files_collection():
    """The collection imported record files go in (made under the root on first use)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=RECORD_FILES_COLLECTION).first()
    return existing or root.add_child(name=RECORD_FILES_COLLECTION)


def document_from_file(path, title, user=None):
    """The document holding the content of `path`: an existing one with the same content,
    else a new one (its text is then extracted in the background, kb.files.tasks)."""
    path = Path(path)
    Document = get_document_model()
    with path.open("rb") as handle:
        content_hash = hash_filelike(handle)
        existing = Document.objects.filter(file_hash=content_hash).order_by("pk").first()
        if existing is not None:
            return existing
        handle.seek(0)
        document = Document(title=(title or path.stem)[:255], collection=record_files_collection())
        document.uploaded_by_user = user
        document.file.save(path.name, File(handle), save=False)
    document.file_size, document.file_hash = path.stat().st_size, content_hash
    document.save()
    return document
