"""The specification space of the robustness chapter, written down once as data.

Each headline finding comes out of a chain of analyst choices. Every choice
is a *dimension* with the values the data bundle supports (``DIMENSIONS``: one
row per value, the book's own choice marked ``main``); every finding names the
dimensions that bear on it (``FINDINGS``). A finding's specifications are
every combination of its dimensions' values, less the combinations that make
no sense (``_valid``: a rank correlation has no weights, the 2023 file has no
5-digit detail, ...). The book's main specification is the combination of
main values, one point in that space.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import pandas as pd

from ..data.geography import STUDY_AUTHORITIES
from .decade import SAME_STRENGTH_R2


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


# dimension, value, label, main. A value's label is what the figures print.
_ROWS = [
    ("bres_year", "2015", "BRES 2015 employment", False),
    ("bres_year", "2016", "BRES 2016 employment", False),
    ("bres_year", "2017", "BRES 2017 employment", True),
    ("bres_year", "mean_2015_2017", "mean of 2015-2017", False),
    ("bres_year", "2019", "BRES 2019 employees", False),
    ("base", "GB", "Great Britain", True),
    ("base", "England", "England", False),
    ("census_year", "2011", "Census 2011", True),
    ("census_year", "2021", "Census 2021", False),
    ("sample", "paper_37", "the paper's districts", True),
    ("sample", "without_cambridge", "without Cambridge and South Cambs.", False),
    *[("sample", f"without_{_slug(a)}", f"without {a}", False) for a in STUDY_AUTHORITIES],
    ("sample", "england_and_wales", "all of England and Wales", False),
    ("sample", "england_and_wales_without_london", "England and Wales, no London", False),
    ("sample", "england_and_wales_without_city", "England and Wales, no City of London", False),
    ("outcome_scale", "share", "share of jobs", True),
    ("outcome_scale", "log_share", "log share of jobs", False),
    ("estimator", "pearson", "Pearson / OLS", True),
    ("estimator", "spearman", "Spearman (ranks)", False),
    ("weighting", "none", "unweighted", True),
    ("weighting", "residents", "weighted by residents 16+", False),
    ("lq_cutoff", "1.00", "LQ cut-off 1", True),
    ("lq_cutoff", "0.95", "LQ cut-off 0.95", False),
    ("lq_cutoff", "1.05", "LQ cut-off 1.05", False),
    # 2018 is the 5-digit file's first complete year (2015-2017 lack Scottish farm
    # figures); 2019 and 2020 are left out to keep the build fast.
    ("region_year", "2018", "BRES 2018", False),
    ("region_year", "2021", "BRES 2021", True),
    ("region_year", "2023", "BRES 2023", False),
    ("sector_definition", "exact", "exact (5-digit)", True),
    ("sector_definition", "approx_30", "2-digit, divisions >= 30% in", False),
    ("sector_definition", "approx_50", "2-digit, divisions >= 50% in", False),
    ("sector_definition", "approx_70", "2-digit, divisions >= 70% in", False),
    ("frontier_codes", "included", "with frontier codes", True),
    ("frontier_codes", "excluded", "without frontier codes", False),
    ("creative_digital_lists", "is8", "IS-8 creative and digital", True),
    ("creative_digital_lists", "dcms", "DCMS creative and digital", False),
    ("sector_overlap", "overlapping", "sectors overlap", True),
    ("sector_overlap", "disjoint", "shared codes removed", False),
    ("region_sample", "all", "all ITL2 regions", True),
    ("region_sample", "without_london", "without London's regions", False),
    ("region_sample", "england", "English regions only", False),
    # The decade-on findings (2011 and 2021 Censuses, 2021 district codes).
    ("decade_sample", "all_districts", "every district of England and Wales", True),
    ("decade_sample", "authorities_2025", "the 2025 authorities' districts", False),
    ("decade_sample", "paper_districts", "the paper's 37 districts", False),
    ("dispersion", "gap_90_10", "90th less 10th percentile", True),
    ("dispersion", "sd", "standard deviation", False),
    ("dispersion", "iqr", "interquartile range", False),
    ("slope_estimator", "ols", "least squares", True),
    ("slope_estimator", "huber", "robust (Huber) line", False),
    ("link_geography", "all_districts", "all districts, BRES 2019", True),
    ("link_geography", "authorities_2025", "2025 authorities' districts, BRES 2019", False),
    ("link_geography", "itl3", "ITL3 areas, BRES 2023", False),
]

DIMENSIONS = pd.DataFrame(_ROWS, columns=["dimension", "value", "label", "main"])


# What each dimension is, in words (figure rows and the chapter's table).
DIMENSION_LABELS = {
    "bres_year": "BRES year", "base": "reference area", "census_year": "Census year", "sample": "districts",
    "outcome_scale": "sector size as", "estimator": "estimator", "weighting": "weighting",
    "lq_cutoff": "LQ cut-off", "region_year": "BRES year", "sector_definition": "sector definition",
    "frontier_codes": "frontier codes", "creative_digital_lists": "creative and digital lists",
    "sector_overlap": "overlap of sectors", "region_sample": "regions", "decade_sample": "districts",
    "dispersion": "spread measured as", "slope_estimator": "line fitted by", "link_geography": "areas and jobs",
}


@dataclass(frozen=True)
class Finding:
    """A headline finding: the claim it tests, what is estimated, the published
    figure (``published_low`` = ``published_high`` for a number, a range for a
    band or a threshold), and the dimensions that bear on it.

    A finding with ``own_reading`` tests no published claim (``claim_id`` is
    empty) but the book's own main reading; its ``published`` names the value
    (or band) where that reading turns, and a specification supports it when
    it gives the main specification's reading. ``graded_as`` names the value the
    claim's rule grades where that is not the estimate (the sentences print both)."""

    finding: str
    claim_id: str
    title: str
    estimate_label: str
    published: str
    published_low: float
    published_high: float
    dimensions: tuple[str, ...]
    own_reading: bool = False
    graded_as: str = ""  # what the claim's rule grades, where it is not the estimate itself


