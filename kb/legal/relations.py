"""The rules every legal relation obeys, written once for the page editor (RegulationPage.
clean) and the importer: no relation to itself, no cycle through amends / repeals / issued
under, and no repeal that takes effect before the repealed instrument does.

Nodes are whatever identifies an instrument to the caller (page ids in the admin,
identifiers in an import); `edges` maps a node to the nodes it relates to."""

from django.core.exceptions import ValidationError

from ..models.legal import LegalRelation
from ..thai.dates import format_thai_date

KIND_LABELS = dict(LegalRelation.KINDS)


class RelationProblem(Exception):
    def __init__(self, thai, english):
        super().__init__(f"{thai} ({english})")
        self.thai, self.english = thai, english


def find_cycle(start, targets, edges):
    """A path start -> target -> … -> start through `edges`, or None."""
    for target in targets:
        stack, seen = [(target, [start, target])], set()
        while stack:
            node, path = stack.pop()
            if node == start:
                return path
            if node in seen:
                continue
            seen.add(node)
            stack.extend((nxt, path + [nxt]) for nxt in edges.get(node, ()))
    return None


def check(start, relations, edges, name_of, start_effective=None):
    """Raise RelationProblem for the first broken rule. relations: [(kind, target node,
    relation effective date or None, target effective date or None)]."""
    for kind, target, effective, target_effective in relations:
        if target == start:
            raise RelationProblem(
                f"กฎหมายจะ{KIND_LABELS[kind]}ตัวเองไม่ได้", f"an instrument cannot {kind.replace('_', ' ')} itself"
            )
        effective = effective or start_effective
        if kind == "repeals" and effective and target_effective and effective < target_effective:
            raise RelationProblem(
                f"การยกเลิก {name_of(target)} มีผล {format_thai_date(effective)} ก่อนวันที่ฉบับนั้นมีผลใช้บังคับ "
                f"({format_thai_date(target_effective)})",
                f"the repeal of {name_of(target)} takes effect ({effective}) before that instrument does "
                f"({target_effective})",
            )
    cycle = find_cycle(start, [target for _, target, _, _ in relations], edges)
    if cycle:
        chain = " → ".join(name_of(node) for node in cycle)
        raise RelationProblem(f"ความสัมพันธ์วนกลับมาที่ฉบับนี้: {chain}", f"the relations make a cycle: {chain}")


def check_incoming_repeals(page):
    """A regulation's own date may not move after a repeal of it takes effect."""
    from ..models import LegalRelation

    if not page.pk or not page.effective_date:
        return
    repeals = LegalRelation.objects.filter(target_id=page.pk, kind=LegalRelation.REPEALS).select_related("page")
    for relation in repeals:
        repealed_on = relation.takes_effect()
        if repealed_on and repealed_on < page.effective_date:
            raise ValidationError(
                f"ฉบับนี้ถูกยกเลิกโดย “{relation.page.title}” มีผล {format_thai_date(repealed_on)} "
                f"ก่อนวันที่มีผลใช้บังคับที่ระบุ ({format_thai_date(page.effective_date)}) — "
                f"“{relation.page.title}” repeals this instrument from {repealed_on}, before the effective date "
                f"given ({page.effective_date})"
            )


def check_page(page, relations=None):
    """The rules over a regulation's relations as edited (`relations`: [(kind, target page,
    effective date)], default the page's own rows in memory) and every other regulation's
    (the database rows). Raises ValidationError with the Thai and English message."""
    from ..models import LegalRelation

    if relations is None:
        relations = [(r.kind, r.target, r.effective_date) for r in page.legal_relations.all() if r.target_id]
    relations = [(kind, target, day) for kind, target, day in relations if target is not None]
    check_incoming_repeals(page)
    if not relations:
        return
    start = page.pk or "this"
    edges = {}
    for source, target in LegalRelation.objects.exclude(page_id=page.pk).values_list("page_id", "target_id"):
        edges.setdefault(source, set()).add(target)
    titles = {target.pk: target.title for _, target, _ in relations}
    titles.update({page.pk: page.title, "this": page.title or "ฉบับนี้"})

    def name_of(node):
        if node not in titles:
            from ..models import RegulationPage

            titles[node] = RegulationPage.objects.filter(pk=node).values_list("title", flat=True).first() or node
        return f"“{titles[node]}”"

    items = [(kind, target.pk, day, target.effective_date) for kind, target, day in relations]
    try:
        check(start, items, edges, name_of, page.effective_date)
    except RelationProblem as problem:
        raise ValidationError(f"{problem.thai} — {problem.english}") from None
