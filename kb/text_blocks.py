"""Turn the records' plain-text bodies (RECORDS.md) into StreamField blocks.

The text keeps the structure of the seed pages only as line shapes, so we read it back
from those shapes:
- `1. …`, `๑. …`, `2) …` lines in a run       -> numbered_list
- `- …` / `• …` lines in a run                 -> bulleted_list
- `label — value` lines (two-column tables)    -> a table, or, when a label is followed by
  its own list (vision / mission / goals …), statement blocks
- a short line with no closing punctuation right before a list -> heading
- anything else                                -> paragraph

With ``legal=True`` (opt-in: the text of a law, ระเบียบ, ประกาศ …) a body in legal structure
(at least two มาตรา/ข้อ lines, kb.thai.sections.parse_units) becomes instead:
- `ภาค/ลักษณะ/หมวด ๑ บททั่วไป`, `ส่วนที่ ๑ …` (name on the line or the next) -> legal_unit
  with a heading
- `มาตรา ๒๖/๑ …`, `ข้อ ๑๒ ทวิ …` and the lines after it, up to the next unit -> legal_unit
  with its text, one วรรค per line
- the lines before the first unit (title, preamble) and the closing ones (ประกาศ ณ วันที่ …)
                                               -> paragraph
A body that is not legal structure is read as above, with or without ``legal``.
"""

import html
import re

from kb.thai.digits import DIGIT
from kb.thai.names import PERSON_TITLES
from kb.thai.sections import parse_units

NUMBERED = re.compile(rf"^\s*(?:{DIGIT}{{1,3}})\s*[.)]\s*(?=\S)")
BULLET = re.compile(r"^\s*[-•●▪]\s+")
LABELLED = re.compile(r"^(?P<label>[^—]{1,80}?)\s+—\s*(?P<value>.*)$")
PERSON = re.compile(r"^(?:" + "|".join(re.escape(t) for t in PERSON_TITLES) + r")\S+\s+\S+$")
HEADING_MAX_CHARS = 60
LEAD_IN_ENDINGS = ("เช่น", "ได้แก่", "ดังนี้", "คือ")


def paragraph_html(text):
    return f"<p>{html.escape(text)}</p>"


def _strip_number(line):
    return NUMBERED.sub("", line, count=1).strip()


def _looks_like_heading(line, next_line):
    if (
        next_line is None
        or len(line) > HEADING_MAX_CHARS
        or line.endswith((".", ":", "ฯ", ")", "”", '"') + LEAD_IN_ENDINGS)
    ):
        return False
    return bool(NUMBERED.match(next_line) or BULLET.match(next_line))


def text_to_blocks(text, legal=False):
    """Return a list of (block_type, value) pairs for RecordBodyBlock; with ``legal=True``,
    legal_unit blocks when the text is legal structure (see the module docstring)."""
    lines = [line.strip() for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if legal and (units := parse_units(lines, paragraph_html=paragraph_html)) is not None:
        return units
    labelled_with_lists = any(
        LABELLED.match(line)
        and i + 1 < len(lines)
        and NUMBERED.match(lines[i + 1])
        and not LABELLED.match(lines[i + 1])
        for i, line in enumerate(lines)
    )
    blocks = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        labelled = LABELLED.match(line)
        if labelled and labelled_with_lists:
            statements = []
            while i < len(lines) and (m := LABELLED.match(lines[i])):
                value = m["value"].strip()
                items, text_value = [], value
                if NUMBERED.match(value) or re.match(r"^\S+ที่\s*[0-9๐-๙]+\s", value):
                    items, text_value = [_strip_number(value) if NUMBERED.match(value) else value], ""
                i += 1
                while (
                    i < len(lines)
                    and not LABELLED.match(lines[i])
                    and (NUMBERED.match(lines[i]) or (items and re.match(r"^\S+ที่\s*[0-9๐-๙]+\s", lines[i])))
                ):
                    items.append(_strip_number(lines[i]) if NUMBERED.match(lines[i]) else lines[i])
                    i += 1
                statements.append({"title": m["label"].strip(), "text": text_value.strip('"“” '), "items": items})
            blocks.append(("statements", statements))
            continue
        if labelled and not labelled["value"].strip():
            blocks.append(("heading", {"text": labelled["label"].strip(), "level": "h2"}))
            i += 1
            continue
        if labelled:
            rows = []
            while i < len(lines) and (m := LABELLED.match(lines[i])) and m["value"].strip():
                rows.append([m["label"].strip(), m["value"].strip()])
                i += 1
            blocks.append(
                (
                    "table",
                    {
                        "data": rows,
                        "first_row_is_table_header": False,
                        "first_col_is_header": True,
                        "table_caption": "",
                    },
                )
            )
            continue
        if PERSON.match(line) and nxt and PERSON.match(nxt):
            # A run of personal names (e.g. the inspectors general) under a heading.
            position = blocks[-1][1]["text"] if blocks and blocks[-1][0] == "heading" else ""
            people = []
            while i < len(lines) and PERSON.match(lines[i]):
                people.append({"name": lines[i], "position": position, "portrait": None})
                i += 1
            blocks.append(("people", people))
            continue
        if NUMBERED.match(line):
            items = []
            while i < len(lines) and NUMBERED.match(lines[i]):
                items.append(_strip_number(lines[i]))
                i += 1
            blocks.append(("numbered_list", items))
            continue
        if BULLET.match(line):
            items = []
            while i < len(lines) and BULLET.match(lines[i]):
                items.append(BULLET.sub("", lines[i], count=1).strip())
                i += 1
            blocks.append(("bulleted_list", items))
            continue
        if _looks_like_heading(line, nxt):
            blocks.append(("heading", {"text": line, "level": "h2"}))
        else:
            blocks.append(("paragraph", paragraph_html(line)))
        i += 1
    return blocks
