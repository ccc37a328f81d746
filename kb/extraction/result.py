"""What an extraction gives back (pages of text) and why it may fail (bilingual reasons)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Extraction", "ExtractionError", "PageText", "detect_language"]

SOURCES = ("layer", "ocr", "text")
KINDS = ("pdf", "docx", "text")


@dataclass(frozen=True)
class PageText:
    """One page's text. ``number`` is 1-based; ``source`` is "layer" (the PDF's text
    layer), "ocr" (the page image read by Tesseract) or "text" (a docx or plain text file)."""

    number: int
    text: str
    source: str


@dataclass(frozen=True)
class Extraction:
    """The text of a file, page by page. ``kind`` is "pdf", "docx" or "text";
    ``language`` "th", "en" or "th,en"; ``ocr_used`` whether any page was read by OCR."""

    kind: str
    pages: list[PageText]
    page_count: int
    language: str
    ocr_used: bool

    @property
    def text(self) -> str:
        """All pages, separated by a blank line."""
        return "\n\n".join(page.text for page in self.pages)


class ExtractionError(Exception):
    """Why a file's text cannot be extracted, in Thai and in English.

    ``str(error)`` is ``"<Thai> (<English>)"``; ``code`` names the case for programs:
    empty, unsupported, not_pdf, encrypted, corrupt, too_many_pages, too_big, bomb,
    ocr_missing, ocr_timeout, ocr_failed."""

    def __init__(self, reason_th: str, reason_en: str, *, code: str = "error") -> None:
        self.reason_th = reason_th
        self.reason_en = reason_en
        self.code = code
        super().__init__(f"{reason_th} ({reason_en})")

    def __str__(self) -> str:
        return f"{self.reason_th} ({self.reason_en})"


_THAI_LETTER_RE = re.compile("[\u0e01-\u0e4e]")
_LATIN_LETTER_RE = re.compile("[A-Za-z\u00c0-\u024f]")


def detect_language(text: str) -> str:
    """ "th", "en" or "th,en" from the share of Thai among the letters (Thai when there
    are no letters at all: this is a Thai knowledge base)."""
    thai = len(_THAI_LETTER_RE.findall(text))
    latin = len(_LATIN_LETTER_RE.findall(text))
    if thai + latin == 0:
        return "th"
    share = thai / (thai + latin)
    if share >= 0.9:
        return "th"
    if share <= 0.1:
        return "en"
    return "th,en"
