"""Post Wagtail admin edit forms the way the browser would, from the form the server rendered.

StreamFields are drawn by JavaScript, so their values are supplied by the test
(wagtail.test.utils.form_data builds them); every other field is sent back as rendered.
"""

from html.parser import HTMLParser

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "checkbox", "radio"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and name and "checked" in attrs:
            self.data[name] = attrs.get("value", "on")
        elif tag == "textarea" and name:
            self._textarea, self.data[name] = name, ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def edit_form_data(html, paragraphs, **overrides):
    """The page edit form's data with a body of plain paragraphs and no attachments."""
    parser = _FormFields()
    parser.feed(html)
    data = {k: v for k, v in parser.data.items() if "__prefix__" not in k and not k.startswith("action-")}
    data.update(
        nested_form_data(
            {
                "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>")) for text in paragraphs]),
                "attachments": streamfield([]),
            }
        )
    )
    data.update(overrides)
    return data
