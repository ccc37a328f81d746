"""Document counts of terms in the embedded index, for spelling suggestions
(search.plan.suggest): a term's number of documents (in any column), as FTS5 counts the
rows its one-token phrase matches, so it is exact whatever was indexed, removed or
rebuilt, and holds only what the public index holds.

The same number as FTS5's own vocabulary (an `fts5vocab` table in rows mode), found
faster: that table also counts every occurrence, reading each position of the term,
while a phrase count skips the positions. Counts are kept while the file is unchanged
(stats.Counts). A string the `ascii` tokenizer would split or fold is no term of the
index (every indexed term is one of its tokens), so it is left out unread."""

from .stats import Counts, read_snapshot


def term_counts(connection, path, terms):
    """{term: number of documents} of the terms any document has (others are left out)."""
    terms = [t for t in dict.fromkeys(terms) if isinstance(t, str) and t]
    if not terms:
        return {}
    with read_snapshot(connection):
        counts = Counts(connection, path)
        found = {term: counts.term(term) for term in terms}
    return {term: count for term, count in found.items() if count}
