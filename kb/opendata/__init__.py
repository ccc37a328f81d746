"""Open data: the records anyone may see, written back out in the exchange format of
data/RECORDS.md (JSON Lines, the format `import_records` reads) and as CSV per kind
(kb.opendata.export; `manage.py export_records`; docs/opendata.md)."""
