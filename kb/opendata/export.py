"""The records anyone may see in the exchange format of data/RECORDS.md (what
`import_records` reads), and as CSV per kind: exported_records, record_dict, write_jsonl,
write_csv, CSV_COLUMNS (called by `manage.py export_records`, the /opendata/ page and the
catalogue; docs/opendata.md).

Pages are streamed kind by kind from the kind's own model (so they come specific, no
.specific() needed) with .iterator(chunk_size=500); each chunk's subjects, relations and
visible relation targets are read in one query each. The body is written in the line shapes
kb.text_blocks reads back ("1. …", "- …", "label — value", "มาตรา ๒๖ …"): importing an
export gives the same blocks, and exporting those again the same text."""

import csv
import datetime
import html
import io
import itertools
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path, PurePosixPath

from django.utils import timezone
from django.utils.html import strip_tags

from kb.importers.relations import REGULATION_FIELDS
from kb.labels import STATUS_LABELS
from kb.models import (
    RECORD_MODELS,
    ContentPage,
    LegalRelation,
    RecordSubjectTag,
    RegulationPage,
    ResolutionRegulation,
    block_text_lines,
    published_records,
)
from kb.models.base import private_collection_ids
from kb.text_blocks import BULLET
from kb.thai.dates import format_thai_date
from kb.thai.sections import TEXT_UNITS, match_unit, normalize_unit, unit_title

CHUNK_SIZE = 500
LIST_SEPARATOR = "; "


# ---------------------------------------------------------------- which records
def _record_types(types):
    if types is None:
        return sorted(RECORD_MODELS)
    if isinstance(types, str):
        types = [types]
    unknown = [t for t in types if t not in RECORD_MODELS]
    if unknown:
        expected = ", ".join(sorted(RECORD_MODELS))
        raise ValueError(
            f"ไม่รู้จักประเภทเอกสาร {', '.join(map(repr, unknown))} ต้องเป็นหนึ่งใน {expected} "
            f"(unknown record type {', '.join(map(repr, unknown))}; expected one of {expected})"
        )
    return sorted(set(types))


def _since_date(since):
    if isinstance(since, datetime.datetime):
        return timezone.localtime(since).date() if timezone.is_aware(since) else since.date()
    if since is None or isinstance(since, datetime.date):
        return since
    try:
        return datetime.date.fromisoformat(str(since).strip())
    except ValueError:
        raise ValueError(
            f"วันที่ since ไม่ถูกต้อง: {since!r} (ต้องเป็น YYYY-MM-DD) (bad since date {since!r}, expected YYYY-MM-DD)"
        ) from None


def _queryset(model, since):
    pages = published_records(model)
    if since is not None:
        pages = pages.filter(last_published_at__date__gte=since)
    return pages.order_by("identifier")


def exported_records(types=None, since=None):
    """The records anyone may see, of `types` (record_type values; all when None) last
    published on or after `since` (a date), ordered by (record_type, identifier); an
    iterator that keeps a chunk of CHUNK_SIZE pages in memory at a time. Bad types or since:
    ValueError (Thai and English), raised here, before anything is read."""
    record_types, since = _record_types(types), _since_date(since)
    return _iterate(record_types, since)


def count_records(types=None, since=None):
    """How many records exported_records(types, since) gives (a progress bar's total)."""
    since = _since_date(since)
    return sum(_queryset(RECORD_MODELS[t], since).count() for t in _record_types(types))


def _iterate(record_types, since):
    for record_type in record_types:
        pages = _queryset(RECORD_MODELS[record_type], since).iterator(chunk_size=CHUNK_SIZE)
        while chunk := list(itertools.islice(pages, CHUNK_SIZE)):
            _prefetch(chunk)
            yield from chunk


