"""The admin's list of files and where extracting their text stands (Reports menu)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.views.generic import TemplateView

from ..models import FileText
from .access import documents_for, may_use_documents

PER_PAGE = 100


class FileTextReportView(TemplateView):
    template_name = "kb/admin/file_text_report.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_use_documents(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.request.GET.get("state", "")
        # Only the files of the collections this editor may work with
        mine = documents_for(self.request.user)
        documents = mine.select_related("file_text").order_by("-created_at")
        if state == FileText.State.WAITING:
            documents = documents.filter(Q(file_text__isnull=True) | Q(file_text__state=state))
        elif state in FileText.State.values:
            documents = documents.filter(file_text__state=state)
        counts = dict(mine.values_list("file_text__state").annotate(n=Count("pk")).values_list("file_text__state", "n"))
        counts[FileText.State.WAITING] = counts.get(FileText.State.WAITING, 0) + counts.pop(None, 0)
        context.update(
            page_title="ข้อความในไฟล์แนบ",
            header_icon="doc-full",
            rows=[(d, getattr(d, "file_text", None)) for d in documents[:PER_PAGE]],
            states=[(value, label, counts.get(value, 0)) for value, label in FileText.State.choices],
            state=state,
            shown=PER_PAGE,
        )
        return context
