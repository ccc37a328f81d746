"""Citations of the records' text, stored and resolved: kb.thai.citations finds them in a
record's body and its files' text; each is resolved to the record it names (a regulation
or ethics code by its normalised title and year, a cabinet resolution by its meeting date
when that day has one); the rest wait in the admin report "การอ้างอิงที่ยังไม่มีในคลัง".

Work is batched per transaction: the records published in it are refreshed after the
commit with one resolver (an import of many records reads the candidate titles once)."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from ..thai.citations import find_citations, instrument_key, key_matches

RESOLUTION_KEY = "มติคณะรัฐมนตรี|"


@dataclass
class Resolver:
    """The records a citation may name, read once: regulations and ethics codes by
    normalised name ({name key: [(year, page id)]}; names shortened with ฯ apart, matched
    by kb.thai.citations.key_matches), cabinet resolutions by meeting date, and which of them
    anyone may see (a public record wins over a hidden one of the same name)."""

    by_name: dict = field(default_factory=dict)
    shortened: list = field(default_factory=list)  # [(name key with ฯ, year, page id)]
    resolutions: dict = field(default_factory=dict)
    visible: set = field(default_factory=set)

    @classmethod
    def load(cls):
        from ..models import CabinetResolutionPage, EthicsCodePage, RecordPage, RegulationPage, visible_to_public

        resolver = cls()
        for model in (RegulationPage, EthicsCodePage):
            for pk, title, year in model.objects.values_list("pk", "title", "year_be"):
                name, title_year = instrument_key(title)
                resolver.add(name, title_year or year, pk)
        rows = CabinetResolutionPage.objects.exclude(meeting_date=None).values_list("meeting_date", "pk")
        for day, pk in rows:
            resolver.resolutions.setdefault(day, []).append(pk)
        resolver.visible = set(visible_to_public(RecordPage.objects.all()).values_list("pk", flat=True))
        return resolver

    def add(self, name, year, pk):
        if "ฯ" in name:
            self.shortened.append((name, year, pk))
        self.by_name.setdefault(name, []).append((year, pk))

    def _named(self, name):
        if "ฯ" in name:  # the citation shortened the name: compare with every record's
            return [(y, pk) for n, found in self.by_name.items() if key_matches(name, n) for y, pk in found]
        return self.by_name.get(name, []) + [(y, pk) for n, y, pk in self.shortened if key_matches(name, n)]

    def target_for(self, kind, key, source_id):
        """The page id a citation (kind, key) names, or None (unknown, or ambiguous)."""
        if kind == "section":
            return source_id  # the text's own instrument
        if kind == "resolution":
            found = self.resolutions.get(_key_date(key)) or []
            found = [pk for pk in found if pk in self.visible] or found
            return found[0] if len(found) == 1 else None  # a day with several resolutions: no guess
        name, _, year = key.partition("|")
        year = int(year) if year.isdigit() else None
        found = sorted({pk for y, pk in self._named(name) if year is None or y == year})
        found = [pk for pk in found if pk != source_id] or found
        public = [pk for pk in found if pk in self.visible]
        if public:
            found = public
        return found[0] if found and (year is not None or len(found) == 1) else None

    def target_of(self, citation, source_id):
        return self.target_for(citation.kind, citation.key, source_id)


def _key_date(key):
    try:
        return datetime.date.fromisoformat(key.removeprefix(RESOLUTION_KEY))
    except ValueError:
        return None


def texts_of(page):
    """[(text, in_file)]: the page's own text (summary or intro, body) and, for a record,
    its files' text (public files only)."""
    from ..models import RecordPage, block_text_lines

    lines = [getattr(page, "summary", ""), getattr(page, "intro", "")]
    body = page.text_body() if isinstance(page, RecordPage) else getattr(page, "body", None)
    for block in body or ():
        lines.extend(block_text_lines(block.block_type, block.value, heads=False))
    texts = [("\n".join(line for line in lines if line), False)]
    if isinstance(page, RecordPage):
        texts += [(p["text"], True) for f in page.attached_files() for p in f["pages"]]
    return texts


def cites_anything(page):
    """Pages whose text is searched for citations: any page with a body (records, sections)."""
    return hasattr(page, "body")


def citations_of(page, resolver):
    """Citation rows (unsaved) for `page`, one per distinct cited text, anchor and place."""
    from ..models import Citation

    rows = {}
    for text, in_file in texts_of(page):
        for found in find_citations(text):
            key = (found.text, found.anchor, in_file)
            if key in rows:
                rows[key].occurrences += 1
                continue
            rows[key] = Citation(
                source_id=page.pk,
                kind=found.kind,
                text=found.text[:400],
                key=found.key[:400],
                section=found.section[:60],
                anchor=found.anchor[:80],
                in_file=in_file,
                target_id=resolver.target_of(found, page.pk),
            )
    return list(rows.values())


def refresh(pages, resolver=None, resolve_others=True):
    """Find the citations of `pages` again, then resolve again the citations elsewhere that
    could name one of them (a new record, or a public twin of a hidden one)."""
    from ..models import Citation

    resolver = resolver or Resolver.load()
    pages = list(pages)
    Citation.objects.filter(source_id__in=[p.pk for p in pages]).delete()
    Citation.objects.bulk_create([c for page in pages for c in citations_of(page, resolver)], batch_size=500)
    if resolve_others:
        resolve(resolver, naming=pages)


