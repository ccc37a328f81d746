"""The legal lifecycle of records: relation rules (relations), status that follows them
(status), citations found in the text (citations), the text in force on a date (versions),
the regulation timeline (timeline), permanent ELI identifiers (eli) and schema.org markup
(jsonld). Models are in kb.models.legal; Thai text rules in kb.thai.citations/sections."""
