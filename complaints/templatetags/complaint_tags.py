"""{% complaint_call_to_action %}: the way to the complaint form, for the guide page, the ethics
centre's section page and the footer (variant="footer" is the compact one). Renders nothing
when there is no live complaint page."""

from django import template

from ..models import ComplaintPage

register = template.Library()


@register.inclusion_tag("complaints/call_to_action.html", takes_context=True)
def complaint_call_to_action(context, page=None, variant="box"):
    request = context.get("request")
    complaint_page = ComplaintPage.objects.live().public().first()
    # The stylesheet once per page (a <link> in <body> is allowed; the CSP allows our own files).
    link_css = request is not None and not getattr(request, "_complaints_css", False)
    if request is not None:
        request._complaints_css = True
    return {
        "complaint_page": complaint_page,
        "form_url": complaint_page.url if complaint_page else "",
        "status_url": (complaint_page.url + complaint_page.reverse_subpage("status")) if complaint_page else "",
        "variant": "footer" if variant == "footer" else "box",
        "link_css": link_css and not (context.get("page") and isinstance(context.get("page"), ComplaintPage)),
        "current_page": page,
    }
