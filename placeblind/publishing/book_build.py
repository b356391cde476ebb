"""``make book``: Jupyter Book's own build, reading the chapters in parallel.

Jupyter Book 1.x builds the site with Sphinx, and MyST-NB executes each chapter
notebook while Sphinx reads it. Sphinx can read pages in several processes at
once (``sphinx-build -j``), and Jupyter Book's ``build_sphinx`` takes that
number as ``jobs``, but its ``jupyter-book build`` command never passes it, so
every chapter runs one after another on one core. :func:`build` runs that same
command with ``jobs`` set, and changes nothing else: the configuration, the
table of contents and the output are the command's own. It is a dozen lines
rather than a copy of the command's set-up (the table of contents, the
configuration overrides), which would drift from the pinned version.

The results the chapters show are computed while Sphinx reads them
(:mod:`placeblind.publishing.make_book`, run by ``python -m placeblind build``);
whatever else two chapters need at the same time is computed once, the other
waiting for it on the cache's lock (:mod:`placeblind.cache`). Sphinx reads in
parallel only when every extension declares it safe;
:mod:`placeblind.publishing.sphinx_dependencies` says why one of Jupyter Book's
default extensions is, and ``_config.yml`` turns off the one that serves only
LaTeX builds.
"""

from __future__ import annotations

import compileall
import functools
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import NoReturn

from .. import config

MAX_DEFAULT_JOBS = 6  # each process runs a chapter's kernel (about 0.5 GB): a large machine stays within memory


def jobs() -> int:
    """Processes that read (and execute) the chapters: ``BOOK_JOBS``, by default one
    more than the machine's cores (a chapter waiting for a shared result leaves its
    core to another; on 2 cores, 3 builds fastest, see the README's timings), at
    most :data:`MAX_DEFAULT_JOBS`."""
    return config.whole_number_setting("BOOK_JOBS", min((os.cpu_count() or 1) + 1, MAX_DEFAULT_JOBS), "processes")


def build(everything: bool = False, processes: int | None = None, source: Path | None = None) -> None:
    """``jupyter-book build -W --keep-going [--all] SOURCE`` (default: the book),
    reading with ``processes`` (default :func:`jobs`) processes. Exits as the command
    does. ``make bench`` builds its empty book, the toolchain floor, the same way."""
    import jupyter_book.sphinx as jupyter_book_sphinx
    from jupyter_book.cli.main import main as jupyter_book

    processes = processes or jobs()
    # Every chapter kernel imports the package; where Python writes no bytecode itself
    # (PYTHONDONTWRITEBYTECODE, as on the project's machine) each would compile the same
    # 18,000 lines again, a tenth of a second a kernel. Up to date, this is a stat a file.
    compileall.compile_dir(Path(__file__).resolve().parent.parent, quiet=1)
    jupyter_book_sphinx.build_sphinx = functools.partial(jupyter_book_sphinx.build_sphinx, jobs=processes)
    arguments = ["build", "-W", "--keep-going", *(["--all"] if everything else []),
                 str(source or config.REPO_ROOT)]
    jupyter_book.main(arguments, prog_name="jupyter-book")


def watched_build(parent: int, everything: bool) -> None:
    """:func:`build`, in a process that leads a session of its own (it starts one if
    it was not started as one) and stops with everything it started when ``parent``
    is gone; the process then ends with the build's status (:func:`end_process`)."""
    if os.getpgrp() != os.getpid():  # so that stopping its group stops only what it started
        os.setsid()
    stop_when_gone(parent, lambda: os.killpg(os.getpgrp(), signal.SIGKILL))
    build_and_end(everything)


def build_and_end(everything: bool) -> None:
    """:func:`build`, and the end of this process with the status the build exits
    with (:func:`end_process`; Jupyter Book's command always exits)."""
    try:
        build(everything)
    except SystemExit as exc:
        end_process(exc.code)


def stop_when_gone(parent: int, stop) -> None:
    """Call ``stop()`` (which ends this process) from a thread of its own as soon as
    ``parent``, the process that started this one, is gone (this process's parent
    changes): how every process ``make book`` starts ends with it, even killed."""
    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        stop()

    threading.Thread(target=watch, daemon=True, name="watch the build").start()


def end_process(code: int | str | None) -> NoReturn:
    """End this process at once with the status ``code`` stands for (as ``sys.exit``
    would), its output flushed. Python's own finalisation, freeing Sphinx's
    environment object by object, took 1.2 s of one core after a clean build and
    0.45 s after a no-change one (7 December 2026) with nothing left to do: Sphinx
    has closed every file it wrote, and what the cache stored is committed."""
    if isinstance(code, str):
        print(code, file=sys.stderr)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)
