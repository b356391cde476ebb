"""Every headline finding's estimate under every specification of
:mod:`placeblind.analysis.specifications`.

Nothing here measures anything anew: each estimate is the main chapters'
code called with other arguments (a :class:`~placeblind.data.study.Study`,
a BRES year, a reference area, a set of SIC codes). Each distinct input
(district measures per year, base and set of districts; IS-8 LQs per year,
definition and reference) is computed once per run (:class:`Inputs`) and
shared by every specification that uses it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.bres import ENGLAND_ITL1
from ..data.census import with_percentages
from ..data.geography import STUDY_AUTHORITIES, itl2_names
from ..data.is8_definitions import (
    DCMS_PAIRS,
    IS8_SECTORS,
    SERVICE_SECTORS,
    covered_subclasses as _covered,
    bres_subclasses,
    dcms_lists,
    is8_definitions,
    measurable_sectors,
    subclasses_for,
)
from ..data.sectors import BROAD_GROUPS
from ..data.study import england_and_wales_study, paper_study
from ..measures import correlation, location_quotient_from_shares, percent_of
from .attainment import census_for_study
from .robustness_decade import decade_convergence
from .fit_samples import link_r2
from .is8_comparisons import service_correlations
from .london_reference import LONDON_DISTRICTS, reference_without_london
from .is8_regions import (
    APPROX,
    EXACT,
    approx_2digit_divisions,
    is8_lq_itl2,
    lq_wide,
    lq_with_columns,
)
from .sector_measures import COUNT_YEARS, study_measures
from .vintages import study_counts
from .specifications import main_value, slug

PROFESSIONAL = "Professional, scientific & technical"
DIGITAL = "Information & communication"
MANUFACTURING = "Manufacturing"
CAMBRIDGE_DISTRICTS = ("Cambridge", "South Cambridgeshire")
CITY_OF_LONDON = "E09000001"
LONDON_REGIONS = "TLI"     # ITL1 London: its ITL2 regions' codes begin so

# Each Table 4 finding: the sector and the education share it is fitted on.
FITS = {"table4_professional": (PROFESSIONAL, "pct_level4_plus"),
        "table4_digital": (DIGITAL, "pct_level4_plus"),
        "manufacturing_no_qualifications": (MANUFACTURING, "pct_no_qualifications")}
# Bootstrap resamples for the co-location intervals of each specification: none
# (no interval is computed), because the claim's rule (BandClaim) grades the
# coefficients alone and no interval of a specification is used; the main
# specification's grade is tested to equal the ledger's.
COLOCATION_RESAMPLES = 0
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


# --- IS-8 regions ----------------------------------------------------------------------------------------

def _non_frontier(sector: str) -> frozenset[str]:
    defs = is8_definitions()
    part = defs[(defs["sector"] == sector) & defs["sic_code"].notna() & ~defs["is_frontier"]]
    return _covered(part["sic_code"], bres_subclasses())


def sector_subclasses(frontier_codes: str, lists: str, overlap: str) -> dict[str, tuple[str, ...]]:
    """Each measurable IS-8 sector's subclasses under one choice of definition: with
    or without the frontier-industry codes, creative and digital from the IS-8 or
    the DCMS lists, and the four service sectors overlapping or made disjoint
    (a subclass two of them share is left out of both)."""
    sets = {s: (subclasses_for(s) if frontier_codes == "included" else _non_frontier(s))
            for s in measurable_sectors()}
    if lists == "dcms":
        dcms = dcms_lists()
        for sector, dcms_sector in DCMS_PAIRS.items():
            sets[sector] = _covered(dcms.loc[dcms["dcms_sector"] == dcms_sector, "sic_code"], bres_subclasses())
    if overlap == "disjoint":
        counts = pd.Series([s for sector in SERVICE_SECTORS for s in sets[sector]]).value_counts()
        shared = set(counts.index[counts > 1])
        for sector in SERVICE_SECTORS:
            sets[sector] = sets[sector] - shared
    return {sector: tuple(sorted(subs)) for sector, subs in sets.items()}


def english_regions() -> tuple[str, ...]:
    names = itl2_names()
    return tuple(names.loc[names["itl1_code"].isin(ENGLAND_ITL1), "itl2_code"])


def regions_without_london() -> tuple[str, ...]:
    """Every ITL2 region of Great Britain (BRES's coverage: Northern Ireland, ITL1
    TLN, is not in it) but London's."""
    codes = itl2_names()["itl2_code"]
    return tuple(codes[~codes.str.startswith((LONDON_REGIONS, "TLN"))])


