"""The legal relations of the exchange format: `amends`, `repeals`, `issued_under` on a
regulation and `related_regulations` on a cabinet resolution, each a list of identifiers
(or of objects: {"identifier", "effective_date", "consolidated_text"} for a relation that
takes effect on a day of its own or an amendment with the text it produces;
{"identifier", "relation": approves | proposes | concerns} for a resolution).

Checked before anything is written, over the file and the site together: every identifier
names a regulation in one or the other, no instrument relates to itself, no cycle, no
repeal before the repealed instrument takes effect (kb.legal.relations, the rules the
editor's form uses too). Records are then written targets first, so each relation can
name its target's page; and a `status` the relations do not explain is kept as an
editor's override (the file said so)."""

import datetime

from kb.legal.relations import RelationProblem, check
from kb.models import LegalRelation, RecordPage, RegulationPage, ResolutionRegulation

from .errors import ImportDataError

REGULATION_FIELDS = ("amends", "repeals", "issued_under")
RESOLUTION_FIELD = "related_regulations"
RESOLUTION_RELATIONS = [value for value, _label in ResolutionRegulation.RELATIONS]
OVERRIDE_REASON = "สถานะตามที่ระบุในไฟล์นำเข้า (status given by the import file)"


def _error(line_no, thai, english, field):
    return ImportDataError(thai, english, field=field, line=line_no)


class Links(list):
    """[(field, identifier, effective date or None, consolidated text or relation)] of one
    record; .present: the relation fields the line gives (an absent field leaves the page's
    relations of that kind as they are, an empty list removes them)."""

    present = frozenset()


def parse_links(record, line_no):
    fields = REGULATION_FIELDS if record.get("type") == "regulation" else ()
    if record.get("type") == "cabinet_resolution":
        fields = (RESOLUTION_FIELD,)
    links = Links()
    links.present = frozenset(name for name in fields if record.get(name) is not None)
    for name in fields:
        value = record.get(name)
        if value in (None, []):
            continue
        if not isinstance(value, list):
            raise _error(
                line_no, f"ช่อง {name} ต้องเป็นรายการรหัสอ้างอิง", f"field {name} must be a list of identifiers", name
            )
        for item in value:
            links.append((name, *_link(item, name, line_no)))
    for other in (*REGULATION_FIELDS, RESOLUTION_FIELD):
        if other not in fields and record.get(other):
            raise _error(
                line_no,
                f"ช่อง {other} ใช้กับเอกสารประเภท {record.get('type')} ไม่ได้",
                f"field {other} does not apply to type {record.get('type')}",
                other,
            )
    return links


def _link(item, name, line_no):
    if isinstance(item, str) and item.strip():
        return item.strip(), None, "concerns" if name == RESOLUTION_FIELD else ""
    if isinstance(item, dict) and isinstance(item.get("identifier"), str) and item["identifier"].strip():
        day = item.get("effective_date")
        try:
            day = datetime.date.fromisoformat(day) if day else None
        except (TypeError, ValueError):
            raise _error(
                line_no,
                f"วันที่ effective_date ในช่อง {name} ไม่ถูกต้อง: {day!r} (ต้องเป็น YYYY-MM-DD)",
                f"bad effective_date in field {name}: {day!r}, expected YYYY-MM-DD",
                name,
            ) from None
        if name == RESOLUTION_FIELD:  # {"identifier", "relation": approves | proposes | concerns}
            relation = item.get("relation") or "concerns"
            if relation not in RESOLUTION_RELATIONS:
                raise _error(
                    line_no,
                    f"relation ในช่อง {name} ต้องเป็น {', '.join(RESOLUTION_RELATIONS)}: {relation!r}",
                    f"relation in field {name} must be one of {', '.join(RESOLUTION_RELATIONS)}, got {relation!r}",
                    name,
                )
            return item["identifier"].strip(), day, relation
        text = item.get("consolidated_text") or ""
        if not isinstance(text, str):
            raise _error(
                line_no, f"consolidated_text ในช่อง {name} ต้องเป็นข้อความ", "consolidated_text must be a string", name
            )
        return item["identifier"].strip(), day, text
    raise _error(
        line_no,
        f"รายการในช่อง {name} ต้องเป็นรหัสอ้างอิง: {item!r}",
        f"items of field {name} must be identifiers: {item!r}",
        name,
    )


