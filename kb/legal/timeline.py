"""The life of a regulation as its page shows it, both directions of every relation:
issued, in force, what it amends, repeals or is issued under, what amends or repeals it,
what is issued under it, and the cabinet resolutions about it. Only instruments anyone may
see appear (visible_to_public)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from ..models.legal import LegalRelation
from ..thai.dates import format_thai_date

OUTGOING = dict(LegalRelation.KINDS)
INCOMING = LegalRelation.INVERSE_LABELS


@dataclass
class Event:
    label: str
    date: datetime.date | None = None
    page: object = None  # the other instrument (None: an event of the page itself)
    kind: str = ""  # issued, in_force, amends, repeals, issued_under, amended_by, repealed_by, under, resolution
    year_be: int | None = None  # when only the year is known

    @property
    def when(self):
        if self.date:
            return format_thai_date(self.date)
        return f"พ.ศ. {self.year_be}" if self.year_be else ""

    @property
    def future(self):
        return bool(self.date and self.date > timezone.localdate())


def timeline(page):
    from ..models import CabinetResolutionPage, LegalRelation, visible_ids

    events = []
    if page.year_be:
        events.append(Event("ออก", None, None, "issued", page.year_be))
    if page.effective_date:
        events.append(Event("มีผลใช้บังคับ", page.effective_date, None, "in_force"))
    # the page's own rows as they are in memory (a preview has not saved them)
    outgoing = list(page.legal_relations.all())
    shown = visible_ids(r.target_id for r in outgoing)
    for relation in (r for r in outgoing if r.target_id in shown):
        events.append(Event(OUTGOING[relation.kind], relation.takes_effect(), relation.target, relation.kind))
    if page.pk is None:  # a preview of a new page: nothing relates to it yet
        return sorted(events, key=_order)
    incoming = list(LegalRelation.objects.filter(target_id=page.pk).select_related("page").order_by("sort_order"))
    shown = visible_ids(r.page_id for r in incoming)
    for relation in (r for r in incoming if r.page_id in shown):
        kind = {"amends": "amended_by", "repeals": "repealed_by", "issued_under": "under"}[relation.kind]
        events.append(Event(INCOMING[relation.kind], relation.takes_effect(), relation.page, kind))
    resolutions = list(CabinetResolutionPage.objects.filter(regulation_links__regulation_id=page.pk).distinct())
    shown = visible_ids(r.pk for r in resolutions)
    for resolution in (r for r in resolutions if r.pk in shown):
        events.append(Event("มติคณะรัฐมนตรี", resolution.meeting_date, resolution, "resolution"))

    return sorted(events, key=_order)


def _order(event):
    """Date order; the issue year sorts as its 1 January, undated relations last."""
    if event.date:
        return (event.date, 1)
    if event.year_be:
        return (datetime.date(event.year_be - 543, 1, 1), 0)
    return (datetime.date.max, 2)


def status_source(page):
    """The instrument that made the page's status, when anyone may see it (else None)."""
    from ..models import RegulationPage, visible_to_public

    if not page.status_by_id or page.status_override:
        return None
    return visible_to_public(RegulationPage.objects.filter(pk=page.status_by_id)).first()


def resolution_regulations(page):
    """The visible regulations a cabinet resolution concerns, with how."""
    from ..models import visible_ids

    links = list(page.regulation_links.all())  # in memory in a preview
    public = visible_ids(link.regulation_id for link in links)
    return [link for link in links if link.regulation_id in public]


def reference(page, date=None):
    """A related record in the API: enough to cite and follow it."""
    return {
        "identifier": getattr(page, "identifier", ""),  # a section page has none
        "title": page.title,
        "url": page.full_url,
        "effective_date": date.isoformat() if date else None,
    }


def lifecycle_api(page):
    """Both directions of every relation of a regulation, for the read API."""
    groups = {
        "amends": [],
        "repeals": [],
        "issued_under": [],
        "amended_by": [],
        "repealed_by": [],
        "under": [],
        "resolution": [],
    }
    for event in timeline(page):
        if event.page is not None and event.kind in groups:
            groups[event.kind].append(reference(event.page, event.date))
    groups["issued_under_this"] = groups.pop("under")
    groups["resolutions"] = groups.pop("resolution")
    return groups
