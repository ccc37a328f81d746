"""Parse Thai cabinet resolutions (มติคณะรัฐมนตรี) as the Secretariat of the
Cabinet (สำนักเลขาธิการคณะรัฐมนตรี) publishes them: this module reads the page
head and puts the other modules' pieces together.

Input is the *text* of a resolution web page (what a browser's "copy all" or a
HTML-to-text converter gives).  The page looks like this (seed 002)::

    <title>                                     <- title (page heading)
    - Details                                   <- Joomla "article info" block (chrome,
    - Category: มติ ครม.                            but Category and Published are kept
    - Published: Wednesday, 10 July 2024 00:20      as fields)
    - Hits: 7970
    <title again>                               <- duplicate heading (chrome)
    คณะรัฐมนตรีรับทราบ… ตามที่กระทรวง… (ดศ.) เสนอ  <- the resolution sentence
    สาระสำคัญของเรื่อง                            <- body …
    1. …  2. …  2.1 …  2.1.1 …
    cell |                                      <- tables: one cell per line, ending " |"
    _____________                               <- footnote separator
    1เอกสาร… (12) …ออนไลน์2 กองทุน…               <- footnotes (superscript markers flattened)
    (โปรดตรวจสอบมติคณะรัฐมนตรีที่เป็นทางการจากสำนักเลขาธิการคณะรัฐมนตรีอีกครั้ง)   <- disclaimer
    ที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี) 9 กรกฎาคม 2567          <- meeting line
    7284                                        <- page chrome (counter) after the meeting line

Block values follow the simple shapes agreed for the importer (the caller maps
them onto ``kb.blocks.RecordBodyBlock``)::

    {"type": "heading", "value": "2. ผลการประชุม…"}
    {"type": "paragraph", "value": "plain text, no HTML"}
    {"type": "numbered_list", "value": ["2.1.1 …", "2.1.2 …"]}
    {"type": "bulleted_list", "value": ["- …", "- …"]}
    {"type": "table", "value": {"caption": "", "rows": [[...], ...], "header": True}}
    {"type": "footnotes", "value": ["1 …", "2 …"]}
    {"type": "disclaimer", "value": "(โปรดตรวจสอบ…)"}

Original wording is kept: list items and headings keep their own numbers
("2.1.1 …") because the numbering is part of the text (cross references such as
"ตามข้อ 2.1" rely on it, and the seed even repeats "3." twice); footnotes keep
their marker ("1 …").
"""

from __future__ import annotations

from datetime import datetime

from kb.thai.dates import parse_published
from kb.thai.text import clean_text, collapse_spaces

from .anchors import (
    DISCLAIMER_RE,
    MEETING_PREFIX_RE,
    RESOLUTION_RE,
    find_meeting_line,
    find_proposer,
    find_resolution,
)
from .blocks import build_blocks
from .chrome import META_RE, RELATED_RE, drop_chrome, is_furniture, is_meta, split_source_url
from .errors import ResolutionParseError
from .results import ParsedResolution
from .sniff import check_mostly_text, decode_text


def parse_resolution_bytes(data: bytes) -> ParsedResolution:
    """Decode UTF-8 (BOM optional) and parse; binary or empty input is refused."""
    return parse_resolution(decode_text(data))


def _read_head(lines: list[str]) -> tuple[str | None, str | None, datetime | None, int]:
    """(title, category, published, index of the first body line) from the page head:
    the title and the article-info block."""
    meta_idx = [i for i, ln in enumerate(lines[:40]) if is_meta(ln)]
    # keep only the first contiguous run of metadata lines
    run: list[int] = []
    for i in meta_idx:
        if not run or i == run[-1] + 1:
            run.append(i)
        else:
            break
    category = None
    published = None
    title = None
    if run:
        for i in range(run[0] - 1, -1, -1):
            cand = lines[i]
            if is_furniture(cand, breadcrumbs=True):
                continue
            title = cand
            break
        head_end = run[-1] + 1
        for i in run:
            m = META_RE.match(lines[i])
            label, value = m.group("label").lower(), (m.group("value") or "").strip()
            if label in ("category", "หมวดหมู่", "หมวด") and value:
                category = value
            elif label in ("published", "เผยแพร่", "เผยแพร่เมื่อ", "วันที่เผยแพร่") and value:
                try:
                    published = parse_published(value)
                except ValueError:
                    raise ResolutionParseError(
                        f"อ่านวันเวลาเผยแพร่ไม่ได้: '{value}'",
                        f"publication time could not be read: {value!r}; expected e.g. 'Wednesday, 10 July 2024 00:20'",
                        field="published",
                    ) from None
        if title is None and head_end < len(lines):
            # no heading above the info block: the page repeats it right below
            title = lines[head_end]
            head_end += 1
    else:
        head_end = 0
        while head_end < len(lines) and is_furniture(lines[head_end], breadcrumbs=True):
            head_end += 1
        if head_end < len(lines):
            title = lines[head_end]
            head_end += 1
    if head_end < len(lines) and title and collapse_spaces(lines[head_end]) == collapse_spaces(title):
        head_end += 1  # duplicated heading below the info block
    return title, category, published, head_end


