"""The specification space of the robustness chapter, written down once as data.

Each headline finding comes out of a chain of analyst choices. Every choice
is a *dimension* with the values the data bundle supports (:func:`dimensions`:
one row per value, the book's own choice marked ``main``); every finding names the
dimensions that bear on it (``placeblind.claims.findings``). A finding's
specifications are every combination of its dimensions' values, less the
combinations that make no sense (``_valid``: a rank correlation has no weights,
the 2023 file has no 5-digit detail, ...). The book's main specification is
the combination of main values, one point in that space.
"""

from __future__ import annotations

import itertools
import re
import pandas as pd

from ..cache import cached
from ..data.geography import STUDY_AUTHORITIES
from ..data.study import paper_districts_label


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


# dimension, value, label, main. A value's label is what the figures print; a
# label that states a count from the data is a function giving it (see dimensions()).
_ROWS = [
    ("bres_year", "2015", "BRES 2015 employment", False),
    ("bres_year", "2016", "BRES 2016 employment", False),
    ("bres_year", "2017", "BRES 2017 employment", True),
    ("bres_year", "mean_2015_2017", "mean of 2015-2017", False),
    ("bres_year", "2019", "BRES 2019 employees", False),
    ("base", "GB", "Great Britain", True),
    ("base", "England", "England", False),
    # London out of the reference area: London holds a large part of Great
    # Britain's professional and digital jobs, so every other district with any of
    # them has a higher LQ in them (guarded: claims.robustness_findings.london_lifts_lqs).
    ("base", "GB_without_London", "Great Britain less London", False),
    ("census_year", "2011", "2011 Census", True),
    ("census_year", "2021", "2021 Census", False),
    ("sample", "paper_37", "the paper's districts", True),
    ("sample", "without_cambridge", "without Cambridge and South Cambs.", False),
    *[("sample", f"without_{slug(a)}", f"without {a}", False) for a in STUDY_AUTHORITIES],
    ("sample", "england_and_wales", "all of England and Wales", False),
    ("sample", "england_and_wales_without_london", "England and Wales, no London", False),
    ("sample", "england_and_wales_without_city", "England and Wales, no City of London", False),
    # The denominator of a census qualification share: every resident aged 16+, or
    # those whose level is known (less "other qualifications", as the decade chapter's known-level basis).
    ("denominator", "all_16plus", "all residents 16+", True),
    ("denominator", "known_level", "residents 16+ with a known level", False),
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
    ("lq_scale", "lq", "location quotients", True),
    ("lq_scale", "log_lq", "logs of the location quotients", False),
    ("region_sample", "all", "all ITL2 regions", True),
    ("region_sample", "without_london", "without London's regions", False),
    ("region_sample", "england", "English regions only", False),
    # The decade-on findings (2011 and 2021 Censuses, 2021 district codes).
    ("decade_sample", "all_districts", "every district of England and Wales", True),
    ("decade_sample", "authorities_2025", "the 2025 authorities' districts", False),
    ("decade_sample", "paper_districts", paper_districts_label, False),
    ("decade_sample", "all_without_london", "every district but London's", False),
    # The decade's spread and change in percentage points, or relative to the
    # level (logarithms: the decade chapter's relative basis).
    ("decade_scale", "absolute", "percentage points", True),
    ("decade_scale", "relative", "relative to the level (logs)", False),
    ("dispersion", "gap_90_10", "90th less 10th percentile", True),
    ("dispersion", "sd", "standard deviation", False),
    ("dispersion", "iqr", "interquartile range", False),
    ("slope_estimator", "ols", "least squares", True),
    ("slope_estimator", "huber", "robust (Huber) line", False),
    ("link_geography", "all_districts", "all districts, BRES 2019", True),
    ("link_geography", "authorities_2025", "2025 authorities' districts, BRES 2019", False),
    ("link_geography", "itl3", "ITL3 areas, BRES 2023", False),
    ("link_london", "in", "London's areas in", True),
    ("link_london", "out", "London's areas out", False),
]

# Near-duplicate values weighed as one choice when each choice is given equal
# weight: BRES 2015, 2016 and 2017 and their mean are adjacent years of one file
# (employment), against 2019 (employees); the three thresholds of the 2-digit
# approximation are one approximation, against the exact 5-digit definitions.
_GROUPS = {**{("bres_year", v): "BRES 2015-2017 employment" for v in ("2015", "2016", "2017", "mean_2015_2017")},
           **{("sector_definition", f"approx_{t}"): "2-digit approximation" for t in (30, 50, 70)}}


@cached(maxsize=1)
def dimensions() -> pd.DataFrame:
    """The specification space, one row per value: ``dimension``, ``value``,
    ``label``, ``main`` (the book's own choice) and ``weighed_as`` (the choice a
    value is weighed as: itself, by its label, or its group of near-duplicates).
    A function, not a constant: some labels state counts computed from the data."""
    rows = [(d, v, label() if callable(label) else label, main) for d, v, label, main in _ROWS]
    frame = pd.DataFrame(rows, columns=["dimension", "value", "label", "main"])
    frame["weighed_as"] = [_GROUPS.get((d, v), label) for d, v, label in
                           zip(frame["dimension"], frame["value"], frame["label"])]
    return frame


