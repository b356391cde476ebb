"""A decade on: attainment in 2021 for every district of England and Wales, and
its change since 2011, with each district's combined authority of May 2025.

2011 figures are carried to the 2021 codes by adding up counts
(:mod:`placeblind.data.district_codes`); every percentage is computed from counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cache import cached
from ..data.census import qualifications_2021
from ..data.geography import ENGLAND_AND_WALES
from ..data.sectors import KEY_SECTOR_NAMES
from ..data.study import england_and_wales_study, paper_study
from ..measures import education_sector_fit, least_squares, robust_line
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


# The samples the convergence fit is run over.
CONVERGENCE_SAMPLES = {"all_districts": "every district of England and Wales",
                       "authorities_2025": "the districts of the fifteen combined authorities of May 2025",
                       "paper_districts": "the paper's 37 districts"}


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


@cached(maxsize=1)
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
    if estimator == "huber":
        model = robust_line(x, y)
    else:
        weights = residents_16plus(2011).reindex(districts["code"]).to_numpy(float) if weighting == "residents" \
            else None
        model = least_squares(x, y, weights)
    low, high = (float(v) for v in model.conf_int(0.05)[1])
    return {"slope": float(model.params[1]), "low": low, "high": high, "reading": slope_reading(low, high)}


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


@cached(maxsize=2)
def decade_fit_inputs(census: int) -> pd.DataFrame:
    """One row per district of England and Wales with BRES 2019 shares (index
    ``code``, 2021 codes): the key sectors' shares and the education shares of
    census ``census`` (2011 carried to 2021 codes, or 2021)."""
    joined, _ = ew_districts(2019)
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
        raise ValueError(f"{len(sectors) - len(frame)} districts with 2019 shares have no {census} Census row")
    return frame


@cached(maxsize=1)
def fits_2011_2021() -> pd.DataFrame:
    """The paper's Table 4 refitted across every district of England and Wales on
    the latest district sectors here (BRES 2019 shares, 2021 codes), once with
    2011 education (carried to 2021 codes) and once with 2021 education.

    Columns: :data:`CENSUS_FIT_COLUMNS` (``census`` 2011 or 2021).
    """
    rows = []
    for census in (2011, 2021):
        rows += [{"census": census, **row} for row in fit_rows(decade_fit_inputs(census), "all_districts", 2019)]
    return pd.DataFrame(rows, columns=CENSUS_FIT_COLUMNS)


# r-squared values closer than this read as equally strong: the book prints two
# decimals, and a smaller difference would show as none.
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


# ---------------------------------------------------------------------------
# The decade's readings on every basis a sceptic would use (issue 17)
# ---------------------------------------------------------------------------
#
# A word such as "widened" or "diverging" is the book's only when every basis
# below gives it; otherwise the book says the answer depends on the scale and
# shows each reading.

LONDON_ITL1 = "TLI"  # ITL1 London (ITL codes nest: an ITL3 code begins with its ITL2 and ITL1 codes)

BASES = {
    "absolute": "percentage points, every district",
    "relative": "relative to the level (logarithms; coefficient of variation)",
    "known_level": "share of residents whose level is known (percentage points)",
    "without_london": "percentage points, London's districts left out",
    "london_controlled": "percentage points, London's difference from the rest taken out",
}
BASIS_LABELS = {"absolute": "Absolute (percentage points)", "relative": "Relative (logs, coefficient of variation)",
                "known_level": "Residents with a known level", "without_london": "Without London",
                "london_controlled": "London controlled for"}
SCALE_DEPENDENT = "depends on the scale"

# The census categories whose level the tables state, in both years: every
# category but "other qualifications" (vocational, work-related or foreign
# qualifications whose level was not stated). Apprenticeships are a category of
# their own in both years and stay in the denominator.
UNKNOWN_LEVEL = "other"

# Moran's I permutations for the 331 districts: enough for a p-value to two
# decimals (p is at least 1/1000), and a tenth of the time of the study default.
DECADE_MORAN_PERMUTATIONS = 999
BOUNDARIES = "boundaries_lad_dec2021"  # 2021 codes, the Census's


@cached(maxsize=1)
def decade_districts() -> pd.DataFrame:
    """Every district of England and Wales (2021 codes) with its counts of
    residents 16+ in 2011 and 2021 (2011 carried to 2021 codes by adding counts),
    its ITL2 and whether it is in London.

    Columns: ``code``, ``name``, ``authority_2025``, ``itl2``, ``london``, and per
    year ``all_16plus_<year>``, ``<category>_<year>`` for Level 4+, no
    qualifications, apprenticeship and other.
    """
    from ..data.geography import itl3_of_districts

    study = england_and_wales_study()
    frame = study.frame()[["code", "name", "authority"]].rename(columns={"authority": "authority_2025"})
    keep = ["all_16plus", "level4_plus", "no_qualifications", "apprenticeship", UNKNOWN_LEVEL]
    for year in (2011, 2021):
        counts = census_for_study(year, study)[["code", *keep]]
        frame = frame.merge(counts.rename(columns={c: f"{c}_{year}" for c in keep}), on="code", validate="one_to_one")
    itl3 = itl3_of_districts(list(frame["code"]))
    frame["itl2"] = frame["code"].map(itl3).str[:4]
    frame["london"] = frame["code"].map(itl3).str[:3] == LONDON_ITL1
    return frame.reset_index(drop=True)


def basis_shares(frame: pd.DataFrame, key: str, basis: str) -> pd.DataFrame:
    """One qualification share (``level4_plus`` or ``no_qualifications``) in 2011
    and 2021 on one basis of :data:`BASES`: ``code``, ``itl2``, ``london``,
    ``share_2011``, ``share_2021`` (%). The relative basis reads the same
    percentages as the absolute one (its measures take logs or ratios); the
    known-level basis divides by the residents whose level is known; the London
    bases are the percentages, without London's districts or all of them."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {list(BASES)}, not {basis!r}")
    if key not in ("level4_plus", "no_qualifications"):
        raise ValueError(f"key must be 'level4_plus' or 'no_qualifications', not {key!r}")
    out = frame[["code", "itl2", "london"]].copy()
    for year in (2011, 2021):
        base = frame[f"all_16plus_{year}"]
        if basis == "known_level":
            base = base - frame[f"{UNKNOWN_LEVEL}_{year}"]
        out[f"share_{year}"] = 100.0 * frame[f"{key}_{year}"] / base
    if basis == "without_london":
        out = out[~out["london"]]
    return out.reset_index(drop=True)