def _could_name(pages):
    """A filter of the citations that could name one of `pages` (by name key or date)."""
    from django.db.models import Q

    from ..models import CabinetResolutionPage, EthicsCodePage, RegulationPage

    query = Q(pk__in=[])
    names = {instrument_key(p.title)[0] for p in pages if isinstance(p, RegulationPage | EthicsCodePage)}
    for name in names:
        query |= Q(kind="instrument", key__startswith=f"{name}|")
    if names:
        query |= Q(kind="instrument", key__contains="ฯ")
    days = {p.meeting_date for p in pages if isinstance(p, CabinetResolutionPage) and p.meeting_date}
    if days:
        query |= Q(kind="resolution", key__in=[f"{RESOLUTION_KEY}{day.isoformat()}" for day in days])
    return query


def resolve(resolver=None, naming=None):
    """Resolve citations again: those that could name one of `naming` (pages just
    published), else every one that names nothing yet. Returns how many changed target."""
    from ..models import Citation

    resolver = resolver or Resolver.load()
    rows = Citation.objects.exclude(kind="section")
    rows = rows.filter(_could_name(naming)) if naming is not None else rows.filter(target=None)
    changed = []
    for citation in rows.only("pk", "kind", "key", "source_id", "target_id"):
        target = resolver.target_for(citation.kind, citation.key, citation.source_id)
        if target != citation.target_id:
            citation.target_id = target
            changed.append(citation)
    Citation.objects.bulk_update(changed, ["target"], batch_size=500)
    return len(changed)


def refresh_later(page):
    """After the commit, with the others published in the same transaction: the ids wait
    on the connection and the first callback to run takes them all (one resolver for an
    import). Ids left by a rolled-back transaction are refreshed with the next ones, which
    is harmless: a refresh works from what the database holds."""
    connection = transaction.get_connection()
    connection.__dict__.setdefault("kb_citations_pending", set()).add(page.pk)
    transaction.on_commit(lambda: refresh_ids(connection.__dict__.pop("kb_citations_pending", ())))


def refresh_ids(ids):
    from wagtail.models import Page

    if ids:
        refresh(page for page in Page.objects.filter(pk__in=ids).specific() if cites_anything(page))


def refresh_all(progress=None):
    """Every live page's citations found again (management command refresh_citations)."""
    from wagtail.models import Page

    resolver = Resolver.load()
    pages = (page for page in Page.objects.live().specific().iterator(chunk_size=200) if cites_anything(page))
    batch, count = [], 0
    for page in progress(pages) if progress else pages:
        batch.append(page)
        if len(batch) == 200:
            refresh(batch, resolver, resolve_others=False)
            count, batch = count + len(batch), []
    if batch:
        refresh(batch, resolver, resolve_others=False)
        count += len(batch)
    resolve(resolver)
    return count


# ------------------------------------------------------------------ what a record page shows
def cites(page):
    """The records `page` cites that anyone may see, each once, in the order first cited."""
    from ..models import Citation, RecordPage, visible_ids

    if page.pk is None:  # a preview of a new page: nothing stored yet
        return []
    rows = Citation.objects.filter(source_id=page.pk).exclude(target=None).exclude(target_id=page.pk).order_by("pk")
    ids = list(dict.fromkeys(rows.values_list("target_id", flat=True)))
    visible = visible_ids(ids)
    pages = RecordPage.objects.in_bulk([pk for pk in ids if pk in visible])
    return [pages[pk].specific for pk in ids if pk in pages]


def cited_by(page):
    """The pages anyone may see whose text cites `page` (records, section pages), by title."""
    from wagtail.models import Page

    from ..models import Citation, visible_to_public

    if page.pk is None:
        return []
    sources = Citation.objects.filter(target_id=page.pk).exclude(source_id=page.pk).values("source_id")
    return list(visible_to_public(Page.objects.filter(pk__in=sources)).order_by("title").specific())


def page_context(page, body):
    """What a page shows of its citations: links in `body`, "อ้างถึง", "ถูกอ้างถึงโดย"."""
    from ..models import body_anchors

    return {
        "body_value": body,
        "citation_links": body_links(page, body_anchors(body)),
        "cites": cites(page),
        "cited_by": cited_by(page),
    }


def body_links(page, anchors=()):
    """[(cited text, URL)] to link in the page's own text: citations of records anyone may
    see (to the section's anchor when one is named) and bare section references to the
    page's own anchors."""
    from ..models import Citation, RecordPage, visible_ids

    if page.pk is None:
        return []
    rows = list(Citation.objects.filter(source_id=page.pk, in_file=False).exclude(target=None))
    visible = visible_ids({row.target_id for row in rows if row.target_id != page.pk})
    targets = RecordPage.objects.in_bulk(visible)
    links = {}
    for row in rows:
        if row.target_id == page.pk:
            if row.anchor and row.anchor in anchors:
                links.setdefault(row.text, f"#{row.anchor}")
        elif row.target_id in targets:
            url = targets[row.target_id].url
            if url:
                links.setdefault(row.text, f"{url}#{row.anchor}" if row.anchor else url)
    return sorted(links.items(), key=lambda item: -len(item[0]))
