"""The decade-on findings' estimates under the sceptic's choices (issue 18): the
graduate share's spread and convergence on the decade chapter's own shares, or
relative to the level, of the residents whose level is known, or without
London's districts. The shares and the relative scale's formulas are the decade
chapter's bases (:mod:`.decade_bases`); nothing is measured anew."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cache import cached
from .decade import CONVERGENCE_SAMPLES, convergence_slope, dispersion, fitted_slope, residents_16plus
from .decade import sample_codes as decade_sample_codes
from .decade import spread
from .decade_bases import basis_shares, convergence_design, decade_districts


def _decade_main_basis(spec: dict) -> bool:
    """Whether a decade specification reads the decade chapter's own shares
    (percentage points of every resident 16+, over one of its samples)."""
    return (spec.get("decade_scale", "absolute") == "absolute" and spec.get("denominator", "all_16plus") == "all_16plus"
            and spec["decade_sample"] in CONVERGENCE_SAMPLES)


def decade_shares(spec: dict) -> pd.DataFrame:
    """The Level 4+ share of the specification's districts in 2011 and 2021
    (:func:`basis_shares`: ``code``, ``itl2``, ``london``, ``share_2011``,
    ``share_2021``), of every resident 16+ or of those whose level is known;
    ``all_without_london`` is every district less London's (the decade chapter's
    own London flag)."""
    basis = "known_level" if spec.get("denominator", "all_16plus") == "known_level" else "absolute"
    return sample_shares(basis, spec["decade_sample"])


# Kept in the process: 144 decade specifications read these shares from ten distinct
# choices of basis and sample.
@cached(maxsize=16)
def sample_shares(basis: str, sample: str) -> pd.DataFrame:
    """:func:`decade_shares` of one basis (``absolute`` or ``known_level``) and decade sample."""
    shares = basis_shares(decade_districts(), "level4_plus", basis)
    if sample == "all_without_london":
        return shares[~shares["london"]].reset_index(drop=True)
    return shares[shares["code"].isin(decade_sample_codes(sample))].reset_index(drop=True)


def spread_change(spec: dict) -> float:
    """Change in the spread of the districts' Level 4+ shares, 2011 to 2021 (pp;
    on the relative scale, the spread of their logarithms)."""
    if _decade_main_basis(spec):
        before, after = spread("level4_plus", spec["decade_sample"], spec["dispersion"], spec["weighting"])
        return after - before
    shares = decade_shares(spec)
    values = []
    for year in (2011, 2021):
        series = shares[f"share_{year}"]
        if spec.get("decade_scale", "absolute") == "relative":
            series = np.log(series)  # a spread of logarithms reads proportions: the relative scale
        weights = residents_16plus(year).reindex(shares["code"]) if spec["weighting"] == "residents" else None
        values.append(dispersion(series, spec["dispersion"], weights))
    return values[1] - values[0]


def decade_convergence(spec: dict) -> dict:
    """The convergence slope of a decade specification (:func:`convergence_slope`'s
    ``slope``, ``low``, ``high``, ``reading``): on the relative scale the log of
    the 2021 share over the 2011 share on the log of the 2011 share, as the
    decade chapter's relative basis (:func:`convergence_design`)."""
    if _decade_main_basis(spec):
        return convergence_slope(spec["decade_sample"], spec["weighting"], spec["slope_estimator"])
    shares = decade_shares(spec)
    y, design = convergence_design(shares, "relative" if spec.get("decade_scale") == "relative" else "absolute")
    return fitted_slope(design[:, 1], y, list(shares["code"]), spec["weighting"], spec["slope_estimator"])
