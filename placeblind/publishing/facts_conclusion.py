"""The facts the concluding chapter glues: gathered from the other chapters'
facts and the ledger, under literal glue names (nothing is computed here that a
chapter has not already shown)."""

from __future__ import annotations

from ..analysis.attainment import attainment_2011, attainment_facts
from ..analysis.authorities import LATER, authority_pattern
from ..analysis.decade import link_summary, paired_link
from ..analysis.education_fits import education_sector_fits, fit_lookup
from ..analysis.fit_inference import published_gap
from ..analysis.own_findings import own_findings_nulls
from ..analysis.sector_measures import PRIMARY_VINTAGE, PRIORITISED_SECTORS, wide
from ..analysis.sector_readings import composition_facts, lq_facts
from ..cache import cached
from ..claims.framework import BLOG, PAPER
from ..claims.ledger import claims_ledger
from .facts_authorities import authorities_chapter_facts
from .facts_decade import decade_chapter_facts
from .facts_is8 import is8_chapter_facts
from .facts_paper import attainment_chapter_facts
from .guards import require

PROFESSIONAL = "Professional, scientific & technical"


DIGITAL = "Information & communication"


@cached(disk=True)
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
    own_table = own_findings_nulls().set_index("finding")
    own = own_table["summary"].to_dict()
    require(own_table.loc["decade_redesign_other_and_level4", "reading"] == "tracks",
            "rose by ... percentage points (part of that rise may be the redesigned 2021 question)")
    professional = paired_link("all_districts", PROFESSIONAL)
    itl3_professional = paired_link("itl3", PROFESSIONAL)
    pattern = authority_pattern()
    later = pattern[pattern["newest"] & (pattern["group"] == LATER)].iloc[0]

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
        # The decade's words are the readings that survive every basis (own_findings_nulls).
        "end_dec_l4_divide": own["decade_divide_level4_plus"],
        "end_dec_conv_reading": own["decade_convergence"],
        "end_dec_prof_summary": link_summary(professional["reading"]),
        "end_dec_prof_change": professional["change"],
        "end_dec_prof_low": professional["change_ci_low"],
        "end_dec_prof_high": professional["change_ci_high"],
        "end_dec_itl3_n": decade["dec_itl3_n"],
        "end_dec_itl3_prof_r2_2011": itl3_professional["r2_2011"],
        "end_dec_itl3_prof_r2_2021": itl3_professional["r2_2021"],
        "end_dec_itl3_prof_low": itl3_professional["change_ci_low"],
        "end_dec_itl3_prof_high": itl3_professional["change_ci_high"],
        "end_dec_itl3_prof_reading": itl3_professional["reading"],
        # A change counts only when the paired interval of the change in r-squared excludes zero.
        "end_dec_itl3_prof_summary": link_summary(itl3_professional["reading"]),
        "end_ca_n_authorities": authorities["ca_n_authorities"],
        "end_ca_n_later": authorities["ca_n_later"],
        "end_ca_pattern_later": str(later["reading"]),
        "end_ca_both_later": int(later["districts_with_both"]),
        "end_ca_districts_later": int(later["districts"]),
        "end_ca_manuf_later": int(later["districts_manufacturing_above_1"]),
        "end_ca_vintage": int(later["vintage"]),
    }
    _guard_conclusions(facts, ledger, fits)
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


def _guard_conclusions(facts: dict, ledger, fits) -> None:
    """Guards for the chapter's result words, which summarise other chapters and
    cannot reasonably be generated: each names the sentence it protects."""
    n = facts["end_n_districts"]
    require(facts["end_r_noq_l4"] < -0.9, "The qualifications divide is real and sharp ... move against each other "
                                           "almost perfectly")
    attainment_chapter_facts()   # guards 'The two shares remain tightly and negatively related' (2021)
    require(facts["end_n_prof_below_one"] > n / 2 and facts["end_n_digital_below_one"] > n / 2,
            "The promoted high-skill sectors are thin in most of these districts")
    study = {s: fit_lookup(fits, "study_districts", PRIMARY_VINTAGE, s, "level4_plus") for s in (PROFESSIONAL, DIGITAL)}
    require(all(row["slope"] > 0 and row["r2"] >= 0.5 for row in study.values()),
            "Those sectors are larger where more residents hold degrees")
    above_one = (wide(PRIMARY_VINTAGE, "lq")[list(PRIORITISED_SECTORS)] > 1).sum()
    require(facts["end_n_manufacturing_largest"] > 0 and above_one.idxmax() == "Manufacturing",
            "Manufacturing is the promoted sector that fits the combined authorities")
    require(min(facts["end_gse_share_fin"], facts["end_gse_share_others_min"]) > facts["end_gse_share"],
            "The 2025 service sectors cluster in the Greater South East")
    published = ledger.set_index("claim_id")["published"]
    mean = facts["end_trio_prof_mean"]
    require(facts["end_scambs_ratio_max"] < float(published["P26"]) and abs(mean - 0.5) < abs(mean - 1 / 3),
            "The paper's most quotable contrasts are larger than the official data give ... not eight times ... "
            "nearer a half than a third")
    gaps = [published_gap(float(published[c]), s) for c, s in (("P35", DIGITAL), ("P36", PROFESSIONAL))]
    require(all(g["explained_by"] == "measure" and float(published[c]) > max(g["r2"].values())
                for g, c in zip(gaps, ("P35", "P36"))),
            "The paper's r-squared values for the digital and professional sectors are higher than those the data "
            "give, and sit closer to the correlation coefficients than to their squares")
    require(facts["end_r2_prof_ew"] < facts["end_r2_prof_study"]
            and facts["end_r2_digital_ew"] < facts["end_r2_digital_study"],
            "Over all districts of England and Wales the same fits explain only ...: the 37 districts ... tell a "
            "sharper story than the country does")
    require(facts["end_gm_n"] > 0 and facts["end_five_n_none"] < facts["end_five_n"],
            "the 'not spot' findings do not carry over to the official statistics; they do not confirm that the big "
            "northern and Midlands city-regions have no IS-8 strengths at all")
