"""A decade on: attainment in 2021 for every district of England and Wales, and
its change since 2011, with each district's combined authority of May 2025.

2011 figures are carried to the 2021 codes by adding up counts
(:mod:`placeblind.data.district_codes`); every percentage is computed from counts.
"""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..data.census import qualifications_2021
from ..data.geography import ENGLAND_AND_WALES
from ..data.sectors import KEY_SECTOR_NAMES
from ..data.study import england_and_wales_study, paper_districts_label, paper_study
from ..measures import SIGNIFICANCE, education_sector_fit, least_squares, robust_line
from .attainment import attainment_table, census_for_study, change_2011_2021
from .education_fits import CENSUS_FIT_COLUMNS, EDUCATION_MEASURES, ew_districts, fit_rows

CHANGE_COLUMNS = ["code", "name", "authority_2025", "pct_level4_plus_2011", "pct_level4_plus_2021",
                  "change_level4_plus_pp", "pct_no_qualifications_2011", "pct_no_qualifications_2021",
                  "change_no_qualifications_pp"]


def attainment_2021_all() -> pd.DataFrame:
    """The 2021 Census table for every district of England and Wales and England
    and Wales itself: the columns of the paper's Table 1 (``authority`` is the
    paper's 2017 authority, empty outside its 37 districts) plus ``authority_2025``."""
    study = england_and_wales_study()
    table = attainment_table(2021, study).rename(columns={"authority": "authority_2025"})
    paper = dict(zip(paper_study().codes, paper_study().authorities))
    table.insert(2, "authority", table["code"].map(paper).fillna(""))
    return table


@cached(maxsize=1)
def attainment_change() -> pd.DataFrame:
    """Level 4+ and no qualifications in 2011 and 2021, and the change in
    percentage points, for every district (2021 codes) and England and Wales."""
    out = change_2011_2021(england_and_wales_study()).rename(columns={"authority": "authority_2025"})
    return out[CHANGE_COLUMNS]


# The samples the convergence fit is run over (their labels, with the counts
# from the data: convergence_sample_labels).
CONVERGENCE_SAMPLES = ("all_districts", "authorities_2025", "paper_districts")


def convergence_sample_labels() -> dict[str, str]:
    """Each of :data:`CONVERGENCE_SAMPLES` in words, its counts computed from the
    districts the sample takes (the authorities of the 2025 districts, the paper's
    districts), never spelled by hand."""
    change = attainment_change()
    authorities = change.loc[change["authority_2025"] != "", "authority_2025"].nunique()
    return {"all_districts": "every district of England and Wales",
            "authorities_2025": f"the districts of the {authorities} combined authorities of May 2025",
            "paper_districts": paper_districts_label()}


def _districts(change: pd.DataFrame, sample: str) -> pd.DataFrame:
    districts = change[change["code"] != ENGLAND_AND_WALES]
    if sample == "all_districts":
        return districts
    if sample == "authorities_2025":
        return districts[districts["authority_2025"] != ""]
    if sample == "paper_districts":
        return districts[districts["code"].isin(paper_study().codes)]
    raise ValueError(f"sample must be one of {list(CONVERGENCE_SAMPLES)}, not {sample!r}")


def slope_reading(low: float, high: float) -> str:
    """``converging`` when the slope's interval lies below zero, ``diverging`` when
    above, ``neither`` when it includes zero."""
    return "converging" if high < 0 else "diverging" if low > 0 else "neither"


@cached(disk=True, maxsize=1)
def convergence() -> pd.DataFrame:
    """Did districts with fewer graduates in 2011 gain more by 2021? OLS of the
    change in the Level 4+ share (pp) on its 2011 level (%), per sample.

    Columns: ``sample``, ``n``, ``slope`` (pp of change per pp of 2011 share),
    ``slope_ci_low``, ``slope_ci_high`` (95%), ``r``, ``p_value``, ``reading``:
    ``converging`` (slope below zero, interval clear of it), ``diverging``
    (above zero, clear of it) or ``neither``.
    """
    change = attainment_change()
    rows = []
    for sample in CONVERGENCE_SAMPLES:
        districts = _districts(change, sample)
        fit = education_sector_fit(districts["pct_level4_plus_2011"], districts["change_level4_plus_pp"])
        reading = slope_reading(fit.slope_ci_low, fit.slope_ci_high)
        rows.append({"sample": sample, "n": fit.n, "slope": fit.slope, "slope_ci_low": fit.slope_ci_low,
                     "slope_ci_high": fit.slope_ci_high, "r": fit.r, "p_value": fit.p_value, "reading": reading})
    return pd.DataFrame(rows)


SLOPE_ESTIMATORS = ("ols", "huber")


