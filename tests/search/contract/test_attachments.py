"""The text of a record's attached files is searchable on every backend, weighted below
the record's own title and body, and a hit found through a file says which file and page
(the API's `attachment`, the search page's "พบในไฟล์แนบ"). The documents are built here
(SearchDocument.files), whatever the records app attaches."""

import json
import sqlite3

import pytest

from search.backends.embedded import EmbeddedIndex
from search.backends.embedded.schema import SCHEMA_VERSION
from search.documents import DOCUMENT_VERSION
from search.plan import analyse
from search.query import SearchQuery
from tests.search.file_documents import BODY_WORD, FILE_WORD, WITH_FILE, annex, document

pytestmark = pytest.mark.django_db


def api(client, q):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200, response.content
    return response.json()


def by_identifier(data):
    return {r["identifier"]: r for r in data["results"]}


def test_a_word_only_in_a_file_finds_the_record_and_says_where(client, writable_backend):
    writable_backend.index_many([WITH_FILE])
    data = api(client, FILE_WORD)
    assert [r["identifier"] for r in data["results"]] == ["files-1"]
    hit = data["results"][0]
    assert hit["attachment"] == {"title": "ภาคผนวก ก", "url": "/documents/7/annex.pdf", "page": 2}
    assert f"<mark>{FILE_WORD}</mark>" in hit["snippet"] and "หน้าที่สอง" in hit["snippet"]
    assert "ประกาศฉบับนี้" not in hit["snippet"]  # the page's text, not the body
    # The search page says so above the snippet, linking the page of the file.
    html = client.get("/search/", {"q": FILE_WORD}).content.decode()
    assert 'พบในไฟล์แนบ: <a href="/documents/7/annex.pdf#page=2">ภาคผนวก ก</a> หน้า 2' in html
    assert html.index("พบในไฟล์แนบ") < html.index(f"<mark>{FILE_WORD}</mark>")


def test_a_word_in_the_body_has_no_attachment(client, writable_backend):
    writable_backend.index_many([WITH_FILE])
    hit = by_identifier(api(client, BODY_WORD))["files-1"]
    assert hit["attachment"] is None
    assert f"<mark>{BODY_WORD}</mark>" in hit["snippet"] and "ประกาศฉบับนี้" in hit["snippet"]
    assert "พบในไฟล์แนบ" not in client.get("/search/", {"q": BODY_WORD}).content.decode()


def test_words_split_between_body_and_file(client, writable_backend):
    """Every word is in the record, one of them only in its file: a full match, found there."""
    writable_backend.index_many([WITH_FILE])
    data = api(client, f"{BODY_WORD} {FILE_WORD}")
    assert data["matched_all"] == 1
    hit = data["results"][0]
    assert hit["identifier"] == "files-1" and hit["attachment"]["page"] == 2
    assert f"<mark>{FILE_WORD}</mark>" in hit["snippet"]


def test_files_count_less_than_the_body(client, writable_backend):
    filler = "ข้อความประกอบการทดสอบการจัดอันดับ"
    in_file = document(900011, "files-rank-file", filler, files=[annex(pages=[(1, f"{filler} วัสดุ{FILE_WORD}")])])
    # As long as the other (FTS5's BM25 counts a row's length over all its columns).
    in_body = document(900012, "files-rank-body", f"{filler} {filler} วัสดุ{FILE_WORD}")
    writable_backend.index_many([in_file, in_body])  # the file's record first: index order is no help
    results = api(client, FILE_WORD)["results"]
    assert [r["identifier"] for r in results] == ["files-rank-body", "files-rank-file"]
    assert results[0]["attachment"] is None and results[1]["attachment"]["page"] == 1


def test_every_result_has_the_attachment_key(client, backend):
    data = api(client, "ครม. รับทราบ")
    assert data["results"] and all("attachment" in r for r in data["results"])
    assert all(r["attachment"] is None for r in data["results"])  # the demo records attach no files
    first = data["results"][0]
    assert set(first) >= {"identifier", "title", "type", "url", "date", "snippet", "status", "attachment"}


def test_no_files_or_empty_pages(client, writable_backend):
    empty = document(900021, "files-empty", f"ไม่มีไฟล์แนบ {BODY_WORD}", files=[])
    blank = document(
        900022,
        "files-blank",
        f"ไฟล์แนบว่าง {BODY_WORD}",
        files=[{"title": "สแกน", "url": "/documents/9/scan.pdf", "pages": []}, annex(pages=[(1, "")])],
    )
    writable_backend.index_many([empty, blank])
    found = by_identifier(api(client, BODY_WORD))
    assert found["files-empty"]["attachment"] is None and found["files-blank"]["attachment"] is None
    assert not api(client, FILE_WORD)["results"]
    writable_backend.index(document(900021, "files-empty", "ไม่มีไฟล์แนบ"))  # an update without files
    assert "files-empty" not in by_identifier(api(client, BODY_WORD))


def test_a_file_removed_from_a_record_no_longer_finds_it(client, writable_backend):
    writable_backend.index_many([WITH_FILE])
    assert by_identifier(api(client, FILE_WORD))
    writable_backend.index(document(900001, "files-1", WITH_FILE.body))
    assert not api(client, FILE_WORD)["results"]
    writable_backend.remove(900001)
    assert "files-1" not in by_identifier(api(client, BODY_WORD))


