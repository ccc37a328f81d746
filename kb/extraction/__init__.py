"""Text extraction from uploaded files, page by page, with OCR for scans (no Django).

    from kb.extraction import extract, Limits, ExtractionError
    result = extract("ระเบียบ.pdf")            # Extraction(kind, pages, page_count, language, ocr_used)
    result.pages[1].text, result.pages[1].source   # page 2: "layer" | "ocr" | "text"

The kind comes from the content's first bytes, never the name (``sniff``); a PDF's text
layer is read by pypdf and repaired (``kb.thai.pdf_repair``); pages without a usable layer
are rendered by poppler and read by Tesseract (``ocr``); .docx through python-docx
(``office``); plain text in UTF-8 or TIS-620 (``plaintext``). Every refusal is an
ExtractionError with a reason in Thai and in English (``result``), within ``Limits``.
docs/extraction.md has the choices and the measurements.
"""

from __future__ import annotations

from pathlib import Path

from .limits import Limits
from .result import Extraction, ExtractionError, PageText

__all__ = ["Extraction", "ExtractionError", "Limits", "PageText", "extract"]


def extract(path: str | Path, *, limits: Limits | None = None, ocr: bool = True, workers: int = 1) -> Extraction:
    """The text of the file at ``path``, page by page.

    ``limits``: Limits.from_settings() when None. ``ocr=False`` never runs OCR (pages
    without a usable text layer come back empty). ``workers``: pages OCR'd at once (each
    is a Tesseract process on one core). Raises ExtractionError."""
    from .sniff import sniff

    path = Path(path)
    limits = limits or Limits.from_settings()
    kind = sniff(path, limits)
    if kind == "pdf":
        from .pdf import extract_pdf

        return extract_pdf(path, limits, ocr=ocr, workers=max(1, int(workers)))
    if kind == "docx":
        from .office import extract_docx

        return extract_docx(path, limits)
    from .plaintext import extract_text_file

    return extract_text_file(path)
