"""The fit findings' specification curves against the null of no relation:
each permuted curve (:mod:`placeblind.analysis.robustness_null`) graded by the
same rule as the real one, and the observed share of supporting
specifications (the robustness chapter's) set against the shares the
permutations give.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analysis.robustness import FITS, Inputs
from ..analysis.robustness_null import NULL_PERMUTATIONS, NULL_SEED, null_estimates, null_summary
from ..analysis.specifications import LEAVE_OUT_SAMPLES
from ..cache import cached
from .findings import finding, specifications
from .robustness import grade_specification, graded_estimates

COLUMNS = ["finding", "n_specifications", "observed_share", "null_mean_share", "null_share_p95", "p_value",
           "n_permutations", "seed"]


def grade(finding_id: str, estimates: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """Whether each (estimate, direction) of a fit finding supports its claim,
    by the robustness chapter's own rule. A fit finding's rule reads the estimate
    and direction only: the finding's claim object grades it, as the chapter's
    curve does (a test checks that it reproduces the chapter's grade of every
    real specification)."""
    if finding_id not in FITS:
        raise ValueError(f"{finding_id!r} is not a fit finding")
    item = finding(finding_id)
    flat = [grade_specification(None, item, {}, float(e), float(d)).supports
            for e, d in zip(np.ravel(estimates), np.ravel(directions))]
    return np.array(flat, dtype=bool).reshape(np.shape(estimates))


def finding_null(finding_id: str, permutations: int = NULL_PERMUTATIONS, seed: int = NULL_SEED,
                 inputs: Inputs | None = None, observed: np.ndarray | None = None) -> dict:
    """One row of :func:`robustness_null` (``observed``: the real curve's grades,
    the chapter's unless given)."""
    specs = specifications(finding_id)
    # The main curve's specifications, as the chapter counts them (the leave-out samples are apart).
    specs = specs[~specs["sample"].isin(LEAVE_OUT_SAMPLES)].reset_index(drop=True)
    estimates, directions = null_estimates(finding_id, specs, permutations, seed, inputs)
    if observed is None:
        real = graded_estimates()[finding_id]
        real = real[real["curve"] == "main"]
        if list(real["specification_id"]) != list(specs["specification_id"]):
            raise ValueError(f"{finding_id}: the null's specifications are not the chapter's")
        observed = real["supports_published"].to_numpy(bool)
    return {"finding": finding_id, **null_summary(observed, grade(finding_id, estimates, directions)), "seed": seed}


@cached(disk=True)
def robustness_null() -> pd.DataFrame:
    """One row per fit finding: ``finding``, ``n_specifications``,
    ``observed_share`` (of specifications supporting the claim, as in
    ``robustness_summary``), ``null_mean_share`` (the share expected with no
    relation: the mean over permutations of the outcome across areas),
    ``null_share_p95`` (95th percentile of those shares), ``p_value`` (share of
    permutations supporting at least as often as observed, the observed curve
    counted), ``n_permutations`` and ``seed``."""
    inputs = Inputs()
    return pd.DataFrame([finding_null(f, inputs=inputs) for f in FITS], columns=COLUMNS)