def _prefetch(pages):
    """Subjects, legal relations (to visible targets only) and resolution links of `pages`,
    one query each, kept on each page for record_dict."""
    ids = [page.pk for page in pages]
    subjects = defaultdict(list)
    rows = RecordSubjectTag.objects.filter(content_object_id__in=ids).order_by("pk")
    for page_id, name in rows.values_list("content_object_id", "tag__name"):
        subjects[page_id].append(name)
    links = defaultdict(list)
    kinds = {page.record_type for page in pages}
    if "regulation" in kinds:
        rows = LegalRelation.objects.filter(page_id__in=ids).order_by("sort_order", "pk")
        fields = ("page_id", "kind", "target_id", "target__identifier", "effective_date", "consolidated_text")
        for page_id, *link in rows.values_list(*fields):
            links[page_id].append(tuple(link))
    if "cabinet_resolution" in kinds:
        rows = ResolutionRegulation.objects.filter(page_id__in=ids).order_by("sort_order", "pk")
        fields = ("page_id", "relation", "regulation_id", "regulation__identifier")
        for page_id, relation, target_id, identifier in rows.values_list(*fields):
            links[page_id].append((relation, target_id, identifier, None, ""))
    targets = {link[1] for page_links in links.values() for link in page_links}
    visible = set(published_records(RegulationPage).filter(pk__in=targets).values_list("pk", flat=True))
    shared = {}  # what the chunk's pages share: the private collections, read when first needed
    for page in pages:
        page.__dict__["_opendata"] = {
            "subjects": subjects.get(page.pk, []),
            "links": [link for link in links.get(page.pk, []) if link[1] in visible],
            "shared": shared,
        }


def _prefetched(page):
    if "_opendata" not in page.__dict__:
        _prefetch([page])
    return page.__dict__["_opendata"]


# ---------------------------------------------------------------- body text
_LINE_BREAKS = re.compile(r"</(?:p|li|h[1-6]|div|blockquote|tr)>|<br\s*/?>", re.IGNORECASE)


def _one_line(text):
    return " ".join(part.strip() for part in str(text or "").splitlines() if part.strip())


def _lines(text):
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def _unit_tokens(value):
    """A legal unit as the legal parser (kb.thai.sections.parse_units) reads it back:
    "หมวด ๑ บททั่วไป"; "มาตรา ๒๖ <first วรรค>" then one line per วรรค."""
    head = f"{unit_title(value['unit'])} {value['number'] or ''}".strip()
    heading, text = _one_line(value.get("heading")), _lines(value.get("text"))
    if value["unit"] not in TEXT_UNITS:
        return [("line", f"{head} {heading}".strip())] + [("line", line) for line in text]
    text = ([heading] if heading else []) + text
    if text:
        read = match_unit(f"{head} {text[0]}")
        if read and read[0] == normalize_unit(value["unit"]) and read[2] == text[0]:
            return [("line", f"{head} {text[0]}")] + [("line", line) for line in text[1:]]
    return [("line", head)] + [("line", line) for line in text]


def _block_tokens(block_type, value):
    """("line", text), ("heading", text) or ("num", item[, prefix]) tokens of one block."""
    if block_type == "paragraph":
        source = getattr(value, "source", value) or ""
        return [("line", line) for line in _lines(html.unescape(strip_tags(_LINE_BREAKS.sub("\n", source))))]
    if block_type == "heading":
        text = _one_line(value["text"])
        return [("heading", text)] if text else []
    if block_type in ("numbered_list", "steps"):
        return [("num", item) for item in map(_one_line, value) if item]
    if block_type == "bulleted_list":
        return [("line", f"- {item}") for item in map(_one_line, value) if item]
    if block_type == "table":
        rows = [[_one_line(c) for c in row if _one_line(c)] for row in (value or {}).get("data") or []]
        caption = _one_line((value or {}).get("table_caption"))
        return [("line", caption)] * bool(caption) + [("line", " — ".join(row)) for row in rows if row]
    if block_type == "statements":
        tokens = []
        for statement in value:
            title, text = _one_line(statement["title"]), _one_line(statement["text"])
            items = [item for item in map(_one_line, statement["items"]) if item]
            if text or not items:
                tokens.append(("line", f"{title} — {text}".strip()))
            else:
                tokens.append(("num", items.pop(0), f"{title} — "))
            tokens += [("num", item) for item in items]
        return tokens
    if block_type == "people":
        return [("line", name) for name in (_one_line(p["name"]) for p in value) if name]
    if block_type == "legal_unit":
        return _unit_tokens(value)
    if block_type in ("footnotes", "disclaimer"):
        return [("line", line) for item in ([value] if block_type == "disclaimer" else value) for line in _lines(item)]
    return [("line", line) for line in map(_one_line, block_text_lines(block_type, value)) if line]


