"""Elasticsearch-only behaviour of the files (the shared contract is in
tests/search/contract/test_attachments.py): how they are mapped, and an index of document
version 2 (no `files`, no `terms.files`), which answers, takes new documents and says a
rebuild is due."""

import pytest
from elasticsearch.dsl import Index

from search.analysis import ANALYSIS_VERSION
from search.backends import get_index
from search.backends.elastic import ADMIN_TIMEOUT
from search.backends.elastic_query import record_mapping, source_for
from search.query import SearchQuery
from tests.search.file_documents import BODY_WORD, FILE_WORD, WITH_FILE, document

pytestmark = pytest.mark.django_db


def test_files_are_kept_not_indexed(es_settings):
    properties = record_mapping().to_dict()["properties"]
    assert properties["files"] == {"type": "object", "enabled": False}
    assert properties["terms"]["properties"]["files"]["analyzer"] == "kb_terms"
    source = source_for(WITH_FILE)
    assert source["files"] == WITH_FILE.files and FILE_WORD in source["terms"]["files"].split()
    index = get_index()
    index.index(WITH_FILE)
    stored = index.client.get(index=index.alias, id=str(WITH_FILE.page_id))["_source"]
    assert stored["files"] == WITH_FILE.files


def make_version_2_index(index, docs):
    """The live index as document version 2 built it: no files anywhere."""
    name = f"{index.alias}-20250101000000000000"
    definition = Index(name)
    definition.mapping(record_mapping())
    body = definition.to_dict()  # the mapping and the analyzer it names
    mapping = body["mappings"]
    del mapping["properties"]["files"]
    del mapping["properties"]["terms"]["properties"]["files"]
    mapping["_meta"] = {
        "analysis_version": ANALYSIS_VERSION,
        "document_version": "2",
        "built_at": "2025-01-01T00:00:00+00:00",
    }
    client = index.client.options(request_timeout=ADMIN_TIMEOUT)
    client.indices.create(index=name, mappings=mapping, settings={**body["settings"], "number_of_shards": 1})
    for doc in docs:
        source = source_for(doc)
        del source["files"]
        del source["terms"]["files"]
        client.index(index=name, id=str(doc.page_id), document=source, refresh=True)
    client.indices.update_aliases(actions=[{"add": {"index": name, "alias": index.alias}}])
    return name


def test_a_version_2_index_answers_takes_files_and_wants_a_rebuild(es_settings, client):
    index = get_index()
    old = document(900041, "files-es-old", f"เอกสารเก่า{BODY_WORD}")
    make_version_2_index(index, [old])
    status = index.status()
    assert status["rebuild_due"] and status["document_version"] == "2"
    hits = index.search(SearchQuery.from_params({"q": BODY_WORD})).hits
    assert [h.identifier for h in hits] == ["files-es-old"] and hits[0].attachment is None
    # A document with files goes into the old index without an error (the fields it lacks
    # are added as the cluster sees fit until the rebuild), and answers.
    index.index(WITH_FILE)
    index.index_many([document(900042, "files-es-new", BODY_WORD, files=[])])
    data = client.get("/api/search/", {"q": BODY_WORD}).json()
    assert {r["identifier"] for r in data["results"]} == {"files-es-old", "files-1", "files-es-new"}
    assert all(r["attachment"] is None for r in data["results"])
    # The rebuild makes the index current: the file's word finds the record, and says where.
    assert index.rebuild([old, WITH_FILE]) == 2
    assert not index.status()["rebuild_due"]
    (hit,) = client.get("/api/search/", {"q": FILE_WORD}).json()["results"]
    assert hit["identifier"] == "files-1" and hit["attachment"]["page"] == 2