_DISTRICT_LQ = ("bres_year", "base", "sample", "lq_cutoff")
_FIT = ("bres_year", "census_year", "sample", "outcome_scale", "estimator", "weighting")
_REGION_COUNT = ("region_year", "sector_definition", "frontier_codes", "creative_digital_lists", "sector_overlap",
                 "base", "lq_cutoff")
_SERVICES = ("region_year", "sector_definition", "frontier_codes", "creative_digital_lists", "sector_overlap",
             "region_sample", "estimator")

# Published values are transcribed from the two texts (they are the claims; see the ledger).
FINDINGS = (
    Finding("attainment_divide", "P08", "The qualifications divide", "r, no qualifications and Level 4+",
            "r = -0.92", -0.92, -0.92, ("census_year", "sample", "estimator", "weighting")),
    Finding("professional_below_one", "P23", "Professional services thin in most districts",
            "districts with LQ below the cut-off (%)", "many, read as more than half below 1", 50.0, 100.0,
            _DISTRICT_LQ),
    Finding("digital_below_one", "P19", "Digital under-represented",
            "combined LQ of the districts", "under-represented, read as a combined LQ below 1", 1.0, 1.0,
            _DISTRICT_LQ, graded_as="combined LQ over the cut-off"),
    Finding("table4_professional", "P36", "Professional sector on Level 4+ (Table 4)", "r-squared",
            "r2 = 0.84", 0.84, 0.84, _FIT, graded_as="r"),
    Finding("table4_digital", "P35", "Digital sector on Level 4+ (Table 4)", "r-squared",
            "r2 = 0.78", 0.78, 0.78, _FIT, graded_as="r"),
    Finding("manufacturing_no_qualifications", "P38", "Manufacturing and no qualifications", "r-squared",
            "positive and modest, r2 0.1-0.5", 0.1, 0.5, _FIT),
    Finding("manufacturing_largest", "P30", "Manufacturing leads in all authorities but one",
            "authorities where manufacturing leads no district", "one authority", 1.0, 1.0, ("bres_year", "sample"),
            graded_as="authorities without an outright lead"),
    Finding("greater_manchester_none", "B01", "Greater Manchester: no IS-8 specialism",
            "IS-8 sectors with LQ above the cut-off", "0 sectors", 0.0, 0.0, _REGION_COUNT),
    Finding("west_midlands_none", "B02", "West Midlands: no IS-8 specialism",
            "IS-8 sectors with LQ above the cut-off", "0 sectors", 0.0, 0.0, _REGION_COUNT),
    Finding("west_midlands_manufacturing", "B03", "West Midlands: Advanced Manufacturing",
            "Advanced Manufacturing LQ, TLG3", "over-performs (LQ above 1)", 1.0, 1.0,
            ("region_year", "sector_definition", "frontier_codes", "base")),
    Finding("five_without_specialism", "B05", "Five areas without a specialism",
            "of the five areas, those with no LQ above the cut-off", "5 areas", 5.0, 5.0, _REGION_COUNT),
    Finding("service_colocation", "B06", "Service sectors co-locate", "median of the six correlations",
            "0.6-0.8", 0.6, 0.8, _SERVICES, graded_as="the coefficient farthest from the band"),
    Finding("all_eight", "B08", "Specialised in all eight: Bristol and Edinburgh",
            "regions with LQ above the cut-off in every measured sector", "2 areas", 2.0, 2.0,
            tuple(d for d in _REGION_COUNT if d != "base")),
    # A decade on: the book's own readings (no published claim), each turning at the value given.
    Finding("decade_divide", "", "The graduate divide, 2011 to 2021",
            "change in spread (pp)", "no change in the spread", 0.0, 0.0,
            ("decade_sample", "dispersion", "weighting"), own_reading=True),
    Finding("decade_convergence", "", "Convergence of the graduate share, 2011 to 2021",
            "slope (pp per pp)", "a flat line (slope 0)", 0.0, 0.0,
            ("decade_sample", "weighting", "slope_estimator"), own_reading=True),
    Finding("decade_link", "", "Degrees and professional jobs a decade on",
            "r² with 2021 less with 2011", "about as strong (within 0.01)",
            -SAME_STRENGTH_R2, SAME_STRENGTH_R2, ("link_geography", "weighting", "estimator"), own_reading=True),
)