def body_text(body):
    """A StreamField body (or a page) as the text lines the importer turns back into the
    same blocks: numbered items "1. …" (numbered on across adjacent lists, as the
    importer joins them), bullets "- …", table rows "label — value", statements
    "title — text" with their items, a heading as its line before a list and as
    "heading —" elsewhere, legal units as in the law."""
    body = getattr(body, "body", body)
    tokens = [token for block in body for token in _block_tokens(block.block_type, block.value)]
    lines, number = [], 0
    for i, (kind, text, *prefix) in enumerate(tokens):
        if kind == "num":
            number = 1 if prefix else number + 1
            lines.append(f"{prefix[0] if prefix else ''}{number}. {text}")
            continue
        number = 0
        if kind == "heading":
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            before_list = after is not None and (
                (after[0] == "num" and len(after) == 2) or (after[0] == "line" and BULLET.match(after[1]))
            )
            lines.append(text if before_list else f"{text} —")
        else:
            lines.append(text)
    return "\n".join(lines)


# ---------------------------------------------------------------- one record
def _iso(value):
    return value.isoformat() if value else None


def _timestamp(value):
    return timezone.localtime(value).isoformat() if value else None


def _link_item(identifier, effective_date, text):
    if effective_date or text:
        return {"identifier": identifier, "effective_date": _iso(effective_date), "consolidated_text": text}
    return identifier


def _fields(page, *names):
    return {name: getattr(page, name) for name in names}


def _regulation(page, extra):
    fields = _fields(page, "legal_type", "number", "year_be", "issuer")
    fields.update(effective_date=_iso(page.effective_date), status=page.status)
    for name in REGULATION_FIELDS:
        fields[name] = [_link_item(i, d, t) for k, _, i, d, t in extra["links"] if k == name]
    return fields


def _resolution(page, extra):
    fields = {"meeting_date": _iso(page.meeting_date), "published": _timestamp(page.published_at)}
    fields.update(_fields(page, "outcome", "proposer", "chair", "category"))
    fields["related_regulations"] = [
        identifier if relation == "concerns" else {"identifier": identifier, "relation": relation}
        for relation, _, identifier, _, _ in extra["links"]
    ]
    return fields


def _mou(page, extra):
    between = [page.signed_from_be, page.signed_to_be]
    fields = {"parties": page.party_list, "countries": page.country_list, "signed_date": _iso(page.signed_date)}
    return {**fields, "signed_between_be": between if any(between) else None}


KIND_FIELDS = {
    "regulation": _regulation,
    "ethics_code": lambda page, extra: _fields(page, "issuer", "year_be"),
    "mou": _mou,
    "cabinet_resolution": _resolution,
    "news": lambda page, extra: {"date": _iso(page.date)},
    "report": lambda page, extra: {"date": _iso(page.date), "fiscal_year_be": page.fiscal_year_be},
    "project": lambda page, extra: {},
    "page": lambda page, extra: _fields(page, "section"),
}


def public_files(page):
    """[(document, title)] of the page's files anyone may download (public_documents())."""
    shared = _prefetched(page)["shared"]
    if "private" not in shared:
        shared["private"] = private_collection_ids()
    private = shared["private"]
    return [(d, title) for d, title in page.attached_documents() if d.collection_id not in private]


