"""``make book``: the book's results computed and the book built, at once.

:mod:`placeblind.publishing.prepare` computes the results the chapters show;
:mod:`placeblind.publishing.book_build` runs Jupyter Book's build, in which
Sphinx reads, and so executes, the chapters. :func:`book` runs the two side by
side and answers for both: their failures, and what is left running.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from .. import cache
from . import book_build, prepare


def book(everything: bool = False) -> int:
    """``make book``: the results the chapters show computed
    (:func:`placeblind.publishing.prepare.prepared`) and the book built; the build's
    exit status.

    When the results are on disk already (a rebuild with no change to the source,
    the data or the libraries) this is
    :func:`~placeblind.publishing.book_build.build`. Otherwise both run at once:
    Sphinx starts in a process of its own while this one computes the results
    (:func:`placeblind.cache.filling`), and a chapter whose result is not on disk
    yet waits for it rather than computing it again, so Sphinx's start, the reading
    of the pages and the chapters' kernels use the processor time the computing
    leaves. A result that fails stops the build with its own error (Sphinx and
    everything it started are stopped first); a build that Sphinx fails ends at
    once with Sphinx's status; a killed ``make book`` leaves nothing running (the
    computing processes and Sphinx's each watch this process)."""
    if prepare.prepared.on_disk():
        book_build.build_and_end(everything)
        return 0
    sphinx = subprocess.Popen(sphinx_command(everything), env={**os.environ, cache.AWAIT_FILLING: "1"},
                              start_new_session=True)
    # A build that fails in Sphinx ends now, with Sphinx's status, not when the computing has.
    stopping = threading.Event()
    threading.Thread(target=_end_with, args=(sphinx, stopping), daemon=True, name="watch Sphinx").start()
    try:
        with cache.filling():
            prepare.prepared()
        return sphinx.wait()
    finally:
        stopping.set()
        _stop(sphinx)


def sphinx_command(everything: bool) -> list[str]:
    """The command that runs Sphinx beside the computing
    (:func:`placeblind.publishing.book_build.watched_build`)."""
    return [sys.executable, "-c", "import sys; from placeblind.publishing.book_build import watched_build; "
            "watched_build(int(sys.argv[1]), sys.argv[2] == 'all')", str(os.getpid()), "all" if everything else "-"]


def _end_with(sphinx: subprocess.Popen, stopping: threading.Event) -> None:
    status = sphinx.wait()
    if status != 0 and not stopping.is_set():
        os._exit(status if status > 0 else 1)  # the computing processes watch this one and stop too


def _stop(process: subprocess.Popen) -> None:
    """Stop ``process`` and everything in its session (Sphinx's reading processes)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
