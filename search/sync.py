"""Keep the public index true to the site: called by the page signals and the commands.

Publishing never fails because of the index. When the index cannot be reached
(SearchUnavailable, e.g. the Elasticsearch cluster is down or slow), the change is stored
as a PendingIndexChange and a warning logged; `manage.py search_index sync` later applies
each such page's *current* state (so nothing is lost and no stale state is written), and a
full rebuild settles every change recorded before it started.
"""
import logging
import sqlite3

from django.db.models import F, Max
from django.utils import timezone
from tqdm import tqdm
from wagtail.models import Page

from .backends import SearchUnavailable, get_index
from .documents import document_for, indexable_pages, is_indexable, restricted_paths, subtree

logger = logging.getLogger(__name__)

# Failures that must not reach the publisher: the cluster is down or slow, or the embedded
# index file is busy. Anything else is a bug and is raised.
UNAVAILABLE = (SearchUnavailable, sqlite3.OperationalError)


def _record_pending(changes, exc):
    """changes: [(page_id, action)] that could not be applied."""
    from .models import PendingIndexChange

    error = str(exc)[:2000]
    PendingIndexChange.objects.bulk_create(
        [PendingIndexChange(page_id=page_id, action=action, last_error=error) for page_id, action in changes])
    logger.warning("search index unavailable, %d change(s) kept for `search_index sync` (pages %s): %s",
                   len(changes), ", ".join(str(page_id) for page_id, _ in changes[:20]), exc)


def _apply(index, page, private=None):
    if is_indexable(page, private):
        index.index(document_for(page))
    else:
        index.remove(page.pk)


def _action(page, private=None):
    from .models import PendingIndexChange

    return PendingIndexChange.INDEX if is_indexable(page, private) else PendingIndexChange.REMOVE


def sync_page(page):
    """Index the page if it belongs in the public index, otherwise make sure it is gone."""
    page = page.specific
    try:
        _apply(get_index(), page)
    except UNAVAILABLE as exc:
        _record_pending([(page.pk, _action(page))], exc)


def sync_subtree(page):
    private = restricted_paths()
    pages = list(subtree(page))
    done = 0
    try:
        index = get_index()
        for descendant in pages:
            _apply(index, descendant, private)
            done += 1
    except UNAVAILABLE as exc:
        # Stop at the first failure (the cluster is down): keep this page and the rest.
        _record_pending([(p.pk, _action(p, private)) for p in pages[done:]], exc)


def remove_page(page_id):
    from .models import PendingIndexChange

    try:
        get_index().remove(page_id)
    except UNAVAILABLE as exc:
        _record_pending([(page_id, PendingIndexChange.REMOVE)], exc)


def pending_count():
    """(changes, pages) waiting for `search_index sync`."""
    from .models import PendingIndexChange

    pending = PendingIndexChange.objects.all()
    return pending.count(), pending.values("page_id").distinct().count()


def apply_pending(progress=None):
    """Apply the recorded changes, oldest page first, with each page's current state.

    Returns the number of pages brought up to date. Raises SearchUnavailable (after
    counting the attempt) when the index still cannot be reached; what is left stays
    recorded for the next run."""
    from .models import PendingIndexChange

    latest = dict(PendingIndexChange.objects.values("page_id").annotate(last=Max("id"))
                  .order_by("last").values_list("page_id", "last"))
    if not latest:
        return 0
    index = get_index()
    private = restricted_paths()
    applied = 0
    items = list(latest.items())
    for page_id, last in (progress(items) if progress else items):
        # Rows up to `last` were recorded before the page is read here, so its current
        # state covers them; a change recorded meanwhile (a newer row) stays for next time.
        rows = PendingIndexChange.objects.filter(page_id=page_id, id__lte=last)
        page = Page.objects.filter(pk=page_id).specific().first()
        try:
            if page is None:
                index.remove(page_id)
            else:
                _apply(index, page, private)
        except UNAVAILABLE as exc:
            rows.update(attempts=F("attempts") + 1, last_error=str(exc)[:2000])
            raise
        rows.delete()
        applied += 1
    return applied


def rebuild(show_progress=False):
    from .models import PendingIndexChange

    started = timezone.now()
    pages = indexable_pages()
    total = pages.count()
    docs = (document_for(page) for page in pages)
    progress = (lambda items: tqdm(items, total=total, desc="สร้างดัชนี", unit="หน้า")) if show_progress else None
    count = get_index().rebuild(docs, progress=progress)
    # The new index holds every page as it was after `started`: older pending changes are settled.
    PendingIndexChange.objects.filter(created_at__lt=started).delete()
    return count
