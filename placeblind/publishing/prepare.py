"""``make book``'s first step: the book's results computed in a few processes
before Sphinx reads the chapters.

Every chapter's kernel asks the one cache (:mod:`placeblind.cache`) for the
results it shows: the registered tables and their CSV text, the zip of them all,
the figures and each combined authority's map (:func:`results`). In a clean
build none of them is on disk yet, and thirteen kernels computing them in turn
each load the heavy libraries (statsmodels, SciPy, esda, seaborn) and the data
again. :func:`prepared` computes them first, in one process per core
(:func:`processes`), each taking the next result not yet taken; two processes
that need the same intermediate result share it through the cache's lock. The
kernels then read every result from disk.

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


def results() -> list[Callable[[], object]]:
    """Every result the chapters read, each as a call without arguments: the CSV
    text of every registered table (the table with it), the zip of them all, every
    registered figure and each combined authority's map."""
    from .downloads import registered_tables_zip
    from .registry import FIGURES, TABLES, authority_map_png, figure_png, registered_csv, registered_table

    return [*(functools.partial(registered_csv, name) for name in TABLES),
            registered_tables_zip,
            *(functools.partial(figure_png, name) for name in FIGURES),
            *(functools.partial(authority_map_png, code)
              for code in registered_table("authority_sections")["authority_code"])]


def processes() -> int:
    """Processes that compute the results: ``BOOK_JOBS`` (``book_build.jobs``), at
    most the machine's cores, as the work is all processor time."""
    from .book_build import jobs

    return max(1, min(jobs(), os.cpu_count() or 1))


def _start(parent: int) -> None:
    """A worker's set-up: draw without a screen, and exit as soon as the process
    that started it is gone (its parent changes), so a killed build leaves nothing
    computing."""
    import matplotlib

    matplotlib.use("Agg")

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="watch the build").start()


def _call(work: Callable[[], object]) -> None:
    work()  # the result stays in the cache; nothing is sent back


def compute_all(work: Sequence[Callable[[], object]], workers: int) -> None:
    """Call every item of ``work`` (picklable calls without arguments) in
    ``workers`` processes, each taking the next item not yet taken, and wait for
    them all. The first failure is raised here as the worker raised it, once the
    items already handed to a worker have ended; the others never start."""
    # Forked where the system allows it, so each worker starts with the libraries this
    # process has loaded (listing the results loaded the registry and pandas).
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                               initializer=_start, initargs=(os.getpid(),))
    try:
        futures = [pool.submit(_call, item) for item in work]
        wait(futures, return_when=FIRST_EXCEPTION)
        failed = [future for future in futures if future.done() and not future.cancelled() and future.exception()]
        if failed:
            raise failed[0].exception()  # with the worker's traceback as its cause
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@cached(disk=True, maxsize=1)
def prepared() -> int:
    """Compute every result of :func:`results` (see the module note); their number."""
    start, workers = time.perf_counter(), processes()  # a bad BOOK_JOBS stops before any work
    work = results()
    compute_all(work, workers)
    print(REPORT.format(count=len(work), workers=workers, seconds=time.perf_counter() - start), flush=True)
    return len(work)
