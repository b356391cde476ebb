"""The one cache (placeblind.cache): computed once, keyed on every input, a copy
for every caller, pruned, and shared between processes without computing twice."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from dataclasses import dataclass

import pandas as pd
import pytest

import placeblind.data  # noqa: F401  (registers the data as an input of every result)
from placeblind import cache, cache_locks
from placeblind.data.study import paper_study
from placeblind.errors import DataError, DataWarning


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PLACEBLIND_CACHE", str(tmp_path))
    return tmp_path


@pytest.fixture
def counted(own_cache):
    calls = []

    @cache.cached(disk=True)
    def result():
        calls.append(1)
        return {"value": len(calls)}

    return result, calls


def test_a_result_is_computed_once_and_read_back(counted):
    result, calls = counted
    assert result() == {"value": 1}
    assert result() == {"value": 1}
    result.cache_clear()  # the process forgets it: the disk still has it
    assert result() == {"value": 1}
    assert len(calls) == 1


def test_on_disk_says_whether_a_result_is_stored_and_computes_nothing(counted, monkeypatch):
    result, calls = counted
    assert not result.on_disk() and calls == []
    result()
    assert result.on_disk() and calls == [1]
    monkeypatch.setenv("DATA_VERIFY", "warn")  # another state of the inputs: not stored under it
    assert not result.on_disk() and calls == [1]


def test_a_changed_data_file_gives_a_new_key(counted, bundle):
    result, calls = counted
    result()
    path = bundle.path("census2011_qs501_006")
    text = path.read_text()
    path.unlink()
    path.write_text(text + "\n")  # same numbers, different bytes
    bundle.warn_mode()
    with pytest.warns(DataWarning):
        assert result() == {"value": 2}
    assert len(calls) == 2


def test_a_missing_data_file_stops_before_any_cached_result(counted, bundle):
    result, calls = counted
    result()
    bundle.path("census2011_qs501_006").unlink()
    with pytest.raises(DataError, match="not found"):
        result()


def test_a_result_computed_in_the_process_follows_the_data_too(own_cache, bundle):
    calls = []

    @cache.cached
    def result():
        calls.append(1)
        return len(calls)

    assert result() == 1 and result() == 1
    bundle.append_newline("census2011_qs501_006")
    assert result() == 2


def test_arguments_are_part_of_the_key(own_cache):
    calls = []

    @cache.cached(disk=True)
    def doubled(value, factor=2):
        calls.append(value)
        return factor * value

    assert doubled(2) == 4 and doubled(3) == 6 and doubled(2) == 4 and doubled(2, factor=2) == 4
    assert doubled(2, 3) == 6
    assert calls == [2, 3, 2]


def test_a_data_frame_argument_is_refused(own_cache):
    """A frame's repr is abbreviated, so two different frames could share a key."""

    @cache.cached(disk=True)
    def rows(frame):
        return len(frame)

    with pytest.raises(TypeError, match="plain values or have a cache_key"):
        rows(pd.DataFrame({"x": [1]}))


def test_an_argument_with_a_cache_key_or_a_registered_key_function_is_keyed_by_it(own_cache):
    """The cache knows no domain type: a study says what it is through its cache_key()."""

    @dataclass(frozen=True)
    class Place:
        code: str

    cache.register_key(Place, lambda place: (place.code,))
    calls = []

    @cache.cached(disk=True)
    def size(study, place):
        calls.append(1)
        return len(study.codes)

    study = paper_study()
    assert size(study, Place("E1")) == 37 and size(study, Place("E1")) == 37 and len(calls) == 1
    assert size(study, Place("E2")) == 37 and len(calls) == 2
    smaller = dataclasses.replace(study, codes=study.codes[:1], names=study.names[:1],
                                  authorities=study.authorities[:1], authority_codes=study.authority_codes[:1])
    assert cache.argument_key(smaller) != cache.argument_key(study)
    assert cache.argument_key(dataclasses.replace(study, description="other words")) == cache.argument_key(study)


