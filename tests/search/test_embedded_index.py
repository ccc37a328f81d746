"""Embedded-only behaviour of the index file (the shared contract is in tests/search/contract):
readers keep the old file through a rebuild; an index of an older document shape answers
until rebuilt."""

import sqlite3

import pytest
from django.core.management import call_command

from search.backends import get_index
from search.query import SearchQuery

pytestmark = pytest.mark.django_db


def found(client, q):
    return {r["identifier"] for r in client.get("/api/search/", {"q": q}).json()["results"]}


def test_rebuild_keeps_answering_until_swap(client):
    """A reader holding the old file keeps its answers while the new one is built."""
    index = get_index()
    reader = sqlite3.connect(index.path)
    old_count = reader.execute("SELECT count(*) FROM docs").fetchone()[0]
    call_command("search_index", "rebuild", verbosity=0)
    assert reader.execute("SELECT count(*) FROM docs").fetchone()[0] == old_count
    reader.close()
    assert found(client, "ครม.")


def make_old_shape(path):
    """The file as the previous version wrote it: schema 3, no date_label/date_attr
    columns, no document_version."""
    with sqlite3.connect(path) as connection:
        connection.execute("ALTER TABLE docs DROP COLUMN date_label")
        connection.execute("ALTER TABLE docs DROP COLUMN date_attr")
        connection.execute("UPDATE index_meta SET value = '3' WHERE key = 'schema_version'")
        connection.execute("DELETE FROM index_meta WHERE key = 'document_version'")
    connection.close()


def test_old_document_shape_answers_until_rebuilt(client, capsys):
    index = get_index()
    make_old_shape(index.path)
    hit = index.search(SearchQuery.from_params({"q": "ครม. รับทราบ"})).hits[0]
    assert hit.identifier == "cr-2567-07-09-adgmin4" and hit.date == "2024-07-09"
    assert hit.date_label == "" and hit.date_attr == ""
    # The page falls back to the ISO date, shown as a Thai date.
    html = client.get("/search/", {"q": "ครม. รับทราบ"}).content.decode()
    assert '<time datetime="2024-07-09">9 กรกฎาคม 2567</time>' in html
    status = index.status()
    assert status["rebuild_due"] and status["document_version"] is None
    call_command("search_index", "status")
    assert "ต้องสร้างดัชนีใหม่" in capsys.readouterr().out
    call_command("search_index", "rebuild", verbosity=0)
    assert not index.status()["rebuild_due"]
    hit = index.search(SearchQuery.from_params({"q": "ครม. รับทราบ"})).hits[0]
    assert hit.date_label == "9 กรกฎาคม 2567" and hit.date_attr == "2024-07-09"


def test_year_only_record_shows_the_year_not_a_made_up_day(client, on_commit):
    from tests.builders import make_record

    on_commit(make_record, identifier="year-only-1", type="regulation", body="ควอนตัมปีเดียว", year_be=2562)
    hit = next(
        h
        for h in get_index().search(SearchQuery.from_params({"q": "ควอนตัมปีเดียว"})).hits
        if h.identifier == "year-only-1"
    )
    assert hit.date_label == "พ.ศ. 2562" and hit.date_attr == "2019"
