"""Every headline finding's estimate under every specification of
:mod:`placeblind.analysis.specifications`.

Nothing here measures anything anew: each estimate is the main chapters'
code called with other arguments (a :class:`~placeblind.data.study.Study`,
a BRES year, a reference area, a set of SIC codes). Each distinct input
(district measures per year, base and set of districts; IS-8 LQs per year,
definition and reference) is computed once per run (:class:`Inputs`) and
shared by every specification that uses it. The IS-8 regions' definitions,
reference regions and LQ frames are :mod:`.robustness_regions`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.census import with_percentages
from ..data.geography import STUDY_AUTHORITIES
from ..data.sectors import BROAD_GROUPS, DIGITAL, MANUFACTURING, PROFESSIONAL
from ..data.study import england_and_wales_study, paper_study
from ..measures import correlation, location_quotient_from_shares, log_of_positive
from .attainment import census_for_study
from .robustness_decade import decade_convergence
from .education_fits import CAMBRIDGE_DISTRICTS
from .fit_samples import link_r2
from .london_reference import LONDON_DISTRICTS, reference_without_london
from .is8_regions import lq_wide
from .robustness_regions import REFERENCE_REGIONS, REGION_KEYS, region_key, region_lq, rereferenced, sector_subclasses
from .robustness_regions import service_table
from .sector_measures import COUNT_YEARS, study_measures, ties_top
from .vintages import study_counts
from .specifications import main_value, slug

CITY_OF_LONDON = "E09000001"

# Each Table 4 finding: the sector and the education share it is fitted on.
FITS = {"table4_professional": (PROFESSIONAL, "pct_level4_plus"),
        "table4_digital": (DIGITAL, "pct_level4_plus"),
        "manufacturing_no_qualifications": (MANUFACTURING, "pct_no_qualifications")}
# The decade chapter's link read a decade on: the professional sector on Level 4+.
DECADE_LINK = (PROFESSIONAL, "level4_plus")


# --- districts -------------------------------------------------------------------------------------------

def _universe(sample: str) -> str:
    return "england_and_wales" if sample.startswith("england_and_wales") else "paper"


def _study(universe: str):
    return england_and_wales_study() if universe == "england_and_wales" else paper_study()


def sample_codes(sample: str) -> tuple[str, ...]:
    """The district codes of a sample: the paper's 37 less a group, or every
    district of England and Wales (2021 codes) less London or the City."""
    frame = _study(_universe(sample)).frame()
    if sample in ("paper_37", "england_and_wales"):
        keep = frame
    elif sample == "without_cambridge":
        keep = frame[~frame["name"].isin(CAMBRIDGE_DISTRICTS)]
    elif sample == "england_and_wales_without_london":
        keep = frame[~frame["code"].str.startswith(LONDON_DISTRICTS)]
    elif sample == "england_and_wales_without_city":
        keep = frame[frame["code"] != CITY_OF_LONDON]
    else:
        left_out = [a for a in STUDY_AUTHORITIES if sample == f"without_{slug(a)}"]
        if not left_out:
            raise ValueError(f"unknown sample {sample!r}")
        keep = frame[frame["authority"] != left_out[0]]
    return tuple(keep["code"])


def _measures_of_year(year: int, base: str, study) -> pd.DataFrame:
    """:func:`study_measures` for one year; with ``GB_without_London`` the GB shares
    over the reference of :func:`reference_without_london`."""
    if base != "GB_without_London":
        return study_measures(year, base, study)
    if year not in COUNT_YEARS:
        raise ValueError(f"London cannot be taken out of the {year} reference: that year publishes shares only")
    frame = study_measures(year, "GB", study)
    reference = frame["sector"].astype(str).map(reference_without_london(year)).astype(float)
    return frame.assign(reference_share_pct=reference, lq=location_quotient_from_shares(frame["share_pct"], reference))


def district_measures(bres_year: str, base: str, universe: str) -> pd.DataFrame:
    """Shares and LQs (long: ``code``, ``name``, ``authority``, ``sector``,
    ``share_pct``, ``lq``) of a set of districts for one BRES year; the mean of
    2015-2017 is each district's mean share and mean LQ over the three years."""
    study = _study(universe)
    keep = ["code", "name", "authority", "sector", "share_pct", "lq"]
    if bres_year == "mean_2015_2017":
        years = [_measures_of_year(y, base, study)[keep] for y in COUNT_YEARS]
        stacked = pd.concat(years, ignore_index=True).assign(sector=lambda f: f["sector"].astype(str))
        return stacked.groupby(["code", "name", "authority", "sector"], sort=False, as_index=False)[
            ["share_pct", "lq"]].mean()
    return _measures_of_year(int(bres_year), base, study)[keep].assign(sector=lambda f: f["sector"].astype(str))


