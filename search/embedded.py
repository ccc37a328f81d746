"""The embedded search index: SQLite FTS5 in one file (SEARCH_INDEX_PATH), no server.

FTS5 is fed our own analysed terms (search.analysis), not raw text: the `ascii`
tokenizer then only splits on spaces (every term is free of ASCII punctuation and all
non-ASCII characters are token characters), so Thai words stay whole.

Rebuilds write a new file beside the live one and swap it in with os.replace, so
searches keep being answered from the old index until the new one is complete. Only a
rebuild creates the file: a missing, empty, corrupt or truncated file is unavailable
(IndexDamaged), and every sqlite3 error is raised as SearchUnavailable. A large
rebuild analyses the documents in worker processes (one per core) while the parent
writes, in document order, so the file is the same as a serial build's.

A search evaluates each FTS5 expression once into a temporary table of matches with the
facet columns (copied from the narrow `attrs` table, so the wide `docs` rows are only read
for the hits shown); totals and facets are GROUP BYs over it, and BM25 is computed only
for the rows that can reach the requested page.
"""
import datetime
import functools
import itertools
import json
import multiprocessing
import os
import sqlite3
import threading
import time
import uuid
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path

from . import index_files
from .analysis import ANALYSIS_VERSION, index_document
from .errors import IndexDamaged
from .query import FACETS, FIELD_WEIGHTS, PHRASE_BOOST, Hit, SearchResults
from .snippets import make_snippet

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS docs (
    rowid INTEGER PRIMARY KEY,
    page_id INTEGER UNIQUE NOT NULL,
    identifier TEXT, title TEXT, type TEXT, type_label TEXT, url TEXT, date TEXT,
    year INTEGER, agency TEXT, status TEXT, status_label TEXT, body TEXT, meta TEXT
);
CREATE INDEX IF NOT EXISTS docs_type ON docs(type);
CREATE INDEX IF NOT EXISTS docs_year ON docs(year);
CREATE INDEX IF NOT EXISTS docs_date ON docs(date);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    {", ".join(FIELD_WEIGHTS)}, tokenize='ascii'
);
CREATE TABLE IF NOT EXISTS index_meta (key TEXT PRIMARY KEY, value TEXT);
"""
# Version 3 adds, for searching many matches fast: `combos`, every distinct combination of
# the facet values, and `attrs`, a few bytes per document (its combination and date), so
# counting and date-sorting the matches never reads the wide `docs` rows. A file of an
# older version gets them on first connect.
SCHEMA_VERSION = "3"
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
# Sort keys of the date orders (a missing date sorts last).
DATE_KEYS = {"newest": ("coalesce(a.date, '')", "DESC"),
             "oldest": ("coalesce(nullif(a.date, ''), '9999')", "ASC")}
DOC_COLUMNS = ("page_id", "identifier", "title", "type", "type_label", "url", "date", "year", "agency",
               "status", "status_label", "body", "meta")
INSERT_DOC = f"INSERT INTO docs (rowid, {', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' * (len(DOC_COLUMNS) + 1))})"
INSERT_ATTRS = "INSERT INTO attrs (id, combo, date) VALUES (?, ?, ?)"
INSERT_FTS = f"INSERT INTO fts (rowid, {', '.join(FIELD_WEIGHTS)}) VALUES (?, ?, ?, ?, ?, ?, ?)"
# Reads: map the file instead of copying pages, keep temporary tables in memory.
READ_PRAGMAS = ("PRAGMA mmap_size=8589934592", "PRAGMA cache_size=-65536", "PRAGMA temp_store=MEMORY")
# A rebuild writes a private file that is thrown away on failure: no syncs (one fsync at
# the end), and its rollback journal (near empty: the file is new) stays in memory.
BULK_PRAGMAS = ("PRAGMA journal_mode=MEMORY", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-262144",
                "PRAGMA temp_store=MEMORY")
INDEX_TABLES = {"docs", "fts", "index_meta"}
BATCH = 200  # documents per executemany / per job of an analysis worker
PARALLEL_MIN_DOCS = 2000  # smaller rebuilds are analysed in-process


def fts_columns(doc):
    """The analysed columns of one document, in FIELD_WEIGHTS order."""
    return _fts_values(doc.identifier, doc.title, doc.body, doc.meta)


def _fts_values(identifier_text, title_text, body_text, meta_text):
    title, title_x = index_document(title_text)
    body, body_x = index_document(body_text)
    meta, meta_x = index_document(meta_text)
    identifier, _ = index_document(identifier_text.replace("-", " "))
    return (" ".join(identifier + [identifier_text.replace("-", "")]), " ".join(title), " ".join(meta + meta_x),
            " ".join(body), " ".join(title_x), " ".join(body_x))


def _analyse_batch(fields):
    """Worker process job: fts values for [(identifier, title, body, meta)]."""
    return [_fts_values(*f) for f in fields]


def _can_fork():
    """Worker processes are forked (they inherit the loaded dictionary); only from a
    process without other threads, where forking is safe."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _usable_cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _batches(items, size):
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def analysed(docs, workers=None):
    """(doc, fts_columns(doc)) for each document, in order; in `workers` forked
    processes (default: one per usable core) when there are many documents."""
    docs = iter(docs)
    head = list(itertools.islice(docs, PARALLEL_MIN_DOCS))
    workers = _usable_cores() if workers is None else workers
    if len(head) < PARALLEL_MIN_DOCS or workers < 2 or not _can_fork():
        for doc in itertools.chain(head, docs):
            yield doc, fts_columns(doc)
        return
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        pending = deque()
        for batch in _batches(itertools.chain(head, docs), BATCH):
            fields = [(d.identifier, d.title, d.body, d.meta) for d in batch]
            pending.append((batch, pool.submit(_analyse_batch, fields)))
            if len(pending) > 2 * workers:  # bounded: documents are not all held in memory
                batch, future = pending.popleft()
                yield from zip(batch, future.result())
        while pending:
            batch, future = pending.popleft()
            yield from zip(batch, future.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _phrase(term):
    return '"' + term.replace('"', '""') + '"'


def term_expression(term):
    """FTS5 expression for one query word: its term, alternatives, or its parts in sequence."""
    options = [_phrase(term.term)] + [_phrase(alt) for alt in term.alternatives]
    if len(term.parts) > 1:
        options.append(_phrase(" ".join(term.parts)))
    return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"


_COMBO_CACHE = {}  # build_id -> {combo id: facet values}, see EmbeddedIndex._combo_values
# A search runs a second statement in a helper thread, on a connection of its own, when
# that saves time on a multi-core machine (SQLite works without the GIL): the histogram
# of the partial matches beside the full ones', and BM25 over half the rowids when there
# are more than SPLIT_MIN_ROWS candidates.
SPLIT_MIN_ROWS = 20_000
_HELPERS = None
_HELPERS_LOCK = threading.Lock()


def _helpers():
    global _HELPERS
    if _HELPERS is None:
        with _HELPERS_LOCK:
            if _HELPERS is None:
                _HELPERS = ThreadPoolExecutor(max_workers=max(1, _usable_cores() - 1),
                                              thread_name_prefix="search-helper")
    return _HELPERS


def _guarded(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with index_files.unavailable_on_sqlite_error(self.path):
            return method(self, *args, **kwargs)
    return wrapper


def _on_own_connection(path, build_id, func, *args):
    """func(connection, *args) on a new connection to the same file; None when the file
    was replaced (another build) since the search began."""
    with closing(index_files.open_existing(path)) as connection:
        for pragma in READ_PRAGMAS:
            connection.execute(pragma)
        row = connection.execute("SELECT value FROM index_meta WHERE key = 'build_id'").fetchone()
        if not row or row[0] != build_id:
            return None
        return func(connection, *args)


def _sql_order(value):
    """Sort key of a value as SQLite orders a column: numbers, then text, then blobs."""
    if isinstance(value, (int, float)):
        return 0, value, b""
    if isinstance(value, str):
        return 1, 0, value.encode()
    return 2, 0, bytes(value)


class _Plan:
    """The ranking statements of one search (see EmbeddedIndex.search). BM25 runs only
    over the rows that can reach the requested page: by relevance, the full matches when
    there are enough of them to fill it (they all rank before any partial match); by
    date, the rows dated from the page's first row's date to its last's."""

    def __init__(self, path, build_id, query, all_expr, phrase_expr, filters, filter_params):
        self.path, self.build_id, self.query = path, build_id, query
        self.all_expr, self.phrase_expr = all_expr, phrase_expr
        self.filters, self.filter_params = filters, filter_params
        self.known_keys = None  # date sorts: keys(all_expr), when looked up in advance

    def _from(self, attrs=False):
        """FROM and WHERE (after the MATCH) with the filters, and their parameters."""
        if not self.filters and not attrs:
            return "fts", "", []
        return ("fts CROSS JOIN attrs a ON a.id = fts.rowid", f" AND {self.filters}" if self.filters else "",
                self.filter_params)

    def count(self, connection, expr):
        source, where, params = self._from()
        return connection.execute(f"SELECT count(*) FROM {source} WHERE fts MATCH ?{where}",
                                  [expr, *params]).fetchone()[0]

    def keys(self, connection, expr):
        """Date sorts: the sort keys of the matching rows up to the page's end (a sort
        with a LIMIT keeps only that many rows)."""
        key, direction = DATE_KEYS[self.query.sort]
        source, where, params = self._from(attrs=True)
        return [row[0] for row in connection.execute(
            f"SELECT {key} FROM {source} WHERE fts MATCH ?{where} ORDER BY {key} {direction} LIMIT ?",
            [expr, *params, self.query.offset + self.query.per_page])]

    def page(self, connection, base_expr, total, matched_all):
        """[(rowid, full, score)] of the requested page, ranked in SQLite."""
        query, all_expr = self.query, self.all_expr
        offset, limit = query.offset, query.per_page
        if offset >= total:
            return []
        match_expr, full_expr, full_const, key, direction = base_expr, None, "1", None, None
        source, where, where_params = self._from(attrs=query.sort != "relevance")
        if query.sort == "relevance":
            if base_expr != all_expr:
                if matched_all >= offset + limit:
                    # Only full matches can reach the page. FTS5's bm25 depends on the
                    # expression's phrases (the same, in the same order), not on its
                    # operators, so the full matches score alike under all_expr.
                    match_expr = all_expr
                else:
                    full_expr = all_expr
            candidates = matched_all if match_expr == all_expr else total
            order = "full DESC, score DESC, fts.rowid"
        else:
            # Base rows are all full matches, or (when there are none) all partial.
            full_const = "1" if base_expr == all_expr else "0"
            key, direction = DATE_KEYS[query.sort]
            keys = self.known_keys if base_expr == all_expr and self.known_keys is not None \
                else self.keys(connection, base_expr)
            if len(keys) <= offset:
                return []
            first, last = keys[offset], keys[-1]
            # The page is a window of the rows keyed first..last, after those keyed before.
            offset -= sum(1 for k in keys[:offset] if k != first)
            where += f" AND {key} BETWEEN ? AND ?"
            where_params = [*where_params, *sorted((first, last))]
            candidates = 0  # the rows of a few dates
            order = f"{key} {direction}, score DESC, fts.rowid"
        weights = ", ".join(str(w) for w in FIELD_WEIGHTS.values())

        def ranked(conn, rowids=None):
            """The ranked rows, of a rowid range (lowest, highest) when given."""
            within = " AND rowid BETWEEN ? AND ?" if rowids else ""
            within_params = list(rowids or ())
            # `+fts.rowid`: a filter on the rows found, not a lookup of each in the index.
            member = f"+fts.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?{within})"
            columns, params = [], []
            if full_expr:
                columns.append(f"{member} AS full")
                params += [full_expr, *within_params]
            else:
                columns.append(f"{full_const} AS full")
            score = f"-bm25(fts, {weights})"
            if self.phrase_expr:
                score += f" * (CASE WHEN {member} THEN ? ELSE 1 END)"
                params += [self.phrase_expr, *within_params, 1 + PHRASE_BOOST]
            columns.append(f"{score} AS score")
            if key:
                columns.append(f"{key} AS k")
            range_sql = " AND fts.rowid BETWEEN ? AND ?" if rowids else ""
            params += [match_expr, *where_params, *within_params]
            window = (offset + limit, 0) if rowids else (limit, offset)
            return conn.execute(f"SELECT fts.rowid, {', '.join(columns)} FROM {source} "
                                f"WHERE fts MATCH ?{where}{range_sql} ORDER BY {order} LIMIT ? OFFSET ?",
                                [*params, *window]).fetchall()

        if candidates < SPLIT_MIN_ROWS or _usable_cores() < 2:
            return [row[:3] for row in ranked(connection)]
        # Two halves of the rowids at once, each ranked to the page's end, then merged
        # in the same order (stable sorts: rowid, then score, then full or date).
        middle = connection.execute("SELECT max(rowid) FROM docs").fetchone()[0] // 2
        upper = _helpers().submit(_on_own_connection, self.path, self.build_id, ranked, (middle + 1, 2 ** 63 - 1))
        rows = ranked(connection, (-2 ** 63, middle))
        upper_rows = upper.result()
        rows += ranked(connection, (middle + 1, 2 ** 63 - 1)) if upper_rows is None else upper_rows
        rows.sort(key=lambda row: row[0])
        rows.sort(key=lambda row: row[2], reverse=True)
        if key:
            rows.sort(key=lambda row: row[3], reverse=direction == "DESC")
        else:
            rows.sort(key=lambda row: row[1], reverse=True)
        return [row[:3] for row in rows[offset:offset + limit]]


class EmbeddedIndex:
    name = "embedded"

    def __init__(self, path, workers=None):
        self.path = Path(path)
        self.workers = workers  # rebuild analysis processes; None: one per usable core

    # ------------------------------------------------------------------ connections
    def _connect(self, path=None, bulk=False):
        """bulk: a new rebuild file (created); otherwise the live file, which must exist
        and be a whole index (IndexDamaged)."""
        path = Path(path or self.path)
        if bulk:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=10, isolation_level=None)
            for pragma in BULK_PRAGMAS:
                connection.execute(pragma)
            connection.executescript(SCHEMA)
            self._migrate(connection)
            return connection
        index_files.check_live_file(path)
        connection = index_files.open_existing(path)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            for pragma in READ_PRAGMAS:
                connection.execute(pragma)
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not INDEX_TABLES <= tables:
                raise IndexDamaged(f"ไฟล์นี้ไม่ใช่ดัชนีค้นหา (the file is not a search index): {path}")
            self._migrate(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    @staticmethod
    def _is_current(connection):
        meta = dict(connection.execute(
            "SELECT key, value FROM index_meta WHERE key IN ('schema_version', 'build_id')").fetchall())
        return meta.get("schema_version") == SCHEMA_VERSION and bool(meta.get("build_id"))

    def _migrate(self, connection):
        """Bring a file written by an older version up to SCHEMA_VERSION (once)."""
        if self._is_current(connection):
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            if not self._is_current(connection):
                for statement in SCHEMA_V3.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.executemany("INSERT OR REPLACE INTO index_meta VALUES (?, ?)",
                                       [("schema_version", SCHEMA_VERSION), ("build_id", uuid.uuid4().hex)])
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    @contextmanager
    def _write(self, path=None, bulk=False):
        with closing(self._connect(path, bulk=bulk)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------------ writing
    @staticmethod
    def _delete(connection, page_id):
        row = connection.execute("SELECT rowid FROM docs WHERE page_id = ?", (page_id,)).fetchone()
        if row:
            connection.execute("DELETE FROM fts WHERE rowid = ?", (row[0],))
            connection.execute("DELETE FROM attrs WHERE id = ?", (row[0],))
            connection.execute("DELETE FROM docs WHERE rowid = ?", (row[0],))

    @staticmethod
    def _combo(connection, doc):
        values = [getattr(doc, name) for name in FACETS]
        row = connection.execute(f"SELECT id FROM combos WHERE {' AND '.join(f'{n} IS ?' for n in FACETS)}",
                                 values).fetchone()
        if row:
            return row[0]
        return connection.execute(f"INSERT INTO combos ({', '.join(FACETS)}) VALUES (?, ?, ?, ?)",
                                  values).lastrowid

    @classmethod
    def _upsert(cls, connection, doc, fts_values=None):
        cls._delete(connection, doc.page_id)
        values = [getattr(doc, column) for column in DOC_COLUMNS]
        cursor = connection.execute(
            f"INSERT INTO docs ({', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' * len(DOC_COLUMNS))})", values)
        rowid = cursor.lastrowid
        connection.execute(INSERT_ATTRS, (rowid, cls._combo(connection, doc), doc.date))
        connection.execute(INSERT_FTS, (rowid, *(fts_values or fts_columns(doc))))

    @_guarded
    def index(self, doc):
        with self._write() as connection:
            self._upsert(connection, doc)

    @_guarded
    def remove(self, page_id):
        with self._write() as connection:
            self._delete(connection, page_id)

    def _insert_all(self, connection, docs):
        """Write a fresh file: the rows _upsert would write, many at a time."""
        count, next_rowid, seen, combos = 0, 1, set(), {}
        doc_rows, attr_rows, fts_rows = [], [], []

        def flush():
            connection.executemany(INSERT_DOC, doc_rows)
            connection.executemany(INSERT_ATTRS, attr_rows)
            connection.executemany(INSERT_FTS, fts_rows)
            doc_rows.clear()
            attr_rows.clear()
            fts_rows.clear()

        for doc, values in analysed(docs, self.workers):
            count += 1
            if doc.page_id in seen:  # the same page twice: the later one wins, as with index()
                flush()
                self._upsert(connection, doc, values)
                next_rowid = connection.execute("SELECT max(rowid) FROM docs").fetchone()[0] + 1
                combos = {}
                continue
            seen.add(doc.page_id)
            key = tuple(getattr(doc, name) for name in FACETS)
            combo = combos.get(key)
            if combo is None:
                flush()
                combo = combos[key] = self._combo(connection, doc)
            doc_rows.append((next_rowid, *(getattr(doc, column) for column in DOC_COLUMNS)))
            attr_rows.append((next_rowid, combo, doc.date))
            fts_rows.append((next_rowid, *values))
            next_rowid += 1
            if len(doc_rows) >= BATCH:
                flush()
        flush()
        return count

    @_guarded
    def rebuild(self, docs, progress=None, before_swap=None):
        """Build a complete new index file, then atomically replace the live one.

        before_swap(writer), when given, runs just before the swap; writer.index(doc) and
        writer.remove(page_id) change the new file (to replay updates made meanwhile)."""
        tmp_path = self.path.with_name(f"{self.path.name}.building-{os.getpid()}")
        leftovers = (tmp_path, Path(f"{tmp_path}-wal"), Path(f"{tmp_path}-shm"), Path(f"{tmp_path}-journal"))
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        index_files.remove_orphans(self.path)  # of killed rebuilds; not a running one's
        started = time.perf_counter()
        try:
            with self._write(tmp_path, bulk=True) as connection:
                count = self._insert_all(connection, progress(docs) if progress else docs)
                connection.executemany("INSERT OR REPLACE INTO index_meta VALUES (?, ?)", [
                    ("analysis_version", ANALYSIS_VERSION),
                    ("built_at", datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")),
                    ("build_seconds", f"{time.perf_counter() - started:.2f}"),
                ])
            with closing(sqlite3.connect(tmp_path, isolation_level=None)) as connection:
                connection.execute("PRAGMA journal_mode=MEMORY")
                connection.execute("PRAGMA synchronous=OFF")
                connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
                if before_swap is not None:
                    connection.execute("BEGIN IMMEDIATE")
                    before_swap(_FileWriter(self, connection))
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
        os.replace(tmp_path, self.path)
        for stale in (Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            stale.unlink(missing_ok=True)
        return count

    # ------------------------------------------------------------------ status
    @_guarded
    def status(self, check=True):
        """check: also read the whole file (PRAGMA quick_check), to find damage anywhere."""
        with closing(self._connect()) as connection:
            if check:
                problem = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
                if problem != "ok":
                    raise IndexDamaged(f"ไฟล์ดัชนีค้นหาเสียหาย (the search index file is corrupt): "
                                       f"{self.path}: {problem}")
            meta = dict(connection.execute("SELECT key, value FROM index_meta").fetchall())
            documents = connection.execute("SELECT count(*) FROM docs").fetchone()[0]
        return {"backend": self.name, "path": str(self.path), "documents": documents,
                "analysis_version": meta.get("analysis_version"), "built_at": meta.get("built_at"),
                "current_analysis_version": ANALYSIS_VERSION,
                "rebuild_due": meta.get("analysis_version") != ANALYSIS_VERSION,
                "leftovers": [str(file) for file in self.leftovers()]}

    def leftovers(self):
        """Files of killed rebuilds beside the index (the next rebuild removes them)."""
        return index_files.orphans(self.path)

    @_guarded
    def page_ids(self):
        with closing(self._connect()) as connection:
            return {row[0] for row in connection.execute("SELECT page_id FROM docs")}

    # ------------------------------------------------------------------ searching
    @staticmethod
    def _histogram(connection, expr):
        """{combo id: number of documents} of the documents matching expr, in one pass
        (the ids come back as one string: no sorting, no row per document)."""
        ids = connection.execute("SELECT group_concat(a.combo) FROM fts CROSS JOIN attrs a ON a.id = fts.rowid "
                                 "WHERE fts MATCH ?", (expr,)).fetchone()[0]
        return {int(combo): count for combo, count in Counter(ids.split(",")).items()} if ids else {}

    @staticmethod
    def _combo_values(connection, build_id, ids):
        """{combo id: facet values} for ids. Combination rows never change within a file
        (its build_id), so they are kept per process and only new ones are read."""
        known = _COMBO_CACHE.get(build_id)
        if known is None or any(combo not in known for combo in ids):
            known = dict(known or {})
            rows = connection.execute(f"SELECT id, {', '.join(FACETS)} FROM combos WHERE id > ?",
                                      (max(known, default=0),))
            known.update((row[0], row[1:]) for row in rows)
            while len(_COMBO_CACHE) >= 8:  # files of earlier builds
                _COMBO_CACHE.pop(next(iter(_COMBO_CACHE)))
            _COMBO_CACHE[build_id] = known
        return known

    @staticmethod
    def _failed_filters(connection, ids, filters):
        """{combo id: [names of the filters it fails]} for the combos in ids that fail any;
        SQLite compares, as the filter's WHERE on the column would."""
        failed = {}
        if not filters:
            return failed
        ids_json = json.dumps(sorted(ids))
        for name in FACETS:
            if name in filters:
                passing = {row[0] for row in connection.execute(
                    f"SELECT id FROM combos WHERE {name} = ? AND id IN (SELECT value FROM json_each(?))",
                    (filters[name], ids_json))}
                for combo in ids:
                    if combo not in passing:
                        failed.setdefault(combo, []).append(name)
        return failed

    @_guarded
    def search(self, query):
        """Semantics in search.query: hits match any required word, full matches (every
        word) first, BM25 with FIELD_WEIGHTS boosted for a phrase, ties in index order;
        date sorts show only full matches when there are any; each facet counts the hit set
        without its own filter."""
        results = SearchResults(query=query)
        if not query.terms:
            return results
        any_expr = " OR ".join(term_expression(t) for t in query.required)
        all_expr = " AND ".join(term_expression(t) for t in query.required)
        words = [t.term for t in query.terms]
        phrase_expr = "{title body} : " + _phrase(" ".join(words)) if len(words) > 1 else None
        # Filters as SQLite compares them on the columns, through the combinations table.
        names = [name for name in FACETS if name in query.filters]
        filters = (f"a.combo IN (SELECT id FROM combos WHERE {' AND '.join(f'{n} = ?' for n in names)})"
                   if names else None)
        filter_params = [query.filters[name] for name in names]
        parallel = _usable_cores() > 1
        with closing(self._connect()) as connection:
            build_id = connection.execute("SELECT value FROM index_meta WHERE key = 'build_id'").fetchone()[0]
            plan = _Plan(self.path, build_id, query, all_expr, phrase_expr, filters, filter_params)
            if query.sort == "relevance":
                # Total and facets count the partial matches; of the full ones only the
                # number is needed. Both at once when there is a second core.
                base_expr = any_expr
                partial = None
                if any_expr != all_expr and parallel:
                    partial = _helpers().submit(_on_own_connection, self.path, build_id, self._histogram, any_expr)
                if any_expr == all_expr:
                    hist = self._histogram(connection, all_expr)
                    matched_all = None  # = total
                else:
                    matched_all = plan.count(connection, all_expr)
                    hist = partial.result() if partial else None
                    if hist is None:
                        hist = self._histogram(connection, any_expr)
            else:
                # Date-sorted lists show only full matches when there are any: partial
                # matches interleaved by date would read as noise. The sort keys of the
                # full matches are looked up meanwhile, in case there are.
                keys = _helpers().submit(_on_own_connection, self.path, build_id, plan.keys, all_expr) \
                    if parallel else None
                hist = self._histogram(connection, all_expr)
                base_expr = all_expr if hist else any_expr
                if hist:
                    plan.known_keys = keys.result() if keys else None
                else:
                    hist = self._histogram(connection, any_expr)
                matched_all = None if hist and base_expr == all_expr else 0
            values = self._combo_values(connection, build_id, hist)
            failed = self._failed_filters(connection, hist, query.filters)
            # A combination counts towards the total and every facet when it passes all
            # filters, towards one facet when it fails only that facet's own filter.
            counts = [{} for _ in FACETS]
            total = 0
            for combo, count in hist.items():
                fails = failed.get(combo)
                if fails is None:
                    total += count
                    positions = range(len(FACETS))
                elif len(fails) == 1:
                    positions = (FACETS.index(fails[0]),)
                else:
                    continue
                combo_values = values[combo]
                for position in positions:
                    value = combo_values[position]
                    if value is not None and value != "":
                        counts[position][value] = counts[position].get(value, 0) + count
            for name, facet in zip(FACETS, counts):
                results.facets[name] = {str(value): count for value, count in
                                        sorted(facet.items(), key=lambda vc: (-vc[1], _sql_order(vc[0])))}
            results.total = total
            if not total:
                return results
            results.matched_all = total if matched_all is None else matched_all
            page = plan.page(connection, base_expr, total, results.matched_all)
            if not page:
                return results
            by_id = {row["rowid"]: row for row in self._docs(connection, [r[0] for r in page])}
            for rowid, full, score in page:
                row = by_id[rowid]
                results.hits.append(Hit(
                    identifier=row["identifier"], title=row["title"], type=row["type"], url=row["url"],
                    date=row["date"], snippet=make_snippet(row["body"] or row["meta"], query.terms),
                    type_label=row["type_label"], year=row["year"], agency=row["agency"], status=row["status"],
                    status_label=row["status_label"], score=round(score, 4), matched_all=bool(full)))
        return results

    @staticmethod
    def _docs(connection, rowids):
        connection.row_factory = sqlite3.Row
        marks = ", ".join("?" * len(rowids))
        return connection.execute(f"SELECT * FROM docs WHERE rowid IN ({marks})", rowids).fetchall()


class _FileWriter:
    """index()/remove() on an open connection to a rebuild's new file (see rebuild)."""

    def __init__(self, index, connection):
        self._index, self._connection = index, connection

    def index(self, doc):
        self._index._upsert(self._connection, doc)

    def remove(self, page_id):
        self._index._delete(self._connection, page_id)