def parse_resolution(text: str) -> ParsedResolution:
    """Parse the text of one cabinet-resolution page.  Raises ResolutionParseError
    (Thai + English message) when the title, meeting line/date or resolution
    sentence is missing, or when the input is empty / binary."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        return parse_resolution_bytes(bytes(text))
    if not isinstance(text, str):
        raise TypeError(f"parse_resolution expects str, got {type(text).__name__}")
    if not text.strip():
        raise ResolutionParseError("ข้อมูลว่างเปล่า ไม่มีข้อความให้อ่าน", "empty input: no text to parse", field="text")
    check_mostly_text(text)
    cleaned = clean_text(text)
    lines = [ln for ln in cleaned.split("\n") if ln]
    source_url, lines = split_source_url(lines)

    title, category, published, head_end = _read_head(lines)
    if not title or MEETING_PREFIX_RE.match(title) or RESOLUTION_RE.match(title) or DISCLAIMER_RE.search(title):
        raise ResolutionParseError(
            "ไม่พบชื่อเรื่องของมติคณะรัฐมนตรี",
            "title not found: expected the resolution's title as the first line of the page",
            field="title",
        )

    # --- closing meeting line ---
    # Searched from the bottom (it closes the content), but not inside a trailing
    # "ข่าวที่เกี่ยวข้อง" list, whose items may carry meeting lines of their own.
    related = next((i for i in range(head_end, len(lines)) if RELATED_RE.match(lines[i])), None)
    try:
        if related is None:
            raise LookupError
        meeting_idx, meeting_date, chair = find_meeting_line(lines[:related], head_end)
    except (LookupError, ResolutionParseError):
        meeting_idx, meeting_date, chair = find_meeting_line(lines, head_end)
    tail = lines[meeting_idx + 1 :]  # page chrome after the meeting line (counters, links …)
    body = drop_chrome(lines[head_end:meeting_idx])

    # --- disclaimer ---
    disclaimer_parts = [ln for ln in body + tail if DISCLAIMER_RE.search(ln) and len(ln) <= 300]
    disclaimer = "\n".join(dict.fromkeys(disclaimer_parts)) or None

    # --- resolution sentence ---
    found = find_resolution([ln for ln in body if not DISCLAIMER_RE.search(ln)])
    if not found:
        raise ResolutionParseError(
            "ไม่พบข้อความมติคณะรัฐมนตรี",
            "resolution sentence not found: expected a sentence like 'คณะรัฐมนตรีมีมติรับทราบ … ตามที่กระทรวง… เสนอ'",
            field="outcome",
        )
    _, _, outcome, resolution_text = found
    proposer = find_proposer(resolution_text)

    # --- blocks ---
    blocks, footnotes = build_blocks(body)
    if disclaimer and not any(b["type"] == "disclaimer" for b in blocks):
        # the disclaimer sat in the footnote section or after the meeting line
        blocks.append({"type": "disclaimer", "value": disclaimer})

    return ParsedResolution(
        title=title,
        category=category,
        published=published,
        meeting_date=meeting_date,
        chair=chair,
        outcome=outcome,
        proposer=proposer,
        resolution_text=resolution_text,
        blocks=blocks,
        footnotes=footnotes,
        disclaimer=disclaimer,
        source_url=source_url,
    )
