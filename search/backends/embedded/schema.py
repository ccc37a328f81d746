"""The embedded index file: its tables, versions and connections.

Only a rebuild creates the file (connect(bulk=True) on a new path); every other
connection opens an existing, whole index (IndexDamaged otherwise, search.backends.
embedded.index_files). A file written by an older version is brought up to
SCHEMA_VERSION on first connect, so it keeps answering until the next rebuild.
"""

import json
import operator
import sqlite3
import uuid
from contextlib import closing, contextmanager
from pathlib import Path

from ...errors import IndexDamaged
from ...plan import FIELD_WEIGHTS, LAYER_WEIGHTS
from . import index_files

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS docs (
    rowid INTEGER PRIMARY KEY,
    page_id INTEGER UNIQUE NOT NULL,
    identifier TEXT, title TEXT, type TEXT, type_label TEXT, url TEXT, date TEXT,
    year INTEGER, agency TEXT, status TEXT, status_label TEXT, body TEXT, meta TEXT,
    date_label TEXT, date_attr TEXT, files TEXT
);
CREATE INDEX IF NOT EXISTS docs_type ON docs(type);
CREATE INDEX IF NOT EXISTS docs_year ON docs(year);
CREATE INDEX IF NOT EXISTS docs_date ON docs(date);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    {", ".join(FIELD_WEIGHTS)}, tokenize='ascii'
);
CREATE TABLE IF NOT EXISTS index_meta (key TEXT PRIMARY KEY, value TEXT);
"""
# The layer (search.plan.LAYER_WEIGHTS): a table of its own, so that FTS5's bm25, which
# divides by the length of the whole row, ranks the words as before.
GRAMS_TABLE = f"CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5({', '.join(LAYER_WEIGHTS)}, tokenize='ascii')"
SCHEMA += GRAMS_TABLE + ";\n"
# Version 3 adds, for searching many matches fast: `combos`, every distinct combination of
# the facet values, and `attrs`, a few bytes per document (its combination and date), so
# counting and date-sorting the matches never reads the wide `docs` rows.
# Version 4 adds the docs columns of document version 2 (date_label, date_attr): empty
# in an older file until it is rebuilt (status says a rebuild is due).
# Version 5 adds document version 3's files: the `files` column of `fts` (their analysed
# text) and of `docs` (doc.files as compact JSON, NULL without files). FTS5 tables cannot
# be altered, so migrate() copies an older `fts` into a new one with an empty `files`.
# Version 6 adds `grams`, the layer's table (empty in an older file until it is rebuilt).
SCHEMA_VERSION = "6"
MIGRATED_VERSIONS = ("3", "4", "5")  # have combos and attrs (SCHEMA_V3)
SCHEMA_V3 = """
DROP TABLE IF EXISTS attrs;
DROP TABLE IF EXISTS combos;
CREATE TABLE combos (id INTEGER PRIMARY KEY, type TEXT, year INTEGER, agency TEXT, status TEXT);
CREATE INDEX combos_values ON combos(type, year, agency, status);
CREATE TABLE attrs (id INTEGER PRIMARY KEY, combo INTEGER NOT NULL, date TEXT);
INSERT INTO combos (type, year, agency, status) SELECT DISTINCT type, year, agency, status FROM docs;
INSERT INTO attrs (id, combo, date) SELECT d.rowid, c.id, d.date FROM docs d JOIN combos c
    ON c.type IS d.type AND c.year IS d.year AND c.agency IS d.agency AND c.status IS d.status;
