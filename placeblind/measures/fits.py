"""The education-sector fit: OLS of a sector's size on an education share, with
a bootstrap interval for r (and the r-squared interval that follows from it)
and heteroskedasticity-robust (HC3) inference beside the classical."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from ..cache import cached
from .correlations import (BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, INTERVAL_PERCENTILES, SIGNIFICANCE, bootstrap_indices,
                           centred_correlations, centred_rows)


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
    boot_r = _bootstrap_r(x_bytes, y, resamples, seed)
    # A resample of one repeated point has no variance: leave it out.
    r_low, r_high = (float(v) for v in np.percentile(boot_r[~np.isnan(boot_r)], list(INTERVAL_PERCENTILES)))
    r2_low, r2_high = r2_interval_from_r(r_low, r_high)
    slope_low, slope_high = (float(v) for v in model.conf_int(SIGNIFICANCE)[1])
    return Fit(n=n, r=r, r2=float(model.rsquared), slope=float(model.params[1]),
               intercept=float(model.params[0]), p_value=float(model.pvalues[1]),
               r2_ci_low=r2_low, r2_ci_high=r2_high, slope_ci_low=slope_low, slope_ci_high=slope_high,
               r_ci_low=r_low, r_ci_high=r_high, p_value_hc3=float(robust.pvalues[1]))


# Rows of resamples correlated at a time. Each row's r is computed on its own, so
# blocks give the very values of the whole array; a block of a few hundred rows
# stays in the processor's cache, where a whole array (4,000 resamples of 331
# districts: ten megabytes) is read from memory again at every step of the
# arithmetic. Blocks and the shared x side (below) took the bootstrap of a fit
# over every district from 13 ms to 4.
BLOCK_ROWS = 500


def _bootstrap_r(x_bytes: bytes, y: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """r of each bootstrap resample (cases drawn with replacement, fixed seed):
    :func:`~placeblind.measures.correlations.row_correlations` of the resampled x
    and y, with the x side taken from :func:`_resampled_x`, block by block."""
    index_bytes, centred_bytes, squares_bytes = _resampled_x(x_bytes, resamples, seed)
    index = np.frombuffer(index_bytes, dtype=np.int64).reshape(resamples, len(y))
    centred = np.frombuffer(centred_bytes).reshape(resamples, len(y))
    squares = np.frombuffer(squares_bytes)
    blocks = [centred_correlations((centred[start:start + BLOCK_ROWS], squares[start:start + BLOCK_ROWS]),
                                   centred_rows(y[index[start:start + BLOCK_ROWS]]))
              for start in range(0, resamples, BLOCK_ROWS)]
    return np.concatenate(blocks)


# The fits of the eight sectors on one education share resample the same x: its
# side of every resample's r is computed once and kept (as bytes, which the cache
# hands out without copying). Two are kept: the fits alternate between the two
# education shares of one set of areas.
@cached(inputs=False, maxsize=2)
def _resampled_x(x_bytes: bytes, resamples: int, seed: int) -> tuple[bytes, bytes, bytes]:
    """The bootstrap resamples of ``x``: their case indices (``int64``, one row per
    resample), the resampled x's rows less their means and those rows' sums of squares."""
    x = np.frombuffer(x_bytes)
    index = bootstrap_indices(len(x), resamples, seed).astype(np.int64, copy=False)
    centred, squares = centred_rows(x[index])
    return index.tobytes(), centred.tobytes(), squares.tobytes()


def log_of_positive(y, *others) -> tuple:
    """The log of ``y`` and ``others`` (arrays over the same areas, or None), less the
    areas whose ``y`` is not positive: the outcome of a fit on the log scale. A log
    needs a positive value, so an area without the sector (a share of 0, or a 2019
    share published as 0.0) has no log share and leaves the fit."""
    y = np.asarray(y, dtype=float)
    keep = y > 0
    return (np.log(y[keep]), *(None if other is None else np.asarray(other, dtype=float)[keep] for other in others))


def least_squares(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None):
    """The statsmodels fit of ``y`` on ``x`` with a constant: OLS, or WLS when
    ``weights`` are given (each district counted in proportion to its weight).
    Every fit of the book goes through here."""
    # Imported here, and from the modules that define them: ``statsmodels.api`` loads
    # every model of the library (a third of a second of every process), and only the
    # fits need these.
    from statsmodels.regression.linear_model import OLS, WLS
    from statsmodels.tools.tools import add_constant

    design = add_constant(np.asarray(x, dtype=float))
    if weights is None:
        return OLS(np.asarray(y, dtype=float), design).fit()
    return WLS(np.asarray(y, dtype=float), design, weights=np.asarray(weights, dtype=float)).fit()


def robust_line(x: np.ndarray, y: np.ndarray):
    """statsmodels' robust linear model of ``y`` on ``x`` with a constant, Huber's
    norm: districts far from the line count less, so a few outliers cannot set
    the slope. Its ``params`` and ``conf_int`` read as those of :func:`least_squares`."""
    from statsmodels.robust.norms import HuberT  # (from their modules, as least_squares)
    from statsmodels.robust.robust_linear_model import RLM
    from statsmodels.tools.tools import add_constant

    design = add_constant(np.asarray(x, dtype=float))
    return RLM(np.asarray(y, dtype=float), design, M=HuberT()).fit()