def district_employment(bres_year: str, universe: str) -> pd.Series | None:
    """Each district's BRES employment, all broad groups (code -> jobs; the mean of
    the three years for ``mean_2015_2017``), or None for 2019, which publishes shares only."""
    years = COUNT_YEARS if bres_year == "mean_2015_2017" else (int(bres_year),)
    if not set(years) <= set(COUNT_YEARS):
        return None
    totals = [study_counts(_study(universe), y).groupby("code", sort=False)["count"].sum()
              for y in years]
    return sum(totals) / len(totals)


# --- every finding ---------------------------------------------------------------------------------------

class Inputs:
    """Every distinct input of the specifications, each computed once per run.

    What it hands out is shared, not copied: every specification that asks for
    the same input gets the same frame or array, so none may change one in place
    (the arrays of the fits are read-only; a run of every curve was checked to
    leave every kept frame as it was built)."""

    def __init__(self):
        self._memo: dict = {}

    def _get(self, key: tuple, build):
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def shared(self, key: tuple, build):
        """An object of the layers above built once per run by ``build()``, the first
        time ``key`` is asked for (the claims' view of the inputs several
        specifications read alike), then handed out as it is, like every input here."""
        return self._get(("shared", *key), build)

    def samples(self, sample: str) -> frozenset[str]:
        return self._get(("sample", sample), lambda: frozenset(sample_codes(sample)))

    def measured(self, bres_year: str, base: str, universe: str) -> pd.DataFrame:
        """:func:`district_measures` of the universe's districts, less the rows without
        an LQ (such as Welsh districts on an England base), which no finding reads."""
        return self._get(("measured", bres_year, base, universe),
                         lambda: district_measures(bres_year, base, universe).dropna(subset=["lq"]))

    def sector(self, bres_year: str, base: str, sample: str, sector: str) -> pd.DataFrame:
        """One sector's rows of :meth:`measured` for the sample, indexed by code."""
        universe = _universe(sample)
        measured = self.measured(bres_year, base, universe)
        rows = self._get(("sector", bres_year, base, universe, sector),
                         lambda: measured[measured["sector"] == sector].set_index("code"))
        return self._get(("sector_sample", bres_year, base, sample, sector),
                         lambda: rows[rows.index.isin(self.samples(sample))])

    def shares(self, bres_year: str, base: str, sample: str) -> pd.DataFrame:
        """Every broad group's ``share_pct`` of :meth:`sector` at once: the sample's
        districts by the 18 broad groups (one pivot per year and universe, where
        gathering the 18 sectors one by one for each sample took most of the
        manufacturing finding's time)."""
        universe = _universe(sample)
        measured = self.measured(bres_year, base, universe)
        wide = self._get(("shares", bres_year, base, universe), lambda: measured.pivot(
            index="code", columns="sector", values="share_pct").reindex(columns=list(BROAD_GROUPS)))
        return self._get(("shares_sample", bres_year, base, sample),
                         lambda: wide[wide.index.isin(self.samples(sample))])

    def employment(self, bres_year: str, sample: str) -> pd.Series | None:
        universe = _universe(sample)
        return self._get(("employment", bres_year, universe), lambda: district_employment(bres_year, universe))

    def census(self, census_year: str, universe: str, denominator: str = "all_16plus") -> pd.DataFrame:
        """The census counts and percentages of the universe's districts, the
        percentages of every resident 16+ or (``known_level``) of those whose level is known."""
        def build() -> pd.DataFrame:
            counts = census_for_study(int(census_year), _study(universe))
            if denominator != "all_16plus":
                counts = with_percentages(counts, denominator=denominator)
            return counts.set_index("code")
        return self._get(("census", census_year, universe, denominator), build)

    def fit_inputs(self, bres_year: str, census_year: str, sample: str, sector: str, education: str,
                   denominator: str = "all_16plus") -> pd.DataFrame:
        """The sector's share and the education share (with residents 16+) of each of the sample's districts."""
        universe = _universe(sample)

        def build() -> pd.DataFrame:
            whole = "paper_37" if universe == "paper" else "england_and_wales"
            jobs = self.sector(bres_year, "GB", whole, sector)[["share_pct"]]
            census = self.census(census_year, universe, denominator)
            return jobs.join(census[[education, "all_16plus"]], how="inner")

        joined = self._get(("fit", bres_year, census_year, universe, sector, education, denominator), build)
        return self._get(("fit_sample", bres_year, census_year, sample, sector, education, denominator),
                         lambda: joined[joined.index.isin(self.samples(sample))])

    def region(self, spec: dict) -> pd.DataFrame:
        key = region_key(spec)
        base = key[-1]
        if base != "GB":  # the GB frame of the same definitions, re-referenced to the base's regions
            gb = self.region({**dict(zip(REGION_KEYS, key)), "base": "GB"})
            return self._get(("region", key), lambda: rereferenced(gb, REFERENCE_REGIONS[base]()))
        definitions = self._get(("definitions", *key[2:5]), lambda: sector_subclasses(*key[2:5]))
        return self._get(("region", key), lambda: region_lq(key, definitions, self._get(("sectors_measured",), dict)))

    def region_wide(self, spec: dict) -> pd.DataFrame:
        return self._get(("wide", region_key(spec)), lambda: lq_wide(self.region(spec)).droplevel("itl2_name"))

    def region_row(self, spec: dict, code: str) -> pd.Series:
        """One region's row of :meth:`region_wide`, less the sectors not measured there."""
        return self._get(("region_row", region_key(spec), code), lambda: self.region_wide(spec).loc[code].dropna())

    def region_wide_over_cutoff(self, spec: dict) -> pd.DataFrame:
        """:meth:`region_wide` divided by the specification's LQ cut-off (LQ > c is LQ / c > 1)."""
        cutoff = float(spec.get("lq_cutoff", main_value("lq_cutoff")))
        return self._get(("wide", region_key(spec), cutoff), lambda: self.region_wide(spec) / cutoff)

    def manufacturing_leads(self, spec: dict) -> tuple[int, int]:
        """:func:`manufacturing_lead_counts`, once per year and sample."""
        return self._get(("leads", spec["bres_year"], spec["sample"]), lambda: manufacturing_lead_counts(self, spec))

    def services(self, spec: dict) -> pd.DataFrame:
        scale = spec.get("lq_scale", "lq")
        return self._get(("services", region_key(spec), spec["region_sample"], scale),
                         lambda: service_table(self.region_wide(spec), spec["region_sample"], scale))

    def convergence(self, spec: dict) -> dict:
        """:func:`convergence_slope` of the specification (slope, interval, reading)."""
        key = (spec["decade_sample"], spec["weighting"], spec["slope_estimator"],
               *(spec.get(d, main_value(d)) for d in ("decade_scale", "denominator")))
        return self._get(("convergence", *key), lambda: decade_convergence(spec))

    def link(self, spec: dict) -> tuple[float, float]:
        """The decade link's r-squared with 2011 and with 2021 education under the specification."""
        choices = (spec["weighting"], spec["estimator"], spec.get("link_london", "in") == "in",
                   spec.get("outcome_scale", "share") == "log_share")
        return self._get(("link", spec["link_geography"], *choices), lambda: tuple(
            link_r2(spec["link_geography"], *DECADE_LINK, census, *choices) for census in (2011, 2021)))


