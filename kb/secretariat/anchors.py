"""The page's structural anchors: the closing meeting line ("ที่ประชุมคณะรัฐมนตรี
<chair> 9 กรกฎาคม 2567", giving the meeting date and the chair), the resolution
sentence and its outcome verbs ("คณะรัฐมนตรีมีมติรับทราบ …"), the proposing agency
("ตามที่ <agency> เสนอ") and the Secretariat's disclaimer line.
"""

from __future__ import annotations

import re
from datetime import date

from kb.thai.dates import THAI_DATE_RE, WEEKDAY, thai_date_from_match

from .errors import ResolutionParseError
from .lines import NAMED_HEADING_RE, is_table_line, num_info, strip_number

DISCLAIMER_RE = re.compile(r"โปรดตรวจสอบมติคณะรัฐมนตรี(?:ที่เป็นทางการ)?")

# The closing meeting line: "ที่ประชุมคณะรัฐมนตรี <chair> [วันอังคารที่] 9 กรกฎาคม 2567"
MEETING_PREFIX_RE = re.compile(r"^ที่ประชุม\s*(?:คณะรัฐมนตรี|ครม\.?)(?![ก-๛])|^ที่ประชุมคณะรัฐมนตรี")
_MEETING_DATE_AT_END_RE = re.compile(rf"(?:(?:เมื่อ)?\s*วัน(?:{WEEKDAY})?\s*ที่\s*)?{THAI_DATE_RE.pattern}\s*\)?\s*\.?$")

# The resolution sentence and its outcome verb(s).
_VERB = (
    r"(?:ไม่)?(?:ให้ความเห็นชอบ|เห็นชอบ|อนุมัติ|รับทราบ|มอบหมาย|แต่งตั้ง|ยกเลิก|ไม่ขัดข้อง|"
    r"เห็นควร|รับหลักการ|ทบทวน|ยืนยัน|ถอน|ขยาย)(?:\s?(?:ใน)?หลักการ)?"
)
_OUTCOME = rf"{_VERB}(?:\s?(?:และ|,|รวมทั้ง|พร้อมทั้ง)\s?{_VERB})*"
_CABINET = r"(?:คณะรัฐมนตรี|ครม\.?)"
RESOLUTION_RE = re.compile(rf"^(?:ทั้งนี้\s*)?{_CABINET}\s*(?:(?:ได้\s*)?(?:มี|ลง)มติ\s*(?::\s*)?)?(?P<outcome>{_OUTCOME})")
_RESOLUTION_LIST_RE = re.compile(rf"^{_CABINET}\s*(?:ได้\s*)?(?:มี|ลง)มติ.*ดังนี้\s*:?$")
_ITEM_VERB_RE = re.compile(rf"^(?:{_CABINET}\s*)?(?:ให้\s*)?(?P<outcome>{_OUTCOME})")


def find_meeting_line(lines: list[str], start: int) -> tuple[int, date, str | None]:
    """(index, meeting date, chair) of the last meeting line at or after *start*."""
    unreadable = None
    for i in range(len(lines) - 1, start - 1, -1):
        line = lines[i]
        if not MEETING_PREFIX_RE.match(line) or len(line) > 250:
            continue
        m = _MEETING_DATE_AT_END_RE.search(line)
        if not m:
            unreadable = unreadable or line
            continue
        try:
            meeting = thai_date_from_match(m)
        except ValueError:
            raise ResolutionParseError(
                f"วันที่ประชุมคณะรัฐมนตรีไม่ถูกต้อง: '{line}'",
                f"invalid meeting date in the meeting line: {line!r}",
                field="meeting_date",
            ) from None
        prefix = MEETING_PREFIX_RE.match(line)
        chair = line[prefix.end() : m.start()].strip()
        chair = re.sub(r"^(?:โดยมี|โดย|ซึ่งมี)\s*", "", chair)
        chair = re.sub(r"\s*(?:เป็นประธาน(?:การประชุม|ในที่ประชุม)?|ประธาน)\s*$", "", chair)
        chair = re.sub(r"\s*[,:\-–]\s*$", "", chair).strip()
        return i, meeting, (chair or None)
    if unreadable:
        raise ResolutionParseError(
            f"พบบรรทัดที่ประชุมคณะรัฐมนตรีแต่อ่านวันที่ประชุมไม่ได้: '{unreadable}'",
            f"meeting line found but its date could not be read: {unreadable!r}; expected e.g. '9 กรกฎาคม 2567'",
            field="meeting_date",
        )
    raise ResolutionParseError(
        "ไม่พบวันที่ประชุมคณะรัฐมนตรี",
        "meeting date not found: expected a closing line like 'ที่ประชุมคณะรัฐมนตรี … 9 กรกฎาคม 2567'",
        field="meeting_date",
    )


def find_proposer(text: str) -> str | None:
    """The agency in "ตามที่ <agency> เสนอ": for each "เสนอ" (not "ข้อเสนอ") take the
    nearest preceding "ตามที่" within 250 characters."""
    for m in re.finditer(r"(?<!ข้อ)เสนอ", text):
        window_start = max(0, m.start() - 250)
        k = text.rfind("ตามที่", window_start, m.start())
        if k < 0:
            continue
        cand = text[k + len("ตามที่") : m.start()].strip()
        cand = re.sub(r"\s*(?:ได้|ที่ได้|จะ)$", "", cand).strip()
        if cand and not cand.startswith(("ได้", "มี", "ที่")) and "\n" not in cand:
            return cand
    m = re.search(r"((?:กระทรวง|สำนักงาน|สำนักนายกรัฐมนตรี|กรม)\S*(?:\s*\([^)]{1,30}\))?)\s*(?:ได้)?เสนอ", text)
    return m.group(1) if m else None


def find_resolution(lines: list[str]) -> tuple[int, int, str, str] | None:
    """(first index, end index, outcome, resolution text) of the resolution sentence."""
    stop = len(lines)
    for i, line in enumerate(lines):
        if NAMED_HEADING_RE.match(line) and i > 0:
            stop = i
            break
    ranges = [range(0, stop), range(stop, len(lines))]
    for rng in ranges:
        for i in rng:
            line = lines[i]
            m = RESOLUTION_RE.match(line)
            if m:
                return i, i + 1, m.group("outcome").strip(), line
            if _RESOLUTION_LIST_RE.match(line):
                verbs: list[str] = []
                j = i + 1
                while j < len(lines) and num_info(lines[j]) and not is_table_line(lines[j]):
                    item = strip_number(lines[j])
                    mv = _ITEM_VERB_RE.match(item)
                    if mv and mv.group("outcome") not in verbs:
                        verbs.append(mv.group("outcome"))
                    j += 1
                if verbs:
                    return i, j, "และ".join(verbs), "\n".join(lines[i:j])
    return None
