"""Document counts of terms in the embedded index, for spelling suggestions
(search.plan.suggest): FTS5's own vocabulary (an `fts5vocab` table over `fts`, rows
mode: a term's number of documents, in any column), so it is exact whatever was
indexed, removed or rebuilt, and holds only what the public index holds.

The vocabulary table is a TEMP one, made on the search's connection: the file's
schema is unchanged, so any index file answers."""

import json

VOCAB_TABLE = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING fts5vocab(main, 'fts', 'row')"


def term_counts(connection, terms):
    """{term: number of documents} of the terms any document has (others are left out)."""
    terms = [t for t in dict.fromkeys(terms) if isinstance(t, str) and t]
    if not terms:
        return {}
    connection.execute(VOCAB_TABLE)
    # One equality lookup per term in FTS5's term index (never a scan of the vocabulary).
    rows = connection.execute(
        "SELECT term, doc FROM temp.fts_vocab WHERE term IN (SELECT value FROM json_each(?))", (json.dumps(terms),)
    )
    return {term: count for term, count in rows if count}