def check_links(parsed):
    """Every relation of the file checked against the file and the site; raises
    ImportDataError at the first bad line. parsed: [(line_no, model, fields, links)]."""
    in_file = {fields["identifier"]: (line_no, model, fields) for line_no, model, fields, _ in parsed}
    wanted = {identifier for *_, links in parsed for _, identifier, _, _ in links} - set(in_file)
    on_site = {identifier: (record_type, effective) for identifier, record_type, effective in _site_records(wanted)}
    edges = {}
    for source, target in LegalRelation.objects.values_list("page__identifier", "target__identifier"):
        if source not in in_file:  # the file's records bring their own relations
            edges.setdefault(source, set()).add(target)
    for _, _, fields, links in parsed:
        for name, target, _, _ in links:
            if name in REGULATION_FIELDS:
                edges.setdefault(fields["identifier"], set()).add(target)

    def effective_of(identifier):
        if identifier in in_file:
            return in_file[identifier][2].get("effective_date")
        return on_site.get(identifier, (None, None))[1]

    def name_of(identifier):
        return f"“{identifier}”"

    _check_site_repeals(parsed, in_file)
    for line_no, _model, fields, links in parsed:
        for name, target, _, _ in links:
            kind = in_file[target][1].record_type if target in in_file else on_site.get(target, (None,))[0]
            if kind is None:
                raise _error(
                    line_no,
                    f"ช่อง {name}: ไม่พบเอกสารรหัส {target} ทั้งในไฟล์และในระบบ",
                    f"field {name}: no record {target} in the file or the site",
                    name,
                )
            if kind != "regulation":
                raise _error(
                    line_no,
                    f"ช่อง {name}: {target} ไม่ใช่กฎหมาย/ระเบียบ (เป็น {kind})",
                    f"field {name}: {target} is not a regulation (it is a {kind})",
                    name,
                )
        relations = [(n, t, day, effective_of(t)) for n, t, day, _ in links if n in REGULATION_FIELDS]
        try:
            check(fields["identifier"], relations, edges, name_of, fields.get("effective_date"))
        except RelationProblem as problem:
            field = next((n for n, *_ in links), "amends")
            raise _error(line_no, problem.thai, problem.english, field) from None


def _check_site_repeals(parsed, in_file):
    """A regulation of the file may not take effect after a repeal of it on the site does."""
    dated = {
        fields["identifier"]: (line_no, fields["effective_date"])
        for line_no, _, fields, _ in parsed
        if fields.get("effective_date")
    }
    repeals = (
        LegalRelation.objects.filter(kind=LegalRelation.REPEALS, target__identifier__in=list(dated))
        .exclude(page__identifier__in=list(in_file))  # the file's own repeals are checked on their lines
        .select_related("page", "target")
    )
    for relation in repeals:
        line_no, effective = dated[relation.target.identifier]
        repealed_on = relation.takes_effect()
        if repealed_on and repealed_on < effective:
            raise _error(
                line_no,
                f"effective_date {effective} อยู่หลังวันที่ {relation.page.identifier} ยกเลิกฉบับนี้ ({repealed_on})",
                f"effective_date {effective} is after {relation.page.identifier} repeals this instrument "
                f"({repealed_on}): a repeal cannot take effect before the repealed instrument does",
                "effective_date",
            )


def _site_records(identifiers):
    pages = RecordPage.objects.filter(identifier__in=identifiers).specific()
    for page in pages:
        yield page.identifier, page.record_type, getattr(page, "effective_date", None)


def targets_first(parsed):
    """The records (tuples whose last item is their links) in an order where every
    relation's target in the file comes before the record naming it (the relations make no
    cycle: check_links); otherwise the file's order."""
    by_id = {item[2]["identifier"]: item for item in parsed}
    done, ordered = set(), []

    def visit(item):
        identifier = item[2]["identifier"]
        if identifier in done:
            return
        done.add(identifier)
        for _, target, _, _ in item[-1]:
            if target in by_id:
                visit(by_id[target])
        ordered.append(item)

    for item in parsed:
        visit(item)
    return ordered


def explained_statuses(parsed):
    """{identifier: statuses its relations explain}: amended by an amendment, repealed by a
    repeal, in the file or on the site."""
    explained = {}
    for _, _, _, links in parsed:
        for name, target, _, _ in links:
            if name == "amends":
                explained.setdefault(target, set()).add("amended")
            elif name == "repeals":
                explained.setdefault(target, set()).add("repealed")
    rows = LegalRelation.objects.values_list("target__identifier", "kind")
    for target, kind in rows:
        explained.setdefault(target, set()).add({"amends": "amended", "repeals": "repealed"}.get(kind, ""))
    return explained


def status_fields(fields, status, explained):
    """The override fields for a regulation whose file status its relations do not give;
    nothing otherwise (in_force, the format's default, or a status the relations explain
    claim nothing, so an editor's override stays)."""
    if status in ("", "in_force") or status in explained.get(fields["identifier"], ()):
        return {}
    return {"status_override": status, "status_override_reason": OVERRIDE_REASON}


def child_rows(model, links, pages, current=None):
    """The child relation rows of a record about to be written, its targets' pages taken
    from `pages` ({identifier: page}: written by this import or already on the site). The
    kinds the line does not give keep the rows `current` (the page on the site) has."""
    if model is RegulationPage and links.present:
        kept = [r for r in current.legal_relations.all() if r.kind not in links.present] if current else []
        rows = [
            LegalRelation(
                kind=r.kind,
                target_id=r.target_id,
                effective_date=r.effective_date,
                consolidated_text=r.consolidated_text,
            )
            for r in kept
        ]
        rows += [
            LegalRelation(
                kind=name,
                target_id=pages[target].pk,
                effective_date=day,
                consolidated_text=text if name == "amends" else "",
            )
            for name, target, day, text in links
        ]
        for order, row in enumerate(rows):
            row.sort_order = order
        return {"legal_relations": rows}
    if model.record_type == "cabinet_resolution" and links.present:
        return {
            "regulation_links": [
                ResolutionRegulation(regulation_id=pages[target].pk, relation=relation, sort_order=order)
                for order, (_, target, _, relation) in enumerate(links)
            ]
        }
    return {}
