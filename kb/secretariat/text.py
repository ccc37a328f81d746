"""Text cleaning for the Secretariat parser: the shared Thai helpers (kb.thai, which has no
Django) under the names the other modules of this package use."""

from __future__ import annotations

from kb.thai.digits import DIGIT
from kb.thai.digits import to_arabic_digits as thai_to_arabic_digits
from kb.thai.text import clean_text, collapse_spaces

__all__ = ["DIGIT", "clean_text", "collapse_spaces", "thai_to_arabic_digits"]
