"""``make book``'s first step: the book's results computed in a few processes
before Sphinx reads the chapters.

Every chapter's kernel asks the one cache (:mod:`placeblind.cache`) for the
results it shows: the registered tables and their CSV text, the zip of them all,
the figures and each combined authority's map (:func:`results`). In a clean
build none of them is on disk yet, and thirteen kernels computing them in turn
each load the heavy libraries (statsmodels, SciPy, esda, seaborn) and the data
again. :func:`prepared` computes them first, in one process per core
(:func:`processes`), each taking the next result not yet taken, one process
starting on the tables and the other on the drawings (:func:`compute_all`);
two processes that need the same intermediate result share it through the
cache's lock. The kernels then read every result from disk.

It runs in the foreground of the build, which waits for it: a result that
fails stops the build with that result's own error (a data error told in one
line, a bug with its traceback), nothing more is started after a failure, and
no worker outlives the build (each watches its parent and exits when the build
is gone, killed or not). Its own result is kept by the cache like any other,
under the package source, the data and the libraries: a no-change rebuild finds
it on disk and starts no process, and any change to what the results depend on
makes it run again.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait

from ..cache import cached

# What the step prints when it has computed the results (``make bench`` reads it).
REPORT = "computed the book's {count} results in {workers} processes in {seconds:.1f} s"


def results() -> tuple[list[Callable[[], object]], list[Callable[[], object]]]:
    """Every result the chapters read, each as a call without arguments, in two
    lists: the tables (the CSV text of every registered table, with the table,
    and the zip of them all) and the drawings (every registered figure and each
    combined authority's map)."""
    from .downloads import registered_tables_zip
    from .registry import FIGURES, TABLES, authority_map_codes, authority_map_png, figure_png, registered_csv

    tables = [*(functools.partial(registered_csv, name) for name in TABLES), registered_tables_zip]
    drawings = [*(functools.partial(figure_png, name) for name in FIGURES),
                *(functools.partial(authority_map_png, code) for code in authority_map_codes())]
    return tables, drawings


def processes() -> int:
    """Processes that compute the results: ``BOOK_JOBS`` (``book_build.jobs``), at
    most the machine's cores, as the work is all processor time."""
    from .book_build import jobs

    return max(1, min(jobs(), os.cpu_count() or 1))


_SHARED: tuple = ()  # in a worker: the two lists, the next positions, their lock and the stop flag


def _start(parent: int, shared: tuple) -> None:
    """A worker's set-up: the work shared with the other workers, drawing without a
    screen, and an exit as soon as the process that started it is gone (its parent
    changes), so a killed build leaves nothing computing."""
    global _SHARED
    import matplotlib

    _SHARED = shared
    matplotlib.use("Agg")

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="watch the build").start()


def _take(which: int, from_end: bool) -> Callable[[], object] | None:
    """The next item not yet taken of list ``which`` (0 or 1), from its end when
    ``from_end`` (list 0 only); None when the list is done or a worker has failed."""
    lists, positions, lock, stop = _SHARED
    with lock:
        if stop.value:
            return None
        front, back, drawn = positions
        if which == 1:
            positions[2] = drawn + 1
            return lists[1][drawn] if drawn < len(lists[1]) else None
        if front >= back:
            return None
        if from_end:
            positions[1] = back - 1
            return lists[0][back - 1]
        positions[0] = front + 1
        return lists[0][front]


def _work(worker: int) -> None:
    """Worker ``worker``'s share (see :func:`compute_all`)."""
    order = [(0, False), (1, False)] if worker % 2 == 0 else [(1, False), (0, True)]
    for which, from_end in order:
        while (item := _take(which, from_end)) is not None:
            try:
                item()  # the result stays in the cache; nothing is sent back
            except BaseException:
                _SHARED[3].value = 1  # no worker takes another item
                raise


def compute_all(first: Sequence[Callable[[], object]], second: Sequence[Callable[[], object]], workers: int) -> None:
    """Call every item of ``first`` and of ``second`` (picklable calls without
    arguments) once, in ``workers`` processes, and wait for them all.

    The workers take items one at a time, each the next not yet taken: the
    even-numbered from the start of ``first``, then of ``second``; the odd-numbered
    from the start of ``second``, then from the end of ``first``. So two
    processes begin on unrelated work (the tables, and the drawings, which read
    tables' results) rather than waiting on each other's lock for the same first
    inputs, and meet in the middle of ``first``. On the project's two cores (7
    December 2026) the book's results took 16.7-18.4 s this way, 19.8 s with one
    process on each list and 21.6 s with one list taken from its start, for 32-34 s
    of processor time each. One worker takes ``first``, then ``second``, in order.

    The first failure is raised here as the worker raised it, once the items
    already started have ended; no item starts after it."""
    # Forked where the system allows it, so each worker starts with the libraries this
    # process has loaded (listing the results loaded the registry and pandas).
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    shared = ((list(first), list(second)), context.Array("i", [0, len(first), 0], lock=False), context.Lock(),
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
