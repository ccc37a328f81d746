"""Plain text files: UTF-8 (with or without BOM), UTF-16 with a BOM, else TIS-620/cp874
(the Thai 8-bit encoding of older Windows and government systems). A form feed starts a
new page."""

from __future__ import annotations

import re
from pathlib import Path

from kb.thai.pdf_repair import repair_thai_chars

from .result import Extraction, ExtractionError, PageText, detect_language

__all__ = ["extract_text_file", "decode_text"]

_BAD_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str:
    """The text of ``data``; ExtractionError when it is not text in a known encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8-sig", "cp874"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(_BAD_CONTROL_RE.findall(text)) <= max(2, len(text) // 200):
                return text
    raise ExtractionError(
        "อ่านไฟล์ข้อความไม่ได้: ไม่ใช่ UTF-8 หรือ TIS-620 หรือไม่ใช่ไฟล์ข้อความ",
        "cannot read the text: neither UTF-8 nor TIS-620, or not a text file",
        code="unsupported",
    )


def extract_text_file(path: Path) -> Extraction:
    text = decode_text(Path(path).read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f")
    pages = [PageText(number, repair_thai_chars(chunk).strip("\n"), "text") for number, chunk in enumerate(chunks, 1)]
    return Extraction(
        kind="text",
        pages=pages,
        page_count=len(pages),
        language=detect_language(text),
        ocr_used=False,
    )