def test_rebuild_keeps_the_files(client, writable_backend):
    from search.documents import document_for, indexable_pages

    docs = [document_for(page) for page in indexable_pages()]
    assert writable_backend.rebuild([*docs, WITH_FILE]) == len(docs) + 1
    assert not writable_backend.status()["rebuild_due"]
    assert by_identifier(api(client, FILE_WORD))["files-1"]["attachment"]["page"] == 2


# ---------------------------------------------------------------------- embedded: schema 4 files
V4_SCHEMA = """
CREATE TABLE docs (
    rowid INTEGER PRIMARY KEY,
    page_id INTEGER UNIQUE NOT NULL,
    identifier TEXT, title TEXT, type TEXT, type_label TEXT, url TEXT, date TEXT,
    year INTEGER, agency TEXT, status TEXT, status_label TEXT, body TEXT, meta TEXT,
    date_label TEXT, date_attr TEXT
);
CREATE INDEX docs_type ON docs(type);
CREATE INDEX docs_year ON docs(year);
CREATE INDEX docs_date ON docs(date);
CREATE VIRTUAL TABLE fts USING fts5(identifier, title, meta, body, title_x, body_x, tokenize='ascii');
CREATE TABLE index_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE combos (id INTEGER PRIMARY KEY, type TEXT, year INTEGER, agency TEXT, status TEXT);
CREATE INDEX combos_values ON combos(type, year, agency, status);
CREATE TABLE attrs (id INTEGER PRIMARY KEY, combo INTEGER NOT NULL, date TEXT);
"""


def write_v4_file(path, docs):
    """An index file as schema version 4 (document version 2) wrote it."""
    from search.analysis import ANALYSIS_VERSION

    with sqlite3.connect(path) as connection:
        connection.executescript(V4_SCHEMA)
        connection.execute("INSERT INTO combos VALUES (1, 'news', 2567, 'กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม', '')")
        for rowid, doc in enumerate(docs, start=1):
            connection.execute(
                "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rowid,
                    doc.page_id,
                    doc.identifier,
                    doc.title,
                    doc.type,
                    doc.type_label,
                    doc.url,
                    doc.date,
                    doc.year,
                    doc.agency,
                    doc.status,
                    doc.status_label,
                    doc.body,
                    doc.meta,
                    doc.date_label,
                    doc.date_attr,
                ),
            )
            connection.execute("INSERT INTO attrs VALUES (?, 1, ?)", (rowid, doc.date))
            columns = analyse(doc.identifier, doc.title, doc.body, doc.meta)[:6]  # the six columns of v4
            connection.execute(
                "INSERT INTO fts (rowid, identifier, title, meta, body, title_x, body_x) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (rowid, *columns),
            )
        connection.executemany(
            "INSERT INTO index_meta VALUES (?, ?)",
            [
                ("schema_version", "4"),
                ("build_id", "v4-build"),
                ("analysis_version", ANALYSIS_VERSION),
                ("document_version", "2"),
                ("built_at", "2025-01-01T00:00:00+00:00"),
            ],
        )
    connection.close()


def test_a_schema_4_file_is_migrated_and_answers(tmp_path, settings, client):
    settings.ELASTICSEARCH_URL = ""
    path = tmp_path / "v4.sqlite3"
    old_docs = [
        document(900031, "files-v4-a", f"เอกสารเก่า{BODY_WORD}ฉบับแรก"),
        document(900032, "files-v4-b", "เอกสารเก่าฉบับที่สอง"),
    ]
    write_v4_file(path, old_docs)
    settings.SEARCH_INDEX_PATH = path
    index = EmbeddedIndex(path)
    results = index.search(SearchQuery.from_params({"q": BODY_WORD}))
    assert [h.identifier for h in results.hits] == ["files-v4-a"] and results.hits[0].attachment is None
    with sqlite3.connect(path) as connection:
        meta = dict(connection.execute("SELECT key, value FROM index_meta"))
        assert meta["schema_version"] == SCHEMA_VERSION and meta["build_id"] != "v4-build"
        fts_columns = [row[1] for row in connection.execute("PRAGMA table_info(fts)")]
        assert fts_columns[-1] == "files" and len(fts_columns) == 7
        assert "files" in {row[1] for row in connection.execute("PRAGMA table_info(docs)")}
        assert connection.execute("SELECT count(*) FROM fts").fetchone()[0] == 2
        assert connection.execute("SELECT count(*) FROM fts WHERE files != ''").fetchone()[0] == 0
        assert not connection.execute("SELECT name FROM sqlite_master WHERE name = 'fts_new'").fetchall()
    connection.close()
    status = index.status()
    assert status["rebuild_due"] and status["document_version"] == "2" != DOCUMENT_VERSION
    assert status["documents"] == 2
    # The migrated file takes documents with files, and finds them through the files.
    index.index(WITH_FILE)
    hit = by_identifier(api(client, FILE_WORD))["files-1"]
    assert hit["attachment"]["page"] == 2
    assert {r["identifier"] for r in api(client, BODY_WORD)["results"]} == {"files-v4-a", "files-1"}
    with sqlite3.connect(path) as connection:
        stored = connection.execute("SELECT files FROM docs WHERE page_id = 900001").fetchone()[0]
        assert json.loads(stored) == WITH_FILE.files and ": " not in stored and "\\u" not in stored
        assert connection.execute("SELECT files FROM docs WHERE page_id = 900031").fetchone()[0] is None
    connection.close()
