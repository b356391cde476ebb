"""Results kept on disk between chapters: computed once, keyed on every input."""

from __future__ import annotations

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
