"""Parse Thai cabinet resolutions (มติคณะรัฐมนตรี) as the Secretariat of the
Cabinet (สำนักเลขาธิการคณะรัฐมนตรี) publishes them.

Pure Python (standard library only): no Django import, so it can be used from
management commands, tests and scripts alike.

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

Public API:

* :func:`parse_resolution` / :func:`parse_resolution_bytes` -> :class:`ParsedResolution`
* :func:`identifier_for` -> ``cr-<BE year>-<MM>-<DD>-<sha1[:8] of the normalised title>``
* :func:`parse_open_data` -> list of :class:`OpenDataItem` (the Secretariat's yearly JSON)
* :class:`ResolutionParseError` (a ``ValueError``) whose message is Thai + English.

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

import hashlib
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

__all__ = [
    "BANGKOK",
    "OpenDataItem",
    "ParsedResolution",
    "ResolutionParseError",
    "clean_text",
    "identifier_for",
    "parse_open_data",
    "parse_resolution",
    "parse_resolution_bytes",
    "parse_thai_date",
]

BANGKOK = ZoneInfo("Asia/Bangkok")


class ResolutionParseError(ValueError):
    """Raised when a resolution (or an open-data file) cannot be parsed.

    ``str(err)`` is ``"<Thai> (<English>)"``; the parts are also available as
    ``err.thai`` and ``err.english``; ``err.field`` names the missing/invalid
    field and ``err.item`` the 1-based open-data item, when relevant.
    """

    def __init__(self, thai: str, english: str | None = None, *, field: str | None = None,
                 item: int | None = None):
        message = f"{thai} ({english})" if english else thai
        super().__init__(message)
        self.thai = thai
        self.english = english
        self.field = field
        self.item = item


# --------------------------------------------------------------------------------------
# Text cleaning
# --------------------------------------------------------------------------------------

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Zero-width and invisible formatting characters that only get in the way.
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
# Non-breaking / typographic spaces -> plain space (never NFKC: it would decompose
# Thai SARA AM and change quotes).
_SPACE_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_MULTISPACE_RE = re.compile(" {2,}")


def thai_to_arabic_digits(s: str) -> str:
    return s.translate(_THAI_DIGITS)


def clean_text(text: str) -> str:
    """NFC, NBSP -> space, zero-width removed, line endings normalised, each line
    stripped and inner runs of spaces collapsed.  Never NFKC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    # NIKHAHIT + SARA AA typed (or PDF-extracted) instead of SARA AM: same word, one spelling.
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    lines = [_MULTISPACE_RE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def _collapse(s: str) -> str:
    return re.sub(r"\s+", " ", clean_text(s)).strip()


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

_THAI_MONTHS = {
    "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6,
    "กรกฎาคม": 7, "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "ธันวาคม": 12,
    # frequent misspellings seen on government sites
    "กรกฏาคม": 7, "กุมภาพันธ": 2, "พฤษภาคาม": 5,
}
_THAI_MONTH_ABBR = {
    "มค": 1, "กพ": 2, "มีค": 3, "เมย": 4, "พค": 5, "มิย": 6,
    "กค": 7, "สค": 8, "กย": 9, "ตค": 10, "พย": 11, "ธค": 12,
}
_EN_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_EN_MONTHS.update({k[:3]: v for k, v in list(_EN_MONTHS.items())})
_EN_MONTHS["sept"] = 9


def _abbr_pattern(abbr: str) -> str:
    # "กค" -> "ก\.?\s?ค\.?" ; "มีค" -> "มี\.?\s?ค\.?"  (dots and the inner space optional)
    first, last = abbr[:-1], abbr[-1]
    return re.escape(first) + r"\.?\s?" + re.escape(last) + r"\.?"


_MONTH_ALT = "|".join(
    sorted((re.escape(m) for m in _THAI_MONTHS), key=len, reverse=True)
    + [_abbr_pattern(a) for a in sorted(_THAI_MONTH_ABBR, key=len, reverse=True)]
)
_DIG = "[0-9๐-๙]"
_WEEKDAY = r"(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)"
THAI_DATE_RE = re.compile(
    rf"(?P<d>{_DIG}{{1,2}})\s*(?P<m>{_MONTH_ALT})\s*(?:พ\.?\s?ศ\.?\s*)?(?P<y>{_DIG}{{4}}|{_DIG}{{2}})(?!{_DIG})"
)


def _month_number(token: str) -> int | None:
    token = token.strip()
    if token in _THAI_MONTHS:
        return _THAI_MONTHS[token]
    key = re.sub(r"[.\s]", "", token)
    return _THAI_MONTH_ABBR.get(key)


def _year_to_ce(year: int, digits: int) -> int:
    """B.E. years (2400+) -> C.E.; two-digit years are B.E. (67 -> 2567);
    plausible C.E. years (1900-2199) are kept."""
    if digits == 2:
        year += 2500
    if year >= 2400:
        return year - 543
    if 1900 <= year < 2200:
        return year
    raise ValueError(f"implausible year {year}")


def parse_thai_date(s: str) -> date | None:
    """First Thai-style date in *s* ("9 กรกฎาคม 2567", "๙ ก.ค. ๖๗", "9 ก.ค. พ.ศ. 2567")."""
    m = THAI_DATE_RE.search(s)
    if not m:
        return None
    return _thai_date_from_match(m)


def _thai_date_from_match(m: re.Match) -> date:
    day = int(thai_to_arabic_digits(m.group("d")))
    month = _month_number(m.group("m"))
    ytxt = thai_to_arabic_digits(m.group("y"))
    if month is None:
        raise ValueError(f"unknown month {m.group('m')!r}")
    return date(_year_to_ce(int(ytxt), len(ytxt)), month, day)


# --------------------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------------------

@dataclass
class ParsedResolution:
    title: str
    meeting_date: date
    outcome: str
    resolution_text: str
    category: str | None = None
    published: datetime | None = None
    chair: str | None = None
    proposer: str | None = None
    blocks: list[dict[str, Any]] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    disclaimer: str | None = None
    source_url: str | None = None

    @property
    def identifier(self) -> str:
        return identifier_for(self)


@dataclass
class OpenDataItem:
    title: str
    meeting_date: date
    agenda_no: int | None
    proposer: str | None
    attachments: list[tuple[str, str]] = field(default_factory=list)
    index: int = 0  # 1-based position in the source array

    @property
    def identifier(self) -> str:
        return identifier_for(self)


# --------------------------------------------------------------------------------------
# Identifier
# --------------------------------------------------------------------------------------

_QUOTE_MAP = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "‐": "-"})


