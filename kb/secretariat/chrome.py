"""Page chrome: what the Secretariat's Joomla pages wrap around a resolution.  The
article-info lines ("- Details", "- Category: …", "- Published: …", "- Hits: …",
and their Thai equivalents), whole-line furniture (share buttons, counters,
breadcrumbs, "You are here"), "related items" sections, and source-URL lines.
"""

from __future__ import annotations

import re

from .anchors import DISCLAIMER_RE, MEETING_PREFIX_RE

# Joomla "article info" lines ("- Details", "- Category: …", "- Published: …", "- Hits: …")
# and their Thai-language equivalents.
META_RE = re.compile(
    r"^-?\s*(?P<label>Details|Parent Category|Category|Published|Created|Last Updated|Hits|Written by|"
    r"รายละเอียด|หมวดหมู่หลัก|หมวดหมู่|หมวด|วันที่เผยแพร่|เผยแพร่เมื่อ|เผยแพร่|ปรับปรุงล่าสุด|ปรับปรุง|"
    r"สร้างเมื่อ|ฮิต|เปิดอ่าน|จำนวนผู้เข้าชม|จำนวนผู้ชม|ผู้เข้าชม|เขียนโดย)\s*(?::\s*(?P<value>.*))?$",
    re.IGNORECASE,
)
_META_NEEDS_VALUE = {
    "category",
    "parent category",
    "published",
    "created",
    "last updated",
    "hits",
    "written by",
    "หมวดหมู่หลัก",
    "หมวดหมู่",
    "หมวด",
    "วันที่เผยแพร่",
    "เผยแพร่เมื่อ",
    "เผยแพร่",
    "ปรับปรุงล่าสุด",
    "ปรับปรุง",
    "สร้างเมื่อ",
    "ฮิต",
    "เปิดอ่าน",
    "จำนวนผู้เข้าชม",
    "จำนวนผู้ชม",
    "ผู้เข้าชม",
    "เขียนโดย",
}

# Whole lines that are page furniture wherever they occur.
_CHROME_LINES = {
    "details",
    "print",
    "email",
    "e-mail",
    "share",
    "tweet",
    "facebook",
    "twitter",
    "line",
    "pinterest",
    "แชร์",
    "พิมพ์",
    "อีเมล",
    "อีเมล์",
    "หน้าแรก",
    "home",
    "กลับ",
    "back",
    "ย้อนกลับ",
    "กลับหน้าหลัก",
    "กลับด้านบน",
    "top",
    "prev",
    "next",
    "previous",
    "ก่อนหน้า",
    "ถัดไป",
    "xs",
    "xsm",
    "sm",
    "md",
    "lg",
    "skip to main content",
    "ข้ามไปยังเนื้อหา",
    "กำลังโหลดความคิดเห็น",
    "ความคิดเห็น",
    "comments",
    "![]()",
    "เมนู",
    "menu",
    "ค้นหา",
    "search",
    "font size",
    "ขนาดตัวอักษร",
    "a a a",
    "a- a a+",
}
_CHROME_RE = re.compile(
    r"^(?:!\[[^\]]*\]\([^)]*\)\s*\|?|Hits\s*:\s*\d+|ฮิต\s*:\s*\d+|เปิดอ่าน\s*:?\s*\d+(?:\s*ครั้ง)?|"
    r"(?:You are here|คุณอยู่ที่)\s*:.*|(?:Share|แชร์)\s*(?:on|ไปยัง)?\s*(?:Facebook|Twitter|X|Line|LINE).*|"
    r"Tags?\s*:.*|แท็ก\s*:.*)$",
    re.IGNORECASE,
)
# Headers of "related items" sections: everything from there to the next structural
# anchor (disclaimer / meeting line / end) is chrome.
RELATED_RE = re.compile(
    r"^(?:ข่าวที่เกี่ยวข้อง|บทความที่เกี่ยวข้อง|เรื่องที่เกี่ยวข้อง|มติที่เกี่ยวข้อง|ข่าวล่าสุด|ข่าวอื่น ?ๆ|"
    r"Related Articles|Related News|Related Items|More in this category|เรื่องอื่น ?ๆ ในหมวดนี้)\s*:?$",
    re.IGNORECASE,
)
_BREADCRUMB_RE = re.compile(r"^(?:[^»>›]{1,40}\s*[»>›]\s*){1,}[^»>›]{0,120}$")
_URL_LINE_RE = re.compile(
    r"^(?:(?:ที่มา|แหล่งที่มา|แหล่งข้อมูล|source|url|link|ลิงก์|ลิงค์)\s*[:：]?\s*)?(?P<url>https?://\S+)$",
    re.IGNORECASE,
)


def is_furniture(line: str, *, breadcrumbs: bool = False) -> bool:
    """A whole line of page furniture (optionally counting breadcrumb trails)."""
    return bool(
        line.casefold() in _CHROME_LINES or _CHROME_RE.match(line) or (breadcrumbs and _BREADCRUMB_RE.match(line))
    )


def is_meta(line: str) -> bool:
    """An article-info line ("- Category: …"); a bare label ("- Details") only
    counts in its list form."""
    m = META_RE.match(line)
    if not m:
        return False
    if m.group("value") is not None:
        return m.group("label").lower() in _META_NEEDS_VALUE or line.startswith("-")
    return line.startswith("-") and m.group("label").lower() not in _META_NEEDS_VALUE


def split_source_url(lines: list[str]) -> tuple[str | None, list[str]]:
    """(source URL, the other lines): labelled "ที่มา: https://…" lines anywhere, or
    a bare URL as the first or last line."""
    source_url = None
    kept: list[str] = []
    for i, line in enumerate(lines):
        m = _URL_LINE_RE.match(line)
        labelled = m and not line.lower().startswith("http")
        if m and (labelled or i == 0 or i == len(lines) - 1):
            source_url = source_url or m.group("url").rstrip(").,")
            continue
        kept.append(line)
    return source_url, kept


def drop_chrome(lines: list[str]) -> list[str]:
    """The body without furniture lines and "related items" sections."""
    out: list[str] = []
    in_related = False
    for line in lines:
        if RELATED_RE.match(line):
            in_related = True
            continue
        if in_related:
            if DISCLAIMER_RE.search(line) or MEETING_PREFIX_RE.match(line):
                in_related = False
            else:
                continue
        if is_furniture(line):
            continue
        out.append(line)
    return out