def convergence_slope(sample: str = "all_districts", weighting: str = "none", estimator: str = "ols") -> dict:
    """The slope of :func:`convergence` under other choices: least squares (each
    district weighted by its residents 16+ in 2011 when ``weighting`` is
    ``residents``) or, for ``huber``, statsmodels' robust line. Returns ``slope``,
    its 95% interval (``low``, ``high``) and its :func:`slope_reading`; the
    defaults give :func:`convergence`'s row for the sample."""
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {WEIGHTINGS}, not {weighting!r}")
    if estimator not in SLOPE_ESTIMATORS:
        raise ValueError(f"estimator must be one of {SLOPE_ESTIMATORS}, not {estimator!r}")
    if estimator == "huber" and weighting != "none":
        raise ValueError("the robust line is fitted unweighted here")
    districts = _districts(attainment_change(), sample)
    x, y = districts["pct_level4_plus_2011"].to_numpy(float), districts["change_level4_plus_pp"].to_numpy(float)
    return fitted_slope(x, y, list(districts["code"]), weighting, estimator)


def fitted_slope(x, y, codes: list[str], weighting: str = "none", estimator: str = "ols") -> dict:
    """The line of :func:`convergence_slope` through any ``x`` and ``y`` of the
    districts ``codes`` (weighted by their residents 16+ in 2011 when ``weighting``
    is ``residents``): ``slope``, ``low``, ``high`` (95%) and its :func:`slope_reading`."""
    if estimator == "huber":
        if weighting != "none":
            raise ValueError("the robust line is fitted unweighted here")
        model = robust_line(x, y)
    else:
        weights = residents_16plus(2011).reindex(codes).to_numpy(float) if weighting == "residents" else None
        model = least_squares(x, y, weights)
    low, high = (float(v) for v in model.conf_int(SIGNIFICANCE)[1])
    return {"slope": float(model.params[1]), "low": low, "high": high, "reading": slope_reading(low, high)}


def sample_codes(sample: str) -> list[str]:
    """The district codes of one of :data:`CONVERGENCE_SAMPLES` (2021 codes)."""
    return list(_districts(attainment_change(), sample)["code"])


# How far apart districts are: the decade chapter reads the first two; the
# robustness chapter adds the interquartile range.
DISPERSION_MEASURES = {"gap_90_10": "gap between the 90th and 10th percentile districts",
                       "sd": "standard deviation across districts",
                       "iqr": "interquartile range across districts"}


def dispersion(values: pd.Series, measure: str, weights: pd.Series | None = None) -> float:
    """How far apart ``values`` are, in their own unit (:data:`DISPERSION_MEASURES`).

    Unweighted: pandas' linearly interpolated percentiles and the sample standard
    deviation. With ``weights`` (each district counted in proportion to, say, its
    residents), statsmodels' weighted percentiles (no interpolation between
    districts) and the weighted standard deviation of the residents (no
    degrees-of-freedom correction: the weights are counts, not a sample size).
    """
    if measure not in DISPERSION_MEASURES:
        raise ValueError(f"measure must be one of {list(DISPERSION_MEASURES)}, not {measure!r}")
    if weights is None:
        if measure == "sd":
            return float(values.std())
        low, high = (0.1, 0.9) if measure == "gap_90_10" else (0.25, 0.75)
        return float(values.quantile(high) - values.quantile(low))
    from statsmodels.stats.weightstats import DescrStatsW  # weighted moments and percentiles, from a kept library

    stats = DescrStatsW(values.to_numpy(float), weights=weights.to_numpy(float))
    if measure == "sd":
        return float(stats.std)
    probabilities = [0.1, 0.9] if measure == "gap_90_10" else [0.25, 0.75]
    low, high = stats.quantile(probabilities, return_pandas=False)
    return float(high - low)


@cached(maxsize=2)
def residents_16plus(year: int) -> pd.Series:
    """Residents aged 16+ of every district of England and Wales in census ``year``
    (2011 counts carried to 2021 codes), indexed by code: the weights of a
    residents-weighted reading."""
    return census_for_study(year, england_and_wales_study()).set_index("code")["all_16plus"]


WEIGHTINGS = ("none", "residents")


def spread(key: str = "level4_plus", sample: str = "all_districts", measure: str = "gap_90_10",
           weighting: str = "none") -> tuple[float, float]:
    """:func:`dispersion` of one qualification share across a sample of districts
    (:data:`CONVERGENCE_SAMPLES`) in 2011 and in 2021, each year weighted by its
    own residents 16+ when ``weighting`` is ``residents``."""
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {WEIGHTINGS}, not {weighting!r}")
    districts = _districts(attainment_change(), sample)
    values = []
    for year in (2011, 2021):
        weights = residents_16plus(year).reindex(districts["code"]) if weighting == "residents" else None
        values.append(dispersion(districts[f"pct_{key}_{year}"], measure, weights))
    return values[0], values[1]


