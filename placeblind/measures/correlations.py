"""Correlations and their bootstrap: resamples drawn once, with a fixed seed, so
every build draws the same ones."""

from __future__ import annotations

import numpy as np

BOOTSTRAP_SEED = 20200701  # fixed so every build draws the same resamples
BOOTSTRAP_RESAMPLES = 4000


def bootstrap_indices(n: int, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED) -> np.ndarray:
    """``resamples`` rows of ``n`` case indices drawn with replacement (fixed seed)."""
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n))


def row_correlations(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson correlation of each row of ``x`` with the same row of ``y`` (for
    bootstrap resamples); NaN where a row has no variance."""
    x = x - x.mean(axis=1, keepdims=True)
    y = y - y.mean(axis=1, keepdims=True)
    denominator = np.sqrt((x ** 2).sum(axis=1) * (y ** 2).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, (x * y).sum(axis=1) / denominator, np.nan)


def correlation_with_interval(x: np.ndarray, y: np.ndarray, index: np.ndarray,
                              rank: bool = False) -> tuple[float, float, float]:
    """Pearson correlation of ``x`` and ``y`` (Spearman's when ``rank``) and a
    percentile 95% interval over the bootstrap resamples ``index``."""
    if rank:
        from scipy.stats import rankdata  # loaded only when rank correlations are asked for

        estimate = float(np.corrcoef(rankdata(x), rankdata(y))[0, 1])
        boot = row_correlations(rankdata(x[index], axis=1), rankdata(y[index], axis=1))
    else:
        estimate = float(np.corrcoef(x, y)[0, 1])
        boot = row_correlations(x[index], y[index])
    low, high = np.nanpercentile(boot, [2.5, 97.5])
    return estimate, float(low), float(high)
