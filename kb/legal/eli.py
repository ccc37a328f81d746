"""Permanent identifiers for regulations in the style of ELI (European Legislation
Identifier): ``/eli/<type>/<year_be>/<number>/`` names an instrument by what it is, not by
where its page sits in the tree, so a moved or renamed page keeps its identifier; and
``/eli/<type>/<year_be>/<number>/<version-date>/`` names the text in force on a day (the
page with ``?as_of=<date>``). docs/legal-identifiers.md describes the scheme.

- ``<type>``: a Latin slug of the legal type (TYPE_SLUGS); the Thai type is accepted too.
- ``<year_be>``: the instrument's B.E. year (its ``year_be``, else the year of its
  effective date); ``0`` when neither is known.
- ``<number>``: the instrument's ``number``, Thai digits folded to Arabic, "/" and
  whitespace turned into "-"; the record's ``identifier`` when it has no number.
- ``<version-date>``: an ISO date, C.E. or B.E. (a year after 2400 is B.E.), Thai digits
  allowed; always written C.E. in identifiers this module makes. Anything else is passed
  on to the page's ``?as_of=`` as it is (the page reads it or shows its notice).

Resolution goes through visible_to_public: a draft, restricted or expired regulation is a
404, never a redirect that would give its address away."""

import datetime
import re
from urllib.parse import urlencode

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..thai.dates import parse_iso_day
from ..thai.digits import to_arabic_digits

#: Thai legal type -> the Latin slug of its identifier (RegulationPage.LEGAL_TYPES, in order).
TYPE_SLUGS = {
    "พระราชบัญญัติ": "act",
    "พระราชกำหนด": "emergency-decree",
    "พระราชกฤษฎีกา": "royal-decree",
    "กฎกระทรวง": "ministerial-regulation",
    "ระเบียบ": "regulation",
    "ข้อบังคับ": "rule",
    "ประกาศ": "notification",
    "คำสั่ง": "order",
}
SLUG_TYPES = {slug: legal_type for legal_type, slug in TYPE_SLUGS.items()}

#: The year segment of an instrument whose year is not known.
NO_YEAR = "0"

_SEPARATORS = re.compile(r"[/\s]+")
_DASHES = re.compile(r"-{2,}")


def type_slug(legal_type):
    """ "พระราชบัญญัติ" -> "act"; a type outside the list keeps its Thai name."""
    return TYPE_SLUGS.get(legal_type, legal_type)


def legal_type_for(segment):
    """The Thai legal type a ``<type>`` segment names (slug, any case, or the Thai type), or None."""
    segment = (segment or "").strip()
    if segment in TYPE_SLUGS:
        return segment
    return SLUG_TYPES.get(segment.lower())


def number_segment(number):
    """ "๑๒/๒๕๖๕" -> "12-2565", "ฉบับที่ ๒" -> "ฉบับที่-2": Thai digits to Arabic, "/" and
    whitespace to "-" (runs of dashes folded, none at either end)."""
    text = _SEPARATORS.sub("-", to_arabic_digits(str(number or "")).strip())
    return _DASHES.sub("-", text).strip("-")


def page_number_segment(page):
    """The ``<number>`` of a regulation: its number, else its identifier."""
    return number_segment(page.number) or page.identifier


def page_year_segment(page):
    year = page.get_year_be()
    return str(year) if year else NO_YEAR


def parse_year(segment):
    """A ``<year_be>`` segment -> the B.E. year, 0 for "year unknown", None when malformed."""
    text = to_arabic_digits((segment or "").strip())
    return int(text) if text.isdigit() else None


def parse_version(value):
    """A ``<version-date>`` -> a C.E. date, or None when it is not an ISO date: "2565-05-01"
    (B.E.), "2022-05-01" (C.E.), "๒๕๖๕-๐๕-๐๑" (kb.thai.dates.parse_iso_day, as ?as_of= reads it)."""
    return parse_iso_day(value)


def as_of_value(version):
    """The ``as_of`` a version segment is passed on as: the ISO C.E. date, or the raw value
    when it is not a date (the regulation page tells the reader it cannot read it)."""
    day = parse_version(version)
    return day.isoformat() if day else (version or "")


def eli_path(page, version=None):
    """ "/eli/act/2565/3/" (or ".../2022-05-01/" with a version date) of a RegulationPage."""
    kwargs = {
        "legal_type": type_slug(page.legal_type),
        "year": page_year_segment(page),
        "number": page_number_segment(page),
    }
    if version is None:
        return reverse("eli", kwargs=kwargs)
    if isinstance(version, str):
        version = parse_version(version) or version
    kwargs["version"] = version.isoformat() if isinstance(version, datetime.date) else str(version)
    return reverse("eli_version", kwargs=kwargs)


def eli_uri(page, request=None, version=None):
    """The absolute ELI URI of a regulation: on its site's root URL (the configured host, so
    the identifier does not follow the Host a reader used), else on the request's host, else
    the path alone."""
    path = eli_path(page, version)
    url_parts = page.get_url_parts(request)
    root_url = url_parts[1] if url_parts else None
    if root_url:
        return root_url.rstrip("/") + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def find_regulations(legal_type, year_be, number):
    """The regulations anyone may see that a ``<type>/<year>/<number>`` names, oldest first:
    those whose number segment matches (any case); failing that, the one whose identifier
    is ``number``."""
    from ..models import RegulationPage, visible_to_public

    pages = RegulationPage.objects.filter(legal_type=legal_type)
    pages = pages.filter(record_year_be__isnull=True) if year_be == 0 else pages.filter(record_year_be=year_be)
    pages = list(visible_to_public(pages).order_by("first_published_at", "pk"))
    wanted = number_segment(number).casefold()
    found = [p for p in pages if page_number_segment(p).casefold() == wanted]
    return found or [p for p in pages if p.identifier == number]


@require_safe
def eli_view(request, legal_type, year, number, version=None):
    """Redirect (302) an ELI to the regulation's page, ``?as_of=`` for a version; a page
    listing the candidates when two public regulations share the identifier; else 404."""
    thai_type = legal_type_for(legal_type)
    year_be = parse_year(year)
    if thai_type is None or year_be is None:
        raise Http404("ไม่พบกฎหมายตามรหัสนี้")
    query = "" if version is None else "?" + urlencode({"as_of": as_of_value(version)})
    found = [(page, page.get_url(request)) for page in find_regulations(thai_type, year_be, number)]
    found = [(page, url + query) for page, url in found if url]
    if not found:
        raise Http404("ไม่พบกฎหมายตามรหัสนี้")
    if len(found) == 1:
        return HttpResponseRedirect(found[0][1])
    context = {"choices": found, "legal_type": thai_type, "year_be": year_be, "number": number, "version": version}
    return render(request, "kb/eli_choices.html", context)
