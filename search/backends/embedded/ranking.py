"""The ranking statements of one embedded search (search.backends.embedded.searcher).

BM25 is the costly part of a search with many matches, so it runs only over rows that can
reach the requested page:
- by relevance, the full matches when there are enough of them to fill it (they all rank
  before any partial match), even when they are scored under the expression of the
  partial matches (optional words);
- by relevance with fewer full matches than the page, the full matches and the partial
  matches holding a rare phrase, when a bound proves that no other partial match can
  outrank the page's last row (partial_bound);
- by date, the rows dated from the page's first row's date to its last's.
"""

import math
import threading
from concurrent.futures import ThreadPoolExecutor

from ...parallel import usable_cores
from ...plan import (
    ATTRIBUTE_BOOST,
    DATE_BOOST,
    FIELD_WEIGHTS,
    PHRASE_BOOST,
    TYPED_BOOST,
    QueryPlan,
    attribute_boosts,
    date_ranges,
    typed_phrases,
)
from .schema import on_own_connection
from .stats import Counts, read_snapshot

# Sort keys of the date orders (a missing date sorts last).
DATE_KEYS = {"newest": ("coalesce(a.date, '')", "DESC"), "oldest": ("coalesce(nullif(a.date, ''), '9999')", "ASC")}
# A search runs a second statement in a helper thread, on a connection of its own, when
# that saves time on a multi-core machine (SQLite works without the GIL): the histogram
# of the partial matches beside the full ones', and BM25 over half the rowids when there
# are more than SPLIT_MIN_ROWS candidates.
SPLIT_MIN_ROWS = 20_000
# FTS5's bm25 constants (fts5_aux.c): a phrase adds idf * f(k1 + 1) / (f + k1(1 - b + b D/avgdl))
# with f > 0, which is always below idf * (k1 + 1); a phrase in more than half the rows has
# idf 1e-6.
BM25_K1 = 1.2
BM25_MIN_IDF = 1e-6
BOUND_MARGIN = 1e-9  # relative: floating-point sums in SQLite and here may differ by ulps
BOUND_MAX_SHARE = 0.8  # no bound when the rare phrases' rows are most of the matches anyway
_HELPERS = None
_HELPERS_LOCK = threading.Lock()


def helpers():
    global _HELPERS
    if _HELPERS is None:
        with _HELPERS_LOCK:
            if _HELPERS is None:
                _HELPERS = ThreadPoolExecutor(
                    max_workers=max(1, usable_cores() - 1), thread_name_prefix="search-helper"
                )
    return _HELPERS


def _phrase(text):
    return '"' + text.replace('"', '""') + '"'


def idf(rows, matching):
    """FTS5's idf of a phrase matching `matching` of `rows` rows."""
    value = math.log((rows - matching + 0.5) / (matching + 0.5))
    return value if value > 0 else BM25_MIN_IDF


