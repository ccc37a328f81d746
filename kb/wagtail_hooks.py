"""Wagtail admin hooks of the kb app, grouped by feature: keep each feature's hooks in
functions of their own under its heading."""

from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import admin_views
from .importers.resolutions import (
    IMPORT_ACTION,
    IMPORT_LABEL,
    OPENDATA_ACTION,
    OPENDATA_LABEL,
)

# ----------------------------------------------------------------------------- cabinet-resolution import
# The "นำเข้ามติ ครม." screen (kb.admin_views), its menu item, and the history entries
# written by kb.importers (admin screen and management commands).


class ResolutionImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import_resolutions(request.user)


@hooks.register("register_admin_urls")
def register_resolution_import_urls():
    return [
        path("kb/import-resolution/", admin_views.ImportResolutionView.as_view(), name="kb_import_resolution"),
    ]


@hooks.register("register_admin_menu_item")
def register_resolution_import_menu_item():
    # Right below "หน้า" (Pages, order 100): importing is part of writing pages.
    return ResolutionImportMenuItem(
        IMPORT_LABEL, reverse("kb_import_resolution"), name="kb-import-resolution", icon_name="upload", order=150
    )


@hooks.register("register_log_actions")
def register_resolution_import_log_actions(actions):
    via_labels = {
        "admin": "จากหน้าจอนำเข้า",
        "command": "ด้วยคำสั่ง import_resolution",
        "opendata": "จากข้อมูลเปิด (import_cabinet_opendata)",
    }

    class ImportFormatter(LogFormatter):
        def format_message(self, log_entry):
            data = log_entry.data or {}
            what = "สร้างฉบับร่างใหม่" if data.get("created") else "บันทึกฉบับปรับปรุง"
            via = via_labels.get(data.get("via"), "")
            item = f" รายการที่ {data['item']}" if data.get("item") else ""
            replaced = " (แทนที่ฉบับร่างที่ยังไม่เผยแพร่)" if data.get("replaced_draft") else ""
            return f"{self.label}: {what} {via}{item}{replaced}".strip()

    @actions.register_action(IMPORT_ACTION)
    class ResolutionImportFormatter(ImportFormatter):
        label = IMPORT_LABEL

    @actions.register_action(OPENDATA_ACTION)
    class OpenDataImportFormatter(ImportFormatter):
        label = OPENDATA_LABEL


# ----------------------------------------------------------------------------- copying record pages
# A copy gets its own identifier (RecordPage.copy_all_child_relations); an alias cannot, since
# Wagtail keeps every field of an alias equal to its source, so record pages are not aliased.


def _copies_records(request, page):
    from .models import RecordPage

    if page.specific_class and issubclass(page.specific_class, RecordPage):
        return True
    return bool(request.POST.get("copy_subpages")) and RecordPage.objects.descendant_of(page).exists()


@hooks.register("before_copy_page")
def refuse_record_aliases(request, page):
    if request.method == "POST" and request.POST.get("alias") and _copies_records(request, page):
        messages.error(
            request,
            "สร้างนามแฝง (alias) ของเอกสารไม่ได้ เพราะรหัสอ้างอิงต้องไม่ซ้ำกัน ให้ทำสำเนาแทน "
            "(record pages cannot be aliased: identifiers are unique; make a copy instead)",
        )
        return redirect(request.get_full_path())


@hooks.register("after_copy_page")
def announce_copy_identifier(request, page, new_page):
    from .models import RecordPage

    copy = new_page.specific
    if isinstance(copy, RecordPage):
        messages.info(
            request,
            f"สำเนามีรหัสอ้างอิงใหม่ {copy.identifier} แก้ไขได้ในหน้าแก้ไข "
            f"(the copy has its own identifier {copy.identifier}; change it in the editor)",
        )


@hooks.register("before_serve_document")
def files_of_hidden_records_stay_hidden(document, request):
    """A file is downloadable only through a live page the visitor may see that publishes
    it, or by editors: see kb.files.access."""
    from django.http import Http404

    from .files.access import may_download

    if not may_download(document, request):
        raise Http404("ไม่พบเอกสาร (document not found)")


@hooks.register("register_admin_urls")
def register_file_text_report_url():
    from .files.admin import FileTextReportView

    return [path("reports/file-text/", FileTextReportView.as_view(), name="kb_file_text_report")]


class FileTextMenuItem(MenuItem):
    def is_shown(self, request):
        from .files.access import may_use_documents

        return may_use_documents(request.user)


@hooks.register("register_reports_menu_item")
def register_file_text_report_menu_item():
    return FileTextMenuItem("ข้อความในไฟล์แนบ", reverse("kb_file_text_report"), icon_name="doc-full", order=700)


# ----------------------------------------------------------------------------- legal lifecycle
# History entries of statuses that follow amendments and repeals (kb.legal.status).


@hooks.register("register_log_actions")
def register_legal_status_log_actions(actions):
    from .labels import STATUS_LABELS
    from .legal.status import STATUS_ACTION

    @actions.register_action(STATUS_ACTION)
    class StatusChangeFormatter(LogFormatter):
        label = "สถานะทางกฎหมายเปลี่ยน"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            before, after = STATUS_LABELS.get(data.get("from"), data.get("from")), STATUS_LABELS.get(data.get("to"))
            if data.get("override"):
                return f"สถานะ: {before} → {after} (กำหนดเองโดยบรรณาธิการ เหตุผล: {data.get('reason') or '-'})"
            by = (data.get("by") or {}).get("title")
            since = f" มีผลตั้งแต่ {data['since']}" if data.get("since") else ""
            return f"สถานะ: {before} → {after}" + (f" โดย {by}{since}" if by else " (ตามความสัมพันธ์ทางกฎหมาย)")


@hooks.register("register_log_actions")
def register_legal_override_log_action(actions):
    from .labels import STATUS_LABELS
    from .legal.status import OVERRIDE_ACTION

    @actions.register_action(OVERRIDE_ACTION)
    class OverrideFormatter(LogFormatter):
        label = "เหตุผลที่กำหนดสถานะเองเปลี่ยน"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return f"สถานะ {STATUS_LABELS.get(data.get('to'), '')} (กำหนดเอง) เหตุผล: {data.get('reason') or '-'}"


@hooks.register("register_admin_urls")
def register_unresolved_citations_url():
    from .legal.admin import UnresolvedCitationsView

    return [path("reports/unresolved-citations/", UnresolvedCitationsView.as_view(), name="kb_unresolved_citations")]


@hooks.register("register_reports_menu_item")
def register_unresolved_citations_menu_item():
    return MenuItem("การอ้างอิงที่ยังไม่มีในคลัง", reverse("kb_unresolved_citations"), icon_name="link", order=710)
