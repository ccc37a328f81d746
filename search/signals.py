"""Index sync on page events: publish, unpublish (incl. scheduled expiry), delete, move,
and privacy changes. Drafts never reach the index because only live pages are written."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import sync
from .documents import is_indexed_kind


def _after_commit(func, *args):
    # Index only what the database really committed (imports run in one transaction).
    transaction.on_commit(lambda: func(*args))


@receiver(page_published)
@receiver(page_unpublished)
def on_publish_change(sender, instance, **kwargs):
    if is_indexed_kind(instance):
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
