"""Thai language helpers of the records app, one module per concern:

- ``dates``: Buddhist-Era years, month names, display formatting, parsing dates as Thai
  documents write them;
- ``digits``: Thai <-> Arabic digits;
- ``text``: cleaning (spaces, invisible characters, sara am), excerpts cut at word boundaries;
- ``names``: honorifics and ranks before a person's name;
- ``diff``: revision comparisons by Thai word.

No Django here (kb/secretariat, which is pure Python, imports these), and nothing is
imported eagerly: ``diff`` loads Wagtail and ``text.truncate_thai`` the search segmenter
only when called. The analysis primitives search itself needs stay in search.analysis
(search never imports kb).
"""
