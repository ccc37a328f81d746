"""What goes into the public search index: one document per live, public record page."""
from dataclasses import asdict, dataclass

from wagtail.models import Page, PageViewRestriction

from kb.models import RecordPage, published_records

from .analysis import clean


@dataclass
class SearchDocument:
    page_id: int
    identifier: str
    title: str
    type: str
    type_label: str
    url: str
    date: str | None  # ISO date, C.E.
    year: int | None  # B.E. year, for the facet
    agency: str
    status: str
    status_label: str
    body: str  # cleaned display text; snippets are cut from it
    meta: str  # identifier, agency, subjects, kind-specific fields

    def as_dict(self):
        return asdict(self)


def restricted_paths():
    """Paths of pages with a view restriction: they and their descendants are private."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_public(page, private_paths=None):
    private_paths = restricted_paths() if private_paths is None else private_paths
    return not any(page.path.startswith(path) for path in private_paths)


def is_indexable(page, private_paths=None):
    """Only live, unexpired, public record pages are ever in the public index."""
    return (
        isinstance(page, RecordPage)
        and page.live
        and not page.expired
        and is_public(page, private_paths)
    )


def indexable_pages():
    """Every page that belongs in the index, as specific instances."""
    return published_records().specific().order_by("path")


def document_for(page):
    date = page.get_record_date()
    return SearchDocument(
        page_id=page.pk,
        identifier=page.identifier,
        title=clean(page.title),
        type=page.record_type,
        type_label=page.type_label,
        url=page.get_url() or page.url_path,
        date=date.isoformat() if date else None,
        year=page.get_year_be(),
        agency=page.agency,
        status=page.get_status(),
        status_label=page.get_status_label(),
        body=clean("\n".join(filter(None, [page.summary, page.body_text()]))),
        meta=clean(page.metadata_text()),
    )


def subtree(page):
    """The page and its descendants, as specific instances (for move / privacy changes)."""
    return Page.objects.descendant_of(page, inclusive=True).specific()
