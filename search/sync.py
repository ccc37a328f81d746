"""Keep the public index true to the site: called by the page signals and the commands.

Publishing never fails because of the index. When the index cannot be reached
(SearchUnavailable: the Elasticsearch cluster is down or slow, the index file is busy,
missing or damaged), the change is stored as a PendingIndexChange and a warning logged;
`manage.py search_index sync` later applies each such page's *current* state (so nothing
is lost and no stale state is written).

A rebuild fills a new index while the live one keeps answering and receiving updates.
So that updates made meanwhile are not lost at the swap, a rebuild marks itself running
(IndexRebuild) and, while it does, every update is also recorded as a PendingIndexChange.
After the bulk load the rebuild applies the current state of each recorded page to the
new index (again until nothing new arrives), swaps, replays what arrived in between, and
deletes exactly the changes it settled.
"""

import logging
import time

from django.db.models import F, Max
from wagtail.models import Page

from .backends import SearchUnavailable, get_index
from .documents import document_for, indexable_pages, is_indexable, restricted_paths, subtree
from .progress import progress_bar

logger = logging.getLogger(__name__)

# Failures that must not reach the publisher: the cluster is down or slow, or the embedded
# index file is busy or damaged (the backends raise SearchUnavailable for all of them).
# Anything else is a bug and is raised.
UNAVAILABLE = (SearchUnavailable,)
_last_warning = ("", 0.0)  # (error, when): see _record_pending
REPLAY_ROUNDS = 5  # before the swap: replay until a round finds nothing new, at most this often


def _error(exc):
    return str(exc)[:2000]


def _keep_for_rebuild(changes):
    """While a rebuild runs, record the changes before applying them: it replays them
    into the new index. Returns the recorded rows (none when no rebuild runs)."""
    from .models import IndexRebuild, PendingIndexChange

    if not changes or not IndexRebuild.running():
        return []
    return PendingIndexChange.objects.bulk_create(
        [PendingIndexChange(page_id=page_id, action=action) for page_id, action in changes]
    )


def _record_pending(changes, exc, kept=()):
    """changes: [(page_id, action)] that could not be applied; kept: their rows if already
    recorded for a rebuild (then only the error is added)."""
    from .models import PendingIndexChange

    if kept:
        PendingIndexChange.objects.filter(pk__in=[row.pk for row in kept]).update(last_error=_error(exc))
    else:
        PendingIndexChange.objects.bulk_create(
            [PendingIndexChange(page_id=page_id, action=action, last_error=_error(exc)) for page_id, action in changes]
        )
    # The same failure again within a minute (an import while the index is down): not
    # one warning per page.
    global _last_warning
    now = time.monotonic()
    repeated = _last_warning[0] == str(exc) and now - _last_warning[1] < 60
    if not repeated:
        _last_warning = (str(exc), now)
    logger.log(
        logging.DEBUG if repeated else logging.WARNING,
        "search index unavailable, %d change(s) kept for `search_index sync` (pages %s): %s",
        len(changes),
        ", ".join(str(page_id) for page_id, _ in changes[:20]),
        exc,
    )


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
    changes = [(page.pk, _action(page))]
    kept = _keep_for_rebuild(changes)
    try:
        _apply(get_index(), page)
    except UNAVAILABLE as exc:
        _record_pending(changes, exc, kept)


def sync_pages(pages):
    """sync_page for many pages (those an import published): the restrictions read once and
    one index write (index_many) for them all. When the index cannot be reached, every
    page's change is kept pending, as sync_page would."""
    from .models import PendingIndexChange

    pages = list({page.pk: page.specific for page in pages}.values())  # the last state of each
    if not pages:
        return
    private = restricted_paths()
    changes = [(page.pk, _action(page, private)) for page in pages]
    kept = _keep_for_rebuild(changes)
    try:
        docs = [document_for(page) for page, (_, action) in zip(pages, changes) if action == PendingIndexChange.INDEX]
        removed = [page_id for page_id, action in changes if action == PendingIndexChange.REMOVE]
        get_index().index_many(docs, remove=removed)
    except UNAVAILABLE as exc:
        _record_pending(changes, exc, kept)


def sync_subtree(page):
    private = restricted_paths()
    pages = list(subtree(page))
    changes = [(p.pk, _action(p, private)) for p in pages]
    kept = _keep_for_rebuild(changes)
    done = 0
    try:
        index = get_index()
        for descendant in pages:
            _apply(index, descendant, private)
            done += 1
    except UNAVAILABLE as exc:
        # Stop at the first failure (the cluster is down): keep this page and the rest.
        _record_pending(changes[done:], exc, kept[done:])


def remove_page(page_id):
    from .models import PendingIndexChange

    changes = [(page_id, PendingIndexChange.REMOVE)]
    kept = _keep_for_rebuild(changes)
    try:
        get_index().remove(page_id)
    except UNAVAILABLE as exc:
        _record_pending(changes, exc, kept)