def _london_adjusted(values: pd.Series, london: pd.Series) -> pd.Series:
    """Each district's value less the mean of its group (London or the rest): the
    spread left when London's difference from the rest is taken out."""
    return values - values.groupby(london.to_numpy()).transform("mean")


# The two measures of how far apart districts are, per basis: the absolute bases
# read the 90-10 gap and the standard deviation (pp); the relative basis the
# coefficient of variation and the standard deviation of the logarithms.
DIVIDE_MEASURES = {"absolute": ("gap_90_10", "sd"), "relative": ("cv", "sd_log")}
RELATIVE_MEASURES = {"cv": "coefficient of variation (standard deviation over mean)",
                     "sd_log": "standard deviation of the logarithms"}


def divide_by_basis(frame: pd.DataFrame, key: str = "level4_plus") -> pd.DataFrame:
    """How far apart districts are on one share in 2011 and 2021, on every basis.

    Columns: ``share``, ``basis``, ``n``, ``first_measure``, ``first_2011``,
    ``first_2021``, ``second_measure``, ``second_2011``, ``second_2021``,
    ``reading`` (:func:`divide_reading` of the two measures)."""

    rows = []
    for basis in BASES:
        shares = basis_shares(frame, key, basis)
        measures = DIVIDE_MEASURES["relative" if basis == "relative" else "absolute"]
        values = {}
        for year in (2011, 2021):
            series = shares[f"share_{year}"]
            if basis == "london_controlled":
                series = _london_adjusted(series, shares["london"])
            for measure in measures:
                if measure == "cv":
                    values[measure, year] = float(series.std() / series.mean())
                elif measure == "sd_log":
                    values[measure, year] = float(np.log(series).std())
                else:
                    values[measure, year] = dispersion(series, measure)
        first, second = measures
        rows.append({"share": key, "basis": basis, "n": len(shares),
                     "first_measure": first, "first_2011": values[first, 2011], "first_2021": values[first, 2021],
                     "second_measure": second, "second_2011": values[second, 2011],
                     "second_2021": values[second, 2021],
                     "reading": divide_reading(values[first, 2021] > values[first, 2011],
                                               values[second, 2021] > values[second, 2011])})
    return pd.DataFrame(rows)


