"""The embedded search index: SQLite FTS5 in one file (SEARCH_INDEX_PATH), no server.

FTS5 is fed our own analysed terms (search.analysis), not raw text: the `ascii`
tokenizer then only splits on spaces (every term is free of ASCII punctuation and all
non-ASCII characters are token characters), so Thai words stay whole.

Rebuilds write a new file beside the live one and swap it in with os.replace, so
searches keep being answered from the old index until the new one is complete.
"""
import datetime
import os
import sqlite3
import time
from contextlib import closing, contextmanager
from pathlib import Path

from .analysis import ANALYSIS_VERSION, index_document
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
DOC_COLUMNS = ("page_id", "identifier", "title", "type", "type_label", "url", "date", "year", "agency",
               "status", "status_label", "body", "meta")


def fts_columns(doc):
    """The analysed columns of one document, in FIELD_WEIGHTS order."""
    title, title_x = index_document(doc.title)
    body, body_x = index_document(doc.body)
    meta, meta_x = index_document(doc.meta)
    identifier, _ = index_document(doc.identifier.replace("-", " "))
    return (" ".join(identifier + [doc.identifier.replace("-", "")]), " ".join(title), " ".join(meta + meta_x),
            " ".join(body), " ".join(title_x), " ".join(body_x))


def _phrase(term):
    return '"' + term.replace('"', '""') + '"'


def term_expression(term):
    """FTS5 expression for one query word: its term, alternatives, or its parts in sequence."""
    options = [_phrase(term.term)] + [_phrase(alt) for alt in term.alternatives]
    if len(term.parts) > 1:
        options.append(_phrase(" ".join(term.parts)))
    return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"


