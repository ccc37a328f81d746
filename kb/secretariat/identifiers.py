"""Stable record identifiers for cabinet resolutions: the normalised title and the
``cr-<BE year>-<MM>-<DD>-<sha1[:8]>`` identifier built from it and the meeting date,
so that re-importing the same resolution (re-wrapped, re-spaced, Thai or Arabic
digits) always maps to the same record.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

from kb.thai.dates import ce_to_be
from kb.thai.digits import to_arabic_digits
from kb.thai.text import clean_text

from .errors import ResolutionParseError

_QUOTE_MAP = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "‐": "-"})


def normalise_title(title: str) -> str:
    """The key the identifier hashes: cleaned, Thai digits -> Arabic, typographic
    quotes/dashes unified, ALL whitespace removed (Thai spacing is inconsistent:
    "ครั้งที่ 4" vs "ครั้งที่4"), case-folded."""
    t = clean_text(title)
    t = to_arabic_digits(t).translate(_QUOTE_MAP)
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
            "ต้องมีวันที่ประชุมและชื่อเรื่องเพื่อสร้างรหัส", "an identifier needs meeting_date and title", field="identifier"
        )
    digest = hashlib.sha1(normalise_title(title).encode("utf-8")).hexdigest()[:8]
    return f"cr-{ce_to_be(meeting.year)}-{meeting.month:02d}-{meeting.day:02d}-{digest}"
