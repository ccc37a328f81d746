"""The layer's statements on the embedded index (semantics in search.plan.layer_plan).

The bigrams live in the `grams` FTS5 table, rowid for rowid with `fts` and `docs`. The
layer's hits are the rows whose grams hold every layer word's phrase and that match no
query word (`fts` MATCH the word pass's expression): they follow every word hit.
"""

from collections import Counter

from ...plan import LAYER_WEIGHTS

_WEIGHTS = ", ".join(str(weight) for weight in LAYER_WEIGHTS.values())


def _phrase(text):
    return '"' + text.replace('"', '""') + '"'


def expression(words):
    """FTS5 expression: every word (search.plan.layer_words), each through any of its phrases."""
    return " AND ".join("(" + " OR ".join(_phrase(p) for p in phrases) + ")" for phrases in words)


def _where(word_expr):
    """The WHERE after `grams MATCH ?`: not a word hit (when there are any)."""
    if not word_expr:
        return "", []
    return " AND grams.rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)", [word_expr]


def histogram(connection, expr, word_expr):
    """{combo id: number of documents} of the layer's hits (search.backends.embedded.searcher.histogram)."""
    where, params = _where(word_expr)
    ids = connection.execute(
        f"SELECT group_concat(a.combo) FROM grams CROSS JOIN attrs a ON a.id = grams.rowid WHERE grams MATCH ?{where}",
        [expr, *params],
    ).fetchone()[0]
    return {int(combo): count for combo, count in Counter(ids.split(",")).items()} if ids else {}


def page(connection, query, expr, word_expr, filters, filter_params, date_key, offset, limit):
    """[(rowid, False, score)] of the layer's hits offset..offset+limit, in the query's
    order: by relevance BM25 of the phrases (LAYER_WEIGHTS), by date the date first
    (date_key: (SQL key, direction)); ties in index order."""
    if limit <= 0:
        return []
    where, params = _where(word_expr)
    if filters:
        where += f" AND {filters}"
        params += filter_params
    order = "score DESC, grams.rowid"
    if date_key:
        order = f"{date_key[0]} {date_key[1]}, {order}"
    rows = connection.execute(
        f"SELECT grams.rowid, -bm25(grams, {_WEIGHTS}) AS score FROM grams CROSS JOIN attrs a ON a.id = grams.rowid "
        f"WHERE grams MATCH ?{where} ORDER BY {order} LIMIT ? OFFSET ?",
        [expr, *params, limit, offset],
    ).fetchall()
    return [(rowid, False, score) for rowid, score in rows]


def texts(connection, phrase, limit):
    """[(title, body, meta)] of the first `limit` documents, by page id, whose grams hold
    the bigram phrase (search.recut reads how they cut the letters)."""
    return connection.execute(
        "SELECT d.title, d.body, d.meta FROM grams JOIN docs d ON d.rowid = grams.rowid "
        "WHERE grams MATCH ? ORDER BY d.page_id LIMIT ?",
        (_phrase(phrase), limit),
    ).fetchall()
