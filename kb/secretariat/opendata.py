"""Open data: the Secretariat's yearly JSON of cabinet resolutions (toP_NAME,
meeT_DATE, toP_SERLNO, owner, docNews), checked item by item; any invalid item
raises ResolutionParseError naming the 1-based item and the field.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from kb.thai.dates import BANGKOK, THAI_DATE_RE, thai_date_from_match, year_to_ce
from kb.thai.digits import to_arabic_digits
from kb.thai.text import clean_text, collapse_spaces

from .errors import ResolutionParseError
from .results import OpenDataItem
from .sniff import check_mostly_text, decode_text

_LIST_KEYS = ("data", "items", "results", "records", "value", "rows", "d")


def _item_error(index: int, field_name: str, thai: str, english: str) -> ResolutionParseError:
    return ResolutionParseError(f"รายการที่ {index}: {thai}", f"item {index}: {english}", field=field_name, item=index)


def _open_data_date(value: Any, index: int) -> date:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _item_error(index, "meeT_DATE", "ไม่มี meeT_DATE", "missing meeT_DATE")
    if not isinstance(value, str):
        raise _item_error(
            index,
            "meeT_DATE",
            f"meeT_DATE ต้องเป็นข้อความวันที่ ไม่ใช่ {type(value).__name__}",
            f"meeT_DATE must be a date string, not {type(value).__name__}",
        )
    v = to_arabic_digits(value.strip())
    try:
        m = re.fullmatch(
            r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?", v
        )
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            year = year_to_ce(y, 4)
            if m.group(7) and m.group(4):
                tz = "+00:00" if m.group(7) == "Z" else m.group(7)
                if len(tz) == 5:
                    tz = tz[:3] + ":" + tz[3:]
                aware = datetime.fromisoformat(
                    f"{year:04d}-{mo:02d}-{d:02d}T{int(m.group(4)):02d}:{m.group(5)}:{m.group(6) or '00'}{tz}"
                )
                return aware.astimezone(BANGKOK).date()
            return date(year, mo, d)
        m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", v)
        if m:
            d, mo, ytxt = int(m.group(1)), int(m.group(2)), m.group(3)
            return date(year_to_ce(int(ytxt), len(ytxt)), mo, d)
        mt = THAI_DATE_RE.search(v)
        if mt:
            return thai_date_from_match(mt)
    except ValueError:
        pass
    raise _item_error(
        index,
        "meeT_DATE",
        f"meeT_DATE ไม่ใช่วันที่ที่ถูกต้อง: '{value}'",
        f"invalid meeT_DATE {value!r}: expected 2024-07-09, 2024-07-09T00:00:00 or 09/07/2567",
    )


def _open_data_agenda(value: Any, index: int) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _item_error(index, "toP_SERLNO", "toP_SERLNO ต้องเป็นตัวเลข", "toP_SERLNO must be a number")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float) and value.is_integer():
        n = int(value)
    elif isinstance(value, str) and to_arabic_digits(value.strip()).isdigit():
        n = int(to_arabic_digits(value.strip()))
    else:
        raise _item_error(
            index,
            "toP_SERLNO",
            f"toP_SERLNO ต้องเป็นจำนวนเต็ม: '{value}'",
            f"toP_SERLNO must be a whole number, got {value!r}",
        )
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
            raise _item_error(
                index,
                f"{where}.file_link",
                f"{where}.file_link ต้องเป็นลิงก์ http/https: '{link}'",
                f"{where}.file_link must be an http/https URL, got {link!r}",
            )
        name = doc.get("file_name")
        name = collapse_spaces(name) if isinstance(name, str) else ""
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
        text = decode_text(bytes(data), "open-data file")
    elif isinstance(data, str):
        text = data.lstrip("\ufeff")
        if not text.strip():
            raise ResolutionParseError("ข้อมูลว่างเปล่า", "empty open-data input", field="text")
        check_mostly_text(text, "open-data file")
    else:
        raise TypeError(f"parse_open_data expects bytes or str, got {type(data).__name__}")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResolutionParseError(
            f"ไม่ใช่ JSON ที่ถูกต้อง (บรรทัด {exc.lineno} คอลัมน์ {exc.colno})",
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
            field="json",
        ) from None
    items = doc
    if isinstance(doc, dict):
        items = next((doc[k] for k in _LIST_KEYS if isinstance(doc.get(k), list)), None)
        if items is None:
            items = next((v for v in doc.values() if isinstance(v, list)), None)
    if not isinstance(items, list):
        raise ResolutionParseError(
            "ไม่พบรายการมติในข้อมูล JSON (ต้องเป็น array หรือมี key เช่น data/items)",
            "no list of items found: expected a JSON array or an object with a 'data'/'items' array",
            field="json",
        )
    out: list[OpenDataItem] = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise _item_error(index, "item", "ไม่ใช่อ็อบเจ็กต์ JSON", "not a JSON object")
        raw_title = item.get("toP_NAME")
        if raw_title is None or (isinstance(raw_title, str) and not raw_title.strip()):
            raise _item_error(index, "toP_NAME", "ไม่มี toP_NAME", "missing toP_NAME")
        if not isinstance(raw_title, str):
            raise _item_error(index, "toP_NAME", "toP_NAME ต้องเป็นข้อความ", "toP_NAME must be a string")
        title = collapse_spaces(raw_title)
        meeting = _open_data_date(item.get("meeT_DATE"), index)
        agenda = _open_data_agenda(item.get("toP_SERLNO"), index)
        owner = item.get("owner")
        if owner is not None and not isinstance(owner, str):
            raise _item_error(index, "owner", "owner ต้องเป็นข้อความ", "owner must be a string")
        proposer = collapse_spaces(owner) if owner else None
        attachments = _open_data_attachments(item.get("docNews"), index)
        out.append(
            OpenDataItem(
                title=title,
                meeting_date=meeting,
                agenda_no=agenda,
                proposer=proposer or None,
                attachments=attachments,
                index=index,
            )
        )
    return out
