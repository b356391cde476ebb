"""The decade's readings on every basis a sceptic would use (issue 17): the
divide and convergence in percentage points, relative to the level, among
residents whose level is known, without London and with London controlled for;
intervals that allow for spatial dependence; what the 2021 redesign of the
qualifications question shows in the counts; the merges between the censuses.

A word such as "widened" or "diverging" is the book's only when every basis
gives it; otherwise the book says the answer depends on the scale and shows
each reading.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cache import cached
from ..data.census import UNKNOWN_LEVEL, share_base
from ..data.study import england_and_wales_study
from ..measures import SIGNIFICANCE
from .attainment import census_for_study
from .contiguity import adjacency_matrix, district_area_neighbours
from .decade import dispersion, divide_reading, slope_reading

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
# qualifications whose level was not stated; :data:`UNKNOWN_LEVEL`). Apprenticeships
# are a category of their own in both years and stay in the denominator.

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
        base = share_base(frame[f"all_16plus_{year}"], frame[f"{UNKNOWN_LEVEL}_{year}"],
                          "known_level" if basis == "known_level" else "all_16plus")
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
    order of :func:`decade_districts`): 1 where two districts' boundaries meet
    (:mod:`.contiguity`, ONS December 2021 BUC)."""
    return adjacency_matrix(district_area_neighbours(list(decade_districts()["code"])))


def convergence_design(shares: pd.DataFrame, basis: str):
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
    districts and its two-sided permutation p-value; missing without
    ``adjacency``), ``reading_independent`` and ``reading`` (:func:`slope_reading`
    of the independent and of the clustered interval; the book takes the latter).
    """
    # the fits and their clustered errors, from a kept library (its module, not statsmodels.api: see least_squares)
    from statsmodels.regression.linear_model import OLS

    from ..measures.spatial import moran_test, weights_from_adjacency

    rows = []
    for basis in BASES:
        shares = basis_shares(frame, "level4_plus", basis)
        y, design = convergence_design(shares, basis)
        plain = OLS(y, design).fit()
        groups = pd.factorize(shares["itl2"])[0]
        clustered = OLS(y, design).fit(cov_type="cluster", cov_kwds={"groups": groups})
        low, high = (float(v) for v in plain.conf_int(SIGNIFICANCE)[1])
        c_low, c_high = (float(v) for v in clustered.conf_int(SIGNIFICANCE)[1])
        moran = moran_p = float("nan")
        if adjacency is not None:
            codes = list(shares["code"])
            # The study's own number of permutations (measures.spatial.MORAN_PERMUTATIONS),
            # as every fit's Moran's I: the decade once drew a tenth of a larger study
            # default; the two are equal now, so the decade keeps no number of its own.
            test = moran_test(plain.resid, weights_from_adjacency(adjacency.loc[codes, codes]))
            moran, moran_p = test.i, test.p_value
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


@cached(disk=True, maxsize=1)  # read by its table, the decade findings and the own findings' nulls
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


@cached(disk=True, maxsize=1)  # as divide_bases (with a bootstrap interval)
def qualifications_redesign() -> pd.DataFrame:
    """:func:`redesign_evidence` for every district of England and Wales."""
    return redesign_evidence(decade_districts())


def merges_between_censuses() -> pd.DataFrame:
    """Districts that merged between the two censuses' district codes (April 2011
    to April 2021: the 2021 Census is published on the codes of April 2021, with
    the Northamptonshire unitaries of that month), from the code-change table: ``code``, ``name``, ``year``, ``n_merged``,
    ``added_up_by`` (``the publisher`` when the 2011 file, on the codes of
    :data:`~placeblind.data.district_codes.SOURCE_CODE_YEARS` ``census2011``,
    already has the merged district; ``this book`` when the book adds the counts)."""
    from ..data.district_codes import CODE_CHANGES, SOURCE_CODE_YEARS

    census_2011_codes = SOURCE_CODE_YEARS["census2011"]
    rows = [{"code": c.new, "name": c.name, "year": c.year, "n_merged": len(c.old),
             "added_up_by": "the publisher" if c.year <= census_2011_codes else "this book"}
            for c in CODE_CHANGES if c.kind == "merge" and 2011 < c.year <= 2021 and c.new[0] in "EW"]
    return pd.DataFrame(rows, columns=["code", "name", "year", "n_merged", "added_up_by"])


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
