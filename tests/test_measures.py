"""The three measures: shares, location quotients and the education-sector fit,
on hand-worked cases, on invariants, and against scipy."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from placeblind.data import bres
from placeblind.measures import (
    education_sector_fit,
    location_quotient,
    location_quotient_from_shares,
    percent_of,
    shares,
)
from placeblind.measures.fits import r2_interval_from_r

# Two areas x two sectors, worked by hand.
#
#            X     Y    area total
#   A       30    10        40
#   B       20   150       170
#   all     50   160       210
#
# Shares of the reference (all areas): X 50/210, Y 160/210.
#   LQ(A, X) = (30/40)  / (50/210)  = 0.75 * 4.2        = 3.15
#   LQ(A, Y) = (10/40)  / (160/210) = 0.25 * 1.3125     = 0.328125
#   LQ(B, X) = (20/170) / (50/210)  = (2/17) * (21/5)   = 42/85
#   LQ(B, Y) = (150/170)/ (160/210) = (15/17) * (21/16) = 315/272
HAND = pd.DataFrame({
    "code": ["A", "A", "B", "B"],
    "sector": ["X", "Y", "X", "Y"],
    "employment": [30, 10, 20, 150],
})
HAND_LQ = [3.15, 0.328125, 42 / 85, 315 / 272]
HAND_SHARES = [75.0, 25.0, 100 * 20 / 170, 100 * 150 / 170]


# ==========================================================================
# Shares


def test_shares_hand_worked():
    np.testing.assert_allclose(shares(HAND), HAND_SHARES)


def test_percent_of_hand_worked_and_the_same_arithmetic_as_shares():
    assert percent_of(1, 8) == 12.5 and percent_of(3.0, 3.0) == 100.0
    part = pd.Series([1.0, 2.0], index=["a", "b"])
    pd.testing.assert_series_equal(percent_of(part, part.sum()), pd.Series([100 / 3, 200 / 3], index=["a", "b"]))
    assert (shares(HAND) == percent_of(HAND["employment"], HAND.groupby("code")["employment"].transform("sum"))).all()
    with np.errstate(divide="ignore"):
        assert np.isinf(percent_of(np.float64(1.0), np.float64(0.0)))


def test_shares_sum_to_100_per_area_on_real_data(real):
    groups = real.get(bres.district_broad_group_employment, 2017)
    pct = shares(groups)
    totals = pct.groupby(groups["code"]).sum()
    np.testing.assert_allclose(totals, 100.0, atol=1e-9)
    assert len(totals) == 380


def test_shares_with_other_column_names_and_a_categorical_area():
    table = pd.DataFrame({"region": pd.Categorical(["r1", "r1", "r2"], ["r1", "r2", "r3"]),
                          "jobs": [1.0, 3.0, 5.0]})
    np.testing.assert_allclose(shares(table, area="region", value="jobs"), [25.0, 75.0, 100.0])


# ==========================================================================
# Location quotients


def test_location_quotient_hand_worked():
    np.testing.assert_allclose(location_quotient(HAND), HAND_LQ)


def test_location_quotient_is_independent_of_row_order_and_categorical_sectors():
    shuffled = HAND.iloc[[3, 0, 2, 1]].reset_index(drop=True)
    shuffled["sector"] = pd.Categorical(shuffled["sector"], ["X", "Y"])
    expected = pd.Series(HAND_LQ, index=list(zip(HAND["code"], HAND["sector"])))
    got = location_quotient(shuffled)
    for (code, sector), value in zip(zip(shuffled["code"], shuffled["sector"]), got):
        assert value == pytest.approx(expected[(code, sector)])


def test_location_quotient_with_an_explicit_reference():
    # Reference X : Y = 1 : 3, i.e. shares 25% and 75%.
    #   LQ(A, X) = 75 / 25 = 3        LQ(A, Y) = 25 / 75 = 1/3
    #   LQ(B, X) = (2000/170) / 25 = 8/17    LQ(B, Y) = (15000/170) / 75 = 20/17
    expected = [3.0, 1 / 3, 8 / 17, 20 / 17]
    counts = pd.Series({"X": 1000.0, "Y": 3000.0})
    percentages = pd.Series({"Y": 75.0, "X": 25.0})  # order and scale do not matter
    np.testing.assert_allclose(location_quotient(HAND, reference=counts), expected)
    np.testing.assert_allclose(location_quotient(HAND, reference=percentages), expected)


def test_location_quotient_with_other_column_names():
    table = HAND.rename(columns={"code": "area", "sector": "industry", "employment": "jobs"})
    np.testing.assert_allclose(location_quotient(table, area="area", sector="industry", value="jobs"), HAND_LQ)


def test_employment_weighted_mean_lq_is_one_for_every_sector(real):
    """sum_a (E_a / E) * LQ_as = sum_a e_as / E_s = 1 when the reference is the sum of the areas."""
    groups = real.get(bres.district_broad_group_employment, 2017).copy()
    groups["lq"] = location_quotient(groups)
    groups["weight"] = groups.groupby("code")["employment"].transform("sum")
    weighted = (groups["lq"] * groups["weight"]).groupby(groups["sector"], observed=True).sum()
    mean = weighted / groups.groupby("sector", observed=True)["weight"].sum()
    assert len(mean) == 18
    np.testing.assert_allclose(mean, 1.0, rtol=1e-12)


def test_lq_of_the_reference_area_itself_is_one(real):
    groups = real.get(bres.district_broad_group_employment, 2017)
    gb = groups.groupby("sector", observed=True)["employment"].sum()
    as_one_area = pd.DataFrame({"code": "GB", "sector": gb.index, "employment": gb.values})
    np.testing.assert_allclose(location_quotient(as_one_area), 1.0)


def test_location_quotient_from_shares():
    local = pd.Series({"X": 10.0, "Y": 20.0, "Z": 70.0})
    reference = pd.Series({"Z": 35.0, "X": 5.0, "Y": 60.0})  # aligned by sector, not by position
    got = location_quotient_from_shares(local, reference)
    assert got.to_dict() == pytest.approx({"X": 2.0, "Y": 1 / 3, "Z": 2.0})


def test_location_quotient_from_shares_agrees_with_counts():
    by_area = HAND.pivot(index="code", columns="sector", values="employment")
    reference = 100 * by_area.sum() / by_area.sum().sum()
    local_a = 100 * by_area.loc["A"] / by_area.loc["A"].sum()
    np.testing.assert_allclose(location_quotient_from_shares(local_a, reference)[["X", "Y"]], HAND_LQ[:2])


# ==========================================================================
# Education-sector fit


def _noisy(seed: int, n: int = 37, slope: float = 0.3):
    rng = np.random.default_rng(seed)
    x = rng.uniform(10, 50, n)
    y = 2.0 + slope * x + rng.normal(0, 3, n)
    return x, y


def test_fit_agrees_with_scipy_linregress():
    x, y = _noisy(11)
    fit = education_sector_fit(x, y, resamples=500)
    reference = stats.linregress(x, y)
    assert fit.n == len(x)
    assert fit.r == pytest.approx(reference.rvalue, rel=1e-12)
    assert fit.slope == pytest.approx(reference.slope, rel=1e-10)
    assert fit.intercept == pytest.approx(reference.intercept, rel=1e-10)
    assert fit.p_value == pytest.approx(reference.pvalue, rel=1e-8)
    assert fit.r2 == pytest.approx(reference.rvalue ** 2, rel=1e-12)


@pytest.mark.parametrize("seed, slope", [(1, 0.3), (2, -0.5), (3, 0.05), (4, -0.02)])
def test_fit_r2_is_r_squared_and_slope_has_the_sign_of_r(seed, slope):
    x, y = _noisy(seed, slope=slope)
    fit = education_sector_fit(x, y, resamples=200)
    assert fit.r2 == pytest.approx(fit.r ** 2, rel=1e-12, abs=1e-15)
    assert np.sign(fit.slope) == np.sign(fit.r)
    assert 0 <= fit.r2_ci_low <= fit.r2_ci_high <= 1


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_fit_of_a_perfect_line():
    x = np.arange(10, dtype=float)
    y = 1.0 - 2.0 * x
    fit = education_sector_fit(x, y)
    assert fit.r == pytest.approx(-1.0)
    assert fit.r2 == pytest.approx(1.0)
    assert fit.slope == pytest.approx(-2.0)
    assert fit.intercept == pytest.approx(1.0)
    assert fit.r2_ci_low == pytest.approx(1.0, abs=1e-9)
    assert fit.r2_ci_high == pytest.approx(1.0, abs=1e-9)


def test_fit_bootstrap_is_deterministic():
    x, y = _noisy(5)
    assert education_sector_fit(x, y) == education_sector_fit(x, y)
    assert education_sector_fit(x, y, seed=99) == education_sector_fit(x, y, seed=99)


def test_fit_bootstrap_depends_on_the_seed_only_through_the_interval():
    x, y = _noisy(5)
    one, other = education_sector_fit(x, y, seed=1), education_sector_fit(x, y, seed=2)
    assert (one.r2_ci_low, one.r2_ci_high) != (other.r2_ci_low, other.r2_ci_high)
    for field in ("n", "r", "r2", "slope", "intercept", "p_value"):
        assert getattr(one, field) == getattr(other, field)


def test_fit_bootstrap_is_a_percentile_interval_of_resampled_r():
    """Re-derive the interval independently: resample cases with the same generator, r from np.corrcoef."""
    x, y = _noisy(8, n=20)
    seed, resamples = 123, 300
    fit = education_sector_fit(x, y, resamples=resamples, seed=seed)
    index = np.random.default_rng(seed).integers(0, len(x), size=(resamples, len(x)))
    r = [np.corrcoef(x[i], y[i])[0, 1] for i in index if np.ptp(x[i]) > 0 and np.ptp(y[i]) > 0]
    low, high = np.percentile(r, [2.5, 97.5])
    assert fit.r_ci_low == pytest.approx(low, rel=1e-9)
    assert fit.r_ci_high == pytest.approx(high, rel=1e-9)
    assert (fit.r2_ci_low, fit.r2_ci_high) == pytest.approx(r2_interval_from_r(low, high))


@pytest.mark.parametrize("r_low, r_high, expected", [
    (0.2, 0.5, (0.04, 0.25)),      # all positive: the squares of the ends
    (-0.6, -0.2, (0.04, 0.36)),    # all negative: the squares, in order
    (-0.3, 0.5, (0.0, 0.25)),      # spans 0: r-squared can be 0
    (-0.7, 0.1, (0.0, 0.49)),
    (0.0, 0.3, (0.0, 0.09)),
])
def test_r2_interval_from_r_hand_worked(r_low, r_high, expected):
    assert r2_interval_from_r(r_low, r_high) == pytest.approx(expected)


def test_r2_interval_from_r_rejects_a_reversed_interval():
    with pytest.raises(ValueError):
        r2_interval_from_r(0.5, 0.2)


def test_an_r2_interval_reaches_zero_when_there_is_no_relation():
    x, y = _noisy(11, slope=0.0)
    fit = education_sector_fit(x, y, resamples=500)
    assert fit.r_ci_low < 0 < fit.r_ci_high
    assert fit.r2_ci_low == 0.0


def test_hc3_p_value_matches_the_sandwich_formula():
    """HC3 by hand: (X'X)^-1 X' diag(e_i^2 / (1 - h_i)^2) X (X'X)^-1, t against n - 2 degrees of freedom."""
    x, y = _noisy(12, slope=0.3)
    x = x + np.linspace(0, 3, len(x)) ** 2   # uneven spread, so HC3 differs from the classical error
    fit = education_sector_fit(x, y, resamples=50)
    design = np.column_stack([np.ones_like(x), x])
    inverse = np.linalg.inv(design.T @ design)
    beta = inverse @ design.T @ y
    residuals = y - design @ beta
    leverage = np.einsum("ij,jk,ik->i", design, inverse, design)
    meat = design.T @ (design * (residuals ** 2 / (1 - leverage) ** 2)[:, None])
    se = np.sqrt((inverse @ meat @ inverse)[1, 1])
    # statsmodels' robust covariance tests with the normal distribution by default
    expected = 2 * stats.norm.sf(abs(beta[1] / se))
    assert fit.p_value_hc3 == pytest.approx(expected, rel=1e-8)
    assert fit.p_value_hc3 != pytest.approx(fit.p_value, rel=1e-3)


def test_fit_accepts_pandas_series():
    x, y = _noisy(9)
    as_series = education_sector_fit(pd.Series(x), pd.Series(y, index=range(100, 137)), resamples=100)
    assert as_series == education_sector_fit(x, y, resamples=100)


def test_fit_rejects_too_few_points():
    with pytest.raises(ValueError, match="at least three"):
        education_sector_fit([1.0, 2.0], [3.0, 5.0])


@pytest.mark.parametrize("x, y", [
    ([1.0, np.nan, 3.0, 4.0], [1.0, 2.0, 3.0, 5.0]),
    ([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, np.nan, 5.0]),
])
def test_fit_rejects_missing_values(x, y):
    with pytest.raises(ValueError, match="missing values"):
        education_sector_fit(x, y)


@pytest.mark.parametrize("x, y", [
    ([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0]),
    ([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 5.0]]),
])
def test_fit_rejects_mismatched_or_multidimensional_input(x, y):
    with pytest.raises(ValueError, match="one-dimensional and the same length"):
        education_sector_fit(x, y)


def test_fit_as_dict():
    x, y = _noisy(10)
    fit = education_sector_fit(x, y, resamples=100)
    assert fit.as_dict() == {f.name: getattr(fit, f.name) for f in dataclasses.fields(fit)}


def test_a_fit_of_the_same_values_again_is_the_one_computed_before():
    """education_sector_fit keeps its fits by their values: the same values (as a
    Series or an array) give the very same result, other values another."""
    x = pd.Series([1.0, 2.0, 3.0, 4.0, 6.0])
    y = pd.Series([2.0, 2.5, 3.5, 3.9, 6.5])
    first = education_sector_fit(x, y, resamples=200)
    assert education_sector_fit(x.to_numpy(), y.to_numpy(), resamples=200) is first
    other = education_sector_fit(x, y.where(y != 6.5, 7.0), resamples=200)
    assert other != first and other.slope > first.slope
    assert education_sector_fit(x, y, resamples=300) is not first


@pytest.mark.parametrize("rank", [False, True])
def test_a_correlation_without_resamples_is_the_same_estimate_with_no_interval(rank):
    from placeblind.measures import bootstrap_indices
    from placeblind.measures.correlations import correlation_with_interval

    x = np.array([1.0, 2.0, 3.0, 4.0, 6.0, 5.5])
    y = np.array([2.0, 3.6, 3.5, 3.9, 6.5, 3.0])
    estimate, low, high = correlation_with_interval(x, y, bootstrap_indices(len(x), 500), rank=rank)
    alone = correlation_with_interval(x, y, None, rank=rank)
    assert alone[0] == estimate and low < estimate < high
    assert np.isnan(alone[1]) and np.isnan(alone[2])


@pytest.mark.parametrize("n", [7, 37, 331])
def test_the_fit_bootstrap_in_blocks_with_a_shared_x_is_row_correlations_to_the_last_digit(n):
    """The exported intervals are percentiles of the resamples' r: the blocks and the
    x side kept for the next fit of the same x must give exactly the interval of
    row_correlations over the whole arrays, for every y fitted on that x."""
    from placeblind.measures import bootstrap_indices, row_correlations
    from placeblind.measures.fits import BLOCK_ROWS

    rng = np.random.default_rng(n)
    x = rng.gamma(2.0, 10.0, n)
    resamples = 2 * BLOCK_ROWS + 37  # a last block shorter than the others
    index = bootstrap_indices(n, resamples, 11)
    for y in (rng.normal(size=n), 3 * x + rng.normal(size=n), np.round(rng.random(n), 1)):
        whole = row_correlations(x[index], y[index])
        low, high = np.percentile(whole[~np.isnan(whole)], [2.5, 97.5])
        fit = education_sector_fit(x, y, resamples=resamples, seed=11)
        assert (fit.r_ci_low, fit.r_ci_high) == (low, high)
    assert np.isnan(row_correlations(np.ones((1, 3)), np.arange(3.0)[None, :])).all()


@pytest.mark.parametrize("rank", [False, True])
def test_pairwise_correlations_are_each_pairs_own_to_the_last_digit(rank):
    """pairwise_correlations ranks and centres each row's resamples once for all its
    pairs: every pair must still get exactly the estimate and interval computed
    from that pair alone (Pearson's r, or Spearman's rho as r of the ranks)."""
    from scipy.stats import rankdata

    from placeblind.measures import bootstrap_indices, row_correlations
    from placeblind.measures.correlations import pairwise_correlations

    rng = np.random.default_rng(4)
    values = rng.gamma(2.0, 1.0, (4, 23))
    values[3] = np.round(values[0] + rng.normal(0, 0.3, 23), 1)   # ties, and a strong pair
    index = bootstrap_indices(23, 700, 9)
    pairs = pairwise_correlations(values, index, rank=rank)
    assert sorted(pairs) == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    side = (lambda v: rankdata(v, axis=-1)) if rank else (lambda v: v)
    for (i, j), (estimate, low, high) in pairs.items():
        boot = row_correlations(side(values[i][index]), side(values[j][index]))
        assert estimate == float(np.corrcoef(side(values[i]), side(values[j]))[0, 1])
        assert (low, high) == tuple(float(v) for v in np.nanpercentile(boot, [2.5, 97.5]))
    assert pairs[0, 3][1] > 0.5 and pairs[0, 1][1] < 0 < pairs[0, 1][2]   # a related pair, an unrelated one
    alone = pairwise_correlations(values, None, rank=rank)
    assert all(alone[p][0] == pairs[p][0] and np.isnan(alone[p][1:]).all() for p in pairs)


@pytest.mark.parametrize("n", [5, 37, 331])
def test_spearman_correlation_is_scipy_s_statistic_to_the_last_digit(n):
    """correlation(..., "spearman") reads the ranks' correlation as SciPy's spearmanr
    computes its statistic: the same value bit for bit, ties (shares to one decimal) included."""
    from scipy.stats import spearmanr

    from placeblind.measures import correlation

    rng = np.random.default_rng(n)
    for k in range(60):
        x = rng.gamma(2.0, 10.0, n)
        y = x * rng.random() + rng.normal(size=n)
        if k % 2:
            x, y = np.round(x, 1), np.round(y, 1)
        assert correlation(x, y, "spearman") == spearmanr(x, y).statistic
    assert correlation([1.0, 2.0, 3.0], [3.0, 1.0, 2.0], "spearman") == pytest.approx(-0.5)


def test_weighted_row_correlations_are_the_weighted_correlation_of_each_row():
    """The permutation nulls' weighted r, many rows at once, is correlation()'s
    weighted r (statsmodels' weighted moments) row by row; equal weights give
    Pearson's r, and a row without variance gives NaN."""
    from placeblind.measures import correlation, weighted_row_correlations

    rng = np.random.default_rng(12)
    x, weights = rng.normal(size=30), rng.gamma(2.0, 500.0, 30)
    rows = np.vstack([2 * x + rng.normal(size=30), rng.normal(size=30), np.full(30, 4.0)])
    r = weighted_row_correlations(x, rows, weights)
    for row, value in zip(rows[:2], r[:2]):
        assert value == pytest.approx(correlation(x, row, weights=weights), abs=1e-12)
    assert r[0] > 0.8 and np.isnan(r[2])
    assert weighted_row_correlations(x, rows[:2], np.ones(30)) == pytest.approx(
        [correlation(x, row) for row in rows[:2]], abs=1e-12)


def test_a_fit_on_the_log_scale_leaves_out_the_areas_without_the_sector():
    from placeblind.measures import log_of_positive

    y, x, weights = log_of_positive([2.0, 0.0, np.e, np.nan], [1.0, 2.0, 3.0, 4.0], None)
    assert y == pytest.approx([np.log(2.0), 1.0]) and x.tolist() == [1.0, 3.0] and weights is None
    y, x, weights = log_of_positive(np.array([1.0, 5.0]), [7.0, 8.0], [10, 20])
    assert y.tolist() == [0.0, np.log(5.0)] and x.tolist() == [7.0, 8.0] and weights.tolist() == [10.0, 20.0]