@cached(maxsize=1)
def district_adjacency() -> pd.DataFrame:
    """0/1 queen contiguity of the districts of England and Wales (2021 codes, the
    order of :func:`decade_districts`): 1 where two districts' boundaries meet (ONS
    December 2021 BUC). Built with geopandas' spatial index (the package the maps
    already use) rather than libpysal, which the build does not otherwise need."""

    from ..data.boundaries import boundaries

    codes = list(decade_districts()["code"])
    areas = boundaries(BOUNDARIES).set_index("code")
    missing = [c for c in codes if c not in areas.index]
    if missing:
        raise KeyError(f"district(s) {missing[:5]} have no boundary in {BOUNDARIES}")
    shapes = areas.loc[codes].reset_index()
    left, right = shapes.sindex.query(shapes.geometry, predicate="intersects")
    matrix = np.zeros((len(codes), len(codes)), dtype=int)
    matrix[left, right] = 1
    np.fill_diagonal(matrix, 0)
    return pd.DataFrame(matrix, index=codes, columns=codes)


def _convergence_design(shares: pd.DataFrame, basis: str):
    """The outcome, the regressors (a constant, the 2011 level, and for
    ``london_controlled`` a London indicator) and their labels."""

    first, second = shares["share_2011"].to_numpy(float), shares["share_2021"].to_numpy(float)
    if basis == "relative":
        y, x = np.log(second / first), np.log(first)
    else:
        y, x = second - first, first
    columns = [np.ones_like(x), x]
    if basis == "london_controlled" and shares["london"].nunique() == 2:  # no London district: nothing to control
        columns.append(shares["london"].to_numpy(float))
    return y, np.column_stack(columns)


def convergence_by_basis(frame: pd.DataFrame, adjacency: pd.DataFrame | None = None) -> pd.DataFrame:
    """Beta convergence of the Level 4+ share on every basis: the change (pp; on
    the relative basis, the log of the 2021 share over the 2011 share) regressed
    on the 2011 level (pp; relative: its log).

    Columns: ``basis``, ``n``, ``slope``, ``ci_low``, ``ci_high`` (95%,
    independent errors), ``itl2_ci_low``, ``itl2_ci_high`` (95%, errors clustered
    by ITL2 region: districts of one region may share shocks), ``n_itl2``,
    ``morans_i`` and ``morans_p`` (Moran's I of the residuals over neighbouring
    districts and its one-sided permutation p-value; missing without
    ``adjacency``), ``reading_independent`` and ``reading`` (:func:`slope_reading`
    of the independent and of the clustered interval; the book takes the latter).
    """
    import statsmodels.api as sm  # the fits and their clustered errors, from a kept library

    from ..measures.spatial import morans_i_test, row_standardised

    rows = []
    for basis in BASES:
        shares = basis_shares(frame, "level4_plus", basis)
        y, design = _convergence_design(shares, basis)
        plain = sm.OLS(y, design).fit()
        groups = pd.factorize(shares["itl2"])[0]
        clustered = sm.OLS(y, design).fit(cov_type="cluster", cov_kwds={"groups": groups})
        low, high = (float(v) for v in plain.conf_int(0.05)[1])
        c_low, c_high = (float(v) for v in clustered.conf_int(0.05)[1])
        moran = moran_p = float("nan")
        if adjacency is not None:
            codes = list(shares["code"])
            weights = row_standardised(adjacency.loc[codes, codes].to_numpy())
            moran, _, moran_p = morans_i_test(plain.resid, weights, permutations=DECADE_MORAN_PERMUTATIONS)
        rows.append({"basis": basis, "n": len(shares), "slope": float(plain.params[1]), "ci_low": low,
                     "ci_high": high, "itl2_ci_low": c_low, "itl2_ci_high": c_high,
                     "n_itl2": int(len(set(groups))), "morans_i": moran, "morans_p": moran_p,
                     "reading_independent": slope_reading(low, high), "reading": slope_reading(c_low, c_high)})
    return pd.DataFrame(rows)


