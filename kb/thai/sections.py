"""The structure of Thai legal text: ภาค ลักษณะ หมวด ส่วน (headings) and มาตรา ข้อ (units
with text, one paragraph, วรรค, per line).

- ``anchor(unit, number)``: the stable id of a unit on its page, ``"มาตรา-26"``;
- ``label(unit, number)``: its name for search hits, ``"มาตรา 26"``, ``"ข้อ 12 ทวิ"``;
- ``UNIT_LINE``: a unit at the start of a line of pasted legal text;
- ``parse_units(lines)``: the (block_type, value) pairs of a body that is legal structure
  (``legal_unit`` blocks, the preamble and closing lines as ``paragraph``), else ``None``;
- ``units_outline(values)``: the table of contents (สารบัญ) of the legal_unit values.

Pure Python, no Django. kb.text_blocks imports this module, never the other way round: the
paragraph HTML is made here (``paragraph_html``, the same escaping as text_blocks') or
passed in by the caller.
"""

import html
import re

from kb.thai.digits import DIGIT, to_arabic_digits

#: Units that head a part of the text (their value has a ``heading``, no ``text``).
HEADING_UNITS = ("ภาค", "ลักษณะ", "หมวด", "ส่วน")
#: Units that carry text (``text``: one วรรค per line).
TEXT_UNITS = ("มาตรา", "ข้อ")
UNITS = HEADING_UNITS + TEXT_UNITS

#: The suffixes of inserted units, "มาตรา ๕ ทวิ" (2nd) … "อัฏฐารส" (18th); longest first so
#: the alternation never stops at a prefix ("สัตต" of "สัตตรส").
SUFFIXES = (
    "อัฏฐารส",
    "สัตตรส",
    "จตุทศ",
    "ปัณรส",
    "เอกาทศ",
    "ทวาทศ",
    "จัตวา",
    "เตรส",
    "โสฬส",
    "เบญจ",
    "สัตต",
    "อัฏฐ",
    "ทวิ",
    "ตรี",
    "ทศ",
    "นว",
    "ฉ",
)

_NUMBER = rf"{DIGIT}+(?:\s*/\s*{DIGIT}+)?(?:\s*(?:{'|'.join(SUFFIXES)}))?"

#: A unit at the start of a line: "มาตรา ๒๖/๑ …", "ข้อ 12 ทวิ …", "หมวด ๑ บททั่วไป",
#: "ส่วนที่ ๑ …". Groups: ``unit`` (as written: "ส่วนที่"), ``number``, ``rest``. The number
#: must end the word: "ข้อมูล", "ข้อ ๆ", "มาตราการ", "ส่วนราชการ", "หมวดหมู่", "ภาคเอกชน" and
#: a mention mid-line ("ตามมาตรา ๒๖") are not units; an optional "." after the number
#: ("ข้อ ๑.") is dropped, but "ข้อ 1.1" is not a unit. A line that starts with a mention
#: (text wrapped before "มาตรา ๒๖ วรรคหนึ่ง", "มาตรา ๒๖ แห่ง…", "มาตรา ๒๖ และมาตรา ๒๗")
#: is not a unit either: no unit's text starts with those words.
MENTION_WORDS = ("วรรค", "แห่ง", "และ", "หรือ", "ถึง")
UNIT_LINE = re.compile(
    rf"^\s*(?P<unit>มาตรา|ข้อ|(?:ภาค|ลักษณะ|หมวด|ส่วน)(?:ที่)?)\s*(?P<number>{_NUMBER})\.?(?=\s|$)"
    rf"(?!\s*(?:{'|'.join(MENTION_WORDS)}))\s*(?P<rest>.*)$"
)

#: A line after the last unit that starts what follows the law's text, not part of it.
CLOSING_LINE = re.compile(r"^(?:ประกาศ ณ วันที่|สั่ง ณ วันที่|ให้ไว้ ณ วันที่|ผู้รับสนองพระราชโองการ|หมายเหตุ)")

HEADING_MAX_CHARS = 80
_NOT_A_HEADING_ENDINGS = (".", ":", ";", ",", "ฯ", ")", "”", '"', "ดังนี้", "ดังต่อไปนี้", "ได้แก่", "คือ", "เช่น")

#: The fewest มาตรา/ข้อ lines for a body to be read as legal structure.
MIN_TEXT_UNITS = 2


def paragraph_html(text):
    """``<p>`` with the text escaped (what kb.text_blocks.paragraph_html makes)."""
    return f"<p>{html.escape(text)}</p>"


def normalize_unit(unit):
    """``"ส่วนที่"`` -> ``"ส่วน"`` (the block's choice), other units unchanged."""
    unit = (unit or "").strip()
    return unit[: -len("ที่")] if unit.endswith("ที่") and unit[: -len("ที่")] in HEADING_UNITS else unit


def unit_title(unit):
    """The unit as a law prints it before the number: ``"ส่วน"`` -> ``"ส่วนที่"``, the others as they are."""
    unit = normalize_unit(unit)
    return "ส่วนที่" if unit == "ส่วน" else unit


def _normalize_number(number):
    """``"๒๖ / ๑"`` -> ``"๒๖/๑"``, ``"๑๒ทวิ"`` -> ``"๑๒ ทวิ"`` (digits as written)."""
    number = re.sub(r"\s*/\s*", "/", (number or "").strip())
    number = re.sub(rf"(?<=[0-9๐-๙])\s*({'|'.join(SUFFIXES)})$", r" \1", number)
    return re.sub(r"\s+", " ", number)


