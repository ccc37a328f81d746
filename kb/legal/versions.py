"""The text of a regulation in force on a date. The page's body is the text as enacted
(in force from its effective date); each live amendment may carry the consolidated text it
produces, in force from the amendment's effective date. `?as_of=` (B.E. or C.E., ISO or
d/m/yyyy, Thai or Arabic digits) picks the version in force that day; today is the default."""

import datetime
import re
from dataclasses import dataclass, field

from ..thai.dates import format_thai_date, parse_iso_day, parse_thai_date, to_ce_year
from ..thai.digits import to_arabic_digits

DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
MAX_AS_OF_CHARS = 40


class AsOfError(ValueError):
    """A date the page cannot read; .thai is the notice shown."""

    def __init__(self, thai):
        super().__init__(thai)
        self.thai = thai


def parse_as_of(value):
    """A date from "2562-01-01", "2019-01-01", "1/1/2562", "๑ มกราคม ๒๕๖๒"; years from
    2400 on are B.E. (search.analysis.dates.to_ce_year). Raises AsOfError with a Thai notice."""
    text = to_arabic_digits((value or "").strip())[:MAX_AS_OF_CHARS]
    iso = parse_iso_day(text)
    if iso is not None:
        return iso
    match = DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
        else:
            parsed = parse_thai_date(text)
            if parsed is None:
                raise ValueError
            return parsed
        return datetime.date(to_ce_year(year), month, day)
    except (ValueError, OverflowError):
        raise AsOfError(
            f"อ่านวันที่ “{text}” ไม่ได้ ใช้รูปแบบ ปปปป-ดด-วว (พ.ศ. หรือ ค.ศ.) เช่น 2562-01-01 — แสดงข้อความปัจจุบัน"
        ) from None


@dataclass
class Version:
    effective: datetime.date | None  # None: from publication (no date known)
    starts: datetime.date | None = None  # the day it counts from when choosing (effective or the law's)
    source: object = None  # the amending page; None for the text as enacted
    text: str = ""  # the consolidated text ("" for the enacted body)
    consolidates: list = field(default_factory=list)  # the amending pages folded into it

    @property
    def label(self):
        when = f"มีผล {format_thai_date(self.effective)}" if self.effective else "ไม่ระบุวันที่มีผล"
        if self.source is None:
            return f"ฉบับเดิม ({when})"
        return f"ฉบับแก้ไขโดย {self.source.title} ({when})"

    @property
    def iso(self):
        return self.effective.isoformat() if self.effective else ""


def versions(page):
    """The text as enacted, then each live amendment with a consolidated text, by date."""
    from ..models import LegalRelation, visible_ids

    if page.pk is None:  # a preview of a new page
        return [Version(effective=page.effective_date, starts=page.effective_date)]
    amendments = page.__dict__.get("_amendment_rows")  # a listing read them at once (kb.api)
    if amendments is None:
        amendments = list(
            LegalRelation.objects.filter(target_id=page.pk, kind=LegalRelation.AMENDS)
            .exclude(consolidated_text="")
            .select_related("page")
        )
    shown = visible_ids(r.page_id for r in amendments)
    amendments = [r for r in amendments if r.page_id in shown]
    # an amendment of unknown date counts from the law's own start, after the enacted text
    enacted = page.effective_date or datetime.date.min
    ordered = sorted(amendments, key=lambda r: r.takes_effect() or enacted)
    result = [Version(effective=page.effective_date, starts=enacted)]
    folded = []
    for relation in ordered:
        folded.append(relation.page)
        result.append(
            Version(
                effective=relation.takes_effect(),
                starts=relation.takes_effect() or enacted,
                source=relation.page,
                text=relation.consolidated_text,
                consolidates=list(folded),
            )
        )
    return result


@dataclass
class Selection:
    version: Version
    as_of: datetime.date | None = None  # the date asked for (None: today, no banner)
    notice: str = ""  # a Thai notice to show (unreadable date, before the first version…)
    all: list = field(default_factory=list)


def in_force_on(page, raw_as_of=None, today=None):
    """The version to show for `?as_of=raw_as_of` (today's when absent or unreadable)."""
    from .status import today as local_today

    all_versions = versions(page)
    today = today or local_today()
    notice, as_of = "", None
    if raw_as_of:
        try:
            as_of = parse_as_of(raw_as_of)
        except AsOfError as exc:
            notice = exc.thai
    day = as_of or today
    started = [v for v in all_versions if (v.starts or datetime.date.min) <= day]
    if not started:
        first = all_versions[0].effective
        notice = (
            f"ณ วันที่ {format_thai_date(day)} ฉบับนี้ยังไม่มีผลใช้บังคับ (มีผลตั้งแต่ {format_thai_date(first)}) — แสดงข้อความฉบับแรก"
        )
        return Selection(all_versions[0], None, notice, all_versions)  # the notice, no "in force" banner
    selected = started[-1]
    if as_of and page.status == "repealed" and page.status_since and as_of >= page.status_since:
        notice = f"ฉบับนี้ถูกยกเลิกแล้วตั้งแต่ {format_thai_date(page.status_since)} — ข้อความด้านล่างเป็นฉบับสุดท้ายก่อนยกเลิก"
    return Selection(selected, as_of, notice, all_versions)


def body_of(page, version):
    """The StreamField value to render for `version` (the page's own body for the enacted text)."""
    if version.source is None or not version.text:
        return page.body
    from ..text_blocks import text_to_blocks

    block = page.body.stream_block
    return block.to_python([{"type": kind, "value": value} for kind, value in text_to_blocks(version.text, legal=True)])