# What each dimension is, in words (figure rows and the chapter's table).
DIMENSION_LABELS = {
    "bres_year": "BRES year of the districts", "base": "reference area", "census_year": "Census year", "sample": "districts",
    "denominator": "qualification shares of", "decade_scale": "measured in", "lq_scale": "correlated on",
    "link_london": "London",
    "outcome_scale": "sector size as", "estimator": "estimator", "weighting": "weighting",
    "lq_cutoff": "LQ cut-off", "region_year": "BRES year of the regions", "sector_definition": "sector definition",
    "frontier_codes": "frontier codes", "creative_digital_lists": "creative and digital lists",
    "sector_overlap": "overlap of sectors", "region_sample": "regions", "decade_sample": "districts a decade on",
    "dispersion": "spread measured as", "slope_estimator": "line fitted by", "link_geography": "areas and jobs",
}


_MAIN = {d: [v for d2, v, _, main in _ROWS if d2 == d and main] for d in dict.fromkeys(r[0] for r in _ROWS)}
if any(len(v) != 1 for v in _MAIN.values()):
    raise ValueError("every dimension needs exactly one main value")


def main_value(dimension: str) -> str:
    """The book's own choice on ``dimension``."""
    if dimension not in _MAIN:
        raise ValueError(f"unknown dimension {dimension!r}")
    return _MAIN[dimension][0]


def values_of(dimension: str) -> list[str]:
    values = [v for d, v, _, _ in _ROWS if d == dimension]
    if not values:
        raise ValueError(f"unknown dimension {dimension!r}")
    return values


# Samples that leave a few of the paper's districts out (Cambridge and South
# Cambridgeshire, or one authority): a sensitivity of their own, counted apart
# from the main curve, so their number cannot set its share.
LEAVE_OUT_SAMPLES = ("without_cambridge", *[f"without_{slug(a)}" for a in STUDY_AUTHORITIES])
# Samples that keep the paper's authorities (for a finding about them).
PAPER_SAMPLES = ("paper_37", *LEAVE_OUT_SAMPLES)


@cached(maxsize=None)
def weighed_as_map(dimension: str) -> dict[str, str]:
    """``dimension``'s values and the choice each is weighed as (itself, or the
    group of near-duplicates it belongs to): dimensions()' ``weighed_as`` column.
    Kept by the one cache like dimensions() (so a study changed in the process,
    whose district count a label states, never meets a label of the study before,
    and ``cache.clear()`` clears it); a caller grouping many specifications maps
    their column through this once (one cached call per dimension, not one per
    specification: tens of thousands a build, at half a millisecond each)."""
    frame = dimensions()
    rows = frame[frame["dimension"] == dimension]
    if rows.empty:
        raise ValueError(f"unknown dimension {dimension!r}")
    return dict(zip(rows["value"], rows["weighed_as"].astype(str)))


def weighed_as(dimension: str, value: str) -> str:
    """The choice a value is weighed as (itself, or the group of near-duplicates it belongs to)."""
    try:
        return weighed_as_map(dimension)[value]
    except KeyError:
        raise ValueError(f"unknown choice {dimension}={value!r}") from None


def _valid(spec: dict, samples: tuple[str, ...] | None) -> bool:
    """Combinations that are measurable and not duplicates of another."""
    if spec.get("estimator") == "spearman":
        # Ranks take no weights, and a log leaves ranks as they are.
        if (spec.get("weighting", "none") != "none" or spec.get("outcome_scale", "share") != "share"
                or spec.get("lq_scale", "lq") != "lq"):
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
    if spec.get("link_london") == "out" and spec["link_geography"] == "authorities_2025":
        return False  # the 2025 authorities hold no London district
    if spec.get("base") == "GB_without_London" and spec.get("bres_year") == "2019":
        return False  # BRES 2019 publishes district shares only: London's jobs cannot be taken out of GB's
    if samples is not None and spec["sample"] not in samples:
        return False  # a finding about some districts only (the paper's six authorities)
    return True


def specification_grid(name: str, dimensions: tuple[str, ...], samples: tuple[str, ...] | None = None,
                       excluded: tuple[tuple[str, str], ...] = ()) -> pd.DataFrame:
    """Every specification over ``dimensions`` (every combination of their values
    less those :func:`_valid` rejects; ``samples`` limits the districts' samples;
    ``excluded``: (dimension, value) pairs a finding cannot take):
    ``specification_id`` (``name``-nnnn), one column per dimension (values as
    text) and ``main`` (the book's own)."""
    for dimension, value in excluded:
        if value not in values_of(dimension) or value == main_value(dimension):
            raise ValueError(f"{name}: cannot exclude {dimension}={value!r}")
    grid = [dict(zip(dimensions, combo)) for combo in itertools.product(*map(values_of, dimensions))]
    rows = [spec for spec in grid if _valid(spec, samples)
            and not any(spec.get(d) == v for d, v in excluded)]
    frame = pd.DataFrame(rows, columns=list(dimensions))
    frame["main"] = (frame[list(dimensions)] == pd.Series({d: main_value(d) for d in dimensions})).all(axis=1)
    if frame["main"].sum() != 1:
        raise ValueError(f"{name}: the main specification must appear exactly once")
    frame.insert(0, "specification_id", [f"{name}-{i:04d}" for i in range(len(frame))])
    return frame
