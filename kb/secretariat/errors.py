"""The one error the Secretariat parser raises.

:class:`ResolutionParseError` is a ``ValueError`` whose message is Thai followed
by English in parentheses; it also carries the field that was missing or invalid
and, for open-data files, the 1-based item, so callers can point at the culprit.
"""

from __future__ import annotations


class ResolutionParseError(ValueError):
    """Raised when a resolution (or an open-data file) cannot be parsed.

    ``str(err)`` is ``"<Thai> (<English>)"``; the parts are also available as
    ``err.thai`` and ``err.english``; ``err.field`` names the missing/invalid
    field and ``err.item`` the 1-based open-data item, when relevant.
    """

    def __init__(self, thai: str, english: str | None = None, *, field: str | None = None, item: int | None = None):
        message = f"{thai} ({english})" if english else thai
        super().__init__(message)
        self.thai = thai
        self.english = english
        self.field = field
        self.item = item