def _safe_name(name, fallback):
    name = re.sub(r"[^\w.\-]+", "_", name).strip("._")
    return name or fallback


def _copy_files(page, folder):
    """Copy the page's public files to folder/<identifier>/<file name>; the attachments
    entries, paths relative to the folder's parent (the JSONL's folder)."""
    folder = Path(folder)
    subfolder = _safe_name(page.identifier, f"record-{page.pk}")
    entries, names = [], {}
    for document, title in public_files(page):
        if document.pk not in names:
            stem = _safe_name(PurePosixPath(document.file.name).name, f"document-{document.pk}")
            name, n = stem, 1
            while name in names.values():
                n += 1
                name = f"{PurePosixPath(stem).stem}-{n}{PurePosixPath(stem).suffix}"
            names[document.pk] = name
            target = folder / subfolder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with document.file.storage.open(document.file.name, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy)
        entries.append({"file": f"{folder.name}/{subfolder}/{names[document.pk]}", "title": title.strip()[:255]})
    return entries


def record_dict(page, attachments_dir=None):
    """The record in the import format: the fields parse_record reads for its kind, in the
    order identifier, type, title, body, agency, language, source, source_url, subjects,
    the kind's fields, attachments. Dates ISO (C.E.); relations only to records anyone may
    see. With attachments_dir (a folder beside the JSONL), the public files are copied
    there and listed in "attachments" (the key is left out for a record without any)."""
    extra = _prefetched(page)
    record = {"identifier": page.identifier, "type": page.record_type, "title": page.title, "body": body_text(page)}
    record.update(_fields(page, "agency", "language", "source", "source_url"), subjects=list(extra["subjects"]))
    record.update(KIND_FIELDS[page.record_type](page, extra))
    if attachments_dir is not None:
        files = _copy_files(page, attachments_dir)
        if files:
            record["attachments"] = files
    return record


def _as_record(item):
    return item if isinstance(item, dict) else record_dict(item)


def _text_stream(fp):
    """fp itself for text streams (and HttpResponse), a UTF-8 wrapper for binary ones."""
    mode = getattr(fp, "mode", "")
    if isinstance(fp, (io.RawIOBase, io.BufferedIOBase)) or (isinstance(mode, str) and "b" in mode):
        return io.TextIOWrapper(fp, encoding="utf-8", newline=""), True
    return fp, False


def _release(out, wrapped):
    if wrapped:  # the caller's binary stream stays open
        out.flush()
        out.detach()


def write_jsonl(records, fp):
    """Records (pages or record_dict()s) as JSON Lines to fp (text or binary, UTF-8); the count."""
    out, wrapped = _text_stream(fp)
    count = 0
    for item in records:
        out.write(json.dumps(_as_record(item), ensure_ascii=False) + "\n")
        count += 1
    _release(out, wrapped)
    return count


# ---------------------------------------------------------------- CSV
def _dated(key, header):
    return [(key, header), (f"{key}_be", f"{header} (พ.ศ.)")]