def combined_reading(readings) -> str:
    """The word every basis gives, or :data:`SCALE_DEPENDENT` when they differ."""
    words = set(readings)
    if not words:
        raise ValueError("no readings to combine")
    return words.pop() if len(words) == 1 else SCALE_DEPENDENT


def scale_phrase(by_basis: dict[str, str]) -> str:
    """The reading in words for a summary sentence: the one word when every basis
    agrees; otherwise the absolute and the relative readings side by side."""
    if combined_reading(by_basis.values()) != SCALE_DEPENDENT:
        return f"{by_basis['absolute']} on every basis the book reads"
    absolute, relative = by_basis["absolute"], by_basis["relative"]
    if absolute != relative:
        return f"{absolute} in percentage points but {relative} relative to its level"
    return f"{absolute} in percentage points and relative to its level, but not on every basis"


@cached(maxsize=1)
def divide_bases() -> pd.DataFrame:
    """:func:`divide_by_basis` for the Level 4+ share and the share without
    qualifications, every district of England and Wales."""
    frame = decade_districts()
    return pd.concat([divide_by_basis(frame, key) for key in ("level4_plus", "no_qualifications")],
                     ignore_index=True)


@cached(disk=True, maxsize=1)
def convergence_bases() -> pd.DataFrame:
    """:func:`convergence_by_basis` over every district of England and Wales, with
    Moran's I over their queen contiguity."""
    return convergence_by_basis(decade_districts(), district_adjacency())


# ---------------------------------------------------------------------------
# The 2021 redesign of the qualifications question, seen in the data
# ---------------------------------------------------------------------------

# "Roughly halves": the 2021 share of "other qualifications" is between these
# fractions of the 2011 share (a half, give or take 15 points).
HALVES = (0.35, 0.65)


def redesign_evidence(frame: pd.DataFrame) -> pd.DataFrame:
    """What the redesign of the 2021 question shows in the counts (one row per
    ``quantity``, value in ``value``; ``ci_low``/``ci_high`` where a bootstrap
    interval applies):

    - ``other_2011``, ``other_2021``: the share with "other qualifications",
      England and Wales (%), and ``other_ratio``, 2021 over 2011;
    - ``apprenticeship_2011``, ``apprenticeship_2021`` (%);
    - ``n_other_fell``: districts whose "other" share fell, of ``n_districts``;
    - ``r_other_fall_l4_gain``: across districts, the correlation of the fall in
      the "other" share (pp) with the gain in the Level 4+ share (pp), with a
      percentile bootstrap 95% interval (districts resampled, fixed seed);
    - ``roughly_halves``: whether ``other_ratio`` lies within :data:`HALVES`.
    """

    from ..measures import bootstrap_indices, correlation_with_interval

    def pct(column: str, year: int) -> pd.Series:
        return 100.0 * frame[f"{column}_{year}"] / frame[f"all_16plus_{year}"]

    def national(column: str, year: int) -> float:
        return 100.0 * float(frame[f"{column}_{year}"].sum()) / float(frame[f"all_16plus_{year}"].sum())

    fall_other = (pct(UNKNOWN_LEVEL, 2011) - pct(UNKNOWN_LEVEL, 2021)).to_numpy(float)
    gain_level4 = (pct("level4_plus", 2021) - pct("level4_plus", 2011)).to_numpy(float)
    r, low, high = correlation_with_interval(fall_other, gain_level4, bootstrap_indices(len(frame)))
    ratio = national(UNKNOWN_LEVEL, 2021) / national(UNKNOWN_LEVEL, 2011)
    rows = [("other_2011", national(UNKNOWN_LEVEL, 2011)), ("other_2021", national(UNKNOWN_LEVEL, 2021)),
            ("other_ratio", ratio),
            ("apprenticeship_2011", national("apprenticeship", 2011)),
            ("apprenticeship_2021", national("apprenticeship", 2021)),
            ("n_other_fell", int((fall_other > 0).sum())), ("n_districts", int(len(frame)))]
    out = pd.DataFrame([{"quantity": q, "value": v, "ci_low": np.nan, "ci_high": np.nan} for q, v in rows])
    out = pd.concat([out, pd.DataFrame([
        {"quantity": "r_other_fall_l4_gain", "value": r, "ci_low": low, "ci_high": high},
        {"quantity": "roughly_halves", "value": bool(HALVES[0] <= ratio <= HALVES[1]), "ci_low": np.nan,
         "ci_high": np.nan}])], ignore_index=True)
    return out