def normalise_title(title: str) -> str:
    """The key the identifier hashes: cleaned, Thai digits -> Arabic, typographic
    quotes/dashes unified, ALL whitespace removed (Thai spacing is inconsistent:
    "ครั้งที่ 4" vs "ครั้งที่4"), case-folded."""
    t = clean_text(title)
    t = thai_to_arabic_digits(t).translate(_QUOTE_MAP)
    t = re.sub(r"\s+", "", t)
    return t.casefold()


def identifier_for(parsed: Any) -> str:
    """``cr-<BE year>-<MM>-<DD>-<8 hex of sha1(normalised title)>``.

    Accepts a :class:`ParsedResolution`, an :class:`OpenDataItem` or anything with
    ``meeting_date`` and ``title``.  A hash rather than a transliterated slug: Thai
    titles have no stable ASCII slug, and the hash only depends on the meeting date
    and the title's non-space characters, so re-importing the same resolution (even
    re-wrapped or re-spaced) maps to the same record.
    """
    meeting = getattr(parsed, "meeting_date", None)
    title = getattr(parsed, "title", None)
    if not isinstance(meeting, date) or not title:
        raise ResolutionParseError(
            "ต้องมีวันที่ประชุมและชื่อเรื่องเพื่อสร้างรหัส",
            "an identifier needs meeting_date and title", field="identifier")
    digest = hashlib.sha1(normalise_title(title).encode("utf-8")).hexdigest()[:8]
    return f"cr-{meeting.year + 543}-{meeting.month:02d}-{meeting.day:02d}-{digest}"


# --------------------------------------------------------------------------------------
# Bytes -> text
# --------------------------------------------------------------------------------------

_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image", "รูปภาพ PNG"),
    (b"\xff\xd8\xff", "JPEG image", "รูปภาพ JPEG"),
    (b"GIF8", "GIF image", "รูปภาพ GIF"),
    (b"%PDF-", "PDF document (extract its text first)", "เอกสาร PDF (ต้องแปลงเป็นข้อความก่อน)"),
    (b"PK\x03\x04", "ZIP/Office document", "ไฟล์ ZIP/เอกสาร Office"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document", "เอกสาร Office รุ่นเก่า"),
]


def _decode(data: bytes, what: str = "input") -> str:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if not data.strip():
        raise ResolutionParseError("ข้อมูลว่างเปล่า ไม่มีข้อความให้อ่าน", f"empty {what}: no text to parse",
                                   field="text")
    for magic, en, th in _MAGIC:
        if data.startswith(magic):
            raise ResolutionParseError(f"ไฟล์เป็นข้อมูลไบนารี ({th}) ไม่ใช่ข้อความ",
                                       f"binary {what}: looks like a {en}, not text", field="text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ResolutionParseError("ไฟล์เข้ารหัสแบบ UTF-16 ต้องเป็น UTF-8",
                                   f"{what} is UTF-16; only UTF-8 is accepted", field="text")
    if b"\x00" in data:
        raise ResolutionParseError("ไฟล์เป็นข้อมูลไบนารี (มีไบต์ NUL) ไม่ใช่ข้อความ",
                                   f"binary {what}: contains NUL bytes", field="text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResolutionParseError(
            f"ไม่ใช่ข้อความ UTF-8 ที่ถูกต้อง (ไบต์ที่ {exc.start})",
            f"{what} is not valid UTF-8: bad byte at offset {exc.start}", field="text") from None
    _check_mostly_text(text, what)
    return text


