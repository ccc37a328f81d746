"""The admin's list of files and where extracting their text stands (Reports menu)."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.documents import get_document_model

from ..models import FileText
from .access import may_use_documents

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
        documents = get_document_model().objects.select_related("file_text").order_by("-created_at")
        if state == FileText.State.WAITING:
            documents = documents.filter(file_text__isnull=True) | documents.filter(file_text__state=state)
        elif state in FileText.State.values:
            documents = documents.filter(file_text__state=state)
        rows = [(d, getattr(d, "file_text", None)) for d in documents[:PER_PAGE]]
        context.update(
            page_title="ข้อความในไฟล์แนบ",
            header_icon="doc-full",
            rows=rows,
            states=FileText.State.choices,
            state=state,
            counts={s: FileText.objects.filter(state=s).count() for s in FileText.State.values},
            shown=PER_PAGE,
        )
        return context
