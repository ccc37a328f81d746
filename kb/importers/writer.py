"""One writer for every importer: create or revise a record page under its index page,
publish it or leave it a draft, respect page locks, record the import in the page history,
and never drop an editor's unpublished draft silently.

The draft rule: a page whose latest revision is newer than its live one (or that was never
published) holds a draft. A draft the importers wrote themselves (its history entry carries
`importer`) is revised as usual; anyone else's makes the import refuse that page, naming
it, unless `replace_drafts` is given, and then the history entry says which draft went.

Speed: inside `deferred_indexing()` Wagtail's admin search index and reference index are
not updated on each of the three saves per page; each page saved is indexed once at the
end, still inside the import's transaction, and the public index receives the pages
published in one batch after the commit (search.signals.batched_sync). Only the importing
thread is affected. With `prevalidated` (the importer checked every field through the
model fields and built the body blocks itself) Wagtail's full page validation is reduced to
its title/slug checks (Page.minimal_clean), and history entries are written in bulk
(PageWriter.flush).
"""

import contextvars
import functools
import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.locks import BasicLock, ScheduledForPublishLock
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published, published

from search.backends.wagtail_admin import one_title_norm_refresh
from search.parallel import prime
from search.signals import batched_sync

from .errors import ImportDataError, save_error

IMPORTER_KEY = "importer"
# The Secretariat importers' own entries (older ones carry no IMPORTER_KEY).
SECRETARIAT_ACTIONS = ("kb.import_resolution", "kb.import_cabinet_opendata")


# ----------------------------------------------------------------------------- indexing once

_pending = contextvars.ContextVar("kb_import_pending_index", default=None)
_guard_lock = threading.Lock()
_guard_installed = False


def _index_on_save(instance, **kwargs):
    """modelsearch's post_save handler, unless this context is importing (then collect)."""
    from modelsearch.signal_handlers import post_save_signal_handler

    pending = _pending.get()
    if pending is not None and not kwargs.get("raw"):
        pending[(type(instance), instance.pk)] = instance
        return
    post_save_signal_handler(instance=instance, **kwargs)


def _install_index_guard():
    """Swap modelsearch's receiver for _index_on_save, once per process; other threads and
    requests index on save exactly as before (the check is a context variable)."""
    global _guard_installed
    with _guard_lock:
        if _guard_installed:
            return
        from modelsearch import index as model_index
        from modelsearch.signal_handlers import post_save_signal_handler

        for model in model_index.get_indexed_models():
            if post_save.disconnect(post_save_signal_handler, sender=model):
                post_save.connect(_index_on_save, sender=model, dispatch_uid="kb-import-index-guard")
        _guard_installed = True


def _index_now(pending):
    """Index each page saved in the block once, as it was last saved; the analyses are made
    first, in worker processes when there are many, and reused by the public index."""
    from modelsearch.backends import get_search_backends

    by_model = {}
    for (model, _pk), instance in pending.items():
        by_model.setdefault(model, []).append(instance)
    prime(page.search_texts() for pages in by_model.values() for page in pages if hasattr(page, "search_texts"))
    with one_title_norm_refresh():
        for model, objects in by_model.items():
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, objects)
            if issubclass(model, Page):
                for page in objects:
                    ReferenceIndex.create_or_update_for_object(page)


@contextmanager
def deferred_indexing():
    """Admin search and reference index updated once per saved page, when the block ends."""
    if _pending.get() is not None:  # nested: the outer block indexes
        yield
        return
    _install_index_guard()
    pending = {}
    token = _pending.set(pending)
    with disable_reference_index_auto_update(), batched_sync():
        try:
            yield
        finally:
            _pending.reset(token)
        _index_now(pending)  # inside batched_sync: its analyses serve the public index too


# ----------------------------------------------------------------------------- helpers


def admin_edit_url(page):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])


def describe(page):
    # draft_title: the title as the editor's latest revision has it, the one they know
    return f"“{page.draft_title or page.title}” [{getattr(page, 'identifier', '') or page.pk}] {admin_edit_url(page)}"


def _raw(blocks):
    return json.dumps([(b["type"], b["value"]) for b in blocks], sort_keys=True, default=str)


def _row_values(row):
    """A child row's own values (not its id, parent or order), to compare rows."""
    skip = {"id", "sort_order"} | {f.name for f in row._meta.fields if getattr(f.remote_field, "parent_link", False)}
    return tuple(getattr(row, f.attname) for f in row._meta.concrete_fields if f.name not in skip and f.name != "page")


