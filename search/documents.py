"""What goes into the public search index: one document per live, public page of the
registered source (search.registry; kb/documents.py builds the documents)."""

from dataclasses import asdict, dataclass, field

from . import registry

# The shape of SearchDocument as stored by the backends. Bump it when a field is added,
# removed or changes meaning: `search_index status` then says a rebuild is due.
# 2: date_label and date_attr (the results page shows them without a database query).
# 3: files, the text of the record's attached files per page (searchable, weighted below
#    title and body; a hit found through a file says which file and page).
# 4: the layer, character bigrams of title, body and meta (search.analysis.grams) beside
#    the words, for queries whose segmentation differs from the document's.
DOCUMENT_VERSION = "4"


@dataclass
class SearchDocument:
    page_id: int
    identifier: str
    title: str
    type: str
    type_label: str
    url: str
    date: str | None  # ISO date, C.E. (for sorting; a year-only record sorts under 1 January)
    year: int | None  # B.E. year, for the facet
    agency: str
    status: str
    status_label: str
    body: str  # cleaned display text; snippets are cut from it
    meta: str  # identifier, agency, subjects, kind-specific fields
    date_label: str = ""  # the date as the record page shows it ("9 กรกฎาคม 2567", "พ.ศ. 2562")
    date_attr: str = ""  # its HTML datetime value ("2024-07-09", "2019")
    # The attached files' extracted text, per page (1-based), in the order the record
    # lists them: [{"title": str, "url": str (public download URL),
    # "pages": [{"page": int, "text": str}, ...]}, ...]; each text cleaned by
    # search.analysis.clean, like body (the search for the page a hit was found on
    # relies on it). Indexed as one analysed column (files_text); stored whole, to say
    # where a hit was found (search.plan.hit_from).
    files: list = field(default_factory=list)

    def as_dict(self):
        return asdict(self)


def files_text(doc_or_files):
    """The text of a document's files (a SearchDocument or its `files` list) as one string:
    every page's text, in order, joined by newlines ("" without files)."""
    files = getattr(doc_or_files, "files", doc_or_files) or ()
    return "\n".join(page.get("text") or "" for file in files for page in file.get("pages") or ())


def restricted_paths():
    """Paths of pages with a view restriction: they and their descendants are private."""
    from wagtail.models import PageViewRestriction  # late: SearchDocument is used without Django set up

    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_public(page, private_paths=None):
    private_paths = restricted_paths() if private_paths is None else private_paths
    return not any(page.path.startswith(path) for path in private_paths)


def is_indexed_kind(page):
    return isinstance(page, registry.get_source().model)


def is_indexable(page, private_paths=None):
    """Only live, unexpired, public pages of the source's model are ever in the public index."""
    return is_indexed_kind(page) and page.live and not page.expired and is_public(page, private_paths)


def indexable_pages():
    """Every page that belongs in the index, as specific instances."""
    return registry.get_source().pages()


def document_for(page):
    return registry.get_source().document_for(page)


def subtree(page):
    """The page and its descendants, as specific instances (for move / privacy changes)."""
    from wagtail.models import Page

    return Page.objects.descendant_of(page, inclusive=True).specific()
