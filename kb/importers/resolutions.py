"""Cabinet resolutions into pages: one code path for `manage.py import_resolution`, the
admin screen "นำเข้ามติ ครม." and `manage.py import_cabinet_opendata`.

kb.secretariat reads the text (ParsedResolution / OpenDataItem; read_resolution and
read_open_data turn its ResolutionParseError into ImportDataError); this module maps
that onto CabinetResolutionPage fields and RecordBodyBlock data, finds the page that
already holds the resolution (same meeting date and title, or agenda number), creates it
as a draft or saves a new revision of it, publishes only when asked, and records the
import in the page history, all through kb.importers.writer (locks, the draft rule).
Every write runs inside one transaction.
"""

import html
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import transaction

from kb.models import CabinetResolutionPage
from kb.secretariat import (
    ResolutionParseError,
    identifier_for,
    normalise_title,
    parse_open_data,
    parse_resolution_bytes,
)

from .errors import ImportDataError
from .records import parent_for
from .writer import PageWriter, deferred_indexing

IMPORT_ACTION = "kb.import_resolution"
IMPORT_LABEL = "นำเข้ามติ ครม."
OPENDATA_ACTION = "kb.import_cabinet_opendata"
OPENDATA_LABEL = "นำเข้าข้อมูลเปิดมติ ครม."
SOURCE = "สำนักเลขาธิการคณะรัฐมนตรี"
DEFAULT_CATEGORY = "มติ ครม."

# The fields an editor may correct on the admin screen (they override the parsed values).
EDITABLE_FIELDS = ("title", "meeting_date", "outcome", "proposer", "chair", "category", "published_at")

_SUBSECTION_RE = re.compile(r"^[0-9๐-๙]{1,2}\.[0-9๐-๙]")  # "2.1 …" sits under "2. …"
_BULLET_RE = re.compile(r"^[-•▪●○◦‣⁃]\s+")
_FOOTNOTE_MARK_RE = re.compile(r"^([0-9]{1,2}) (?=\S)")
_TRAILING_ABBR_RE = re.compile(r"\s*\([^()]{1,20}\)$")  # "กระทรวง… (ดศ.)" -> "กระทรวง…"


def read_resolution(data):
    """kb.secretariat.parse_resolution_bytes, its ResolutionParseError as ImportDataError."""
    try:
        return parse_resolution_bytes(data)
    except ResolutionParseError as exc:
        raise ImportDataError.from_parse_error(exc) from None


def read_open_data(data):
    """kb.secretariat.parse_open_data, its ResolutionParseError as ImportDataError."""
    try:
        return parse_open_data(data)
    except ResolutionParseError as exc:
        raise ImportDataError.from_parse_error(exc) from None


@dataclass
class ImportOutcome:
    page: CabinetResolutionPage
    created: bool
    revision: object = None  # None when an open-data item changed nothing
    published: bool = False
    replaced_draft: int | None = None


@dataclass
class OpenDataResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    outcomes: list = field(default_factory=list)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


# ----------------------------------------------------------------------------- mapping


def _paragraph_html(text):
    return "<p>" + "<br/>".join(html.escape(line) for line in text.split("\n")) + "</p>"


def _footnote_items(notes):
    """The footnotes block renders an <ol>, so markers 1..n are dropped (the list numbers
    them the same); any other marker sequence ("*", gaps) is kept as written."""
    marks = [_FOOTNOTE_MARK_RE.match(note) for note in notes]
    if all(marks) and [int(m.group(1)) for m in marks] == list(range(1, len(notes) + 1)):
        return [note[m.end() :] for note, m in zip(notes, marks)]
    return list(notes)


def table_value(table):
    """kb.secretariat's {"caption", "rows", "header"} -> TableBlock's value."""
    header = bool(table.get("header"))
    return {
        "data": [[cell for cell in row] for row in table["rows"]],
        "first_row_is_table_header": header,
        "first_col_is_header": False,
        "table_header_choice": "row" if header else "neither",
        "table_caption": table.get("caption") or "",
    }


def body_blocks(parsed_blocks):
    """The parser's plain block shapes -> RecordBodyBlock raw data (list of {type, value}).

    Numbered list items and headings keep their own numbers ("2.1.1 …"): cross
    references in the text ("ตามข้อ 2.1") rely on them."""
    body = []
    for block in parsed_blocks:
        kind, value = block["type"], block["value"]
        if kind == "heading":
            level = "h3" if _SUBSECTION_RE.match(value) else "h2"
            body.append({"type": "heading", "value": {"text": value, "level": level}})
        elif kind == "paragraph":
            body.append({"type": "paragraph", "value": _paragraph_html(value)})
        elif kind == "numbered_list":
            body.append({"type": "numbered_list", "value": list(value)})
        elif kind == "bulleted_list":
            body.append({"type": "bulleted_list", "value": [_BULLET_RE.sub("", item, count=1) for item in value]})
        elif kind == "table":
            body.append({"type": "table", "value": table_value(value)})
        elif kind == "footnotes":
            body.append({"type": "footnotes", "value": _footnote_items(value)})
        elif kind == "disclaimer":
            body.append({"type": "disclaimer", "value": value})
        else:  # a new parser block type must be mapped here before it can be imported
            raise ImportDataError(f"ไม่รู้จักชนิดเนื้อหา {kind!r}", f"unknown block type {kind!r}", field="body")
    return body


