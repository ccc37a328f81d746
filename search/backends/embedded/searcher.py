"""Searching the embedded index (semantics in search.plan, shared with Elasticsearch).

A search evaluates each FTS5 expression once: the facet combinations of the matches
(from the narrow `attrs` table, so the wide `docs` rows are only read for the hits shown)
give the total and the facets, and BM25 is computed only for the rows that can reach the
requested page.
"""

import json
import sqlite3
from collections import Counter
from contextlib import closing

from ...parallel import usable_cores
from ...plan import (
    DATE_ONLY_SORT,
    PHRASE_FIELDS,
    QueryPlan,
    date_only,
    date_ranges,
    full_matches_only,
    hit_from,
    layer_plan,
)
from ...query import FACETS, SearchResults
from . import layer
from .ranking import DATE_KEYS, RankingPlan, helpers
from .schema import connect, on_own_connection
from .stats import Counts, read_snapshot


def _phrase(text):
    return '"' + text.replace('"', '""') + '"'


def word_expression(options):
    """FTS5 expression for one query word (search.plan.word_options): any of its options,
    a sequence as a phrase."""
    phrases = [_phrase(option) for option in options]
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"


_COMBO_CACHE = {}  # build_id -> {combo id: facet values}, see combo_values


def _sql_order(value):
    """Sort key of a value as SQLite orders a column: numbers, then text, then blobs."""
    if isinstance(value, (int, float)):
        return 0, value, b""
    if isinstance(value, str):
        return 1, 0, value.encode()
    return 2, 0, bytes(value)


def histogram(connection, expr, path=None):
    """{combo id: number of documents} of the documents matching expr, in one pass
    (the ids come back as one string: no sorting, no row per document); kept while the
    file at `path` is unchanged (stats.Counts) when a path is given."""

    def compute():
        ids = connection.execute(
            "SELECT group_concat(a.combo) FROM fts CROSS JOIN attrs a ON a.id = fts.rowid WHERE fts MATCH ?", (expr,)
        ).fetchone()[0]
        return {int(combo): count for combo, count in Counter(ids.split(",")).items()} if ids else {}

    if path is None:
        return compute()
    with read_snapshot(connection):
        return Counts(connection, path).kept(("histogram", expr), compute)


def combo_values(connection, build_id, ids):
    """{combo id: facet values} for ids. Combination rows never change within a file
    (its build_id), so they are kept per process and only new ones are read."""
    known = _COMBO_CACHE.get(build_id)
    if known is None or any(combo not in known for combo in ids):
        known = dict(known or {})
        rows = connection.execute(f"SELECT id, {', '.join(FACETS)} FROM combos WHERE id > ?", (max(known, default=0),))
        known.update((row[0], row[1:]) for row in rows)
        while len(_COMBO_CACHE) >= 8:  # files of earlier builds
            _COMBO_CACHE.pop(next(iter(_COMBO_CACHE)))
        _COMBO_CACHE[build_id] = known
    return known


def failed_filters(connection, ids, filters):
    """{combo id: [names of the filters it fails]} for the combos in ids that fail any;
    SQLite compares, as the filter's WHERE on the column would."""
    failed = {}
    if not filters:
        return failed
    ids_json = json.dumps(sorted(ids))
    for name in FACETS:
        if name in filters:
            passing = {
                row[0]
                for row in connection.execute(
                    f"SELECT id FROM combos WHERE {name} = ? AND id IN (SELECT value FROM json_each(?))",
                    (filters[name], ids_json),
                )
            }
            for combo in ids:
                if combo not in passing:
                    failed.setdefault(combo, []).append(name)
    return failed


