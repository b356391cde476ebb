"""Shared fixtures: the real data bundle and altered copies of it.

Each test starts with ``DATA_DIR`` pointing at the real bundle and
``DATA_VERIFY`` unset (strict). Parsed files and results are cached per process
under a key made of the data directory, the mode and the files' state
(:mod:`placeblind.cache`), so an altered bundle is parsed afresh while the
real one is parsed once for the whole session.

An altered bundle is a temporary folder holding a symlink to every real file;
only the file a test alters is replaced by a real (edited) copy, so the large
files are never copied needlessly.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import functools
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import placeblind
from placeblind import config
from placeblind.data import catalogue
from placeblind.errors import DataError, DataWarning
from placeblind.publishing.sphinx_site import encrypt_kernel_channels


def _real_data_dir() -> Path:
    """The data the suite runs against: ``DATA_DIR`` if set, else the repository's ``data/``."""
    configured = os.environ.get("DATA_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    return (config.REPO_ROOT / "data").resolve()


REAL_DATA_DIR = _real_data_dir()


def real_file(file_id: str) -> Path:
    """The real data file of a catalogue id (as stored: a large CSV ends in ``.csv.gz``)."""
    return REAL_DATA_DIR / catalogue.entry(file_id).path


def read_text(path: Path) -> str:
    """A data file's text, whether stored plain or gzip-compressed. A real file's
    text is read once per process and state (size and time) of the file: the tests
    that alter a copy start from the real text again and again (the five-digit
    file's, 20 MB, took about 0.1 s to decompress each time)."""
    path = Path(path)
    if path.parent.is_relative_to(REAL_DATA_DIR) and not path.is_symlink():
        state = path.stat()
        return _real_text(str(path), state.st_size, state.st_mtime_ns)
    return _read_text(path)


def _read_text(path) -> str:
    with (gzip.open if str(path).endswith(".gz") else open)(path, "rt", encoding="utf-8", newline="") as fh:
        return fh.read()


@functools.lru_cache(maxsize=8)
def _real_text(path: str, size: int, mtime_ns: int) -> str:
    return _read_text(path)


@functools.cache
def _real_tree() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The real bundle's folders and files (bundle-relative), listed once per process:
    every altered copy links the same files (listing them with pathlib for each copy
    cost about 7 ms of a copy's 15)."""
    folders, files = [], []
    for source in sorted(REAL_DATA_DIR.rglob("*")):
        (folders if source.is_dir() else files).append(str(source.relative_to(REAL_DATA_DIR)))
    return tuple(folders), tuple(files)

def clear_caches() -> None:
    """Forget every cached result (only for tests that replace a package function:
    the caches are keyed on the data, so a changed bundle needs no clearing)."""
    placeblind.clear_caches()


def rel_path(file_id: str) -> str:
    """The bundle-relative path of a catalogued file."""
    return catalogue.entry(file_id).path


# --------------------------------------------------------------------------
# One run on every core, one result cache.
#
# `make test` spreads the suite over the machine's cores (pytest-xdist,
# ``--dist loadfile``; see pytest_xdist_make_scheduler): a test module stays in
# one worker, so its module fixtures are made once; a chapter notebook's cells run
# in order in one worker and one kernel (nbval); the modules that read the built
# site form one unit, scheduled first, as the build is the longest single piece.
#
# The whole run shares one result cache (placeblind.cache), empty when the run
# starts and never the build's. The book is computed from nothing once, by the
# replication test's copy of the repository (:func:`clone_run`), which must start
# empty; its results then fill the run's cache, so the test build, the chapters'
# kernels under nbval and `make tables` read them instead of computing them again
# (they wait for the copy, :func:`pytest_runtest_setup`). The results a test needs
# from another process (the copy's run, the build, make tables) are made once per
# run by whichever worker asks first (:func:`once_per_run`). Run without workers,
# everything is the same in one process.

SITE_MODULES = ("test_book.py", "test_browser.py", "test_readme.py")  # the tests that read the built site
# Test modules that read the book's own results from the real data (its tables,
# facts, claims, fits, curves and maps) or the copy itself: when the run makes the
# copy, they run after it and read its results, like the chapters under nbval, while
# the modules that need none of them (parsers, altered copies of the data, fetching,
# the layers; about 40 s of processor time) keep the other worker busy beside the
# copy. Only the order and the time depend on this list.
READ_THE_BOOK = ("test_facts.py", "test_itl3_and_maps.py", "test_key_quantities.py", "test_place_vintage_codes.py",
                 "test_robustness.py", "test_robustness_null.py", "test_robustness_decade.py",
                 "test_robustness_sceptic.py", "test_sector_analysis.py", "test_computation_in_view.py",
                 "test_ledger_texts.py", "test_decade.py", "test_is8.py", "test_places.py",
                 "test_authorities_null.py", "test_blog_date.py", "test_claim_verdicts.py", "test_decade_bases.py",
                 "test_fit_inference.py", "test_replication.py", "test_share_rescaling.py", "test_site.py",
                 "test_study.py", "test_words_follow_data.py", "test_university_towns.py", "test_london_lift.py",
                 "test_review.py", "test_lq_rounding_bounds.py", "test_figures.py", "test_moran_summary_areas.py",
                 "test_claims_paper.py", "test_caption_counts.py", "test_claim_objects.py",
                 "test_authority_groups.py")  # the last three computed about 11 s of the book beside the copy
# Test modules that spend most of their time waiting for other processes (a lock held
# for a second, a build killed after a pause): about 7 s of processor time in about
# 20 s. They run last among the modules that need none of the book's results, so
# their waits fall while the site's unit builds the book in several processes (which
# keep the idle core busy) rather than while the copy computes in one.
WAITING = ("test_cache.py", "test_build_extension.py")
_RUN: dict[str, Path] = {}


def pytest_configure(config):
    """The run's folder (a worker is told the controller's) and its result cache."""
    if hasattr(config, "workerinput"):
        run = Path(config.workerinput["placeblind_run"])
    else:
        run = Path(tempfile.mkdtemp(prefix="placeblind-test-run-"))  # removed when the run ends
        _RUN["own folder"] = run
    _RUN["folder"] = run
    _RUN["previous cache"] = os.environ.get("PLACEBLIND_CACHE")
    os.environ["PLACEBLIND_CACHE"] = str(run / "result-cache")  # the chapters' kernels inherit it
    encrypt_kernel_channels()  # the chapters' kernels under nbval, as in the build


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: the controller names its folder to each worker
def pytest_configure_node(node):
    node.workerinput["placeblind_run"] = str(_RUN["folder"])


def pytest_unconfigure(config):
    if "own folder" in _RUN:
        shutil.rmtree(_RUN["own folder"], ignore_errors=True)
    if _RUN.get("previous cache") is None:
        os.environ.pop("PLACEBLIND_CACHE", None)
    else:
        os.environ["PLACEBLIND_CACHE"] = _RUN["previous cache"]


@pytest.hookimpl(wrapper=True)
def pytest_collection(session):
    """Keep pytest's rewritten test modules (``tests/__pycache__``, ignored by git) even
    where Python writes no bytecode itself (``PYTHONDONTWRITEBYTECODE``, as on the
    project's machine): each worker otherwise rewrites the asserts of every test module
    and compiles it again, about 3 s of processor time at the start of every run."""
    writes = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    try:
        return (yield)
    finally:
        sys.dont_write_bytecode = writes


def _scope(path: str) -> str:
    """The unit of work a test belongs to: its file (a test module, or a chapter
    notebook, whose cells must run in order in one kernel), or "site" for the
    modules that read the built site."""
    return "site" if Path(path).name in SITE_MODULES else path


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: how the controller groups the tests
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile`` with the site's modules as one unit."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FilesAndSite(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _scope(nodeid.split("::", 1)[0])

    return FilesAndSite(config, log)


def _after_the_copy(item) -> bool:
    """Whether ``item`` reads the book's results: a chapter notebook (nbval), or a
    module of :data:`READ_THE_BOOK`."""
    return item.path.suffix == ".ipynb" or item.path.name in READ_THE_BOOK


def pytest_collection_modifyitems(config, items):
    """In a worker: the site's unit first (its build waits for the copy, so the copy
    starts at once), then the tests that need none of the book's results (while the
    copy computes them; those of :data:`WAITING` last), then those that read them, the chapters last (every worker
    sorts alike, as pytest-xdist requires). Notes whether this run makes the copy."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=lambda item: (_scope(str(item.path)) != "site", _after_the_copy(item),
                                     item.path.name in WAITING, item.path.suffix == ".ipynb"))
    _RUN["makes the copy"] = any("clone_run" in getattr(item, "fixturenames", ()) for item in items)


def pytest_runtest_setup(item):
    """When the run makes the copy anyway (a collected test asks for it), a chapter
    notebook's cells (nbval) and the tests of :data:`READ_THE_BOOK` run once the
    copy's results fill the run's cache (see the note above): they then read the
    book's results instead of computing them beside the copy. A run of these tests
    alone computes what they need."""
    if _after_the_copy(item) and _RUN.get("makes the copy"):
        _clone_run_made()


def once_per_run(name: str, make) -> dict:
    """``make(folder)``'s result (plain JSON values), made once per run in the run's
    folder ``name`` by the first worker that asks; the others wait for it and read it."""
    run = _RUN["folder"]
    record = run / f"{name}.json"
    with open(run / f"{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the holder ends, even by a crash
        try:
            if not record.is_file():
                folder = run / name
                folder.mkdir(exist_ok=True)
                record.write_text(json.dumps(make(folder)), encoding="utf-8")
            return json.loads(record.read_text(encoding="utf-8"))
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(autouse=True)
def clean_state(monkeypatch):
    """Real bundle and strict mode for every test. No cache needs clearing: every
    cached result is keyed on the data directory, the mode and the files' state."""
    if REAL_DATA_DIR.is_dir():
        monkeypatch.setenv("DATA_DIR", str(REAL_DATA_DIR))
    monkeypatch.delenv("DATA_VERIFY", raising=False)
    yield


# --------------------------------------------------------------------------
# Results of the parsers on the real bundle, computed once per session.


class RealResults:
    """Calls a parser against the untouched real bundle (strict mode) once and keeps the result."""

    def __init__(self):
        self._results = {}

    def get(self, function, *args):
        key = (function.__module__, function.__name__, args)
        if key not in self._results:
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("DATA_DIR", str(REAL_DATA_DIR))
                mp.delenv("DATA_VERIFY", raising=False)
                self._results[key] = function(*args)
        return self._results[key]


@pytest.fixture(scope="session")
def real():
    if not REAL_DATA_DIR.is_dir():
        pytest.skip(f"data bundle not found at {REAL_DATA_DIR}")
    return RealResults()


# --------------------------------------------------------------------------
# Altered copies of the bundle.


class Bundle:
    """A temporary data directory of symlinks to the real bundle, with edit helpers.

    Files are addressed by catalogue id (or by bundle-relative path).
    """

    def __init__(self, root: Path, monkeypatch):
        self.root = root
        self._monkeypatch = monkeypatch
        folders, files = _real_tree()
        os.makedirs(root, exist_ok=True)
        for folder in folders:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
        for name in files:
            os.symlink(os.path.join(REAL_DATA_DIR, name), os.path.join(root, name))
        monkeypatch.setenv("DATA_DIR", str(root))

    # -- addressing
    @staticmethod
    def rel(file_id: str) -> str:
        return rel_path(file_id) if "/" not in file_id else file_id

    def path(self, file_id: str) -> Path:
        return self.root / self.rel(file_id)

    # -- modes
    def warn_mode(self) -> None:
        self._monkeypatch.setenv("DATA_VERIFY", "warn")

    # -- whole-file operations
    def delete(self, file_id: str) -> None:
        self.path(file_id).unlink()

    def real_text(self, file_id: str) -> str:
        return read_text(REAL_DATA_DIR / self.rel(file_id))

    def write_bytes(self, file_id: str, data: bytes) -> None:
        path = self.path(file_id)
        path.unlink()
        path.write_bytes(data)

    def write_text(self, file_id: str, text: str) -> None:
        """Replace the file by ``text``, stored as the real one is (gzip-compressed for a ``.gz``,
        at the fastest level: the parser reads any level, and level 9, the stored files',
        took 1 s per edit of the 20 MB five-digit file, half of test_verification's time)."""
        data = text.encode("utf-8")
        self.write_bytes(file_id, gzip.compress(data, compresslevel=1, mtime=0)
                         if self.rel(file_id).endswith(".gz") else data)

    def edit_text(self, file_id: str, function) -> None:
        """Replace the file by ``function(real text)``; the text must change."""
        original = self.real_text(file_id)
        changed = function(original)
        assert changed != original, "the alteration did not change the file"
        self.write_text(file_id, changed)

    def replace_text(self, file_id: str, old: str, new: str, count: int = 1) -> None:
        """Replace exactly ``count`` occurrences of ``old`` (asserting there are that many)."""
        def replace(text):
            assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times, expected {count}"
            return text.replace(old, new)
        self.edit_text(file_id, replace)

    def append_newline(self, file_id: str) -> None:
        """A change of bytes that leaves the table as read unchanged (blank lines are skipped)."""
        self.edit_text(file_id, lambda text: text + "\n")

    def drop_last_lines(self, file_id: str, n: int) -> None:
        def drop(text):
            lines = text.splitlines(keepends=True)
            return "".join(lines[:-n])
        self.edit_text(file_id, drop)

    # -- CSV-level operations
    def real_rows(self, file_id: str, header_row: int = 0) -> tuple[list[str], list[list[str]]]:
        """The header and data rows of the real file, read with the csv module."""
        rows = list(csv.reader(io.StringIO(self.real_text(file_id), newline="")))
        return rows[header_row], rows[header_row + 1:]

    def edit_rows(self, file_id: str, function, header_row: int = 0) -> None:
        """``function(header, data_rows)`` mutates the parsed rows in place; the file is rewritten."""
        rows = list(csv.reader(io.StringIO(self.real_text(file_id), newline="")))
        preamble, header, data = rows[:header_row], rows[header_row], rows[header_row + 1:]
        function(header, data)
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows([*preamble, header, *data])
        self.write_text(file_id, out.getvalue())

    def set_cells(self, file_id: str, where: dict[str, str], column: str, value: str,
                  header_row: int = 0, expect: int | None = 1) -> list[int]:
        """Set ``column`` to ``value`` in the rows matching ``where``; returns their data-row indices."""
        hits = []

        def edit(header, data):
            keys = {k: _column_index(header, k) for k in where}
            target = _column_index(header, column)
            for i, row in enumerate(data):
                if all(row[keys[k]] == v for k, v in where.items()):
                    assert row[target] != value, "the alteration would not change the cell"
                    row[target] = value
                    hits.append(i)
            if expect is not None:
                assert len(hits) == expect, f"{len(hits)} rows match {where}, expected {expect}"
            assert hits, f"no row matches {where}"

        self.edit_rows(file_id, edit, header_row)
        return hits

    def rename_column(self, file_id: str, old: str, new: str, header_row: int = 0) -> None:
        def edit(header, data):
            header[_column_index(header, old)] = new
        self.edit_rows(file_id, edit, header_row)


def _column_index(header: list[str], name: str) -> int:
    """Position of a column, ignoring a byte-order mark on the first name."""
    names = [h.lstrip("\ufeff") for h in header]
    assert names.count(name) == 1, f"column {name!r} occurs {names.count(name)} times in {names}"
    return names.index(name)


@pytest.fixture
def bundle(tmp_path, monkeypatch):
    return Bundle(tmp_path / "data", monkeypatch)


# --------------------------------------------------------------------------
# Expecting a failure.


@contextlib.contextmanager
def fails(file_id: str, match: str, changed: bool = True, names: str | None = None):
    """Expect a DataError matching ``match`` whose message names the file.

    ``changed``: the file's bytes were altered in warn mode, so a DataWarning
    naming the file must also be issued. ``names``: what the message must name,
    when it is not the file's own path (checks that span several files).
    """
    rel = Bundle.rel(file_id)
    with contextlib.ExitStack() as stack:
        if changed:
            stack.enter_context(pytest.warns(DataWarning, match=re.escape(rel)))
        excinfo = stack.enter_context(pytest.raises(DataError, match=match))
        yield excinfo
    message = str(excinfo.value)
    assert (names or rel) in message, f"{message!r} does not name {names or rel!r}"
    if names is None:
        assert excinfo.value.file == rel


# --------------------------------------------------------------------------
# Figures drawn by another process.


@pytest.fixture(scope="session")
def figures_from_another_process(clone_run):
    """``python -m placeblind figures`` run once per run in another process, the
    copy's (``clone_run``), whose result cache holds its tables but no figure, so
    it draws every figure: PNG bytes by figure name. Each figure test draws its
    figure here and compares, which checks that the bytes do not depend on the
    process (hash seeds, dict order, fonts found)."""
    assert clone_run.figures_returncode == 0, clone_run.figures_stderr
    return {path.stem: path.read_bytes() for path in clone_run.figures.glob("*.png")}


def _built_site() -> dict:
    """The build's outcome (status and output), made once per run."""
    def build(folder: Path) -> dict:
        result = subprocess.run([sys.executable, "-m", "placeblind", "build", "--all"],
                                cwd=config.REPO_ROOT, capture_output=True, text=True)
        return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}

    return once_per_run("build", build)


@pytest.fixture(scope="session")
def built_site(clone_run):
    """A full, clean, warning-free build (the README's build, minus set-up and the
    data check), made once per run, after the copy's run has filled the run's cache,
    and read by both the page tests and the browser tests."""
    made = _built_site()
    assert made["returncode"] == 0, made["stdout"][-4000:] + made["stderr"][-4000:]
    # No warning of any kind: Sphinx's read "<file>: WARNING: ..." once the colour codes are
    # taken out; a kernel's read "[IPKernelApp] WARNING | ..." (sphinx_site encrypts the
    # kernels' channels, without which each kernel warned of plain TCP).
    plain = re.sub(r"\x1b\[[0-9;]*m", "", made["stdout"] + made["stderr"])
    assert not re.search(r"(^|: )WARNING:|\] WARNING \|", plain, re.M)
    return config.REPO_ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def built_site_log(built_site) -> str:
    """What the build printed (after :func:`built_site` has checked it succeeded)."""
    made = _built_site()
    return made["stdout"] + made["stderr"]


# --------------------------------------------------------------------------
# A copy of the repository in an empty folder, and the book's own tables.


# Run ``python -m placeblind tables`` with an audit hook that records every path the
# process opens or lists (Python-level; the C libraries read only paths the
# Python code has opened first, e.g. each data file is hashed before it is parsed),
# then, the record closed, ``python -m placeblind figures`` in the same process
# (into FIGURES_OUT): a second process would import the libraries and parse the
# data again (about 4 s of processor time, on the run's longest chain). The
# tables' status is the exit status; the figures' is written to FIGURES_STATUS,
# their messages follow FIGURES_MARK on stderr.
FIGURES_MARK = "--- placeblind figures ---"
_AUDITED_RUN = """
import os, runpy, sys, traceback
seen, recording = set(), [True]
def hook(event, args):
    if recording[0] and event in ("open", "os.listdir", "os.scandir") and args \\
            and isinstance(args[0], (str, bytes, os.PathLike)):
        seen.add(os.path.abspath(os.fsdecode(args[0])))
sys.addaudithook(hook)
def command(name):
    sys.argv = ["placeblind", name]
    try:
        runpy.run_module("placeblind", run_name="__main__", alter_sys=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else int(done.code is not None)
    except BaseException:
        traceback.print_exc()
        return 1
    return 0
status = command("tables")
recording[0] = False
with open(os.environ["OPENED_LOG"], "w", encoding="utf-8") as fh:
    fh.write("\\n".join(sorted(seen)))
print(%r, file=sys.stderr, flush=True)
os.environ["FIGURES_DIR"] = os.environ["FIGURES_OUT"]
with open(os.environ["FIGURES_STATUS"], "w", encoding="utf-8") as fh:
    fh.write(str(command("figures")))
sys.exit(status)
""" % FIGURES_MARK


class CloneRun:
    def __init__(self, root: Path, made: dict):
        self.root, self.returncode, self.stderr, self.opened = root, made["returncode"], made["stderr"], set(
            made["opened"])
        self.tables = root / "_build" / "tables"
        self.figures = root.parent / "figures"
        self.figures_returncode, self.figures_stderr = made["figures_returncode"], made["figures_stderr"]


def _tracked_files() -> list[str]:
    result = subprocess.run(["git", "-C", str(config.REPO_ROOT), "ls-files", "-z"], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip("not a git checkout: no list of the repository's files")
    return [name for name in result.stdout.split("\0") if name]


def _clone_run_made() -> dict:
    """The copy's run (see :func:`clone_run`), made once per run by the first asker."""
    def run(base: Path) -> dict:
        root = base / "repo"
        for name in _tracked_files():
            source = config.REPO_ROOT / name
            if source.is_file():  # a tracked file deleted in the working tree is not copied
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, root / name)
        for folder in ("home", "tmp"):
            (base / folder).mkdir()
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": str(base / "home"),
               "TMPDIR": str(base / "tmp"), "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1",
               "OPENED_LOG": str(base / "opened.txt"), "FIGURES_OUT": str(base / "figures"),
               "FIGURES_STATUS": str(base / "figures-status.txt")}
        # The tables, then every figure, drawn in the copy from its own results (its
        # tables, no figure yet): one process, the record of what it opens kept for the tables.
        result = subprocess.run([sys.executable, "-c", _AUDITED_RUN], cwd=root, env=env,
                                capture_output=True, text=True)
        log, status = base / "opened.txt", base / "figures-status.txt"
        opened = sorted(set(log.read_text(encoding="utf-8").splitlines())) if log.is_file() else []
        tables_stderr, _, figures_stderr = result.stderr.partition(FIGURES_MARK + "\n")
        _seed_session_cache(root / "_build" / ".placeblind-cache")
        return {"returncode": result.returncode, "stderr": tables_stderr, "opened": opened,
                "figures_returncode": int(status.read_text()) if status.is_file() else -1,
                "figures_stderr": figures_stderr or result.stderr}

    return once_per_run("elsewhere", run)