def divide(key: str = "level4_plus") -> dict:
    """How far apart the districts are on one qualification share in 2011 and 2021:
    the gap between the 90th and 10th percentile districts and the standard
    deviation (both in pp), and whether the divide ``widened``, ``narrowed`` or
    moved differently on the two measures."""
    out = {}
    gaps, sds = spread(key, "all_districts", "gap_90_10"), spread(key, "all_districts", "sd")
    for i, year in enumerate((2011, 2021)):
        out[f"gap_{year}"] = gaps[i]
        out[f"sd_{year}"] = sds[i]
    out["reading"] = divide_reading(out["gap_2021"] > out["gap_2011"], out["sd_2021"] > out["sd_2011"])
    return out


def divide_reading(gap_wider: bool, spread_wider: bool) -> str:
    """The divide ``widened`` or ``narrowed`` when both measures agree."""
    if gap_wider and spread_wider:
        return "widened"
    if not gap_wider and not spread_wider:
        return "narrowed"
    return "moved differently on the two measures"


# The BRES vintage the decade's fits over every district read: the latest
# district sectors here (2019 shares, on the 2021 codes of the Census).
DECADE_VINTAGE = 2019


@cached(maxsize=2)
def decade_fit_inputs(census: int) -> pd.DataFrame:
    """One row per district of England and Wales with BRES 2019 shares (index
    ``code``, 2021 codes): the key sectors' shares and the education shares of
    census ``census`` (2011 carried to 2021 codes, or 2021)."""
    joined, _ = ew_districts(DECADE_VINTAGE)
    sectors = joined.pivot(index="code", columns="sector", values="share_pct")[KEY_SECTOR_NAMES]
    education = list(EDUCATION_MEASURES.values())
    if census == 2011:
        shares = joined.drop_duplicates("code").set_index("code")[education]
    elif census == 2021:
        shares = qualifications_2021().set_index("code").drop(index=ENGLAND_AND_WALES)[education]
    else:
        raise ValueError(f"census must be 2011 or 2021, not {census!r}")
    frame = sectors.join(shares, how="inner")
    if len(frame) != len(sectors):
        raise ValueError(f"{len(sectors) - len(frame)} districts with {DECADE_VINTAGE} shares have no {census} "
                         "Census row")
    return frame


@cached(disk=True, maxsize=1)
def fits_2011_2021() -> pd.DataFrame:
    """The paper's Table 4 refitted across every district of England and Wales on
    the latest district sectors here (BRES 2019 shares, 2021 codes), once with
    2011 education (carried to 2021 codes) and once with 2021 education.

    Columns: :data:`CENSUS_FIT_COLUMNS` (``census`` 2011 or 2021).
    """
    rows = []
    for census in (2011, 2021):
        rows += [{"census": census, **row} for row in fit_rows(decade_fit_inputs(census), "all_districts", DECADE_VINTAGE)]
    return pd.DataFrame(rows, columns=CENSUS_FIT_COLUMNS)


# r-squared values closer than this read as equally strong: the book prints two
# decimals, and a smaller difference is less than one printed step (rounding may
# still print the two values one step apart, never more).
SAME_STRENGTH_R2 = 0.01


def strength_reading(r2_before: float, r2_after: float) -> str:
    """``stronger``, ``weaker`` or ``about as strong`` (within :data:`SAME_STRENGTH_R2`)."""
    if abs(r2_after - r2_before) < SAME_STRENGTH_R2:
        return "about as strong"
    return "stronger" if r2_after > r2_before else "weaker"


def link_change(fits: pd.DataFrame, sector: str, education: str = "level4_plus") -> dict:
    """r-squared with 2011 and with 2021 education for one sector, the reading
    (:func:`strength_reading` of the point estimates), and whether the two bootstrap
    intervals overlap (then the change is within what resampling areas gives)."""
    chosen = fits[(fits["sector"] == sector) & (fits["education"] == education)].set_index("census")
    first, second = chosen.loc[2011], chosen.loc[2021]
    overlap = first["r2_ci_low"] <= second["r2_ci_high"] and second["r2_ci_low"] <= first["r2_ci_high"]
    return {"r2_2011": float(first["r2"]), "r2_2021": float(second["r2"]),
            "low_2011": float(first["r2_ci_low"]), "high_2011": float(first["r2_ci_high"]),
            "low_2021": float(second["r2_ci_low"]), "high_2021": float(second["r2_ci_high"]),
            "reading": strength_reading(float(first["r2"]), float(second["r2"])),
            "overlap": "overlap" if overlap else "do not overlap"}
