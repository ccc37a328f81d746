"""Word documents (.docx) through python-docx: paragraphs and table cells in document order.

Pages: Word records where it broke the pages when the file was last saved
(``w:lastRenderedPageBreak``), and hard page breaks are ``w:br w:type="page"``; both start
a new page, so page numbers match what Word showed (a document written by a program has
no rendered breaks and is one page unless it has hard ones). Tracked deletions are
skipped; text boxes are read once (their fallback copy is ignored)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from kb.thai.pdf_repair import repair_thai_chars

from .limits import Limits
from .result import Extraction, ExtractionError, PageText, detect_language

__all__ = ["extract_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {f"{_W}del", f"{_W}delText", f"{_W}moveFrom", _MC_FALLBACK, f"{_W}instrText"}
_PAGE_BREAK = "\f"


def extract_docx(path: Path, limits: Limits) -> Extraction:
    _check_zip(path, limits)
    try:
        from docx import Document

        document = Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        raise ExtractionError(
            "ไฟล์ Word (.docx) เสียหาย เปิดไม่ได้", f"the Word file is damaged: {type(exc).__name__}", code="corrupt"
        ) from exc
    parts: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == f"{_W}p":
            parts.append(_paragraph_text(block))
        elif block.tag == f"{_W}tbl":
            parts.extend(_table_lines(block))
    pages = _split_pages("\n".join(parts))
    text = "\n\n".join(page.text for page in pages)
    return Extraction(kind="docx", pages=pages, page_count=len(pages), language=detect_language(text), ocr_used=False)


def _check_zip(path: Path, limits: Limits) -> None:
    """Refuse a docx whose parts would unpack to more than max_bytes (a zip bomb)."""
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > limits.max_bytes:
        raise ExtractionError(
            f"ไฟล์ Word ขยายออกได้ใหญ่เกินกำหนด ({unpacked // (1024 * 1024)} MB) อาจเป็นไฟล์อันตราย (zip bomb)",
            f"the Word file unpacks to {unpacked // (1024 * 1024)} MB, over the limit (a zip bomb?)",
            code="bomb",
        )


def _paragraph_text(paragraph) -> str:
    out: list[str] = []
    _walk(paragraph, out)
    return "".join(out)


def _walk(element, out: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}cr",) or (tag == f"{_W}br" and child.get(f"{_W}type") not in ("page", "column")):
            out.append("\n")
        elif (tag == f"{_W}br" and child.get(f"{_W}type") == "page") or tag == f"{_W}lastRenderedPageBreak":
            out.append(_PAGE_BREAK)
        elif tag == f"{_W}p":  # a paragraph inside a text box
            out.append("\n")
            _walk(child, out)
            out.append("\n")
        elif tag == f"{_W}tbl":
            out.append("\n" + "\n".join(_table_lines(child)) + "\n")
        else:
            _walk(child, out)


def _table_lines(table) -> list[str]:
    """One line per row, the cells' texts separated by tabs (a cell's own paragraphs by spaces)."""
    lines = []
    for row in table.iterchildren(f"{_W}tr"):
        cells = []
        for cell in row.iterchildren(f"{_W}tc"):
            texts = []
            for block in cell.iterchildren():
                if block.tag == f"{_W}p":
                    texts.append(_paragraph_text(block))
                elif block.tag == f"{_W}tbl":
                    texts.extend(_table_lines(block))
            cells.append(" ".join(t.replace("\n", " ") for t in texts if t.strip()).strip())
        lines.append("\t".join(cells).rstrip("\t"))
    return lines


def _split_pages(text: str) -> list[PageText]:
    """Pages at the page-break marks; a break on a page with nothing on it yet does not
    start another (Word marks a page twice where a hard break is followed by the rendered one)."""
    pages: list[str] = [""]
    for piece in text.split(_PAGE_BREAK):
        if pages[-1].strip():
            pages.append(piece)
        else:
            pages[-1] += piece
    return [PageText(n, repair_thai_chars(p).strip("\n"), "text") for n, p in enumerate(pages, 1)]
