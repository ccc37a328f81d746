"""Wagtail admin hooks of the kb app, grouped by feature: keep each feature's hooks in
functions of their own under its heading."""
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import admin_views
from .resolution_import import IMPORT_ACTION, IMPORT_LABEL, OPENDATA_ACTION, OPENDATA_LABEL

# ----------------------------------------------------------------------------- cabinet-resolution import
# The "นำเข้ามติ ครม." screen (kb.admin_views), its menu item, and the history entries
# written by kb.resolution_import (admin screen and management commands).


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
    return ResolutionImportMenuItem(IMPORT_LABEL, reverse("kb_import_resolution"), name="kb-import-resolution",
                                    icon_name="upload", order=150)


@hooks.register("register_log_actions")
def register_resolution_import_log_actions(actions):
    via_labels = {"admin": "จากหน้าจอนำเข้า", "command": "ด้วยคำสั่ง import_resolution",
                  "opendata": "จากข้อมูลเปิด (import_cabinet_opendata)"}

    class ImportFormatter(LogFormatter):
        def format_message(self, log_entry):
            data = log_entry.data or {}
            what = "สร้างฉบับร่างใหม่" if data.get("created") else "บันทึกฉบับปรับปรุง"
            via = via_labels.get(data.get("via"), "")
            item = f" รายการที่ {data['item']}" if data.get("item") else ""
            return f"{self.label}: {what} {via}{item}".strip()

    @actions.register_action(IMPORT_ACTION)
    class ResolutionImportFormatter(ImportFormatter):
        label = IMPORT_LABEL

    @actions.register_action(OPENDATA_ACTION)
    class OpenDataImportFormatter(ImportFormatter):
        label = OPENDATA_LABEL