def same_content(page, fields, subjects=None, subject_names=None):
    """True when writing `fields` (and `subjects`) to `page` would change nothing."""
    for name, value in fields.items():
        current = getattr(page, name)
        if isinstance(value, list) and hasattr(current, "all"):  # child rows (relations)
            if [_row_values(r) for r in current.all()] != [_row_values(r) for r in value]:
                return False
        elif hasattr(current, "raw_data"):  # a StreamField: compare block types and values
            if _raw(current.raw_data) != _raw(value if isinstance(value, list) else value.raw_data):
                return False
        elif current != value:
            return False
    if subjects is None:
        return True
    names = subject_names if subject_names is not None else list(page.subjects.names())
    return sorted(names) == sorted(subjects)


@contextmanager
def _prevalidated(page):
    """Save `page` (add_child) with only Wagtail's title/slug checks and without its own
    "wagtail.create" entry (the writer writes that one, pointing at the revision)."""
    page.full_clean = page.minimal_clean
    page.save = partial(type(page).save, page, log_action=None)
    try:
        yield
    finally:
        del page.full_clean, page.save


@functools.cache
def _child_relation_names(model):
    return tuple(relation.get_accessor_name() for relation in get_all_child_relations(model))


@dataclass
class Written:
    page: Page
    created: bool
    revision: object = None  # None: the page already held everything (nothing written)
    published: bool = False
    replaced_draft: int | None = None  # the editor's draft revision this import replaced