"""
ADDED_DOC_COLUMNS = ("date_label", "date_attr", "files")  # date_label, date_attr in version 4; files in 5
DOC_COLUMNS = (
    "page_id",
    "identifier",
    "title",
    "type",
    "type_label",
    "url",
    "date",
    "year",
    "agency",
    "status",
    "status_label",
    "body",
    "meta",
    *ADDED_DOC_COLUMNS,
)
assert DOC_COLUMNS[-1] == "files"  # doc_row() serialises the last column
_display_values = operator.attrgetter(*DOC_COLUMNS[:-1])  # every column but files, as stored
INSERT_DOC = f"INSERT INTO docs (rowid, {', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' * (len(DOC_COLUMNS) + 1))})"
INSERT_ATTRS = "INSERT INTO attrs (id, combo, date) VALUES (?, ?, ?)"
INSERT_GRAMS = (
    f"INSERT INTO grams (rowid, {', '.join(LAYER_WEIGHTS)}) VALUES ({', '.join('?' * (len(LAYER_WEIGHTS) + 1))})"
)
INSERT_FTS = f"INSERT INTO fts (rowid, {', '.join(FIELD_WEIGHTS)}) VALUES ({', '.join('?' * (len(FIELD_WEIGHTS) + 1))})"
# Reads: map the file instead of copying pages, keep temporary tables in memory.
READ_PRAGMAS = ("PRAGMA mmap_size=8589934592", "PRAGMA cache_size=-65536", "PRAGMA temp_store=MEMORY")
# A rebuild writes a private file that is thrown away on failure: no syncs (one fsync at
# the end), and its rollback journal (near empty: the file is new) stays in memory.
BULK_PRAGMAS = (
    "PRAGMA journal_mode=MEMORY",
    "PRAGMA synchronous=OFF",
    "PRAGMA cache_size=-262144",
    "PRAGMA temp_store=MEMORY",
)
INDEX_TABLES = {"docs", "fts", "index_meta"}


FTS_TABLE = f"CREATE VIRTUAL TABLE {{name}} USING fts5({', '.join(FIELD_WEIGHTS)}, tokenize='ascii')"


def doc_row(doc, rowid=None):
    """The values of DOC_COLUMNS for one SearchDocument (after `rowid` when given): its
    fields as they are, `files` as compact JSON (no JSON work for a record without files)."""
    values = _display_values(doc)
    files = json.dumps(doc.files, ensure_ascii=False, separators=(",", ":")) if doc.files else None
    return (*values, files) if rowid is None else (rowid, *values, files)


def connect(path, bulk=False):
    """bulk: a new rebuild file (created); otherwise the live file, which must exist and
    be a whole index (IndexDamaged)."""
    path = Path(path)
    if bulk:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=10, isolation_level=None)
        for pragma in BULK_PRAGMAS:
            connection.execute(pragma)
        connection.executescript(SCHEMA)
        migrate(connection)
        return connection
    index_files.check_live_file(path)
    connection = index_files.open_existing(path)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        for pragma in READ_PRAGMAS:
            connection.execute(pragma)
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables >= INDEX_TABLES:
            raise IndexDamaged(f"ไฟล์นี้ไม่ใช่ดัชนีค้นหา (the file is not a search index): {path}")
        migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _schema_meta(connection):
    return dict(
        connection.execute("SELECT key, value FROM index_meta WHERE key IN ('schema_version', 'build_id')").fetchall()
    )


def _is_current(meta):
    return meta.get("schema_version") == SCHEMA_VERSION and bool(meta.get("build_id"))


def migrate(connection):
    """Bring a file written by an older version up to SCHEMA_VERSION (once)."""
    if _is_current(_schema_meta(connection)):
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        meta = _schema_meta(connection)
        if not _is_current(meta):
            if meta.get("schema_version") not in (*MIGRATED_VERSIONS, SCHEMA_VERSION):
                for statement in SCHEMA_V3.split(";"):
                    if statement.strip():
                        connection.execute(statement)
            columns = {row[1] for row in connection.execute("PRAGMA table_info(docs)")}
            for column in ADDED_DOC_COLUMNS:
                if column not in columns:
                    connection.execute(f"ALTER TABLE docs ADD COLUMN {column} TEXT")
            _migrate_fts(connection)
            connection.execute(GRAMS_TABLE)
            connection.executemany(
                "INSERT OR REPLACE INTO index_meta VALUES (?, ?)",
                [("schema_version", SCHEMA_VERSION), ("build_id", uuid.uuid4().hex)],
            )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _migrate_fts(connection):
    """Give `fts` the columns of FIELD_WEIGHTS it lacks (version 5: files), empty in every
    row: a new table with the rows copied (FTS5 has no ALTER TABLE ADD COLUMN), in the
    caller's transaction. Every row is tokenised again: seconds per 100,000 documents."""
    present = [row[1] for row in connection.execute("PRAGMA table_info(fts)")]
    if all(name in present for name in FIELD_WEIGHTS):
        return
    connection.execute("DROP TABLE IF EXISTS fts_new")
    connection.execute(FTS_TABLE.format(name="fts_new"))
    values = ", ".join(name if name in present else "''" for name in FIELD_WEIGHTS)
    connection.execute(f"INSERT INTO fts_new (rowid, {', '.join(FIELD_WEIGHTS)}) SELECT rowid, {values} FROM fts")
    connection.execute("DROP TABLE fts")
    connection.execute("ALTER TABLE fts_new RENAME TO fts")


@contextmanager
def write(path, bulk=False):
    """A connection in one IMMEDIATE transaction, committed when the block ends."""
    with closing(connect(path, bulk=bulk)) as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def on_own_connection(path, build_id, func, *args):
    """func(connection, *args) on a new connection to the same file; None when the file
    was replaced (another build) since the search began."""
    with closing(index_files.open_existing(path)) as connection:
        for pragma in READ_PRAGMAS:
            connection.execute(pragma)
        row = connection.execute("SELECT value FROM index_meta WHERE key = 'build_id'").fetchone()
        if not row or row[0] != build_id:
            return None
        return func(connection, *args)
