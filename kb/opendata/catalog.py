"""The open data catalogue in DCAT-AP, for harvesters (data.go.th's CKAN, the EU data
portal…): one dcat:Catalog, one dcat:Dataset per record kind, each with two
dcat:Distribution (JSONL, CSV) whose sizes and dates come from the files' manifests
(kb.opendata.files). catalog_graph() builds it as JSON-LD; to_turtle() writes the same
graph as Turtle (a small serialiser of exactly the shapes built here, not a general one).

Besides DCAT and Dublin Core, a few fields of data.go.th's CKAN schema (objective,
data_category, …) are given in the site's own namespace `dgt:` = <site>/opendata/#dgt-,
each term defined on the /opendata/ page at that anchor (templates/kb/opendata.html)."""

import json

from django.urls import reverse
from wagtail.models import Site

from kb.labels import TYPE_LABELS

from . import files

#: The licence of every dataset: the DGA Open Government License (ข้อกำหนดและเงื่อนไข
#: การอนุญาตให้ใช้ข้อมูลภาครัฐแบบเปิดของ สพร.), data.go.th's licence for open government
#: data. A constant, not a setting: the ministry may choose another licence, and then
#: changes it here (and the sentence on the /opendata/ page).
LICENSE_URL = "https://www.data.go.th/pages/dga-open-government-license"
LICENSE_NAME = "ข้อกำหนดและเงื่อนไขการอนุญาตให้ใช้ข้อมูลภาครัฐแบบเปิดของ สพร. (DGA Open Government License)"
MINISTRY = "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
DEFAULT_SITE_NAME = "คลังข้อมูลระเบียบและมติ กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
CATALOG_DESCRIPTION = (
    "ข้อมูลเปิดภาครัฐจากคลังข้อมูลระเบียบและมติของกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม: "
    "กฎหมายและระเบียบ มติคณะรัฐมนตรี บันทึกความเข้าใจ ประมวลจริยธรรม ข่าว รายงาน โครงการ "
    "และหน้าเนื้อหา เฉพาะเอกสารที่เผยแพร่ต่อสาธารณะ ดาวน์โหลดได้เป็น JSONL และ CSV"
)
DESCRIPTIONS = {
    "regulation": "กฎหมาย ระเบียบ ประกาศ และคำสั่งที่เผยแพร่ พร้อมประเภท เลขที่ ปี พ.ศ. วันที่มีผลใช้บังคับ "
    "สถานะทางกฎหมาย และความสัมพันธ์การแก้ไขเพิ่มเติม/ยกเลิก",
    "ethics_code": "ประมวลจริยธรรมและข้อกำหนดทางจริยธรรมของหน่วยงาน",
    "mou": "บันทึกความเข้าใจ (MOU) ระหว่างประเทศและระหว่างหน่วยงาน พร้อมคู่ภาคี ประเทศ และวันที่ลงนาม",
    "cabinet_resolution": "มติคณะรัฐมนตรีที่เกี่ยวข้องกับกระทรวง พร้อมวันที่ประชุม ผลการพิจารณา หน่วยงานที่เสนอ และกฎหมายที่เกี่ยวข้อง",
    "news": "ข่าวประชาสัมพันธ์ของกระทรวง",
    "report": "รายงานประจำปีและรายงานอื่นของกระทรวง",
    "project": "โครงการของกระทรวง",
    "page": "หน้าเนื้อหาของเว็บไซต์ เช่น ศูนย์จริยธรรม ขั้นตอนการร้องเรียน",
}
KEYWORDS = {
    "regulation": ["กฎหมาย", "ระเบียบ", "ประกาศ", "พระราชบัญญัติ"],
    "ethics_code": ["ประมวลจริยธรรม", "จริยธรรม", "ธรรมาภิบาล"],
    "mou": ["บันทึกความเข้าใจ", "MOU", "ความร่วมมือระหว่างประเทศ"],
    "cabinet_resolution": ["มติคณะรัฐมนตรี", "มติ ครม.", "คณะรัฐมนตรี"],
    "news": ["ข่าว", "ข่าวประชาสัมพันธ์"],
    "report": ["รายงาน", "รายงานประจำปี"],
    "project": ["โครงการ"],
    "page": ["หน้าเนื้อหา", "ศูนย์จริยธรรม"],
}
_COMMON_KEYWORDS = ["กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "ข้อมูลเปิดภาครัฐ"]
_EU = "http://publications.europa.eu/resource/authority/"
THEME_GOVERNMENT = _EU + "data-theme/GOVE"  # Government and public sector
THEME_JUSTICE = _EU + "data-theme/JUST"  # Justice, legal system and public safety
THEMES = {"regulation": [THEME_JUSTICE, THEME_GOVERNMENT], "ethics_code": [THEME_JUSTICE, THEME_GOVERNMENT]}
FREQUENCY = _EU + "frequency/UPDATE_CONT"  # rebuilt whenever a record is published or withdrawn
LANGUAGE = _EU + "language/THA"
FILE_TYPES = {"csv": _EU + "file-type/CSV"}  # JSONL has no entry in the EU file-type list: dct:format is text

#: The data.go.th (CKAN) fields given as dgt: terms, and their Thai definitions (the
#: /opendata/ page shows them at #dgt-<term>).
DGT_TERMS = {
    "objective": "วัตถุประสงค์ของชุดข้อมูล (objective ในแบบฟอร์มชุดข้อมูลของ data.go.th)",
    "dataCategory": "หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ (data_category ของ data.go.th)",
    "classification": "ชั้นความลับของข้อมูล (การจัดชั้นข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ)",
    "updateFrequency": "ความถี่ในการปรับปรุงข้อมูล (update_frequency ของ data.go.th) เป็นข้อความ",
}
OBJECTIVE = "เพื่อเปิดเผยข้อมูลข่าวสารของราชการต่อสาธารณะ ให้ประชาชนและหน่วยงานนำไปใช้ต่อได้"
UPDATE_FREQUENCY = "ปรับปรุงทุกครั้งที่มีการเผยแพร่ แก้ไข หรือถอนเอกสาร"


def site_root(request):
    """The site's root URL without the trailing slash: the configured root_url of the
    request's site (so identifiers do not follow the Host a client used), else the
    request's own host."""
    site = Site.find_for_request(request)
    root = site.root_url if site else ""
    return (root or request.build_absolute_uri("/")).rstrip("/")


def site_name(request):
    site = Site.find_for_request(request)
    return (site.site_name if site else "") or DEFAULT_SITE_NAME


def th(text):
    return {"@value": text, "@language": "th"}


def iri(value):
    return {"@id": value}


def when(value):
    return {"@value": value, "@type": "xsd:dateTime"}


def download_url(root, kind, fmt):
    return root + reverse("opendata_download_" + fmt, kwargs={"kind": kind})


def context(root):
    return {
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "vcard": "http://www.w3.org/2006/vcard/ns#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "dgt": root + reverse("opendata") + "#dgt-",
    }


def publisher(root):
    return {
        "@id": root + "/#publisher",
        "@type": "foaf:Organization",
        "foaf:name": th(MINISTRY),
        "foaf:homepage": iri(root + "/"),
    }


def _distribution(root, kind, fmt, manifest):
    file, spec = manifest["files"][fmt], files.FORMATS[fmt]
    url = download_url(root, kind, fmt)
    node = {
        "@id": f"{root}{reverse('opendata')}#{kind}-{fmt}",
        "@type": "dcat:Distribution",
        "dct:title": th(f"{TYPE_LABELS[kind]} ({spec.label})"),
        "dcat:accessURL": iri(root + reverse("opendata")),
        "dcat:downloadURL": iri(url),
        "dcat:mediaType": spec.media_type,
        "dct:format": iri(FILE_TYPES[fmt]) if fmt in FILE_TYPES else spec.label,
        "dcat:byteSize": file["bytes"],
        "dct:modified": when(manifest["generated_at"]),
        "dct:license": iri(LICENSE_URL),
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": iri("http://spdx.org/rdf/terms#checksumAlgorithm_sha256"),
            "spdx:checksumValue": file["sha256"],
        },
    }
    if fmt == "csv":
        node["dct:description"] = th("UTF-8 มี BOM หัวคอลัมน์ภาษาไทย วันที่ ค.ศ. (ISO) และคอลัมน์ พ.ศ. คู่กัน")
    else:
        node["dct:description"] = th("JSON Lines หนึ่งเอกสารต่อบรรทัด รูปแบบเดียวกับที่ import_records นำเข้าได้")
    return node