class EmbeddedIndex:
    name = "embedded"

    def __init__(self, path):
        self.path = Path(path)

    # ------------------------------------------------------------------ connections
    def _connect(self, path=None):
        path = Path(path or self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=10, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.executescript(SCHEMA)
        return connection

    @contextmanager
    def _write(self, path=None):
        with closing(self._connect(path)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------------ writing
    @staticmethod
    def _upsert(connection, doc):
        row = connection.execute("SELECT rowid FROM docs WHERE page_id = ?", (doc.page_id,)).fetchone()
        if row:
            connection.execute("DELETE FROM fts WHERE rowid = ?", (row[0],))
            connection.execute("DELETE FROM docs WHERE rowid = ?", (row[0],))
        values = [getattr(doc, column) for column in DOC_COLUMNS]
        cursor = connection.execute(
            f"INSERT INTO docs ({', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' * len(DOC_COLUMNS))})", values)
        connection.execute(f"INSERT INTO fts (rowid, {', '.join(FIELD_WEIGHTS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (cursor.lastrowid, *fts_columns(doc)))

    def index(self, doc):
        with self._write() as connection:
            self._upsert(connection, doc)

    def remove(self, page_id):
        with self._write() as connection:
            row = connection.execute("SELECT rowid FROM docs WHERE page_id = ?", (page_id,)).fetchone()
            if row:
                connection.execute("DELETE FROM fts WHERE rowid = ?", (row[0],))
                connection.execute("DELETE FROM docs WHERE rowid = ?", (row[0],))

    def rebuild(self, docs, progress=None):
        """Build a complete new index file, then atomically replace the live one."""
        tmp_path = self.path.with_name(f"{self.path.name}.building-{os.getpid()}")
        for leftover in (tmp_path, Path(f"{tmp_path}-wal"), Path(f"{tmp_path}-shm")):
            leftover.unlink(missing_ok=True)
        started = time.perf_counter()
        count = 0
        with self._write(tmp_path) as connection:
            for doc in (progress(docs) if progress else docs):
                self._upsert(connection, doc)
                count += 1
            connection.executemany("INSERT OR REPLACE INTO index_meta VALUES (?, ?)", [
                ("analysis_version", ANALYSIS_VERSION),
                ("built_at", datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")),
                ("build_seconds", f"{time.perf_counter() - started:.2f}"),
            ])
        with closing(sqlite3.connect(tmp_path, isolation_level=None)) as connection:
            connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode=DELETE")
        os.replace(tmp_path, self.path)
        for stale in (Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            stale.unlink(missing_ok=True)
        return count

    # ------------------------------------------------------------------ status
    def status(self):
        if not self.path.exists():
            return {"backend": self.name, "path": str(self.path), "documents": 0, "analysis_version": None,
                    "built_at": None, "current_analysis_version": ANALYSIS_VERSION, "rebuild_due": True}
        with closing(self._connect()) as connection:
            meta = dict(connection.execute("SELECT key, value FROM index_meta").fetchall())
            documents = connection.execute("SELECT count(*) FROM docs").fetchone()[0]
        return {"backend": self.name, "path": str(self.path), "documents": documents,
                "analysis_version": meta.get("analysis_version"), "built_at": meta.get("built_at"),
                "current_analysis_version": ANALYSIS_VERSION,
                "rebuild_due": meta.get("analysis_version") != ANALYSIS_VERSION}

    def page_ids(self):
        with closing(self._connect()) as connection:
            return {row[0] for row in connection.execute("SELECT page_id FROM docs")}

    # ------------------------------------------------------------------ searching
    @staticmethod
    def _filter_sql(filters, skip=None):
        clauses, params = [], []
        for name in FACETS:
            if name in filters and name != skip:
                clauses.append(f"d.{name} = ?")
                params.append(filters[name])
        return clauses, params

    def search(self, query):
        results = SearchResults(query=query)
        if not query.terms or not self.path.exists():
            return results
        # Stopwords never make a hit on their own: both sets are built from the content words.
        any_expr = " OR ".join(term_expression(t) for t in query.required)
        all_expr = " AND ".join(term_expression(t) for t in query.required)
        words = [t.term for t in query.terms]
        phrase_expr = "{title body} : " + _phrase(" ".join(words)) if len(words) > 1 else None
        weights = ", ".join(str(w) for w in FIELD_WEIGHTS.values())
        with closing(self._connect()) as connection:
            all_ids = {r[0] for r in connection.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (all_expr,))}
            # Date-sorted lists show only full matches when there are any: partial
            # matches interleaved by date would read as noise.
            restrict_all = query.sort != "relevance" and bool(all_ids)
            base = "SELECT rowid FROM fts WHERE fts MATCH ?"
            base_param = all_expr if restrict_all else any_expr

            clauses, params = self._filter_sql(query.filters)
            where = " AND ".join(["d.rowid IN (" + base + ")"] + clauses)
            results.total = connection.execute(f"SELECT count(*) FROM docs d WHERE {where}",
                                               [base_param, *params]).fetchone()[0]
            for name in FACETS:
                f_clauses, f_params = self._filter_sql(query.filters, skip=name)
                f_where = " AND ".join(["d.rowid IN (" + base + ")"] + f_clauses)
                rows = connection.execute(
                    f"SELECT d.{name}, count(*) FROM docs d WHERE {f_where} AND d.{name} IS NOT NULL "
                    f"AND d.{name} != '' GROUP BY d.{name} ORDER BY count(*) DESC, d.{name}",
                    [base_param, *f_params])
                results.facets[name] = {str(value): count for value, count in rows}
            if not results.total:
                return results

            phrase_ids = set()
            if phrase_expr:
                phrase_ids = {r[0] for r in connection.execute(
                    "SELECT rowid FROM fts WHERE fts MATCH ?", (phrase_expr,))}
            rows = connection.execute(
                f"SELECT m.rowid, m.score, d.date FROM (SELECT rowid, -bm25(fts, {weights}) AS score FROM fts "
                f"WHERE fts MATCH ?) m JOIN docs d ON d.rowid = m.rowid WHERE {' AND '.join(['1'] + clauses)}",
                [base_param, *params]).fetchall()
            ranked = []
            for rowid, score, date in rows:
                full = rowid in all_ids
                score *= 1 + (PHRASE_BOOST if rowid in phrase_ids else 0)
                ranked.append((full, score, date or "", rowid))
            if query.sort == "newest":
                ranked.sort(key=lambda r: (r[2], r[1]), reverse=True)
            elif query.sort == "oldest":
                ranked.sort(key=lambda r: (r[2] or "9999", -r[1]))
            else:
                ranked.sort(key=lambda r: (r[0], r[1]), reverse=True)
            results.matched_all = sum(1 for r in ranked if r[0])
            page = ranked[query.offset:query.offset + query.per_page]
            if not page:
                return results
            by_id = {row["rowid"]: row for row in self._docs(connection, [r[3] for r in page])}
            for full, score, _date, rowid in page:
                row = by_id[rowid]
                results.hits.append(Hit(
                    identifier=row["identifier"], title=row["title"], type=row["type"], url=row["url"],
                    date=row["date"], snippet=make_snippet(row["body"] or row["meta"], query.terms),
                    type_label=row["type_label"], year=row["year"], agency=row["agency"], status=row["status"],
                    status_label=row["status_label"], score=round(score, 4), matched_all=full))
        return results

    @staticmethod
    def _docs(connection, rowids):
        connection.row_factory = sqlite3.Row
        marks = ", ".join("?" * len(rowids))
        return connection.execute(f"SELECT * FROM docs WHERE rowid IN ({marks})", rowids).fetchall()
