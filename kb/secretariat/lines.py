"""Line classification shared by the anchor finder and the block builder: numbered
lines ("1. …", "2.1 …", "(1) …", "1) …"), bullets, unnumbered section titles
(สาระสำคัญของเรื่อง, ความเห็นของ…) and table-cell lines (ending in "|").
"""

from __future__ import annotations

import re

from kb.thai.digits import DIGIT

# Numbered lines.  Top level needs its dot ("1. …", "๑. …"); deeper levels may omit
# the final dot ("2.1 …", "2.1.1 …").  "(1) …" and "1) …" are list items only.
NUM_RE = re.compile(rf"^(?P<num>{DIGIT}{{1,2}}(?:\.{DIGIT}{{1,3}})*)(?P<dot>\.)?(?P<sep>\s+)?(?P<rest>\S.*)$")
PAREN_RE = re.compile(rf"^(?:\((?P<a>{DIGIT}{{1,2}})\)|(?P<b>{DIGIT}{{1,2}})\))\s*(?P<rest>\S.*)$")
BULLET_RE = re.compile(r"^[-•▪●○◦‣⁃]\s+\S")
# Unnumbered section titles used in resolution summaries.
NAMED_HEADING_RE = re.compile(
    r"^(?:สาระสำคัญ(?:ของเรื่อง|ของร่าง\S*.*|และข้อเท็จจริง)?|ข้อเท็จจริง(?:และสาระสำคัญ)?|ความเป็นมา|"
    r"เรื่องเดิม|ความเห็นของ\S.*|ข้อเสนอ(?:ของ\S.*)?|ประโยชน์(?:และผลกระทบ)?|ประโยชน์ที่(?:คาดว่าจะ)?ได้รับ|"
    r"ผลกระทบ|เหตุผล(?:ความจำเป็น)?|ผลการดำเนินการ|ผลการดำเนินงาน|ขั้นตอนการดำเนินการ|"
    r"งบประมาณ|มติคณะรัฐมนตรี)\s*:?$"
)


def is_table_line(line: str) -> bool:
    return line.endswith("|")


def num_info(line: str) -> tuple[str, int] | None:
    """(style, level) for a numbered line, else None."""
    m = NUM_RE.match(line)
    if m:
        parts = m.group("num").split(".")
        rest = m.group("rest")
        if not (len(parts) == 1 and not m.group("dot")) and not re.match(DIGIT, rest):
            if m.group("dot") or m.group("sep"):
                return ("dotted", len(parts))
    if PAREN_RE.match(line):
        return ("paren", 99)
    return None


def strip_number(line: str) -> str:
    """The text of a numbered line without its number."""
    m = NUM_RE.match(line)
    if m and num_info(line) and num_info(line)[0] == "dotted":
        return m.group("rest")
    m = PAREN_RE.match(line)
    return m.group("rest") if m else line
