"""The specification curves under the null: the fast estimates equal the
chapter's own for every specification (unpermuted, and permuted through the
chapter's code), the grades are the chapter's, a curve with no relation gives
a null share near its expectation and a large p, a planted relation a small p."""

from __future__ import annotations

import numpy as np
import pytest

from placeblind.analysis import robustness_null as null
from placeblind.analysis.robustness import FITS, Inputs
from placeblind.claims import robustness as claims_robustness
from placeblind.claims.findings import finding, finding_estimates, specifications
from placeblind.claims import robustness_null as claims_null


@pytest.fixture(scope="module")
def inputs():
    return Inputs()


def _real_curve(inputs, finding_id):
    specs = specifications(finding_id)
    choices = null.NULL_CHOICES[finding_id]
    estimates, directions = [], []
    for values in specs[list(choices)].itertuples(index=False):
        data = null.spec_data(inputs, finding_id, dict(zip(choices, values)))
        e, d = null.curve_estimates(data, data.y[None, :])
        estimates.append(e[0])
        directions.append(d[0])
    return np.array(estimates), np.array(directions)


@pytest.mark.parametrize("finding_id", list(null.NULL_CHOICES))
def test_the_fast_estimates_of_the_real_curve_are_the_chapter_s(inputs, finding_id):
    real = finding_estimates(finding(finding_id), inputs)
    estimates, directions = _real_curve(inputs, finding_id)
    if finding_id == null.DIVIDE:   # the divide's estimate is r itself
        estimates, directions = directions * np.sqrt(estimates), np.sign(real["estimate"].to_numpy())
        assert (np.sign(estimates) == directions).all()
        np.testing.assert_allclose(estimates, real["estimate"].to_numpy(), rtol=0, atol=1e-9)
        return
    np.testing.assert_allclose(estimates, real["estimate"].to_numpy(), rtol=0, atol=1e-9)
    assert (directions == real["direction"].to_numpy()).all()


def test_a_permuted_curve_through_the_chapter_s_own_code_matches_the_fast_one(inputs):
    finding_id, permutations, seed = "table4_digital", 3, 11
    estimates, directions = null.null_estimates(finding_id, specifications(finding_id), permutations, seed, inputs)
    for draw in range(permutations):
        slow = finding_estimates(finding(finding_id), null.PermutedInputs(draw, permutations, seed))
        np.testing.assert_allclose(estimates[draw], slow["estimate"].to_numpy(), rtol=0, atol=1e-9)
        assert (directions[draw] == slow["direction"].to_numpy()).all()


@pytest.mark.parametrize("finding_id", ["table4_professional", null.DIVIDE])
def test_the_null_s_shared_outcomes_and_ranks_give_each_specification_s_own_estimates(inputs, finding_id):
    """null_estimates permutes and ranks each distinct outcome once for the specifications
    that share it: to the last digit what each specification gives on its own."""
    specs, permutations, seed = specifications(finding_id), 5, 3
    choices = null.NULL_CHOICES[finding_id]
    estimates, directions = null.null_estimates(finding_id, specs, permutations, seed, inputs)
    for j, values in enumerate(specs[list(choices)].itertuples(index=False)):
        spec = dict(zip(choices, values))
        data = null.spec_data(inputs, finding_id, spec)
        data = null.SpecData(**{**data.__dict__, "weights": data.residents if spec["weighting"] == "residents"
                                else None})
        alone = null.curve_estimates(data, null.permuted_outcomes(data, permutations, seed))
        assert np.array_equal(estimates[:, j], alone[0], equal_nan=True), spec
        assert np.array_equal(directions[:, j], alone[1], equal_nan=True), spec


def test_relabellings_are_permutations_fixed_by_the_seed_and_the_areas():
    codes = tuple(f"E{i:08d}" for i in range(30))
    rows = null.relabellings(codes, 50, 1)
    assert (np.sort(rows, axis=1) == np.arange(30)).all()
    assert (null.relabellings(codes, 50, 1) == rows).all()
    assert not (null.relabellings(codes, 50, 2) == rows).all()
    assert not (null.relabellings(codes[::-1], 50, 1) == rows).all()


def test_the_grades_are_the_chapter_s_on_every_real_specification():
    graded = claims_robustness.graded_estimates()
    for finding_id in null.NULL_CHOICES:
        frame = graded[finding_id]
        ours = claims_null.grade(finding_id, frame["estimate"].to_numpy(), frame["direction"].to_numpy())
        assert (ours == frame["supports_published"].to_numpy()).all()