def _dataset(root, kind, manifest, first_published):
    label = TYPE_LABELS[kind]
    node = {
        "@id": f"{root}{reverse('opendata')}#dataset-{kind}",
        "@type": "dcat:Dataset",
        "dct:identifier": kind,
        "dct:title": th(label),
        "dct:description": th(DESCRIPTIONS[kind]),
        "dcat:keyword": [th(word) for word in KEYWORDS[kind] + _COMMON_KEYWORDS],
        "dcat:theme": [iri(theme) for theme in THEMES.get(kind, [THEME_GOVERNMENT])],
        "dct:publisher": iri(root + "/#publisher"),
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": th(MINISTRY),
            "vcard:hasURL": iri(root + "/"),
        },
        "dct:language": iri(LANGUAGE),
        "dct:accrualPeriodicity": iri(FREQUENCY),
        "dct:license": iri(LICENSE_URL),
        "dcat:landingPage": iri(root + reverse("opendata")),
        "dgt:objective": th(OBJECTIVE),
        "dgt:dataCategory": th("ข้อมูลสาธารณะ"),
        "dgt:classification": th("เปิดเผย (public)"),
        "dgt:updateFrequency": th(UPDATE_FREQUENCY),
        "dcat:distribution": [_distribution(root, kind, fmt, manifest) for fmt in files.FORMATS],
    }
    if first_published:
        node["dct:issued"] = when(first_published)
    node["dct:modified"] = when(manifest["last_change"] or manifest["generated_at"])
    return node


