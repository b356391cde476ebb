"""How much the education-sector fits can be trusted, beyond the classical OLS
p-value, which assumes independent areas with equal error variance:

- HC3 heteroskedasticity-robust standard errors (in :func:`placeblind.measures.education_sector_fit`);
- over the paper's districts, a jackknife that leaves out one combined authority
  at a time (districts of one authority share a labour market, so they are not
  independent draws);
- Moran's I of the residuals (:mod:`placeblind.measures.spatial`) over the
  areas' contiguity, with a two-sided permutation p-value, for every fit over
  the paper's districts, every district of England and Wales and the ITL3
  areas. Clustered residuals (I above its expectation) make the classical
  p-values too small; a checkerboard (I below it) says neighbours differ more
  than the fit allows, which for jobs counted where people work against
  qualifications counted where they live points to commuting across district
  lines: the district is smaller than the labour market.

Neighbours are the queen contiguity of the districts' boundaries and the
areas built from them (:mod:`.contiguity`).

And why the book's r-squared differs from the paper's (:func:`published_gap`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cache import cached
from ..data.study import paper_districts_label, paper_study
from ..data.sectors import DIGITAL, MANUFACTURING, PROFESSIONAL
from ..measures import SIGNIFICANCE, least_squares
from ..measures.spatial import MORAN_PERMUTATIONS, moran_test
from .contiguity import adjacency_matrix, district_area_neighbours, district_area_weights, itl3_neighbours, itl3_weights
from .decade import decade_fit_inputs
from .education_fits import (
    EDUCATION_LABELS,
    EDUCATION_MEASURES,
    education_sector_fits,
    fit_inputs,
    fit_lookup,
    study_fit_inputs,
)
from .fit_samples import all_education_sector_fits
from .itl3 import itl3_fit_inputs
from .vintages import VINTAGES

# The fits whose residuals are tested for a spatial pattern: those over contiguous
# areas. (The 2025 authorities' districts are fifteen separate groups of districts.)
MORAN_SAMPLES = ("study_districts", "all_districts", "itl3")


def moran_sample_labels() -> dict[str, str]:
    """Each of :data:`MORAN_SAMPLES` in words (the paper's count of districts from the data)."""
    return {"study_districts": paper_districts_label(), "all_districts": "every district of England and Wales",
            "itl3": "the ITL3 areas of England and Wales"}


SHORT_SECTORS = {MANUFACTURING: "manufacturing", DIGITAL: "digital",
                 PROFESSIONAL: "professional services", "Health": "health",
                 "Education": "education", "Retail": "retail",
                 "Business administration & support": "business administration",
                 "Public administration & defence": "public administration"}


@cached(maxsize=1)
def study_adjacency() -> pd.DataFrame:
    """0/1 matrix (index and columns: study codes, study order): 1 where two
    study districts' boundaries meet (queen contiguity, ONS December 2021 BUC)."""
    return adjacency_matrix(district_area_neighbours(list(paper_study().codes)))


def islands() -> list[str]:
    """Study districts with no neighbour among the study districts (they add nothing to Moran's I)."""
    adjacency = study_adjacency()
    names = dict(zip(paper_study().codes, paper_study().names))
    return [names[c] for c in adjacency.index[adjacency.sum(axis=1) == 0]]


def moran_inputs(sample: str, vintage: int, census: int) -> pd.DataFrame:
    """The areas of one fit of :func:`all_education_sector_fits` (index: area code):
    key-sector shares and education shares, with ``authority`` for the paper's districts."""
    if sample == "study_districts":
        return study_fit_inputs(paper_study(), vintage, census)
    if sample == "all_districts" and census == 2011:
        return fit_inputs("all_districts", vintage).set_index("code")
    if sample == "all_districts" and census == 2021:
        return decade_fit_inputs(census)  # BRES 2019, the only vintage fitted on 2021 education
    if sample == "itl3":
        return itl3_fit_inputs(census)
    raise ValueError(f"no spatial inputs for sample {sample!r}, vintage {vintage}, census {census}")


def fit_areas(frame: pd.DataFrame, sector: str, education: str) -> pd.DataFrame:
    """The rows of ``frame`` (:func:`moran_inputs`) that the fit of ``sector`` on
    ``education`` (a key of ``EDUCATION_MEASURES``) uses: the areas with both
    shares. Its residuals' Moran's I and the summary of its set of fits read
    exactly these areas."""
    return frame.dropna(subset=[EDUCATION_MEASURES[education], sector])


def _area_weights(sample: str, codes, built: dict | None = None) -> object:
    """The contiguity of ``codes``; ``built`` keeps those made before (the sets of fits over
    the paper's districts share their areas across vintages and census years)."""
    built = {} if built is None else built
    key = ("itl3" if sample == "itl3" else "districts", tuple(codes))
    if key not in built:
        built[key] = itl3_weights(codes) if sample == "itl3" else district_area_weights(codes)
    return built[key]


def _area_neighbours(sample: str, codes) -> dict[str, list[str]]:
    # the same contiguity as plain lists: counting links needs no libpysal (a second to load)
    return itl3_neighbours(codes) if sample == "itl3" else district_area_neighbours(codes)


def _jackknife(frame: pd.DataFrame, x: np.ndarray, y: np.ndarray, slope: float) -> dict:
    slopes, p_values = {}, {}
    for authority in frame["authority"].unique():
        kept = (frame["authority"] != authority).to_numpy()
        part = least_squares(x[kept], y[kept])
        slopes[authority], p_values[authority] = float(part.params[1]), float(part.pvalues[1])
    weakest = max(p_values, key=p_values.get)
    return {"jackknife_slope_min": min(slopes.values()), "jackknife_slope_max": max(slopes.values()),
            "jackknife_sign_kept": bool(all(np.sign(s) == np.sign(slope) for s in slopes.values())),
            "jackknife_p_max": p_values[weakest], "jackknife_p_max_without": weakest}


NO_JACKKNIFE = {"jackknife_slope_min": np.nan, "jackknife_slope_max": np.nan, "jackknife_sign_kept": pd.NA,
                "jackknife_p_max": np.nan, "jackknife_p_max_without": ""}


def inference_rows(sample: str, vintage: int, census: int, weights: dict | None = None) -> list[dict]:
    """One row per key sector and education measure fitted over ``sample`` in
    ``vintage`` with ``census`` education (the sectors :func:`all_education_sector_fits` has);
    ``weights`` keeps the contiguity built for each set of areas (:func:`_area_weights`)."""
    fits = all_education_sector_fits()
    chosen = fits[(fits["sample"] == sample) & (fits["vintage"] == vintage) & (fits["census"] == census)]
    frame = moran_inputs(sample, vintage, census)
    weights = {} if weights is None else weights  # built once per set of areas (the same for nearly every fit)
    rows = []
    for sector in dict.fromkeys(chosen["sector"]):
        for education, column in EDUCATION_MEASURES.items():
            published = chosen[(chosen["sector"] == sector) & (chosen["education"] == education)].iloc[0]
            used = fit_areas(frame, sector, education)
            x, y = used[column].to_numpy(float), used[sector].to_numpy(float)
            whole = least_squares(x, y)
            if len(used) != int(published["n"]):
                raise ValueError(f"{sample} {vintage} {census} {sector}: {len(used)} areas, the fit has {published['n']}")
            moran = moran_test(whole.resid, _area_weights(sample, used.index, weights))
            jackknife = (_jackknife(used, x, y, float(whole.params[1])) if sample == "study_districts"
                         else NO_JACKKNIFE)
            rows.append({
                "sample": sample, "vintage": vintage, "census": census, "sector": sector, "education": education,
                "n": len(used), "slope": float(whole.params[1]), "p_value": float(published["p_value"]),
                "p_value_hc3": float(published["p_value_hc3"]), **jackknife,
                "moran_i": moran.i, "moran_expected": moran.expected, "moran_p_two_sided": moran.p_value,
                "moran_p_upper": moran.p_upper, "moran_p_lower": moran.p_lower,
                "moran_pattern": moran.tail(SIGNIFICANCE), "n_islands": moran.n_islands,
                "moran_permutations": moran.permutations, "moran_seed": moran.seed,
            })
    return rows


INFERENCE_COLUMNS = ["sample", "vintage", "census", "sector", "education", "n", "slope", "p_value", "p_value_hc3",
                     "jackknife_slope_min", "jackknife_slope_max", "jackknife_sign_kept", "jackknife_p_max",
                     "jackknife_p_max_without", "moran_i", "moran_expected", "moran_p_two_sided", "moran_p_upper",
                     "moran_p_lower", "moran_pattern", "n_islands", "moran_permutations", "moran_seed"]


@cached(disk=True, maxsize=1)
def fit_inference() -> pd.DataFrame:
    """One row per fit of :func:`all_education_sector_fits` over the samples of
    :data:`MORAN_SAMPLES`. Columns: ``sample``, ``vintage``, ``census``,
    ``sector``, ``education``, ``n``, ``slope``, ``p_value`` (classical),
    ``p_value_hc3``; over the paper's districts only (empty elsewhere)
    ``jackknife_slope_min``, ``jackknife_slope_max`` (over the six fits that each
    leave one authority out), ``jackknife_sign_kept``, ``jackknife_p_max`` (the
    largest classical p of those six) and ``jackknife_p_max_without`` (the
    authority left out there); Moran's I of the residuals: ``moran_i``,
    ``moran_expected`` (-1/(n-1)), ``moran_p_two_sided``, ``moran_p_upper``
    (clustering: the one-sided p this table had before), ``moran_p_lower`` (a
    checkerboard), ``moran_pattern`` (``positive``, ``negative`` or ``none`` at
    the 5% level, two-sided), ``n_islands`` (areas without a neighbour in the
    sample), ``moran_permutations`` and ``moran_seed``."""
    fits = all_education_sector_fits()
    groups = fits[fits["sample"].isin(MORAN_SAMPLES)][["sample", "vintage", "census"]].drop_duplicates()
    weights: dict = {}
    rows = [row for g in groups.itertuples(index=False)
            for row in inference_rows(g.sample, g.vintage, g.census, weights)]
    return pd.DataFrame(rows, columns=INFERENCE_COLUMNS)


def paper_inference(vintage: int | None = None) -> pd.DataFrame:
    """The rows of :func:`fit_inference` for the paper's Table 4 (the paper's districts,
    2011 education), optionally of one vintage."""
    table = fit_inference()
    chosen = table[(table["sample"] == "study_districts") & (table["census"] == 2011)]
    if vintage is not None:
        chosen = chosen[chosen["vintage"] == vintage]
    return chosen.reset_index(drop=True)


def fit_label(sector: str, education: str) -> str:
    """``professional services on Level 4+``: a fit in the chapters' short words."""
    measure = EDUCATION_LABELS[education]
    return f"{SHORT_SECTORS[sector]} on {measure if measure.startswith('Level') else measure.lower()}"


# What a checkerboard of residuals suggests (moran_summary's ``reading``): written
# once here, chosen by the data.
CHECKERBOARD_READING = (
    "Where an area has more of these jobs than its residents' qualifications predict, its neighbours tend to have "
    "fewer. Jobs are counted where people work and qualifications where they live, so this is what commuting "
    "across area lines leaves behind: graduates live in one area and work in the next. The area is then smaller "
    "than the labour market through which education and jobs are related.")
CLUSTER_READING = (
    "Neighbouring areas share what the fit leaves out, so they are not independent draws and the classical "
    "p-values are too small.")


def moran_summary() -> pd.DataFrame:
    """One row per set of fits (``sample``, ``vintage``, ``census``) of
    :func:`fit_inference`: ``areas`` (in words), ``n_areas``, ``n_links`` (pairs
    of neighbours), ``n_islands``, ``n_fits``, ``n_clustered`` and
    ``n_checkerboard`` (fits whose residuals' Moran's I lies significantly above,
    or below, its expectation at the 5% level, two-sided),
    ``checkerboard_fits`` (those fits in words, or ``none``) and ``reading``
    (what the pattern suggests, in plain words), ``permutations`` (of each test)."""
    table = fit_inference()
    labels = moran_sample_labels()
    rows = []
    for (sample, vintage, census), group in table.groupby(["sample", "vintage", "census"], sort=False):
        frame = moran_inputs(sample, vintage, census)
        area_sets = {tuple(fit_areas(frame, r.sector, r.education).index) for r in group.itertuples()}
        if len(area_sets) != 1:
            raise ValueError(f"the fits over {sample} (BRES {vintage}, {census} education) use {len(area_sets)} "
                             "different sets of areas: one summary row cannot describe them")
        areas = area_sets.pop()
        neighbours = _area_neighbours(sample, areas)
        checker = group[group["moran_pattern"] == "negative"]
        clustered = group[group["moran_pattern"] == "positive"]
        reading = " ".join(text for text, present in ((CLUSTER_READING, not clustered.empty),
                                                       (CHECKERBOARD_READING, not checker.empty)) if present)
        rows.append({"sample": sample, "vintage": vintage, "census": census,
                     "areas": labels[sample], "n_areas": len(neighbours),
                     "n_links": sum(len(near) for near in neighbours.values()) // 2,
                     "n_islands": sum(not near for near in neighbours.values()), "n_fits": len(group),
                     "n_clustered": len(clustered), "n_checkerboard": len(checker),
                     "checkerboard_fits": "; ".join(fit_label(r.sector, r.education) for r in checker.itertuples())
                     or "none",
                     "reading": reading or "No spatial pattern is left in the residuals.",
                     "permutations": MORAN_PERMUTATIONS})
    return pd.DataFrame(rows)


def confidence(row: pd.Series) -> str:
    """What the checks allow a chapter to say of one fit's slope:
    ``firm`` (below the 5% level classically, with HC3 errors and without any one
    authority, and residuals not clustered in space: Moran's I not significantly
    above its expectation, two-sided; a significant checkerboard, I below it, does
    not make the classical p too small and so does not count against a slope, though
    the chapters report it), ``qualified``
    (below it classically but not under every check), ``none`` (not even classically)."""
    if row["p_value"] >= SIGNIFICANCE:
        return "none"
    checks = (row["p_value_hc3"] < SIGNIFICANCE, row["jackknife_sign_kept"],
              row["jackknife_p_max"] < SIGNIFICANCE, row["moran_pattern"] != "positive")
    return "firm" if all(checks) else "qualified"


def published_gap(published: float, sector: str, education: str = "level4_plus",
                  fits: pd.DataFrame | None = None) -> dict:
    """Why a published r-squared differs from the book's over the same
    districts: the book's r-squared and r in each vintage, the smallest gap to
    the published value under each reading, and how far r-squared moves
    between the vintages. ``explained_by`` is ``measure`` when the published
    value is nearer the book's r than its r-squared in every vintage and the
    r-squared gap exceeds the movement between vintages; ``vintage`` when the
    published value lies between the vintages' r-squared; ``neither`` otherwise.
    ``fits``: :func:`education_sector_fits` unless given (a test may change them)."""
    fits = education_sector_fits() if fits is None else fits
    rows = {v: fit_lookup(fits, "study_districts", v, sector, education) for v in VINTAGES}
    r2 = {v: float(rows[v]["r2"]) for v in VINTAGES}
    r = {v: abs(float(rows[v]["r"])) for v in VINTAGES}
    gap_r2 = min(abs(published - value) for value in r2.values())
    gap_r = min(abs(published - value) for value in r.values())
    movement = max(r2.values()) - min(r2.values())
    if min(r2.values()) <= published <= max(r2.values()):
        explained_by = "vintage"
    elif all(abs(published - r[v]) < abs(published - r2[v]) for v in VINTAGES) and gap_r2 > movement:
        explained_by = "measure"
    else:
        explained_by = "neither"
    return {"r2": r2, "r": r, "gap_r2": gap_r2, "gap_r": gap_r, "vintage_movement_r2": movement,
            "explained_by": explained_by}
