"""How much one file may cost to extract: bytes, pages, pixels of a page image, OCR time."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

__all__ = ["Limits"]

# Pillow's own decompression-bomb limit (Image.MAX_IMAGE_PIXELS): about 0.25 GB of 24-bit pixels.
DEFAULT_MAX_PIXELS = 1024 * 1024 * 1024 // 4 // 3

# Limits field -> optional Django setting that overrides its default.
_SETTINGS = {
    "max_bytes": "KB_EXTRACT_MAX_BYTES",
    "max_pages": "KB_EXTRACT_MAX_PAGES",
    "max_pixels": "KB_EXTRACT_MAX_PIXELS",
    "ocr_timeout_s": "KB_EXTRACT_OCR_TIMEOUT",
}


@dataclass(frozen=True)
class Limits:
    """Over any of these a file is refused with an ExtractionError.

    - ``max_bytes``: size of the file (also the uncompressed size of a docx's parts);
    - ``max_pages``: pages of a PDF;
    - ``max_pixels``: width x height of an image on a page that is OCR'd, and of the page
      rendered for OCR (the rendering resolution is lowered to fit first);
    - ``ocr_timeout_s``: seconds for rendering one page, and again for reading it;
    - ``ocr_dpi``: resolution of the page images given to Tesseract."""

    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 1000
    max_pixels: int = DEFAULT_MAX_PIXELS
    ocr_timeout_s: float = 120.0
    ocr_dpi: int = 300

    @classmethod
    def from_settings(cls) -> Limits:
        """The defaults, overridden by the Django settings KB_EXTRACT_MAX_BYTES,
        KB_EXTRACT_MAX_PAGES, KB_EXTRACT_MAX_PIXELS and KB_EXTRACT_OCR_TIMEOUT when Django is
        configured. Works without Django (or without settings): the defaults."""
        values = {}
        settings = _django_settings()
        if settings is not None:
            types = {f.name: f.type for f in fields(cls)}
            for name, setting in _SETTINGS.items():
                value = getattr(settings, setting, None)
                if value is not None:
                    values[name] = float(value) if types[name] in (float, "float") else int(value)
        return cls(**values)


def _django_settings():
    try:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured
    except ImportError:
        return None
    if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
        return None
    try:
        settings.INSTALLED_APPS  # noqa: B018 - forces the lazy settings to load
    except (ImproperlyConfigured, ImportError):
        return None
    return settings
