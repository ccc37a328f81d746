"""Thai legal citations in free text: named instruments (Acts, royal decrees, regulations,
announcements, codes ...), cabinet resolutions by date, and section references.

    >>> [c.key for c in find_citations("ตาม พ.ร.บ.มาตรฐานทางจริยธรรม พ.ศ. ๒๕๖๒ มาตรา ๕")]
    ['พระราชบัญญัติมาตรฐานทางจริยธรรม|2562']

Pure Python, no Django. The rules (what counts, where a name ends, what is missed) are in
docs/citations.md; the figures come from bench/bench_citations.py.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from . import sections
from .dates import THAI_DATE_RE, WEEKDAY, thai_date_from_match
from .digits import to_arabic_digits

__all__ = ["Citation", "anchor", "find_citations", "instrument_key", "key_matches", "name_key"]


@dataclass(frozen=True)
class Citation:
    """One citation; ``text == source[start:end]``. ``key`` groups citations of the same thing:
    instruments ``name_key(name) + "|" + year``, resolutions ``"มติคณะรัฐมนตรี|YYYY-MM-DD"``,
    bare sections ``""``. ``section``/``anchor`` use Arabic digits ("มาตรา 26/1", "มาตรา-26-1")."""

    start: int
    end: int
    text: str
    kind: str  # "instrument" | "resolution" | "section"
    legal_type: str = ""
    name: str = ""
    year_be: int | None = None
    section: str = ""
    paragraph: str = ""
    anchor: str = ""
    date: datetime.date | None = None
    key: str = ""


# ---------------------------------------------------------------- instrument types
# A dotless "พรบ" must not be the start of a word ("พรบุญ"): no vowel or tone mark after it.
_TAIL = r"(?![\u0e30-\u0e4e])"
# (pattern, legal_type, expansion when cited by abbreviation, weak)
# Weak types are everyday words ("ตามระเบียบ", "ประกาศใช้", "คำสั่ง"): they need an issuer
# and a subject, number or year before they count (see _valid).
_TYPES = (
    (r"พระราชบัญญัติ", "พระราชบัญญัติ", "", False),
    (r"พระราชกำหนด", "พระราชกำหนด", "", False),
    (r"พระราชกฤษฎีกา", "พระราชกฤษฎีกา", "", False),
    (r"กฎกระทรวง", "กฎกระทรวง", "", False),
    (r"ประมวลจริยธรรม", "ประมวลจริยธรรม", "", False),
    (r"ประมวลกฎหมาย", "ประมวลกฎหมาย", "", False),
    (r"รัฐธรรมนูญ(?=แห่งราชอาณาจักรไทย)", "รัฐธรรมนูญ", "", False),
    (r"(?<!\.)พ\.\s?ร\.\s?ป\.?" + _TAIL, "พระราชบัญญัติ", "พระราชบัญญัติประกอบรัฐธรรมนูญ", False),
    (r"(?<!\.)พ\.?\s?ร\.?\s?บ\.?" + _TAIL, "พระราชบัญญัติ", "พระราชบัญญัติ", False),
    (r"(?<!\.)พ\.\s?ร\.\s?ก\.?" + _TAIL, "พระราชกำหนด", "พระราชกำหนด", False),
    (r"(?<!\.)พ\.\s?ร\.\s?ฎ\.?" + _TAIL, "พระราชกฤษฎีกา", "พระราชกฤษฎีกา", False),
    (r"ระเบียบ", "ระเบียบ", "", True),
    (r"ข้อบังคับ", "ข้อบังคับ", "", True),
    (r"ประกาศ", "ประกาศ", "", True),
    (r"คำสั่ง", "คำสั่ง", "", True),
)
_TYPE_ALT = "|".join(p for p, *_ in _TYPES)
# The leading lookahead lets the engine skip most positions fast (x6 on a 16 KB body).
_TYPE_RE = re.compile("(?=[พกปรขค])(?:" + "|".join(f"(?P<t{i}>{p})" for i, (p, *_) in enumerate(_TYPES)) + ")")

# Where a name can never continue: line ends, table bars, punctuation and quotes, an
# opening bracket other than "(ฉบับที่" / "(พ.ศ.", a long space, a dash between spaces,
# another instrument after a space or "และ/หรือ", a section number, a resolution.
_HARD_STOP = re.compile(
    r"[\n\r\t|…,;:!?\"“”‘’«»\[\]{}]| {2,}|\s[-–—]\s"
    r"|\((?!\s?(?:ฉบับที่|พ\.?\s?ศ\.?|พุทธศักราช))|(?<!\d)\)"
    rf"|(?:\s|และ|หรือ)(?={_TYPE_ALT})"
    r"|(?:มาตรา|ข้อ)\s?\d|(?<![\u0e01-\u0e5b.])ม\.\s?\d|มติ\s?(?:คณะรัฐมนตรี|ครม)|\sมติ"
)
# The year that ends a name: "พ.ศ. 2562", "พ.ศ.2546", "(พ.ศ. 2540)", "พุทธศักราช 2560";
# dots instead of digits ("พ.ศ. ....") mark a draft.
_YEAR_RE = re.compile(r"\s?(?P<open>\()?\s?(?:พ\.?\s?ศ\.?|พุทธศักราช)\s?(?P<y>\d{4}|\.{2,}|…)(?(open)\s?\))")
_BARE_YEAR_RE = re.compile(r" (?P<y>2[4-6]\d\d)(?![\d/.\-])")
_ORDER_NO_RE = re.compile(r"ที่\s?\d{1,4}/(?P<y>2[4-6]\d\d)")
_DRAFT_BEFORE = re.compile(r"ร่าง\s?$")

# A name made only of these is a generic mention ("พระราชบัญญัตินี้", "ระเบียบที่เกี่ยวข้อง").
_START_STOP = re.compile(
    r"\s?(?:นี้|ดังกล่าว|ฉบับ(?:นี้|ดังกล่าว|เดิม|ใหม่|แรก)|ที่(?!\s?\d|ประชุม)|ของ|ต่อ(?!ต้าน)|และ|หรือ|ใน"
    r"|ว่า(?!ด้วย)|ให้(?!ใช้)|ได้|เป็น|จะ|ซึ่ง|โดย|เพื่อ|ขึ้น|นั้น|แล้ว|ต่าง|ใด|ทั้ง|กับ|เกี่ยวกับ|จาก|ตาม|ใช้|ไว้|อื่น|ทุก)"
)
# Weak types must name their issuer first ("ระเบียบสำนักนายกรัฐมนตรี", "ประกาศกระทรวง...").
_ISSUER = re.compile(
    r"\s?(?:กระทรวง|ทบวง|กรม|สำนัก|คณะ|นายกรัฐมนตรี|รัฐมนตรี|ก\.|กสทช|ป\.ป\.|ธนาคาร|มหาวิทยาลัย|สภา|ศาล"
    r"|หัวหน้า|องค์การ|องค์กร|สถาบัน|กองทุน|ศูนย์|กรุงเทพ|จังหวัด|เทศบาล|ผู้ว่า|อธิบดี|ปลัด|ดศ\.|ที่ประชุม)"
)
_SUBJECT = re.compile(r"(?:ว่าด้วย|เรื่อง)\s?\S|ที่\s?\d")
_CONNECTOR = re.compile(r"\s?(?:ว่าด้วย|เรื่อง)\s?")
# A word after a space that starts the sentence's next clause, not more of the name.
_SOFT_AFTER_SPACE = re.compile(
    r"\s(?:ได้|ให้|กำหนด|ซึ่ง|โดย|เพื่อ|ที่(?!\s?\d)|ตาม|เมื่อ|ใน|จึง|จะ|ตลอดจน|รวม|เป็น|มี|คือ|ว่า(?!ด้วย)"
    r"|ภายใน|ปี|ประจำปี|นั้น|นี้|แล้ว|ไว้|เห็นชอบ|อนุมัติ)"
)
_SOFT_ANYWHERE = re.compile(r"ได้กำหนด|กำหนดให้|ซึ่ง|ได้แก่|ดังนี้|นอกจากนี้|อย่างไรก็ตาม|เห็นชอบ|มีมติ")
_TIME_BEFORE_YEAR = re.compile(r"(?:ปี|ปีงบประมาณ|ปีการศึกษา|ศักราช|ระหว่าง|ตั้งแต่)\s?$")
# Without a year, the name stops at a single space (unless "ว่าด้วย", "เรื่อง", "(ฉบับที่"
# or "ที่ 12/2560" follows) or before a word that starts a new clause. The guards keep
# "การให้บริการ", "ข้อกำหนด", "หน้าที่", "ที่ดิน", "ติดตาม", "ปฏิบัติตาม" inside the name.
_NOM = r"(?:(?<!การ)|(?<=ราชการ))(?<!ความ)(?<!ข้อ)"  # "การให้บริการ" is a noun, "ราชการให้..." a clause
_CLAUSE = (
    r"(?<!ว่าด้วย)(?<!เรื่อง) (?!ว่าด้วย|เรื่อง|\(ฉบับที่|ฉบับที่|ที่\s?\d)"
    rf"|{_NOM}(?:กำหนด|ให้(?!ใช้))|ซึ่ง|โดย(?!สาร)|ตลอดจน|รวมถึง|รวมทั้ง|(?<!ราย)(?<!ไม่)ได้|เมื่อ|จึง"
    r"|(?<!ติด)(?<!ปฏิบัติ)ตาม|นั้น|(?<!ห)นี้|ดังกล่าว|(?:ที่|และ)(?=กำหนด|ได้|ให้|เกี่ยวข้อง|ออก|ใช้)"
)
# After ว่าด้วย/เรื่อง (or in a name that starts with การ) the subject is a noun phrase that
# often holds และ/ที่/เพื่อ ("หลักเกณฑ์และวิธีการ", "บ้านเมืองที่ดี"): only clause words end it.
# Elsewhere ("ประมวลจริยธรรมข้าราชการพลเรือนและ...") those words end the name too.
_SUBJECT_END = re.compile(_CLAUSE)
_NAME_END = re.compile(_CLAUSE + r"|และ|หรือ|เพื่อ(?!น)|(?<!หน้า)(?<!พื้น)(?<!สถาน)(?<!ฉบับ)ที่(?!ดิน|ปรึกษา|พัก|อยู่|ราช|\s?\d)")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e]")
_NO_SUBJECT = re.compile(r"(?:ว่าด้วย|เรื่อง)\s?$")
_CLAUSE_IN_ISSUER = re.compile(r"ซึ่ง|โดย|ให้|ได้|ที่(?!\s?\d)")
_DRAFT_NUMBER = re.compile(r"ฉบับที่\s?\.")
_WINDOW = 200  # the longest name seen (an Act with "(ฉบับที่ 2)") is ~120 characters

# ---------------------------------------------------------------- sections
_SUFFIX = r"(?:ทวิ|ตรี|จัตวา|เบญจ|ฉ|สัตต|อัฏฐ|นว|ทศ)(?![\u0e01-\u0e4e])"
_PARA = r"วรรค(?:หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ท้าย)"
# "ข้อ" is also the start of ข้อมูล/ข้อเสนอ and "ม." of ม.ค./มหาวิทยาลัย: a number must follow.
_SECTION_RE = re.compile(
    r"(?=[มข])(?P<unit>มาตรา|(?<!หัว)ข้อ|(?<![\u0e01-\u0e5b.])(?<!ชั้น )ม\.)\s?"
    rf"(?P<num>\d{{1,4}}(?:/\d{{1,3}})?(?:\s?{_SUFFIX})?)(?![\d/]|[.,]\d|\s?(?:ประการ|ข้อ))"
    r"(?:\s?[-–]\s?(?P<to>\d{1,4})(?!\d))?"
    rf"(?:\s?(?P<para>{_PARA}))?"
)
# "ม.5 ต.บางพลี" is a village (หมู่) in an address, not a section.
_SUFFIX_SPACE = re.compile(r"(\d)\s?(?=[\u0e01-\u0e2e])")  # "12ทวิ" -> "12 ทวิ"
_ADDRESS_AFTER = re.compile(r"\s?(?:ต\.|ตำบล|ถ\.|ถนน|ซ\.|ซอย|อ\.|อำเภอ)")
_SECTION_OF = re.compile(r"\s?(?:แห่ง|ของ)\s?")

# ---------------------------------------------------------------- cabinet resolutions
_CABINET = r"(?:คณะรัฐมนตรี|ครม\.?)"
_ON_DAY = rf"(?:เมื่อ\s?)?วัน{WEEKDAY}?ที่\s?"
_RESOLUTION_RE = re.compile(
    rf"(?=[มค])(?:มติ\s?{_CABINET}|{_CABINET}\s?(?:ได้\s?)?มี\s?มติ)"
    r"(?:\s?(?:ให้ความเห็นชอบ|เห็นชอบ|อนุมัติหลักการ|อนุมัติ|รับทราบ))?"
    rf"\s?(?:(?P<open>\()\s?|{_ON_DAY}|เมื่อ\s?|ลงวันที่\s?)?" + THAI_DATE_RE.pattern + r"(?P<close>\s?\))?"
)
# The date first: "คณะรัฐมนตรี(ในการประชุม)เมื่อวันที่ 9 กรกฎาคม 2567 ได้มีมติ" (span through มติ).
_DATED_CABINET_RE = re.compile(
    rf"(?=[คม]){_CABINET}\s?(?:ในการประชุม\s?)?{_ON_DAY}" + THAI_DATE_RE.pattern + r"\s?(?:ได้\s?)?(?:มี\s?)?มติ"
)
# Further dates of the same phrase: "มติ ครม. 9 ก.ค. 67 และ 16 ก.ค. 67" are two resolutions.
_MORE_DATES_RE = re.compile(rf"\s?(?:และ|,)\s?(?:{_ON_DAY})?(?P<date>" + THAI_DATE_RE.pattern + ")")

# ---------------------------------------------------------------- keys
_ABBREVIATIONS = (
    (re.compile(r"(?<!\.)พ\.\s?ร\.\s?ป\.?" + _TAIL), "พระราชบัญญัติประกอบรัฐธรรมนูญ"),
    (re.compile(r"(?<!\.)พ\.?\s?ร\.?\s?บ\.?" + _TAIL), "พระราชบัญญัติ"),
    (re.compile(r"(?<!\.)พ\.\s?ร\.\s?ก\.?" + _TAIL), "พระราชกำหนด"),
    (re.compile(r"(?<!\.)พ\.\s?ร\.\s?ฎ\.?" + _TAIL), "พระราชกฤษฎีกา"),
    (re.compile(r"ครม\.?" + _TAIL), "คณะรัฐมนตรี"),
)
_YEAR_PART = re.compile(r"\(?\s?(?:พ\.?\s?ศ\.?|พุทธศักราช)\s?\d{4}\s?\)?|\s2[4-6]\d\d\s*$")
_TRAILING_YEAR = re.compile(r"\s(?P<y>2[4-6]\d\d)\s*$")
_KEY_DROP = re.compile(r"[\s.()\"“”'‘’\u200b]+")
# The ฯ wildcard spans at least one character but never "|" (so whole keys work too) nor a
# "ว่าด้วย"/"เรื่อง": "สำนักนายกฯ" stands for an issuer, not for the subject.
_WILDCARD = r"(?:(?!ว่าด้วย|เรื่อง)[^|])+?"


def name_key(title: str) -> str:
    """The normalised name of an instrument: digits folded, abbreviations expanded, the year
    ("พ.ศ. 2562", a trailing bare "2562") removed, whitespace/dots/brackets/quotes removed,
    Latin lower-cased. "(ฉบับที่ 2)" stays (as "ฉบับที่2"); "ฯ" stays as a wildcard."""
    text = to_arabic_digits(title or "").replace("ฯลฯ", "")
    text = _YEAR_PART.sub(" ", text)
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    return _KEY_DROP.sub("", text).lower()


def _year_of(folded: str) -> int | None:
    for pattern in (_YEAR_RE, _ORDER_NO_RE, _TRAILING_YEAR):
        m = pattern.search(folded)
        if m and m.group("y").isdigit():
            return int(m.group("y"))
    return None


def instrument_key(title: str) -> tuple[str, int | None]:
    """``(name_key(title), B.E. year or None)`` of a record title."""
    return name_key(title), _year_of(to_arabic_digits(title or ""))


@lru_cache(maxsize=1024)
def _wildcard_re(key: str) -> re.Pattern:
    return re.compile(_WILDCARD.join(re.escape(part) for part in key.split("ฯ")))


def key_matches(cited_name_key: str, record_name_key: str) -> bool:
    """Equal keys, or one side shortened with "ฯ" ("ระเบียบสำนักนายกฯว่าด้วย...") whose
    ฯ stands for one or more characters of the other, outside ว่าด้วย/เรื่อง and "|"."""
    if not cited_name_key or not record_name_key:
        return False
    if cited_name_key == record_name_key:
        return True
    for short, full in ((cited_name_key, record_name_key), (record_name_key, cited_name_key)):
        if "ฯ" in short and _wildcard_re(short).fullmatch(full):
            return True
    return False


def anchor(unit: str, number: str) -> str:
    """``("มาตรา", "๒๖/๑")`` -> ``"มาตรา-26-1"``; ``("ข้อ", "12 ทวิ")`` -> ``"ข้อ-12-ทวิ"``.
    "ม." is taken as มาตรา; the rest is kb.thai.sections.anchor, the ids the page has."""
    unit = unit.strip().rstrip(".")
    unit = "มาตรา" if unit == "ม" else unit
    return sections.anchor(unit, number) if unit and number.strip() else ""


# ---------------------------------------------------------------- finding
@dataclass
class _Found:
    start: int
    end: int
    kind: str
    legal_type: str = ""
    name: str = ""
    year: int | None = None
    section: tuple[str, str, str] = ("", "", "")  # section, paragraph, anchor
    date: datetime.date | None = None


def _valid(name: str, weak: bool, has_year: bool) -> bool:
    if len(_THAI_LETTER.findall(name)) < 2 or _START_STOP.match(name):
        return False
    if _NO_SUBJECT.search(name):  # "ประกาศกระทรวง... เรื่อง" and nothing after
        return False
    if weak:
        return bool(_ISSUER.match(name)) and (has_year or bool(_SUBJECT.search(name)))
    return True


def _noyear_end(region: str) -> int:
    """Where a name without a year stops (see _SUBJECT_END / _NAME_END)."""
    c = _CONNECTOR.search(region)
    # "ประกาศกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม เรื่อง ...": the issuer before the connector
    # may hold เพื่อ/และ too; it is taken whole unless a clause starts in it.
    if c and c.start() <= 80 and not _SOFT_AFTER_SPACE.search(region, 0, c.start()):
        if not _CLAUSE_IN_ISSUER.search(region, 0, c.start()):
            m = _SUBJECT_END.search(region, c.end())
            return m.start() if m else len(region)
    pattern = _SUBJECT_END if region.startswith("การ") else _NAME_END
    m = pattern.search(region, 1)
    return m.start() if m else len(region)


def _instrument_at(s: str, original: str, m: re.Match) -> _Found | None:
    _, legal_type, expansion, weak = _TYPES[int(m.lastgroup[1:])]
    if _DRAFT_BEFORE.search(s, max(0, m.start() - 6), m.start()):
        return None  # "ร่าง พ.ร.บ. ...": a bill, not (yet) a law
    hard = _HARD_STOP.search(s, m.end(), min(len(s), m.end() + _WINDOW))
    stop = hard.start() if hard else min(len(s), m.end() + _WINDOW)
    name_start = m.end() + 1 if s.startswith(" ", m.end()) and m.end() < stop else m.end()
    region = s[name_start:stop]
    y = _YEAR_RE.search(region)
    if (y and not y.group("y").isdigit()) or _DRAFT_NUMBER.search(region):
        return None  # "(ฉบับที่..) พ.ศ. ....": a draft
    year, name_end, end = None, None, None
    if y and y.group("y").isdigit():
        before = region[: y.start()].rstrip()
        if (
            not _SOFT_AFTER_SPACE.search(before)
            and not _SOFT_ANYWHERE.search(before)
            and not _TIME_BEFORE_YEAR.search(before)
            and _valid(before, weak, True)
        ):
            year, name_end, end = int(y.group("y")), name_start + len(before), name_start + y.end()
    if name_end is None:
        name_end = name_start + len(region[: _noyear_end(region)].rstrip())
        end = name_end
        bare = _BARE_YEAR_RE.match(s, name_end)
        if bare:
            year, end = int(bare.group("y")), bare.end()
        if legal_type == "คำสั่ง" and year is None and (o := _ORDER_NO_RE.search(s, name_start, name_end)):
            year = int(o.group("y"))
        if not _valid(s[name_start:name_end], weak, year is not None):
            return None
    cited = original[name_start:name_end] if expansion else original[m.start() : name_end]
    name = " ".join((expansion + cited).split())
    return _Found(m.start(), end, "instrument", legal_type, name, year)


def _instruments(s: str, original: str) -> list[_Found]:
    found, pos = [], 0
    while m := _TYPE_RE.search(s, pos):
        inst = _instrument_at(s, original, m)
        if inst is None:
            pos = m.end()
        else:
            found.append(inst)
            pos = inst.end
    return found


def _sections(s: str) -> list[_Found]:
    found = []
    for m in _SECTION_RE.finditer(s):
        unit = "ข้อ" if m.group("unit") == "ข้อ" else "มาตรา"
        if m.group("unit") == "ม." and _ADDRESS_AFTER.match(s, m.end()):
            continue
        num = _SUFFIX_SPACE.sub(r"\1 ", m.group("num"))
        section = f"{unit} {num}" + (f"-{m.group('to')}" if m.group("to") else "")
        found.append(_Found(m.start(), m.end(), "section", section=(section, m.group("para") or "", anchor(unit, num))))
    return found


def _resolutions(s: str) -> list[_Found]:
    found = []
    for m in [*_RESOLUTION_RE.finditer(s), *_DATED_CABINET_RE.finditer(s)]:
        try:
            day = thai_date_from_match(m)
        except ValueError:  # 31 February, a year like 1850
            continue
        if m.re is _DATED_CABINET_RE:
            end = m.end()
        else:  # the closing bracket belongs to the span only when the opening one does
            end = m.end("close") if m.group("open") and m.group("close") else m.end("y")
        found.append(_Found(m.start(), end, "resolution", date=day))
        while more := _MORE_DATES_RE.match(s, end):
            try:
                day = thai_date_from_match(more)
            except ValueError:
                break
            end = more.end()
            found.append(_Found(more.start("date"), end, "resolution", date=day))
    return found


def _attach(instruments: list[_Found], sections: list[_Found], s: str) -> list[_Found]:
    """Merge "มาตรา 26 แห่ง<instrument>" and "<instrument> มาตรา 5" into one instrument citation."""
    by_start = {i.start: i for i in instruments}
    by_end = {i.end: i for i in instruments}
    out = []
    for sec in sections:
        of = _SECTION_OF.match(s, sec.end)
        inst = by_start.get(of.end()) if of else None
        if inst is None and s[sec.start - 1 : sec.start] == " ":
            inst = by_end.get(sec.start - 1)
        if inst is None:
            inst = by_end.get(sec.start)
        if inst is not None and inst.section == ("", "", ""):
            inst.start, inst.end = min(inst.start, sec.start), max(inst.end, sec.end)
            inst.section = sec.section
        else:
            out.append(sec)
    return instruments + out


_THAI_DIGIT = re.compile("[๐-๙]")


def _fold_digits(text: str) -> str:
    # digits.to_arabic_digits (str.translate) costs ~2 ms on a 16 KB Thai body; Thai digits
    # are rare, so substituting only them is much cheaper. Same result.
    return _THAI_DIGIT.sub(lambda m: str(ord(m.group()) - 0x0E50), text)


def find_citations(text: str) -> list[Citation]:
    """Citations in ``text``, in text order, non-overlapping (the earliest, then longest, wins)."""
    if not text:
        return []
    s = _fold_digits(text)  # same length: spans found in s are spans of text
    instruments = _instruments(s, text)
    resolutions = _resolutions(s)
    taken = [(f.start, f.end) for f in instruments + resolutions]
    sections = [x for x in _sections(s) if not any(a < x.end and x.start < b for a, b in taken)]
    candidates = sorted(_attach(instruments, sections, s) + resolutions, key=lambda f: (f.start, f.start - f.end))
    result, last_end = [], -1
    for f in candidates:
        if f.start < last_end:
            continue
        last_end = f.end
        section, paragraph, anchor_ = f.section
        if f.kind == "instrument":
            key = f"{name_key(f.name)}|{f.year or ''}"
        elif f.kind == "resolution":
            key = f"มติคณะรัฐมนตรี|{f.date.isoformat()}"
        else:
            key = ""
        result.append(
            Citation(
                f.start,
                f.end,
                text[f.start : f.end],
                f.kind,
                f.legal_type,
                f.name,
                f.year,
                section,
                paragraph,
                anchor_,
                f.date,
                key,
            )
        )
    return result