# The regions whose employment is the reference of each base (None: every region, Great Britain).
_REFERENCE_REGIONS = {"GB": lambda: None, "England": english_regions, "GB_without_London": regions_without_london}


_REGION_KEYS = ("region_year", "sector_definition", "frontier_codes", "creative_digital_lists", "sector_overlap",
                "base")


def region_key(spec: dict) -> tuple[str, ...]:
    """The choices an IS-8 LQ frame depends on (a dimension a finding lacks takes its main value)."""
    return tuple(spec.get(d, main_value(d)) for d in _REGION_KEYS)


def rereferenced(lq: pd.DataFrame, regions: tuple[str, ...]) -> pd.DataFrame:
    """An IS-8 LQ frame (columns of :func:`is8_lq_itl2`) cut to ``regions``, whose
    sum becomes the reference: each region's share of its employment in a sector
    over the regions' pooled share, pooled over the regions measured in that
    sector, as :func:`lq_with_columns` computes it with ``regions`` (tested equal).
    Only the reference changes with the base, so the employment need not be
    gathered again (a third of the robustness chapter's time, before)."""
    part = lq[lq["itl2_code"].isin(regions)].reset_index(drop=True)
    grouped = part.groupby("sector", sort=False)
    reference = percent_of(grouped["employment"].transform("sum"), grouped["region_total"].transform("sum"))
    local = percent_of(part["employment"], part["region_total"])
    return part.assign(lq=location_quotient_from_shares(local, reference))


def region_lq(key: tuple[str, ...], definitions: dict | None = None, measured: dict | None = None) -> pd.DataFrame:
    """IS-8 LQs by ITL2 region (the columns of :func:`is8_lq_itl2`) under one
    ``region_key``; ``definitions`` (from :func:`sector_subclasses`) saves recomputing
    them; ``measured``: the sectors already measured (see :func:`_by_sector`)."""
    year, definition, frontier_codes, lists, overlap, base = key
    regions = _REFERENCE_REGIONS[base]()
    if definition == "exact":
        if key == tuple(main_value(d) for d in _REGION_KEYS):
            return is8_lq_itl2(int(year), EXACT)  # the book's own frame, not a copy of it
        columns = definitions if definitions is not None else sector_subclasses(frontier_codes, lists, overlap)
        return _by_sector(int(year), EXACT, columns, regions, {} if measured is None else measured)
    threshold = int(definition.removeprefix("approx_")) / 100
    sectors = list(definitions) if definitions is not None else measurable_sectors()
    columns = {s: approx_2digit_divisions(s, threshold) for s in sectors}
    return _by_sector(int(year), APPROX, columns, regions, {} if measured is None else measured)


def _by_sector(year: int, definition: str, columns: dict[str, tuple], regions: tuple[str, ...] | None,
               measured: dict) -> pd.DataFrame:
    """:func:`lq_with_columns` for the sectors of ``columns`` (in the IS-8 order, a
    sector without a column left out, as it leaves them), each sector measured once:
    a sector's LQs depend on its own columns alone, and the specifications' 24
    frames hold some 60 distinct sectors. ``measured`` (sector's key -> its rows)
    holds those measured already and takes the new ones."""
    keys = {s: (year, definition, s, tuple(columns[s]), regions) for s in IS8_SECTORS if columns.get(s)}
    missing = [s for s, k in keys.items() if k not in measured]
    if missing:
        frame = lq_with_columns(year, definition, {s: columns[s] for s in missing}, regions, sectors=missing)
        for sector, part in frame.groupby("sector", sort=False):
            measured[keys[sector]] = part
    return pd.concat([measured[k] for k in keys.values()], ignore_index=True)


