"""P47's university districts: a catalogued data file, verified and checked like
every input, and the reading set against a null (the university label permuted
across the study districts) and against education alone (teaching hospitals)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import fails

from placeblind.analysis.university_towns import N_PERMUTATIONS, median_gaps, permutation_p, university_gap
from placeblind.analysis.vintages import MEAN_VINTAGE
from placeblind.claims import paper_composition
from placeblind.data.universities import university_districts, university_main_campuses
from placeblind.errors import DataError

pytest_plugins = ["claim_copies"]  # the fixtures d (a copy to change) and real_data

FILE = "university_main_campuses"


def test_the_file_names_institution_campus_and_register_honestly():
    table = university_main_campuses()
    assert len(table) == 12 and table["district_code"].is_unique
    assert set(university_districts()) == set(table["district_name"])
    assert table["register"].str.contains("Office for Students Register").all()
    assert table["checked"].str.startswith("not checked against the register in this build").all()
    assert (table["institution"].str.len() > 5).all() and (table["main_campus"].str.len() > 3).all()


def test_a_missing_file_stops_with_its_name(bundle):
    bundle.delete(FILE)
    with fails(FILE, "not found", changed=False):
        university_main_campuses()


def test_an_altered_file_stops_with_its_name(bundle):
    bundle.replace_text(FILE, "University of Bolton", "University of Boltonn")
    with pytest.raises(DataError, match="sha256") as excinfo:
        university_main_campuses()
    assert "reference/university_main_campuses.csv" in str(excinfo.value)


def test_a_district_that_is_not_a_study_district_stops(bundle):
    bundle.warn_mode()
    bundle.replace_text(FILE, "E08000001,Bolton", "E08000099,Bolton")
    with fails(FILE, "not study districts"):
        university_main_campuses()


def test_a_misnamed_district_stops(bundle):
    bundle.warn_mode()
    bundle.replace_text(FILE, "E08000001,Bolton", "E08000001,Bury")
    with fails(FILE, "is named 'Bury'"):
        university_main_campuses()


def test_an_empty_cell_stops(bundle):
    bundle.warn_mode()
    bundle.replace_text(FILE, "Deane Road, Bolton", "")
    with fails(FILE, "empty cell"):
        university_main_campuses()


# --- the permutation null, by hand ----------------------------------------------------------------------

def test_median_gap_by_hand():
    values = np.array([1.0, 2.0, 3.0, 10.0, 20.0])
    labels = np.array([False, False, False, True, True])
    assert median_gaps(values, labels)[0] == pytest.approx(15.0 - 2.0)


@pytest.mark.parametrize("labelled", [9, 10])  # an odd and an even count on each side of 37
def test_median_gaps_are_the_nanmedians_of_each_side_to_the_last_digit(labelled):
    """The rows gathered side by side give, bit for bit, the plain definition: each
    side's nanmedian with the other side's values set to NaN."""
    rng = np.random.default_rng(labelled)
    values = np.round(rng.gamma(2.0, 5.0, 37), 1)  # ties, as shares to one decimal have
    label = np.arange(37) < labelled
    draws = rng.permuted(np.tile(label, (500, 1)), axis=1)
    plain = (np.nanmedian(np.where(draws, values, np.nan), axis=1)
             - np.nanmedian(np.where(draws, np.nan, values), axis=1))
    assert np.array_equal(median_gaps(values, draws), plain)


def test_median_gaps_refuse_uneven_labellings_and_missing_values():
    values = np.array([1.0, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="as many areas"):
        median_gaps(values, np.array([[True, False, False, False], [True, True, False, False]]))
    with pytest.raises(ValueError, match="as many areas"):
        median_gaps(values, np.array([True, True, True, True]))
    with pytest.raises(ValueError, match="missing"):
        median_gaps(np.array([1.0, np.nan, 3.0, 4.0]), np.array([True, False, False, False]))


def test_permutation_p_both_sides():
    values = pd.Series(np.arange(30, dtype=float), index=[f"d{i}" for i in range(30)])
    top = pd.Series(values.index.isin(values.index[-6:]), index=values.index)     # the six largest labelled
    gap, p = permutation_p(values, top, n=999, seed=1)
    assert gap == pytest.approx(26.5 - 11.5)
    assert p == pytest.approx(1 / 1000)              # no relabelling beats the largest six
    bottom = pd.Series(values.index.isin(values.index[:6]), index=values.index)
    gap, p = permutation_p(values, bottom, n=999, seed=1)
    assert gap < 0 and p == pytest.approx(1.0)        # every relabelling does at least as well
    assert permutation_p(values, top, n=999, seed=1) == permutation_p(values, top, n=999, seed=1)  # seeded


# --- P47 beside its null and education alone --------------------------------------------------------------

def test_p47_shows_its_permutation_p_value_and_education_alone(d):
    claim = paper_composition.university_towns_claim(d)
    g = university_gap(d.shares[MEAN_VINTAGE])
    assert claim.verdict == "reproduced" and g["p_value"] < 0.05
    assert f"permutation p {g['p_value']:.3f}" in claim.reproduced
    assert f"{N_PERMUTATIONS:,} seeded draws" in claim.reason and "below the 5% level" in claim.reason
    assert "teaching hospitals" in claim.reason and "holds for education alone" in claim.reason
    assert "file id university_main_campuses: not checked against the register in this build" in claim.reason


def test_p47_null_and_education_turn_over(d):
    towns = [n for n in university_districts()]
    rng = np.random.default_rng(0)
    for v in (2017, 2019):   # education the same everywhere, health shuffled: no university effect left
        shares = d.shares[v]
        shares["Education"] = 9.0
        shares["Health"] = rng.permutation(shares["Health"].to_numpy())
    claim = paper_composition.university_towns_claim(d)
    g = university_gap(d.shares[MEAN_VINTAGE], towns)
    assert g["education_gap_pp"] == 0 and g["education_p_value"] == 1.0
    assert "does not hold for education alone" in claim.reason
    if g["p_value"] >= 0.05:
        assert "not below the 5% level" in claim.reason
    # a health gap that exists only through health (the hospitals) leaves education alone failing
    for v in (2017, 2019):
        d.shares[v].loc[d.shares[v].index.isin(towns), "Health"] = 30.0
        d.shares[v].loc[~d.shares[v].index.isin(towns), "Health"] = 12.0
    claim = paper_composition.university_towns_claim(d)
    assert claim.verdict == "reproduced"                       # the combined share rises...
    assert "below the 5% level" in claim.reason and "does not hold for education alone" in claim.reason