def test_no_caller_can_change_what_another_receives(own_cache):
    """Each call returns its own copy, from the process and from the disk alike."""

    @cache.cached(disk=True)
    def frame():
        return {"table": pd.DataFrame({"x": [1.0, 2.0]}), "names": ["a"]}

    first = frame()
    first["table"].loc[0, "x"] = 99.0
    first["table"]["new"] = 1
    first["names"].append("b")
    second = frame()
    assert second["table"]["x"].tolist() == [1.0, 2.0] and list(second["table"].columns) == ["x"]
    assert second["names"] == ["a"]
    frame.cache_clear()
    from_disk = frame()
    from_disk["table"].loc[1, "x"] = -1.0
    assert frame()["table"]["x"].tolist() == [1.0, 2.0]


def test_a_method_variant_is_part_of_every_key(own_cache):
    @cache.cached(disk=True)
    def which():
        return cache.current_variant()

    assert which() == ""
    with cache.method_variant("another method"):
        assert which() == "another method"
    assert which() == ""
    with pytest.raises(ValueError, match="needs a name"):
        with cache.method_variant(""):
            pass


def test_a_function_declared_free_of_variants_is_computed_once_as_the_books_own(own_cache):
    calls = []

    @cache.cached(disk=True, variants=False)
    def reader():
        calls.append(cache.current_variant())
        return {"read under": cache.current_variant(), "inner": inner()}

    @cache.cached(disk=True)
    def inner():
        return cache.current_variant()

    with cache.method_variant("another method"):
        assert reader() == {"read under": "", "inner": ""}  # and what it calls, too
        assert cache.current_variant() == "another method"
    assert reader() == {"read under": "", "inner": ""}
    assert calls == [""]
    reader.cache_clear()
    with cache.method_variant("another method"):
        reader()  # from disk, under the book's key
    assert calls == [""]


def test_a_callable_decides_call_by_call_whether_a_variant_reaches_the_result(own_cache):
    """``variants=`` a function of the arguments: where it says False, the call is
    computed (and kept) as the book's own under any variant; where True, under the variant."""
    calls = []

    @cache.cached(variants=lambda year: year > 2018)
    def reading(year):
        calls.append((year, cache.current_variant()))
        return cache.current_variant()

    assert reading(2017) == "" and reading(2019) == ""
    with cache.method_variant("another method"):
        assert reading(2017) == ""                  # served: no variant changes it
        assert reading(2019) == "another method"    # computed anew under the variant
    assert calls == [(2017, ""), (2019, ""), (2019, "another method")]