def service_table(wide: pd.DataFrame, region_sample: str, lq_scale: str = "lq") -> pd.DataFrame:
    """:func:`service_correlations` over the regions of ``region_sample`` (``wide``:
    LQs by region code and sector, :meth:`Inputs.region_wide`), of the LQs or
    (``log_lq``) of their logarithms (the relative scale: London's very high LQs
    then weigh as ratios, not as distances)."""
    services = wide[list(SERVICE_SECTORS)]
    if lq_scale == "log_lq":
        # A region without one of the four service sectors (an LQ of 0) has no log LQ
        # and leaves the correlations, as a district without the sector leaves a log fit.
        services = services[~(services <= 0).any(axis=1)]
        services = pd.DataFrame({s: np.log(services[s].where(services[s] > 0)) for s in SERVICE_SECTORS})
    elif lq_scale != "lq":
        raise ValueError(f"unknown LQ scale {lq_scale!r}")
    if region_sample == "without_london":
        services = services[~services.index.str.startswith(LONDON_REGIONS)]
    elif region_sample == "england":
        services = services[services.index.isin(english_regions())]
    elif region_sample != "all":
        raise ValueError(f"unknown region sample {region_sample!r}")
    return service_correlations(wide=services, resamples=COLOCATION_RESAMPLES)


# --- every finding ---------------------------------------------------------------------------------------

class Inputs:
    """Every distinct input of the specifications, each computed once per run."""

    def __init__(self):
        self._memo: dict = {}

    def _get(self, key: tuple, build):
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def samples(self, sample: str) -> frozenset[str]:
        return self._get(("sample", sample), lambda: frozenset(sample_codes(sample)))


    def sector(self, bres_year: str, base: str, sample: str, sector: str) -> pd.DataFrame:
        """One sector's rows of :func:`district_measures` for the sample, indexed by
        code (districts without an LQ, such as Welsh ones on an England base, left out)."""
        universe = _universe(sample)
        measures = self._get(("districts", bres_year, base, universe),
                             lambda: district_measures(bres_year, base, universe))
        rows = self._get(("sector", bres_year, base, universe, sector),
                         lambda: measures[measures["sector"] == sector].dropna(subset=["lq"]).set_index("code"))
        return self._get(("sector_sample", bres_year, base, sample, sector),
                         lambda: rows[rows.index.isin(self.samples(sample))])

    def shares(self, bres_year: str, base: str, sample: str) -> pd.DataFrame:
        """Every broad group's ``share_pct`` of :meth:`sector` at once: the sample's
        districts by the 18 broad groups (one pivot per year and universe, where
        gathering the 18 sectors one by one for each sample took most of the
        manufacturing finding's time)."""
        universe = _universe(sample)
        measures = self._get(("districts", bres_year, base, universe),
                             lambda: district_measures(bres_year, base, universe))
        wide = self._get(("shares", bres_year, base, universe), lambda: measures.dropna(subset=["lq"]).pivot(
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
            gb = self.region({**dict(zip(_REGION_KEYS, key)), "base": "GB"})
            return self._get(("region", key), lambda: rereferenced(gb, _REFERENCE_REGIONS[base]()))
        definitions = self._get(("definitions", *key[2:5]), lambda: sector_subclasses(*key[2:5]))
        return self._get(("region", key), lambda: region_lq(key, definitions, self._get(("sectors_measured",), dict)))

    def region_wide(self, spec: dict) -> pd.DataFrame:
        return self._get(("wide", region_key(spec)), lambda: lq_wide(self.region(spec)).droplevel("itl2_name"))

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
    BRES publishes shares only (2019), the median district's LQ."""
    frame = inputs.sector(spec["bres_year"], spec["base"], spec["sample"], sector)
    employment = inputs.employment(spec["bres_year"], spec["sample"])
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
    joined = inputs.fit_inputs(bres_year, census_year, sample, sector, education, denominator)
    if outcome_scale == "log_share":
        # A log needs a positive share: a district without the sector (or, in 2019,
        # with a published share that rounds to 0.0) has no log share and is left out.
        joined = joined[joined["share_pct"] > 0]
    y = joined["share_pct"].to_numpy(float)
    if outcome_scale == "log_share":
        y = np.log(y)
    return joined[education].to_numpy(float), y, joined["all_16plus"].to_numpy(float)


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
    top = np.isclose(shares.to_numpy(float), shares.max(axis=1).to_numpy(float)[:, None], rtol=0, atol=1e-9)
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
    row = inputs.region_wide(spec).loc[code].dropna()
    return float((row > float(spec["lq_cutoff"])).sum())


def regions_without_specialism(inputs: Inputs, spec: dict, codes: tuple[str, ...]) -> float:
    """How many of the regions ``codes`` have no LQ above the cut-off."""
    wide = inputs.region_wide(spec)
    return float(sum((wide.loc[code].dropna() <= float(spec["lq_cutoff"])).all() for code in codes))


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
