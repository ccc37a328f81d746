"""{% linked_body value links %}: a record's body rendered with its legal citations made
links (kb.legal.citations.body_links). Links go into text only: never inside a tag, an
existing link or a button, and the text people read and copy is unchanged."""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

TAG = re.compile(r"(<[^>]+>)")
OPENS = re.compile(r"<(a|button)[\s>]", re.IGNORECASE)
CLOSES = re.compile(r"</(a|button)\s*>", re.IGNORECASE)


def link_citations(rendered, links):
    """`rendered` HTML with each cited text in `links` ([(text, url)], longest first) linked."""
    if not links:
        return rendered
    url_of = {escape(text): url for text, url in links}
    pattern = re.compile("|".join(re.escape(text) for text in sorted(url_of, key=len, reverse=True)))
    out, inside = [], 0
    for part in TAG.split(str(rendered)):
        if part.startswith("<"):
            if OPENS.match(part):
                inside += 1
            elif CLOSES.match(part):
                inside = max(0, inside - 1)
            out.append(part)
        elif part and not inside:
            out.append(
                pattern.sub(
                    lambda m: format_html(
                        '<a class="citation" href="{}">{}</a>', url_of[m.group(0)], mark_safe(m.group(0))
                    ),
                    part,
                )
            )
        else:
            out.append(part)
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def linked_body(context, value, links=None):
    """Render a StreamField value (as {% include_block %} does) and link its citations."""
    rendered = value.render_as_block(context=context.flatten()) if hasattr(value, "render_as_block") else value
    return link_citations(rendered, links or ())
