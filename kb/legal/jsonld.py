"""schema.org JSON-LD for record pages (the ``{% record_jsonld page %}`` tag of
kb.templatetags.legal_markup), one dict per page:

- regulations: ``Legislation`` named by its ELI URI (``@id``, ``legislationIdentifier``),
  with its type, date, legal force, issuer, the instruments it amends or repeals
  (``legislationChanges``) and those it was issued under (``isBasedOn``); shown as a
  consolidated version (``version``), the instruments consolidated into it;
- cabinet resolutions and ethics codes: ``Legislation`` too (the cabinet passed it; the
  regulations a resolution concerns are its ``about``);
- MOUs ``CreativeWork``, news ``NewsArticle``, reports ``Report``, the rest ``WebPage``.

Only pages anyone may see (visible_to_public) are named, wherever they appear: the markup
is on a public page. docs/legal-identifiers.md lists the fields."""

import datetime

from wagtail.models import Page

from ..thai.dates import be_to_ce
from .eli import eli_uri

CONTEXT = "https://schema.org"
IN_FORCE = "https://schema.org/InForce"
NOT_IN_FORCE = "https://schema.org/NotInForce"
JURISDICTION = "TH"
CABINET = "คณะรัฐมนตรี"
RESOLUTION_TYPE = "มติคณะรัฐมนตรี"
ETHICS_CODE_TYPE = "ประมวลจริยธรรม"
MOU_TYPE = "บันทึกความเข้าใจ (MOU)"


def jsonld_for(page, request=None, version=None):
    """The schema.org description of `page` as a dict ready for json.dumps.

    version: for a regulation shown as a consolidated version, ``{"effective": date,
    "consolidates": [the amending RegulationPages consolidated into it], "as_of": the day
    asked for (optional)}`` or an object with those attributes (kb.legal.versions.Version);
    it adds ``legislationDateVersion`` (as_of, else effective), ``legislationConsolidates``
    (the base act first, then the amending instruments anyone may see), ``exampleOfWork``,
    and names the version by its ELI URI."""
    from ..models import RecordPage

    if isinstance(page, Page):
        page = page.specific  # the page itself when it is already of its own class
    if not isinstance(page, RecordPage):
        return _clean(_common(page, request, "WebPage"))
    builder = _BUILDERS.get(page.record_type, _web_page)
    return _clean(builder(page, request, version))


