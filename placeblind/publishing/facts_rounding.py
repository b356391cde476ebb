"""The facts the data and LQ chapters glue about the 2019 shares that do not add
up to 100, and the book's choice to rescale them (:mod:`placeblind.analysis.shares_2019`)."""

from __future__ import annotations

from ..analysis.lq_rounding import rounding_facts
from ..cache import cached
from ..claims.rounding import rescaling_sentence, verdicts_changed_by_rescaling


@cached(disk=True)
def rounding_chapter_facts() -> dict:
    facts = rounding_facts()
    return {
        "round_study_sum_min": facts["study_sum_min"],
        "round_study_sum_max": facts["study_sum_max"],
        "round_n_study": facts["n_study"],
        "round_n_study_off": facts["n_study_off"],
        "round_gb_sum_min": facts["gb_sum_min"],
        "round_gb_sum_max": facts["gb_sum_max"],
        "round_n_gb": facts["n_gb"],
        "round_n_gb_off": facts["n_gb_off"],
        "round_off_by_pp": facts["off_by_pp"],
        "round_lq_change_min": facts["lq_change_min_pct"],
        "round_lq_change_max": facts["lq_change_max_pct"],
        "round_verdicts": rescaling_sentence(verdicts_changed_by_rescaling()),
    }
