"""The Secretariat of the Cabinet's resolutions, read as text (pure Python,
standard library only: no Django import, so management commands, tests and
scripts can all use it).

Public API:

* :func:`parse_resolution` / :func:`parse_resolution_bytes` -> :class:`ParsedResolution`
* :func:`identifier_for` -> ``cr-<BE year>-<MM>-<DD>-<sha1[:8] of the normalised title>``
* :func:`parse_open_data` -> list of :class:`OpenDataItem` (the Secretariat's yearly JSON)
* :class:`ResolutionParseError` (a ``ValueError``) whose message is Thai + English.
* helpers the importer and the admin screen share: :func:`clean_text`,
  :func:`normalise_title`, :func:`parse_thai_date`, :func:`parse_published`, ``BANGKOK``.

One module per concern: ``parse`` (the page shape; head, orchestration),
``sniff`` (bytes -> text), ``identifiers`` (cleaning, digits and dates come from kb.thai),
``chrome`` (page furniture), ``anchors`` (meeting line, resolution sentence,
proposer, disclaimer), ``lines`` (numbered/bulleted/heading lines), ``blocks``,
``tables``, ``footnotes``, ``opendata``, ``results`` and ``errors``.
"""

from kb.thai.dates import BANGKOK, parse_published, parse_thai_date
from kb.thai.text import clean_text

from .errors import ResolutionParseError
from .identifiers import identifier_for, normalise_title
from .opendata import parse_open_data
from .parse import parse_resolution, parse_resolution_bytes
from .results import OpenDataItem, ParsedResolution

__all__ = [
    "BANGKOK",
    "OpenDataItem",
    "ParsedResolution",
    "ResolutionParseError",
    "clean_text",
    "identifier_for",
    "normalise_title",
    "parse_open_data",
    "parse_published",
    "parse_resolution",
    "parse_resolution_bytes",
    "parse_thai_date",
]
