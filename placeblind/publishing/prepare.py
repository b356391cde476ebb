"""``make book``'s computing: the book's results computed in a few processes
while Sphinx reads the chapters.

Every chapter's kernel asks the one cache (:mod:`placeblind.cache`) for the
results it shows: the registered tables and their CSV text, the zip of them all,
the figures and each combined authority's map (:func:`results`). In a clean
build none of them is on disk yet, and thirteen kernels computing them in turn
each load the heavy libraries (statsmodels, SciPy, esda, seaborn) and the data
again. :func:`prepared` computes them instead, in one process per core
(:func:`processes`), each taking the next result not yet taken
(:func:`compute_all`): first any that a chapter is waiting for, otherwise one
process starting on the tables and the other on the drawings. Two processes that
need the same intermediate result share it through the cache's lock.

``make book`` runs it beside Sphinx (:func:`placeblind.publishing.make_book.book`):
a chapter that asks for a result not on disk yet waits for it and says so
(:func:`placeblind.cache.filling`), and the computing takes that result next, so
Sphinx's start, the pages without code and the chapters whose results are ready
use the processor time the computing leaves. A result that fails stops the
build with that result's own error (a data error told in one line, a bug with
its traceback), nothing more is started after a failure, and no worker outlives
the build (each watches its parent and exits when the build is gone, killed or
not). Its own result is kept by the cache like any other, under the package
source, the data and the libraries: a no-change rebuild finds it on disk and
starts no process, and any change to what the results depend on makes it run
again.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from typing import NamedTuple

from ..cache import cached, in_progress, wanted
from ..data import inputs  # noqa: F401 (registers the data, which every result here depends on)

# What the step prints when it has computed the results (``make bench`` reads it).
REPORT = "computed the book's {count} results in {workers} processes in {seconds:.1f} s"


class Result(NamedTuple):
    """One result the chapters read: the call that computes it (picklable, without
    arguments) and the disk keys of the results it stores that a chapter may ask for
    (:func:`placeblind.cache.wanted`)."""
    call: Callable[[], object]
    keys: tuple[str, ...]


def results() -> tuple[list[Result], list[Result]]:
    """Every result the chapters read, in two lists: the tables (the CSV text of
    every registered table, with the table, and the zip of them all) and the
    drawings (every registered figure and each combined authority's map)."""
    from .downloads import registered_tables_zip
    from .registry import (FIGURES, TABLES, authority_map_codes, authority_map_png, figure_png, registered_csv,
                           registered_table)

    def result(function, *arguments, also=()):
        return Result(functools.partial(function, *arguments),
                      tuple(f.disk_key(*arguments) for f in (function, *also)))

    tables = [*(result(registered_csv, name, also=[registered_table]) for name in TABLES),
              result(registered_tables_zip)]
    drawings = [*(result(figure_png, name) for name in FIGURES),
                *(result(authority_map_png, code) for code in authority_map_codes())]
    return tables, drawings


def processes() -> int:
    """Processes that compute the results: ``BOOK_JOBS`` (``book_build.jobs``), at
    most the machine's cores, as the work is all processor time."""
    from .book_build import jobs

    return max(1, min(jobs(), os.cpu_count() or 1))


class _Shared(NamedTuple):
    """What the workers share: the items of both lists (first, then second), the keys
    of each (what a chapter may wait for), the item that stores each key, the length
    of the first list, each item's taken flag, their lock and the stop flag."""
    items: list
    keys: list
    index_of: dict
    n_first: int
    taken: object
    lock: object
    stop: object


_SHARED: _Shared | None = None  # set in each worker (_start)


def _start(parent: int, shared: _Shared) -> None:
    """A worker's set-up: the work shared with the other workers, drawing without a
    screen, and an exit as soon as the process that started it is gone (its parent
    changes), so a killed build leaves nothing computing."""
    global _SHARED
    import matplotlib

    from .book_build import stop_when_gone

    _SHARED = shared
    matplotlib.use("Agg")
    stop_when_gone(parent, lambda: os._exit(1))


def _take(which: int, from_end: bool) -> Callable[[], object] | None:
    """The next item not yet taken: first any whose result a chapter is waiting for
    (:func:`placeblind.cache.wanted`), then the next of list ``which`` (0 or 1), from
    its end when ``from_end`` (list 0 only); None when the list is done or a worker
    has failed. An item whose result another worker is computing already (as a
    step of its own item) is passed over while any other is left: taking it would
    only wait for that worker."""
    items, keys, index_of, n_first, taken, lock, stop = _SHARED
    with lock:
        if stop.value:
            return None
        for key in wanted():
            index = index_of.get(key)
            if index is not None and not taken[index] and not any(map(in_progress, keys[index])):
                taken[index] = 1
                return items[index]
        span = range(n_first, len(items)) if which == 1 else range(n_first)
        left = [index for index in (reversed(span) if from_end else span) if not taken[index]]
        if not left:
            return None
        index = next((index for index in left if not any(map(in_progress, keys[index]))), left[0])
        taken[index] = 1
        return items[index]


def _work(worker: int) -> None:
    """Worker ``worker``'s share (see :func:`compute_all`)."""
    order = [(0, False), (1, False)] if worker % 2 == 0 else [(1, False), (0, True)]
    for which, from_end in order:
        while (item := _take(which, from_end)) is not None:
            try:
                item()  # the result stays in the cache; nothing is sent back
            except BaseException:
                _SHARED.stop.value = 1  # no worker takes another item
                raise


def compute_all(first: Sequence[Result], second: Sequence[Result], workers: int) -> None:
    """Call every item of ``first`` and of ``second`` once, in ``workers``
    processes, and wait for them all.

    The workers take items one at a time, each the next not yet taken. An item
    whose result a chapter is waiting for (one of its keys in
    :func:`placeblind.cache.wanted`) comes first, so the chapters Sphinx is reading
    meanwhile go on (:func:`placeblind.publishing.make_book.book`). Otherwise the
    even-numbered workers take from the start of ``first``, then of ``second``; the
    odd-numbered from the start of ``second``, then from the end of ``first``. So two
    processes begin on unrelated work (the tables, and the drawings, which read
    tables' results) rather than waiting on each other's lock for the same first
    inputs, and meet in the middle of ``first``. On the project's two cores (7
    December 2026) the book's results took 16.7-18.4 s this way, 19.8 s with one
    process on each list and 21.6 s with one list taken from its start, for 32-34 s
    of processor time each. One worker takes ``first``, then ``second``, in order.

    The first failure is raised here as the worker raised it, once the items
    already started have ended; no item starts after it."""
    items = [*(item.call for item in first), *(item.call for item in second)]
    keys = [item.keys for item in [*first, *second]]
    index_of = {key: index for index, item_keys in enumerate(keys) for key in item_keys}
    # Forked where the system allows it, so each worker starts with the libraries this
    # process has loaded (listing the results loaded the registry and pandas).
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    shared = _Shared(items, keys, index_of, len(first), context.Array("b", len(items), lock=False), context.Lock(),
                     context.Value("b", 0, lock=False))
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(os.getpid(), shared))
    try:
        futures = [pool.submit(_work, worker) for worker in range(workers)]
        wait(futures, return_when=FIRST_EXCEPTION)
        failed = [future for future in futures if future.done() and future.exception()]
        if failed:
            raise failed[0].exception()  # with the worker's traceback as its cause
    finally:
        pool.shutdown(wait=True)


@cached(disk=True, maxsize=1)
def prepared() -> int:
    """Compute every result of :func:`results` (see the module note); their number."""
    start, workers = time.perf_counter(), processes()  # a bad BOOK_JOBS stops before any work
    tables, drawings = results()
    compute_all(tables, drawings, workers)
    count = len(tables) + len(drawings)
    print(REPORT.format(count=count, workers=workers, seconds=time.perf_counter() - start), flush=True)
    return count
