"""The numbers the concluding chapter weighs, gathered from the other modules
(nothing is computed here that a chapter has not already shown)."""

from __future__ import annotations

from . import is8
from . import sector_analysis as sa
from .attainment import attainment_facts
from .claims import BLOG, PAPER
from .claims_ledger import claims_ledger
from .tables import attainment_2011

PROFESSIONAL = "Professional, scientific & technical"
DIGITAL = "Information & communication"


def survival_facts() -> dict:
    """Plain Python values, keyed by glue name (prefix ``end_``)."""
    attainment = attainment_facts(attainment_2011())
    lq = sa.lq_facts()
    comp = sa.composition_facts()
    fits = sa.education_sector_fits()
    blog = is8.chapter_numbers()
    ledger = claims_ledger()

    def fit(sample: str, sector: str) -> float:
        return float(sa.fit_lookup(fits, sample, sa.PRIMARY_VINTAGE, sector, "level4_plus")["r2"])

    facts = {
        "end_n_districts": attainment["n_districts"],
        "end_r_noq_l4": attainment["r_noq_l4"],
        "end_n_noq_larger": attainment["n_noq_larger"],
        "end_n_prof_below_one": lq["n_prof_below_one"],
        "end_n_digital_below_one": lq["n_digital_below_one"],
        "end_scambs_ratio_min": lq["scambs_ratio_min"],
        "end_scambs_ratio_max": lq["scambs_ratio_max"],
        "end_trio_prof_mean": lq["trio_prof_mean"],
        "end_n_manufacturing_largest": comp["n_largest_manufacturing"],
        "end_n_authorities_manufacturing": comp["n_authorities_with_manufacturing_largest"],
        "end_manufacturing_lq_min": lq["manufacturing_largest_lq_min"],
        "end_manufacturing_lq_max": lq["manufacturing_largest_lq_max"],
        "end_n_largest_health": comp["n_largest_health"],
        "end_r2_prof_study": fit("study_districts", PROFESSIONAL),
        "end_r2_digital_study": fit("study_districts", DIGITAL),
        "end_r2_prof_ew": fit("all_districts", PROFESSIONAL),
        "end_r2_digital_ew": fit("all_districts", DIGITAL),
        "end_n_ew": int(fits.loc[fits["sample"] == "all_districts", "n"].iloc[0]),
        "end_vintage": sa.PRIMARY_VINTAGE,
        "end_gm_n": blog["is8_gm_n_specialisms"],
        "end_gm_n_2023": blog["is8_gm_n_specialisms_2023"],
        "end_wm_lq_am": blog["is8_wm_lq_am"],
        "end_n_measurable": blog["is8_n_measurable"],
        "end_n_all_measured": blog["is8_n_all_measured"],
        "end_max_specialisms": blog["is8_max_specialisms"],
        "end_gse_share": blog["is8_gse_share"],
        "end_gse_share_fin": blog["is8_gse_share_fin"],
        "end_gse_share_others_min": min(blog[f"is8_gse_share_{k}"] for k in ("creative", "digital", "pbs")),
        "end_gse_share_others_max": max(blog[f"is8_gse_share_{k}"] for k in ("creative", "digital", "pbs")),
        "end_five_n_none": blog["is8_five_n_none"],
        "end_five_n": blog["is8_five_n"],
        "end_n_claims": int(len(ledger)),
    }
    for source, key in ((BLOG, "blog"), (PAPER, "paper")):
        part = ledger[ledger["source"] == source]
        facts[f"end_{key}_n"] = int(len(part))
        for verdict in ("reproduced", "close", "differs", "cannot be tested"):
            facts[f"end_{key}_{verdict.replace(' ', '_')}"] = int((part["verdict"] == verdict).sum())
    return facts