FINDING_IDS = tuple(f.finding for f in FINDINGS)


def finding(finding_id: str) -> Finding:
    for item in FINDINGS:
        if item.finding == finding_id:
            return item
    raise ValueError(f"unknown finding {finding_id!r}; choose one of {', '.join(FINDING_IDS)}")


_MAIN = {d: DIMENSIONS.loc[(DIMENSIONS["dimension"] == d) & DIMENSIONS["main"], "value"].tolist()
         for d in DIMENSIONS["dimension"].unique()}
if any(len(v) != 1 for v in _MAIN.values()):
    raise ValueError("every dimension needs exactly one main value")


def main_value(dimension: str) -> str:
    """The book's own choice on ``dimension``."""
    if dimension not in _MAIN:
        raise ValueError(f"unknown dimension {dimension!r}")
    return _MAIN[dimension][0]


def values_of(dimension: str) -> list[str]:
    values = DIMENSIONS.loc[DIMENSIONS["dimension"] == dimension, "value"].tolist()
    if not values:
        raise ValueError(f"unknown dimension {dimension!r}")
    return values


# Samples that keep the paper's authorities (for a finding about them).
PAPER_SAMPLES = ("paper_37", "without_cambridge", *[f"without_{_slug(a)}" for a in STUDY_AUTHORITIES])


def _valid(item: Finding, spec: dict) -> bool:
    """Combinations that are measurable and not duplicates of another."""
    if spec.get("estimator") == "spearman":
        # Ranks take no weights, and a log leaves ranks as they are.
        if spec.get("weighting", "none") != "none" or spec.get("outcome_scale", "share") != "share":
            return False
    if "sector_definition" in spec:
        exact = spec["sector_definition"] == "exact"
        if exact and spec["region_year"] == "2023":
            return False  # the 2023 file has divisions only
        # The 2-digit approximations are the book's, built from the book's definitions.
        if not exact and any(spec.get(d, main_value(d)) != main_value(d)
                             for d in ("frontier_codes", "creative_digital_lists", "sector_overlap")):
            return False
    if spec.get("slope_estimator") == "huber" and spec.get("weighting") != "none":
        return False  # the robust line is fitted unweighted
    if item.finding == "manufacturing_largest" and spec["sample"] not in PAPER_SAMPLES:
        return False  # a claim about the paper's six authorities
    return True


def specifications(finding_id: str) -> pd.DataFrame:
    """Every specification of a finding: ``specification_id``, one column per
    dimension of the finding (values as text) and ``main`` (the book's own)."""
    item = finding(finding_id)
    grid = [dict(zip(item.dimensions, combo)) for combo in itertools.product(*map(values_of, item.dimensions))]
    rows = [spec for spec in grid if _valid(item, spec)]
    frame = pd.DataFrame(rows, columns=list(item.dimensions))
    frame["main"] = (frame[list(item.dimensions)] == pd.Series({d: main_value(d) for d in item.dimensions})).all(
        axis=1)
    if frame["main"].sum() != 1:
        raise ValueError(f"{finding_id}: the main specification must appear exactly once")
    frame.insert(0, "specification_id", [f"{finding_id}-{i:04d}" for i in range(len(frame))])
    return frame
