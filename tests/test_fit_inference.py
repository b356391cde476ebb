"""Inference on the education-sector fits: Moran's I (esda) against hand-worked
cases, the two-sided permutation test, the district and ITL3 contiguity, the
leave-one-authority-out jackknife recomputed by hand, and the words each check
allows (both sides)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from placeblind.analysis import contiguity
from placeblind.analysis import fit_inference as inference
from placeblind.analysis.education_fits import fit_inputs
from placeblind.analysis.fit_samples import all_education_sector_fits
from placeblind.data.study import paper_study
from placeblind.measures.spatial import binary_weights, moran_test, subset_weights, weights_from_adjacency
from placeblind.claims import inference_findings

PATH_4 = np.array([[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0]])


def path(n: int) -> np.ndarray:
    return np.eye(n, k=1) + np.eye(n, k=-1)


# --- Moran's I --------------------------------------------------------------

def test_esda_reproduces_morans_i_worked_by_hand_on_a_line_of_four():
    weights = weights_from_adjacency(PATH_4)
    # z = (-1.5, -0.5, 0.5, 1.5), z'z = 5, row-standardised Wz = (-0.5, -0.5, 0.5, 0.5), z'Wz = 2, S0 = 4:
    # I = (4 / 4) * 2 / 5 = 0.4
    test = moran_test([1, 2, 3, 4], weights, permutations=99)
    assert test.i == pytest.approx(0.4)
    assert test.expected == pytest.approx(-1 / 3)
    # alternating values: every neighbour is the opposite, I = -1
    assert moran_test([1, -1, 1, -1], weights, permutations=99).i == pytest.approx(-1.0)


def test_an_island_adds_nothing_worked_by_hand():
    adjacency = np.zeros((5, 5))
    adjacency[:4, :4] = PATH_4
    weights = weights_from_adjacency(adjacency)
    assert weights.islands == [4]
    # z = (-3, -2, -1, 0, 6), z'z = 50, Wz = (-2, -2, -1, -1, 0), z'Wz = 11, S0 = 4 (the island has no weight):
    # I = (5 / 4) * 11 / 50 = 0.275
    test = moran_test([1, 2, 3, 4, 10], weights, permutations=99)
    assert test.i == pytest.approx(0.275)
    assert test.n_islands == 1


@pytest.mark.parametrize("bad", [np.array([[0, 1], [0, 0]]), np.array([[1, 0], [0, 1]]), np.ones((2, 3))])
def test_weights_must_be_square_symmetric_and_without_self_links(bad):
    with pytest.raises(ValueError):
        weights_from_adjacency(bad)


@pytest.mark.parametrize("bad", [{"a": ["a"]}, {"a": ["b"], "b": []}, {"a": ["c"], "b": []}])
def test_neighbour_lists_must_be_known_mutual_and_not_self(bad):
    with pytest.raises(ValueError):
        binary_weights(bad)


def test_subset_weights_drop_links_to_areas_left_out():
    weights = binary_weights({"a": ["b"], "b": ["a", "c"], "c": ["b"]})
    part = subset_weights(weights, ["a", "c"])
    assert part.neighbors == {"a": [], "c": []}
    with pytest.raises(KeyError):
        subset_weights(weights, ["a", "z"])


@pytest.mark.parametrize("values", [[2, 2, 2, 2], [1, 2, 3], [1, 2, np.nan, 4]])
def test_morans_i_rejects_values_without_variation_of_the_wrong_length_or_missing(values):
    with pytest.raises(ValueError):
        moran_test(values, weights_from_adjacency(PATH_4), permutations=9)


def test_the_two_sided_p_value_catches_clusters_and_checkerboards_alike():
    weights = weights_from_adjacency(path(20))
    clustered = moran_test(np.arange(20.0), weights, permutations=999)
    alternating = moran_test(np.array([1.0, -1.0] * 10), weights, permutations=999)
    scattered = moran_test(np.random.default_rng(3).normal(size=20), weights, permutations=999)
    assert clustered.i > 0.8 and clustered.p_value < 0.01 and clustered.tail(0.05) == "positive"
    assert alternating.i < -0.9 and alternating.p_value < 0.01 and alternating.tail(0.05) == "negative"
    assert alternating.p_upper > 0.99   # the one-sided test of before called this "no pattern"
    assert scattered.p_value > 0.05 and scattered.tail(0.05) == "none"
    assert clustered.expected == pytest.approx(-1 / 19)
    assert moran_test(np.arange(20.0), weights, permutations=999) == clustered   # fixed seed


def test_the_same_values_shuffled_across_the_areas_lose_their_pattern():
    """Both sides of the verdict on one set of values: in order along a line they
    cluster (a small p); shuffled across the areas, the pattern goes, and the test
    finds one about as often as its level says (here 1 of 20 shuffles at 5%)."""
    weights = weights_from_adjacency(path(20))
    assert moran_test(np.arange(20.0), weights).p_value < 0.01
    rng = np.random.default_rng(7)
    shuffled = [moran_test(rng.permutation(np.arange(20.0)), weights) for _ in range(20)]
    assert sum(test.p_value < 0.05 for test in shuffled) <= 2
    assert np.median([test.p_value for test in shuffled]) > 0.3


def test_the_two_sided_p_is_twice_esdas_folded_one_sided_p_and_the_global_generator_is_left_alone():
    from esda.moran import Moran

    weights = weights_from_adjacency(path(12))
    values = np.random.default_rng(5).normal(size=12)
    np.random.seed(1)
    before = np.random.random()
    np.random.seed(1)
    ours = moran_test(values, weights, permutations=199, seed=7)
    assert np.random.random() == before   # the caller's random numbers are untouched
    np.random.seed(7)
    theirs = Moran(values, weights, transformation="r", permutations=199)
    assert ours.p_value == pytest.approx(min(1.0, 2 * theirs.p_sim))
    assert min(ours.p_upper, ours.p_lower) == pytest.approx(theirs.p_sim)


@pytest.mark.parametrize("n, islands, scale", [(12, 0, 1.0), (37, 3, 1e-3), (331, 5, 1e4)])
def test_the_shuffles_at_once_are_esdas_loop_to_the_last_digit(n, islands, scale):
    # The exported p-values count shuffles at least as extreme as the observed I, so
    # a simulated I one binary digit off could move a count: the sums must be esda's own.
    from esda.moran import Moran

    from placeblind.measures.spatial import permuted_morans_i

    rng = np.random.default_rng(n)
    links = np.triu(rng.random((n, n)) < 5 / n, 1)
    links[:, n - islands:] = links[n - islands:, :] = False
    weights = weights_from_adjacency((links | links.T).astype(int))
    values = rng.normal(size=n) * scale
    np.random.seed(20200702)
    theirs = Moran(values, weights, transformation="r", permutations=999)
    simulated = permuted_morans_i(values, theirs.w, 999, 20200702)
    assert np.array_equal(simulated, np.asarray(theirs.sim))
    test = moran_test(values, weights, permutations=999, seed=20200702)
    assert test.i == theirs.I
    assert test.p_upper == (np.sum(theirs.sim >= theirs.I) + 1) / 1000
    assert test.p_lower == (np.sum(theirs.sim <= theirs.I) + 1) / 1000


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


def test_libpysal_queen_contiguity_equals_boundaries_that_touch():
    from placeblind.data.boundaries import boundaries

    areas = boundaries(contiguity.BOUNDARIES)
    left, right = areas.sindex.query(areas.geometry, predicate="intersects")
    touching = {(areas["code"][i], areas["code"][j]) for i, j in zip(left, right) if i != j}
    weights = contiguity.district_weights()
    assert {(a, b) for a, near in weights.neighbors.items() for b in near} == touching
    names = areas.set_index("code")["name"]
    assert {names[c] for c in weights.islands} >= {"Isle of Wight", "Isles of Scilly", "Isle of Anglesey"}


def test_a_district_merged_since_takes_its_successors_neighbours():
    # Corby (E07000150) and Kettering (E07000153) became North Northamptonshire (E06000061) in 2021.
    weights = contiguity.district_area_weights(["E07000150", "E07000153", "E06000062", "E06000061"])
    assert "E07000153" in weights.neighbors["E07000150"]   # parts of one successor
    assert "E06000062" in weights.neighbors["E07000150"]   # West Northamptonshire borders North
    with pytest.raises(ValueError):
        contiguity.district_area_weights(["E06000061", "E06000061"])


def test_the_plain_neighbour_lists_are_the_weights_neighbours():
    # the adjacency matrices are built from the plain lists (no libpysal), Moran's I from the W
    codes = list(paper_study().codes)
    plain, weights = contiguity.district_area_neighbours(codes), contiguity.district_area_weights(codes)
    assert list(plain) == codes == list(weights.id_order)
    assert plain == weights.neighbors
    assert contiguity.adjacency_matrix(plain).equals(contiguity.adjacency_matrix(weights.neighbors))
    assert {code: list(near) for code, near in contiguity.district_neighbours().items()} == \
        contiguity.district_weights().neighbors
    itl3 = ["TLI31", "TLI32", "TLD33", "TLD34"]
    assert contiguity.itl3_neighbours(itl3) == contiguity.itl3_weights(itl3).neighbors


def test_adjacency_matrix_by_hand():
    matrix = contiguity.adjacency_matrix({"a": ["b"], "b": ["a", "c"], "c": ["b"], "d": []})
    assert list(matrix.index) == list(matrix.columns) == ["a", "b", "c", "d"]
    assert matrix.to_numpy().tolist() == [[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]]


def test_itl3_contiguity_is_the_district_contiguity_added_up():
    table = contiguity.itl3_weights(["TLI31", "TLI32", "TLD33", "TLD34", "TLK30", "TLJ34"])
    # Camden & City of London (TLI31) borders Westminster (TLI32); Manchester (TLD33) borders
    # Greater Manchester South West (TLD34); Cornwall and Scilly (TLK30) borders none of these.
    assert "TLI32" in table.neighbors["TLI31"] and "TLD34" in table.neighbors["TLD33"]
    assert table.neighbors["TLK30"] == [] and "TLD33" not in table.neighbors["TLI31"]
    with pytest.raises(KeyError):
        contiguity.itl3_weights(["TLZ99"])


def test_moran_summary_counts_the_areas_links_and_islands_of_libpysals_weights():
    # the summary counts the plain neighbour lists (no libpysal to load); the tests use the W
    for row in inference.moran_summary().itertuples():
        group = inference.fit_inference().query("sample == @row.sample and vintage == @row.vintage "
                                                "and census == @row.census").iloc[0]
        areas = list(inference.fit_areas(inference.moran_inputs(row.sample, row.vintage, row.census),
                                         group["sector"], group["education"]).index)
        weights = (contiguity.itl3_weights(areas) if row.sample == "itl3"
                   else contiguity.district_area_weights(areas))
        assert (row.n_areas, row.n_links, row.n_islands) == (weights.n, weights.s0 // 2, len(weights.islands))


def test_moran_summary_counts_the_patterns_of_the_inference_table():
    summary = inference.moran_summary()
    table = inference.fit_inference()
    for row in summary.itertuples():
        group = table[(table["sample"] == row.sample) & (table["vintage"] == row.vintage)
                      & (table["census"] == row.census)]
        assert row.n_fits == len(group) and row.n_areas == group["n"].max()
        assert row.n_clustered == (group["moran_pattern"] == "positive").sum()
        assert row.n_checkerboard == (group["moran_pattern"] == "negative").sum()
        assert (row.checkerboard_fits == "none") == (row.n_checkerboard == 0)
        assert ("commuting" in row.reading) == (row.n_checkerboard > 0)
        assert ("too small" in row.reading) == (row.n_clustered > 0)


# --- the jackknife -------------------------------------------------------------

def test_jackknife_recomputed_by_hand_for_digital_on_level4_2017():
    frame = fit_inputs("study_districts", 2017)
    x, y = frame["pct_level4_plus"].to_numpy(), frame["Information & communication"].to_numpy()
    slopes = {a: np.polyfit(x[frame["authority"] != a], y[frame["authority"] != a], 1)[0]
              for a in frame["authority"].unique()}
    row = inference.paper_inference(2017).query(
        "sector == 'Information & communication' and education == 'level4_plus'").iloc[0]
    assert row["jackknife_slope_min"] == pytest.approx(min(slopes.values()))
    assert row["jackknife_slope_max"] == pytest.approx(max(slopes.values()))
    assert row["slope"] == pytest.approx(np.polyfit(x, y, 1)[0])
    assert len(slopes) == 6


def test_inference_table_covers_every_fit_over_contiguous_areas_once():
    table = inference.fit_inference()
    fits = all_education_sector_fits()
    keys = ["sample", "vintage", "census", "sector", "education"]
    expected = fits[fits["sample"].isin(inference.MORAN_SAMPLES)][keys + ["n"]]
    assert not table.duplicated(keys).any()
    merged = expected.merge(table[keys + ["n"]], on=keys, how="outer", indicator=True, suffixes=("_fit", ""))
    assert (merged["_merge"] == "both").all() and (merged["n_fit"] == merged["n"]).all()
    assert set(table["sample"]) == {"study_districts", "all_districts", "itl3"}
    probabilities = ["p_value", "p_value_hc3", "moran_p_two_sided", "moran_p_upper", "moran_p_lower"]
    assert table[probabilities].apply(lambda c: c.between(0, 1)).all().all()
    assert (table["moran_p_two_sided"] == np.minimum(1, 2 * table[["moran_p_upper", "moran_p_lower"]].min(axis=1))).all()
    study = table["sample"] == "study_districts"
    assert table.loc[study, "jackknife_p_max"].between(0, 1).all()
    assert table.loc[~study, "jackknife_p_max"].isna().all()
    assert len(inference.paper_inference()) == 2 * 8 * 2


def test_the_paper_districts_residuals_form_a_checkerboard_for_professional_services_in_2017():
    row = inference.paper_inference(2017).query(
        "sector == 'Professional, scientific & technical' and education == 'level4_plus'").iloc[0]
    assert row["moran_pattern"] == "negative" and row["moran_i"] < row["moran_expected"]
    assert row["moran_p_lower"] < 0.025 < row["moran_p_upper"]


# --- the words -----------------------------------------------------------------

FIRM = {"p_value": 0.001, "p_value_hc3": 0.002, "jackknife_sign_kept": True, "jackknife_p_max": 0.01,
        "moran_pattern": "none"}


@pytest.mark.parametrize("change, expected", [
    ({}, "firm"),
    ({"p_value_hc3": 0.2}, "qualified"),
    ({"jackknife_sign_kept": False}, "qualified"),
    ({"jackknife_p_max": 0.3}, "qualified"),
    ({"moran_pattern": "positive"}, "qualified"),
    ({"moran_pattern": "negative"}, "firm"),   # a checkerboard does not make the classical p too small
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
    assert "one of measure" in inference_findings.gap_sentence()
    monkeypatch.setattr(inference_findings, "published_gap",
                        lambda published, sector: {**inference.published_gap(published, sector),
                                                   "explained_by": "vintage"})
    assert "the year can explain them" in inference_findings.gap_sentence()


def test_the_inference_sentence_names_what_fails(monkeypatch):
    real = inference.paper_inference()
    real_sentence = inference_findings.inference_sentence(2017)
    assert "Information" not in real_sentence   # sector names are shortened
    assert "checkerboard" in real_sentence and "professional services on Level 4+ (Moran's I" in real_sentence
    changed = real.copy()
    digital = (changed["vintage"] == 2017) & (changed["sector"] == "Information & communication") & (
        changed["education"] == "level4_plus")
    changed.loc[digital, ["moran_p_two_sided", "moran_pattern"]] = [0.001, "positive"]
    monkeypatch.setattr(inference_findings, "paper_inference",
                        lambda vintage=None: changed[changed["vintage"] == vintage].reset_index(drop=True))
    sentence = inference_findings.inference_sentence(2017)
    assert "digital on Level 4+ (its residuals cluster in space" in sentence
    assert "cluster in space at the 5% level for digital on Level 4+" in sentence
    assert "checkerboard" in sentence   # professional services' checkerboard is still named
    changed["moran_pattern"] = "none"
    assert "checkerboard" not in inference_findings.inference_sentence(2017)
