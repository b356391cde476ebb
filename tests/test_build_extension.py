"""The book's Sphinx extension (what makes a chapter re-run) and the warmer that
``make book`` runs beside the build."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from placeblind import cache, config
from placeblind.data import catalogue
from placeblind.publishing import sphinx_dependencies, warm
from placeblind.publishing.registry import FIGURES


def test_every_chapter_depends_on_every_module_and_data_file():
    files = set(sphinx_dependencies._dependencies())
    modules = {str(p) for p in cache.PACKAGE_DIR.rglob("*.py")}
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
    again = subprocess.run([sys.executable, "-m", "placeblind", "warm", "--verbose"], cwd=config.REPO_ROOT,
                           capture_output=True, text=True)
    assert again.returncode == 0 and again.stderr == ""  # everything is on disk: nothing computed twice
    assert result.returncode == 0, result.stderr
    from placeblind.publishing import registry

    assert cache.is_stored(registry.figure_png, "sectors_lq_heatmap")
    assert cache.is_stored(registry.registered_table, "summary_findings")   # a table the conclusion's facts read


def test_the_warmer_s_steps_are_read_from_the_chapters_in_build_order():
    steps = warm.chapters_with_steps()
    assert list(steps) == sorted(p.stem for p in (config.REPO_ROOT / "chapters" / "myst").glob("*.md"))
    shown = {label.removeprefix("figure ") for labels in steps.values() for label in labels}
    assert set(FIGURES) <= shown, "every registered figure is shown by a chapter, so the warmer draws it"
    assert "table robustness_findings" in steps["robustness"]
    assert "table attainment_findings" in steps["attainment"]   # the tables a chapter's fact table reads
    assert "tables zip" in steps["introduction"]   # the zip of every table its download link offers


def _warmers(marker: str) -> list[int]:
    """Processes running ``placeblind warm`` with ``marker`` in their environment."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if (proc.name.isdigit() and b"placeblind\x00warm" in (proc / "cmdline").read_bytes()
                    and marker.encode() in (proc / "environ").read_bytes()):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def _default_interrupt() -> None:
    """Ctrl-C's default action in the build's processes: a suite started in the
    background by a non-interactive shell inherits SIGINT ignored, and a shell
    cannot trap a signal ignored on entry, so the interrupt would go unheard."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def _make_book(tmp_path, build: str, **env):
    """``make book`` with ``build`` in place of jupyter-book, its own result cache
    (the marker that finds its warmer) and its own process group, which is ended
    afterwards whatever the test found."""
    marker = str(tmp_path / "cache")
    environment = {**os.environ, "PLACEBLIND_CACHE": marker, **env}
    process = subprocess.Popen(["make", "--no-print-directory", "book", f"JB={build}"], cwd=config.REPO_ROOT,
                               env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=_default_interrupt)
    try:
        yield process, marker
    finally:
        for pid in _warmers(marker):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def _wait_for(condition, seconds: float = 60.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds processes through /proc")
def test_a_failed_build_leaves_no_warmer_running(tmp_path):
    with _make_book(tmp_path, "sh -c 'sleep 10; false' jb") as (process, marker):
        assert _wait_for(lambda: _warmers(marker)), "the warmer starts beside the build"
        process.wait(timeout=120)
        assert process.returncode != 0
        assert _wait_for(lambda: not _warmers(marker), 5)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds processes through /proc")
def test_an_interrupted_build_leaves_no_warmer_running(tmp_path):
    with _make_book(tmp_path, "sh -c 'sleep 60' jb") as (process, marker):
        assert _wait_for(lambda: _warmers(marker))
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends
        process.wait(timeout=60)
        assert process.returncode != 0
        assert _wait_for(lambda: not _warmers(marker), 5)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds processes through /proc")
def test_a_warmer_whose_parent_is_killed_outright_stops(tmp_path):
    with _make_book(tmp_path, "sh -c 'sleep 60' jb") as (process, marker):
        assert _wait_for(lambda: _warmers(marker))
        (warmer,) = _warmers(marker)
        shell = int(Path(f"/proc/{warmer}/stat").read_text().rsplit(")", 1)[1].split()[1])
        os.kill(shell, signal.SIGKILL)  # no trap runs
        assert _wait_for(lambda: not _warmers(marker), 10)


def test_a_failing_warmer_fails_the_build_and_says_why(tmp_path):
    with _make_book(tmp_path, "sh -c 'sleep 15' jb", PLACEBLIND_CACHE_MB="-1") as (process, _):
        process.wait(timeout=180)
        err = process.stderr.read()
    assert process.returncode != 0
    assert "PLACEBLIND_CACHE_MB must be a positive number" in err
    assert "the warmer (python -m placeblind warm) failed" in err