def _check_mostly_text(text: str, what: str = "input") -> None:
    if "\x00" in text:
        raise ResolutionParseError("ข้อมูลเป็นไบนารี (มีอักขระ NUL) ไม่ใช่ข้อความ",
                                   f"binary {what}: contains NUL characters", field="text")
    sample = text[:20000]
    if not sample:
        return
    bad = sum(1 for ch in sample if ch not in "\n\r\t" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"))
    if bad / len(sample) > 0.05:
        raise ResolutionParseError("ข้อมูลส่วนใหญ่ไม่ใช่ข้อความ (มีอักขระควบคุมมากเกินไป)",
                                   f"{what} is mostly non-text: {bad} control/unassigned characters "
                                   f"in the first {len(sample)}", field="text")


def parse_resolution_bytes(data: bytes) -> ParsedResolution:
    """Decode UTF-8 (BOM optional) and parse; binary or empty input is refused."""
    return parse_resolution(_decode(data))


# --------------------------------------------------------------------------------------
# Line classification helpers
# --------------------------------------------------------------------------------------

# Joomla "article info" lines ("- Details", "- Category: …", "- Published: …", "- Hits: …")
# and their Thai-language equivalents.
_META_RE = re.compile(
    r"^-?\s*(?P<label>Details|Parent Category|Category|Published|Created|Last Updated|Hits|Written by|"
    r"รายละเอียด|หมวดหมู่หลัก|หมวดหมู่|หมวด|วันที่เผยแพร่|เผยแพร่เมื่อ|เผยแพร่|ปรับปรุงล่าสุด|ปรับปรุง|"
    r"สร้างเมื่อ|ฮิต|เปิดอ่าน|จำนวนผู้เข้าชม|จำนวนผู้ชม|ผู้เข้าชม|เขียนโดย)\s*(?::\s*(?P<value>.*))?$",
    re.IGNORECASE,
)
_META_NEEDS_VALUE = {"category", "parent category", "published", "created", "last updated", "hits",
                     "written by", "หมวดหมู่หลัก", "หมวดหมู่", "หมวด", "วันที่เผยแพร่", "เผยแพร่เมื่อ",
                     "เผยแพร่", "ปรับปรุงล่าสุด", "ปรับปรุง", "สร้างเมื่อ", "ฮิต", "เปิดอ่าน",
                     "จำนวนผู้เข้าชม", "จำนวนผู้ชม", "ผู้เข้าชม", "เขียนโดย"}

# Whole lines that are page furniture wherever they occur.
_CHROME_LINES = {
    "details", "print", "email", "e-mail", "share", "tweet", "facebook", "twitter", "line", "pinterest",
    "แชร์", "พิมพ์", "อีเมล", "อีเมล์", "หน้าแรก", "home", "กลับ", "back", "ย้อนกลับ", "กลับหน้าหลัก",
    "กลับด้านบน", "top", "prev", "next", "previous", "ก่อนหน้า", "ถัดไป", "xs", "xsm", "sm", "md", "lg",
    "skip to main content", "ข้ามไปยังเนื้อหา", "กำลังโหลดความคิดเห็น", "ความคิดเห็น", "comments",
    "![]()", "เมนู", "menu", "ค้นหา", "search", "font size", "ขนาดตัวอักษร", "a a a", "a- a a+",
}
_CHROME_RE = re.compile(
    r"^(?:!\[[^\]]*\]\([^)]*\)\s*\|?|Hits\s*:\s*\d+|ฮิต\s*:\s*\d+|เปิดอ่าน\s*:?\s*\d+(?:\s*ครั้ง)?|"
    r"(?:You are here|คุณอยู่ที่)\s*:.*|(?:Share|แชร์)\s*(?:on|ไปยัง)?\s*(?:Facebook|Twitter|X|Line|LINE).*|"
    r"Tags?\s*:.*|แท็ก\s*:.*)$",
    re.IGNORECASE,
)
# Headers of "related items" sections: everything from there to the next structural
# anchor (disclaimer / meeting line / end) is chrome.
_RELATED_RE = re.compile(
    r"^(?:ข่าวที่เกี่ยวข้อง|บทความที่เกี่ยวข้อง|เรื่องที่เกี่ยวข้อง|มติที่เกี่ยวข้อง|ข่าวล่าสุด|ข่าวอื่น ?ๆ|"
    r"Related Articles|Related News|Related Items|More in this category|เรื่องอื่น ?ๆ ในหมวดนี้)\s*:?$",
    re.IGNORECASE,
)
_BREADCRUMB_RE = re.compile(r"^(?:[^»>›]{1,40}\s*[»>›]\s*){1,}[^»>›]{0,120}$")
_URL_LINE_RE = re.compile(
    r"^(?:(?:ที่มา|แหล่งที่มา|แหล่งข้อมูล|source|url|link|ลิงก์|ลิงค์)\s*[:：]?\s*)?(?P<url>https?://\S+)$",
    re.IGNORECASE,
)
_DISCLAIMER_RE = re.compile(r"โปรดตรวจสอบมติคณะรัฐมนตรี(?:ที่เป็นทางการ)?")
_SEPARATOR_RE = re.compile(r"^[_\-=─—–*·.]{5,}$")
_FOOTNOTE_LINE_RE = re.compile(r"^(?:\*+\s*\S|หมายเหตุ|\[[0-9๐-๙]{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")

# The closing meeting line: "ที่ประชุมคณะรัฐมนตรี <chair> [วันอังคารที่] 9 กรกฎาคม 2567"
_MEETING_PREFIX_RE = re.compile(r"^ที่ประชุม\s*(?:คณะรัฐมนตรี|ครม\.?)(?![ก-๛])|^ที่ประชุมคณะรัฐมนตรี")
_MEETING_DATE_AT_END_RE = re.compile(
    rf"(?:(?:เมื่อ)?\s*วัน(?:{_WEEKDAY})?\s*ที่\s*)?{THAI_DATE_RE.pattern}\s*\)?\s*\.?$"
)

# The resolution sentence and its outcome verb(s).
_VERB = (r"(?:ไม่)?(?:ให้ความเห็นชอบ|เห็นชอบ|อนุมัติ|รับทราบ|มอบหมาย|แต่งตั้ง|ยกเลิก|ไม่ขัดข้อง|"
         r"เห็นควร|รับหลักการ|ทบทวน|ยืนยัน|ถอน|ขยาย)(?:\s?(?:ใน)?หลักการ)?")
_OUTCOME = rf"{_VERB}(?:\s?(?:และ|,|รวมทั้ง|พร้อมทั้ง)\s?{_VERB})*"
_CABINET = r"(?:คณะรัฐมนตรี|ครม\.?)"
_RESOLUTION_RE = re.compile(
    rf"^(?:ทั้งนี้\s*)?{_CABINET}\s*(?:(?:ได้\s*)?(?:มี|ลง)มติ\s*(?::\s*)?)?(?P<outcome>{_OUTCOME})"
)
_RESOLUTION_LIST_RE = re.compile(rf"^{_CABINET}\s*(?:ได้\s*)?(?:มี|ลง)มติ.*ดังนี้\s*:?$")
_ITEM_VERB_RE = re.compile(rf"^(?:{_CABINET}\s*)?(?:ให้\s*)?(?P<outcome>{_OUTCOME})")

# Numbered lines.  Top level needs its dot ("1. …", "๑. …"); deeper levels may omit
# the final dot ("2.1 …", "2.1.1 …").  "(1) …" and "1) …" are list items only.
_NUM_RE = re.compile(rf"^(?P<num>{_DIG}{{1,2}}(?:\.{_DIG}{{1,3}})*)(?P<dot>\.)?(?P<sep>\s+)?(?P<rest>\S.*)$")
_PAREN_RE = re.compile(rf"^(?:\((?P<a>{_DIG}{{1,2}})\)|(?P<b>{_DIG}{{1,2}})\))\s*(?P<rest>\S.*)$")
_BULLET_RE = re.compile(r"^[-•▪●○◦‣⁃]\s+\S")
# Unnumbered section titles used in resolution summaries.
_NAMED_HEADING_RE = re.compile(
    r"^(?:สาระสำคัญ(?:ของเรื่อง|ของร่าง\S*.*|และข้อเท็จจริง)?|ข้อเท็จจริง(?:และสาระสำคัญ)?|ความเป็นมา|"
    r"เรื่องเดิม|ความเห็นของ\S.*|ข้อเสนอ(?:ของ\S.*)?|ประโยชน์(?:และผลกระทบ)?|ประโยชน์ที่(?:คาดว่าจะ)?ได้รับ|"
    r"ผลกระทบ|เหตุผล(?:ความจำเป็น)?|ผลการดำเนินการ|ผลการดำเนินงาน|ขั้นตอนการดำเนินการ|"
    r"งบประมาณ|มติคณะรัฐมนตรี)\s*:?$"
)
_HEADING_MAX_WITH_CHILDREN = 400  # a numbered line that owns deeper-numbered items
_HEADING_MAX_WITH_BODY = 200  # a numbered line followed by a paragraph or a table


def _is_table_line(line: str) -> bool:
    return line.endswith("|")


def _num_info(line: str) -> tuple[str, int] | None:
    """(style, level) for a numbered line, else None."""
    m = _NUM_RE.match(line)
    if m:
        parts = m.group("num").split(".")
        rest = m.group("rest")
        if not (len(parts) == 1 and not m.group("dot")) and not re.match(_DIG, rest):
            if m.group("dot") or m.group("sep"):
                return ("dotted", len(parts))
    if _PAREN_RE.match(line):
        return ("paren", 99)
    return None


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

def _cell_kind_num(cell: str) -> bool:
    return bool(re.fullmatch(r"[0-9๐-๙][0-9๐-๙.,/%\-–: ]*", cell))


def _eta_squared(columns: list[list[float]]) -> float | None:
    """Share of the variance explained by the column (one-way ANOVA eta²), adjusted
    for the number of columns (so many columns over few rows are not rewarded)."""
    values = [v for col in columns for v in col]
    n, k = len(values), len([c for c in columns if c])
    if n <= k or k < 1:
        return None
    mean = sum(values) / n
    total = sum((v - mean) ** 2 for v in values)
    if total == 0:
        return None
    between = sum(len(col) * ((sum(col) / len(col)) - mean) ** 2 for col in columns if col)
    eta = between / total
    return 1 - (1 - eta) * (n - 1) / (n - k)


def _chunk(cells: list[str], ncols: int) -> list[list[str]]:
    rows = [cells[i:i + ncols] for i in range(0, len(cells), ncols)]
    if rows and len(rows[-1]) < ncols:
        rows[-1] = rows[-1] + [""] * (ncols - len(rows[-1]))
    return rows


def _header_like(row: list[str]) -> bool:
    return all(c and len(c) <= 80 and not _cell_kind_num(c) for c in row)


def _score_columns(cells: list[str], ncols: int) -> float:
    rows = _chunk(cells, ncols)
    header = _header_like(rows[0])
    if not header and any(len(c) > 100 for c in rows[0]):
        # A first row holding prose cannot be the header row; such a split is only
        # plausible for header-less tables, which are rare on these pages.
        penalty = 0.5
    else:
        penalty = 0.0
    body = rows[1:] if header else rows
    if not body:
        return -1.0
    length_cols: list[list[float]] = [[] for _ in range(ncols)]
    num_cols: list[list[float]] = [[] for _ in range(ncols)]
    for row in body:
        for j, cell in enumerate(row):
            if cell:  # empty cells are wildcards (section rows, blank cells)
                length_cols[j].append(math.log1p(len(cell)))
                num_cols[j].append(1.0 if _cell_kind_num(cell) else 0.0)
    scores = [s for s in (_eta_squared(length_cols), _eta_squared(num_cols)) if s is not None]
    score = sum(scores) / len(scores) if scores else 0.0
    # Numbering in the first column (1, 2, 3 … or paragraph numbers 3, 6, 11 …).
    first = [thai_to_arabic_digits(r[0]) for r in body if r[0]]
    nums = [int(c) for c in first if c.isdigit()]
    if len(nums) >= 2 and len(nums) >= 0.6 * len(first) and all(a < b for a, b in zip(nums, nums[1:])):
        score += 0.3
    if len(cells) % ncols:
        score -= 0.3
    return score - penalty


def _infer_columns(cells: list[str]) -> int:
    """Number of columns of a one-cell-per-line table.

    THE ROW RULE.  The page flattens every <td>/<th> to its own line ending in " |"
    (an empty cell is a bare "|"), so row boundaries are lost.  They are rebuilt by
    choosing the column count c (2 ≤ c ≤ 12, at least one body row) that makes the
    columns most homogeneous:

    * the first c cells must look like a header row (short, non-numeric, non-empty);
      a split whose first row holds prose (>100 chars) is penalised;
    * over the body rows, cells of the same column must resemble each other: the
      adjusted eta² of log(cell length) and of "is a number" by column (empty cells
      are wildcards, so section rows like "ปฏิญญาสิงคโปร์ … | |" do not break it);
    * bonus when the first column is an increasing sequence of numbers (row
      numbers / paragraph numbers such as 3, 6, 11, 14 …);
    * a count that does not divide the number of cells is penalised (last row padded);
    * near ties (within 0.05) go to the smaller c — multiples of the true c
      (two real rows read as one) fit almost as well but are never better.

    Seed 002: table 1 has 22 cells -> 2 columns × 11 rows (header ย่อหน้า |
    รายละเอียดที่ปรับแก้ไข); table 2 has 12 cells -> 2 columns × 6 rows.
    """
    n = len(cells)
    if n < 4:
        return max(n, 1)
    scored = [(c, _score_columns(cells, c)) for c in range(2, min(12, n // 2) + 1)]
    best = max(s for _, s in scored)
    return min(c for c, s in scored if s >= best - 0.05)


def _build_table(lines: list[str], caption: str) -> dict[str, Any]:
    """lines: the raw table lines (each ending in "|")."""
    # Markdown-ish rows ("a | b |", "---|---|") carry their own row boundaries.
    if any(re.search(r"\S\s*\|\s*\S", ln[:-1]) for ln in lines) or any(re.fullmatch(r"[-:| ]*-{3,}[-:| ]*", ln) for ln in lines):
        rows: list[list[str]] = []
        header = False
        for ln in lines:
            if re.fullmatch(r"[-:| ]*-{3,}[-:| ]*", ln):
                header = header or len(rows) == 1
                continue
            rows.append([c.strip() for c in ln.rstrip("|").split("|")])
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
        return {"caption": caption, "rows": rows, "header": header}
    cells = [ln[:-1].strip() for ln in lines]
    ncols = _infer_columns(cells)
    rows = _chunk(cells, ncols)
    header = len(rows) > 1 and _header_like(rows[0])
    return {"caption": caption, "rows": rows, "header": header}


# --------------------------------------------------------------------------------------
# Footnotes
# --------------------------------------------------------------------------------------

_FN_START_RE = re.compile(
    rf"^(?:\[(?P<a>{_DIG}{{1,2}})\]|\((?P<b>{_DIG}{{1,2}})\)|(?P<c>{_DIG}{{1,2}})(?:[.)]\s*|\s+|(?=[^\d\s.,๐-๙])))(?P<rest>\S.*)$"
)


def _glued_markers(body_text: str) -> set[int]:
    """Numbers glued to the end of a word in the body ("ฉบับ1 และ", "Fund2 ประจำ"):
    flattened superscript footnote references."""
    found = set()
    for m in re.finditer(r"(?<=[^\s\d(\[๐-๙,./:\-–])([0-9]{1,2})(?=\s|[\u0e00-\u0e7f]|$)", body_text, re.M):
        found.add(int(m.group(1)))
    return found


def _split_footnotes(lines: list[str], body_text: str) -> list[str]:
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
            marker = thai_to_arabic_digits(m.group("a") or m.group("b") or m.group("c"))
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
            notes[-1] = (marker, text[:mm.start()].rstrip())
            notes.append((str(expected), text[mm.end():].lstrip()))
            expected += 1
    return [f"{mk} {tx}" if mk else tx for mk, tx in notes]


# --------------------------------------------------------------------------------------
# Main parser
# --------------------------------------------------------------------------------------

def _parse_published(label: str, value: str) -> datetime:
    v = thai_to_arabic_digits(value.strip())
    # ISO 8601
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$", v)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        hh, mi, ss = int(m.group(4) or 0), int(m.group(5) or 0), int(m.group(6) or 0)
        dt = datetime(_year_to_ce(y, 4), mo, d, hh, mi, ss)
        if m.group(7):
            aware = datetime.fromisoformat(f"{dt.isoformat()}{'+00:00' if m.group(7) == 'Z' else m.group(7)}")
            return aware.astimezone(BANGKOK)
        return dt.replace(tzinfo=BANGKOK)
    # English: "Wednesday, 10 July 2024 00:20" / "10 July 2024" / "July 10, 2024 00:20"
    m = re.match(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2}))?", v)
    m2 = None if m else re.match(r"^(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2}))?", v)
    if m or m2:
        if m:
            d, mon, y, hh, mi = m.groups()
        else:
            mon, d, y, hh, mi = m2.groups()
        month = _EN_MONTHS.get(mon.lower())
        if month:
            return datetime(_year_to_ce(int(y), 4), month, int(d), int(hh or 0), int(mi or 0), tzinfo=BANGKOK)
    # Thai: "วันพุธที่ 10 กรกฎาคม 2567 เวลา 00:20 น."
    m = THAI_DATE_RE.search(v)
    if m:
        d0 = _thai_date_from_match(m)
        t = re.search(r"(\d{1,2})[:.](\d{2})", v[m.end():])
        hh, mi = (int(t.group(1)), int(t.group(2))) if t else (0, 0)
        return datetime(d0.year, d0.month, d0.day, hh, mi, tzinfo=BANGKOK)
    raise ValueError(value)


def _find_meeting_line(lines: list[str], start: int) -> tuple[int, date, str | None]:
    unreadable = None
    for i in range(len(lines) - 1, start - 1, -1):
        line = lines[i]
        if not _MEETING_PREFIX_RE.match(line) or len(line) > 250:
            continue
        m = _MEETING_DATE_AT_END_RE.search(line)
        if not m:
            unreadable = unreadable or line
            continue
        try:
            meeting = _thai_date_from_match(m)
        except ValueError:
            raise ResolutionParseError(
                f"วันที่ประชุมคณะรัฐมนตรีไม่ถูกต้อง: '{line}'",
                f"invalid meeting date in the meeting line: {line!r}", field="meeting_date") from None
        prefix = _MEETING_PREFIX_RE.match(line)
        chair = line[prefix.end():m.start()].strip()
        chair = re.sub(r"^(?:โดยมี|โดย|ซึ่งมี)\s*", "", chair)
        chair = re.sub(r"\s*(?:เป็นประธาน(?:การประชุม|ในที่ประชุม)?|ประธาน)\s*$", "", chair)
        chair = re.sub(r"\s*[,:\-–]\s*$", "", chair).strip()
        return i, meeting, (chair or None)
    if unreadable:
        raise ResolutionParseError(
            f"พบบรรทัดที่ประชุมคณะรัฐมนตรีแต่อ่านวันที่ประชุมไม่ได้: '{unreadable}'",
            f"meeting line found but its date could not be read: {unreadable!r}; "
            "expected e.g. '9 กรกฎาคม 2567'", field="meeting_date")
    raise ResolutionParseError(
        "ไม่พบวันที่ประชุมคณะรัฐมนตรี",
        "meeting date not found: expected a closing line like "
        "'ที่ประชุมคณะรัฐมนตรี … 9 กรกฎาคม 2567'", field="meeting_date")


def _find_proposer(text: str) -> str | None:
    """The agency in "ตามที่ <agency> เสนอ": for each "เสนอ" (not "ข้อเสนอ") take the
    nearest preceding "ตามที่" within 250 characters."""
    for m in re.finditer(r"(?<!ข้อ)เสนอ", text):
        window_start = max(0, m.start() - 250)
        k = text.rfind("ตามที่", window_start, m.start())
        if k < 0:
            continue
        cand = text[k + len("ตามที่"):m.start()].strip()
        cand = re.sub(r"\s*(?:ได้|ที่ได้|จะ)$", "", cand).strip()
        if cand and not cand.startswith(("ได้", "มี", "ที่")) and "\n" not in cand:
            return cand
    m = re.search(r"((?:กระทรวง|สำนักงาน|สำนักนายกรัฐมนตรี|กรม)\S*(?:\s*\([^)]{1,30}\))?)\s*(?:ได้)?เสนอ", text)
    return m.group(1) if m else None


def _find_resolution(lines: list[str]) -> tuple[int, int, str, str] | None:
    """(first index, end index, outcome, resolution text) of the resolution sentence."""
    stop = len(lines)
    for i, line in enumerate(lines):
        if _NAMED_HEADING_RE.match(line) and i > 0:
            stop = i
            break
    ranges = [range(0, stop), range(stop, len(lines))]
    for rng in ranges:
        for i in rng:
            line = lines[i]
            m = _RESOLUTION_RE.match(line)
            if m:
                return i, i + 1, m.group("outcome").strip(), line
            if _RESOLUTION_LIST_RE.match(line):
                verbs: list[str] = []
                j = i + 1
                while j < len(lines) and _num_info(lines[j]) and not _is_table_line(lines[j]):
                    item = _strip_number(lines[j])
                    mv = _ITEM_VERB_RE.match(item)
                    if mv and mv.group("outcome") not in verbs:
                        verbs.append(mv.group("outcome"))
                    j += 1
                if verbs:
                    return i, j, "และ".join(verbs), "\n".join(lines[i:j])
    return None


def _strip_number(line: str) -> str:
    m = _NUM_RE.match(line)
    if m and _num_info(line) and _num_info(line)[0] == "dotted":
        return m.group("rest")
    m = _PAREN_RE.match(line)
    return m.group("rest") if m else line


def _drop_chrome(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_related = False
    for line in lines:
        if _RELATED_RE.match(line):
            in_related = True
            continue
        if in_related:
            if _DISCLAIMER_RE.search(line) or _MEETING_PREFIX_RE.match(line):
                in_related = False
            else:
                continue
        if line.casefold() in _CHROME_LINES or _CHROME_RE.match(line):
            continue
        out.append(line)
    return out


def parse_resolution(text: str) -> ParsedResolution:
    """Parse the text of one cabinet-resolution page.  Raises ResolutionParseError
    (Thai + English message) when the title, meeting line/date or resolution
    sentence is missing, or when the input is empty / binary."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        return parse_resolution_bytes(bytes(text))
    if not isinstance(text, str):
        raise TypeError(f"parse_resolution expects str, got {type(text).__name__}")
    if not text.strip():
        raise ResolutionParseError("ข้อมูลว่างเปล่า ไม่มีข้อความให้อ่าน", "empty input: no text to parse",
                                   field="text")
    _check_mostly_text(text)
    cleaned = clean_text(text)
    lines = [ln for ln in cleaned.split("\n") if ln]

    # --- source URL (labelled "ที่มา: https://…" lines, or a bare URL first/last) ---
    source_url = None
    kept: list[str] = []
    for i, line in enumerate(lines):
        m = _URL_LINE_RE.match(line)
        labelled = m and not line.lower().startswith("http")
        if m and (labelled or i == 0 or i == len(lines) - 1):
            source_url = source_url or m.group("url").rstrip(").,")
            continue
        kept.append(line)
    lines = kept

    # --- head: title + article-info block ---
    def is_meta(ln: str) -> bool:
        m = _META_RE.match(ln)
        if not m:
            return False
        if m.group("value") is not None:
            return m.group("label").lower() in _META_NEEDS_VALUE or ln.startswith("-")
        # a bare label ("- Details") only counts in its list form
        return ln.startswith("-") and m.group("label").lower() not in _META_NEEDS_VALUE

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
            if cand.casefold() in _CHROME_LINES or _CHROME_RE.match(cand) or _BREADCRUMB_RE.match(cand):
                continue
            title = cand
            break
        head_end = run[-1] + 1
        for i in run:
            m = _META_RE.match(lines[i])
            label, value = m.group("label").lower(), (m.group("value") or "").strip()
            if label in ("category", "หมวดหมู่", "หมวด") and value:
                category = value
            elif label in ("published", "เผยแพร่", "เผยแพร่เมื่อ", "วันที่เผยแพร่") and value:
                try:
                    published = _parse_published(label, value)
                except ValueError:
                    raise ResolutionParseError(
                        f"อ่านวันเวลาเผยแพร่ไม่ได้: '{value}'",
                        f"publication time could not be read: {value!r}; expected e.g. "
                        "'Wednesday, 10 July 2024 00:20'", field="published") from None
        if title is None and head_end < len(lines):
            # no heading above the info block: the page repeats it right below
            title = lines[head_end]
            head_end += 1
    else:
        head_end = 0
        while head_end < len(lines) and (lines[head_end].casefold() in _CHROME_LINES
                                        or _CHROME_RE.match(lines[head_end])
                                        or _BREADCRUMB_RE.match(lines[head_end])):
            head_end += 1
        if head_end < len(lines):
            title = lines[head_end]
            head_end += 1
    if head_end < len(lines) and title and _collapse(lines[head_end]) == _collapse(title):
        head_end += 1  # duplicated heading below the info block
    if not title or _MEETING_PREFIX_RE.match(title) or _RESOLUTION_RE.match(title) or _DISCLAIMER_RE.search(title):
        raise ResolutionParseError(
            "ไม่พบชื่อเรื่องของมติคณะรัฐมนตรี",
            "title not found: expected the resolution's title as the first line of the page",
            field="title")

    # --- closing meeting line ---
    # Searched from the bottom (it closes the content), but not inside a trailing
    # "ข่าวที่เกี่ยวข้อง" list, whose items may carry meeting lines of their own.
    related = next((i for i in range(head_end, len(lines)) if _RELATED_RE.match(lines[i])), None)
    try:
        if related is None:
            raise LookupError
        meeting_idx, meeting_date, chair = _find_meeting_line(lines[:related], head_end)
    except (LookupError, ResolutionParseError):
        meeting_idx, meeting_date, chair = _find_meeting_line(lines, head_end)
    tail = lines[meeting_idx + 1:]  # page chrome after the meeting line (counters, links …)
    body = _drop_chrome(lines[head_end:meeting_idx])

    # --- disclaimer ---
    disclaimer_parts = [ln for ln in body + tail if _DISCLAIMER_RE.search(ln) and len(ln) <= 300]
    disclaimer = "\n".join(dict.fromkeys(disclaimer_parts)) or None

    # --- resolution sentence ---
    found = _find_resolution([ln for ln in body if not _DISCLAIMER_RE.search(ln)])
    if not found:
        raise ResolutionParseError(
            "ไม่พบข้อความมติคณะรัฐมนตรี",
            "resolution sentence not found: expected a sentence like "
            "'คณะรัฐมนตรีมีมติรับทราบ … ตามที่กระทรวง… เสนอ'", field="outcome")
    _, _, outcome, resolution_text = found
    proposer = _find_proposer(resolution_text)

    # --- blocks ---
    blocks, footnotes = _build_blocks(body)
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


def _build_blocks(body: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    # 1. split off the footnote section (after a "_____" separator)
    main, fn_lines = body, []
    for i, line in enumerate(body):
        if _SEPARATOR_RE.match(line):
            main, fn_lines = body[:i], body[i + 1:]
            break
    fn_lines = [ln for ln in fn_lines if not _DISCLAIMER_RE.search(ln)]

    # 2. elements: ("line", text) | ("table", lines, caption) | ("disclaimer", text)
    elements: list[tuple] = []
    i = 0
    while i < len(main):
        line = main[i]
        if _is_table_line(line):
            j = i
            cell_lines: list[str] = []
            while j < len(main):
                if _is_table_line(main[j]):
                    cell_lines.append(main[j])
                    j += 1
                elif (j + 1 < len(main) and _is_table_line(main[j + 1]) and cell_lines
                      and not _num_info(main[j]) and not _NAMED_HEADING_RE.match(main[j])):
                    # a cell broken over several lines: only its last line carries the "|"
                    cell_lines.append(main[j] + "\n" + main[j + 1])
                    j += 2
                else:
                    break
            caption = ""
            if elements and elements[-1][0] == "line" and re.match(r"^ตาราง(?:ที่)?\s*\S", elements[-1][1]) \
                    and len(elements[-1][1]) <= 150:
                caption = elements.pop()[1]
            elements.append(("table", cell_lines, caption))
            i = j
            continue
        if _DISCLAIMER_RE.search(line):
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
            kinds.append(("table", _build_table(el[1], el[2]), None, None))
            continue
        if el[0] == "disclaimer":
            kinds.append(("disclaimer", el[1], None, None))
            continue
        line = el[1]
        if _FOOTNOTE_LINE_RE.match(line):
            kinds.append(("footnote", line, None, None))
            continue
        if _NAMED_HEADING_RE.match(line) and len(line) <= 80:
            kinds.append(("heading", line, None, None))
            continue
        info = _num_info(line)
        if info:
            style, level = info
            nxt = elements[idx + 1] if idx + 1 < len(elements) else None
            nxt_info = _num_info(nxt[1]) if nxt and nxt[0] == "line" else None
            owns = nxt_info is not None and style == "dotted" and nxt_info[1] > level
            followed_by_body = nxt is not None and (
                nxt[0] == "table"
                or (nxt[0] == "line" and nxt_info is None and not _NAMED_HEADING_RE.match(nxt[1])
                    and not _FOOTNOTE_LINE_RE.match(nxt[1]) and not _BULLET_RE.match(nxt[1])))
            if style == "dotted" and ((owns and len(line) <= _HEADING_MAX_WITH_CHILDREN)
                                      or (followed_by_body and len(line) <= _HEADING_MAX_WITH_BODY)):
                kinds.append(("heading", line, None, None))
            else:
                kinds.append(("item", line, style, level))
            continue
        if _BULLET_RE.match(line):
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
            blocks.append({"type": "numbered_list", "value": run} if len(run) > 1
                          else {"type": "paragraph", "value": run[0]})
            continue
        if kind == "bullet":
            run = [payload]
            k += 1
            while k < len(kinds) and kinds[k][0] == "bullet":
                run.append(kinds[k][1])
                k += 1
            blocks.append({"type": "bulleted_list", "value": run} if len(run) > 1
                          else {"type": "paragraph", "value": run[0]})
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
        notes = _split_footnotes(fn_lines, "\n".join(main))
        footnotes.extend(notes)
        blocks.append({"type": "footnotes", "value": notes})
    return blocks, footnotes


# --------------------------------------------------------------------------------------
# Open data (the Secretariat's yearly JSON)
# --------------------------------------------------------------------------------------

_LIST_KEYS = ("data", "items", "results", "records", "value", "rows", "d")


def _item_error(index: int, field_name: str, thai: str, english: str) -> ResolutionParseError:
    return ResolutionParseError(f"รายการที่ {index}: {thai}", f"item {index}: {english}",
                                field=field_name, item=index)


def _open_data_date(value: Any, index: int) -> date:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _item_error(index, "meeT_DATE", "ไม่มี meeT_DATE", "missing meeT_DATE")
    if not isinstance(value, str):
        raise _item_error(index, "meeT_DATE", f"meeT_DATE ต้องเป็นข้อความวันที่ ไม่ใช่ {type(value).__name__}",
                          f"meeT_DATE must be a date string, not {type(value).__name__}")
    v = thai_to_arabic_digits(value.strip())
    try:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?", v)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            year = _year_to_ce(y, 4)
            if m.group(7) and m.group(4):
                tz = "+00:00" if m.group(7) == "Z" else m.group(7)
                if len(tz) == 5:
                    tz = tz[:3] + ":" + tz[3:]
                aware = datetime.fromisoformat(
                    f"{year:04d}-{mo:02d}-{d:02d}T{int(m.group(4)):02d}:{m.group(5)}:{m.group(6) or '00'}{tz}")
                return aware.astimezone(BANGKOK).date()
            return date(year, mo, d)
        m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", v)
        if m:
            d, mo, ytxt = int(m.group(1)), int(m.group(2)), m.group(3)
            return date(_year_to_ce(int(ytxt), len(ytxt)), mo, d)
        mt = THAI_DATE_RE.search(v)
        if mt:
            return _thai_date_from_match(mt)
    except ValueError:
        pass
    raise _item_error(index, "meeT_DATE", f"meeT_DATE ไม่ใช่วันที่ที่ถูกต้อง: '{value}'",
                      f"invalid meeT_DATE {value!r}: expected 2024-07-09, 2024-07-09T00:00:00 or 09/07/2567")


def _open_data_agenda(value: Any, index: int) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _item_error(index, "toP_SERLNO", "toP_SERLNO ต้องเป็นตัวเลข", "toP_SERLNO must be a number")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float) and value.is_integer():
        n = int(value)
    elif isinstance(value, str) and thai_to_arabic_digits(value.strip()).isdigit():
        n = int(thai_to_arabic_digits(value.strip()))
    else:
        raise _item_error(index, "toP_SERLNO", f"toP_SERLNO ต้องเป็นจำนวนเต็ม: '{value}'",
                          f"toP_SERLNO must be a whole number, got {value!r}")
    if n < 0:
        raise _item_error(index, "toP_SERLNO", f"toP_SERLNO ติดลบ: {n}", f"toP_SERLNO is negative: {n}")
    return n


def _open_data_attachments(value: Any, index: int) -> list[tuple[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _item_error(index, "docNews", "docNews ต้องเป็นรายการ (array)", "docNews must be an array")
    out: list[tuple[str, str]] = []
    for j, doc in enumerate(value, start=1):
        where = f"docNews[{j}]"
        if not isinstance(doc, dict):
            raise _item_error(index, where, f"{where} ต้องเป็นอ็อบเจ็กต์", f"{where} must be an object")
        link = doc.get("file_link")
        if not isinstance(link, str) or not link.strip():
            raise _item_error(index, f"{where}.file_link", f"ไม่มี {where}.file_link", f"missing {where}.file_link")
        link = clean_text(link).strip().replace(" ", "%20")
        parts = urlsplit(link)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in link for c in "\n\t<>\"'"):
            raise _item_error(index, f"{where}.file_link",
                              f"{where}.file_link ต้องเป็นลิงก์ http/https: '{link}'",
                              f"{where}.file_link must be an http/https URL, got {link!r}")
        name = doc.get("file_name")
        name = _collapse(name) if isinstance(name, str) else ""
        if not name:
            name = parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc
        out.append((name, link))
    return out


def parse_open_data(data: bytes | str) -> list[OpenDataItem]:
    """Parse the Secretariat's open data: a JSON array (or an object holding the array
    under "data"/"items"/…) of items with toP_NAME, meeT_DATE, toP_SERLNO, owner and
    docNews.  Any invalid item raises ResolutionParseError naming the 1-based item
    and the field."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        text = _decode(bytes(data), "open-data file")
    elif isinstance(data, str):
        text = data.lstrip("\ufeff")
        if not text.strip():
            raise ResolutionParseError("ข้อมูลว่างเปล่า", "empty open-data input", field="text")
        _check_mostly_text(text, "open-data file")
    else:
        raise TypeError(f"parse_open_data expects bytes or str, got {type(data).__name__}")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResolutionParseError(
            f"ไม่ใช่ JSON ที่ถูกต้อง (บรรทัด {exc.lineno} คอลัมน์ {exc.colno})",
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", field="json") from None
    items = doc
    if isinstance(doc, dict):
        items = next((doc[k] for k in _LIST_KEYS if isinstance(doc.get(k), list)), None)
        if items is None:
            items = next((v for v in doc.values() if isinstance(v, list)), None)
    if not isinstance(items, list):
        raise ResolutionParseError(
            "ไม่พบรายการมติในข้อมูล JSON (ต้องเป็น array หรือมี key เช่น data/items)",
            "no list of items found: expected a JSON array or an object with a 'data'/'items' array",
            field="json")
    out: list[OpenDataItem] = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise _item_error(index, "item", "ไม่ใช่อ็อบเจ็กต์ JSON", "not a JSON object")
        raw_title = item.get("toP_NAME")
        if raw_title is None or (isinstance(raw_title, str) and not raw_title.strip()):
            raise _item_error(index, "toP_NAME", "ไม่มี toP_NAME", "missing toP_NAME")
        if not isinstance(raw_title, str):
            raise _item_error(index, "toP_NAME", "toP_NAME ต้องเป็นข้อความ", "toP_NAME must be a string")
        title = _collapse(raw_title)
        meeting = _open_data_date(item.get("meeT_DATE"), index)
        agenda = _open_data_agenda(item.get("toP_SERLNO"), index)
        owner = item.get("owner")
        if owner is not None and not isinstance(owner, str):
            raise _item_error(index, "owner", "owner ต้องเป็นข้อความ", "owner must be a string")
        proposer = _collapse(owner) if owner else None
        attachments = _open_data_attachments(item.get("docNews"), index)
        out.append(OpenDataItem(title=title, meeting_date=meeting, agenda_no=agenda,
                                proposer=proposer or None, attachments=attachments, index=index))
    return out