def page_fields(parsed, overrides=None):
    """CabinetResolutionPage fields from a ParsedResolution; `overrides` (the editor's
    corrections on the admin screen) win over the parsed values."""
    fields = {
        "title": parsed.title,
        "meeting_date": parsed.meeting_date,
        "outcome": parsed.outcome or "",
        "proposer": parsed.proposer or "",
        "chair": parsed.chair or "",
        "category": parsed.category or DEFAULT_CATEGORY,
        "published_at": parsed.published,
    }
    for name, value in (overrides or {}).items():
        if name in EDITABLE_FIELDS:
            fields[name] = value.strip() if isinstance(value, str) else value
    if not fields["category"]:
        fields["category"] = DEFAULT_CATEGORY
    fields["body"] = body_blocks(parsed.blocks)
    if parsed.source_url:
        fields["source_url"] = parsed.source_url
    if any(block["type"] == "disclaimer" for block in fields["body"]):
        # The source's own disclaimer is in the body; the page's generic one would repeat it.
        fields["disclaimer"] = ""
    return fields


def agency_from(proposer):
    return _TRAILING_ABBR_RE.sub("", proposer or "").strip()


# ----------------------------------------------------------------------------- finding


def _versions(page):
    """The page row and, for a page with unpublished changes, its latest draft."""
    versions = [page]
    if page.has_unpublished_changes:
        draft = page.get_latest_revision_as_object()
        if draft is not page:
            versions.append(draft)
    return versions


def find_existing(meeting_date, title, *, identifier=None, agenda_number=None):
    """The CabinetResolutionPage that already holds this resolution, or None.

    Match order: same meeting date and agenda number (open data); the identifier we
    would give it; the same meeting date and normalised title (spacing, Thai digits and
    quote styles do not matter). With an agenda number, a page carrying a different
    agenda number is another item of that meeting (titles such as appointments repeat)."""
    pages = CabinetResolutionPage.objects.all()
    if agenda_number is not None and meeting_date is not None:
        hit = pages.filter(meeting_date=meeting_date, agenda_number=agenda_number).order_by("pk").first()
        if hit is not None:
            return hit

    def fits_agenda(page):
        return agenda_number is None or page.agenda_number in (None, agenda_number)

    if identifier:
        wanted = [identifier] + ([f"{identifier}-{agenda_number}"] if agenda_number is not None else [])
        for hit in pages.filter(identifier__in=wanted).order_by("pk"):
            if any(fits_agenda(version) for version in _versions(hit)):
                return hit
    key = normalise_title(title)
    for page in pages.filter(meeting_date=meeting_date).order_by("pk"):
        # draft_title follows the latest revision, so no revision needs loading to compare titles
        if key in {normalise_title(t) for t in (page.title, page.draft_title) if t} and any(
            fits_agenda(version) for version in _versions(page)
        ):
            return page
    return None


def resolution_index():
    return parent_for(CabinetResolutionPage, {})


# ----------------------------------------------------------------------------- writing


def _free_identifier(identifier, agenda_number):
    """The identifier for a new page; an agenda item sharing its title and date with
    another page of the same meeting gets the agenda number appended."""
    taken = CabinetResolutionPage.objects.filter(identifier=identifier).exists()
    if taken and agenda_number is not None:
        return f"{identifier}-{agenda_number}"
    return identifier


def save_page(writer, existing, fields, *, identifier, action=IMPORT_ACTION, log_data=None, where=None):
    """Create the page as a draft under the resolutions index, or save `fields` as a new
    revision of `existing` (from its latest import draft, keeping its identifier and
    address), through the writer (locks, the draft rule, publishing). Logs `action`."""
    where = where or {}
    if existing is not None:
        written = writer.revise(
            existing.specific,
            fields,
            where=where,
            log_entry=(action, {"created": False, "identifier": existing.identifier, **(log_data or {})}),
        )
    else:
        parent = resolution_index()
        if parent is None:
            raise ImportDataError(
                "ไม่มีหน้าสารบัญมติคณะรัฐมนตรี (รัน load_demo หรือสร้างหน้าสารบัญก่อน)",
                "no cabinet resolution index page; create one or run load_demo",
                field="parent",
                **where,
            )
        fields = {"agency": agency_from(fields.get("proposer")), "source": SOURCE, "identifier": identifier, **fields}
        written = writer.create(
            CabinetResolutionPage,
            parent,
            fields,
            slug=identifier.lower(),
            where=where,
            log_entry=(action, {"created": True, "identifier": identifier, **(log_data or {})}),
        )
    return ImportOutcome(
        page=written.page,
        created=written.created,
        revision=written.revision,
        published=written.published,
        replaced_draft=written.replaced_draft,
    )