def share_below_cutoff(inputs: Inputs, spec: dict, sector: str) -> float:
    """Per cent of the sample's districts whose LQ in ``sector`` is below the cut-off."""
    frame = inputs.sector(spec["bres_year"], spec["base"], spec["sample"], sector)
    return float(100.0 * (frame["lq"] < float(spec["lq_cutoff"])).mean())


def combined_lq(inputs: Inputs, spec: dict, sector: str) -> float:
    """The sample's districts taken together: their employment pooled (the LQ of
    their summed jobs, as the employment-weighted mean of their LQs), or, where
    BRES publishes shares only (2019), the median district's LQ. The cut-off does
    not enter it: computed once for the specifications that differ only in it."""
    choices = (spec["bres_year"], spec["base"], spec["sample"], sector)
    return inputs._get(("combined_lq", *choices), lambda: _combined_lq(inputs, *choices))


def _combined_lq(inputs: Inputs, bres_year: str, base: str, sample: str, sector: str) -> float:
    frame = inputs.sector(bres_year, base, sample, sector)
    employment = inputs.employment(bres_year, sample)
    if employment is None:
        return float(frame["lq"].median())
    weights = employment.reindex(frame.index)
    return float((frame["lq"] * weights).sum() / weights.sum())


def fit_estimate(inputs: Inputs, spec: dict, sector: str, education: str) -> tuple[float, float]:
    """r-squared (or Spearman's rho squared) of the sector's size on an education
    share across the sample, and the direction of the relation (+1 or -1)."""
    data = (spec["bres_year"], spec["census_year"], spec["sample"], sector, education,
            spec.get("denominator", "all_16plus"), spec["outcome_scale"])
    x, y, residents = inputs._get(("fit_arrays", *data), lambda: _fit_arrays(inputs, *data))
    if spec["estimator"] == "spearman":
        rho = correlation(x, y, "spearman")
        return rho * rho, float(np.sign(rho))
    weights = residents if spec["weighting"] == "residents" else None
    # The r-squared of the (weighted) least-squares line is the squared (weighted)
    # correlation, and the slope has its sign: read so, because 3,300 statsmodels
    # fits took a quarter of the chapter's time (tested equal to :func:`least_squares`).
    r = correlation(x, y, "pearson", weights)
    return r * r, float(np.sign(r))