# --- shared parts ------------------------------------------------------------------
def _iso(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return None


def _organisation(name):
    return {"@type": "GovernmentOrganization", "name": name} if name else None


def _page_url(page, request):
    return page.get_full_url(request) if page.pk else None


def _common(page, request, schema_type):
    data = {
        "@context": CONTEXT,
        "@type": schema_type,
        "name": page.title,
        "url": _page_url(page, request),
    }
    if hasattr(page, "identifier"):
        data["identifier"] = page.identifier
        data["inLanguage"] = page.language or "th"
        data["description"] = page.summary or None
        data["publisher"] = _organisation(page.agency)
        data["keywords"] = list(page.subjects.names()) if page.pk else []
    data["dateModified"] = _iso(page.last_published_at)
    return data


def _clean(data):
    """Drop empty values (None, "", []): a property with no value says nothing."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _visible(model, ids):
    """{pk: page} of the pages among `ids` anyone may see."""
    from ..models import visible_to_public

    ids = [pk for pk in ids if pk]
    if not ids:
        return {}
    return {page.pk: page for page in visible_to_public(model.objects.filter(pk__in=ids))}


def _in_order(ids, visible):
    """The visible pages of `ids`, in that order, once each."""
    return [visible[pk] for pk in dict.fromkeys(ids) if pk in visible]


def legislation_ref(page, request=None):
    """A regulation as another page's markup names it: its ELI URI, name and page URL."""
    return _clean(
        {"@type": "Legislation", "@id": eli_uri(page, request), "name": page.title, "url": _page_url(page, request)}
    )


# --- the kinds ---------------------------------------------------------------------
def _legislation(page, request, legislation_type, date, passed_by):
    data = _common(page, request, "Legislation")
    data.update(
        {
            "legislationType": legislation_type,
            "legislationDate": _iso(date),
            "legislationPassedBy": _organisation(passed_by),
            "legislationJurisdiction": JURISDICTION,
        }
    )
    return data


def _regulation(page, request, version):
    from ..models import LegalRelation, RegulationPage

    uri = eli_uri(page, request)
    data = _legislation(page, request, page.legal_type, page.effective_date, page.issuer)
    data["@id"] = uri
    data["legislationIdentifier"] = uri
    data["legislationLegalForce"] = NOT_IN_FORCE if page.status == "repealed" else IN_FORCE

    relations = [r for r in page.legal_relations.all() if r.target_id]
    visible = _visible(RegulationPage, [r.target_id for r in relations])
    changes = [r.target_id for r in relations if r.kind in (LegalRelation.AMENDS, LegalRelation.REPEALS)]
    based_on = [r.target_id for r in relations if r.kind == LegalRelation.ISSUED_UNDER]
    data["legislationChanges"] = [legislation_ref(p, request) for p in _in_order(changes, visible)]
    data["isBasedOn"] = [legislation_ref(p, request) for p in _in_order(based_on, visible)]

    day, consolidates = _version_fields(version)
    if day:
        amending = [getattr(p, "pk", p) for p in consolidates]
        amending_pages = _in_order(amending, _visible(RegulationPage, amending))
        data["@id"] = eli_uri(page, request, version=day)
        data["url"] = _version_url(data.get("url"), day)
        data["legislationDateVersion"] = _iso(day)
        data["exampleOfWork"] = {"@type": "Legislation", "@id": uri}
        data["legislationConsolidates"] = [{"@type": "Legislation", "@id": uri, "name": page.title}] + [
            legislation_ref(p, request) for p in amending_pages if p.pk != page.pk
        ]
    return data


def _version_fields(version):
    """(the version's day, [its consolidated pages]) of a dict or a Version-like object."""
    if not version:
        return None, []

    def get(name):
        return version.get(name) if isinstance(version, dict) else getattr(version, name, None)

    return get("as_of") or get("effective"), list(get("consolidates") or [])


def _version_url(url, effective):
    if not url:
        return url
    return f"{url}{'&' if '?' in url else '?'}as_of={_iso(effective)}"


def _cabinet_resolution(page, request, version):
    from ..models import RegulationPage

    data = _legislation(page, request, RESOLUTION_TYPE, page.meeting_date, CABINET)
    ids = [link.regulation_id for link in page.regulation_links.all()]
    data["about"] = [legislation_ref(p, request) for p in _in_order(ids, _visible(RegulationPage, ids))]
    return data


def _ethics_code(page, request, version):
    return _legislation(page, request, ETHICS_CODE_TYPE, page.effective_date, page.issuer)


def _mou(page, request, version):
    data = _common(page, request, "CreativeWork")
    data["additionalType"] = MOU_TYPE
    data["dateCreated"] = _iso(page.signed_date)
    data["expires"] = _iso(page.expiry_date)
    data["contributor"] = [{"@type": "Organization", "name": party} for party in page.party_list]
    data["spatialCoverage"] = [{"@type": "Country", "name": country} for country in page.country_list]
    return data


def _news(page, request, version):
    data = _common(page, request, "NewsArticle")
    data["headline"] = page.title
    data["datePublished"] = _iso(page.date) or _iso(page.first_published_at)
    return data


def _report(page, request, version):
    data = _common(page, request, "Report")
    data["datePublished"] = _iso(page.date)
    if page.fiscal_year_be:  # B.E. fiscal year N: 1 October (N-1) to 30 September N
        end = be_to_ce(page.fiscal_year_be)
        data["temporalCoverage"] = f"{end - 1}-10-01/{end}-09-30"
    return data


def _project(page, request, version):
    data = _common(page, request, "WebPage")
    start, end = page.start_year_be, page.end_year_be
    if start or end:
        data["temporalCoverage"] = "/".join(str(be_to_ce(y)) if y else ".." for y in (start, end))
    return data


def _web_page(page, request, version):
    return _common(page, request, "WebPage")


_BUILDERS = {
    "regulation": _regulation,
    "cabinet_resolution": _cabinet_resolution,
    "ethics_code": _ethics_code,
    "mou": _mou,
    "news": _news,
    "report": _report,
    "project": _project,
}
