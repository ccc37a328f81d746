"""The officers' menu item and screens in the Wagtail admin, and the audit-log actions."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .services import ACTIONS


class ComplaintsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view(request.user)


@hooks.register("register_admin_urls")
def register_complaint_urls():
    urls = [
        path("", admin_views.complaint_list, name="list"),
        path("<int:pk>/", admin_views.complaint_detail, name="detail"),
        path("<int:pk>/evidence/<int:file_pk>/", admin_views.evidence_download, name="evidence"),
    ]
    return [path("complaints/", include((urls, "complaints_admin"), namespace="complaints_admin"))]


@hooks.register("register_admin_menu_item")
def register_complaints_menu_item():
    return ComplaintsMenuItem(
        "เรื่องร้องเรียนการทุจริต", reverse("complaints_admin:list"), name="complaints", icon_name="mail", order=160
    )


@hooks.register("register_log_actions")
def register_complaint_log_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)
