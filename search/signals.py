"""Index sync on page events: publish, unpublish (incl. scheduled expiry), delete, move,
and privacy changes. Drafts never reach the index because only live pages are written."""

import contextvars
from contextlib import contextmanager
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import sync
from .documents import is_indexed_kind
from .plan import analysis_memo


def _after_commit(func, *args):
    # Index only what the database really committed (imports run in one transaction).
    transaction.on_commit(lambda: func(*args))


# {page id: page} while batched_sync() runs in this context (an import); else None.
_batch = contextvars.ContextVar("search_sync_batch", default=None)


@contextmanager
def batched_sync():
    """Inside a transaction: the publish/unpublish syncs of the block are applied after
    commit in one batch (sync.sync_pages: one index write) instead of one write per page.
    Pages of a rolled-back savepoint are left out, as their per-page syncs would be."""
    if _batch.get() is not None:  # nested: the outer block syncs
        yield
        return
    batch, memo = {}, {}
    token = _batch.set(batch)
    try:
        with analysis_memo(memo):  # what the block analysed (the admin's index) is reused
            yield
    finally:
        _batch.reset(token)

    def sync_batch():
        if batch:
            with analysis_memo(memo):
                sync.sync_pages(list(batch.values()))
        memo.clear()

    # Registered after every page's callback below, so it runs once they have all run.
    transaction.on_commit(sync_batch)


@receiver(page_published)
@receiver(page_unpublished)
def on_publish_change(sender, instance, **kwargs):
    if not is_indexed_kind(instance):
        return
    batch = _batch.get()
    if batch is not None:
        transaction.on_commit(partial(batch.__setitem__, instance.pk, instance))
    else:
        _after_commit(sync.sync_page, instance)


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    if is_indexed_kind(instance) and sender is type(instance):
        _after_commit(sync.remove_page, instance.pk)


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    _after_commit(sync.sync_subtree, instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    _after_commit(sync.sync_subtree, instance.page)
