"""The facts the concluding chapter glues: gathered from the other chapters'
facts and the ledger, under literal glue names (nothing is computed here that a
chapter has not already shown)."""

from __future__ import annotations

from ..analysis.attainment import attainment_2011, attainment_facts
from ..analysis.education_fits import education_sector_fits, fit_lookup
from ..analysis.sector_measures import PRIMARY_VINTAGE
from ..analysis.sector_readings import composition_facts, lq_facts
from ..claims.framework import BLOG, PAPER
from ..claims.ledger import claims_ledger
from ..data.memo import disk_cached
from .facts_authorities import authorities_chapter_facts
from .facts_decade import decade_chapter_facts
from .facts_is8 import is8_chapter_facts

PROFESSIONAL = "Professional, scientific & technical"


DIGITAL = "Information & communication"


@disk_cached
def what_survives_facts() -> dict:
    """Plain Python values, keyed by glue name (prefix ``end_``)."""
    attainment = attainment_facts(attainment_2011())
    lq = lq_facts()
    comp = composition_facts()
    fits = education_sector_fits()
    blog = is8_chapter_facts()
    ledger = claims_ledger()
    decade = decade_chapter_facts()
    authorities = authorities_chapter_facts()

    def fit(sample: str, sector: str) -> float:
        return float(fit_lookup(fits, sample, PRIMARY_VINTAGE, sector, "level4_plus")["r2"])

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
        "end_vintage": PRIMARY_VINTAGE,
        "end_gm_n": blog["is8_gm_n_specialisms"],
        "end_gm_n_2023": blog["is8_gm_n_specialisms_2023"],
        "end_wm_lq_am": blog["is8_wm_lq_am"],
        "end_n_measurable": blog["is8_n_measurable"],
        "end_n_all_measured": blog["is8_n_all_measured"],
        "end_max_specialisms": blog["is8_max_specialisms"],
        "end_gse_share": blog["is8_gse_share"],
        "end_gse_share_fin": blog["is8_gse_share_fin"],
        "end_gse_share_others_min": min(blog["is8_gse_share_creative"], blog["is8_gse_share_digital"], blog["is8_gse_share_pbs"]),
        "end_gse_share_others_max": max(blog["is8_gse_share_creative"], blog["is8_gse_share_digital"], blog["is8_gse_share_pbs"]),
        "end_five_n_none": blog["is8_five_n_none"],
        "end_five_n": blog["is8_five_n"],
        "end_n_claims": int(len(ledger)),
        "end_dec_l4_change": decade["dec_ew_l4_change"],
        "end_dec_l4_divide": decade["dec_l4_divide"],
        "end_dec_conv_reading": decade["dec_conv_all_reading"],
        "end_dec_prof_comparison": (f"{decade['dec_prof_reading']} with 2021 education "
                                    f"{'as' if decade['dec_prof_reading'] == 'about as strong' else 'than'} with 2011"),
        "end_dec_prof_overlap": decade["dec_prof_overlap"],
        "end_dec_itl3_n": decade["dec_itl3_n"],
        "end_dec_itl3_prof_r2_2011": decade["dec_itl3_prof_r2_2011"],
        "end_dec_itl3_prof_r2_2021": decade["dec_itl3_prof_r2_2021"],
        "end_dec_itl3_prof_overlap": decade["dec_itl3_prof_overlap"],
        "end_dec_itl3_prof_reading": decade["dec_itl3_prof_reading"],
        # Only intervals that do not overlap count as a change.
        "end_dec_itl3_prof_summary": ("no measurable change in that link over the decade"
                                      if decade["dec_itl3_prof_overlap"] == "overlap"
                                      else f"a measurably {decade['dec_itl3_prof_reading']} link a decade on"),
        "end_ca_n_authorities": authorities["ca_n_authorities"],
        "end_ca_n_later": authorities["ca_n_later"],
        "end_ca_pattern_later": authorities["ca_pattern_later"],
        "end_ca_both_later": authorities["ca_both_later"],
        "end_ca_districts_later": authorities["ca_n_districts_later"],
        "end_ca_manuf_later": authorities["ca_manuf_later"],
    }
    paper = ledger.loc[ledger["source"] == PAPER, "verdict"]
    blog_verdicts = ledger.loc[ledger["source"] == BLOG, "verdict"]
    facts.update({
        "end_paper_n": int(len(paper)),
        "end_paper_reproduced": int((paper == "reproduced").sum()),
        "end_paper_close": int((paper == "close").sum()),
        "end_paper_differs": int((paper == "differs").sum()),
        "end_paper_cannot_be_tested": int((paper == "cannot be tested").sum()),
        "end_blog_n": int(len(blog_verdicts)),
        "end_blog_reproduced": int((blog_verdicts == "reproduced").sum()),
        "end_blog_close": int((blog_verdicts == "close").sum()),
        "end_blog_differs": int((blog_verdicts == "differs").sum()),
        "end_blog_cannot_be_tested": int((blog_verdicts == "cannot be tested").sum()),
    })
    return facts
