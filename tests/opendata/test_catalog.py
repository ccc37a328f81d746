"""The DCAT-AP catalogue (kb.opendata.catalog): JSON-LD that parses, one dataset per kind
with its JSONL and CSV distributions, whose download URLs answer with the declared media
type and byte size; the Turtle form carries the same datasets."""

import json
import re
from urllib.parse import urlparse

import pytest

from kb.labels import TYPE_LABELS
from kb.opendata import catalog
from kb.opendata.export import count_records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def opendata_dir(settings, tmp_path):
    settings.KB_OPENDATA_DIR = tmp_path / "opendata"


@pytest.fixture
def graph(client):
    response = client.get("/opendata/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return json.loads(response.content)


def text(value):
    return value["@value"] if isinstance(value, dict) else value


def test_catalog(graph):
    context = graph["@context"]
    assert context["dcat"] == "http://www.w3.org/ns/dcat#"
    assert context["dct"] == "http://purl.org/dc/terms/"
    assert context["dgt"].endswith("/opendata/#dgt-")
    assert graph["@type"] == "dcat:Catalog"
    assert graph["@id"].endswith("/opendata/catalog.jsonld")
    assert graph["dct:title"]["@language"] == "th"
    assert "ข้อมูลเปิด" in text(graph["dct:title"])
    assert text(graph["dct:publisher"]["foaf:name"]) == "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
    assert graph["dct:publisher"]["@type"] == "foaf:Organization"
    assert graph["dct:license"] == {"@id": catalog.LICENSE_URL}
    assert graph["foaf:homepage"]["@id"].endswith("/opendata/")
    assert graph["dct:language"]["@id"].endswith("/language/THA")

    datasets = {d["dct:identifier"]: d for d in graph["dcat:dataset"]}
    assert list(datasets) == list(TYPE_LABELS)
    for kind, dataset in datasets.items():
        assert dataset["@type"] == "dcat:Dataset"
        assert text(dataset["dct:title"]) == TYPE_LABELS[kind]
        assert text(dataset["dct:description"])
        assert dataset["dcat:keyword"] and all(k["@language"] == "th" for k in dataset["dcat:keyword"])
        assert dataset["dcat:theme"]
        assert dataset["dct:publisher"] == {"@id": graph["dct:publisher"]["@id"]}
        assert dataset["dct:accrualPeriodicity"]["@id"].startswith("http")
        assert dataset["dcat:landingPage"]["@id"].endswith("/opendata/")
        assert dataset["dct:modified"]["@type"] == "xsd:dateTime"
        assert dataset["dgt:dataCategory"]
        if count_records(kind):
            assert dataset["dct:issued"]["@value"] <= dataset["dct:modified"]["@value"]
        assert [d["dct:format"] for d in dataset["dcat:distribution"]][0] == "JSONL"


def test_distributions_answer_with_declared_type_and_size(client, graph):
    distributions = [d for dataset in graph["dcat:dataset"] for d in dataset["dcat:distribution"]]
    assert len(distributions) == 2 * len(TYPE_LABELS)
    for distribution in distributions:
        assert distribution["@type"] == "dcat:Distribution"
        assert distribution["dct:license"] == {"@id": catalog.LICENSE_URL}
        url = distribution["dcat:downloadURL"]["@id"]
        assert url.startswith("http")
        response = client.get(urlparse(url).path)
        assert response.status_code == 200, url
        assert response["Content-Type"].split(";")[0] == distribution["dcat:mediaType"]
        body = b"".join(response.streaming_content)
        assert distribution["dcat:byteSize"] == len(body)
        assert distribution["spdx:checksum"]["spdx:checksumValue"] == response["ETag"].strip('"')


def test_terms_are_defined_on_the_page(client, graph):
    html = client.get("/opendata/").content.decode()
    used = {key for dataset in graph["dcat:dataset"] for key in dataset if key.startswith("dgt:")}
    assert used == {f"dgt:{term}" for term in catalog.DGT_TERMS}
    for key in used:
        assert f'id="dgt-{key.removeprefix("dgt:")}"' in html
    for dataset in graph["dcat:dataset"]:  # dataset and distribution ids are anchors of the page
        assert f'id="{dataset["@id"].split("#")[1]}"' in html
        for distribution in dataset["dcat:distribution"]:
            assert f'id="{distribution["@id"].split("#")[1]}"' in html


def test_jsonld_expands_when_a_processor_is_installed(graph):
    pyld = pytest.importorskip("pyld")
    expanded = pyld.jsonld.expand(graph)
    assert expanded[0]["@type"] == ["http://www.w3.org/ns/dcat#Catalog"]


def test_turtle(client, graph):
    response = client.get("/opendata/catalog.ttl")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    ttl = response.content.decode()
    assert "@prefix dcat: <http://www.w3.org/ns/dcat#> ." in ttl
    assert ttl.count("a dcat:Dataset") == len(TYPE_LABELS)
    assert ttl.count("a dcat:Distribution") == 2 * len(TYPE_LABELS)
    assert f'dct:title "{TYPE_LABELS["regulation"]}"@th' in ttl
    assert re.search(r"dcat:byteSize \d+", ttl)
    try:
        import rdflib
    except ImportError:
        return
    parsed = rdflib.Graph().parse(data=ttl, format="turtle")
    assert len(parsed) > 100
