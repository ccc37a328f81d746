"""Titles and ranks written before a Thai (or English) person's name: นาย, นาง, นางสาว, ดร.,
ว่าที่ร้อยตรี, ผศ., Mr., Dr. ... One list, used to strip them (placeholder portraits'
initials) and to recognise a line that is a person's name (kb.text_blocks' people lists).

    >>> strip_honorifics("ว่าที่ร้อยตรี ดร. สมชาย ใจดี")
    'สมชาย ใจดี'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["HONORIFICS", "LATIN_HONORIFICS", "PERSON_TITLES", "normalise_name", "strip_honorifics"]

# Longest first matters only for readability: matching below tries every entry
# and keeps the longest one that leaves a plausible name behind.
HONORIFICS = (
    # Thai civil titles
    "นางสาว",
    "นาง",
    "นาย",
    "น.ส.",
    "ด.ช.",
    "ด.ญ.",
    "เด็กชาย",
    "เด็กหญิง",
    "คุณ",
    # academic and professional
    "ศาสตราจารย์",
    "รองศาสตราจารย์",
    "ผู้ช่วยศาสตราจารย์",
    "ศ.",
    "รศ.",
    "ผศ.",
    "ดร.",
    "ด็อกเตอร์",
    "นพ.",
    "พญ.",
    "ทพ.",
    "ทพญ.",
    "ภก.",
    "ภญ.",
    "สพ.ญ.",
    "น.สพ.",
    # "acting" prefix to a rank
    "ว่าที่",
    # military and police ranks, full and abbreviated (with and without ว่าที่)
    "ว่าที่ร้อยตรี",
    "ว่าที่ร้อยโท",
    "ว่าที่ร้อยเอก",
    "ว่าที่ ร.ต.",
    "ว่าที่ร.ต.",
    "จอมพล",
    "พลเอก",
    "พลโท",
    "พลตรี",
    "พันเอก",
    "พันโท",
    "พันตรี",
    "ร้อยเอก",
    "ร้อยโท",
    "ร้อยตรี",
    "จ่าสิบเอก",
    "จ่าสิบโท",
    "จ่าสิบตรี",
    "สิบเอก",
    "สิบโท",
    "สิบตรี",
    "พลทหาร",
    "พลเรือเอก",
    "พลเรือโท",
    "พลเรือตรี",
    "นาวาเอก",
    "นาวาโท",
    "นาวาตรี",
    "เรือเอก",
    "เรือโท",
    "เรือตรี",
    "พลอากาศเอก",
    "พลอากาศโท",
    "พลอากาศตรี",
    "นาวาอากาศเอก",
    "นาวาอากาศโท",
    "นาวาอากาศตรี",
    "เรืออากาศเอก",
    "เรืออากาศโท",
    "เรืออากาศตรี",
    "พลตำรวจเอก",
    "พลตำรวจโท",
    "พลตำรวจตรี",
    "พันตำรวจเอก",
    "พันตำรวจโท",
    "พันตำรวจตรี",
    "ร้อยตำรวจเอก",
    "ร้อยตำรวจโท",
    "ร้อยตำรวจตรี",
    "ดาบตำรวจ",
    "จ่าสิบตำรวจ",
    "สิบตำรวจเอก",
    "สิบตำรวจโท",
    "สิบตำรวจตรี",
    "พล.อ.",
    "พล.ท.",
    "พล.ต.",
    "พ.อ.",
    "พ.ท.",
    "พ.ต.",
    "ร.อ.",
    "ร.ท.",
    "ร.ต.",
    "จ.ส.อ.",
    "จ.ส.ท.",
    "จ.ส.ต.",
    "ส.อ.",
    "ส.ท.",
    "ส.ต.",
    "พล.ร.อ.",
    "พล.ร.ท.",
    "พล.ร.ต.",
    "น.อ.",
    "น.ท.",
    "น.ต.",
    "ร.อ.",
    "ร.ท.",
    "ร.ต.",
    "พล.อ.อ.",
    "พล.อ.ท.",
    "พล.อ.ต.",
    "น.อ.",
    "ร.อ.",
    "พล.ต.อ.",
    "พล.ต.ท.",
    "พล.ต.ต.",
    "พ.ต.อ.",
    "พ.ต.ท.",
    "พ.ต.ต.",
    "ร.ต.อ.",
    "ร.ต.ท.",
    "ร.ต.ต.",
    "ด.ต.",
    "จ.ส.ต.",
    "ส.ต.อ.",
    "ส.ต.ท.",
    "ส.ต.ต.",
    # nobility
    "หม่อมราชวงศ์",
    "หม่อมหลวง",
    "ม.ร.ว.",
    "ม.ล.",
    "ม.จ.",
)
LATIN_HONORIFICS = (
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "madam",
    "assoc",
    "asst",
    "lt",
    "capt",
    "col",
    "gen",
    "maj",
    "sgt",
)

# The titles that mark a line of a body as a person's name ("นายสมชาย ใจดี") in the
# records' plain text: a narrower set than HONORIFICS on purpose, since a line starting with,
# say, "คุณ" or "พ.ต." is as often a sentence as a name.
PERSON_TITLES = ("นาย", "นางสาว", "นาง", "ดร.", "ว่าที่ร้อยตรี", "ศาสตราจารย์", "รองศาสตราจารย์")

_THAI_CONSONANT = re.compile(r"[\u0E01-\u0E2E]")
_THAI_LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"  # เ แ โ ใ ไ
_SPACES = re.compile(r"[\s\u00A0\u200B\u200C\u200D\uFEFF]+")


def normalise_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("เเ", "แ")  # two sara e typed for sara ae
    return _SPACES.sub(" ", name).strip()


def _starts_like_a_name(text: str) -> bool:
    """True when ``text`` can begin a name: not empty, not a combining mark."""
    text = text.lstrip(" .")
    if not text:
        return False
    first = text[0]
    if "\u0e00" <= first <= "\u0e7f":
        # A Thai name starts with a consonant or a leading vowel เ แ โ ใ ไ, never
        # with a mark or a following vowel: "นายิกา" and "คุณากร" keep their
        # first syllable although they begin like นาย and คุณ.
        return bool(_THAI_CONSONANT.match(first)) or first in _THAI_LEADING_VOWELS
    return first.isalnum()


_HONORIFICS_BY_LENGTH = tuple(sorted(set(HONORIFICS), key=len, reverse=True))


def strip_honorifics(name: str) -> str:
    """Remove leading titles and ranks, repeatedly ("ว่าที่ร้อยตรี ดร. สมชาย")."""
    text = normalise_name(name)
    changed = True
    while changed and text:
        changed = False
        for title in _HONORIFICS_BY_LENGTH:
            if text.startswith(title) and _starts_like_a_name(text[len(title) :]):
                text = text[len(title) :].lstrip(" .")
                changed = True
                break
        else:
            match = re.match(r"([A-Za-z]+)\.?\s+", text)
            if match and match.group(1).lower() in LATIN_HONORIFICS:
                rest = text[match.end() :]
                if _starts_like_a_name(rest):
                    text = rest
                    changed = True
    return text
