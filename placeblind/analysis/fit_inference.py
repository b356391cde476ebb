"""How much the Table 4 fits over the 37 study districts can be trusted, beyond
the classical OLS p-value, which assumes independent districts with equal
error variance:

- HC3 heteroskedasticity-robust standard errors (in :func:`placeblind.measures.education_sector_fit`);
- a jackknife that leaves out one combined authority at a time (districts of
  one authority share a labour market, so they are not independent draws);
- Moran's I of the residuals over the districts' contiguity (queen: two
  districts are neighbours when their boundaries meet), with a one-sided
  permutation p-value for positive autocorrelation (the kind that makes the
  classical p-values too small).

And why the book's r-squared differs from the paper's (:func:`published_gap`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cache import cached
from ..data.boundaries import boundaries
from ..data.sectors import KEY_SECTOR_NAMES
from ..data.study import paper_study
from ..measures import least_squares
from ..measures.spatial import morans_i_test, row_standardised
from .education_fits import EDUCATION_MEASURES, education_sector_fits, fit_inputs, fit_lookup
from .sector_measures import VINTAGES

BOUNDARIES = "boundaries_lad_dec2021"   # 2021 codes, which are the study's codes
SIGNIFICANCE = 0.05                     # the 5% level the chapters speak of


@cached(maxsize=1)
def study_adjacency() -> pd.DataFrame:
    """0/1 matrix (index and columns: study codes, study order): 1 where two
    study districts' boundaries meet (queen contiguity, ONS December 2021 BUC)."""
    codes = list(paper_study().codes)
    areas = boundaries(BOUNDARIES).set_index("code")
    missing = [c for c in codes if c not in areas.index]
    if missing:
        raise KeyError(f"study district(s) {missing} have no boundary in {BOUNDARIES}")
    shapes = areas.loc[codes, "geometry"]
    matrix = np.array([[int(a != b and shapes[a].intersects(shapes[b])) for b in codes] for a in codes])
    return pd.DataFrame(matrix, index=codes, columns=codes)


def islands() -> list[str]:
    """Study districts with no neighbour among the study districts (they add nothing to Moran's I)."""
    adjacency = study_adjacency()
    names = dict(zip(paper_study().codes, paper_study().names))
    return [names[c] for c in adjacency.index[adjacency.sum(axis=1) == 0]]


def inference_rows(vintage: int) -> list[dict]:
    """One row per key sector and education measure over the study districts in ``vintage``."""
    frame = fit_inputs("study_districts", vintage).set_index("code")
    weights = row_standardised(study_adjacency().loc[frame.index, frame.index].to_numpy())
    fits = education_sector_fits()
    rows = []
    for sector in KEY_SECTOR_NAMES:
        for education, column in EDUCATION_MEASURES.items():
            x, y = frame[column].to_numpy(float), frame[sector].to_numpy(float)
            whole = least_squares(x, y)
            slopes, p_values = {}, {}
            for authority in frame["authority"].unique():
                kept = (frame["authority"] != authority).to_numpy()
                part = least_squares(x[kept], y[kept])
                slopes[authority], p_values[authority] = float(part.params[1]), float(part.pvalues[1])
            moran, _, moran_p = morans_i_test(whole.resid, weights)
            published = fit_lookup(fits, "study_districts", vintage, sector, education)
            weakest = max(p_values, key=p_values.get)
            rows.append({
                "vintage": vintage, "sector": sector, "education": education, "n": len(frame),
                "slope": float(whole.params[1]), "p_value": float(published["p_value"]),
                "p_value_hc3": float(published["p_value_hc3"]),
                "jackknife_slope_min": min(slopes.values()), "jackknife_slope_max": max(slopes.values()),
                "jackknife_sign_kept": bool(all(np.sign(s) == np.sign(whole.params[1]) for s in slopes.values())),
                "jackknife_p_max": p_values[weakest], "jackknife_p_max_without": weakest,
                "moran_i": moran, "moran_p": moran_p,
            })
    return rows


@cached(disk=True)
def fit_inference() -> pd.DataFrame:
    """:func:`inference_rows` for both vintages. Columns: ``vintage``, ``sector``,
    ``education``, ``n``, ``slope``, ``p_value`` (classical), ``p_value_hc3``,
    ``jackknife_slope_min``, ``jackknife_slope_max`` (over the six fits that each
    leave one authority out), ``jackknife_sign_kept``, ``jackknife_p_max`` (the
    largest classical p of those six) and ``jackknife_p_max_without`` (the
    authority left out there), ``moran_i`` and ``moran_p`` (residuals; one-sided
    permutation p for positive autocorrelation)."""
    return pd.DataFrame([row for v in VINTAGES for row in inference_rows(v)])


def confidence(row: pd.Series) -> str:
    """What the checks allow a chapter to say of one fit's slope:
    ``firm`` (below the 5% level classically, with HC3 errors and without any one
    authority, and no spatial pattern left in the residuals), ``qualified``
    (below it classically but not under every check), ``none`` (not even classically)."""
    if row["p_value"] >= SIGNIFICANCE:
        return "none"
    checks = (row["p_value_hc3"] < SIGNIFICANCE, row["jackknife_sign_kept"],
              row["jackknife_p_max"] < SIGNIFICANCE, row["moran_p"] >= SIGNIFICANCE)
    return "firm" if all(checks) else "qualified"


def published_gap(published: float, sector: str, education: str = "level4_plus",
                  fits: pd.DataFrame | None = None) -> dict:
    """Why a published r-squared differs from the book's over the same 37
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