def anchor(unit, number):
    """The id of a unit on its page, from unit and number only (stable across edits):
    ``("มาตรา", "๒๖")`` -> ``"มาตรา-26"``, ``("มาตรา", "26/1")`` -> ``"มาตรา-26-1"``,
    ``("ข้อ", "๑๒ ทวิ")`` -> ``"ข้อ-12-ทวิ"``, ``("ส่วนที่", "1")`` -> ``"ส่วน-1"``.
    Anything but letters, digits and Thai (with its marks) becomes "-"."""
    number = to_arabic_digits(_normalize_number(number))  # "๑๒ทวิ" reads as "๑๒ ทวิ"
    number = re.sub(r"[^\w\u0E00-\u0E7F]+", "-", number).strip("-")
    unit = normalize_unit(unit)
    return f"{unit}-{number}" if number else unit


def label(unit, number):
    """A unit's name in Arabic digits, for search hits: ``"มาตรา 26"``, ``"ข้อ 12 ทวิ"``,
    ``"มาตรา 26/1"``, ``"ส่วนที่ 1"``."""
    number = to_arabic_digits(_normalize_number(number))
    return f"{unit_title(unit)} {number}".strip()


def match_unit(line):
    """``(unit, number, rest)`` of a unit line (unit normalised, number as written), or None."""
    m = UNIT_LINE.match(line or "")
    if not m:
        return None
    return normalize_unit(m["unit"]), _normalize_number(m["number"]), m["rest"].strip()


def _looks_like_heading(line):
    return (
        len(line) <= HEADING_MAX_CHARS
        and not line.endswith(_NOT_A_HEADING_ENDINGS)
        and not UNIT_LINE.match(line)
        and not CLOSING_LINE.match(line)
    )


def parse_units(lines, paragraph_html=paragraph_html):
    """The legal structure of a body's lines as (block_type, value) pairs for
    RecordBodyBlock, or None when the lines are not legal structure (fewer than
    ``MIN_TEXT_UNITS`` มาตรา/ข้อ lines).

    - a มาตรา/ข้อ line and the lines after it, up to the next unit line, make one
      ``("legal_unit", {"unit", "number", "heading": "", "text"})``; ``text`` holds the
      rest of the first line and the following lines, one วรรค per line;
    - a ภาค/ลักษณะ/หมวด/ส่วน line makes a ``legal_unit`` with the rest of the line as its
      ``heading``; with nothing after the number, the next line is the heading when it is
      short, no unit and has no closing punctuation ("หมวด ๑" / "บททั่วไป");
    - lines before the first unit (title, "ภูมิพลอดุลยเดช ป.ร.", "โดยที่เป็นการสมควร…"),
      lines between a heading unit and the next unit, and the closing lines after the last
      unit ("ประกาศ ณ วันที่ …", "ผู้รับสนองพระราชโองการ", "หมายเหตุ …" and all after them)
      are ``("paragraph", paragraph_html(line))``.

    Blank lines are dropped; every other line is stripped."""
    lines = [line.strip() for line in lines or ()]
    lines = [line for line in lines if line]
    matches = [match_unit(line) for line in lines]
    if sum(1 for m in matches if m and m[0] in TEXT_UNITS) < MIN_TEXT_UNITS:
        return None
    last_unit = max(i for i, m in enumerate(matches) if m)
    end = next((i for i in range(last_unit + 1, len(lines)) if CLOSING_LINE.match(lines[i])), len(lines))

    blocks = []
    i = 0
    while i < len(lines):
        line, m = lines[i], matches[i]  # no unit after `end` (it comes after the last one)
        i += 1
        if m is None:
            blocks.append(("paragraph", paragraph_html(line)))
            continue
        unit, number, rest = m
        if unit in TEXT_UNITS:
            text = [rest] if rest else []
            while i < end and matches[i] is None:
                text.append(lines[i])
                i += 1
            blocks.append(("legal_unit", {"unit": unit, "number": number, "heading": "", "text": "\n".join(text)}))
        else:
            heading = rest
            if not heading and i < end and matches[i] is None and _looks_like_heading(lines[i]):
                heading = lines[i]
                i += 1
            blocks.append(("legal_unit", {"unit": unit, "number": number, "heading": heading, "text": ""}))
    return blocks


def _legal_values(items):
    """The legal_unit values among values, (block_type, value) pairs or StreamField children."""
    for item in items or ():
        block_type = getattr(item, "block_type", None)
        if block_type is not None:  # a StreamValue child (page.body)
            if block_type == "legal_unit":
                yield item.value
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
            if item[0] == "legal_unit":
                yield item[1]
        else:
            yield item


def units_outline(values):
    """The table of contents (สารบัญ) of legal_unit values, in order: ``[(anchor, label,
    heading)]`` for every ภาค/ลักษณะ/หมวด/ส่วน and มาตรา/ข้อ (heading "" when it has none).
    Accepts the values themselves, (block_type, value) pairs as parse_units returns them, or
    a StreamField's children (``page.body``); other blocks are skipped."""
    outline = []
    for value in _legal_values(values):
        unit, number = value["unit"], value["number"]
        outline.append((anchor(unit, number), label(unit, number), (value.get("heading") or "").strip()))
    return outline
