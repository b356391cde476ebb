"""The book's three measures: shares, location quotients and the
education-sector fit."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

BOOTSTRAP_SEED = 20200701  # fixed so every build draws the same resamples
BOOTSTRAP_RESAMPLES = 4000


def shares(table: pd.DataFrame, area: str = "code", value: str = "employment") -> pd.Series:
    """Each row's ``value`` as a percentage of its area's total (sums to 100 per area)."""
    totals = table.groupby(area, observed=True)[value].transform("sum")
    return 100.0 * table[value] / totals


def location_quotient(
    table: pd.DataFrame,
    area: str = "code",
    sector: str = "sector",
    value: str = "employment",
    reference: pd.Series | None = None,
) -> pd.Series:
    """Location quotient of each area-sector row: its share of the area's
    employment divided by the sector's share in the reference area.

    ``reference`` is employment (or shares) by sector for the reference area,
    indexed by sector; by default the sum over all areas in ``table``, which is
    Great Britain when ``table`` holds every GB district.
    """
    local_share = shares(table, area, value)
    if reference is None:
        reference = table.groupby(sector, observed=True)[value].sum()
    reference_share = 100.0 * reference / reference.sum()
    return local_share / table[sector].map(reference_share).astype(float)


def location_quotient_from_shares(local_share_pct: pd.Series, reference_share_pct: pd.Series) -> pd.Series:
    """LQ when only shares are published: local share over reference share (same sector)."""
    return local_share_pct / reference_share_pct


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

    def as_dict(self) -> dict:
        return asdict(self)


def row_correlations(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson correlation of each row of ``x`` with the same row of ``y`` (for
    bootstrap resamples); NaN where a row has no variance."""
    x = x - x.mean(axis=1, keepdims=True)
    y = y - y.mean(axis=1, keepdims=True)
    denominator = np.sqrt((x ** 2).sum(axis=1) * (y ** 2).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, (x * y).sum(axis=1) / denominator, np.nan)


def education_sector_fit(x: pd.Series | np.ndarray, y: pd.Series | np.ndarray,
                         resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED) -> Fit:
    """OLS of sector size ``y`` on an education share ``x`` (one regressor).

    Returns n, Pearson r, r-squared, slope, intercept, the slope's two-sided
    p-value, and a percentile bootstrap 95% interval for r-squared (cases
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
    # Imported here: statsmodels takes most of a second to load, and only the fits need it.
    import statsmodels.api as sm

    model = sm.OLS(y, sm.add_constant(x)).fit()
    r = float(np.corrcoef(x, y)[0, 1])
    rng = np.random.default_rng(seed)
    index = rng.integers(0, n, size=(resamples, n))
    boot_r = row_correlations(x[index], y[index])
    # A resample of one repeated point has no variance: leave it out.
    boot_r2 = boot_r[~np.isnan(boot_r)] ** 2
    low, high = np.percentile(boot_r2, [2.5, 97.5])
    return Fit(n=n, r=r, r2=float(model.rsquared), slope=float(model.params[1]),
               intercept=float(model.params[0]), p_value=float(model.pvalues[1]),
               r2_ci_low=float(low), r2_ci_high=float(high))
