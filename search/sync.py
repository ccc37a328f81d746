"""Keep the public index true to the site: called by the page signals and the commands."""
import logging

from tqdm import tqdm

from .backends import get_index
from .documents import document_for, indexable_pages, is_indexable, restricted_paths, subtree

logger = logging.getLogger(__name__)


def sync_page(page):
    """Index the page if it belongs in the public index, otherwise make sure it is gone."""
    page = page.specific
    index = get_index()
    if is_indexable(page):
        index.index(document_for(page))
    else:
        index.remove(page.pk)


def sync_subtree(page):
    private = restricted_paths()
    index = get_index()
    for descendant in subtree(page):
        if is_indexable(descendant, private):
            index.index(document_for(descendant))
        else:
            index.remove(descendant.pk)


def remove_page(page_id):
    get_index().remove(page_id)


def rebuild(show_progress=False):
    pages = indexable_pages()
    total = pages.count()
    docs = (document_for(page) for page in pages)
    progress = (lambda items: tqdm(items, total=total, desc="สร้างดัชนี", unit="หน้า")) if show_progress else None
    return get_index().rebuild(docs, progress=progress)
