"""Sphinx extension for the book's build.

- Every chapter notebook depends on the data files, the catalogue and this
  package, so a changed input file or a changed measure re-executes the
  chapters on the next build (an unchanged tree rebuilds in seconds).
- When chapters are about to be executed, a second process computes the
  results they share (:mod:`placeblind.publishing.warm`), using the core the
  one-at-a-time chapter kernels leave idle.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .. import config
from ..data.catalogue import catalogue

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the whole placeblind package


def _dependencies() -> list[str]:
    files = [str(config.CATALOGUE_PATH)]
    files += [str(p) for p in sorted(PACKAGE_DIR.rglob("*.py"))]
    data = config.data_dir()
    files += [str(data / item.path) for item in catalogue().values()]
    return files


def _note_dependencies(app, docname, source):
    if str(app.env.doc2path(docname)).endswith(".ipynb"):
        for path in _dependencies():
            app.env.note_dependency(path)


def _start_warmer(app, env, docnames):
    """Start the warmer when at least one notebook will be executed."""
    if not any(str(env.doc2path(name)).endswith(".ipynb") for name in docnames):
        return
    # Its output is not needed: a failure shows again, with its message, in the chapter that hits it.
    app.placeblind_warmer = subprocess.Popen(
        [sys.executable, "-m", "placeblind", "warm"], cwd=config.REPO_ROOT, env=os.environ.copy(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop_warmer(app, exception):
    warmer = getattr(app, "placeblind_warmer", None)
    if warmer is not None and warmer.poll() is None:
        warmer.terminate()
        warmer.wait()


def setup(app):
    app.connect("source-read", _note_dependencies)
    app.connect("env-before-read-docs", _start_warmer)
    app.connect("build-finished", _stop_warmer)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
