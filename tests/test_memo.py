"""Results kept on disk between chapters: computed once, keyed on every input."""

from __future__ import annotations

import subprocess
import sys
import time

import pandas as pd
import pytest

from placeblind.data import memo
from placeblind.errors import DataError, DataWarning


@pytest.fixture
def counted(tmp_path, monkeypatch):
    monkeypatch.setenv("PLACEBLIND_CACHE", str(tmp_path))
    calls = []

    @memo.disk_cached
    def result():
        calls.append(1)
        return {"value": len(calls)}

    return result, calls


def test_a_result_is_computed_once_and_read_back(counted):
    result, calls = counted
    assert result() == {"value": 1}
    assert result() == {"value": 1}
    assert len(calls) == 1


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


def test_arguments_are_part_of_the_key(tmp_path, monkeypatch):
    monkeypatch.setenv("PLACEBLIND_CACHE", str(tmp_path))
    calls = []

    @memo.disk_cached
    def doubled(value):
        calls.append(value)
        return 2 * value

    assert doubled(2) == 4 and doubled(3) == 6 and doubled(2) == 4
    assert calls == [2, 3]


def test_a_data_frame_argument_is_refused(tmp_path, monkeypatch):
    """A frame's repr is abbreviated, so two different frames could share a key."""
    monkeypatch.setenv("PLACEBLIND_CACHE", str(tmp_path))

    @memo.disk_cached
    def rows(frame):
        return len(frame)

    with pytest.raises(TypeError, match="plain values"):
        rows(pd.DataFrame({"x": [1]}))


def test_a_changed_module_gives_a_new_key(monkeypatch):
    """The fingerprint covers every module of the package, in every layer folder."""
    before = memo.inputs_fingerprint()
    monkeypatch.setattr(memo, "_source_digest", lambda: "another package source")
    assert memo.inputs_fingerprint() != before
    sources = {p.relative_to(memo.PACKAGE_DIR).parts[0] for p in memo.PACKAGE_DIR.rglob("*.py")}
    assert {"data", "measures", "analysis", "claims", "publishing"} <= sources


def test_a_second_process_waits_for_the_first(tmp_path, monkeypatch):
    """While one process holds a result's lock, another blocks instead of computing it too."""
    monkeypatch.setenv("PLACEBLIND_CACHE", str(tmp_path))
    lock = tmp_path / "result.lock"
    script = ("import fcntl, sys, time\n"
              f"handle = open({str(lock)!r}, 'a'); fcntl.flock(handle, fcntl.LOCK_EX)\n"
              "print('locked', flush=True); time.sleep(1.0)\n")
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    start = time.perf_counter()
    with memo._locked(lock):
        waited = time.perf_counter() - start
    holder.wait()
    assert waited > 0.5
