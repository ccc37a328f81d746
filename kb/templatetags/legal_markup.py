"""Legal identifiers and schema.org markup in templates (kb.legal.eli, kb.legal.jsonld):

    {% load legal_markup %}
    {% record_jsonld page %}            <script type="application/ld+json">{…}</script>
    {% record_jsonld page version %}    a regulation shown as of a version (kb.legal.jsonld.jsonld_for);
                                        by default the version of the context's `selection`
    {% eli_uri page %}                  https://…/eli/act/2562/reg-ethical-standards-act-2562/
    {{ page|eli_uri }}                  the same, on the site's root URL (no request needed)
    {{ page|eli_path }}                 /eli/act/2562/reg-ethical-standards-act-2562/

The JSON is escaped for HTML (<, > and & as \\u003c, \\u003e, \\u0026) so no value can close
the script element; Thai stays readable (no \\u escapes for it)."""

import json

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Page

from kb.legal import eli
from kb.legal.jsonld import jsonld_for

register = template.Library()

_HTML_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def jsonld_script(data):
    """A dict as a <script type="application/ld+json"> element, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_HTML_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def _is_regulation(page):
    from kb.models import RegulationPage

    return isinstance(getattr(page, "specific", page), RegulationPage)


def version_of(selection):
    """The consolidated version a regulation page shows (its context's `selection`,
    kb.legal.versions.Selection) as jsonld_for takes it: only when the reader asked for a
    day (?as_of=) and that day's text is an amendment's consolidation; else None."""
    version = getattr(selection, "version", None)
    as_of = getattr(selection, "as_of", None)
    if not as_of or getattr(version, "source", None) is None:
        return None
    return {"effective": version.effective, "consolidates": list(version.consolidates), "as_of": as_of}


@register.simple_tag(takes_context=True)
def record_jsonld(context, page=None, version=None):
    """The page's schema.org description as a script element ("" without a page). The
    version is the one given, else the regulation page's `selection` (version_of)."""
    page = page if page is not None else context.get("page")
    if not isinstance(page, Page):  # a missing variable resolves to ""
        return ""
    version = version or version_of(context.get("selection"))
    return jsonld_script(jsonld_for(page, request=context.get("request"), version=version))


@register.simple_tag(takes_context=True, name="eli_uri")
def eli_uri_tag(context, page, version=None):
    """The regulation's absolute ELI URI ("" for any other page)."""
    if not _is_regulation(page):
        return ""
    return eli.eli_uri(page.specific, request=context.get("request"), version=version or None)


@register.filter(name="eli_uri")
def eli_uri_filter(page, version=None):
    if not _is_regulation(page):
        return ""
    return eli.eli_uri(page.specific, version=version or None)


@register.filter(name="eli_path")
def eli_path_filter(page, version=None):
    if not _is_regulation(page):
        return ""
    return eli.eli_path(page.specific, version=version or None)
