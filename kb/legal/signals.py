"""Page events that move the legal lifecycle: an instrument published, unpublished,
restricted, moved or deleted refreshes the status of those it relates to; a record published (or its files'
text extracted) gets its citations found again, and citations elsewhere that could name it
are resolved again."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import status


def _published(sender, instance, **kwargs):
    from ..models import RegulationPage
    from . import citations  # late: it loads the Thai citation rules

    if isinstance(instance, RegulationPage):
        status.refresh_related(instance)
    if citations.cites_anything(instance):
        citations.refresh_later(instance)


def _unpublished(sender, instance, **kwargs):
    from ..models import RegulationPage

    if isinstance(instance, RegulationPage):
        status.refresh_related(instance)


def _deleting(sender, instance, **kwargs):
    from ..models import LegalRelation, RegulationPage

    if sender is not RegulationPage:
        return
    ids = set(LegalRelation.objects.filter(page_id=instance.pk).values_list("target_id", flat=True))
    ids |= set(RegulationPage.objects.filter(status_by_id=instance.pk).values_list("pk", flat=True))
    ids.discard(instance.pk)

    def after():
        for page in RegulationPage.objects.filter(pk__in=ids):
            status.refresh(page)

    transaction.on_commit(after)


def _privacy_changed(sender, instance, **kwargs):
    page = instance.page
    transaction.on_commit(lambda: status.refresh_subtree(page))


def _moved(sender, instance, **kwargs):
    transaction.on_commit(lambda: status.refresh_subtree(instance))


def connect():
    from ..models import RegulationPage

    page_published.connect(_published, dispatch_uid="kb-legal-published")
    page_unpublished.connect(_unpublished, dispatch_uid="kb-legal-unpublished")
    pre_delete.connect(_deleting, sender=RegulationPage, dispatch_uid="kb-legal-deleting")
    # a restricted instrument stops counting (and moving under a restricted section does that too)
    post_save.connect(_privacy_changed, sender=PageViewRestriction, dispatch_uid="kb-legal-privacy-saved")
    post_delete.connect(_privacy_changed, sender=PageViewRestriction, dispatch_uid="kb-legal-privacy-deleted")
    post_page_move.connect(_moved, dispatch_uid="kb-legal-moved")
