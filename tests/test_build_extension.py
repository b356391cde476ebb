"""The book's Sphinx extension (what makes a chapter re-run, and what lets the
chapters be read in parallel) and ``make book``'s parallel build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from placeblind import cache, config
from placeblind.data import catalogue
from placeblind.errors import SettingsError
from placeblind.publishing import book_build, sphinx_dependencies


def test_every_chapter_depends_on_every_module_and_data_file():
    files = set(sphinx_dependencies._dependencies())
    modules = {str(p) for p in cache.PACKAGE_DIR.rglob("*.py")}
    assert modules <= files
    assert any(f.endswith("/analysis/sector_measures.py") for f in files)
    assert {str(config.data_dir() / item.path) for item in catalogue.catalogue().values()} <= files
    assert str(config.CATALOGUE_PATH) in files
    # Sphinx reads anything but a file as a missing dependency and re-runs the chapter on every build.
    assert all(Path(f).is_file() for f in files)


def test_the_fetched_state_changes_only_when_the_nomis_folder_does(bundle):
    state = sphinx_dependencies._fetched_state_file()
    before, stamp = state.read_text(), state.stat().st_mtime_ns
    assert sphinx_dependencies._fetched_state_file().stat().st_mtime_ns == stamp  # unchanged: not rewritten
    (bundle.root / "nomis").mkdir()
    (bundle.root / "nomis" / "FETCHED.csv").write_text("file\n")
    assert sphinx_dependencies._fetched_state_file().read_text() != before


def test_book_jobs_default_to_one_more_than_the_cores_and_take_a_setting(monkeypatch):
    monkeypatch.delenv("BOOK_JOBS", raising=False)
    assert book_build.jobs() == min((os.cpu_count() or 1) + 1, book_build.MAX_DEFAULT_JOBS)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert book_build.jobs() == 2
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert book_build.jobs() == book_build.MAX_DEFAULT_JOBS
    monkeypatch.setenv("BOOK_JOBS", "1")
    assert book_build.jobs() == 1
    monkeypatch.setenv("BOOK_JOBS", " 4 ")
    assert book_build.jobs() == 4


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_a_bad_book_jobs_setting_is_a_settings_error_naming_it(monkeypatch, value):
    monkeypatch.setenv("BOOK_JOBS", value)
    with pytest.raises(SettingsError, match="BOOK_JOBS"):
        book_build.jobs()


def test_a_bad_book_jobs_setting_stops_make_book_s_command_in_one_line():
    result = subprocess.run([sys.executable, "-m", "placeblind", "build"], cwd=config.REPO_ROOT,
                            env={**os.environ, "BOOK_JOBS": "none"}, capture_output=True, text=True)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "configuration error: BOOK_JOBS must be a whole number of processes, 1 or more, not 'none'"]


def test_jupyter_book_s_build_still_takes_the_jobs_it_is_given():
    """book_build passes ``jobs`` to Jupyter Book's own build_sphinx: a new pinned
    version without that argument must fail here, not build on one core unnoticed."""
    import inspect

    import jupyter_book.sphinx

    assert "jobs" in inspect.signature(jupyter_book.sphinx.build_sphinx).parameters


@pytest.mark.filterwarnings("ignore:nodes.Node.traverse:PendingDeprecationWarning")  # in the pinned extension
def test_the_chapter_numbering_extension_is_declared_safe_for_parallel_reading(tmp_path):
    """A Sphinx project with Jupyter Book's numbering extension and ours reads in
    parallel (without ours Sphinx warns and reads serially), and the numbering still
    runs on across two numbered toctrees, as the book's parts do."""
    sphinx = pytest.importorskip("sphinx.application")
    (tmp_path / "conf.py").write_text(
        "extensions = ['sphinx_multitoc_numbering', 'placeblind.publishing.sphinx_dependencies']\n", encoding="utf-8")
    (tmp_path / "index.rst").write_text(
        "Top\n===\n\n.. toctree::\n   :numbered:\n\n   a\n\n.. toctree::\n   :numbered:\n\n   b\n",
        encoding="utf-8")
    for name in "ab":
        (tmp_path / f"{name}.rst").write_text(f"Page {name}\n======\n\nText.\n", encoding="utf-8")
    app = sphinx.Sphinx(str(tmp_path), str(tmp_path), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                        status=None, warning=None, parallel=2, freshenv=True)
    assert app.is_parallel_allowed("read")
    app.build()
    assert app.env.toc_secnumbers["a"][""] == (1,) and app.env.toc_secnumbers["b"][""] == (2,)


@pytest.mark.filterwarnings("ignore:nodes.Node.traverse:PendingDeprecationWarning")  # the numbering extension, if loaded
def test_numbered_references_unpickle_each_target_page_once_and_number_as_sphinx_does(tmp_path, monkeypatch):
    """Five {numref}s into one page's table: each gets Sphinx's number ("Table 1",
    "Table 2"), and the target page's stored doctree is unpickled once for all of
    them (Sphinx's own domain unpickles it once per reference)."""
    sphinx = pytest.importorskip("sphinx.application")
    from sphinx.environment import BuildEnvironment

    (tmp_path / "conf.py").write_text(
        "extensions = ['placeblind.publishing.sphinx_dependencies']\nnumfig = True\n", encoding="utf-8")
    (tmp_path / "index.rst").write_text(
        "Top\n===\n\n.. toctree::\n   :numbered:\n\n   a\n   b\n", encoding="utf-8")
    refs = "\n\n".join(f"See :numref:`{label}`." for label in ["first", "second", "first", "second", "first"])
    (tmp_path / "a.rst").write_text(f"Page a\n======\n\n{refs}\n", encoding="utf-8")
    table = ".. _{0}:\n\n.. table:: {0}\n\n   = =\n   x y\n   = =\n   1 2\n   = =\n"
    (tmp_path / "b.rst").write_text("Page b\n======\n\n" + table.format("first") + "\n" + table.format("second"),
                                    encoding="utf-8")
    reads = []
    original = BuildEnvironment.get_doctree
    monkeypatch.setattr(BuildEnvironment, "get_doctree",
                        lambda env, docname: reads.append(docname) or original(env, docname))
    app = sphinx.Sphinx(str(tmp_path), str(tmp_path), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                        status=None, warning=None, freshenv=True)
    app.build()
    page = (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    assert [m for m in re.findall(r"Table \d+(?:\.\d+)*", page)] == ["Table 2.1", "Table 2.2", "Table 2.1",
                                                                      "Table 2.2", "Table 2.1"]
    assert reads.count("b") == 2  # written once, and read once for all five references