def _package_imports() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports (at the top or
    inside a function)."""
    import ast

    graph = {}
    for path in cache.PACKAGE_DIR.rglob("*.py"):
        parts = path.relative_to(cache.PACKAGE_DIR.parent).with_suffix("").parts
        module = ".".join(parts).removesuffix(".__init__")
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        imported = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + [base]).strip(".")
                imported |= {base} | {f"{base}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
        graph[module] = {m for m in imported if m.startswith("placeblind")}
    return graph


def test_what_is_declared_free_of_variants_can_reach_no_code_that_reads_one():
    """Why ``variants=False`` is safe where it is declared: no module it imports,
    directly or through others, reads the method variant (only the cache itself may)."""
    graph = _package_imports()
    sources = {m: (cache.PACKAGE_DIR.parent / (m.replace(".", "/") + ".py")) for m in graph}
    reads = {m for m, path in sources.items() if path.exists() and m != "placeblind.cache"
             and any(word in path.read_text() for word in ("current_variant", "method_variant", "_VARIANT"))}
    assert "placeblind.analysis.shares_2019" in reads  # the check can see a reader
    declaring = [m for m, path in sources.items() if path.exists() and "variants=False)" in path.read_text()
                 and m != "placeblind.cache"]
    assert "placeblind.data.bres" in declaring and "placeblind.analysis.is8_regions" in declaring
    for module in declaring:
        seen, todo = set(), [module]
        while todo:
            for imported in graph.get(todo.pop(), ()):
                if imported in graph and imported not in seen:
                    seen.add(imported)
                    todo.append(imported)
        assert not (seen | {module}) & reads, (module, (seen | {module}) & reads)


def test_the_disk_key_holds_the_package_source_and_the_library_versions(monkeypatch):
    """The digest covers every module of the package, in every layer folder, and the installed libraries."""
    before = cache.inputs_digest()
    monkeypatch.setattr(cache, "_source_digest", lambda: "another package source")
    cache._DIGESTS.clear()
    assert cache.inputs_digest() != before
    monkeypatch.undo()
    cache._DIGESTS.clear()
    assert cache.inputs_digest() == before
    monkeypatch.setattr(cache, "_libraries_digest", lambda: "pandas==0.1")
    cache._DIGESTS.clear()
    assert cache.inputs_digest() != before
    cache._DIGESTS.clear()
    sources = {p.relative_to(cache.PACKAGE_DIR).parts[0] for p in cache.package_sources()}
    assert {"data", "measures", "analysis", "claims", "publishing", "cache.py"} <= sources


def test_the_libraries_digest_follows_an_installed_version():
    import importlib.metadata

    versions = {d.metadata["Name"].lower(): d.version for d in importlib.metadata.distributions()}
    assert "pandas" in versions and "diskcache" in versions  # both are read, with their versions


def test_the_libraries_digest_is_the_same_from_every_working_folder(monkeypatch, tmp_path):
    """``make tables`` runs at the top of the repository, a chapter's kernel in
    chapters/: both must find each other's results (the package's own build record,
    placeblind.egg-info, lies at the top, which is on the path as "" there)."""
    from placeblind import config

    def digest_in(folder):
        monkeypatch.chdir(folder)
        cache._libraries_digest.cache_clear()
        return cache._libraries_digest()

    try:
        (tmp_path / "other-1.0.dist-info").mkdir()  # a distribution in the working folder is no installation
        monkeypatch.syspath_prepend("")
        digests = {digest_in(config.REPO_ROOT), digest_in(config.REPO_ROOT / "chapters"), digest_in(tmp_path)}
        assert len(digests) == 1
        monkeypatch.syspath_prepend(str(tmp_path))  # but a folder on the path, not the working one, counts
        assert digest_in(config.REPO_ROOT) not in digests
    finally:
        cache._libraries_digest.cache_clear()


def test_old_entries_are_pruned_when_the_disk_cache_is_full(own_cache, monkeypatch):
    """Past PLACEBLIND_CACHE_MB, the entries stored longest ago go first."""
    monkeypatch.setenv("PLACEBLIND_CACHE_MB", "1")

    @cache.cached(disk=True, maxsize=1)
    def block(i):
        return bytes([i]) * 200_000  # 0.2 MB each, stored in files beside the index

    keys = []
    for i in range(12):
        block(i)
        keys.append(block.disk_key(i))
    stored = cache.store()
    assert keys[-1] in stored
    assert keys[0] not in stored
    assert stored.volume() <= 1.5 * 1024 * 1024


def test_lock_files_unused_for_a_week_are_removed_once_per_process(own_cache):
    locks = own_cache / "locks"
    locks.mkdir()
    old, recent, later = locks / "old.lock", locks / "recent.lock", locks / "later.lock"
    eight_days_ago = time.time() - 8 * 24 * 3600
    for lock in (old, recent):
        lock.touch()
    os.utime(old, (eight_days_ago, eight_days_ago))
    cache.prune()
    assert not old.exists() and recent.exists()
    later.touch()
    os.utime(later, (eight_days_ago, eight_days_ago))
    cache.prune()  # the same process, after its hundreds of stores: no second look
    assert later.exists()


def test_a_bad_cache_size_is_refused(monkeypatch):
    monkeypatch.setenv("PLACEBLIND_CACHE_MB", "-3")
    with pytest.raises(ValueError, match="PLACEBLIND_CACHE_MB"):
        cache.size_limit()


def test_a_second_process_waits_for_the_first(own_cache):
    """While one process holds a result's lock, another blocks instead of computing it too."""
    lock = own_cache / "result.lock"
    script = ("import fcntl, sys, time\n"
              f"handle = open({str(lock)!r}, 'a'); fcntl.flock(handle, fcntl.LOCK_EX)\n"
              "print('locked', flush=True); time.sleep(1.0)\n")
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    start = time.perf_counter()
    with cache_locks.locked(lock):
        waited = time.perf_counter() - start
    holder.wait()
    assert waited > 0.5


def test_two_processes_compute_a_shared_result_once(own_cache, tmp_path):
    """Two processes ask at once for a result that takes a while: one computes it, the other reads it."""
    log = tmp_path / "computed.log"
    script = ("import time\nfrom placeblind import cache\nimport placeblind.data\n"
              "@cache.cached(disk=True)\ndef slow():\n"
              f"    open({str(log)!r}, 'a').write('x')\n    time.sleep(1.0)\n    return 42\n"
              "print(slow())\n")
    processes = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
                 for _ in range(2)]
    outputs = [p.communicate()[0].strip() for p in processes]
    assert outputs == ["42", "42"]
    assert log.read_text() == "x"


