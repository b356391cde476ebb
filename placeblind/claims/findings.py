"""Every headline finding of the robustness chapter, each declared once: what is
estimated under a specification, what its claim object grades (the ledger's own
object, :mod:`.claim`), the dimensions that bear on it, how its estimate is
printed, and the chapter's glue name for its sentence. The curves, the registry's
figures, the chapter's facts and the exports are all generated from
:data:`FINDINGS`.

A finding with a ``claim`` is graded by that claim's ``grade`` on the view
``view`` makes of the specification. A finding without one is one of the book's
own readings (the decade chapter's): a specification supports it when
``reading`` gives the word ``main_reading`` gives.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..analysis import robustness as est
from ..analysis.decade import SAME_STRENGTH_R2, convergence, divide, divide_reading, fits_2011_2021, link_change
from ..analysis.decade import strength_reading
from ..analysis.findings_is8 import n_measured_regions
from ..analysis.is8_comparisons import SERVICE_PAIRS
from ..data.is8_definitions import SERVICE_SECTORS
from ..measures.correlations import interval_level_pct
from ..analysis.robustness import Inputs
from ..analysis.robustness_decade import spread_change
from ..analysis.robustness_regions import region_key
from ..analysis.specifications import PAPER_SAMPLES, main_value, specification_grid
from ..text import about_count, number_word
from .blog import B01, B02, B03, B05, B06, B08
from .claim import ClaimRule
from .claim_regions import CorrelationView, RegionView
from .paper_attainment import P08
from .paper_fits import P35, P36, P38
from .paper_lq import P19, P23, P30

NAN = float("nan")

# Why a finding has no permutation null (the null permutes one variable of a
# relation across areas; these findings are not such a relation).
_COUNT = "a count against an LQ cut-off, not a relation between two variables: there is nothing to permute"
_LQ = "one LQ against a cut-off, not a relation between two variables: there is nothing to permute"


@dataclass(frozen=True)
class Finding:
    """One finding (see the module note). ``estimate(inputs, spec)`` gives
    (estimate, direction: the sign of a fit's slope, else NaN); ``view(inputs,
    spec, estimate, direction)`` what the claim grades; ``graded_as`` names the
    graded value where it is not the estimate (the sentences print both);
    ``samples`` restricts the districts' samples; ``excluded`` names (dimension,
    value) pairs the finding cannot take; ``reference`` (own readings only) is
    where the reading turns; ``no_null`` says why a finding has no permutation
    null (empty for those that have one, :mod:`.robustness_null`), or is a
    function giving that text when it prints a count of the data
    (:meth:`null_reason`)."""

    finding: str
    title: str
    estimate_label: str
    published: str
    dimensions: tuple[str, ...]
    estimate: Callable[[Inputs, dict], tuple[float, float]]
    glue: str
    digits: int = 2
    unit: str = ""
    claim: ClaimRule | None = None
    view: Callable[[Inputs, dict, float, float], object] | None = None
    graded_as: str = ""
    samples: tuple[str, ...] | None = None
    excluded: tuple[tuple[str, str], ...] = ()
    no_null: str | Callable[[], str] = ""
    reading: Callable[[Inputs, dict, float], str] | None = None
    main_reading: Callable[[], str] | None = None
    turns_at: tuple[float, float] | None = None

    def __post_init__(self):
        if (self.claim is None) == (self.reading is None) or (self.claim is None) != (self.view is None):
            raise ValueError(f"{self.finding}: a finding has a claim and its view, or a reading of its own")

    def null_reason(self) -> str:
        """Why the finding has no permutation null, as printed ('' when it has one)."""
        return self.no_null() if callable(self.no_null) else self.no_null

    @property
    def own_reading(self) -> bool:
        return self.claim is None

    @property
    def claim_id(self) -> str:
        return "" if self.claim is None else self.claim.claim_id

    @property
    def reference(self) -> tuple[float, float]:
        """The published value or band (or where the book's own reading turns), as the curve draws it."""
        return self.turns_at if self.claim is None else self.claim.reference

    @property
    def figure(self) -> str:
        """The registered figure's name."""
        return f"robustness_{self.finding}"

    def value_text(self, value: float) -> str:
        """An estimate as the chapter prints it."""
        return f"{value:.{self.digits}f}{self.unit}"


def _plain(function: Callable[[Inputs, dict], float]) -> Callable[[Inputs, dict], tuple[float, float]]:
    return lambda inputs, spec: (float(function(inputs, spec)), NAN)


def _cutoff(spec: dict) -> float:
    return float(spec.get("lq_cutoff", main_value("lq_cutoff")))


def _r(_inputs: Inputs, _spec: dict, estimate: float, direction: float) -> float:
    """A fit's r from its r² (or rho squared) and the sign of its slope."""
    return direction * math.sqrt(estimate)


def _regions(inputs: Inputs, spec: dict, _estimate: float, _direction: float) -> RegionView:
    # One view per distinct frame and cut-off, shared by the specifications that read it
    # (it keeps the rows its claim reads): the 675 region specifications read 75.
    cutoff = _cutoff(spec)
    return inputs.shared(("region_view", region_key(spec), cutoff), lambda: RegionView(
        inputs.region(spec), cutoff, inputs.region_wide_over_cutoff(spec)))


# The sceptic's three choices (issue 18): the values that make them, and for each
# finding where one does not apply, why (:func:`placeblind.claims.robustness.sceptic_inventory`
# checks that every finding and choice is one or the other).
SCEPTIC_CHOICES = {
    "London left out": (("sample", "england_and_wales_without_london"), ("base", "GB_without_London"),
                        ("region_sample", "without_london"), ("decade_sample", "all_without_london"),
                        ("link_london", "out")),
    "relative (log) scale": (("outcome_scale", "log_share"), ("lq_scale", "log_lq"), ("decade_scale", "relative")),
    "known-level denominator": (("denominator", "known_level"),),
}
_LQ_SCALE = "an LQ above a cut-off is its log above the cut-off's log: the same reading on either scale"
_NO_CENSUS = "built on jobs alone, not on census qualification shares"
_LINK = ("applies, not yet a choice: the link's education shares come ready-made as percentages for its three "
         "geographies (analysis/fit_samples.py), without the counts a known-level share needs")
SCEPTIC_NOT_APPLIED = {
    ("attainment_divide", "relative (log) scale"): ("r of two shares: the rank (Spearman) specifications give the "
                                                    "reading any monotone rescaling gives"),
    ("manufacturing_largest", "London left out"): "the paper's districts hold no London district",
    ("manufacturing_largest", "relative (log) scale"): "the largest sector is the largest on any scale",
    **{(f, "relative (log) scale"): _LQ_SCALE
       for f in ("professional_below_one", "digital_below_one", "greater_manchester_none", "west_midlands_none",
                 "west_midlands_manufacturing", "five_without_specialism", "all_eight")},
    **{(f, "known-level denominator"): _NO_CENSUS
       for f in ("professional_below_one", "digital_below_one", "manufacturing_largest", "greater_manchester_none",
                 "west_midlands_none", "west_midlands_manufacturing", "five_without_specialism",
                 "service_colocation", "all_eight")},
    ("decade_link", "known-level denominator"): _LINK,
}
_DISTRICT_LQ = ("bres_year", "base", "sample", "lq_cutoff")
_FIT = ("bres_year", "census_year", "sample", "outcome_scale", "estimator", "weighting", "denominator")
_REGION_COUNT = ("region_year", "sector_definition", "frontier_codes", "creative_digital_lists", "sector_overlap",
                 "base", "lq_cutoff")
_SERVICES = ("region_year", "sector_definition", "frontier_codes", "creative_digital_lists", "sector_overlap",
             "region_sample", "estimator", "lq_scale")

FINDINGS = (
    Finding("attainment_divide", "The qualifications divide", "r, no qualifications and Level 4+",
            f"r = {P08.published:g}", ("census_year", "sample", "estimator", "weighting", "denominator"),
            _plain(est.divide_estimate), "rob_divide_sentence", claim=P08, view=lambda i, s, e, d: e),
    Finding("professional_below_one", "Professional services thin in most districts",
            "districts with LQ below the cut-off (%)", "many, read as more than half below 1", _DISTRICT_LQ,
            _plain(lambda i, s: est.share_below_cutoff(i, s, est.PROFESSIONAL)), "rob_prof_below_sentence",
            no_null=_COUNT, digits=0, unit="%", claim=P23,
            view=lambda i, s, e, d: i.sector(s["bres_year"], s["base"], s["sample"], est.PROFESSIONAL)["lq"]
            / _cutoff(s)),
    Finding("digital_below_one", "Digital under-represented", "combined LQ of the districts",
            "under-represented, read as a combined LQ below 1", _DISTRICT_LQ,
            _plain(lambda i, s: est.combined_lq(i, s, est.DIGITAL)), "rob_digital_below_sentence", claim=P19,
            no_null=_LQ,            view=lambda i, s, e, d: e / _cutoff(s), graded_as="combined LQ over the cut-off"),
    Finding("table4_professional", "Professional sector on Level 4+ (Table 4)", "r²",
            f"r2 = {P36.published:g}", _FIT,
            lambda i, s: est.fit_estimate(i, s, *est.FITS["table4_professional"]), "rob_t4_prof_sentence",
            claim=P36, view=_r, graded_as="r"),
    Finding("table4_digital", "Digital sector on Level 4+ (Table 4)", "r²", f"r2 = {P35.published:g}", _FIT,
            lambda i, s: est.fit_estimate(i, s, *est.FITS["table4_digital"]), "rob_t4_digital_sentence",
            claim=P35, view=_r, graded_as="r"),
    Finding("manufacturing_no_qualifications", "Manufacturing and no qualifications", "r²",
            f"positive and modest, r2 {P38.low:g}-{P38.high:g}", _FIT,
            lambda i, s: est.fit_estimate(i, s, *est.FITS["manufacturing_no_qualifications"]),
            "rob_manuf_noq_sentence", claim=P38, view=_r),
    Finding("manufacturing_largest", "Manufacturing leads in all authorities but one",
            "authorities where manufacturing leads no district", "one authority", ("bres_year", "sample"),
            _plain(est.authorities_without_manufacturing_lead), "rob_manuf_largest_sentence", digits=0, no_null=_COUNT,
            claim=P30, view=lambda i, s, e, d: i.manufacturing_leads(s),
            graded_as="authorities without an outright lead", samples=PAPER_SAMPLES),
    Finding("greater_manchester_none", "Greater Manchester: no IS-8 specialism",
            "IS-8 sectors with LQ above the cut-off", "0 sectors", _REGION_COUNT,
            _plain(lambda i, s: est.sectors_above(i, s, next(iter(B01.regions)))), "rob_gm_sentence", digits=0,
            no_null=_COUNT, claim=B01, view=_regions),
    Finding("west_midlands_none", "West Midlands: no IS-8 specialism",
            "IS-8 sectors with LQ above the cut-off", "0 sectors", _REGION_COUNT,
            _plain(lambda i, s: est.sectors_above(i, s, next(iter(B02.regions)))), "rob_wm_sentence", digits=0,
            no_null=_COUNT, claim=B02, view=_regions),
    Finding("west_midlands_manufacturing", "West Midlands: Advanced Manufacturing",
            "Advanced Manufacturing LQ, TLG3", "over-performs (LQ above 1)",
            ("region_year", "sector_definition", "frontier_codes", "base"),
            _plain(lambda i, s: est.region_sector_lq(i, s, B03.region, B03.sector)), "rob_wm_am_sentence",
            no_null=_LQ, claim=B03, view=_regions),
    Finding("five_without_specialism", "Five areas without a specialism",
            "of the five areas, those with no LQ above the cut-off", f"{len(B05.regions)} areas", _REGION_COUNT,
            _plain(lambda i, s: est.regions_without_specialism(i, s, tuple(B05.regions))), "rob_five_sentence",
            no_null=_COUNT, digits=0, claim=B05, view=_regions),
    Finding("service_colocation", "Service sectors co-locate",
            f"median of the {number_word(len(SERVICE_PAIRS))} correlations", B06.band, _SERVICES, _plain(est.colocation_median), "rob_coloc_sentence",
            no_null=lambda: (f"a relation, but among {number_word(len(SERVICE_SECTORS))} sectors' LQs across "
                             f"{about_count(n_measured_regions())} regions at once; its null (each "
                             "sector's LQs permuted across regions) is not computed yet"),
            claim=B06, view=lambda i, s, e, d: CorrelationView(i.services(s), s["estimator"]),
            graded_as="the coefficient farthest from the band"),
    Finding("all_eight", "Specialised in all eight: Bristol and Edinburgh",
            "regions with LQ above the cut-off in every measured sector", f"{len(B08.regions)} areas",
            _REGION_COUNT, _plain(est.regions_above_in_all),
            "rob_all_eight_sentence", digits=0, no_null=_COUNT, claim=B08, view=_regions,
            excluded=(("base", "England"),)),  # Edinburgh, which the claim names, has no LQ on an England base
    # A decade on: the book's own readings (no published claim), each turning where ``turns_at`` says.
    Finding("decade_divide", "The graduate divide, 2011 to 2021", "change in spread (pp; logs if relative)",
            "no change in the spread", ("decade_sample", "dispersion", "weighting", "decade_scale", "denominator"),
            _plain(lambda i, s: spread_change(s)), "rob_decade_divide_sentence",
            no_null="a change in the spread of one share, not a relation between two variables",
            reading=lambda i, s, e: divide_reading(e > 0, e > 0),
            main_reading=lambda: divide("level4_plus")["reading"], turns_at=(0.0, 0.0)),
    Finding("decade_convergence", "Convergence of the graduate share, 2011 to 2021",
            "slope (pp per pp; logs if relative)",
            "a flat line (slope 0)", ("decade_sample", "weighting", "slope_estimator", "decade_scale", "denominator"),
            _plain(lambda i, s: i.convergence(s)["slope"]), "rob_decade_conv_sentence", digits=3,
            no_null=("each specification already reads its slope against no relation "
                     f"(its {interval_level_pct():g}% interval must "
                     "exclude 0)"),
            reading=lambda i, s, e: i.convergence(s)["reading"],
            main_reading=lambda: str(convergence().set_index("sample").loc["all_districts", "reading"]),
            turns_at=(0.0, 0.0)),
    Finding("decade_link", "Degrees and professional jobs a decade on", "r² with 2021 less with 2011",
            f"about as strong (within {SAME_STRENGTH_R2:g})",
            ("link_geography", "weighting", "estimator", "link_london", "outcome_scale"),
            _plain(est.link_change), "rob_decade_link_sentence", digits=3,
            no_null=("a difference between two fits' strength: permuting the jobs removes both relations and "
                     "leaves the difference near 0, the reading under test, so such a null cannot test it"),
            reading=lambda i, s, e: strength_reading(*i.link(s)),
            main_reading=lambda: link_change(fits_2011_2021(), *est.DECADE_LINK)["reading"],
            turns_at=(-SAME_STRENGTH_R2, SAME_STRENGTH_R2)),
)

FINDING_IDS = tuple(f.finding for f in FINDINGS)


def finding(finding_id: str) -> Finding:
    for item in FINDINGS:
        if item.finding == finding_id:
            return item
    raise ValueError(f"unknown finding {finding_id!r}; choose one of {', '.join(FINDING_IDS)}")


def specifications(finding_id: str) -> pd.DataFrame:
    """Every specification of a finding (:func:`specification_grid`)."""
    item = finding(finding_id)
    return specification_grid(item.finding, item.dimensions, item.samples, item.excluded)


def finding_estimates(item: Finding, inputs: Inputs) -> pd.DataFrame:
    """The specifications of a finding with ``estimate`` and ``direction``."""
    specs = specification_grid(item.finding, item.dimensions, item.samples, item.excluded)
    results = [item.estimate(inputs, dict(zip(item.dimensions, values)))
               for values in specs[list(item.dimensions)].itertuples(index=False)]
    specs["estimate"] = [r[0] for r in results]
    specs["direction"] = [r[1] for r in results]
    return specs
