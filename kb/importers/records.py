"""Records in the exchange format of data/RECORDS.md (JSON Lines) into record pages.

All-or-nothing: every line is parsed and validated first, then all pages are written in
one transaction through kb.importers.writer; the first bad line stops the import with its
line number (ImportDataError).

Values are checked through the model fields themselves (max_length, URL, slug, choices…),
so every field limit is covered without a hand-written copy of it; text is refused if it
holds control characters (NUL…) or lone surrogates, which databases reject or corrupt.

Speed (bench/bench_import.py): existing pages are looked up once per batch of identifiers,
index pages once per kind, a record that would change nothing is skipped (re-importing a
file writes nothing), new pages are published in one step, and Wagtail's admin search and
reference indexes are updated once per page at the end (writer.deferred_indexing).
"""

import datetime
import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from taggit.models import Tag
from wagtail.models import Page

from kb.models import INDEX_MODELS, RECORD_MODELS, RecordPage, RecordSubjectTag, RegulationPage
from kb.text_blocks import text_to_blocks

from .errors import ImportDataError, field_error
from .files import attachment_blocks, parse_attachments
from .relations import check_links, child_rows, explained_statuses, parse_links, status_fields, targets_first
from .writer import PageWriter, deferred_indexing

IMPORTER = "import_records"
LOOKUP_BATCH = 500  # identifiers per lookup query (well under SQLite's variable limit)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


def _error(line_no, thai, english, field=None):
    return ImportDataError(thai, english, field=field, line=line_no)


STATUS_VALUES = {value for value, _label in RegulationPage.STATUSES}
# C0 controls but tab and line breaks, DEL, and lone UTF-16 surrogates (from "\ud800" in JSON).
BAD_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# Model fields filled from a differently named RECORDS.md field.
SOURCE_FIELD = {"published_at": "published", "signed_from_be": "signed_between_be", "signed_to_be": "signed_between_be"}
LEGAL_TYPES = {value for value, _label in RegulationPage.LEGAL_TYPES}


def _date(value, field, line_no):
    if value in (None, ""):
        return None
    try:
        return (
            datetime.date.fromisoformat(str(value)[:10])
            if len(str(value)) <= 10
            else datetime.datetime.fromisoformat(value).date()
        )
    except (TypeError, ValueError):
        raise _error(
            line_no,
            f"วันที่ในช่อง {field} ไม่ถูกต้อง: {value!r} (ต้องเป็น YYYY-MM-DD)",
            f"bad date in field {field}: {value!r}, expected YYYY-MM-DD",
        ) from None


