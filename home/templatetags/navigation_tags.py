"""Site navigation template tags.

    {% load navigation_tags %}
    {% main_menu %}                       the header's main menu
    {% breadcrumb_ancestors page as ancestors %}  the ancestors breadcrumbs may name
    {% elided_pages page_obj as pages %}  page numbers for includes/pagination.html

``main_menu`` lists the live children of the current site's root page that have
"show in menus" ticked, in tree order, and marks the section the current page
belongs to. Both list only pages anyone may see (kb.models.visible_to_public): a
draft, restricted or expired page never lends its title to the menu or the breadcrumbs.
It needs ``request`` in the context (Django's request context
processor); without a request or a matching Site it renders nothing.
"""

from django import template
from wagtail.models import Page, Site

from kb.models import visible_to_public

register = template.Library()


def _current_page(context):
    page = context.get("page") or context.get("self")
    return page if isinstance(page, Page) else None


def menu_items(request, current_page=None):
    """``[{"page", "title", "url", "current", "active"}]`` for the site of ``request``."""
    if request is None:
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    items = []
    for page in visible_to_public(root.get_children().in_menu()).order_by("path"):
        url = page.get_url(request=request)
        if not url:
            continue
        current = current_page is not None and current_page.pk == page.pk
        active = current or (
            current_page is not None and current_page.path.startswith(page.path) and current_page.depth > page.depth
        )
        items.append(
            {
                "page": page,
                "title": page.title,
                "url": url,
                "current": current,
                "active": active,
            }
        )
    return items


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    return {
        "request": request,
        "menu_items": menu_items(request, _current_page(context)),
    }


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """The ancestors of ``page`` from the site root down that anyone may see (a live page
    can sit under a draft or expired one, whose title must not show)."""
    if not isinstance(page, Page):
        return []
    site = Site.find_for_request(context.get("request")) if context.get("request") else None
    root_depth = site.root_page.depth if site else 2
    return list(visible_to_public(page.get_ancestors().filter(depth__gte=root_depth)).order_by("depth"))


@register.simple_tag
def elided_pages(page_obj, on_each_side=2, on_ends=1):
    """Page numbers around the current page, with ``Paginator.ELLIPSIS`` gaps."""
    if page_obj is None or not hasattr(page_obj, "paginator"):
        return []
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends))
