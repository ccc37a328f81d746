"""Footnotes: the separator line ("_____") that opens the footnote section, lines
that are footnotes by their look ("* …", "หมายเหตุ …", "[1] …", "¹ …"), and
splitting the section into notes, including markers the page flattened from
<sup> into the middle of the previous note ("…ออนไลน์2 กองทุน…").
"""

from __future__ import annotations

import re

from kb.thai.digits import DIGIT, to_arabic_digits

SEPARATOR_RE = re.compile(r"^[_\-=─—–*·.]{5,}$")
FOOTNOTE_LINE_RE = re.compile(r"^(?:\*+\s*\S|หมายเหตุ|\[[0-9๐-๙]{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")

_FN_START_RE = re.compile(
    rf"^(?:\[(?P<a>{DIGIT}{{1,2}})\]|\((?P<b>{DIGIT}{{1,2}})\)|(?P<c>{DIGIT}{{1,2}})(?:[.)]\s*|\s+|(?=[^\d\s.,๐-๙])))(?P<rest>\S.*)$"
)


def _glued_markers(body_text: str) -> set[int]:
    """Numbers glued to the end of a word in the body ("ฉบับ1 และ", "Fund2 ประจำ"):
    flattened superscript footnote references."""
    found = set()
    for m in re.finditer(r"(?<=[^\s\d(\[๐-๙,./:\-–])([0-9]{1,2})(?=\s|[\u0e00-\u0e7f]|$)", body_text, re.M):
        found.add(int(m.group(1)))
    return found


def split_footnotes(lines: list[str], body_text: str) -> list[str]:
    """Footnotes after the separator.  Each starts with its marker ("1เอกสาร…",
    "[1] …", "(1) …", "* …"); markers glued into the middle of a line (the page
    flattens <sup>2</sup> onto the previous footnote's line: "…ออนไลน์2 กองทุน…")
    split the line when the next expected number follows a word directly and the
    body also references that number the same way."""
    glued = _glued_markers(body_text)
    notes: list[tuple[str | None, str]] = []
    expected = 1
    for line in lines:
        m = _FN_START_RE.match(line)
        if m:
            marker = to_arabic_digits(m.group("a") or m.group("b") or m.group("c"))
            notes.append((marker, m.group("rest")))
            expected = int(marker) + 1
        elif notes:
            notes[-1] = (notes[-1][0], notes[-1][1] + "\n" + line)
            continue
        else:
            notes.append((None, line))
            continue
        # split glued follow-on markers out of the text just added
        while expected in glued:
            marker, text = notes[-1]
            pat = re.compile(rf"(?<=[^\s\d(\[๐-๙,./:\-–]){expected}(?=\s|[\u0e00-\u0e7f])")
            mm = pat.search(text)
            if not mm:
                break
            notes[-1] = (marker, text[: mm.start()].rstrip())
            notes.append((str(expected), text[mm.end() :].lstrip()))
            expected += 1
    return [f"{mk} {tx}" if mk else tx for mk, tx in notes]