_HEAD = [("identifier", "รหัสอ้างอิง"), ("title", "ชื่อเรื่อง")]
_TAIL = [("agency", "หน่วยงานที่รับผิดชอบ"), ("subjects", "หัวเรื่อง"), ("language", "ภาษา"), ("source", "แหล่งที่มา")]
_TAIL += [("source_url", "ลิงก์ต้นฉบับ"), ("url", "ลิงก์หน้าเว็บ"), ("files", "ไฟล์แนบ"), ("body", "เนื้อหา")]
_KIND_COLUMNS = {
    "regulation": [("legal_type", "ประเภทกฎหมาย"), ("number", "เลขที่/ฉบับที่"), ("year_be", "ปี พ.ศ."), ("issuer", "ผู้ออก")]
    + [*_dated("effective_date", "วันที่มีผลใช้บังคับ"), ("status", "รหัสสถานะ"), ("status_label", "สถานะ")]
    + [("amends", "แก้ไขเพิ่มเติม"), ("repeals", "ยกเลิก"), ("issued_under", "ออกตามความใน")],
    "ethics_code": [("issuer", "ผู้ออก"), ("year_be", "ปี พ.ศ.")],
    "mou": [("parties", "คู่ภาคี"), ("countries", "ประเทศ"), *_dated("signed_date", "วันที่ลงนาม")]
    + [("signed_from_be", "ลงนามระหว่างปี พ.ศ. (ตั้งแต่)"), ("signed_to_be", "ลงนามระหว่างปี พ.ศ. (ถึง)")],
    "cabinet_resolution": [*_dated("meeting_date", "วันที่ประชุม"), *_dated("published", "เวลาเผยแพร่")]
    + [("outcome", "ผลการพิจารณา"), ("proposer", "หน่วยงานที่เสนอ"), ("chair", "ประธานที่ประชุม")]
    + [("category", "หมวดหมู่"), ("related_regulations", "กฎหมาย/ระเบียบที่เกี่ยวข้อง")],
    "news": _dated("date", "วันที่"),
    "report": [*_dated("date", "วันที่"), ("fiscal_year_be", "ปีงบประมาณ พ.ศ.")],
    "project": [],
    "page": [("section", "รหัสหมวด"), ("section_label", "หมวด")],
}
#: Per kind, the CSV's (column key, Thai header) pairs, in order.
CSV_COLUMNS = {kind: _HEAD + columns + _TAIL for kind, columns in _KIND_COLUMNS.items()}
_DATE_KEYS = {key[: -len("_be")] for columns in _KIND_COLUMNS.values() for key, _ in columns if key.endswith("_be")}
_SECTION_LABELS = dict(ContentPage.SECTIONS)


def _csv_values(item):
    record = dict(_as_record(item))
    if isinstance(item, dict):
        record["files"] = [a["file"] for a in record.get("attachments") or []]
    else:
        parts = item.get_url_parts()
        root = parts[1] if parts and parts[1] else ""
        record["url"] = item.get_full_url() or ""
        record["files"] = [root + document.url for document, _ in public_files(item)]
    for key in _DATE_KEYS & set(record):
        style = "short_datetime" if key == "published" else "short"
        record[f"{key}_be"] = format_thai_date(record[key], style) if record[key] else ""
    if record["type"] == "regulation":  # as the page says it: "ยกเลิกแล้ว โดย … มีผลตั้งแต่ …"
        label = item.get_status_label() if not isinstance(item, dict) else ""
        record["status_label"] = label or STATUS_LABELS.get(record.get("status"), "")
    if record["type"] == "mou":
        record["signed_from_be"], record["signed_to_be"] = record.get("signed_between_be") or ["", ""]
    if record["type"] == "page":
        record["section_label"] = _SECTION_LABELS.get(record.get("section"), "")
    return record


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(v["identifier"] if isinstance(v, dict) else str(v) for v in value)
    return value


def write_csv(records, fp, kind):
    """Records of one kind (pages or record_dict()s; other kinds are skipped) as CSV to fp:
    UTF-8 with a BOM (Excel then reads Thai), the Thai headers of CSV_COLUMNS[kind], one row
    per record; dates ISO with a B.E. column beside ("9 ก.ค. 2567"), lists joined with "; ".
    A text fp must be opened with newline=""; returns the number of rows."""
    _record_types([kind])  # an unknown kind: ValueError (Thai and English)
    columns = CSV_COLUMNS[kind]
    out, wrapped = _text_stream(fp)
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([header for _, header in columns])
    count = 0
    for item in records:
        if (item.get("type") if isinstance(item, dict) else item.record_type) != kind:
            continue
        record = _csv_values(item)
        writer.writerow([_cell(record.get(key)) for key, _ in columns])
        count += 1
    _release(out, wrapped)
    return count
