"""Sphinx extension for the book's build: every chapter notebook depends on the
data files, the catalogue and this package, so a changed input file or a
changed measure re-executes the chapters on the next build (an unchanged tree
rebuilds in seconds).

It also lets Sphinx read the chapters in parallel (:mod:`placeblind.publishing.book_build`).
Sphinx reads in one process when any extension does not declare itself safe for
parallel reading, and one of Jupyter Book's defaults, ``sphinx_multitoc_numbering``
(chapter numbers that run on across the parts of the table of contents), declares
nothing. All it does is replace the method that numbers the sections
(``TocTreeCollector.assign_section_numbers``), which Sphinx calls once, in the main
process, after the parallel reads are merged; so it is declared safe here
(:func:`_declare_numbering_parallel_safe`). The other undeclared default,
``sphinx_jupyterbook_latex``, acts only on LaTeX builds and is turned off in
``_config.yml``.

And it keeps Sphinx from reading the same page's stored doctree dozens of times
while it numbers the cross-references (:class:`NumberedReferences`)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sphinx.domains.std import StandardDomain

from .. import config
from ..cache import package_sources
from ..data.catalogue import catalogue
from ..data.fetched import FOLDER


def _fetched_state_file() -> Path:
    """A small file that lists the fetched files with their sizes and times, rewritten
    only when that list changes. Sphinx can depend on files only (a directory reads
    as a missing dependency, which re-runs every chapter on every build), so this
    file stands for the ``nomis/`` folder: a first fetch, a new year or a re-fetch
    changes it, and an unchanged folder leaves it alone."""
    data = config.data_dir()
    lines = []
    if (data / FOLDER).is_dir():
        for path in sorted((data / FOLDER).iterdir()):
            if path.is_file():
                stat = path.stat()
                lines.append(f"{path.name}\t{stat.st_size}\t{stat.st_mtime_ns}")
    text = "\n".join([str(data), *lines]) + "\n"
    # One file per data directory, so a build against another directory (a test's) leaves this one alone.
    key = hashlib.sha256(str(data).encode()).hexdigest()[:12]
    state = config.REPO_ROOT / "_build" / f".placeblind-fetched-state-{key}"
    if not state.is_file() or state.read_text(encoding="utf-8") != text:
        state.parent.mkdir(parents=True, exist_ok=True)
        state.write_text(text, encoding="utf-8")
    return state


def _dependencies() -> list[str]:
    """Files only: Sphinx reads a directory dependency as missing and re-reads the page."""
    files = [str(config.CATALOGUE_PATH)]
    files += [str(p) for p in package_sources()]
    data = config.data_dir()
    files += [str(data / item.path) for item in catalogue().values()]
    files.append(str(_fetched_state_file()))
    return files


def _note_dependencies(app, docname, source):
    if str(app.env.doc2path(docname)).endswith(".ipynb"):
        for path in _dependencies():
            app.env.note_dependency(path)


def _declare_numbering_parallel_safe(app) -> None:
    """See the module note: the numbering runs in the main process after the reads."""
    app.setup_extension("sphinx_multitoc_numbering")  # loaded once; Jupyter Book's own load is then a no-op
    extension = app.extensions["sphinx_multitoc_numbering"]
    extension.parallel_read_safe = extension.parallel_write_safe = True


class NumberedReferences(StandardDomain):
    """Sphinx's standard domain, with one change: to number a ``{numref}`` (a table
    or figure number), Sphinx unpickles the whole doctree of the page that holds
    the target, once per reference, in the main process while every other process
    waits. The book has 77 such references into a dozen pages whose doctrees, full
    of rendered tables, take tens of milliseconds each to unpickle: seconds of a
    clean build. Here each page's doctree is unpickled once per stored version
    (the file's time and size) and only looked up, never changed, by the
    numbering, which is all Sphinx's own method does with it."""

    def _resolve_numref_xref(self, env, *args, **kwargs):
        stored = self.__dict__.setdefault("_targets", {})  # per domain, so per loaded environment

        def get_doctree(docname):
            stat = os.stat(os.path.join(env.doctreedir, docname + ".doctree"))
            version = (stat.st_mtime_ns, stat.st_size)
            if stored.get(docname, (None,))[0] != version:
                stored[docname] = (version, type(env).get_doctree(env, docname))
            return stored[docname][1]

        env.get_doctree = get_doctree  # Sphinx's method reads it through the environment
        try:
            return super()._resolve_numref_xref(env, *args, **kwargs)
        finally:
            del env.get_doctree


def setup(app):
    app.add_domain(NumberedReferences, override=True)
    if "sphinx_multitoc_numbering" in app.config.extensions:
        _declare_numbering_parallel_safe(app)
    app.connect("source-read", _note_dependencies)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