@pytest.mark.parametrize("call", [lambda: null.null_estimates("professional_below_one", specifications("table4_digital"), 9),
                                  lambda: null.null_estimates("table4_digital", specifications("table4_digital"), 0),
                                  lambda: null.null_estimates("table4_digital", specifications("all_eight"), 9),
                                  lambda: claims_null.grade("all_eight", np.ones(1), np.ones(1))])
def test_bad_requests_are_refused(call):
    with pytest.raises(ValueError):
        call()


# --- a synthetic curve: the null's expectation and a planted relation -----------------------------------------

def _curve(y: np.ndarray, x: np.ndarray, weights: np.ndarray) -> list[null.SpecData]:
    """Twelve specifications over 60 areas: four samples (all, and three with a
    group left out) by three estimators (OLS, weighted, Spearman)."""
    codes = tuple(f"A{i:02d}" for i in range(len(x)))
    specs = []
    for left_out in (None, 0, 1, 2):
        keep = np.arange(len(x)) % 3 != left_out if left_out is not None else np.ones(len(x), bool)
        for estimator, w in (("pearson", None), ("pearson", weights[keep]), ("spearman", None)):
            specs.append(null.SpecData(x[keep], y[keep], w, estimator, False, tuple(np.array(codes)[keep]),
                                       codes, y))
    return specs


def _null_of(curve, grade, permutations=199, seed=5):
    observed = np.array([grade(*(v[0] for v in null.curve_estimates(d, d.y[None, :]))) for d in curve])
    draws = np.column_stack([np.vectorize(grade)(*null.curve_estimates(d, null.permuted_outcomes(d, permutations, seed)))
                             for d in curve])
    return null.null_summary(observed, draws)


def positive(estimate, direction):
    return direction > 0


def strong(estimate, direction):
    return direction > 0 and estimate >= 0.5


def test_with_no_relation_the_null_share_is_near_its_expectation_and_p_is_large():
    rng = np.random.default_rng(2)
    x, weights = rng.normal(size=60), rng.uniform(1, 3, size=60)
    y = rng.permutation(x + 0.2 * rng.normal(size=60))   # the outcome permuted: no relation left
    result = _null_of(_curve(y, x, weights), positive)
    assert result["null_mean_share"] == pytest.approx(0.5, abs=0.1)   # a positive slope half the time
    assert result["p_value"] > 0.05
    assert result["n_specifications"] == 12 and result["n_permutations"] == 199


def test_with_a_planted_relation_p_is_small():
    rng = np.random.default_rng(2)
    x, weights = rng.normal(size=60), rng.uniform(1, 3, size=60)
    y = x + 0.2 * rng.normal(size=60)
    result = _null_of(_curve(y, x, weights), strong)
    assert result["observed_share"] == 1.0
    assert result["null_mean_share"] < 0.05 and result["null_share_p95"] < 0.5
    assert result["p_value"] == pytest.approx(1 / 200)


def test_the_exported_null_covers_every_relation_and_agrees_with_the_summary():
    table = claims_robustness.robustness_null()
    summary = claims_robustness.robustness_summary().set_index("finding")
    assert list(table["finding"]) == [*FITS, null.DIVIDE]
    assert (table["n_permutations"] == null.NULL_PERMUTATIONS).all() and (table["seed"] == null.NULL_SEED).all()
    assert table["p_value"].between(1 / (null.NULL_PERMUTATIONS + 1), 1).all()
    for row in table.itertuples():
        assert row.observed_share == pytest.approx(summary.loc[row.finding, "share_supporting"])
        assert row.n_specifications == summary.loc[row.finding, "n_specifications"]
        assert row.null_mean_share <= row.null_share_p95 + 1e-12


def test_the_summary_carries_the_null_or_says_why_not():
    summary = claims_robustness.robustness_summary().set_index("finding")
    table = claims_robustness.robustness_null().set_index("finding")
    for finding_id, row in summary.iterrows():
        if finding_id in table.index:
            assert row["has_null"] and row["null_p_value"] == table.loc[finding_id, "p_value"]
            assert row["null_mean_share"] == table.loc[finding_id, "null_mean_share"]
            expected = "more than chance would give" if row["null_p_value"] < 0.05 else "no more than chance would give"
            assert row["chance_reading"] == expected
        else:
            assert not row["has_null"] and np.isnan(row["null_p_value"]) and row["chance_reading"] == ""
            assert row["null_note"] == finding(finding_id).null_reason() != ""


def test_chance_words_turn_at_the_level():
    assert claims_null.chance_reading(0.01) == "more than chance would give"
    assert claims_null.chance_reading(0.05) == "no more than chance would give"
    assert claims_null.chance_reading(float("nan")) == ""
