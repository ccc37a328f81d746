"""Record page -> public search document (as cfgov's regulations3k keeps documents.py beside
its models). Registered with search in KbConfig.ready(); search/ never imports kb."""

from search import registry
from search.documents import SearchDocument
from search.snippets import match_spans

from .labels import STATUS_LABELS, TYPE_LABELS
from .models import RecordPage, published_records
from .thai.dates import BE_OFFSET
from .thai.sections import anchor, label, match_unit

# Kinds whose body lines may open a มาตรา/ข้อ (block_text_lines writes "มาตรา ๒๖" first)
SECTIONED_TYPES = {"regulation", "ethics_code"}


def indexable_pages():
    """Every record that belongs in the public index, as specific instances."""
    return published_records().specific().order_by("path")


def date_attr(page):
    """The HTML datetime of the date the page shows: the day when known, else the C.E. year
    (a record known by its year is sorted under 1 January, but must not show a made-up day)."""
    exact = page.get_exact_date()
    if exact:
        return exact.isoformat()
    year = page.get_year_be()
    return str(year - BE_OFFSET) if year else ""


def document_for(page):
    date = page.get_record_date()
    identifier, title, body, meta, _files_text = page.search_texts()
    return SearchDocument(
        page_id=page.pk,
        identifier=identifier,
        title=title,
        type=page.record_type,
        type_label=page.type_label,
        url=page.get_url() or page.url_path,
        date=date.isoformat() if date else None,
        year=page.get_year_be(),
        agency=page.agency,
        status=page.get_status(),
        status_label=page.get_status_label(),
        body=body,
        meta=meta,
        date_label=page.date_label(),
        date_attr=date_attr(page),
        files=page.attached_files(),
    )


def fallback_titles(text, limit=20):
    """A basic title match from the database, for when the index cannot answer."""
    if not text:
        return []
    pages = published_records()
    for word in text.split()[:5]:
        pages = pages.filter(title__icontains=word)
    return pages.order_by("-sort_date")[:limit]


def section_of(stored, terms):
    """The มาตรา/ข้อ whose lines hold the most of the query's words (the first such part),
    for a hit in a regulation's own text; None when the words are outside every part."""
    if stored.get("type") not in SECTIONED_TYPES or not stored.get("body"):
        return None
    best, best_score, current = None, (0, 0), None
    for line in stored["body"].splitlines():
        unit = match_unit(line)
        # only a legal unit's own head line ("มาตรา ๒๖", as block_text_lines writes it):
        # a paragraph that merely begins "ข้อ ๑ …" has no anchor on the page
        if unit and unit[0] in ("มาตรา", "ข้อ") and not unit[2]:
            current = {"anchor": anchor(unit[0], unit[1]), "label": label(unit[0], unit[1])}
        spans = match_spans(line, terms)
        score = (len({s[2] for s in spans}), len(spans))
        if score > best_score:
            best, best_score = current, score
    return best


def register():
    registry.register(
        registry.Source(
            model=RecordPage,
            pages=indexable_pages,
            document_for=document_for,
            fallback=fallback_titles,
            labels={"type": TYPE_LABELS, "status": STATUS_LABELS},
            status=file_text_status,
            section_of=section_of,
        )
    )


def file_text_status():
    """Lines of `search_index status`: the files by extraction state."""
    from django.db.models import Count
    from wagtail.documents import get_document_model

    from .models import FileText

    counts = dict(FileText.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    unknown = get_document_model().objects.filter(file_text__isnull=True).count()
    lines = {f"files_{state}": counts.get(state, 0) for state in FileText.State.values}
    lines["files_waiting"] += unknown  # never queued (saved before extraction existed)
    return lines