def test_the_inputs_state_is_taken_once_per_outermost_call(own_cache, request):
    """Nested cached calls share the stamp their outermost call took; the next
    outermost call takes it again, so a file changed between two calls is seen."""
    taken = []
    state = {"version": 1}
    request.addfinalizer(cache.register_inputs("counted", lambda: taken.append(1) or state["version"], lambda: "d"))

    @cache.cached
    def inner(x):
        return x * state["version"]

    @cache.cached
    def outer(x):
        return inner(x) + inner(x + 1) + inner(x + 2)

    assert outer(1) == 6
    assert len(taken) == 1
    state["version"] = 2  # the input changes between two outermost calls
    assert outer(1) == 12 and inner(1) == 2
    assert len(taken) == 3


# --------------------------------------------------------------------------
# A reader waits for the results a filler is computing (make book's overlap)

_ANSWER = ("import os, sys, time\nfrom placeblind import cache\nimport placeblind.data\n"
           "@cache.cached(disk=True)\ndef answer(n):\n"
           "    open(os.environ['ANSWER_LOG'], 'a').write(f'{os.getpid()}\\n')\n    return 2 * n\n")
_FILLER = _ANSWER + ("with cache.filling():\n    print('filling', flush=True)\n    time.sleep(0.8)\n"
                     "    answer(21)\n    time.sleep(0.6)\n")
_READER = _ANSWER + ("start = time.perf_counter()\nvalue = answer(int(sys.argv[1]))\n"
                     "print(os.getpid(), value, round(time.perf_counter() - start, 2))\n")


def _fill_and_read(own_cache, tmp_path, n: int, awaits: bool) -> tuple[list[str], int, int, float]:
    """A filler that stores answer(21) after 0.8 s and ends 0.6 s later; a reader
    asking for answer(n) meanwhile: (the pids that computed, the filler's and the
    reader's pids, the value the reader got, the seconds it waited)."""
    log = tmp_path / "computed.log"
    log.write_text("")
    environment = {**os.environ, "PLACEBLIND_CACHE": str(own_cache), "ANSWER_LOG": str(log)}
    environment.pop(cache.AWAIT_FILLING, None)
    filler = subprocess.Popen([sys.executable, "-c", _FILLER], env=environment, stdout=subprocess.PIPE, text=True)
    assert filler.stdout.readline().strip() == "filling"
    reader_environment = {**environment, **({cache.AWAIT_FILLING: "1"} if awaits else {})}
    printed = subprocess.run([sys.executable, "-c", _READER, str(n)], env=reader_environment, check=True,
                             stdout=subprocess.PIPE, text=True).stdout.split()
    filler.wait()
    return log.read_text().split(), filler.pid, int(printed[0]), int(printed[1]), float(printed[2])


def test_a_reader_told_to_await_the_filler_gets_its_result_instead_of_computing_it(own_cache, tmp_path):
    computed, filler, reader, value, waited = _fill_and_read(own_cache, tmp_path, 21, awaits=True)
    assert value == 42 and computed == [str(filler)]
    assert waited > 0.3  # it waited for the filler to store it
    told = cache.wanted()  # and said what it waited for, once, so a filler could compute it next
    assert len(told) == 1 and told[0].startswith("__main__.answer|tuple(21)|")


def test_a_reader_not_told_to_await_computes_the_result_itself(own_cache, tmp_path):
    computed, filler, reader, value, waited = _fill_and_read(own_cache, tmp_path, 21, awaits=False)
    assert value == 42 and str(reader) in computed


def test_a_result_the_filler_never_stores_is_computed_by_the_reader_once_the_filler_ends(own_cache, tmp_path):
    computed, filler, reader, value, waited = _fill_and_read(own_cache, tmp_path, 5, awaits=True)
    assert value == 10 and computed == [str(filler), str(reader)]  # answer(21) by the filler, then answer(5)
    assert waited > 0.6