@transaction.atomic
def import_parsed(parsed, *, overrides=None, user=None, publish=False, via="command", replace_drafts=False):
    """Write one ParsedResolution (see page_fields for `overrides`). Returns ImportOutcome;
    raises ImportDataError (an editor's draft on the page, unless replace_drafts)."""
    fields = page_fields(parsed, overrides)
    if not fields.get("title") or not fields.get("meeting_date"):
        raise ImportDataError(
            "ต้องมีชื่อเรื่องและวันที่ประชุม",
            "title and meeting date are required",
            field="title" if not fields.get("title") else "meeting_date",
        )
    fields["title"] = fields["title"][:255]
    identifier = identifier_for(SimpleNamespace(title=fields["title"], meeting_date=fields["meeting_date"]))
    existing = find_existing(fields["meeting_date"], fields["title"], identifier=identifier)
    writer = PageWriter(IMPORT_ACTION, user=user, publish=publish, replace_drafts=replace_drafts)
    with deferred_indexing():
        return save_page(
            writer, existing, fields, identifier=existing.identifier if existing else identifier, log_data={"via": via}
        )


# ----------------------------------------------------------------------------- open data


def _link_blocks(attachments):
    return [{"type": "link", "value": {"title": name[:255], "url": url}} for name, url in attachments]


def _attachment_urls(page):
    return [block.value["url"] for block in page.attachments if block.block_type == "link"]


def _raw_attachments(page):
    return [{"type": block.block_type, "value": block.block.get_prep_value(block.value)} for block in page.attachments]


def _open_data_changes(page, item):
    """What an open-data item adds to a page that already exists: its agenda number,
    the proposer when the page has none, and attachment links not yet listed. The title
    and body stay as they are (the published text is the better source). `page` is the
    version the new revision would start from (PageWriter.current)."""
    changes = {}
    if item.agenda_no is not None and page.agenda_number != item.agenda_no:
        changes["agenda_number"] = item.agenda_no
    if item.proposer and not page.proposer:
        changes["proposer"] = item.proposer
    known = set(_attachment_urls(page))
    new_links = [(name, url) for name, url in item.attachments if url not in known]
    if new_links:
        changes["attachments"] = _raw_attachments(page) + _link_blocks(new_links)
    return changes


@transaction.atomic
def import_open_data(items, *, user=None, publish=False, progress=None, replace_drafts=False):
    """Write parsed OpenDataItems (kb.secretariat.parse_open_data); all or nothing.
    Idempotent: an item whose page already has everything it carries is left alone."""
    result = OpenDataResult()
    writer = PageWriter(OPENDATA_ACTION, user=user, publish=publish, replace_drafts=replace_drafts)
    seen = {}
    with deferred_indexing():
        for item in progress(items) if progress else items:
            key = (
                (item.meeting_date, item.agenda_no)
                if item.agenda_no is not None
                else (item.meeting_date, normalise_title(item.title))
            )
            if key in seen:
                raise ImportDataError(
                    f"ซ้ำกับรายการที่ {seen[key]} (วันที่ประชุมและลำดับวาระ/ชื่อเรื่องเดียวกัน)",
                    f"duplicates item {seen[key]} (same meeting date and agenda number/title)",
                    field="toP_SERLNO",
                    item=item.index,
                )
            seen[key] = item.index
            try:
                outcome = _write_item(writer, item, result)
            except ImportDataError as exc:
                raise exc.at(item=item.index) from None
            result.outcomes.append(outcome)
    return result


def _write_item(writer, item, result):
    title = item.title[:255]
    existing = find_existing(item.meeting_date, title, identifier=item.identifier, agenda_number=item.agenda_no)
    log_data = {"via": "opendata", "item": item.index}
    if existing is None:
        fields = {
            "title": title,
            "meeting_date": item.meeting_date,
            "agenda_number": item.agenda_no,
            "proposer": item.proposer or "",
            "category": DEFAULT_CATEGORY,
            "attachments": _link_blocks(item.attachments),
        }
        result.created += 1
        return save_page(
            writer,
            None,
            fields,
            identifier=_free_identifier(item.identifier, item.agenda_no),
            action=OPENDATA_ACTION,
            log_data=log_data,
        )
    page = existing.specific
    if changes := _open_data_changes(writer.current(page), item):
        result.updated += 1
        return save_page(writer, page, changes, identifier=page.identifier, action=OPENDATA_ACTION, log_data=log_data)
    result.unchanged += 1
    if writer.publish:
        writer.publish_as_is(page)
    return ImportOutcome(page=page, created=False, published=writer.publish)
