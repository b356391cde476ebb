"""Correlations and their bootstrap: resamples drawn once, with a fixed seed, so
every build draws the same ones."""

from __future__ import annotations

import itertools

import numpy as np

from ..cache import cached

BOOTSTRAP_SEED = 20200701  # fixed so every build draws the same resamples
BOOTSTRAP_RESAMPLES = 4000

# Two correlations (r or r²) are read as the same when they differ by no more
# than this: the ledger's margin for a published correlation (claims.rules) and
# the leave-out test's "rests on" (analysis.education_fits) both read it.
CORRELATION_MARGIN = 0.1

# The level every test of the book is read at (a p-value below it is
# "distinguishable from chance"): the fits' inference, the permutation tests and
# the nulls of the pattern and the robustness curves. The conventional 5%.
SIGNIFICANCE = 0.05
# Its intervals: the percentiles a 1 - SIGNIFICANCE interval runs between (2.5, 97.5).
INTERVAL_PERCENTILES = (100 * SIGNIFICANCE / 2, 100 * (1 - SIGNIFICANCE / 2))


def interval_level_pct() -> float:
    """The level of the book's intervals in per cent, as a page prints it ("95%
    interval"): 100 x (1 - :data:`SIGNIFICANCE`), the width of
    :data:`INTERVAL_PERCENTILES`. Read when called, so a changed level changes it."""
    return 100 * (1 - SIGNIFICANCE)


# Kept in the process: the same few sizes are drawn for hundreds of fits (319 fits
# drew 4,000 rows each, a half-second of a build); each caller gets its own copy.
@cached(inputs=False, maxsize=32)
def bootstrap_indices(n: int, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED) -> np.ndarray:
    """``resamples`` rows of ``n`` case indices drawn with replacement (fixed seed)."""
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n))


def row_correlations(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson correlation of each row of ``x`` with the same row of ``y`` (for
    bootstrap resamples); NaN where a row has no variance."""
    return centred_correlations(centred_rows(x), centred_rows(y))


def weighted_row_correlations(x: np.ndarray, y: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted Pearson correlation of ``x`` with each row of ``y``, each case counted
    in proportion to ``weights``: :func:`correlation`'s weighted r (statsmodels'
    weighted moments) for many rows at once, as the permutation nulls need it
    (tested equal); NaN where a row has no variance."""
    w = weights / weights.sum()
    xc = x - w @ x
    yc = y - (y @ w)[:, None]
    denominator = np.sqrt((w @ (xc * xc)) * ((yc * yc) @ w))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, (yc * xc) @ w / denominator, np.nan)


def centred_rows(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row of ``x`` less the row's mean, and each row's sum of squares of
    those deviations: the half of :func:`row_correlations` that reads one side
    only, so a caller that correlates one ``x`` with many ``y`` computes it once."""
    x = x - x.mean(axis=1, keepdims=True)
    return x, (x ** 2).sum(axis=1)


def centred_correlations(x: tuple[np.ndarray, np.ndarray], y: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """:func:`row_correlations` from the :func:`centred_rows` of both sides. Each
    row is computed on its own, so any block of rows gives the same values as the
    whole array."""
    (x, x_squares), (y, y_squares) = x, y
    denominator = np.sqrt(x_squares * y_squares)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, (x * y).sum(axis=1) / denominator, np.nan)


def correlation_with_interval(x: np.ndarray, y: np.ndarray, index: np.ndarray | None,
                              rank: bool = False) -> tuple[float, float, float]:
    """Pearson correlation of ``x`` and ``y`` (Spearman's when ``rank``) and a
    percentile 95% interval over the bootstrap resamples ``index`` (no interval,
    NaN and NaN, when ``index`` is None): :func:`pairwise_correlations` of the two."""
    return pairwise_correlations(np.vstack([x, y]), index, rank)[0, 1]


def pairwise_correlations(values: np.ndarray, index: np.ndarray | None,
                          rank: bool = False) -> dict[tuple[int, int], tuple[float, float, float]]:
    """:func:`correlation_with_interval` of every pair of rows ``i < j`` of ``values``
    (one variable per row), by ``(i, j)``. Each row's resamples (ranked, for
    Spearman's rho) and their :func:`centred_rows` are computed once for all the
    pairs it is in, not once per pair: the same values, since each pair's
    resampled r is :func:`row_correlations` of the two rows' resamples."""
    values = np.asarray(values, dtype=float)
    if rank:
        from scipy.stats import rankdata  # loaded only when rank correlations are asked for

        points = [rankdata(row) for row in values]
        resampled = [] if index is None else [rankdata(row[index], axis=1) for row in values]
    else:
        points = list(values)
        resampled = [] if index is None else [row[index] for row in values]
    sides = [centred_rows(rows) for rows in resampled]
    out = {}
    for i, j in itertools.combinations(range(len(values)), 2):
        estimate = float(np.corrcoef(points[i], points[j])[0, 1])
        if index is None:
            out[i, j] = (estimate, float("nan"), float("nan"))
            continue
        low, high = np.nanpercentile(centred_correlations(sides[i], sides[j]), list(INTERVAL_PERCENTILES))
        out[i, j] = (estimate, float(low), float(high))
    return out


def correlation(x: np.ndarray, y: np.ndarray, method: str = "pearson", weights: np.ndarray | None = None) -> float:
    """One correlation coefficient: Pearson's (optionally weighted, each case counted
    in proportion to ``weights``) or Spearman's rank correlation (unweighted)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if method == "spearman":
        if weights is not None:
            raise ValueError("Spearman's correlation is computed unweighted here")
        from scipy.stats import rankdata  # loaded only when rank correlations are asked for

        # Spearman's rho is Pearson's r of the ranks, computed as SciPy's spearmanr computes
        # its statistic (the [1, 0] cell of the ranks' correlation matrix), to the last digit
        # (tested), without the p-value it also computes: a third of its time, where the
        # robustness curves take 700 coefficients.
        return float(np.corrcoef(rankdata(x), rankdata(y))[1, 0])
    if method != "pearson":
        raise ValueError(f"method must be 'pearson' or 'spearman', not {method!r}")
    if weights is None:
        return float(np.corrcoef(x, y)[0, 1])
    from statsmodels.stats.weightstats import DescrStatsW  # the weighted moments, from a kept library

    return float(DescrStatsW(np.column_stack([x, y]), weights=np.asarray(weights, dtype=float)).corrcoef[0, 1])