def _datetime(value, field, line_no):
    if value in (None, ""):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise _error(
            line_no, f"วันเวลาในช่อง {field} ไม่ถูกต้อง: {value!r}", f"bad timestamp in field {field}: {value!r}"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    return parsed


def _year(value, field, line_no):
    if value in (None, ""):
        return None
    if not isinstance(value, int) or not 2300 <= value <= 2700:
        raise _error(
            line_no,
            f"ปี พ.ศ. ในช่อง {field} ไม่ถูกต้อง: {value!r}",
            f"field {field} must be a Buddhist Era year (e.g. 2567), got {value!r}",
        )
    return value


def _check_characters(value, field, line_no):
    match = BAD_CHARACTERS.search(value)
    if match:
        code = f"U+{ord(match.group()):04X}"
        raise _error(
            line_no,
            f"ช่อง {field} มีอักขระที่ใช้ไม่ได้ {code} ที่ตำแหน่ง {match.start() + 1}",
            f"field {field} holds a forbidden character {code} at position {match.start() + 1}",
        )
    return value


def _text(record, field, line_no, required=False):
    value = record.get(field, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _error(line_no, f"ช่อง {field} ต้องเป็นข้อความ", f"field {field} must be a string")
    _check_characters(value, field, line_no)
    if required and not value.strip():
        raise _error(line_no, f"ไม่มีช่อง {field}", f"missing {field}")
    return value.strip()


def _list(record, field, line_no):
    value = record.get(field) or []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise _error(line_no, f"ช่อง {field} ต้องเป็นรายการ", f"field {field} must be a list")
    return [_check_characters(str(v), field, line_no).strip() for v in value if str(v).strip()]


def validate_fields(model, fields, subjects, line_no):
    """Run each value through its model field (to_python, max_length, URL, choices…), the
    page slug made from the identifier through the slug field, subjects through the tag name."""
    for name, value in fields.items():
        if name == "body":
            continue
        try:
            fields[name] = model._meta.get_field(name).clean(value, None)
        except ValidationError as exc:
            raise field_error(SOURCE_FIELD.get(name, name), exc, line=line_no) from None
    try:
        Page._meta.get_field("slug").clean(slug_for(fields["identifier"]), None)
    except ValidationError as exc:
        if RecordPage.objects.filter(identifier=fields["identifier"]).exists():
            pass  # an existing page keeps its slug; only a new page's slug comes from the identifier
        else:
            raise field_error(
                "identifier", exc, line=line_no, thai="ใช้เป็นส่วนของ URL ของหน้า (slug) ไม่ได้ ใช้ได้เฉพาะตัวอักษร ตัวเลข _ และ -"
            ) from None
    for subject in subjects:
        try:
            Tag._meta.get_field("name").clean(subject, None)
        except ValidationError as exc:
            raise field_error("subjects", exc, line=line_no) from None


def slug_for(identifier):
    """The page slug of a new record: its identifier in lower case."""
    return identifier.lower()


def parse_record(record, line_no, base_dir=None):
    """Validate one decoded line; return (model, fields, subjects). Attachments (paths
    relative to base_dir) are checked here and stored when the record is written."""
    if not isinstance(record, dict):
        raise _error(line_no, "ต้องเป็นวัตถุ JSON หนึ่งรายการต่อบรรทัด", "each line must be a JSON object")
    record_type = record.get("type")
    model = RECORD_MODELS.get(record_type)
    if model is None:
        raise _error(
            line_no,
            f"ไม่รู้จักประเภทเอกสาร {record_type!r}",
            f"unknown type {record_type!r}; expected one of {', '.join(RECORD_MODELS)}",
        )
    identifier = _text(record, "identifier", line_no, required=True)
    if len(identifier) > 120:
        raise _error(line_no, "identifier ยาวเกิน 120 ตัวอักษร", "identifier longer than 120 characters")
    fields = {
        "identifier": identifier,
        "title": _text(record, "title", line_no, required=True)[:255],
        "agency": _text(record, "agency", line_no),
        "source": _text(record, "source", line_no),
        "source_url": _text(record, "source_url", line_no),
        "language": _text(record, "language", line_no) or "th",
        "body": [
            {"type": kind, "value": value}
            # a regulation's มาตรา/ข้อ become legal units with anchors (kb.thai.sections)
            for kind, value in text_to_blocks(_text(record, "body", line_no), legal=record_type == "regulation")
        ],
    }
    if record_type == "regulation":
        legal_type = _text(record, "legal_type", line_no, required=True)
        if legal_type not in LEGAL_TYPES:
            raise _error(line_no, f"legal_type ไม่ถูกต้อง: {legal_type!r}", f"unknown legal_type {legal_type!r}")
        status = _text(record, "status", line_no) or "in_force"
        if status not in STATUS_VALUES:
            raise _error(
                line_no, f"status ไม่ถูกต้อง: {status!r}", f"status must be one of {', '.join(sorted(STATUS_VALUES))}"
            )
        fields.update(
            legal_type=legal_type,
            issuer=_text(record, "issuer", line_no),
            number=_text(record, "number", line_no),
            year_be=_year(record.get("year_be"), "year_be", line_no),
            effective_date=_date(record.get("effective_date"), "effective_date", line_no),
        )
    elif record_type == "ethics_code":
        fields.update(issuer=_text(record, "issuer", line_no), year_be=_year(record.get("year_be"), "year_be", line_no))
    elif record_type == "mou":
        between = record.get("signed_between_be") or []
        if between and (not isinstance(between, list) or len(between) != 2):
            raise _error(line_no, "signed_between_be ต้องเป็น [ปีแรก, ปีสุดท้าย]", "signed_between_be must be [first, last]")
        fields.update(
            parties="\n".join(_list(record, "parties", line_no)),
            countries="\n".join(_list(record, "countries", line_no)),
            signed_date=_date(record.get("signed_date"), "signed_date", line_no),
            signed_from_be=_year(between[0], "signed_between_be", line_no) if between else None,
            signed_to_be=_year(between[1], "signed_between_be", line_no) if between else None,
        )
    elif record_type == "cabinet_resolution":
        fields.update(
            meeting_date=_date(record.get("meeting_date"), "meeting_date", line_no),
            published_at=_datetime(record.get("published"), "published", line_no),
            outcome=_text(record, "outcome", line_no),
            proposer=_text(record, "proposer", line_no),
            chair=_text(record, "chair", line_no),
            category=_text(record, "category", line_no) or "มติ ครม.",
        )
    elif record_type == "news":
        fields.update(date=_date(record.get("date"), "date", line_no))
    elif record_type == "report":
        fields.update(
            date=_date(record.get("date"), "date", line_no),
            fiscal_year_be=_year(record.get("fiscal_year_be"), "fiscal_year_be", line_no),
        )
    elif record_type == "page":
        section = _text(record, "section", line_no)
        if section not in {value for value, _ in model.SECTIONS}:
            raise _error(
                line_no, f"section ไม่ถูกต้อง: {section!r}", "section must be one of ethics, organisation, international"
            )
        fields.update(section=section)
    subjects = _list(record, "subjects", line_no)
    validate_fields(model, fields, subjects, line_no)
    if record.get("attachments") is not None:
        fields["attachments"] = parse_attachments(record["attachments"], line_no, base_dir)
    if record_type == "regulation" and record.get("status") not in (None, ""):
        fields["status"] = status  # the file's word; read_records turns it into an override or not
    return model, fields, subjects


def read_records(lines, base_dir=None):
    """Parse and validate every line before anything is written; [(line_no, model, fields,
    subjects, links)], the targets of relations before the records naming them."""
    parsed, seen = [], {}
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _error(
                line_no,
                f"JSON ไม่ถูกต้อง ({exc.msg} ที่ตำแหน่ง {exc.colno})",
                f"invalid JSON: {exc.msg} at column {exc.colno}",
            ) from None
        model, fields, subjects = parse_record(record, line_no, base_dir)
        links = parse_links(record, line_no)
        if fields["identifier"] in seen:
            raise _error(
                line_no,
                f"identifier {fields['identifier']} ซ้ำกับบรรทัด {seen[fields['identifier']]}",
                f"duplicate identifier {fields['identifier']} (also on line {seen[fields['identifier']]})",
            )
        seen[fields["identifier"]] = line_no
        parsed.append((line_no, model, fields, subjects, links))
    check_links([(line_no, model, fields, links) for line_no, model, fields, _, links in parsed])
    explained = explained_statuses([(line_no, model, fields, links) for line_no, model, fields, _, links in parsed])
    for _, model, fields, _, _ in parsed:
        if model is RegulationPage and "status" in fields:  # absent: the page's override stays
            fields.update(status_fields(fields, fields.pop("status"), explained))
    return targets_first(parsed)


def parent_for(model, fields, cache=None):
    """The index page a new record goes under (a section page for type "page")."""
    from home.models import SectionPage

    key = (model.record_type, fields.get("section"))
    if cache is not None and key in cache:
        return cache[key]
    if model.record_type == "page":
        parent = SectionPage.objects.filter(section=fields["section"]).first()
    else:
        parent = INDEX_MODELS[model.record_type].objects.first()
    if cache is not None:
        cache[key] = parent
    return parent


def existing_pages(identifiers):
    """{identifier: specific page} and {page id: subject names}, one query per batch and kind."""
    pages, subjects = {}, {}
    for start in range(0, len(identifiers), LOOKUP_BATCH):
        chunk = identifiers[start : start + LOOKUP_BATCH]
        for page in RecordPage.objects.filter(identifier__in=chunk).specific():
            pages[page.identifier] = page
    ids = [page.pk for page in pages.values()]
    for start in range(0, len(ids), LOOKUP_BATCH):
        rows = RecordSubjectTag.objects.filter(content_object_id__in=ids[start : start + LOOKUP_BATCH])
        for page_id, name in rows.values_list("content_object_id", "tag__name"):
            subjects.setdefault(page_id, []).append(name)
    return pages, subjects


@transaction.atomic
def import_records(lines, publish=False, user=None, progress=None, replace_drafts=False, base_dir=None):
    """Create or update a page per record; returns ImportResult. Raises ImportDataError
    (then nothing is written), also for a record whose page holds someone's unpublished
    draft, unless replace_drafts (see kb.importers.writer)."""
    parsed = read_records(lines, base_dir)
    result = ImportResult()
    # prevalidated: parse_record checked every field through the model fields and built the body
    writer = PageWriter(IMPORTER, user=user, publish=publish, replace_drafts=replace_drafts, prevalidated=True)
    identifiers = [fields["identifier"] for _, _, fields, _, _ in parsed]
    linked = {target for *_, links in parsed for _, target, _, _ in links}
    pages, subjects_of = existing_pages(identifiers + sorted(linked - set(identifiers)))
    parents = {}
    with deferred_indexing():
        for line_no, model, fields, subjects, links in progress(parsed) if progress else parsed:
            where = {"line": line_no}
            fields.update(child_rows(model, links, pages, pages.get(fields["identifier"])))
            if "attachments" in fields:  # the files become documents (the same content: reused)
                fields["attachments"] = attachment_blocks(fields["attachments"], user=user)
            page = pages.get(fields["identifier"])
            if page is not None:
                if type(page) is not model:
                    raise _error(
                        line_no,
                        f"identifier {fields['identifier']} เป็นเอกสารประเภทอื่นอยู่แล้ว",
                        f"identifier {fields['identifier']} already belongs to a {page.record_type}",
                        field="identifier",
                    )
                written = writer.revise(
                    page,
                    fields,
                    subjects=subjects,
                    subject_names=subjects_of.get(page.pk, []),
                    where=where,
                    skip_unchanged=True,
                )
                if written.revision is None:
                    result.unchanged += 1
                else:
                    result.updated += 1
            else:
                parent = parent_for(model, fields, parents)
                if parent is None:
                    raise _error(
                        line_no,
                        f"ไม่มีหน้าสารบัญสำหรับประเภท {model.record_type} (รัน load_demo ก่อน)",
                        f"no index page for type {model.record_type}; create one or run load_demo",
                    )
                written = writer.create(
                    model, parent, fields, slug=slug_for(fields["identifier"]), subjects=subjects, where=where
                )
                pages[fields["identifier"]] = written.page  # a target of the records after it
                result.created += 1
        writer.flush()
    return result