def _first_published():
    """{kind: ISO time of the first publication among its exported records}."""
    from django.db.models import Min
    from django.utils import timezone

    from kb.models import RECORD_MODELS, published_records

    out = {}
    for kind, model in RECORD_MODELS.items():
        first = published_records(model).aggregate(first=Min("first_published_at"))["first"]
        out[kind] = timezone.localtime(first).isoformat() if first else None
    return out


def catalog_graph(request):
    """The catalogue as a JSON-LD document (a dict)."""
    root = site_root(request)
    manifests = files.manifests()
    first = _first_published()
    changes = [m["last_change"] for m in manifests.values() if m["last_change"]]
    catalog = {
        "@context": {**context(root), "spdx": "http://spdx.org/rdf/terms#"},
        "@id": root + reverse("opendata_catalog"),
        "@type": "dcat:Catalog",
        "dct:title": th(f"ข้อมูลเปิด {site_name(request)}"),
        "dct:description": th(CATALOG_DESCRIPTION),
        "dct:publisher": publisher(root),
        "foaf:homepage": iri(root + reverse("opendata")),
        "dct:language": iri(LANGUAGE),
        "dct:license": iri(LICENSE_URL),
        "dcat:themeTaxonomy": iri(_EU + "data-theme"),
    }
    if changes:
        catalog["dct:modified"] = when(max(changes))
    catalog["dcat:dataset"] = [_dataset(root, kind, manifests[kind], first.get(kind)) for kind in manifests]
    return catalog


def to_json(graph):
    return json.dumps(graph, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- Turtle
def _string(text):
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _term(name, prefixes):
    """A compact name (dct:title) stays compact when its prefix is declared; else <iri>."""
    prefix, _, local = name.partition(":")
    if prefix in prefixes and local and "/" not in local and "#" not in local:
        return name
    return f"<{name}>"


class _Turtle:
    def __init__(self, prefixes):
        self.prefixes, self.blocks, self.blank = prefixes, [], 0

    def subject(self, node):
        if "@id" in node:
            return f"<{node['@id']}>"
        self.blank += 1
        return f"_:b{self.blank}"

    def value(self, value):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, str):
            return _string(value)
        if "@value" in value:
            if "@language" in value:
                return f"{_string(value['@value'])}@{value['@language']}"
            return f"{_string(value['@value'])}^^{_term(value['@type'], self.prefixes)}"
        if set(value) == {"@id"}:
            return f"<{value['@id']}>"
        return self.node(value)  # a nested node: written as its own block, referenced here

    def node(self, node):
        subject = self.subject(node)
        at = len(self.blocks)
        self.blocks.append("")  # its place: a node before the nodes it holds
        lines = []
        if "@type" in node:
            lines.append(f"a {_term(node['@type'], self.prefixes)}")
        for key, values in node.items():
            if key.startswith("@"):
                continue
            values = values if isinstance(values, list) else [values]
            lines.append(f"{_term(key, self.prefixes)} " + ",\n        ".join(self.value(v) for v in values))
        self.blocks[at] = f"{subject}\n    " + " ;\n    ".join(lines) + " ."
        return subject


def to_turtle(graph):
    """The JSON-LD document of catalog_graph() as Turtle (same triples)."""
    prefixes = {name: value for name, value in graph["@context"].items() if isinstance(value, str)}
    writer = _Turtle(prefixes)
    writer.node({k: v for k, v in graph.items() if k != "@context"})
    head = "".join(f"@prefix {name}: <{value}> .\n" for name, value in prefixes.items())
    return head + "\n" + "\n\n".join(writer.blocks) + "\n"