class PageWriter:
    """Writes pages for one import (one transaction, opened by the caller)."""

    def __init__(self, importer, *, user=None, publish=False, replace_drafts=False, prevalidated=False):
        self.importer, self.user, self.publish, self.replace_drafts = importer, user, publish, replace_drafts
        self.prevalidated = prevalidated
        self._entries = [] if prevalidated else None  # history entries for flush()
        self._last_child_path = {}  # parent pk -> path of its last child (see _add_child)

    def _add_child(self, parent, page):
        """treebeard's add_child without its per-page lookups: the parent row is locked and
        its last child read once per import, each new page takes the next path, and the
        page knows its parent, its locale and that it is no site root (Page.save would
        query all three)."""
        last = self._last_child_path.get(parent.pk)
        if last is None:
            locked = Page.objects.select_for_update().get(pk=parent.pk)
            last_child = locked.get_last_child()
            last = last_child.path if last_child else ""
            parent.numchild = locked.numchild
        page.depth = parent.depth + 1
        # Page(path=…)._inc_path() raises treebeard's PathOverflow past the last step
        page.path = Page(path=last)._inc_path() if last else Page._get_path(parent.path, page.depth, 1)
        page._cached_parent_obj, page._is_site_root = parent, False
        if page.locale_id is None:
            page.locale_id = parent.locale_id
        # Its comments, links and tags: those given, or none (an unsaved page's are in memory)
        children = {name: list(getattr(page, name).all()) for name in _child_relation_names(type(page))}
        page.save()
        for name, items in children.items():  # kept in memory, so that the revision, the
            setattr(page, name, items)  # reference index and the search indexes need not ask
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        parent.numchild += 1
        self._last_child_path[parent.pk] = page.path

    # -- history
    def _entry(self, page, action, revision, data=None):
        """A page history entry (as wagtail.log_actions.log writes it); in bulk when prevalidated."""
        if self._entries is None:
            log(instance=page, action=action, user=self.user, revision=revision, content_changed=True, data=data)
            return
        context = get_active_log_context()
        self._entries.append(
            PageLogEntry(
                content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
                page_id=page.pk,
                label=page.get_admin_display_title(),
                action=action,
                timestamp=timezone.now(),
                data=data or {},
                user=self.user or context.user,
                uuid=context.uuid,
                revision=revision,
                content_changed=True,
            )
        )

    def flush(self):
        """Write the history entries kept so far (call before the transaction ends)."""
        if self._entries:
            PageLogEntry.objects.bulk_create(self._entries, batch_size=500)
            self._entries.clear()

    # -- the rules, checked before anything is written to a page
    def _import_made(self, page):
        self.flush()
        return (
            PageLogEntry.objects.filter(page_id=page.pk, revision_id=page.latest_revision_id)
            .filter(Q(data__has_key=IMPORTER_KEY) | Q(action__in=SECRETARIAT_ACTIONS))
            .exists()
        )

    def start_from(self, page, where):
        """(the instance the new revision starts from, the editor draft it replaces or None).
        Raises ImportDataError for a locked page or an editor's draft (without replace_drafts)."""
        lock = page.get_lock()
        if isinstance(lock, (BasicLock, ScheduledForPublishLock)) and (self.user is None or lock.for_user(self.user)):
            raise ImportDataError(
                f"หน้า {describe(page)} ถูกล็อกอยู่ ปลดล็อกก่อนนำเข้า",
                f"page {describe(page)} is locked; unlock it before importing",
                field="identifier",
                **where,
            )
        if not page.has_unpublished_changes or not page.latest_revision_id:
            return page, None
        if self._import_made(page):  # our own draft: carry on from it
            return page.get_latest_revision_as_object(), None
        if not self.replace_drafts:
            raise ImportDataError(
                f"หน้า {describe(page)} มีฉบับร่างที่ยังไม่เผยแพร่ซึ่งการนำเข้าจะเขียนทับ — "
                "เผยแพร่หรือทิ้งฉบับร่างก่อน หรือใช้ --replace-drafts เพื่อแทนที่",
                f"page {describe(page)} has an unpublished draft the import would overwrite; publish or "
                "discard it first, or use --replace-drafts to replace it",
                field="identifier",
                **where,
            )
        return page, page.latest_revision_id

    def current(self, page):
        """The version of `page` a new revision would start from (to work out what changes)."""
        if (
            page.has_unpublished_changes
            and page.latest_revision_id
            and not (self.replace_drafts and not self._import_made(page))
        ):
            return page.get_latest_revision_as_object()
        return page

    # -- writing
    def _log(self, page, revision, action, replaced, extra):
        data = {IMPORTER_KEY: self.importer}
        if replaced:
            data["replaced_draft"] = {"revision": replaced}
        if action:
            self._entry(page, action, revision, data)
        if extra:
            extra_action, extra_data = extra
            self._entry(page, extra_action, revision, {**data, **(extra_data or {})})

    def create(self, model, parent, fields, *, slug, subjects=None, where=None, log_entry=None):
        """A new page under `parent`: a draft, or live in one step when publishing (one
        revision, one "wagtail.create" entry, the publish entry and signals)."""
        where = where or {}
        now = timezone.now()
        page = model(slug=slug, live=self.publish, owner=self.user, **fields)
        if self.publish:
            page.first_published_at = page.last_published_at = now
        if subjects:
            page.subjects.set(subjects)
        try:
            if self.prevalidated:
                with _prevalidated(page):
                    self._add_child(parent, page)
                revision = page.save_revision(user=self.user, log_action=False, clean=False)
                self._entry(page, "wagtail.create", revision, {IMPORTER_KEY: self.importer})
            else:
                self._last_child_path.pop(parent.pk, None)  # treebeard places this one
                parent.add_child(instance=page)  # a live page is fully validated here
                revision = page.save_revision(user=self.user, log_action=False, clean=not self.publish)
                # add_child logged "wagtail.create"; point that one entry at the revision
                PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.create").update(
                    revision=revision, data={IMPORTER_KEY: self.importer}
                )
        except ValidationError as exc:
            raise save_error(exc, **where) from None
        if self.publish:
            Page.objects.filter(pk=page.pk).update(live_revision=revision, has_unpublished_changes=False)
            page.live_revision, page.has_unpublished_changes = revision, False
            self._entry(page, "wagtail.publish", revision)
            page_published.send(sender=model, instance=page, revision=revision)
            published.send(sender=model, instance=page, revision=revision)
        self._log(page, revision, None, None, log_entry)
        return Written(page=page, created=True, revision=revision, published=self.publish)

    def revise(
        self, page, fields, *, subjects=None, subject_names=None, where=None, log_entry=None, skip_unchanged=False
    ):
        """A new revision of `page` (specific) with `fields`; published when publishing.
        With skip_unchanged, a page that already holds it all (and is live when publishing)
        is left alone: no revision, no history entry."""
        where = where or {}
        base, replaced = self.start_from(page, where)
        if (
            skip_unchanged
            and base is page
            and not page.has_unpublished_changes
            and (page.live or not self.publish)
            and same_content(page, fields, subjects, subject_names)
        ):
            return Written(page=page, created=False)
        for name, value in fields.items():
            setattr(base, name, value)
        if subjects is not None:
            base.subjects.set(subjects)
        try:
            if self.prevalidated:
                base.minimal_clean()  # the fields were checked by the importer
            revision = base.save_revision(user=self.user, log_action=False, clean=not self.prevalidated)
        except ValidationError as exc:
            raise save_error(exc, **where) from None
        self._log(base, revision, "wagtail.edit", replaced, log_entry)
        if self.publish:
            revision.publish(user=self.user)
        return Written(page=base, created=False, revision=revision, published=self.publish, replaced_draft=replaced)

    def publish_as_is(self, page, where=None):
        """Publish a page the import does not change (its latest revision), under the same rules."""
        base, replaced = self.start_from(page, where or {})
        if replaced:  # the editor's draft is not ours to publish: publish the live copy again
            return self.revise(page, {}, where=where)
        if page.live and not page.has_unpublished_changes:
            return Written(page=page, created=False, published=True)
        page.get_latest_revision().publish(user=self.user)
        return Written(page=page, created=False, published=True)
