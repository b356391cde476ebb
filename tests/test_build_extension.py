"""The book's Sphinx extension (what makes a chapter re-run, and what lets the
chapters be read in parallel) and ``make book``'s parallel build."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from placeblind import cache, config
from placeblind.data import catalogue
from placeblind.errors import SettingsError
from placeblind.publishing import book_build, make_book, prepare, sphinx_dependencies


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


# --------------------------------------------------------------------------
# make book's first step: the results computed before Sphinx reads (publishing.prepare)


def test_the_results_prepared_are_every_table_s_csv_the_zip_every_figure_and_each_authority_s_map():
    from placeblind.publishing import downloads, registry

    tables, drawings = prepare.results()
    calls = [(getattr(item.call, "func", item.call), getattr(item.call, "args", ())) for item in [*tables, *drawings]]
    assert {args for func, args in calls if func is registry.registered_csv} == {(name,) for name in registry.TABLES}
    assert {args for func, args in calls if func is registry.figure_png} == {(name,) for name in registry.FIGURES}
    maps = [args[0] for func, args in calls if func is registry.authority_map_png]
    assert maps == registry.authority_map_codes()
    assert all(code.startswith("E47") for code in maps)
    assert (downloads.registered_tables_zip, ()) in calls
    assert len(calls) == len(set(calls))
    assert all(getattr(item.call, "func", None) in (registry.figure_png, registry.authority_map_png)
               for item in drawings)
    # What a chapter asks for, and may wait for: each table as a frame and as CSV text, each drawing.
    keys = {key for item in [*tables, *drawings] for key in item.keys}
    assert {registry.registered_table.disk_key(name) for name in registry.TABLES} <= keys
    assert {registry.registered_csv.disk_key(name) for name in registry.TABLES} <= keys
    assert {registry.figure_png.disk_key(name) for name in registry.FIGURES} <= keys
    assert len(keys) == sum(len(item.keys) for item in [*tables, *drawings])  # no key names two items


def test_results_are_computed_in_the_processes_asked_for_at_most_the_cores(monkeypatch):
    monkeypatch.setenv("BOOK_JOBS", "1")
    assert prepare.processes() == 1
    monkeypatch.setenv("BOOK_JOBS", "64")
    assert prepare.processes() == os.cpu_count()


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_compute_all_calls_every_item_once_in_other_processes(tmp_path, workers):
    log = tmp_path / "log.txt"
    first = _items(functools.partial(_note, log, f"first {n}") for n in range(9))
    second = _items(functools.partial(_note, log, f"second {n}") for n in range(4))
    prepare.compute_all(first, second, workers)
    lines = log.read_text().splitlines()
    names = [line.split(" ", 1)[1] for line in lines]
    assert sorted(names) == sorted([*(f"first {n}" for n in range(9)), *(f"second {n}" for n in range(4))])
    pids = {line.split(" ", 1)[0] for line in lines}
    assert str(os.getpid()) not in pids and len(pids) <= workers
    if workers == 1:  # one worker: the first list, then the second, each in order
        assert names == [*(f"first {n}" for n in range(9)), *(f"second {n}" for n in range(4))]


def test_two_workers_start_on_different_lists_and_meet_in_the_middle_of_the_first(tmp_path):
    log = tmp_path / "log.txt"
    first = _items(functools.partial(_note, log, f"first {n}", 0.05) for n in range(10))
    second = _items(functools.partial(_note, log, f"second {n}", 0.05) for n in range(2))
    prepare.compute_all(first, second, 2)
    by_worker: dict[str, list[str]] = {}
    for line in log.read_text().splitlines():
        pid, name = line.split(" ", 1)
        by_worker.setdefault(pid, []).append(name)
    assert len(by_worker) == 2
    starts_second = next(names for names in by_worker.values() if names[0].startswith("second"))
    starts_first = next(names for names in by_worker.values() if names[0] == "first 0")
    taken_from_end = [int(name.split()[1]) for name in starts_second if name.startswith("first")]
    assert taken_from_end == sorted(taken_from_end, reverse=True) and taken_from_end[0] == 9
    taken_from_start = [int(name.split()[1]) for name in starts_first if name.startswith("first")]
    assert taken_from_start == list(range(len(taken_from_start)))


def test_a_failing_result_stops_with_its_own_error_and_the_rest_never_starts(tmp_path):
    log = tmp_path / "log.txt"
    later = _items(functools.partial(_note, log, f"item {n}", 0.2) for n in range(20))
    with pytest.raises(ValueError, match="invalid literal"):
        prepare.compute_all([*later[:1], *_items([functools.partial(int, "not a number")]), *later[1:10]],
                            later[10:], 2)
    # Two workers: the one failing stops; the other ends the item it is on and takes no more.
    assert 1 <= len(log.read_text().splitlines()) <= 4


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the worker through /proc")
def test_a_killed_build_leaves_no_worker_computing(tmp_path):
    script = ("import functools, time; from placeblind.publishing import prepare; "
              "prepare.compute_all([prepare.Result(functools.partial(time.sleep, 60), ())], [], 1)")
    build = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not (workers := _children(build.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert workers, "the worker never started"
        build.kill()  # as an interrupted make or a CI time-out would
        build.wait()
        deadline = time.monotonic() + 5
        while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(Path(f"/proc/{pid}/status").exists() and "zombie" not in
                       Path(f"/proc/{pid}/status").read_text() for pid in workers)
    finally:
        build.kill()


def test_the_prepared_results_are_computed_once_per_state_of_their_inputs(tmp_path, monkeypatch):
    monkeypatch.setenv("PLACEBLIND_CACHE", str(tmp_path / "cache"))
    runs = []
    monkeypatch.setattr(prepare, "results", lambda: (["one", "two"], ["three"]))
    monkeypatch.setattr(prepare, "compute_all", lambda first, second, workers: runs.append((first, second, workers)))
    monkeypatch.setenv("BOOK_JOBS", "1")
    cache.clear()
    assert prepare.prepared() == 3 and runs == [(["one", "two"], ["three"], 1)]
    cache.clear()  # a new process: the result is on disk, and nothing is computed again
    assert prepare.prepared() == 3 and len(runs) == 1
    monkeypatch.setenv("DATA_VERIFY", "warn")  # another state of the inputs: computed again
    cache.clear()
    assert prepare.prepared() == 3 and len(runs) == 2


def _items(calls) -> list:
    """Items of work for ``compute_all``, each with a key of its own ("key <n>")."""
    return [prepare.Result(call, (f"key {id(call)}",)) for call in calls]


def test_an_item_a_chapter_waits_for_is_taken_before_the_rest(tmp_path, monkeypatch):
    monkeypatch.setenv("PLACEBLIND_CACHE", str(tmp_path / "cache"))
    log = tmp_path / "log.txt"
    first = [prepare.Result(functools.partial(_note, log, f"first {n}"), (f"first key {n}",)) for n in range(6)]
    second = [prepare.Result(functools.partial(_note, log, f"second {n}"), (f"second key {n}",)) for n in range(3)]
    with cache.filling():
        for key in ("an unknown key", "first key 4", "second key 2", "first key 4"):
            cache.want(key)
        prepare.compute_all(first, second, 1)
    names = [line.split(" ", 1)[1] for line in log.read_text().splitlines()]
    assert names == ["first 4", "second 2", *(f"first {n}" for n in (0, 1, 2, 3, 5)), "second 0", "second 1"]


def test_an_item_another_worker_is_computing_already_is_taken_last(tmp_path, monkeypatch):
    monkeypatch.setenv("PLACEBLIND_CACHE", str(tmp_path / "cache"))
    log = tmp_path / "log.txt"
    first = [prepare.Result(functools.partial(_note, log, f"first {n}"), (f"first key {n}",)) for n in range(4)]
    second = [prepare.Result(functools.partial(_note, log, f"second {n}"), (f"second key {n}",)) for n in range(2)]
    # "first key 1" is being computed elsewhere (as a step of another item) all along;
    # a chapter waits for it, and for "second key 1".
    monkeypatch.setattr(prepare, "in_progress", lambda key: key == "first key 1")
    with cache.filling():
        cache.want("first key 1")
        cache.want("second key 1")
        prepare.compute_all(first, second, 1)
    names = [line.split(" ", 1)[1] for line in log.read_text().splitlines()]
    assert names == ["second 1", "first 0", "first 2", "first 3", "first 1", "second 0"]


def _note(log: Path, name: str, after: float = 0) -> None:
    """An item of work: after ``after`` seconds, append "<pid> <name>" to ``log``."""
    time.sleep(after)
    with open(log, "a") as handle:
        handle.write(f"{os.getpid()} {name}\n")


def _children(pid: int) -> list[int]:
    children = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            children.append(int(status.parent.name))
    return children


def test_make_bench_reads_the_computing_time_the_step_prints(monkeypatch):
    monkeypatch.syspath_prepend(str(config.REPO_ROOT / "tools"))
    import bench

    printed = prepare.REPORT.format(count=127, workers=2, seconds=15.26)
    assert bench.computing_seconds(f"verified 40 files\n{printed}\nRunning Sphinx v7.4.7\n") == 15.3
    assert bench.computing_seconds("Running Sphinx v7.4.7\n") is None  # nothing computed: on disk already


# --------------------------------------------------------------------------
# make book: the computing and Sphinx at once (make_book.book)


def _stand_in_prepared(monkeypatch, on_disk: bool, compute) -> None:
    def prepared():
        return compute()

    prepared.on_disk = lambda: on_disk
    monkeypatch.setattr(prepare, "prepared", prepared)


def test_with_the_results_on_disk_the_book_is_built_in_this_process(monkeypatch):
    built = []
    _stand_in_prepared(monkeypatch, True, lambda: pytest.fail("nothing is computed"))
    monkeypatch.setattr(book_build, "build", built.append)
    monkeypatch.setattr(make_book.subprocess, "Popen", lambda *a, **k: pytest.fail("no other process"))
    assert make_book.book(everything=True) == 0 and built == [True]


def test_sphinx_runs_beside_the_computing_and_its_readers_await_the_results(monkeypatch, tmp_path):
    monkeypatch.setenv("PLACEBLIND_CACHE", str(tmp_path / "cache"))
    seen = tmp_path / "seen.txt"
    reader = (f"import os, pathlib; pathlib.Path({str(seen)!r}).write_text("
              f"os.environ.get({cache.AWAIT_FILLING!r}, '') + ' ' + str(os.getsid(0) == os.getpid()))")
    monkeypatch.setattr(make_book, "sphinx_command", lambda everything: [sys.executable, "-c", reader])
    computing = []
    _stand_in_prepared(monkeypatch, False, lambda: computing.append(cache.is_filling()))
    assert make_book.book() == 0
    assert computing == [True]  # computed under the filler's mark
    assert seen.read_text() == "1 True"  # Sphinx told to await, and in a session of its own (stopped as one)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the processes through /proc")
def test_a_failing_result_stops_sphinx_and_everything_it_started_and_raises_its_own_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PLACEBLIND_CACHE", str(tmp_path / "cache"))
    pids = tmp_path / "pids.txt"
    sphinx = (f"import os, subprocess, time; child = subprocess.Popen(['sleep', '60']); "
              f"open({str(pids)!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}'); time.sleep(60)")
    monkeypatch.setattr(make_book, "sphinx_command", lambda everything: [sys.executable, "-c", sphinx])

    def fail():
        deadline = time.monotonic() + 30
        while not pids.exists() or len(pids.read_text().split()) < 2:
            assert time.monotonic() < deadline, "the stand-in Sphinx never started"
            time.sleep(0.05)
        raise ValueError("a result's own error")

    _stand_in_prepared(monkeypatch, False, fail)
    with pytest.raises(ValueError, match="a result's own error"):
        make_book.book()
    assert _all_gone([int(pid) for pid in pids.read_text().split()])


def test_a_build_that_sphinx_fails_ends_at_once_with_sphinx_s_status(tmp_path):
    script = ("import sys, time; from placeblind.publishing import make_book, prepare\n"
              "def prepared(): time.sleep(60)\nprepared.on_disk = lambda: False\nprepare.prepared = prepared\n"
              "make_book.sphinx_command = lambda everything: [sys.executable, '-c', 'import sys; sys.exit(3)']\n"
              "sys.exit(make_book.book())\n")
    start = time.monotonic()
    finished = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PLACEBLIND_CACHE": str(tmp_path)},
                              timeout=50)
    assert finished.returncode == 3 and time.monotonic() - start < 30  # not after the 60 s of computing


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the processes through /proc")
def test_a_killed_make_book_leaves_no_sphinx_running(tmp_path):
    pids = tmp_path / "pids.txt"
    sphinx = ("import os, subprocess, sys, time; from placeblind.publishing import book_build\n"
              "def build(everything):\n    child = subprocess.Popen(['sleep', '60'])\n"
              f"    open({str(pids)!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}')\n    time.sleep(60)\n"
              "book_build.build = build\nbook_build.watched_build(int(sys.argv[1]), False)\n")
    script = ("import os, sys, time; from placeblind.publishing import make_book, prepare\n"
              "def prepared(): time.sleep(60)\nprepared.on_disk = lambda: False\nprepare.prepared = prepared\n"
              f"make_book.sphinx_command = lambda everything: [sys.executable, '-c', {sphinx!r}, str(os.getpid())]\n"
              "make_book.book()\n")
    build = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "PLACEBLIND_CACHE": str(tmp_path)})
    try:
        deadline = time.monotonic() + 30
        while not pids.exists() or len(pids.read_text().split()) < 2:
            assert time.monotonic() < deadline, "the stand-in Sphinx never started"
            time.sleep(0.05)
        build.kill()  # as an interrupted make or a CI time-out would
        build.wait()
        assert _all_gone([int(pid) for pid in pids.read_text().split()])
    finally:
        build.kill()


def _all_gone(pids: list[int], seconds: float = 5) -> bool:
    """Whether every one of ``pids`` has ended within ``seconds`` (a signal takes a moment)."""
    deadline = time.monotonic() + seconds
    while _running(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _running(pids)


def _running(pids: list[int]) -> bool:
    """Whether any of ``pids`` is a live process (not a zombie)."""
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        try:
            if "zombie" not in status.read_text():
                return True
        except OSError:
            pass
    return False


@pytest.mark.parametrize("code, status, printed", [(0, 0, ""), (None, 0, ""), (3, 3, ""), ("stopped: why", 1, "stopped: why")])
def test_the_build_process_ends_with_the_build_s_status_and_its_output_flushed(code, status, printed):
    script = ("import os; from placeblind.publishing import book_build\n"
              f"def build(everything):\n    print('written', end=''); raise SystemExit({code!r})\n"
              "book_build.build = build\nbook_build.watched_build(os.getppid(), False)\n")
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert finished.returncode == status and finished.stdout == "written"
    assert finished.stderr.strip() == printed
