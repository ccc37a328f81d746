"""What a file is, from its first bytes (never from its name), and the size checks.

The name only raises a doubt: a file called ``.pdf`` or ``.docx`` whose content is something
else (an HTML error page saved as ``report.pdf``, a text file renamed) is refused, since
its upload is not what the user meant to give."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from .limits import Limits
from .result import ExtractionError

__all__ = ["sniff"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"\x7fELF", b"MZ")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_NAME_KINDS = {".pdf": "pdf", ".docx": "docx"}


def sniff(path: Path, limits: Limits) -> str:
    """ "pdf", "docx" or "text" by content; ExtractionError for an empty, too big, unknown
    or unsupported file, or one whose name promises another kind."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise ExtractionError("เปิดไฟล์ไม่ได้", f"cannot open the file: {exc.strerror}", code="unsupported") from exc
    if size == 0:
        raise ExtractionError("ไฟล์ว่างเปล่า (ขนาด 0 ไบต์)", "the file is empty (0 bytes)", code="empty")
    if size > limits.max_bytes:
        raise ExtractionError(
            f"ไฟล์ใหญ่เกินกำหนด ({_mb(size)} เกิน {_mb(limits.max_bytes)})",
            f"the file is too big: {_mb(size)}, the limit is {_mb(limits.max_bytes)}",
            code="too_big",
        )
    with open(path, "rb") as fh:
        head = fh.read(8192)
    kind = _kind(path, head)
    expected = _NAME_KINDS.get(path.suffix.lower())
    if expected and kind != expected:
        if expected == "pdf":
            raise ExtractionError(
                "ไฟล์นี้ไม่ใช่ PDF แม้ชื่อไฟล์จะลงท้ายด้วย .pdf (เนื้อไฟล์ไม่ได้ขึ้นต้นด้วย %PDF)",
                "not a PDF: the name ends in .pdf but the content does not start with %PDF",
                code="not_pdf",
            )
        raise ExtractionError(
            "ไฟล์นี้ไม่ใช่เอกสาร Word (.docx) แม้ชื่อไฟล์จะลงท้ายด้วย .docx",
            "not a Word document: the name ends in .docx but the content is not a .docx",
            code="unsupported",
        )
    return kind


def _kind(path: Path, head: bytes) -> str:
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        raise _unsupported(
            "เอกสาร Word/Excel รุ่นเก่า (.doc, .xls) หรือเอกสาร Office ที่ตั้งรหัสผ่านไว้ ให้บันทึกเป็น .docx หรือ PDF แล้วอัปโหลดใหม่",
            "an old Word/Excel file (.doc, .xls) or a password-protected Office file: save it as .docx or PDF",
        )
    if head.startswith(_IMAGES):
        raise _unsupported(
            "ไฟล์รูปภาพ ยังดึงข้อความไม่ได้ ให้รวมเป็น PDF แล้วอัปโหลดใหม่",
            "an image file: put the scans in a PDF",
        )
    if head.startswith(_ARCHIVES):
        raise _unsupported("ไฟล์บีบอัดหรือโปรแกรม ไม่ใช่เอกสาร", "an archive or a program, not a document")
    if head.startswith(_UTF16_BOMS):
        return "text"
    if b"\x00" in head:
        raise _unsupported("ไม่รู้จักชนิดของไฟล์ (ไฟล์ไบนารี)", "unknown kind of file (binary content)")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        raise _unsupported(
            "ไฟล์นี้เป็นหน้าเว็บ (HTML) ไม่ใช่เอกสาร อาจดาวน์โหลดไม่สำเร็จ",
            "an HTML web page, not a document (perhaps a failed download)",
        )
    return "text"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ExtractionError(
            "ไฟล์เสียหาย เปิดเป็นเอกสาร .docx ไม่ได้", "the file is damaged: not a readable .docx", code="corrupt"
        ) from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise _unsupported(
            "ไฟล์ Excel หรือ PowerPoint ยังดึงข้อความไม่ได้ ให้บันทึกเป็น PDF", "an Excel or PowerPoint file: save it as PDF"
        )
    if "content.xml" in names and "mimetype" in names:
        raise _unsupported(
            "ไฟล์ OpenDocument (.odt) ยังดึงข้อความไม่ได้ ให้บันทึกเป็น .docx หรือ PDF",
            "an OpenDocument file (.odt): save it as .docx or PDF",
        )
    raise _unsupported("ไฟล์ ZIP ไม่ใช่เอกสาร", "a ZIP archive, not a document")


def _unsupported(thai: str, english: str) -> ExtractionError:
    return ExtractionError(f"ไม่รองรับไฟล์ชนิดนี้: {thai}", f"unsupported file: {english}", code="unsupported")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
