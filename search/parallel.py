"""Analysis in forked worker processes, for work big enough to repay the fork: a rebuild's
documents, a large import's pages. Results come back in input order, so what is built
from them is the same as a serial build's.

Workers are forked (they inherit the loaded dictionary), and only from a process without
other threads, where forking is safe; otherwise, and for small jobs, analysis runs here.
A worker freezes what it inherits out of the garbage collector's sight (see _worker_start).
"""

import gc
import itertools
import multiprocessing
import os
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor

from . import analysis, plan

BATCH = 200  # texts per job of a worker
PARALLEL_MIN = 2000  # fewer texts are analysed in-process (a rebuild's default)


def usable_cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork():
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _worker_start():
    """In a freshly forked worker: the inherited objects (the dictionary, the per-word caches)
    move to the collector's permanent generation, so its full collections, which the
    analysis' allocations set off, neither walk them nor write to their pages (which the
    parent shares with the worker until written)."""
    gc.freeze()


def _analyse_batch(fields):
    """Worker job: fresh analysed columns (the parent keeps any memo)."""
    return [plan.analyse(*f) for f in fields]


def analysed_fields(fields, workers=None, parallel_min=PARALLEL_MIN):
    """plan.analysed_values(*f) for each (identifier, title, body, meta[, files]) in
    `fields` (an iterable, read lazily), in order; in `workers` processes (default: one per usable core)
    when there are at least `parallel_min`, unless an analysis memo (which has most of
    them: see prime) is running."""
    if plan.current_memo() is not None:
        return (plan.analysed_values(*f) for f in fields)
    return _analysed(fields, workers, parallel_min)


def _analysed(fields, workers=None, parallel_min=PARALLEL_MIN):
    fields = iter(fields)
    head = list(itertools.islice(fields, parallel_min))
    workers = usable_cores() if workers is None else workers
    if len(head) < parallel_min or workers < 2 or not can_fork():
        for f in itertools.chain(head, fields):
            yield plan.analyse(*f)
        return
    analysis.index_document("")  # the dictionary loaded once, here, for every worker to inherit
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker_start)
    try:
        pending = deque()
        for batch in _batches(itertools.chain(head, fields), BATCH):
            pending.append(pool.submit(_analyse_batch, batch))
            if len(pending) > 2 * workers:  # bounded: the texts are not all held in memory
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def prime(fields, parallel_min=BATCH):
    """Inside plan.analysis_memo(): analyse every text not in the memo yet, in worker
    processes when there are enough, so that later analysed_values calls find them.
    `fields`: (identifier, title, body, meta[, files]) tuples, keyed as analysed_values
    keys them (plan.memo_key: a 5-tuple with no files text is its 4-tuple)."""
    memo = plan.current_memo()
    if memo is None:
        return
    missing = list(dict.fromkeys(key for key in (plan.memo_key(*f) for f in fields) if key not in memo))
    for key, columns in zip(missing, _analysed(missing, parallel_min=parallel_min), strict=True):
        memo[key] = columns


def _batches(items, size):
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