def test_the_filler_and_the_processes_it_forks_compute_what_they_miss(counted, monkeypatch):
    import multiprocessing

    result, calls = counted

    @cache.cached(disk=True)
    def other():
        return "computed"

    monkeypatch.setenv(cache.AWAIT_FILLING, "1")
    with cache.filling():
        assert result() == {"value": 1} and calls == [1]  # no wait on its own mark
        child = multiprocessing.get_context("fork").Process(target=other)  # a computing worker
        child.start()
        child.join(10)
        assert child.exitcode == 0  # it did not wait for the filler it belongs to
    assert result.on_disk() and other.on_disk()


def test_in_progress_says_whether_another_process_is_computing_a_result(own_cache):
    script = ("import time\nfrom placeblind import cache\nimport placeblind.data\n"
              "@cache.cached(disk=True)\ndef slow():\n    time.sleep(1.5)\n    return 1\n"
              "print(slow.disk_key(), flush=True)\nslow()\n")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PLACEBLIND_CACHE": str(own_cache)})
    key = process.stdout.readline().strip()
    deadline = time.monotonic() + 10
    while not cache.in_progress(key) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert cache.in_progress(key)  # while it computes
    process.wait()
    assert not cache.in_progress(key)  # once it has stored it
    assert not cache.in_progress("a key nobody computes")


# --------------------------------------------------------------------------
# No key without the data


def test_a_result_asked_for_before_any_input_is_registered_is_refused(own_cache):
    """A key taken with no input registered would leave the data out, and a result
    computed from changed data would then be served under it: the cache refuses (in a
    process that has loaded nothing of the data layer). With an input registered the
    same call is computed."""
    code = ("from placeblind import cache\n"
            "result = cache.cached(disk=True)(lambda: 1)\n"
            "try:\n    result()\nexcept RuntimeError as error:\n    print(error)\n"
            "cache.register_inputs('own', lambda: 1, lambda: 'd')\nprint(result())")
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert printed.splitlines()[0].endswith("(import placeblind.data.inputs first)")
    assert printed.splitlines()[1] == "1"


def _imported_at_load(path) -> set[str]:
    """The package modules ``path`` imports when it is loaded (its module body only,
    not the imports inside its functions), resolved to module names."""
    import ast

    package = ["placeblind", *path.relative_to(cache.PACKAGE_DIR).parent.parts]
    found = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("placeblind")):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found |= {target, *(f"{target}.{alias.name}" for alias in node.names)}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("placeblind")}
    return found


def test_every_module_with_a_result_keyed_on_the_data_loads_the_data_layer_first():
    """Every module defining a cached function keyed on the inputs registers the data
    when it is loaded (it imports ``placeblind.data.inputs``, itself or through the
    modules it loads), so no process can ask for its results before the data are part
    of the key. (A process whose first call was ``prepare.prepared()`` keyed every
    result without the data, before the check above.)"""
    paths = {".".join(["placeblind", *p.relative_to(cache.PACKAGE_DIR).with_suffix("").parts])
             .removesuffix(".__init__"): p for p in cache.package_sources()}

    def with_packages(module):  # loading a module loads the packages above it first
        parts = module.split(".")
        return {".".join(parts[:end]) for end in range(1, len(parts) + 1)}

    loads = {module: set().union(*map(with_packages, _imported_at_load(path))) & set(paths)
             for module, path in paths.items()}

    def reaches(module, seen):
        if module == "placeblind.data.inputs":
            return True
        seen.add(module)
        return any(reaches(target, seen) for target in loads.get(module, ()) if target not in seen)

    keyed = [module for module, path in paths.items() if module != "placeblind.cache"
             and any(line.strip().startswith("@cached") and "inputs=False" not in line
                     for line in path.read_text().splitlines())]
    assert "placeblind.publishing.prepare" in keyed and len(keyed) > 10
    assert [module for module in keyed if not reaches(module, set())] == []


def test_a_process_that_starts_with_the_book_s_results_keys_them_on_the_data():
    """The disk key of the book's results is the same whether the process loaded the
    data layer before or not."""
    code = ("import sys\nif sys.argv[1] == 'data': import placeblind.data.inputs\n"
            "from placeblind.publishing import prepare\nprint(prepare.prepared.disk_key())")
    keys = [subprocess.run([sys.executable, "-c", code, first], capture_output=True, text=True, check=True).stdout
            for first in ("data", "prepare")]
    assert keys[0] == keys[1] and keys[0].strip()
