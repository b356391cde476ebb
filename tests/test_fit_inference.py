"""Inference on the Table 4 fits: Moran's I against hand-worked cases, the
district contiguity, the leave-one-authority-out jackknife recomputed by hand,
and the words each check allows (both sides)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from placeblind.analysis import fit_inference as inference
from placeblind.analysis.education_fits import fit_inputs
from placeblind.data.study import paper_study
from placeblind.measures.spatial import morans_i, morans_i_test, row_standardised
from placeblind.publishing import facts_inference

PATH_4 = np.array([[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0]])


def path(n: int) -> np.ndarray:
    return np.eye(n, k=1) + np.eye(n, k=-1)


# --- Moran's I --------------------------------------------------------------

def test_morans_i_hand_worked_on_a_line_of_four():
    weights = row_standardised(PATH_4)
    # z = (-1.5, -0.5, 0.5, 1.5), z'z = 5, Wz = (-0.5, -0.5, 0.5, 0.5), z'Wz = 2, S0 = 4: I = 0.4
    assert morans_i([1, 2, 3, 4], weights) == pytest.approx(0.4)
    # alternating values: every neighbour is the opposite, I = -1
    assert morans_i([1, -1, 1, -1], weights) == pytest.approx(-1.0)


def test_an_island_keeps_a_row_of_zeros():
    adjacency = np.zeros((5, 5))
    adjacency[:4, :4] = PATH_4
    weights = row_standardised(adjacency)
    assert not weights[4].any()
    assert np.allclose(weights[:4].sum(axis=1), 1)


@pytest.mark.parametrize("bad", [np.array([[0, 1], [0, 0]]), np.array([[1, 0], [0, 1]]), np.ones((2, 3))])
def test_weights_must_be_square_symmetric_and_without_self_links(bad):
    with pytest.raises(ValueError):
        row_standardised(bad)


def test_morans_i_rejects_values_without_variation():
    with pytest.raises(ValueError):
        morans_i([2, 2, 2, 2], row_standardised(PATH_4))


def test_the_permutation_p_value_is_small_for_clustered_values_and_large_for_alternating_ones():
    weights = row_standardised(path(20))
    clustered = morans_i_test(np.arange(20.0), weights, permutations=999)
    alternating = morans_i_test(np.array([1.0, -1.0] * 10), weights, permutations=999)
    assert clustered[0] > 0.8 and clustered[2] < 0.01
    assert alternating[0] < -0.9 and alternating[2] > 0.99
    assert clustered[1] == pytest.approx(-1 / 19)
    assert morans_i_test(np.arange(20.0), weights, permutations=999) == clustered   # fixed seed


# --- the districts' neighbours -----------------------------------------------

def test_study_adjacency_is_symmetric_and_has_the_known_neighbours():
    adjacency = inference.study_adjacency()
    names = dict(zip(paper_study().codes, paper_study().names))
    by_name = adjacency.rename(index=names, columns=names)
    assert (adjacency.to_numpy() == adjacency.to_numpy().T).all()
    assert not np.diag(adjacency.to_numpy()).any()
    for a, b in (("Manchester", "Salford"), ("Cambridge", "South Cambridgeshire"), ("Birmingham", "Solihull"),
                 ("Bristol, City of", "South Gloucestershire"), ("Middlesbrough", "Redcar and Cleveland")):
        assert by_name.loc[a, b] == 1, (a, b)
    for a, b in (("Cambridge", "Manchester"), ("Bristol, City of", "Birmingham"), ("Liverpool", "Wirral")):
        assert by_name.loc[a, b] == 0, (a, b)
    assert inference.islands() == ["Wirral"]   # across the Mersey from Liverpool and Sefton, by land only Cheshire


# --- the jackknife -------------------------------------------------------------

def test_jackknife_recomputed_by_hand_for_digital_on_level4_2017():
    frame = fit_inputs("study_districts", 2017)
    x, y = frame["pct_level4_plus"].to_numpy(), frame["Information & communication"].to_numpy()
    slopes = {a: np.polyfit(x[frame["authority"] != a], y[frame["authority"] != a], 1)[0]
              for a in frame["authority"].unique()}
    row = inference.fit_inference().query(
        "vintage == 2017 and sector == 'Information & communication' and education == 'level4_plus'").iloc[0]
    assert row["jackknife_slope_min"] == pytest.approx(min(slopes.values()))
    assert row["jackknife_slope_max"] == pytest.approx(max(slopes.values()))
    assert row["slope"] == pytest.approx(np.polyfit(x, y, 1)[0])
    assert len(slopes) == 6


def test_inference_table_covers_every_fit_once():
    table = inference.fit_inference()
    assert len(table) == 2 * 8 * 2
    assert not table.duplicated(["vintage", "sector", "education"]).any()
    assert table[["p_value", "p_value_hc3", "jackknife_p_max", "moran_p"]].apply(lambda c: c.between(0, 1)).all().all()


# --- the words -----------------------------------------------------------------

FIRM = {"p_value": 0.001, "p_value_hc3": 0.002, "jackknife_sign_kept": True, "jackknife_p_max": 0.01,
        "moran_p": 0.4}


@pytest.mark.parametrize("change, expected", [
    ({}, "firm"),
    ({"p_value_hc3": 0.2}, "qualified"),
    ({"jackknife_sign_kept": False}, "qualified"),
    ({"jackknife_p_max": 0.3}, "qualified"),
    ({"moran_p": 0.01}, "qualified"),
    ({"p_value": 0.2}, "none"),
])
def test_confidence_reaches_every_word(change, expected):
    assert inference.confidence(pd.Series({**FIRM, **change})) == expected


def test_the_gap_to_the_paper_is_one_of_measure_for_the_real_values_and_of_vintage_between_the_years():
    prof = "Professional, scientific & technical"
    real = inference.published_gap(0.84, prof)
    assert real["explained_by"] == "measure"
    between = float(np.mean(list(real["r2"].values())))
    assert inference.published_gap(between, prof)["explained_by"] == "vintage"
    assert inference.published_gap(0.05, prof)["explained_by"] == "neither"


def test_the_gap_sentence_follows_the_explanation(monkeypatch):
    assert "one of measure" in facts_inference.gap_sentence()
    monkeypatch.setattr(facts_inference, "published_gap",
                        lambda published, sector: {**inference.published_gap(published, sector),
                                                   "explained_by": "vintage"})
    assert "the year can explain them" in facts_inference.gap_sentence()


def test_the_inference_sentence_names_what_fails(monkeypatch):
    real = inference.fit_inference()
    assert "Information" not in facts_inference.inference_sentence(2017)   # sector names are shortened
    changed = real.copy()
    digital = (changed["vintage"] == 2017) & (changed["sector"] == "Information & communication") & (
        changed["education"] == "level4_plus")
    changed.loc[digital, "moran_p"] = 0.001
    monkeypatch.setattr(facts_inference, "fit_inference", lambda: changed)
    sentence = facts_inference.inference_sentence(2017)
    assert "digital on Level 4+ (its residuals cluster in space" in sentence
    assert "cluster in space at the 5% level for digital on Level 4+" in sentence
