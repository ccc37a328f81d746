"""Admin-wide look: the Thai web font for editors (see static/css/admin.css)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def thai_admin_font():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
