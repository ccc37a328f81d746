"""Writing the embedded index: one document at a time into the live file, or a whole new
file (rebuild) that replaces the live one atomically.

A large rebuild analyses the documents in worker processes (one per core) while the
parent writes, in document order, so the file is the same as a serial build's.
"""

import itertools
import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from ... import parallel
from ...plan import analysed_columns, analysis_fields, build_meta, layer_columns
from ...query import FACETS
from . import index_files
from .schema import DOC_COLUMNS, INSERT_ATTRS, INSERT_DOC, INSERT_FTS, INSERT_GRAMS, doc_row, write

BATCH = 200  # documents per executemany


def analysed(docs, workers=None):
    """(doc, analysed_columns(doc)) for each document, in order; in `workers` forked
    processes (default: one per usable core) when there are many documents."""
    docs, fields = itertools.tee(docs)
    fields = (analysis_fields(d) for d in fields)  # (identifier, title, body, meta, files text)
    return zip(docs, parallel.analysed_fields(fields, workers))


# ---------------------------------------------------------------------- rows
def delete(connection, page_id):
    row = connection.execute("SELECT rowid FROM docs WHERE page_id = ?", (page_id,)).fetchone()
    if row:
        connection.execute("DELETE FROM fts WHERE rowid = ?", (row[0],))
        connection.execute("DELETE FROM grams WHERE rowid = ?", (row[0],))
        connection.execute("DELETE FROM attrs WHERE id = ?", (row[0],))
        connection.execute("DELETE FROM docs WHERE rowid = ?", (row[0],))


def combo(connection, doc):
    """The id of the document's combination of facet values (added when new)."""
    values = [getattr(doc, name) for name in FACETS]
    row = connection.execute(
        f"SELECT id FROM combos WHERE {' AND '.join(f'{n} IS ?' for n in FACETS)}", values
    ).fetchone()
    if row:
        return row[0]
    return connection.execute(f"INSERT INTO combos ({', '.join(FACETS)}) VALUES (?, ?, ?, ?)", values).lastrowid


def upsert(connection, doc, fts_values=None):
    delete(connection, doc.page_id)
    values = doc_row(doc)
    cursor = connection.execute(
        f"INSERT INTO docs ({', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' * len(DOC_COLUMNS))})", values
    )
    rowid = cursor.lastrowid
    connection.execute(INSERT_ATTRS, (rowid, combo(connection, doc), doc.date))
    fts_values = fts_values or analysed_columns(doc)
    connection.execute(INSERT_FTS, (rowid, *fts_values))
    connection.execute(INSERT_GRAMS, (rowid, *layer_columns(doc, fts_values)))


def upsert_many(connection, rows, remove=()):
    """index_many on one connection (one transaction): rows are (doc, analysed columns)."""
    for page_id in remove:
        delete(connection, page_id)
    for doc, values in rows:
        upsert(connection, doc, values)


class FileWriter:
    """index()/remove() on an open connection to a rebuild's new file (see build)."""

    def __init__(self, connection):
        self._connection = connection

    def index(self, doc):
        upsert(self._connection, doc)

    def remove(self, page_id):
        delete(self._connection, page_id)


def insert_all(connection, docs, workers=None):
    """Write a fresh file: the rows upsert() would write, many at a time."""
    count, next_rowid, seen, combos = 0, 1, set(), {}
    doc_rows, attr_rows, fts_rows, gram_rows = [], [], [], []

    def flush():
        connection.executemany(INSERT_DOC, doc_rows)
        connection.executemany(INSERT_ATTRS, attr_rows)
        connection.executemany(INSERT_FTS, fts_rows)
        connection.executemany(INSERT_GRAMS, gram_rows)
        doc_rows.clear()
        attr_rows.clear()
        fts_rows.clear()
        gram_rows.clear()

    for doc, values in analysed(docs, workers):
        count += 1
        if doc.page_id in seen:  # the same page twice: the later one wins, as with index()
            flush()
            upsert(connection, doc, values)
            next_rowid = connection.execute("SELECT max(rowid) FROM docs").fetchone()[0] + 1
            combos = {}
            continue
        seen.add(doc.page_id)
        key = tuple(getattr(doc, name) for name in FACETS)
        combo_id = combos.get(key)
        if combo_id is None:
            flush()
            combo_id = combos[key] = combo(connection, doc)
        doc_rows.append(doc_row(doc, next_rowid))
        attr_rows.append((next_rowid, combo_id, doc.date))
        fts_rows.append((next_rowid, *values))
        gram_rows.append((next_rowid, *layer_columns(doc, values)))
        next_rowid += 1
        if len(doc_rows) >= BATCH:
            flush()
    flush()
    return count


def build(path, docs, progress=None, before_swap=None, workers=None):
    """Build a complete new index file beside `path`, then atomically replace it.

    before_swap(writer), when given, runs just before the swap; writer.index(doc) and
    writer.remove(page_id) change the new file (to replay updates made meanwhile)."""
    path = Path(path)
    tmp_path = path.with_name(f"{path.name}.building-{os.getpid()}")
    leftovers = (tmp_path, Path(f"{tmp_path}-wal"), Path(f"{tmp_path}-shm"), Path(f"{tmp_path}-journal"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    index_files.remove_orphans(path)  # of killed rebuilds; not a running one's
    started = time.perf_counter()
    try:
        with write(tmp_path, bulk=True) as connection:
            count = insert_all(connection, progress(docs) if progress else docs, workers)
            connection.executemany("INSERT OR REPLACE INTO index_meta VALUES (?, ?)", list(build_meta(started).items()))
        with closing(sqlite3.connect(tmp_path, isolation_level=None)) as connection:
            connection.execute("PRAGMA journal_mode=MEMORY")
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            connection.execute("INSERT INTO grams(grams) VALUES ('optimize')")
            if before_swap is not None:
                connection.execute("BEGIN IMMEDIATE")
                before_swap(FileWriter(connection))
                connection.execute("COMMIT")
            connection.execute("PRAGMA journal_mode=DELETE")
        # The file was written without syncs: make it durable before it goes live.
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        raise
    os.replace(tmp_path, path)
    for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    return count
