"""What a search reads of the embedded index that only the file's contents decide, kept
per process while they are unchanged: document counts of phrases and the facet
histograms of expressions.

A count is what FTS5 itself counts (the rows a phrase matches, in any column): spelling
suggestions (vocab) and the ranking bound of partial matches (ranking) ask for the same
common words query after query, and each count reads the word's whole doclist. A
histogram (searcher.histogram) does not depend on the filters, the sort or the page, so
paging through a query's hits or choosing its facets reads it once.

The cache is keyed by the file's build_id and by FTS5's own averages and structure
records (`fts_data` rows 1 and 10): every committed write to `fts` (a document indexed or
removed, an optimize) changes them, so a count is never served for other contents. The
key and the counts are read in one read transaction, so they belong together.
"""

import re
import threading
from contextlib import contextmanager

# A term the `ascii` tokenizer keeps whole and as it is: ASCII letters (lower case) and
# digits and any non-ASCII character. Any other string is no term of the index.
_TOKEN = re.compile(r"[a-z0-9\u0080-\U0010ffff]+")
MAX_ENTRIES = 50_000  # counts kept per file state (then started afresh)
MAX_HISTOGRAMS = 64  # histograms and match counts kept per file state (the oldest go first)
_STATES = {}  # str(path) -> _State
_LOCK = threading.Lock()


class _State:
    def __init__(self, key):
        self.key, self.counts, self.rows, self.histograms = key, {}, None, {}


def is_token(term):
    """The tokenizer reads `term` as exactly one token, itself."""
    return isinstance(term, str) and _TOKEN.fullmatch(term) is not None


def _phrase(text):
    return '"' + text.replace('"', '""') + '"'


@contextmanager
def read_snapshot(connection):
    """One read transaction on an autocommit connection (none nested in a caller's)."""
    if connection.in_transaction:
        yield
        return
    connection.execute("BEGIN")
    try:
        yield
    finally:
        connection.execute("COMMIT")


class Counts:
    """Counts of the file's current contents; use within read_snapshot()."""

    def __init__(self, connection, path):
        key = connection.execute(
            "SELECT (SELECT value FROM index_meta WHERE key = 'build_id'), "
            "(SELECT group_concat(hex(block), '.') FROM (SELECT block FROM fts_data WHERE id IN (1, 10) ORDER BY id))"
        ).fetchone()
        with _LOCK:
            state = _STATES.get(str(path))
            if state is None or state.key != key or len(state.counts) > MAX_ENTRIES:
                state = _STATES[str(path)] = _State(key)
                while len(_STATES) > 8:  # other files (tests' copies)
                    _STATES.pop(next(iter(_STATES)))
        self._connection, self._state = connection, state

    def phrase(self, text):
        """Rows matching the phrase `text` (its tokens in sequence, in any column)."""
        counts = self._state.counts
        count = counts.get(text)
        if count is None:
            count = counts[text] = self._connection.execute(
                "SELECT count(*) FROM fts WHERE fts MATCH ?", (_phrase(text),)
            ).fetchone()[0]
        return count

    def term(self, term):
        """Rows holding `term` as one of their terms (0 for a string no term can be)."""
        return self.phrase(term) if is_token(term) else 0

    def rows(self):
        """The number of rows of `fts` (FTS5's N in bm25's idf)."""
        if self._state.rows is None:
            self._state.rows = self._connection.execute("SELECT count(*) FROM fts_docsize").fetchone()[0]
        return self._state.rows

    def kept(self, key, compute):
        """compute(), kept under `key` (a histogram: {combo id: documents}; a count)."""
        histograms = self._state.histograms
        found = histograms.get(key)
        if found is None:
            found = compute()
            while len(histograms) >= MAX_HISTOGRAMS:
                histograms.pop(next(iter(histograms)), None)
            histograms[key] = found
        return dict(found) if isinstance(found, dict) else found
