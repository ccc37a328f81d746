"""Importers: records (JSONL, data/RECORDS.md), one Secretariat resolution and the
Secretariat's open data, all through one writer and one error type.

    errors.py       ImportDataError (bilingual, names the line/item and field)
    writer.py       PageWriter: create or revise, publish or draft, locks, history, the draft rule
    records.py      import_records: the JSONL format, validated through the model fields
    resolutions.py  import_parsed / import_open_data on top of kb.secretariat's parser
"""

from .errors import ImportDataError
from .records import ImportResult, import_records
from .resolutions import import_open_data, import_parsed, read_open_data, read_resolution

__all__ = [
    "ImportDataError",
    "ImportResult",
    "import_open_data",
    "import_parsed",
    "import_records",
    "read_open_data",
    "read_resolution",
]
