"""The contract every public index backend keeps (embedded SQLite FTS5, Elasticsearch).

Both receive the same SearchDocuments (search.documents) and the same SearchQuery
(search.query), follow the same plan (search.plan) and answer with SearchResults. Every
failure to reach or read the index is raised as SearchUnavailable (IndexDamaged when only
a rebuild repairs it): callers never see sqlite3 or client errors.
"""

from abc import ABC, abstractmethod

from ..errors import IndexDamaged, SearchUnavailable

__all__ = ["IndexDamaged", "SearchIndex", "SearchUnavailable"]


class SearchIndex(ABC):
    name = ""  # "embedded", "elasticsearch": shown by `search_index status`

    @abstractmethod
    def index(self, doc):
        """Add or replace one document (by page_id) in the live index."""

    @abstractmethod
    def remove(self, page_id):
        """Remove a page's document; removing one that is not there is not an error."""

    def index_many(self, docs, remove=()):
        """Add or replace `docs` and remove the pages `remove` (ids) in the live index, in one
        write where the backend can (the pages an import published: search.sync.sync_pages).
        All or nothing is not promised here; callers keep every change pending on failure."""
        for page_id in remove:
            self.remove(page_id)
        for doc in docs:
            self.index(doc)

    @abstractmethod
    def rebuild(self, docs, progress=None, before_swap=None):
        """Build a complete new index from docs while the live one keeps answering, then
        make it live atomically; returns the number of documents.

        progress(iterable) wraps the documents (a progress bar); before_swap(writer) runs
        just before the swap, where writer.index(doc) and writer.remove(page_id) change the
        new index (the sync replays updates made meanwhile)."""

    @abstractmethod
    def search(self, query):
        """SearchResults for a SearchQuery (hits of the requested page, total, facets)."""

    @abstractmethod
    def status(self):
        """{backend, path, documents, built_at, analysis_version, document_version,
        current_*_version, rebuild_due, ...} (search.plan.version_status)."""

    @abstractmethod
    def page_ids(self):
        """The set of page ids in the live index."""
