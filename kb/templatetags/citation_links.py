"""{% linked_body value links %}: a record's body rendered with its legal citations made
links (kb.legal.citations.body_links). Links go into text only: never inside a tag, an
existing link, a button or a legal unit's own heading, and never onto part of a longer
number ("มาตรา ๕" is not linked inside "มาตรา ๕๐"); the text people read and copy is
unchanged. Ids repeated in one body (two "ส่วนที่ ๑" under different หมวด) get a suffix, so
every anchor on the page is unique."""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

TAG = re.compile(r"(<[^>]+>)")
TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
# Where no link goes: links, buttons, and elements marked data-nocite (legal unit heads)
SKIP_OPEN = re.compile(r"<(a|button)[\s>]|<([a-zA-Z0-9]+)[^>]*\sdata-nocite[\s>=]", re.IGNORECASE)
# A match must not run on into more of a number or a section suffix
CONTINUES = re.compile(r"[0-9๐-๙/]|\s*(?:ทวิ|ตรี|จัตวา)")
IDS = re.compile(r'(\sid="([^"]+)")|(data-copy-link="#([^"]+)")')


def _linker(links):
    url_of = {escape(text): url for text, url in links}
    pattern = re.compile("|".join(re.escape(text) for text in sorted(url_of, key=len, reverse=True)))

    def link(text):
        def replace(match):
            if CONTINUES.match(text, match.end()):
                return match.group(0)
            return format_html(
                '<a class="citation" href="{}">{}</a>', url_of[match.group(0)], mark_safe(match.group(0))
            )

        return pattern.sub(replace, text)

    return link


def link_citations(rendered, links):
    """`rendered` HTML with each cited text in `links` ([(text, url)]) linked."""
    rendered = str(rendered)
    if not links:
        return mark_safe(rendered)
    link = _linker(links)
    out, skipping = [], []  # the tag names of the elements being skipped, innermost last
    for part in TAG.split(rendered):
        if part.startswith("<"):
            name = (TAG_NAME.match(part) or [None, ""])[1].lower()
            if part.startswith("</"):
                if skipping and skipping[-1] == name:
                    skipping.pop()
            elif SKIP_OPEN.match(part) and not part.endswith("/>"):
                skipping.append(name)
            out.append(part)
        elif part and not skipping:
            out.append(link(part))
        else:
            out.append(part)
    return mark_safe("".join(out))


def unique_ids(rendered):
    """The same HTML with repeated ids made unique ("ส่วน-1", "ส่วน-1-2"…), each copy-link
    button following the id of the element it belongs to (the latest one opened)."""
    seen, current = {}, {}

    def replace(match):
        if match.group(1):
            anchor = match.group(2)
            seen[anchor] = seen.get(anchor, 0) + 1
            current[anchor] = anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}"
            return f' id="{current[anchor]}"'
        anchor = match.group(4)
        return f'data-copy-link="#{current.get(anchor, anchor)}"'

    return mark_safe(IDS.sub(replace, str(rendered)))


@register.simple_tag(takes_context=True)
def linked_body(context, value, links=None):
    """Render a StreamField value (as {% include_block %} does) and link its citations."""
    rendered = value.render_as_block(context=context.flatten()) if hasattr(value, "render_as_block") else value
    return unique_ids(link_citations(rendered, links or ()))
