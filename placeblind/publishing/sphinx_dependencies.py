"""Sphinx extension: make every chapter notebook depend on the data files and
on this package, so a changed input file or a changed measure re-executes the
chapters on the next build (an unchanged tree rebuilds in about a second)."""

from __future__ import annotations

from pathlib import Path

from .. import config
from ..data.catalogue import catalogue

PACKAGE_DIR = Path(__file__).resolve().parent


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


def setup(app):
    app.connect("source-read", _note_dependencies)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
