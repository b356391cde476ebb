"""The education-sector fit: OLS of a sector's size on an education share, with
a bootstrap interval for r (and the r-squared interval that follows from it)
and heteroskedasticity-robust (HC3) inference beside the classical."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from ..cache import cached
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
    r_ci_low: float = float("nan")
    r_ci_high: float = float("nan")
    p_value_hc3: float = float("nan")

    def as_dict(self) -> dict:
        return asdict(self)


def r2_interval_from_r(r_low: float, r_high: float) -> tuple[float, float]:
    """The r-squared interval implied by an interval for r: the squares of its
    ends, from 0 when the interval for r contains 0 (r-squared can then be 0)."""
    if r_low > r_high:
        raise ValueError(f"the interval for r runs from {r_low} to {r_high}")
    squares = (r_low ** 2, r_high ** 2)
    low = 0.0 if r_low <= 0 <= r_high else min(squares)
    return low, max(squares)


def education_sector_fit(x: pd.Series | np.ndarray, y: pd.Series | np.ndarray,
                         resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED) -> Fit:
    """OLS of sector size ``y`` on an education share ``x`` (one regressor).

    Returns n, Pearson r, r-squared, slope, intercept, the slope's two-sided
    p-value (classical, and with HC3 heteroskedasticity-robust errors) and its
    classical 95% interval, a percentile bootstrap 95% interval for r (cases
    resampled with replacement, fixed seed) and the r-squared interval that
    follows from it (:func:`r2_interval_from_r`).

    r is bootstrapped rather than r-squared: a percentile interval of r-squared
    cannot reach 0, so it could never say that no relation is among the
    values the data allow.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError("x and y must be one-dimensional and the same length")
    if np.isnan(x).any() or np.isnan(y).any():
        raise ValueError("x and y must not contain missing values")
    if len(x) < 3:
        raise ValueError("a fit needs at least three points")
    return _fit(x.tobytes(), y.tobytes(), resamples, seed)


# Kept in the process, keyed on the values themselves (as bytes: the cache takes
# plain values): a quarter of make tables' 319 fits are of the same values again
# (the 2019-shares variant refits the 2017 counts, which it does not change).
@cached(inputs=False, maxsize=512)
def _fit(x_bytes: bytes, y_bytes: bytes, resamples: int, seed: int) -> Fit:
    x, y = np.frombuffer(x_bytes), np.frombuffer(y_bytes)
    n = len(x)
    model = least_squares(x, y)
    # heteroskedasticity-robust p-value of the slope (normal reference, as statsmodels' fit(cov_type="HC3"))
    robust = model.get_robustcov_results(cov_type="HC3", use_t=False)
    r = float(np.corrcoef(x, y)[0, 1])
    index = bootstrap_indices(n, resamples, seed)
    boot_r = row_correlations(x[index], y[index])
    # A resample of one repeated point has no variance: leave it out.
    r_low, r_high = (float(v) for v in np.percentile(boot_r[~np.isnan(boot_r)], [2.5, 97.5]))
    r2_low, r2_high = r2_interval_from_r(r_low, r_high)
    return Fit(n=n, r=r, r2=float(model.rsquared), slope=float(model.params[1]),
               intercept=float(model.params[0]), p_value=float(model.pvalues[1]),
               r2_ci_low=r2_low, r2_ci_high=r2_high,
               slope_ci_low=float(model.conf_int(0.05)[1][0]), slope_ci_high=float(model.conf_int(0.05)[1][1]),
               r_ci_low=r_low, r_ci_high=r_high, p_value_hc3=float(robust.pvalues[1]))


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


def robust_line(x: np.ndarray, y: np.ndarray):
    """statsmodels' robust linear model of ``y`` on ``x`` with a constant, Huber's
    norm: districts far from the line count less, so a few outliers cannot set
    the slope. Its ``params`` and ``conf_int`` read as those of :func:`least_squares`."""
    import statsmodels.api as sm

    design = sm.add_constant(np.asarray(x, dtype=float))
    return sm.RLM(np.asarray(y, dtype=float), design, M=sm.robust.norms.HuberT()).fit()
