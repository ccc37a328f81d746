"""The embedded search index: SQLite FTS5 in one file (SEARCH_INDEX_PATH), no server.

FTS5 is fed our own analysed terms (search.plan.analysed_columns), not raw text: the
`ascii` tokenizer then only splits on spaces (every term is free of ASCII punctuation
and all non-ASCII characters are token characters), so Thai words stay whole.

Rebuilds write a new file beside the live one and swap it in with os.replace, so
searches keep being answered from the old index until the new one is complete. Only a
rebuild creates the file: a missing, empty, corrupt or truncated file is unavailable
(IndexDamaged), and every sqlite3 error is raised as SearchUnavailable.

Modules: schema (tables, versions, connections), writer (documents, rebuilds), searcher
(queries), index_files (the files on disk: damage checks, leftovers of killed rebuilds).
No Django settings are needed (benchmarks use it directly).
"""

import functools
from contextlib import closing
from pathlib import Path

from ...errors import IndexDamaged
from ...plan import version_status
from ..base import SearchIndex
from . import index_files, layer, searcher, vocab, writer
from .schema import connect, write


def _guarded(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with index_files.unavailable_on_sqlite_error(self.path):
            return method(self, *args, **kwargs)

    return wrapper


class EmbeddedIndex(SearchIndex):
    name = "embedded"

    def __init__(self, path, workers=None):
        self.path = Path(path)
        self.workers = workers  # rebuild analysis processes; None: one per usable core

    @_guarded
    def index(self, doc):
        with write(self.path) as connection:
            writer.upsert(connection, doc)

    @_guarded
    def remove(self, page_id):
        with write(self.path) as connection:
            writer.delete(connection, page_id)

    @_guarded
    def index_many(self, docs, remove=()):
        # analysed before the file's write lock is taken: publishing elsewhere is not blocked
        rows = list(writer.analysed(docs))
        with write(self.path) as connection:
            writer.upsert_many(connection, rows, remove)

    @_guarded
    def rebuild(self, docs, progress=None, before_swap=None):
        return writer.build(self.path, docs, progress=progress, before_swap=before_swap, workers=self.workers)

    @_guarded
    def search(self, query):
        return searcher.search(self.path, query)

    @_guarded
    def term_counts(self, terms):
        """{term: documents} of the terms the index has (search.plan.suggest)."""
        with closing(connect(self.path)) as connection:
            return vocab.term_counts(connection, self.path, terms)

    @_guarded
    def letter_texts(self, phrase, limit):
        """[(title, body, meta)] of the first `limit` documents, by page id, whose layer has
        the bigram phrase (search.recut)."""
        with closing(connect(self.path)) as connection:
            return layer.texts(connection, phrase, limit)

    @_guarded
    def status(self, check=True):
        """check: also read the whole file (PRAGMA quick_check), to find damage anywhere."""
        with closing(connect(self.path)) as connection:
            if check:
                problem = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
                if problem != "ok":
                    raise IndexDamaged(f"ไฟล์ดัชนีค้นหาเสียหาย (the search index file is corrupt): {self.path}: {problem}")
            meta = dict(connection.execute("SELECT key, value FROM index_meta").fetchall())
            documents = connection.execute("SELECT count(*) FROM docs").fetchone()[0]
        return {
            "backend": self.name,
            "path": str(self.path),
            "documents": documents,
            **version_status(meta),
            "leftovers": [str(file) for file in self.leftovers()],
        }

    def leftovers(self):
        """Files of killed rebuilds beside the index (the next rebuild removes them)."""
        return index_files.orphans(self.path)

    @_guarded
    def page_ids(self):
        with closing(connect(self.path)) as connection:
            return {row[0] for row in connection.execute("SELECT page_id FROM docs")}
