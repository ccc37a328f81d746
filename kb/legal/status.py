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
    from ..models import LegalRelation, visible_ids

    if page.pk is None:
        return "in_force", None, None
    on = on or today()
    relations = list(
        LegalRelation.objects.filter(
            target_id=page.pk, kind__in=[LegalRelation.AMENDS, LegalRelation.REPEALS]
        ).select_related("page")
    )
    shown = visible_ids(r.page_id for r in relations)
    relations = [r for r in relations if r.page_id in shown]
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


STATE_FIELDS = {"status", "status_by", "status_since", "status_override", "status_override_reason"}


def apply_status(page, update_fields=None):
    """Before RegulationPage.save: set status, status_by, status_since (the override, else
    the relations). Returns the history entries [(action, data)] of a live page's change
    (log_changes writes them after the save): the status, or only the override's reason.
    A save of other columns only (update_fields: a lock, a revision pointer) changes none."""
    if update_fields is not None and not STATE_FIELDS & set(update_fields):
        return []
    before = _state(page)
    stored = ("", "")
    if page.pk:
        stored = type(page).objects.filter(pk=page.pk).values_list("status_override", "status_override_reason").first()
        stored = stored or ("", "")
    if page.status_override:
        page.status, page.status_by, page.status_since = page.status_override, None, None
    else:
        page.status, page.status_by, page.status_since = derive(page)
    if not page.live:
        return []
    if _state(page) != before or (page.pk is None and page.status_override):
        return [(STATUS_ACTION, _change_data(before, page))]
    if page.status_override and stored != (page.status_override, page.status_override_reason):
        return [(OVERRIDE_ACTION, _change_data(before, page))]
    return []


def log_changes(page, entries, user=None):
    for action, data in entries:
        log(instance=page, action=action, data=data, user=user)


def log_change(page, data, user=None):
    log_changes(page, [(STATUS_ACTION, data)], user)


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
    """After `source` was published, unpublished, restricted, moved or is about to be
    deleted: every regulation it relates to now, and those whose status it made; each is
    re-indexed even when its status stays (its label names the source, its text in force may
    be the source's consolidated text)."""
    from search import sync

    from ..models import LegalRelation, RegulationPage

    ids = set(LegalRelation.objects.filter(page_id=source.pk).values_list("target_id", flat=True))
    made = set(RegulationPage.objects.filter(status_by_id=source.pk).values_list("pk", flat=True))
    ids = (ids | made) - {source.pk}
    changed = 0
    for page in RegulationPage.objects.filter(pk__in=ids):
        if refresh(page):
            changed += 1
        else:  # the same status, but its label (the instrument's title) or its text in force may not be
            transaction.on_commit(lambda page=page: sync.sync_page(page))
    return changed


def refresh_subtree(root):
    """A view restriction added or removed, or a move, under `root`: the statuses of what
    the regulations there relate to (a restricted instrument no longer counts) and their own."""
    from wagtail.models import Page

    from ..models import RegulationPage

    pages = RegulationPage.objects.filter(pk__in=Page.objects.descendant_of(root, inclusive=True).values("pk"))
    for page in pages:
        refresh_related(page)
        refresh(page)


def refresh_all(on=None):
    """Every regulation with a relation towards it or a worked-out status (the scheduled
    job: an effective date may have passed). Returns how many changed."""
    from django.db.models import Q

    from ..models import RegulationPage

    pages = RegulationPage.objects.filter(Q(incoming_relations__isnull=False) | ~Q(status="in_force")).distinct()
    return sum(refresh(page, on) for page in pages)


def status_label(page):
    """The status as readers see it: "ยกเลิกแล้ว โดย <ชื่อ> มีผลตั้งแต่ <วันที่>" when a
    public instrument made it, else the plain label (one query, kept on the instance)."""
    from ..models import RegulationPage, visible_to_public

    label = STATUS_LABELS.get(page.status, "")
    if not page.status_by_id or page.status_override:
        return label
    key = (page.status, page.status_by_id, page.status_since)
    cached = page.__dict__.get("_status_label")
    if cached and cached[0] == key:
        return cached[1]
    title = (
        visible_to_public(RegulationPage.objects.filter(pk=page.status_by_id)).values_list("title", flat=True).first()
    )
    text = label
    if title:
        text = f"{label} โดย {title}"
        if page.status_since:
            text += f" มีผลตั้งแต่ {format_thai_date(page.status_since)}"
    page.__dict__["_status_label"] = (key, text)
    return text
