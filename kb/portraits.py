"""Placeholder portraits: a square PNG with a person's initials.

Used where a person (an ethics-centre officer, an executive) has no photograph.
The picture is square so that CSS can crop it round (``.person img``).

    >>> initials("นางสาวสุกันยาณี ยะวิญชาญ")
    'สย'
    >>> png = initials_portrait("นายเอกพงษ์ หริ่มเจริญ", size=240)

* Honorifics and ranks (นาย, นาง, นางสาว, ดร., ว่าที่ร้อยตรี, ผศ., Mr., Dr. ...)
  are stripped, also when written without a space ("นางสาวชมภารี").
* A Thai initial is the first consonant of the word, skipping the leading
  vowels เ แ โ ใ ไ ("เอกพงษ์" -> "อ"); a Latin initial is the first letter, in
  upper case.
* The background colour is picked from a small palette of deep colours by a
  SHA-256 hash of the name, so the same name always gets the same colour; the
  text is white, at a WCAG contrast ratio of at least 4.5:1 on every colour.
* The font is Sarabun Bold from ``static/fonts/`` (SIL OFL 1.1), so the
  system needs no Thai font package. Output is byte-for-byte deterministic.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kb.thai.names import _THAI_CONSONANT, _THAI_LEADING_VOWELS, strip_honorifics
from kb.thai.names import normalise_name as _normalise

__all__ = [
    "FONT_PATH",
    "contrast_ratio",
    "initials",
    "initials_portrait",
    "portrait_colours",
    "strip_honorifics",
]

FONT_PATH = Path(__file__).resolve().parent.parent / "static" / "fonts" / "Sarabun-Bold.ttf"


def _word_initial(word: str) -> str:
    if not word:
        return ""
    # Thai word: first consonant, skipping the leading vowels เ แ โ ใ ไ (and any
    # stray marks). ฤ/ฦ count as initials too.
    for ch in word:
        if ch in _THAI_LEADING_VOWELS:
            continue
        if _THAI_CONSONANT.match(ch) or ch in "\u0e24\u0e26":
            return ch
        if ch.isalpha():
            return ch.upper()
        if ch.isdigit():
            return ch
    return ""


def initials(name: str, limit: int = 2) -> str:
    """Initials of a Thai or Latin name: given name and surname, at most ``limit``."""
    words = [w for w in strip_honorifics(name).split(" ") if w.strip(" .-")]
    if not words:
        return ""
    chosen = [words[0]] if len(words) == 1 else [words[0], words[-1]]
    letters = [_word_initial(w.strip(" .-")) for w in chosen]
    return "".join(letter for letter in letters if letter)[:limit]


# --- colours -----------------------------------------------------------------


def _relative_luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a, b) -> float:
    """WCAG 2 contrast ratio of two RGB tuples (1.0 - 21.0)."""
    la, lb = sorted((_relative_luminance(a), _relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


WHITE = (255, 255, 255)
INK = (17, 24, 39)
MIN_CONTRAST = 4.5


# Deep, muted colours that sit well beside the site's navy and teal; every one
# has a contrast ratio of at least 4.5:1 with white (checked by the tests).
PALETTE = (
    (11, 42, 74),  # navy
    (15, 94, 102),  # teal
    (30, 78, 140),  # state blue
    (74, 55, 120),  # indigo
    (110, 45, 90),  # plum
    (128, 36, 48),  # burgundy
    (32, 94, 62),  # forest green
    (107, 66, 38),  # umber
    (52, 73, 94),  # slate
    (20, 110, 140),  # petrol
    (90, 70, 20),  # bronze
    (60, 60, 110),  # dusk
)


def portrait_colours(name: str):
    """``(background, text)`` RGB tuples for ``name``: hashed palette entry, AA contrast."""
    digest = hashlib.sha256(_normalise(name).encode("utf-8")).digest()
    background = PALETTE[int.from_bytes(digest[:4], "big") % len(PALETTE)]
    if contrast_ratio(background, WHITE) >= MIN_CONTRAST:
        return background, WHITE
    return background, INK  # pragma: no cover - every palette colour is dark enough


# --- drawing -------------------------------------------------------------------


@lru_cache(maxsize=16)
def _font(pixel_size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: initials are single base characters (no marks to shape), and
    # it gives the same pixels whether or not libraqm is present.
    return ImageFont.truetype(str(FONT_PATH), pixel_size, layout_engine=ImageFont.Layout.BASIC)


def initials_portrait(name: str, size: int = 480) -> bytes:
    """PNG bytes of a ``size`` x ``size`` portrait showing the initials of ``name``."""
    size = int(size)
    if size < 16:
        raise ValueError("portrait size must be at least 16 pixels")
    background, foreground = portrait_colours(name)
    image = Image.new("RGB", (size, size), background)
    text = initials(name)
    if text:
        draw = ImageDraw.Draw(image)
        font = _font(max(8, round(size * (0.42 if len(text) > 1 else 0.5))))
        # Centre the ink, not the line box: Thai fonts have tall ascenders and
        # descenders reserved for marks that consonants alone don't use.
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font, anchor="ls")
        x = (size - (right - left)) / 2 - left
        y = (size - (bottom - top)) / 2 - top
        draw.text((x, y), text, font=font, fill=foreground, anchor="ls")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