@pytest.fixture(scope="session")
def clone_run():
    """The repository's tracked files copied into an empty temporary folder (nothing
    beside it), running ``python -m placeblind tables`` with no setting and an empty
    result cache, once per run, and then, in the same process, ``python -m placeblind
    figures`` (for :func:`figures_from_another_process`). Afterwards its cached results seed the run's
    cache: they are keyed on the SHA-256 of the package source, the libraries and every
    data file, so they serve this checkout only where its inputs are byte for byte the
    copy's (on a clean clone, everywhere; an untracked module left in the working tree
    only makes the run compute its own)."""
    return CloneRun(_RUN["folder"] / "elsewhere" / "repo", _clone_run_made())


def _seed_session_cache(folder: Path) -> None:
    """Copy the copy's disk results into the run's cache (placeblind.cache keys
    each on the SHA-256 of the package source, the libraries and every data file)."""
    import diskcache

    if not folder.is_dir():
        return
    with diskcache.Cache(str(folder), eviction_policy="none") as source, \
            diskcache.Cache(os.environ["PLACEBLIND_CACHE"], eviction_policy="none") as target:
        for key in source.iterkeys():
            if key not in target:
                target.set(key, source.get(key))


@pytest.fixture(scope="session")
def book_tables(clone_run):
    """What `make tables` writes from this checkout, into a temporary folder, once
    per run (from the run's result cache, which the copy's run has filled)."""
    def write(out: Path) -> dict:
        env = {**os.environ, "TABLES_DIR": str(out), "DATA_DIR": str(REAL_DATA_DIR)}
        env.pop("DATA_VERIFY", None)
        result = subprocess.run([sys.executable, "-m", "placeblind", "tables"], cwd=config.REPO_ROOT, env=env,
                                capture_output=True, text=True)
        return {"returncode": result.returncode, "stderr": result.stderr}

    made = once_per_run("tables", write)
    assert made["returncode"] == 0, made["stderr"]
    return _RUN["folder"] / "tables"
