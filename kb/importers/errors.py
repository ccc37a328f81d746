"""The one error every importer raises: bilingual, naming where (line or item) and field.

`str(err)` is "บรรทัด 3: <Thai> (line 3: <English>)" for a JSONL line,
"รายการที่ 2: <Thai> (item 2: <English>)" for an open-data item, "<Thai> (<English>)"
otherwise; `err.thai`, `err.english`, `err.field`, `err.line_no` and `err.item` hold the parts.
The Secretariat parser keeps its own ResolutionParseError (kb.secretariat knows nothing of
pages); kb.importers.resolutions converts it with `from_parse_error`, so callers catch one type.
"""

from django.core.exceptions import ValidationError
from django.utils import translation


class ImportDataError(ValueError):
    def __init__(self, thai, english, *, field=None, line=None, item=None):
        self.thai, self.english, self.field, self.line_no, self.item = thai, english, field, line, item
        if line is not None:
            message = f"บรรทัด {line}: {thai} (line {line}: {english})"
        elif item is not None:
            message = f"รายการที่ {item}: {thai} (item {item}: {english})"
        else:
            message = f"{thai} ({english})"
        super().__init__(message)

    def at(self, *, line=None, item=None):
        """The same error, now naming the line or item it came from."""
        if self.line_no is not None or self.item is not None:
            return self
        return ImportDataError(self.thai, self.english, field=self.field, line=line, item=item)

    @classmethod
    def from_parse_error(cls, exc):
        """kb.secretariat's ResolutionParseError, same message (it already names its item)."""
        error = cls(exc.thai, exc.english or "", field=exc.field)
        error.item, error.args = exc.item, exc.args
        return error


# Thai for the validator messages Django's Thai translation lacks, by error code.
THAI_MESSAGES = {
    "max_length": "ยาวเกิน {limit_value} ตัวอักษร (มี {show_value})",
    "max_value": "ต้องไม่เกิน {limit_value}",
    "min_value": "ต้องไม่น้อยกว่า {limit_value}",
}


def thai_messages(error):
    items = (
        error.error_list
        if hasattr(error, "error_list")
        else [item for items in error.error_dict.values() for item in items]
    )
    parts = []
    for item in items:
        if item.code in THAI_MESSAGES:
            parts.append(THAI_MESSAGES[item.code].format(**(item.params or {})))
        else:
            with translation.override("th"):
                parts.extend(item.messages)
    return " ".join(parts)


def field_error(field, error: ValidationError, *, thai=None, line=None, item=None):
    """A Django ValidationError on one field, its messages in Thai and in English."""
    with translation.override("en"):
        english = " ".join(error.messages)
    return ImportDataError(
        f"ช่อง {field} ไม่ถูกต้อง: {thai or thai_messages(error)}",
        f"field {field}: {english}",
        field=field,
        line=line,
        item=item,
    )


def save_error(exc: ValidationError, *, line=None, item=None):
    """What only saving can tell (a slug taken by a sibling, a value too long for its
    column…), naming the fields; the slug is made from the identifier, so it is named so."""
    names = ["identifier" if name == "slug" else name for name in sorted(getattr(exc, "error_dict", {}))]
    where = ", ".join(names) or "-"
    with translation.override("en"):
        english = " ".join(exc.messages)
    return ImportDataError(
        f"ข้อมูลไม่ถูกต้อง — ช่อง {where}: {thai_messages(exc)}",
        f"invalid page data — field {where}: {english}",
        field=names[0] if len(names) == 1 else None,
        line=line,
        item=item,
    )
