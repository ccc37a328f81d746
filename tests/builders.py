"""Test data builders: record lines in the RECORDS.md format and pages made through the importer."""

import json

from kb.importers import import_records
from kb.models import RecordPage

_counter = iter(range(1, 10**6))


def record_line(**fields):
    """One JSON line of the exchange format with sensible defaults for the given type."""
    n = next(_counter)
    record = {
        "identifier": f"test-{n}",
        "type": "news",
        "title": f"ข่าวทดสอบที่ {n}",
        "body": "เนื้อหาข่าวทดสอบ",
        "agency": "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
        "language": "th",
        "source": "tests",
    }
    defaults = {
        "regulation": {"legal_type": "ระเบียบ", "year_be": 2566, "status": "in_force"},
        "mou": {"parties": ["ก", "ข"], "countries": ["ไทย", "ญี่ปุ่น"], "signed_between_be": [2560, 2561]},
        "cabinet_resolution": {"meeting_date": "2024-07-09", "outcome": "รับทราบ"},
        "page": {"section": "ethics"},
        "report": {"fiscal_year_be": 2564},
        "ethics_code": {"year_be": 2564},
    }
    record.update(defaults.get(fields.get("type", "news"), {}))
    record.update(fields)
    return json.dumps(record, ensure_ascii=False)


def make_record(publish=True, **fields):
    """Create (or update) one record page through the real importer; returns the specific page."""
    line = record_line(**fields)
    import_records([line], publish=publish)
    return RecordPage.objects.get(identifier=json.loads(line)["identifier"]).specific