class RankingPlan:
    """The ranking statements of one search (see the module's docstring)."""

    def __init__(self, path, build_id, query, all_expr, phrase_expr, filters, filter_params, any_expr=None):
        self.path, self.build_id, self.query = path, build_id, query
        query_plan = QueryPlan.for_query(query)
        # With optional words (search.plan.QueryPlan.optional) any_expr has phrases
        # all_expr lacks: bm25 is then always computed under any_expr, as Elasticsearch's.
        self.scored_expr = any_expr if any_expr and query_plan.optional else None
        # The phrases of any_expr, in its order (search.backends.embedded.searcher.word_expression).
        self.any_phrases = [option for options in query_plan.any_words for option in options]
        self.all_expr, self.phrase_expr = all_expr, phrase_expr
        self.filters, self.filter_params = filters, filter_params
        self.known_keys = None  # date sorts: keys(all_expr), when looked up in advance

    def _from(self, attrs=False):
        """FROM and WHERE (after the MATCH) with the filters, and their parameters."""
        if not self.filters and not attrs:
            return "fts", "", []
        return (
            "fts CROSS JOIN attrs a ON a.id = fts.rowid",
            f" AND {self.filters}" if self.filters else "",
            self.filter_params,
        )

    def count(self, connection, expr):
        """The rows matching expr and the filters (kept while the file is unchanged)."""
        source, where, params = self._from()

        def compute():
            return connection.execute(
                f"SELECT count(*) FROM {source} WHERE fts MATCH ?{where}", [expr, *params]
            ).fetchone()[0]

        with read_snapshot(connection):
            return Counts(connection, self.path).kept(("count", expr, where, *params), compute)

    def keys(self, connection, expr):
        """Date sorts: the sort keys of the matching rows up to the page's end (a sort
        with a LIMIT keeps only that many rows)."""
        key, direction = DATE_KEYS[self.query.sort]
        source, where, params = self._from(attrs=True)
        return [
            row[0]
            for row in connection.execute(
                f"SELECT {key} FROM {source} WHERE fts MATCH ?{where} ORDER BY {key} {direction} LIMIT ?",
                [expr, *params, self.query.offset + self.query.per_page],
            )
        ]

    def max_boost(self):
        """The largest factor the boosts of ranked() can multiply a score by."""
        query, factor = self.query, 1.0
        if self.phrase_expr:
            factor *= 1 + PHRASE_BOOST
        if date_ranges(query):
            factor *= 1 + DATE_BOOST
        if typed_phrases(query):
            factor *= 1 + TYPED_BOOST
        for _facet in attribute_boosts(query):
            factor *= 1 + ATTRIBUTE_BOOST
        return factor

    def partial_bound(self, connection, total):
        """(rare expression, bound) for ranking the partial matches among fewer rows: the
        phrases of any_expr in at most half the rows (idf above FTS5's floor), and the
        highest score a row holding none of them can reach (every other phrase at its
        idf * (k1 + 1), times every boost); None when no phrase is rare, or when the
        rare phrases' rows would be most of the matches anyway."""
        counts = Counts(connection, self.path)
        rows = counts.rows()
        matching = [(phrase, counts.phrase(phrase)) for phrase in self.any_phrases]
        rare = [phrase for phrase, n in matching if idf(rows, n) > BM25_MIN_IDF]
        if not rare or sum(n for phrase, n in matching if phrase in rare) >= BOUND_MAX_SHARE * total:
            return None
        others = sum(idf(rows, n) for phrase, n in matching if phrase not in rare)
        bound = others * (BM25_K1 + 1) * self.max_boost()
        return " OR ".join(_phrase(phrase) for phrase in dict.fromkeys(rare)), bound * (1 + BOUND_MARGIN)

    def page(self, connection, base_expr, total, matched_all):
        """[(rowid, full, score)] of the requested page, ranked in SQLite."""
        query, all_expr = self.query, self.all_expr
        offset, limit = query.offset, query.per_page
        if offset >= total:
            return []
        match_expr, full_expr, full_const, key, direction = base_expr, None, "1", None, None
        restrict = None  # an expression the ranked rows also match
        dates, boosts = date_ranges(query), attribute_boosts(query)
        typed = " OR ".join(_phrase(p) for p in typed_phrases(query))
        source, where, where_params = self._from(attrs=query.sort != "relevance" or bool(dates or boosts))
        candidates = total
        if query.sort == "relevance":
            if base_expr != all_expr:
                if matched_all >= offset + limit:
                    # Only full matches can reach the page. FTS5's bm25 depends on the
                    # expression's phrases (the same, in the same order), not on its
                    # operators, so the full matches score alike under all_expr; with
                    # optional words they are scored under base_expr, among themselves.
                    if self.scored_expr:
                        restrict = all_expr
                    else:
                        match_expr = all_expr
                    candidates = matched_all
                else:
                    full_expr = all_expr
            order = "full DESC, score DESC, fts.rowid"
        else:
            # Base rows are all full matches, or (when there are none) all partial.
            full_const = "1" if base_expr == all_expr else "0"
            key, direction = DATE_KEYS[query.sort]
            keys = (
                self.known_keys
                if base_expr == all_expr and self.known_keys is not None
                else self.keys(connection, base_expr)
            )
            if len(keys) <= offset:
                return []
            first, last = keys[offset], keys[-1]
            # The page is a window of the rows keyed first..last, after those keyed before.
            offset -= sum(1 for k in keys[:offset] if k != first)
            where += f" AND {key} BETWEEN ? AND ?"
            where_params = [*where_params, *sorted((first, last))]
            if self.scored_expr and base_expr == all_expr:  # the full matches, scored as partial ones
                match_expr = self.scored_expr
                restrict = all_expr
            candidates = 0  # the rows of a few dates
            order = f"{key} {direction}, score DESC, fts.rowid"
        weights = ", ".join(str(w) for w in FIELD_WEIGHTS.values())

        def ranked(conn, rowids=None, restrict=restrict, window=(limit, offset)):
            """The ranked rows (LIMIT, OFFSET: window), of a rowid range (lowest, highest)
            when given, of those matching `restrict` too when given."""
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
            if dates:  # a hit dated within a date the query names (search.plan.DATE_BOOST)
                score += f" * (CASE WHEN {' OR '.join(['a.date BETWEEN ? AND ?'] * len(dates))} THEN ? ELSE 1 END)"
                params += [*(day for span in dates for day in span), 1 + DATE_BOOST]
            if typed:  # a hit with a real-word typo's typed form (search.plan.TYPED_BOOST)
                score += f" * (CASE WHEN {member} THEN ? ELSE 1 END)"
                params += [typed, *within_params, 1 + TYPED_BOOST]
            for facet, values in boosts:  # a hit of a kind or status the query names (ATTRIBUTE_BOOST)
                marks = ", ".join("?" * len(values))
                score += (
                    f" * (CASE WHEN a.combo IN (SELECT id FROM combos WHERE {facet} IN ({marks})) THEN ? ELSE 1 END)"
                )
                params += [*values, 1 + ATTRIBUTE_BOOST]
            columns.append(f"{score} AS score")
            if key:
                columns.append(f"{key} AS k")
            restrict_sql = f" AND {member}" if restrict else ""
            restrict_params = [restrict, *within_params] if restrict else []
            range_sql = " AND fts.rowid BETWEEN ? AND ?" if rowids else ""
            params += [match_expr, *where_params, *restrict_params, *within_params]
            window = (window[0] + window[1], 0) if rowids else window
            return conn.execute(
                f"SELECT fts.rowid, {', '.join(columns)} FROM {source} "
                f"WHERE fts MATCH ?{where}{restrict_sql}{range_sql} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, *window],
            ).fetchall()

        if full_expr:  # fewer full matches than the page: the partial ones, bounded
            with read_snapshot(connection):  # the counts and bm25's idf of the same contents
                found = self.partial_bound(connection, total)
                rows = (
                    ranked(connection, restrict=f"({all_expr}) OR {found[0]}", window=(offset + limit, 0))
                    if found
                    else []
                )
            # Complete when the window is full and its last row outscores any row left out.
            if len(rows) == offset + limit and rows[-1][2] > found[1]:
                return [row[:3] for row in rows[offset:]]
        if candidates < SPLIT_MIN_ROWS or usable_cores() < 2:
            return [row[:3] for row in ranked(connection)]
        # Two halves of the rowids at once, each ranked to the page's end, then merged
        # in the same order (stable sorts: rowid, then score, then full or date).
        middle = connection.execute("SELECT max(rowid) FROM docs").fetchone()[0] // 2
        upper = helpers().submit(on_own_connection, self.path, self.build_id, ranked, (middle + 1, 2**63 - 1))
        rows = ranked(connection, (-(2**63), middle))
        upper_rows = upper.result()
        rows += ranked(connection, (middle + 1, 2**63 - 1)) if upper_rows is None else upper_rows
        rows.sort(key=lambda row: row[0])
        rows.sort(key=lambda row: row[2], reverse=True)
        if key:
            rows.sort(key=lambda row: row[3], reverse=direction == "DESC")
        else:
            rows.sort(key=lambda row: row[1], reverse=True)
        return [row[:3] for row in rows[offset : offset + limit]]
