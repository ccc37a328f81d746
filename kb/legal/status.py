"""Legal status that follows the relations: an instrument is repealed from the day the
first live repealing instrument takes effect, amended from each live amendment's day,
otherwise in force; an editor's override (with its reason) wins. Worked out when the
regulation is saved (apply_status), when an instrument that relates to it is published,
unpublished or deleted (refresh_related), and every time the scheduler runs
(publish_scheduled, for dates that pass: refresh_all). Each change is written in the
page's history ("kb.status_change") and sent to the search index."""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..labels import STATUS_LABELS
from ..thai.dates import format_thai_date

STATUS_ACTION = "kb.status_change"
OVERRIDE_ACTION = "kb.status_override"


def today():
    return timezone.localdate()


def derive(page, on=None):
    """(status, the instrument that made it or None, since) from the live, public
    relations towards `page` in effect on `on` (today)."""
    from ..models import LegalRelation, RegulationPage, visible_to_public

    if page.pk is None:
        return "in_force", None, None
    on = on or today()
    sources = visible_to_public(RegulationPage.objects.all())
    relations = (
        LegalRelation.objects.filter(target_id=page.pk, kind__in=[LegalRelation.AMENDS, LegalRelation.REPEALS])
        .filter(page__in=sources)
        .select_related("page")
    )
    in_effect = [(r.takes_effect(), r) for r in relations if (r.takes_effect() or datetime.date.min) <= on]
    if not in_effect:
        return "in_force", None, None

    def day(item):
        return item[0] or datetime.date.min

    repeals = sorted((i for i in in_effect if i[1].kind == LegalRelation.REPEALS), key=day)
    if repeals:
        since, relation = repeals[0]  # repealed once, by the first repeal in force
        return "repealed", relation.page, since
    since, relation = max(in_effect, key=day)  # amended, latest by the last amendment
    return "amended", relation.page, since


def _state(page):
    return page.status, page.status_by_id, page.status_since


def _change_data(before, page):
    by = page.status_by
    return {
        "from": before[0],
        "to": page.status,
        "by": {"id": by.pk, "title": by.title} if by else None,
        "since": page.status_since.isoformat() if page.status_since else None,
        "override": bool(page.status_override),
        "reason": page.status_override_reason if page.status_override else "",
    }


def apply_status(page):
    """Before RegulationPage.save: set status, status_by, status_since (the override, else
    the relations). Returns the history data of a change of a live page (log_change writes
    it after the save), else None."""
    before = _state(page)
    if page.status_override:
        page.status, page.status_by, page.status_since = page.status_override, None, None
    else:
        page.status, page.status_by, page.status_since = derive(page)
    if page.pk and page.live and _state(page) != before:
        return _change_data(before, page)
    return None


def log_change(page, data, user=None):
    log(instance=page, action=STATUS_ACTION, data=data, user=user)


def refresh(page, on=None):
    """Work the status of `page` out again; True when it changed (then logged and re-indexed)."""
    from search import sync

    if page.status_override:
        return False
    before = _state(page)
    page.status, page.status_by, page.status_since = derive(page, on)
    if _state(page) == before:
        return False
    type(page).objects.filter(pk=page.pk).update(
        status=page.status, status_by=page.status_by, status_since=page.status_since
    )
    log_change(page, _change_data(before, page))
    transaction.on_commit(lambda: sync.sync_page(page))
    return True


def refresh_related(source):
    """After `source` was published, unpublished or is about to be deleted: every
    regulation it relates to now, and those whose status it made."""
    from ..models import LegalRelation, RegulationPage

    ids = set(LegalRelation.objects.filter(page_id=source.pk).values_list("target_id", flat=True))
    ids |= set(RegulationPage.objects.filter(status_by_id=source.pk).values_list("pk", flat=True))
    ids.discard(source.pk)
    return sum(refresh(page) for page in RegulationPage.objects.filter(pk__in=ids))


def refresh_all(on=None):
    """Every regulation with a relation towards it or a worked-out status (the scheduled
    job: an effective date may have passed). Returns how many changed."""
    from django.db.models import Q

    from ..models import RegulationPage

    pages = RegulationPage.objects.filter(Q(incoming_relations__isnull=False) | ~Q(status="in_force")).distinct()
    return sum(refresh(page, on) for page in pages)


def status_label(page):
    """The status as readers see it: "ยกเลิกแล้ว โดย <ชื่อ> มีผลตั้งแต่ <วันที่>" when a
    public instrument made it, else the plain label."""
    from ..models import visible_to_public

    label = STATUS_LABELS.get(page.status, "")
    by_id = page.status_by_id
    if not by_id or page.status_override:
        return label
    by = page.status_by
    if by is None or not visible_to_public(type(by).objects.filter(pk=by.pk)).exists():
        return label
    text = f"{label} โดย {by.title}"
    if page.status_since:
        text += f" มีผลตั้งแต่ {format_thai_date(page.status_since)}"
    return text