def pending_count():
    """(changes, pages) waiting for `search_index sync` (or for a running rebuild)."""
    from .models import PendingIndexChange

    pending = PendingIndexChange.objects.all()
    return pending.count(), pending.values("page_id").distinct().count()


def _reserved_after(rebuilds=None):
    """Changes with a higher id are still needed by a running rebuild (None: no rebuild)."""
    from .models import IndexRebuild

    rebuilds = IndexRebuild.running() if rebuilds is None else rebuilds
    return min((rebuild.baseline for rebuild in rebuilds), default=None)


def apply_pending(progress=None):
    """Apply the recorded changes, oldest page first, with each page's current state.

    Returns the number of pages brought up to date. Raises SearchUnavailable (after
    counting the attempt) when the index still cannot be reached; what is left stays
    recorded for the next run. Changes a running rebuild still has to replay are applied
    to the live index but left for the rebuild to settle."""
    from .models import PendingIndexChange

    latest = dict(
        PendingIndexChange.objects.values("page_id")
        .annotate(last=Max("id"))
        .order_by("last")
        .values_list("page_id", "last")
    )
    if not latest:
        return 0
    reserved_after = _reserved_after()
    index = get_index()
    private = restricted_paths()
    applied = 0
    items = list(latest.items())
    for page_id, last in progress(items) if progress else items:
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
            rows.update(attempts=F("attempts") + 1, last_error=_error(exc))
            raise
        if reserved_after is not None:
            rows = rows.filter(id__lte=reserved_after)
        rows.delete()
        applied += 1
    return applied


def replay(index, after, seen):
    """Apply, to `index`, the current state of every page with a change recorded after id
    `after` that is not in `seen` (the ids already replayed), then add those ids to seen.
    Returns the number of pages. (Not "ids above the last one seen": on PostgreSQL a row
    may commit after one with a higher id.)"""
    from .models import PendingIndexChange

    rows = PendingIndexChange.objects.filter(id__gt=after).values_list("id", "page_id")
    new = {row_id: page_id for row_id, page_id in rows if row_id not in seen}
    if not new:
        return 0
    # Read after the rows: each page's state (and the restrictions) covers its changes.
    page_ids = list(dict.fromkeys(new.values()))
    pages = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
    private = restricted_paths()
    for page_id in page_ids:
        page = pages.get(page_id)
        if page is None:
            index.remove(page_id)
        else:
            _apply(index, page, private)
    seen.update(new)
    return len(page_ids)


def _beating(rebuild, docs):
    for doc in docs:
        rebuild.beat()
        yield doc


def _settle(rebuild, replayed):
    """Delete the changes a finished rebuild settled: those recorded before it read the
    pages and those it replayed; not those another running rebuild still needs."""
    from .models import PendingIndexChange

    reserved_after = _reserved_after()
    settled = PendingIndexChange.objects.filter(id__lte=rebuild.baseline)
    replayed = sorted(replayed)
    if reserved_after is not None:
        settled = settled.filter(id__lte=reserved_after)
        replayed = [row_id for row_id in replayed if row_id <= reserved_after]
    settled.delete()
    for start in range(0, len(replayed), 500):
        PendingIndexChange.objects.filter(id__in=replayed[start : start + 500]).delete()


def rebuild(show_progress=False, documents=None):
    """Build a new index of every indexable page and make it live; returns its size.

    documents: the SearchDocuments to load instead of every indexable page's (tests use
    it to change pages while the rebuild runs); read lazily, after the rebuild is marked
    running."""
    from .models import IndexRebuild

    IndexRebuild.running()  # forget rebuilds that were killed
    marker = IndexRebuild.begin()
    replayed = set()
    try:
        total = None
        if documents is None:
            pages = indexable_pages()
            total = pages.count()
            documents = (document_for(page) for page in pages)
        progress = progress_bar("สร้างดัชนี", "หน้า", total=total) if show_progress else None

        def before_swap(new_index):
            # The changes recorded while the bulk load ran, until a round finds none: what
            # is made private meanwhile must not go live in the new index.
            for _ in range(REPLAY_ROUNDS):
                marker.beat()
                if not replay(new_index, marker.baseline, replayed):
                    break

        count = get_index().rebuild(_beating(marker, documents), progress=progress, before_swap=before_swap)
    except BaseException:
        marker.delete()  # the live index is unchanged; what was recorded stays pending
        raise
    marker.delete()
    try:
        # What arrived between the last replay and the swap: its live update may have gone
        # to the old index. Updates after the marker is gone reach the new index directly.
        replay(get_index(), marker.baseline, replayed)
    except UNAVAILABLE as exc:
        logger.warning(
            "search index rebuilt, but changes made during it could not all be applied; "
            "they stay pending for `search_index sync`: %s",
            exc,
        )
    _settle(marker, replayed)
    return count
