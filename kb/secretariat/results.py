"""What the parser hands back: :class:`ParsedResolution` (one resolution page) and
:class:`OpenDataItem` (one item of the Secretariat's yearly JSON).  Plain
dataclasses; their ``identifier`` comes from :mod:`.identifiers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .identifiers import identifier_for


@dataclass
class ParsedResolution:
    title: str
    meeting_date: date
    outcome: str
    resolution_text: str
    category: str | None = None
    published: datetime | None = None
    chair: str | None = None
    proposer: str | None = None
    blocks: list[dict[str, Any]] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    disclaimer: str | None = None
    source_url: str | None = None

    @property
    def identifier(self) -> str:
        return identifier_for(self)


@dataclass
class OpenDataItem:
    title: str
    meeting_date: date
    agenda_no: int | None
    proposer: str | None
    attachments: list[tuple[str, str]] = field(default_factory=list)
    index: int = 0  # 1-based position in the source array

    @property
    def identifier(self) -> str:
        return identifier_for(self)
