"""moran_summary describes exactly the areas its fits used: an area missing a
value that no fit reads stays in (it was dropped before: ``.dropna()`` over
every column), and fits of one set that use different areas are an error, not
a summary of some other set."""

from __future__ import annotations

import numpy as np
import pytest

from placeblind.analysis import fit_inference as inference
from placeblind.data.geography import study_codes

GROUP = ("study_districts", 2017, 2011)


@pytest.fixture
def one_group(monkeypatch):
    """The inference table cut to the paper's 37 districts, BRES 2017, 2011 education,
    and that fit's inputs, which a test may then change."""
    table = inference.fit_inference()
    sample, vintage, census = GROUP
    group = table[(table["sample"] == sample) & (table["vintage"] == vintage) & (table["census"] == census)]
    frame = inference.moran_inputs(*GROUP).copy()
    monkeypatch.setattr(inference, "fit_inference", lambda: group.reset_index(drop=True))
    monkeypatch.setattr(inference, "moran_inputs", lambda *args: frame)
    return group, frame


def test_an_area_missing_a_value_no_fit_reads_stays_in_the_summary(one_group):
    group, frame = one_group
    frame.loc[frame.index[0], "name"] = np.nan   # a column no fit reads
    row = inference.moran_summary().iloc[0]
    assert set(group["n"]) == {len(study_codes())}
    assert row["n_areas"] == len(study_codes())  # one fewer before: the district was dropped
    # hand check: the links are the study districts' contiguity pairs, counted once
    assert row["n_links"] == int(inference.study_adjacency().to_numpy().sum()) // 2
    assert row["n_islands"] == len(inference.islands())


def test_fits_of_one_set_over_different_areas_are_an_error(one_group):
    _, frame = one_group
    frame.loc[frame.index[0], "Retail"] = np.nan  # the retail fits now use one district fewer than the others
    with pytest.raises(ValueError, match="study_districts .*2 different sets of areas"):
        inference.moran_summary()


def test_fit_areas_drops_only_the_fit_s_own_missing_values(one_group):
    _, frame = one_group
    frame.loc[frame.index[0], "Retail"] = np.nan
    frame.loc[frame.index[1], "pct_no_qualifications"] = np.nan
    assert len(inference.fit_areas(frame, "Manufacturing", "level4_plus")) == len(study_codes())
    assert len(inference.fit_areas(frame, "Retail", "level4_plus")) == len(study_codes()) - 1
    assert len(inference.fit_areas(frame, "Retail", "no_qualifications")) == len(study_codes()) - 2
    assert list(inference.fit_areas(frame, "Manufacturing", "no_qualifications").index) == \
        [c for c in frame.index if c != frame.index[1]]
