"""/opendata/ (the Thai page listing the downloads), /opendata/<kind>.jsonl and .csv (the
files of kb.opendata.files, streamed, with ETag/Last-Modified and 304s), and the DCAT-AP
catalogue /opendata/catalog.jsonld and /opendata/catalog.ttl (kb.opendata.catalog).
Nothing is built per request: the files are read as they are, built once only if missing."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from kb.labels import TYPE_LABELS
from kb.models import RECORD_MODELS
from kb.templatetags.legal_markup import jsonld_script
from kb.thai.dates import format_thai_date

from . import catalog, files

CACHE_SECONDS = 300


def _conditional(request, manifest, etag_source):
    etag = f'"{etag_source}"'
    generated = files.parse_time(manifest.get("generated_at"))
    last_modified = int(generated.timestamp()) if generated else None
    return etag, last_modified, get_conditional_response(request, etag=etag, last_modified=last_modified)


def _headers(response, etag, last_modified):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


@require_safe
def download(request, kind, fmt):
    if kind not in RECORD_MODELS:
        raise Http404(f"ไม่มีประเภทเอกสาร {kind} (unknown record kind)")
    manifest = files.ensure(kind)
    file = manifest["files"][fmt]
    etag, last_modified, not_modified = _conditional(request, manifest, file["sha256"])
    if not_modified is not None:
        return _headers(not_modified, etag, last_modified)
    response = FileResponse(
        open(files.file_path(kind, fmt), "rb"),  # FileResponse closes it
        as_attachment=True,
        filename=file["name"],
        content_type=f"{files.FORMATS[fmt].media_type}; charset=utf-8",
    )
    return _headers(response, etag, last_modified)


@require_safe
def catalog_view(request, fmt="jsonld"):
    graph = catalog.catalog_graph(request)
    if fmt == "ttl":
        body, content_type = catalog.to_turtle(graph), "text/turtle; charset=utf-8"
    else:
        body, content_type = catalog.to_json(graph), "application/ld+json; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"  # harvesters and browser tools may read it
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def _schema_org(request, rows):
    """schema.org DataCatalog of the page (search engines' dataset search)."""
    root = catalog.site_root(request)
    ministry = {"@type": "GovernmentOrganization", "@id": root + "/#publisher", "name": catalog.MINISTRY}
    ministry["url"] = root + "/"
    datasets = []
    for row in rows:
        dataset = {
            "@type": "Dataset",
            "@id": f"{root}{reverse('opendata')}#dataset-{row['kind']}",
            "name": row["label"],
            "description": catalog.DESCRIPTIONS[row["kind"]],
            "keywords": catalog.KEYWORDS[row["kind"]],
            "inLanguage": "th",
            "license": catalog.LICENSE_URL,
            "isAccessibleForFree": True,
            "creator": {"@id": ministry["@id"]},
            "publisher": {"@id": ministry["@id"]},
            "url": f"{root}{reverse('opendata')}#dataset-{row['kind']}",
            "distribution": [
                {
                    "@type": "DataDownload",
                    "contentUrl": root + d["url"],
                    "encodingFormat": d["media_type"],
                    "contentSize": f"{d['bytes']} B",
                }
                for d in row["downloads"]
            ],
        }
        if row["last_change"]:
            dataset["dateModified"] = row["last_change"]
        datasets.append(dataset)
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "@id": root + reverse("opendata_catalog"),
        "name": f"ข้อมูลเปิด {catalog.site_name(request)}",
        "description": catalog.CATALOG_DESCRIPTION,
        "url": root + reverse("opendata"),
        "inLanguage": "th",
        "license": catalog.LICENSE_URL,
        "publisher": ministry,
        "dataset": datasets,
    }


@require_safe
def opendata_page(request):
    rows = []
    for kind, manifest in files.manifests().items():
        downloads = [
            {
                "format": spec.label,
                "media_type": spec.media_type,
                "url": reverse("opendata_download_" + fmt, kwargs={"kind": kind}),
                "bytes": manifest["files"][fmt]["bytes"],
            }
            for fmt, spec in files.FORMATS.items()
        ]
        rows.append(
            {
                "kind": kind,
                "label": TYPE_LABELS[kind],
                "records": manifest["records"],
                "last_change": manifest["last_change"],
                "last_change_label": format_thai_date(manifest["last_change"]) if manifest["last_change"] else "",
                "downloads": downloads,
                "api_url": f"/api/v2/pages/?kind={kind}",
            }
        )
    context = {
        "rows": rows,
        "total": sum(row["records"] for row in rows),
        "schema_org": jsonld_script(_schema_org(request, rows)),
        "license_url": catalog.LICENSE_URL,
        "license_name": catalog.LICENSE_NAME,
        "dgt_terms": catalog.DGT_TERMS,
        "catalog_url": reverse("opendata_catalog"),
        "catalog_ttl_url": reverse("opendata_catalog_ttl"),
    }
    return render(request, "kb/opendata.html", context)
