"""The specification curves against the null of no relation: each permuted
curve (:mod:`placeblind.analysis.robustness_null`) graded by the same rule as
the real one, and the observed share of supporting specifications (the
robustness chapter's) set against the shares the permutations give.

Only a finding that is a relation between two variables across districts has
such a null (:data:`~placeblind.analysis.robustness_null.NULL_CHOICES`: the
qualifications divide and the three Table 4 fits); every other finding says,
in its declaration (``no_null``), why it has none.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analysis.robustness import Inputs
from ..analysis.robustness_null import DIVIDE, NULL_CHOICES, NULL_PERMUTATIONS, NULL_SEED, null_estimates
from ..analysis.robustness_null import null_summary
from ..analysis.specifications import LEAVE_OUT_SAMPLES
from ..measures import SIGNIFICANCE
from .findings import FINDINGS, finding, specifications

COLUMNS = ["finding", "n_specifications", "observed_share", "null_mean_share", "null_share_p95", "p_value",
           "n_permutations", "seed"]
# A share of supporting specifications is called more than chance would give when
# so few permuted curves (this share of them, the observed one counted) support
# the finding as often: the book's level (measures.SIGNIFICANCE).
CHANCE_LEVEL = SIGNIFICANCE

NULL_FINDINGS = tuple(NULL_CHOICES)
missing = [f.finding for f in FINDINGS if (f.finding in NULL_CHOICES) == bool(f.no_null)]
if missing:
    raise ValueError(f"every finding has a null or says why it has none (no_null): {missing}")
del missing


def grade(finding_id: str, estimates: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """Whether each (estimate, direction) of a finding with a null supports its
    claim: the finding's own claim object grades the view it makes of them, as
    the chapter's curve does (a test checks that it reproduces the chapter's grade
    of every real specification). For the divide the estimate is r (its view)."""
    if finding_id not in NULL_CHOICES:
        raise ValueError(f"{finding_id!r} has no null; choose one of {', '.join(NULL_CHOICES)}")
    item = finding(finding_id)
    flat = [item.claim.grade(item.view(None, {}, float(e), float(d))).supports
            for e, d in zip(np.ravel(estimates), np.ravel(directions))]
    return np.array(flat, dtype=bool).reshape(np.shape(estimates))


def main_curve(finding_id: str) -> pd.DataFrame:
    """A finding's specifications on its main curve (the leave-out samples are apart)."""
    specs = specifications(finding_id)
    if "sample" in specs:
        specs = specs[~specs["sample"].isin(LEAVE_OUT_SAMPLES)]
    return specs.reset_index(drop=True)


def finding_null(finding_id: str, observed: np.ndarray, permutations: int = NULL_PERMUTATIONS,
                 seed: int = NULL_SEED, inputs: Inputs | None = None) -> dict:
    """One row of :func:`robustness_null` (``observed``: the real main curve's grades,
    one per specification of :func:`main_curve`)."""
    specs = main_curve(finding_id)
    if len(observed) != len(specs):
        raise ValueError(f"{finding_id}: {len(observed)} observed grades for {len(specs)} specifications")
    estimates, directions = null_estimates(finding_id, specs, permutations, seed, inputs)
    if finding_id == DIVIDE:
        estimates = directions * np.sqrt(estimates)  # the divide's claim grades r itself
    return {"finding": finding_id, **null_summary(observed, grade(finding_id, estimates, directions)), "seed": seed}


def chance_reading(p_value: float) -> str:
    """The words the chapter prints for a null's p-value (empty without a null)."""
    if np.isnan(p_value):
        return ""
    return "more than chance would give" if p_value < CHANCE_LEVEL else "no more than chance would give"
