"""The book's Sphinx extension: what makes a chapter re-run, and the warmer."""

from __future__ import annotations

import subprocess
import sys

from placeblind import config
from placeblind.data import catalogue, memo
from placeblind.publishing import sphinx_dependencies


def test_every_chapter_depends_on_every_module_and_data_file():
    files = set(sphinx_dependencies._dependencies())
    modules = {str(p) for p in sphinx_dependencies.PACKAGE_DIR.rglob("*.py")}
    assert modules <= files
    assert any(f.endswith("/analysis/sector_measures.py") for f in files)
    assert {str(config.data_dir() / item.path) for item in catalogue.catalogue().values()} <= files
    assert str(config.CATALOGUE_PATH) in files
    # Sphinx reads anything but a file as a missing dependency and re-runs the chapter on every build.
    from pathlib import Path
    assert all(Path(f).is_file() for f in files)


def test_the_fetched_state_changes_only_when_the_nomis_folder_does(bundle):
    state = sphinx_dependencies._fetched_state_file()
    before, stamp = state.read_text(), state.stat().st_mtime_ns
    assert sphinx_dependencies._fetched_state_file().stat().st_mtime_ns == stamp  # unchanged: not rewritten
    (bundle.root / "nomis").mkdir()
    (bundle.root / "nomis" / "FETCHED.csv").write_text("file\n")
    assert sphinx_dependencies._fetched_state_file().read_text() != before


def test_the_warmer_runs_and_leaves_the_shared_results_in_the_cache():
    """Run in the session's result cache (the book build has usually filled it, so this is quick)."""
    result = subprocess.run([sys.executable, "-m", "placeblind", "warm"], cwd=config.REPO_ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    cached = {p.name.split("-")[0] for p in memo.cache_dir().glob("*.pickle")}
    assert any(name.startswith("placeblind.publishing.registry.figure_png") for name in cached)
    assert any(name.startswith("placeblind.publishing.registry.registered_table") for name in cached)