def search(path, query):
    """Semantics in search.query: hits match any required word, full matches (every
    word) first, BM25 with FIELD_WEIGHTS boosted for a phrase, ties in index order;
    date sorts show only full matches when there are any; each facet counts the hit set
    without its own filter."""
    results = SearchResults(query=query)
    if not query.terms:
        return results
    if date_only(query):
        with closing(connect(path)) as connection:
            dated = date_search(connection, query)
        if dated is not None:
            return dated
    query_plan = QueryPlan.for_query(query)
    expressions = [word_expression(options) for options in query_plan.words]
    # Any word, optional ones too (a date's, a kind's); all the required ones.
    any_expr = " OR ".join(word_expression(options) for options in query_plan.any_words)
    all_expr = " AND ".join(expressions)
    phrase_expr = f"{{{' '.join(PHRASE_FIELDS)}}} : {_phrase(query_plan.phrase)}" if query_plan.phrase else None
    # Filters as SQLite compares them on the columns, through the combinations table.
    names = [name for name in FACETS if name in query.filters]
    filters = f"a.combo IN (SELECT id FROM combos WHERE {' AND '.join(f'{n} = ?' for n in names)})" if names else None
    filter_params = [query.filters[name] for name in names]
    parallel = usable_cores() > 1
    with closing(connect(path)) as connection:
        build_id = connection.execute("SELECT value FROM index_meta WHERE key = 'build_id'").fetchone()[0]
        plan = RankingPlan(path, build_id, query, all_expr, phrase_expr, filters, filter_params, any_expr)
        if query.sort == "relevance":
            # Total and facets count the partial matches; of the full ones only the
            # number is needed. Both at once when there is a second core.
            base_expr = any_expr
            partial = None
            if any_expr != all_expr and parallel:
                partial = helpers().submit(on_own_connection, path, build_id, histogram, any_expr, path)
            if any_expr == all_expr:
                hist = histogram(connection, all_expr, path)
                matched_all = None  # = total
            else:
                matched_all = plan.count(connection, all_expr)
                hist = partial.result() if partial else None
                if hist is None:
                    hist = histogram(connection, any_expr, path)
        else:
            # Date-sorted lists show only full matches when there are any: partial
            # matches interleaved by date would read as noise. The sort keys of the
            # full matches are looked up meanwhile, in case there are.
            keys = helpers().submit(on_own_connection, path, build_id, plan.keys, all_expr) if parallel else None
            hist = histogram(connection, all_expr, path)
            base_expr = all_expr if full_matches_only(query, len(hist)) else any_expr
            if base_expr == all_expr:
                plan.known_keys = keys.result() if keys else None
            else:
                hist = histogram(connection, any_expr, path)
            matched_all = None if hist and base_expr == all_expr else 0
        # The layer, when the words found too little (the same rule as Elasticsearch's).
        restricted = query.sort != "relevance" and base_expr == all_expr and bool(hist)
        layer_words = layer_plan(query, sum(hist.values()), restricted)
        layer_expr = layer.expression(layer_words) if layer_words else None
        layer_hist = layer.histogram(connection, layer_expr, any_expr if hist else None) if layer_expr else {}
        ids = set(hist) | set(layer_hist)
        values = combo_values(connection, build_id, ids)
        failed = failed_filters(connection, ids, query.filters)
        counts = [{} for _ in FACETS]
        word_total = _tally(hist, values, failed, counts)
        layer_total = _tally(layer_hist, values, failed, counts)
        for name, facet in zip(FACETS, counts):
            results.facets[name] = {
                str(value): count for value, count in sorted(facet.items(), key=lambda vc: (-vc[1], _sql_order(vc[0])))
            }
        results.total = word_total + layer_total
        if not results.total:
            return results
        results.matched_all = word_total if matched_all is None else matched_all
        page = plan.page(connection, base_expr, word_total, results.matched_all) if word_total else []
        if layer_total and len(page) < query.per_page:
            page += layer.page(
                connection,
                query,
                layer_expr,
                any_expr if hist else None,
                filters,
                filter_params,
                DATE_KEYS.get(query.sort),
                max(0, query.offset - word_total),
                query.per_page - len(page),
            )
        if not page:
            return results
        by_id = {row["rowid"]: row for row in _docs(connection, [r[0] for r in page])}
        for rowid, full, score in page:
            row = by_id[rowid]
            results.hits.append(hit_from(dict(zip(row.keys(), row, strict=True)), query, score, full))
    return results


def date_search(connection, query):
    """A date-only query (search.plan.date_only): the records dated within its dates, by
    date then page id, with their facets; None when no record is."""
    dates = date_ranges(query)
    within = "(" + " OR ".join(["a.date BETWEEN ? AND ?"] * len(dates)) + ")"
    within_params = [day for span in dates for day in span]
    ids = connection.execute(f"SELECT group_concat(a.combo) FROM attrs a WHERE {within}", within_params).fetchone()[0]
    if not ids:
        return None
    hist = {int(combo): count for combo, count in Counter(ids.split(",")).items()}
    results = SearchResults(query=query)
    build_id = connection.execute("SELECT value FROM index_meta WHERE key = 'build_id'").fetchone()[0]
    values = combo_values(connection, build_id, set(hist))
    counts = [{} for _ in FACETS]
    results.total = _tally(hist, values, failed_filters(connection, set(hist), query.filters), counts)
    for name, facet in zip(FACETS, counts):
        results.facets[name] = {
            str(value): count for value, count in sorted(facet.items(), key=lambda vc: (-vc[1], _sql_order(vc[0])))
        }
    results.matched_all = results.total
    names = [name for name in FACETS if name in query.filters]
    where = "".join(f" AND c.{name} = ?" for name in names)
    direction = "DESC" if DATE_ONLY_SORT[query.sort] == "newest" else "ASC"
    connection.row_factory = sqlite3.Row
    rows = connection.execute(
        f"SELECT d.* FROM attrs a JOIN combos c ON c.id = a.combo JOIN docs d ON d.rowid = a.id "
        f"WHERE {within}{where} ORDER BY a.date {direction}, d.page_id LIMIT ? OFFSET ?",
        [*within_params, *(query.filters[name] for name in names), query.per_page, query.offset],
    ).fetchall()
    results.hits = [hit_from(dict(zip(row.keys(), row, strict=True)), query, 1.0, True) for row in rows]
    return results


def _tally(hist, values, failed, counts):
    """Add a histogram's documents to the facet counts (one dict per facet) and return how
    many pass every filter: a combination counts towards the total and every facet when it
    passes all filters, towards one facet when it fails only that facet's own filter."""
    if not failed:  # every combination counts everywhere: one facet at a time, fewer lookups
        for position, facet in enumerate(counts):
            column = {}
            for combo, count in hist.items():
                value = values[combo][position]
                column[value] = column.get(value, 0) + count
            column.pop(None, None)
            column.pop("", None)
            for value, count in column.items():
                facet[value] = facet.get(value, 0) + count
        return sum(hist.values())
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
        facet_values = values[combo]
        for position in positions:
            value = facet_values[position]
            if value is not None and value != "":
                counts[position][value] = counts[position].get(value, 0) + count
    return total


def _docs(connection, rowids):
    connection.row_factory = sqlite3.Row
    marks = ", ".join("?" * len(rowids))
    return connection.execute(f"SELECT * FROM docs WHERE rowid IN ({marks})", rowids).fetchall()
