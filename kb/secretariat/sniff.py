"""Bytes -> text, refusing what is not text: empty input, images, PDFs and Office
files (by their magic numbers), UTF-16, NUL bytes, invalid UTF-8 and text that is
mostly control or unassigned characters.  A UTF-8 byte-order mark is dropped.
"""

from __future__ import annotations

import unicodedata

from .errors import ResolutionParseError

_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image", "รูปภาพ PNG"),
    (b"\xff\xd8\xff", "JPEG image", "รูปภาพ JPEG"),
    (b"GIF8", "GIF image", "รูปภาพ GIF"),
    (b"%PDF-", "PDF document (extract its text first)", "เอกสาร PDF (ต้องแปลงเป็นข้อความก่อน)"),
    (b"PK\x03\x04", "ZIP/Office document", "ไฟล์ ZIP/เอกสาร Office"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document", "เอกสาร Office รุ่นเก่า"),
]


def decode_text(data: bytes, what: str = "input") -> str:
    """UTF-8 bytes -> str; *what* names the input in the English part of errors."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if not data.strip():
        raise ResolutionParseError("ข้อมูลว่างเปล่า ไม่มีข้อความให้อ่าน", f"empty {what}: no text to parse", field="text")
    for magic, en, th in _MAGIC:
        if data.startswith(magic):
            raise ResolutionParseError(
                f"ไฟล์เป็นข้อมูลไบนารี ({th}) ไม่ใช่ข้อความ", f"binary {what}: looks like a {en}, not text", field="text"
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ResolutionParseError(
            "ไฟล์เข้ารหัสแบบ UTF-16 ต้องเป็น UTF-8", f"{what} is UTF-16; only UTF-8 is accepted", field="text"
        )
    if b"\x00" in data:
        raise ResolutionParseError(
            "ไฟล์เป็นข้อมูลไบนารี (มีไบต์ NUL) ไม่ใช่ข้อความ", f"binary {what}: contains NUL bytes", field="text"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResolutionParseError(
            f"ไม่ใช่ข้อความ UTF-8 ที่ถูกต้อง (ไบต์ที่ {exc.start})",
            f"{what} is not valid UTF-8: bad byte at offset {exc.start}",
            field="text",
        ) from None
    check_mostly_text(text, what)
    return text


def check_mostly_text(text: str, what: str = "input") -> None:
    """Refuse NUL characters, and more than 5 % control/unassigned characters in the
    first 20,000."""
    if "\x00" in text:
        raise ResolutionParseError(
            "ข้อมูลเป็นไบนารี (มีอักขระ NUL) ไม่ใช่ข้อความ", f"binary {what}: contains NUL characters", field="text"
        )
    sample = text[:20000]
    if not sample:
        return
    bad = sum(1 for ch in sample if ch not in "\n\r\t" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"))
    if bad / len(sample) > 0.05:
        raise ResolutionParseError(
            "ข้อมูลส่วนใหญ่ไม่ใช่ข้อความ (มีอักขระควบคุมมากเกินไป)",
            f"{what} is mostly non-text: {bad} control/unassigned characters in the first {len(sample)}",
            field="text",
        )
