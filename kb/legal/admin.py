"""The admin report of citations that name nothing in the knowledge base yet, grouped by
the instrument or resolution they name, most cited first: which instruments to add next."""

from django.db.models import Count, Sum
from django.views.generic import TemplateView

from ..models import Citation

SHOWN = 200
SOURCES_SHOWN = 5


def unresolved_groups(limit=SHOWN):
    """[{"key", "kind", "text", "records", "occurrences", "sources": [pages]}], most cited first."""
    waiting = Citation.objects.filter(target=None).exclude(kind="section")
    groups = list(
        waiting.values("key", "kind")
        .annotate(records=Count("source", distinct=True), occurrences=Sum("occurrences"))
        .order_by("-records", "-occurrences", "key")[:limit]
    )
    rows = waiting.filter(key__in=[g["key"] for g in groups]).select_related("source").order_by("source__title")
    by_key = {}
    for row in rows:  # one query for every group's example text and citing pages
        by_key.setdefault(row.key, []).append(row)
    for group in groups:
        found = by_key.get(group["key"], [])
        group["text"] = found[0].text if found else group["key"]
        group["sources"] = list(dict.fromkeys(row.source for row in found))[:SOURCES_SHOWN]
    return groups


class UnresolvedCitationsView(TemplateView):
    template_name = "kb/admin/unresolved_citations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        waiting = Citation.objects.filter(target=None).exclude(kind="section")
        context.update(
            page_title="การอ้างอิงที่ยังไม่มีในคลัง",
            header_icon="link",
            groups=unresolved_groups(),
            total=waiting.values("key").distinct().count(),
            resolved=Citation.objects.exclude(target=None).exclude(kind="section").count(),
            shown=SHOWN,
        )
        return context
