"""Stronger or weaker: each education-sector link's change from 2011 to 2021
education, read from a paired bootstrap of the change in r-squared (the same
areas resampled for both censuses, fixed seed), not from whether two intervals
overlap."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cache import cached
from ..data.sectors import KEY_SECTOR_NAMES
from ..measures.correlations import INTERVAL_PERCENTILES
from .decade import decade_fit_inputs
from .education_fits import EDUCATION_MEASURES

ABOUT_AS_STRONG = "about as strong"


def _resampled(values, index) -> tuple[np.ndarray, np.ndarray]:
    """Each bootstrap resample of ``values`` centred on its own mean, and each
    resample's root sum of squares: the pieces of a row-wise correlation, kept so
    that a column shared by several links is gathered once."""
    drawn = np.asarray(values, dtype=float)[index]
    drawn -= drawn.mean(axis=1, keepdims=True)
    return drawn, np.sqrt(np.einsum("ij,ij->i", drawn, drawn))


def _r2_rows(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """r² of each resample's pair of columns (NaN where one has no variance)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.einsum("ij,ij->i", a[0], b[0]) / (a[1] * b[1])) ** 2


def paired_r2_change(y, x_before, x_after, index, resampled: dict | None = None) -> tuple[float, float, float]:
    """r² of ``y`` on ``x_after`` less r² on ``x_before``, and a percentile 95%
    interval over the bootstrap resamples ``index`` (rows of case indices), the
    same cases drawn for both fits, so what the two share cancels. ``resampled``
    may hold the :func:`_resampled` pieces of the three columns, keyed ``y``,
    ``before`` and ``after``."""
    y, before, after = (np.asarray(v, dtype=float) for v in (y, x_before, x_after))
    change = float(np.corrcoef(after, y)[0, 1] ** 2 - np.corrcoef(before, y)[0, 1] ** 2)
    pieces = resampled or {key: _resampled(v, index) for key, v in (("y", y), ("before", before), ("after", after))}
    boot = _r2_rows(pieces["after"], pieces["y"]) - _r2_rows(pieces["before"], pieces["y"])
    low, high = np.nanpercentile(boot, list(INTERVAL_PERCENTILES))
    return change, float(low), float(high)


def paired_reading(low: float, high: float) -> str:
    """``stronger`` when the change's interval lies above zero, ``weaker`` when
    below, :data:`ABOUT_AS_STRONG` when it includes zero."""
    return "stronger" if low > 0 else "weaker" if high < 0 else ABOUT_AS_STRONG


def link_summary(reading: str) -> str:
    """A paired reading in the words of a summary sentence."""
    return "has not measurably changed" if reading == ABOUT_AS_STRONG else f"is measurably {reading}"


def paired_link_rows(inputs_2011: pd.DataFrame, inputs_2021: pd.DataFrame, sample: str, sectors) -> list[dict]:
    """One row per sector and education measure: r² with each census's education,
    the change, its paired 95% interval and :func:`paired_reading`. Both frames
    hold the same areas (index) and the same sector shares."""
    from ..measures import bootstrap_indices

    if not inputs_2011.index.equals(inputs_2021.index):
        raise ValueError("the two censuses' inputs must hold the same areas in the same order")
    index = bootstrap_indices(len(inputs_2011))
    education = {(year, column): _resampled(frame[column], index)
                 for year, frame in ((2011, inputs_2011), (2021, inputs_2021)) for column in EDUCATION_MEASURES.values()}
    rows = []
    for sector in sectors:
        y = inputs_2011[sector]
        drawn = _resampled(y, index)
        for education_key, column in EDUCATION_MEASURES.items():
            change, low, high = paired_r2_change(
                y, inputs_2011[column], inputs_2021[column], index,
                {"y": drawn, "before": education[2011, column], "after": education[2021, column]})
            r2_2011 = float(inputs_2011[column].corr(y) ** 2)
            rows.append({"sample": sample, "sector": sector, "education": education_key, "n": len(inputs_2011),
                         "r2_2011": r2_2011, "r2_2021": r2_2011 + change, "change": change,
                         "change_ci_low": low, "change_ci_high": high, "reading": paired_reading(low, high)})
    return rows


@cached(disk=True, maxsize=1)
def link_changes() -> pd.DataFrame:
    """The paired test of every link's change, over every district (BRES 2019)
    and over the ITL3 areas (BRES 2023). Columns: ``sample``, ``sector``,
    ``education``, ``n``, ``r2_2011``, ``r2_2021``, ``change``, ``change_ci_low``,
    ``change_ci_high``, ``reading``."""
    from .itl3 import ITL3_SECTORS, itl3_fit_inputs

    rows = paired_link_rows(decade_fit_inputs(2011), decade_fit_inputs(2021), "all_districts", KEY_SECTOR_NAMES)
    first, second = itl3_fit_inputs(2011), itl3_fit_inputs(2021).reindex(itl3_fit_inputs(2011).index)
    rows += paired_link_rows(first, second, "itl3", ITL3_SECTORS)
    return pd.DataFrame(rows)


def paired_link(sample: str, sector: str, education: str = "level4_plus") -> dict:
    """One row of :func:`link_changes` as a dict."""
    table = link_changes()
    chosen = table[(table["sample"] == sample) & (table["sector"] == sector) & (table["education"] == education)]
    if len(chosen) != 1:
        raise KeyError(f"no paired link for {sample!r}, {sector!r}, {education!r}")
    return chosen.iloc[0].to_dict()
