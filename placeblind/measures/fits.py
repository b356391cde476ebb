"""The education-sector fit: OLS of a sector's size on an education share, with
a bootstrap interval."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from .correlations import BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, bootstrap_indices, row_correlations


@dataclass(frozen=True)
class Fit:
    n: int
    r: float
    r2: float
    slope: float
    intercept: float
    p_value: float
    r2_ci_low: float
    r2_ci_high: float
    slope_ci_low: float = float("nan")
    slope_ci_high: float = float("nan")

    def as_dict(self) -> dict:
        return asdict(self)


def education_sector_fit(x: pd.Series | np.ndarray, y: pd.Series | np.ndarray,
                         resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED) -> Fit:
    """OLS of sector size ``y`` on an education share ``x`` (one regressor).

    Returns n, Pearson r, r-squared, slope, intercept, the slope's two-sided
    p-value and its 95% interval, and a percentile bootstrap 95% interval for r-squared (cases
    resampled with replacement, fixed seed).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError("x and y must be one-dimensional and the same length")
    if np.isnan(x).any() or np.isnan(y).any():
        raise ValueError("x and y must not contain missing values")
    n = len(x)
    if n < 3:
        raise ValueError("a fit needs at least three points")
    model = least_squares(x, y)
    r = float(np.corrcoef(x, y)[0, 1])
    index = bootstrap_indices(n, resamples, seed)
    boot_r = row_correlations(x[index], y[index])
    # A resample of one repeated point has no variance: leave it out.
    boot_r2 = boot_r[~np.isnan(boot_r)] ** 2
    low, high = np.percentile(boot_r2, [2.5, 97.5])
    return Fit(n=n, r=r, r2=float(model.rsquared), slope=float(model.params[1]),
               intercept=float(model.params[0]), p_value=float(model.pvalues[1]),
               r2_ci_low=float(low), r2_ci_high=float(high),
               slope_ci_low=float(model.conf_int(0.05)[1][0]), slope_ci_high=float(model.conf_int(0.05)[1][1]))


def least_squares(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None):
    """The statsmodels fit of ``y`` on ``x`` with a constant: OLS, or WLS when
    ``weights`` are given (each district counted in proportion to its weight).
    Every fit of the book goes through here."""
    # Imported here: statsmodels takes most of a second to load, and only the fits need it.
    import statsmodels.api as sm

    design = sm.add_constant(np.asarray(x, dtype=float))
    if weights is None:
        return sm.OLS(np.asarray(y, dtype=float), design).fit()
    return sm.WLS(np.asarray(y, dtype=float), design, weights=np.asarray(weights, dtype=float)).fit()
