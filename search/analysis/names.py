"""Name and loanword groups that come from packages rather than from our data files.

- Countries: CLDR's Thai and English territory names (Babel), one group per country
  (เยอรมนี | Germany), with the forms CLDR writes inside one name split out
  (เมียนมา (พม่า) | Myanmar (Burma) also gives พม่า and Burma; "Bosnia & Herzegovina"
  also gives "... and ..."; "St." also "Saint").
- Loanwords: PyThaiNLP's Thai-English transliteration dictionary (คอมพิวเตอร์ | computer),
  only the unambiguous entries of real words (see ``translit_rows``).
- ``merge_rows``: rows that share a member become one group, so that a loanword or a
  country's short form joins the group that already holds its English word.

Rows are lists of folded cells, as lexicon._read_rows gives them; nothing here loads the
lexicon.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from .normalize import _THAI_CHAR_RE, fold

# Not countries: unknown region, pseudo-locales, the eurozone, "outlying Oceania".
_NOT_COUNTRIES = frozenset({"ZZ", "XA", "XB", "EZ", "QO"})
_PARENS_RE = re.compile(r"\s*\(([^)]*)\)\s*")


def _name_forms(name: str) -> list[str]:
    """A CLDR name and the forms a user may type for it."""
    inner = _PARENS_RE.findall(name)
    # The short form first: it becomes the group's canonical term.
    forms = [_PARENS_RE.sub(" ", name).strip(), *inner, name] if inner else [name]
    for form in list(forms):
        if "&" in form:
            forms.append(form.replace("&", " and "))
        if "St. " in form:
            forms.append(form.replace("St. ", "Saint "))
    return [f for f in dict.fromkeys(f.strip() for f in forms) if f]


def country_rows() -> list[list[str]]:
    """One row per country or union (EU, UN): Thai forms, then English forms."""
    from babel import Locale  # only when the lexicon is built

    thai, english = Locale("th").territories, Locale("en").territories
    rows = []
    for code, thai_name in sorted(thai.items()):
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES or code not in english:
            continue
        if not _THAI_CHAR_RE.search(thai_name):  # an untranslated name: nothing to bridge
            continue
        cells = [fold(f) for f in (*_name_forms(thai_name), *_name_forms(english[code]))]
        rows.append(list(dict.fromkeys(c for c in cells if c)))
    return rows


_ENGLISH_WORD_RE = re.compile(r"[a-z][a-z -]*[a-z]")


def translit_rows(stopwords: frozenset[str]) -> list[list[str]]:
    """(Thai, English) rows of PyThaiNLP's transliteration dictionary that are safe to
    join: the Thai form has 4+ Thai letters and one English reading only (บาย is by, buy
    and bye: left out), the English is a word of 4+ letters, not a stopword. Entries
    marked unchecked (check = False) are left out."""
    from pythainlp.corpus.th_en_translit import get_transliteration_dict

    readings: dict[str, set[str]] = defaultdict(set)
    for thai, entry in get_transliteration_dict().items():
        for english, checked in zip(entry["en"], entry["follow_rtsg"], strict=False):
            if checked is False:
                continue
            readings[fold(thai)].add(fold(english))
    rows = []
    for thai, englishes in sorted(readings.items()):
        if len(englishes) != 1 or len(_THAI_CHAR_RE.findall(thai)) < 4:
            continue
        (english,) = englishes
        if len(english.replace(" ", "")) >= 4 and _ENGLISH_WORD_RE.fullmatch(english) and english not in stopwords:
            rows.append([thai, english])
    return rows


def merge_rows(rows: Iterable[list[str]], key: Callable[[str], str]) -> list[list[str]]:
    """Rows sharing a member (by ``key``, the member's joined terms) merged into one, in
    the order of their first row: the first row's first cell stays the canonical form."""
    parent: list[int] = []
    members: list[list[str]] = []
    owner: dict[str, int] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for row in rows:
        i = len(parent)
        parent.append(i)
        members.append(list(row))
        for cell in row:
            k = key(cell)
            if not k:
                continue
            j = owner.setdefault(k, i)
            if j != i:
                a, b = sorted((find(i), find(j)))
                parent[b] = a
    merged: dict[int, list[str]] = {}
    for i, row in enumerate(members):
        merged.setdefault(find(i), []).extend(row)
    return [list(dict.fromkeys(cells)) for _, cells in sorted(merged.items())]