def _fit_arrays(inputs: Inputs, bres_year: str, census_year: str, sample: str, sector: str, education: str,
                denominator: str, outcome_scale: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x (the education share), y (the sector's share, or its log) and the residents
    16+ of the sample's districts, as arrays: built once for the specifications that
    differ only in estimator and weighting (the frames' selection and conversion cost
    more than the correlation itself)."""
    def columns() -> tuple[np.ndarray, ...]:  # read once for both outcome scales
        joined = inputs.fit_inputs(bres_year, census_year, sample, sector, education, denominator)
        return tuple(joined[column].to_numpy(float) for column in (education, "share_pct", "all_16plus"))

    x, y, residents = inputs._get(("fit_columns", bres_year, census_year, sample, sector, education, denominator),
                                  columns)
    if outcome_scale == "log_share":
        y, x, residents = log_of_positive(y, x, residents)
    arrays = x, y, residents
    for array in arrays:
        array.setflags(write=False)  # shared by the specifications that differ in estimator or weighting
    return arrays


def divide_estimate(inputs: Inputs, spec: dict) -> float:
    """r between the no-qualifications and Level 4+ shares across the sample's districts."""
    census = inputs.census(spec["census_year"], _universe(spec["sample"]), spec.get("denominator", "all_16plus"))
    frame = census[census.index.isin(inputs.samples(spec["sample"]))]
    weights = frame["all_16plus"].to_numpy(float) if spec["weighting"] == "residents" else None
    return correlation(frame["pct_no_qualifications"], frame["pct_level4_plus"], spec["estimator"], weights)


def manufacturing_lead_counts(inputs: Inputs, spec: dict) -> tuple[int, int]:
    """How many of the sample's authorities have no district where manufacturing is
    the largest of the 18 broad groups: (outright largest, largest or joint largest)."""
    shares = inputs.shares(spec["bres_year"], "GB", spec["sample"])
    top = ties_top(shares.to_numpy(float), shares.max(axis=1).to_numpy(float)[:, None])
    leads = top[:, list(shares.columns).index(MANUFACTURING)]
    outright = leads & (top.sum(axis=1) == 1)
    authority = inputs.sector(spec["bres_year"], "GB", spec["sample"], MANUFACTURING)["authority"]
    authority = authority.reindex(shares.index)
    return len(set(authority) - set(authority[outright])), len(set(authority) - set(authority[leads]))


def authorities_without_manufacturing_lead(inputs: Inputs, spec: dict) -> float:
    """How many of the sample's authorities have no district where manufacturing is
    the largest (or joint largest) of the 18 broad groups."""
    return float(inputs.manufacturing_leads(spec)[1])


def sectors_above(inputs: Inputs, spec: dict, code: str) -> float:
    row = inputs.region_row(spec, code)
    return float((row > float(spec["lq_cutoff"])).sum())


def regions_without_specialism(inputs: Inputs, spec: dict, codes: tuple[str, ...]) -> float:
    """How many of the regions ``codes`` have no LQ above the cut-off."""
    return float(sum((inputs.region_row(spec, code) <= float(spec["lq_cutoff"])).all() for code in codes))


def regions_above_in_all(inputs: Inputs, spec: dict) -> float:
    """Regions with an LQ above the cut-off in every sector measured there (as
    :func:`specialisms` counts them at a cut-off of 1; tested to agree)."""
    wide = inputs.region_wide(spec)
    above = (wide > float(spec["lq_cutoff"])).sum(axis=1)
    return float((above == wide.notna().sum(axis=1)).sum())


def region_sector_lq(inputs: Inputs, spec: dict, region: str, sector: str) -> float:
    """One region's LQ in one sector."""
    return float(inputs.region_wide(spec).loc[region, sector])


def colocation_median(inputs: Inputs, spec: dict) -> float:
    return float(inputs.services(spec)[spec["estimator"]].median())


def link_change(inputs: Inputs, spec: dict) -> float:
    """r-squared with 2021 education less r-squared with 2011 education."""
    before, after = inputs.link(spec)
    return after - before