@cached(maxsize=1)
def qualifications_redesign() -> pd.DataFrame:
    """:func:`redesign_evidence` for every district of England and Wales."""
    return redesign_evidence(decade_districts())


def merges_between_censuses() -> pd.DataFrame:
    """Districts that merged between the two censuses (April 2011 to March 2021),
    from the code-change table: ``code``, ``name``, ``year``, ``n_merged``,
    ``added_up_by`` (``the publisher`` when the 2011 file, on the codes of
    :data:`~placeblind.data.district_codes.SOURCE_CODE_YEARS` ``census2011``,
    already has the merged district; ``this book`` when the book adds the counts)."""
    from ..data.district_codes import CODE_CHANGES, SOURCE_CODE_YEARS

    census_2011_codes = SOURCE_CODE_YEARS["census2011"]
    rows = [{"code": c.new, "name": c.name, "year": c.year, "n_merged": len(c.old),
             "added_up_by": "the publisher" if c.year <= census_2011_codes else "this book"}
            for c in CODE_CHANGES if c.kind == "merge" and 2011 < c.year <= 2021 and c.new[0] in "EW"]
    return pd.DataFrame(rows, columns=["code", "name", "year", "n_merged", "added_up_by"])


# ---------------------------------------------------------------------------
# Stronger or weaker: a paired bootstrap of the change in r-squared
# ---------------------------------------------------------------------------

ABOUT_AS_STRONG = "about as strong"


def paired_r2_change(y, x_before, x_after, index) -> tuple[float, float, float]:
    """r² of ``y`` on ``x_after`` less r² on ``x_before``, and a percentile 95%
    interval over the bootstrap resamples ``index`` (rows of case indices), the
    same cases drawn for both fits, so what the two share cancels."""

    from ..measures import row_correlations

    y, before, after = (np.asarray(v, dtype=float) for v in (y, x_before, x_after))
    change = float(np.corrcoef(after, y)[0, 1] ** 2 - np.corrcoef(before, y)[0, 1] ** 2)
    boot = row_correlations(after[index], y[index]) ** 2 - row_correlations(before[index], y[index]) ** 2
    low, high = np.nanpercentile(boot, [2.5, 97.5])
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
    rows = []
    for sector in sectors:
        for education, column in EDUCATION_MEASURES.items():
            y = inputs_2011[sector]
            change, low, high = paired_r2_change(y, inputs_2011[column], inputs_2021[column], index)
            r2_2011 = float(inputs_2011[column].corr(y) ** 2)
            rows.append({"sample": sample, "sector": sector, "education": education, "n": len(inputs_2011),
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


def merges_summary() -> pd.DataFrame:
    """:func:`merges_between_censuses` in words, one ``quantity`` per row
    (``value``): ``publisher_names`` and ``n_publisher`` (merged before the 2011
    file's codes, so added up at source), ``book_names`` and ``n_book`` (added up
    here), and ``n_merged``, all districts that merged."""
    merges = merges_between_censuses()
    by = {who: merges[merges["added_up_by"] == who] for who in ("the publisher", "this book")}
    rows = [("n_merged", int(len(merges))), ("n_publisher", int(len(by["the publisher"]))),
            ("publisher_names", "; ".join(f"{r.name} ({r.year})" for r in by["the publisher"].itertuples())),
            ("n_book", int(len(by["this book"]))),
            ("book_names", "; ".join(f"{r.name} ({r.year})" for r in by["this book"].itertuples()))]
    return pd.DataFrame(rows, columns=["quantity", "value"])
