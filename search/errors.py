"""Errors shared by the index backends, the sync and the views (no imports: no cycles)."""


class SearchUnavailable(Exception):
    """The index cannot answer right now (e.g. the cluster is down, the index file is busy)."""


class IndexDamaged(SearchUnavailable):
    """The index is missing, empty, corrupt or truncated: only `search_index rebuild` repairs it."""
