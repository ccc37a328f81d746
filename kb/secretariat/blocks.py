"""Blocks: the resolution body (chrome already dropped) -> the importer's block
list (headings, paragraphs, numbered and bulleted lists, tables, footnotes, the
disclaimer), including the judgment call between a numbered heading and a
numbered list item.
"""

from __future__ import annotations

import re
from typing import Any

from .anchors import DISCLAIMER_RE
from .footnotes import FOOTNOTE_LINE_RE, SEPARATOR_RE, split_footnotes
from .lines import BULLET_RE, NAMED_HEADING_RE, is_table_line, num_info
from .tables import build_table

_HEADING_MAX_WITH_CHILDREN = 400  # a numbered line that owns deeper-numbered items
_HEADING_MAX_WITH_BODY = 200  # a numbered line followed by a paragraph or a table


def build_blocks(body: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """(blocks, footnotes) of the body lines between the heading and the meeting line."""
    # 1. split off the footnote section (after a "_____" separator)
    main, fn_lines = body, []
    for i, line in enumerate(body):
        if SEPARATOR_RE.match(line):
            main, fn_lines = body[:i], body[i + 1 :]
            break
    fn_lines = [ln for ln in fn_lines if not DISCLAIMER_RE.search(ln)]

    # 2. elements: ("line", text) | ("table", lines, caption) | ("disclaimer", text)
    elements: list[tuple] = []
    i = 0
    while i < len(main):
        line = main[i]
        if is_table_line(line):
            j = i
            cell_lines: list[str] = []
            while j < len(main):
                if is_table_line(main[j]):
                    cell_lines.append(main[j])
                    j += 1
                elif (
                    j + 1 < len(main)
                    and is_table_line(main[j + 1])
                    and cell_lines
                    and not num_info(main[j])
                    and not NAMED_HEADING_RE.match(main[j])
                ):
                    # a cell broken over several lines: only its last line carries the "|"
                    cell_lines.append(main[j] + "\n" + main[j + 1])
                    j += 2
                else:
                    break
            caption = ""
            if (
                elements
                and elements[-1][0] == "line"
                and re.match(r"^ตาราง(?:ที่)?\s*\S", elements[-1][1])
                and len(elements[-1][1]) <= 150
            ):
                caption = elements.pop()[1]
            elements.append(("table", cell_lines, caption))
            i = j
            continue
        if DISCLAIMER_RE.search(line):
            elements.append(("disclaimer", line))
        else:
            elements.append(("line", line))
        i += 1

    # 3. classify.  Headings vs numbered lists — the judgment call:
    #    * unnumbered section titles (สาระสำคัญของเรื่อง, ความเห็นของ…) are headings;
    #    * a numbered line that OWNS deeper-numbered lines (2. → 2.1, 2.1 → 2.1.1,
    #      3. → 3.1) is a section heading (up to 400 chars: these pages put whole
    #      sentences in section titles, "2. ผลการประชุม… สรุปได้ ดังนี้");
    #    * a short numbered line (≤ 200 chars) followed by a plain paragraph or a table
    #      is a heading too ("3. การอนุมัติงบประมาณ…", "4. ผลการหารือทวิภาคี");
    #    * every other numbered line is a leaf; consecutive leaves of the same level
    #      and style form one numbered_list (2.1.1–2.1.4, 3.1–3.3, 5.1–5.3); a lone
    #      leaf is a paragraph that keeps its number ("1. เดิมคณะรัฐมนตรีมีมติ…" is
    #      a 700-character paragraph, not a title; "2.2 … ได้แก่" introduces a table).
    kinds: list[tuple] = []  # (kind, payload, style, level)
    for idx, el in enumerate(elements):
        if el[0] == "table":
            kinds.append(("table", build_table(el[1], el[2]), None, None))
            continue
        if el[0] == "disclaimer":
            kinds.append(("disclaimer", el[1], None, None))
            continue
        line = el[1]
        if FOOTNOTE_LINE_RE.match(line):
            kinds.append(("footnote", line, None, None))
            continue
        if NAMED_HEADING_RE.match(line) and len(line) <= 80:
            kinds.append(("heading", line, None, None))
            continue
        info = num_info(line)
        if info:
            style, level = info
            nxt = elements[idx + 1] if idx + 1 < len(elements) else None
            nxt_info = num_info(nxt[1]) if nxt and nxt[0] == "line" else None
            owns = nxt_info is not None and style == "dotted" and nxt_info[1] > level
            followed_by_body = nxt is not None and (
                nxt[0] == "table"
                or (
                    nxt[0] == "line"
                    and nxt_info is None
                    and not NAMED_HEADING_RE.match(nxt[1])
                    and not FOOTNOTE_LINE_RE.match(nxt[1])
                    and not BULLET_RE.match(nxt[1])
                )
            )
            if style == "dotted" and (
                (owns and len(line) <= _HEADING_MAX_WITH_CHILDREN)
                or (followed_by_body and len(line) <= _HEADING_MAX_WITH_BODY)
            ):
                kinds.append(("heading", line, None, None))
            else:
                kinds.append(("item", line, style, level))
            continue
        if BULLET_RE.match(line):
            kinds.append(("bullet", line, None, None))
            continue
        kinds.append(("paragraph", line, None, None))

    # 4. group runs
    blocks: list[dict[str, Any]] = []
    footnotes: list[str] = []
    k = 0
    while k < len(kinds):
        kind, payload, style, level = kinds[k]
        if kind == "item":
            run = [payload]
            k += 1
            while k < len(kinds) and kinds[k][0] == "item" and kinds[k][2] == style and kinds[k][3] == level:
                run.append(kinds[k][1])
                k += 1
            blocks.append(
                {"type": "numbered_list", "value": run} if len(run) > 1 else {"type": "paragraph", "value": run[0]}
            )
            continue
        if kind == "bullet":
            run = [payload]
            k += 1
            while k < len(kinds) and kinds[k][0] == "bullet":
                run.append(kinds[k][1])
                k += 1
            blocks.append(
                {"type": "bulleted_list", "value": run} if len(run) > 1 else {"type": "paragraph", "value": run[0]}
            )
            continue
        if kind == "footnote":
            run = [payload]
            k += 1
            while k < len(kinds) and kinds[k][0] == "footnote":
                run.append(kinds[k][1])
                k += 1
            footnotes.extend(run)
            blocks.append({"type": "footnotes", "value": run})
            continue
        blocks.append({"type": kind, "value": payload})
        k += 1

    if fn_lines:
        notes = split_footnotes(fn_lines, "\n".join(main))
        footnotes.extend(notes)
        blocks.append({"type": "footnotes", "value": notes})
    return blocks, footnotes
