"""The /opendata/ files follow the records: a record published, unpublished (expiry too:
publish_scheduled unpublishes), deleted or moved, or a view restriction on pages or
collections added or removed, marks the kinds it can change; after the commit the marked
kinds are written again (kb.opendata.files.rebuild), each once per transaction however many
records it touched (an import of a thousand records rebuilds each kind once).

The kinds wait on the connection, as kb.legal.citations.refresh_later's ids do: every mark
queues an on_commit callback and the first to run takes them all. Kinds left by a rolled
back transaction are rebuilt with the next ones, which is harmless.

connect() is called from KbConfig.ready(); it is idempotent (dispatch_uid)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from kb.models import RECORD_MODELS, RecordPage

PENDING = "kb_opendata_pending"


def kinds_with_links(kinds):
    """A regulation's visibility also changes the resolutions that name it (their
    related_regulations list only visible regulations)."""
    kinds = {kind for kind in kinds if kind in RECORD_MODELS}
    if "regulation" in kinds:
        kinds.add("cabinet_resolution")
    return kinds


# A transaction that publishes more records than this (an import) and hides nothing leaves
# the rebuild to the scheduler (publish_scheduled, every minute): the import does not pay
# for a full export of its kinds. Anything that can hide a record rebuilds at once.
DEFERRED_AFTER = 50


def rebuild_later(kinds, published=False):
    kinds = kinds_with_links(kinds)
    if not kinds:
        return
    connection = transaction.get_connection()
    pending = connection.__dict__.setdefault(PENDING, {"kinds": set(), "published": 0, "hides": False})
    pending["kinds"].update(kinds)
    if published:
        pending["published"] += 1
    else:
        pending["hides"] = True
    transaction.on_commit(lambda: flush(connection))


def flush(connection):
    from . import files

    pending = connection.__dict__.pop(PENDING, None)
    if not pending or not pending["kinds"]:
        return
    if pending["hides"] or pending["published"] <= DEFERRED_AFTER:
        files.rebuild(pending["kinds"])
    else:
        files.mark_stale(pending["kinds"])


def _kind_of(page):
    """The record kind of any Page instance, also the base-class rows a delete cascades
    through (their content type names the specific class)."""
    kind = getattr(page, "record_type", "")
    if not kind and isinstance(page, Page):
        try:
            kind = getattr(page.specific_class, "record_type", "") or ""
        except Exception:  # a content type already gone
            kind = ""
    return kind


def subtree_kinds(page):
    """The kinds of the records at or below page (every kind when the page is gone)."""
    if page is None:
        return set(RECORD_MODELS)
    models = {model: kind for kind, model in RECORD_MODELS.items()}
    records = RecordPage.objects.descendant_of(page, inclusive=True)
    kinds = set()
    for content_type_id in records.values_list("content_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model in models:
            kinds.add(models[model])
    return kinds


def _record_published(sender, instance, **kwargs):
    rebuild_later({_kind_of(instance)}, published=True)


def _record_changed(sender, instance, **kwargs):
    rebuild_later({_kind_of(instance)})


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        rebuild_later({_kind_of(instance)})


def _page_restriction(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:  # deleted with its page
        page = None
    rebuild_later(subtree_kinds(page))


def _collection_restriction(sender, instance, **kwargs):
    rebuild_later(RECORD_MODELS)  # the CSV lists only files anyone may download


def _document_changed(sender, instance, **kwargs):
    # moved into a private collection, replaced or deleted: the CSV lists file URLs
    if not kwargs.get("raw"):
        rebuild_later(RECORD_MODELS)


def _moved(sender, instance, **kwargs):
    rebuild_later(subtree_kinds(instance))  # its URL, and perhaps now under a restriction


def connect():
    page_published.connect(_record_published, dispatch_uid="kb-opendata-published")
    page_unpublished.connect(_record_changed, dispatch_uid="kb-opendata-unpublished")
    post_delete.connect(_deleted, dispatch_uid="kb-opendata-deleted")
    post_page_move.connect(_moved, dispatch_uid="kb-opendata-moved")
    for model, handler in _watched():
        name = model.__name__.lower()
        post_save.connect(handler, sender=model, dispatch_uid=f"kb-opendata-{name}-saved")
        post_delete.connect(handler, sender=model, dispatch_uid=f"kb-opendata-{name}-deleted")


def _watched():
    from wagtail.documents import get_document_model

    return (
        (PageViewRestriction, _page_restriction),
        (CollectionViewRestriction, _collection_restriction),
        (get_document_model(), _document_changed),
    )


def is_connected():
    return any(key[0] == "kb-opendata-published" for key, *_ in page_published.receivers)


def disconnect():
    """Undo connect() (tests that connected it themselves)."""
    page_published.disconnect(dispatch_uid="kb-opendata-published")
    page_unpublished.disconnect(dispatch_uid="kb-opendata-unpublished")
    post_delete.disconnect(dispatch_uid="kb-opendata-deleted")
    post_page_move.disconnect(dispatch_uid="kb-opendata-moved")
    for model, _handler in _watched():
        name = model.__name__.lower()
        post_save.disconnect(sender=model, dispatch_uid=f"kb-opendata-{name}-saved")
        post_delete.disconnect(sender=model, dispatch_uid=f"kb-opendata-{name}-deleted")
