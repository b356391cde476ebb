"""The facts the paper's chapters glue into their prose: plain Python values
under literal glue names, so a name seen on a page can be found here with grep.

Each function gathers one chapter's facts from the analysis and claims layers;
nothing is computed here that those layers do not already compute.
"""

from __future__ import annotations

from ..analysis.attainment import attainment_2011, attainment_change_2011_2021, attainment_facts, top_two_displacements
from ..analysis.education_fits import (
    RESTS_ON_R2,
    WEAK_SECTORS,
    education_sector_fits,
    fit_facts,
    join_facts,
    leave_out_fits,
)
from ..analysis.sector_measures import (
    BROAD_GROUPS,
    KEY_SECTOR_NAMES,
    PRIMARY_VINTAGE,
    PRIORITISED_SECTORS,
    PRIVATE_SECTORS,
    VINTAGES,
    reference_facts,
    wide,
)
from ..analysis.sector_readings import (
    CITIES,
    HEALTH_EDUCATION_BAND,
    NEAR_TIE_PP,
    composition_facts,
    lq_facts,
    manufacturing_largest,
    movement_facts,
    prioritised_by_authority,
    retail_largest_private,
)
from ..analysis.vintages import available_vintages, fetched_vintages
from ..cache import cached
from ..claims.paper_common import PAPER_VINTAGE
from ..claims.paper_composition import retail_holds
from ..config import verify_mode
from ..data.bres import ENGLAND_ITL1
from ..data.catalogue import verify_all
from ..data.district_codes import change_of, predecessors
from ..data.geography import ENGLAND_AND_WALES, STUDY_AUTHORITIES
from ..measures import BOOTSTRAP_RESAMPLES
from .displays import chapter_claims, data_catalogue, study_geography
from .facts_inference import fit_words_guards, published_compare
from .facts_lq_words import guard_lq_prose, lowest_professional_sentence
from .guards import require


def _published(chapter: str) -> dict[str, str]:
    """Each claim's published figure, by claim id, for the claims a chapter discusses."""
    claims = chapter_claims(chapter)
    return dict(zip(claims["claim_id"], claims["published"]))


@cached(disk=True)
def data_chapter_facts() -> dict:
    """The data-and-methods chapter: files read, their licences, the study geography."""
    checked = verify_all()
    catalogue = data_catalogue()
    geography = study_geography()
    require(all(change_of(code) is None and not predecessors(code) for code in geography["code"]),
            "None of these districts changed its boundary or code between 2011 and 2023")
    return {
        "n_files": len(checked),
        "n_files_used": int((catalogue["role"] == "used").sum()),
        "n_files_ogl": int(catalogue["licence"].str.startswith("Open Government Licence").sum()),
        "n_files_mit": int(catalogue["licence"].str.startswith("MIT licence").sum()),
        "n_files_maps": int((catalogue["role"] == "maps").sum()),
        "verify_mode": verify_mode(),
        "n_districts": len(geography),
        "n_authorities": int(geography["authority"].nunique()),
        "bres_vintages": _vintages_text(),
    }


def _vintages_text() -> str:
    """The BRES vintages of this build in words, fetched years marked."""
    fetched = set(fetched_vintages())
    names = [f"{v} (fetched from Nomis{', the paper’s own' if v == PAPER_VINTAGE else ''})" if v in fetched
             else str(v) for v in available_vintages()]
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return listed + ("" if fetched else "; no year was fetched from Nomis for this build")


@cached(disk=True)
def attainment_chapter_facts() -> dict:
    """The attainment chapter (the paper's Table 1, and 2021 beside it)."""
    table = attainment_2011()
    facts = attainment_facts(table)
    change = attainment_change_2011_2021()
    ew_change = change[change["code"] == ENGLAND_AND_WALES].iloc[0]
    districts = change[change["code"] != ENGLAND_AND_WALES]
    r_2021 = float(districts[["pct_no_qualifications_2021", "pct_level4_plus_2021"]].corr().iloc[0, 1])
    n = facts["n_districts"]
    require(facts["not_top_two"] and n - len(facts["not_top_two"]) > n / 2,
            "The two groups the paper puts forward are indeed the largest in most places, but not everywhere")
    require(facts["r_noq_l4"] < -0.8, "the two shares move in opposite directions almost in lockstep")
    require((facts["max_l4_name"], facts["max_noq_name"], facts["min_l4_name"]) == ("Cambridge", "Sandwell", "Fenland"),
            "The extremes are where the paper says they are (Cambridge, Sandwell, Fenland)")
    cambridge = table.set_index("name").loc["Cambridge"]
    require(40 <= facts["max_l4"] <= 50 and cambridge["pct_no_qualifications"] == table["pct_no_qualifications"].min(),
            "alt text of fig-attainment: from Cambridge (few without qualifications, nearly half with degrees) to "
            "Sandwell (the reverse)")
    require(facts["n_above_national"] > n / 2, "so most districts are polarised beyond the national norm")
    require(ew_change["pct_no_qualifications_2021"] < ew_change["pct_no_qualifications_2011"]
            and ew_change["pct_level4_plus_2021"] > ew_change["pct_level4_plus_2011"],
            "the whole distribution shifted towards higher qualifications")
    require(r_2021 < -0.8, "The two shares remain tightly and negatively related")
    return {
        "att_not_top_two_detail": top_two_displacements(table),
        "att_combined_max": facts["combined_max"],
        "att_combined_min": facts["combined_min"],
        "att_ew_pct_l4": facts["ew_pct_l4"],
        "att_ew_pct_noq": facts["ew_pct_noq"],
        "att_max_l4": facts["max_l4"],
        "att_max_l4_name": facts["max_l4_name"],
        "att_max_noq": facts["max_noq"],
        "att_max_noq_name": facts["max_noq_name"],
        "att_min_l4": facts["min_l4"],
        "att_min_l4_name": facts["min_l4_name"],
        "att_n_above_national": facts["n_above_national"],
        "att_n_districts": facts["n_districts"],
        "att_n_noq_larger": facts["n_noq_larger"],
        "att_r2_noq_l4": facts["r2_noq_l4"],
        "att_r_noq_l4": facts["r_noq_l4"],
        "att_n_top_two": facts["n_districts"] - len(facts["not_top_two"]),
        "att_not_top_two": ", ".join(facts["not_top_two"]),
        "att_exceptions": ", ".join(facts["exceptions"]),
        "att_n_exceptions": len(facts["exceptions"]),
        "att_ew_noq_2021": float(ew_change["pct_no_qualifications_2021"]),
        "att_ew_l4_2021": float(ew_change["pct_level4_plus_2021"]),
        "att_r_2021": r_2021,
    }


@cached(disk=True)
def sector_composition_chapter_facts() -> dict:
    """The sector-composition chapter (the paper's Table 2) for both vintages."""
    c17, c19 = composition_facts(2017), composition_facts(2019)
    movement = movement_facts()
    prioritised = prioritised_by_authority(2017).set_index("authority")
    require(all(c["n_largest_health"] > c["n_districts"] / 2 for c in (c17, c19)),
            "Health is the largest group in most districts")
    require(c17["n_he_20_25"] <= c17["n_districts"] / 2, "Only N of the districts fall in it (the 20-25% band)")
    require(prioritised.drop(index="Cambridgeshire and Peterborough")["difference_pp"].abs().max() < 5,
            "the other authorities' prioritised share lies around the Great Britain figure")
    require(movement["rank_correlation_min"] > 0.7, "Yet the districts keep their order")
    require(movement["top_mover"] == "Solihull" and movement["mean_abs_share_diff_max_sector"] ==
            "Business administration & support",
            "alt text of fig-sector-vintages: Solihull's business administration share lies far above it")
    return {
        "sec_retail_holds": _retail_sentence(),
        "sec_17_authorities_without_manufacturing_largest": c17["authorities_without_manufacturing_largest"],
        "sec_17_he_above_25": c17["he_above_25"],
        "sec_17_he_max": c17["he_max"],
        "sec_17_he_max_name": c17["he_max_name"],
        "sec_17_he_min": c17["he_min"],
        "sec_17_he_min_name": c17["he_min_name"],
        "sec_17_largest_business": c17["largest_business"],
        "sec_17_largest_education": c17["largest_education"],
        "sec_17_largest_professional": c17["largest_professional"],
        "sec_17_manufacturing_largest": c17["manufacturing_largest"],
        "sec_17_n_authorities_with_manufacturing_largest": c17["n_authorities_with_manufacturing_largest"],
        "sec_17_n_districts": c17["n_districts"],
        "sec_17_n_he_20_25": c17["n_he_20_25"],
        "sec_17_n_he_above_25": c17["n_he_above_25"],
        "sec_17_n_largest_health": c17["n_largest_health"],
        "sec_17_n_largest_manufacturing": c17["n_largest_manufacturing"],
        "sec_17_n_largest_professional": c17["n_largest_professional"],
        "sec_17_prioritised_cp": c17["prioritised_cp"],
        "sec_17_prioritised_gb": c17["prioritised_gb"],
        "sec_17_prioritised_others_max": c17["prioritised_others_max"],
        "sec_17_prioritised_others_min": c17["prioritised_others_min"],
        "sec_19_authorities_without_manufacturing_largest": c19["authorities_without_manufacturing_largest"],
        "sec_19_largest_business": c19["largest_business"],
        "sec_19_n_largest_business": c19["n_largest_business"],
        "sec_19_n_largest_health": c19["n_largest_health"],
        "sec_19_n_tied": c19["n_tied"],
        "sec_19_tied": c19["tied"],
        "sec_mv_largest_swapped": movement["largest_swapped"],
        "sec_mv_largest_tie_only": movement["largest_tie_only"],
        "sec_mv_mean_abs_lq_diff_max": movement["mean_abs_lq_diff_max"],
        "sec_mv_mean_abs_lq_diff_min": movement["mean_abs_lq_diff_min"],
        "sec_mv_mean_abs_share_diff_max": movement["mean_abs_share_diff_max"],
        "sec_mv_mean_abs_share_diff_max_sector": movement["mean_abs_share_diff_max_sector"].lower(),
        "sec_mv_mean_abs_share_diff_min": movement["mean_abs_share_diff_min"],
        "sec_mv_n_largest_changed": movement["n_largest_changed"],
        "sec_mv_n_largest_swapped": movement["n_largest_swapped"],
        "sec_mv_n_largest_tie_only": movement["n_largest_tie_only"],
        "sec_mv_rank_correlation_min": movement["rank_correlation_min"],
        "sec_mv_rank_correlation_min_sector": movement["rank_correlation_min_sector"].lower(),
        "sec_mv_top_mover": movement["top_mover"],
        "sec_mv_top_mover_2017": movement["top_mover_2017"],
        "sec_mv_top_mover_2019": movement["top_mover_2019"],
        "sec_n_key": len(KEY_SECTOR_NAMES),
        "sec_n_groups": len(BROAD_GROUPS),
        "sec_n_authorities": len(STUDY_AUTHORITIES),
        "sec_n_other_authorities": len(STUDY_AUTHORITIES) - 1,
        "sec_n_prioritised": len(PRIORITISED_SECTORS),
        "sec_band_low": HEALTH_EDUCATION_BAND[0],
        "sec_band_high": HEALTH_EDUCATION_BAND[1],
        "sec_near_tie": NEAR_TIE_PP,
        "sec_n_private": len(PRIVATE_SECTORS),
        "sec_p47": chapter_claims("sector_composition").set_index("claim_id").loc["P47", "reproduced"],
        "sec_p47_verdict": chapter_claims("sector_composition").set_index("claim_id").loc["P47", "verdict"],
    }


@cached(disk=True)
def location_quotient_chapter_facts() -> dict:
    """The location-quotient chapter (the paper's Table 3) for both vintages and both bases."""
    lq17, lq19 = lq_facts(2017), lq_facts(2019)
    ref = reference_facts()
    lq_2017 = wide(2017, "lq").set_index("name")
    outside_cities = lq_2017.drop(index=list(CITIES))["Manufacturing"]
    require(bool((outside_cities > 1).sum() > len(outside_cities) / 2)
            and all(int((lq_2017[s] > 1).sum()) < len(lq_2017) / 2
                    for s in ("Information & communication", "Professional, scientific & technical"))
            and bool((lq_2017.loc[["Cambridge", "South Cambridgeshire", "Manchester", "Bristol, City of"],
                                  ["Information & communication", "Professional, scientific & technical"]] > 1)
                     .any(axis=1).all()),
            "alt text of fig-lq-heatmap: manufacturing is red in most districts outside the four cities; information "
            "and communication and professional services are red in fewer than half the districts, Cambridge, South "
            "Cambridgeshire, Manchester and Bristol among them")
    guard_lq_prose(lq17, lq19)
    published = _published("location_quotients")
    return {
        "lq_17_above_scambs_prof": lq17["above_scambs_prof"],
        "lq_17_band_high": lq17["band_high"],
        "lq_17_band_low": lq17["band_low"],
        "lq_17_cambridge_manufacturing_lq": lq17["cambridge_manufacturing_lq"],
        "lq_17_city_manufacturing": lq17["city_manufacturing"],
        "lq_17_digital_above_one": lq17["digital_above_one"],
        "lq_17_digital_top3": lq17["digital_top3"],
        "lq_17_manufacturing_below_one_not_city": lq17["manufacturing_below_one_not_city"],
        "lq_17_manufacturing_largest_lq_max": lq17["manufacturing_largest_lq_max"],
        "lq_17_manufacturing_largest_lq_min": lq17["manufacturing_largest_lq_min"],
        "lq_17_n_above_scambs_prof": lq17["n_above_scambs_prof"],
        "lq_17_n_digital_above_one": lq17["n_digital_above_one"],
        "lq_17_n_education_neutral": lq17["n_education_neutral"],
        "lq_17_n_health_neutral": lq17["n_health_neutral"],
        "lq_17_n_manufacturing_largest": len(manufacturing_largest(2017)),
        "lq_17_n_manufacturing_other": lq17["n_manufacturing_other"],
        "lq_17_n_manufacturing_other_above_one": lq17["n_manufacturing_other_above_one"],
        "lq_17_n_prof_below_one": lq17["n_prof_below_one"],
        "lq_17_n_public_neutral": lq17["n_public_neutral"],
        "lq_17_n_retail_neutral": lq17["n_retail_neutral"],
        "lq_17_prof_min": lq17["prof_min"],
        "lq_17_prof_min_name": lq17["prof_min_name"],
        "lq_lowest_professional": lowest_professional_sentence(lq17, lq19),
        "lq_17_retail_outside": lq17["retail_outside"],
        "lq_17_scambs_prof_lq": lq17["scambs_prof_lq"],
        "lq_17_scambs_ratio_max": lq17["scambs_ratio_max"],
        "lq_17_scambs_ratio_min": lq17["scambs_ratio_min"],
        "lq_17_trio_prof": lq17["trio_prof"],
        "lq_17_trio_prof_mean": lq17["trio_prof_mean"],
        "lq_19_cambridge_manufacturing_lq": lq19["cambridge_manufacturing_lq"],
        "lq_19_digital_above_one": lq19["digital_above_one"],
        "lq_19_digital_top3": lq19["digital_top3"],
        "lq_19_manufacturing_largest_lq_max": lq19["manufacturing_largest_lq_max"],
        "lq_19_manufacturing_largest_lq_min": lq19["manufacturing_largest_lq_min"],
        "lq_19_n_digital_above_one": lq19["n_digital_above_one"],
        "lq_19_scambs_prof_lq": lq19["scambs_prof_lq"],
        "lq_19_top_key_lq": lq19["top_key_lq"],
        "lq_19_top_key_lq_name": lq19["top_key_lq_name"],
        "lq_19_top_key_lq_sector": lq19["top_key_lq_sector"].lower(),
        "lq_19_trio_prof": lq19["trio_prof"],
        "lq_pub_P26": published["P26"],
        "lq_pub_P27": published["P27"],
        "lq_pub_P29": published["P29"],
        "lq_pub_P31": published["P31"],
        "lq_ref_agriculture_gb_2017": ref["agriculture_gb_2017"],
        "lq_ref_agriculture_gb_2019": ref["agriculture_gb_2019"],
        "lq_ref_england_factor_max": ref["england_factor_max"],
        "lq_ref_england_factor_max_sector": ref["england_factor_max_sector"].lower(),
        "lq_ref_england_factor_min": ref["england_factor_min"],
        "lq_ref_england_factor_min_sector": ref["england_factor_min_sector"].lower(),
        "lq_ref_england_max_abs_change": ref["england_max_abs_change"],
        "lq_ref_england_max_abs_change_district": ref["england_max_abs_change_district"],
        "lq_ref_england_n_cross_one": ref["england_n_cross_one"],
        "lq_ref_gb_employees_2019": ref["gb_employees_2019"],
        "lq_ref_gb_employment_2017": ref["gb_employment_2017"],
        "lq_ref_n_english_districts": ref["n_english_districts"],
        "lq_ref_n_gb_districts": ref["n_gb_districts"],
        "lq_n_districts": len(wide(2017)),
        "lq_n_key": len(KEY_SECTOR_NAMES),
        "lq_n_groups": len(BROAD_GROUPS),
        "lq_n_english_regions": len(ENGLAND_ITL1),
    }


@cached(disk=True)
def education_chapter_facts() -> dict:
    """The education-and-sectors chapter (the paper's Table 4)."""
    fits = education_sector_fits()
    fit = fit_facts(fits)
    study = fits[(fits["sample"] == "study_districts") & (fits["vintage"] == 2017) & (fits["education"] == "level4_plus")]
    r = study.set_index("sector")["r"]
    table = attainment_2011()
    top_two = set(table[table["code"] != ENGLAND_AND_WALES].nlargest(2, "pct_level4_plus")["name"])
    require(bool(r["Professional, scientific & technical"] > 0.6 and r["Information & communication"] > 0.6
                 and r["Manufacturing"] < 0 and (r[list(WEAK_SECTORS)] ** 2 < 0.2).all())
            and top_two == {"Cambridge", "South Cambridgeshire"},
            "alt text of fig-fit-scatter: professional services and information and communication rise steeply with "
            "qualifications, led by South Cambridgeshire and Cambridge; manufacturing falls; health, retail, business "
            "administration and public administration show little slope")
    joins = join_facts()
    published = _published("education_and_sectors")
    fit_words_guards(fits)
    if fit["prof_low_min"] <= fit["weak_high_max"]:
        raise AssertionError("the chapter says professional services' intervals are clear of the weakest sectors'")
    study = fits[(fits["sample"] == "study_districts") & (fits["vintage"] == PRIMARY_VINTAGE)]
    best_r2 = study.groupby("sector")["r2"].max()
    if best_r2[list(WEAK_SECTORS)].max() >= best_r2.drop(list(WEAK_SECTORS)).min():
        raise AssertionError("the chapter calls WEAK_SECTORS the sectors with the weakest fits")
    professional = "Professional, scientific & technical"
    # The other sectors with an interval reaching professional services' lowest bound.
    overlapping = sorted({sector.lower() for sector, high in zip(study["sector"], study["r2_ci_high"])
                          if sector != professional and high >= fit["prof_low_min"]})
    return {
        "fit_pub_compare": published_compare(fits, published),
        "fit_leave_out": _leave_out_sentence(),
        "fit_n_weak": len(WEAK_SECTORS),
        "fit_weak_sectors": ", ".join(s.lower() for s in WEAK_SECTORS[:-1]) + " and " + WEAK_SECTORS[-1].lower(),
        "fit_prof_overlapping": (", ".join(overlapping[:-1]) + " and " + overlapping[-1] if len(overlapping) > 1
                                 else overlapping[0] if overlapping else "no other sector"),
        "fit_busadmin_l4_2017_r2": fit["busadmin_l4_2017_r2"],
        "fit_busadmin_noq_2017_r2": fit["busadmin_noq_2017_r2"],
        "fit_ci_width_max": fit["ci_width_max"],
        "fit_ci_width_min": fit["ci_width_min"],
        "fit_digital_l4_2017_r": fit["digital_l4_2017_r"],
        "fit_digital_l4_2017_r2": fit["digital_l4_2017_r2"],
        "fit_digital_l4_2019_r2": fit["digital_l4_2019_r2"],
        "fit_digital_low_min": fit["digital_low_min"],
        "fit_digital_noq_2017_r": fit["digital_noq_2017_r"],
        "fit_educ_l4_2017_r2": fit["educ_l4_2017_r2"],
        "fit_ew_digital_l4_2017_r2": fit["ew_digital_l4_2017_r2"],
        "fit_ew_n": fit["ew_n"],
        "fit_ew_prof_l4_2017_r2": fit["ew_prof_l4_2017_r2"],
        "fit_ew_prof_l4_2017_r2_ci_low": fit["ew_prof_l4_2017_r2_ci_low"],
        "fit_ew_prof_l4_2017_r2_ci_high": fit["ew_prof_l4_2017_r2_ci_high"],
        "fit_ew_digital_l4_2017_r2_ci_low": fit["ew_digital_l4_2017_r2_ci_low"],
        "fit_ew_digital_l4_2017_r2_ci_high": fit["ew_digital_l4_2017_r2_ci_high"],
        "fit_health_noq_2017_r2": fit["health_noq_2017_r2"],
        "fit_join_n_bres_2017": joins["n_bres_2017"],
        "fit_join_n_census_2017": joins["n_census_2017"],
        "fit_join_n_joined_2017": joins["n_joined_2017"],
        "fit_join_n_joined_2019": joins["n_joined_2019"],
        "fit_join_unjoined_2017": joins["unjoined_2017"],
        "fit_join_unjoined_2019": joins["unjoined_2019"],
        "fit_manuf_noq_2017_r2": fit["manuf_noq_2017_r2"],
        "fit_manuf_noq_2017_slope": fit["manuf_noq_2017_slope"],
        "fit_n": fit["n"],
        "fit_n_ci_includes_zero": fit["n_ci_includes_zero"],
        "fit_n_fits_study": fit["n_fits_study"],
        "fit_n_same_sign_ew": fit["n_same_sign_ew"],
        "fit_prof_l4_2017_r": fit["prof_l4_2017_r"],
        "fit_prof_l4_2017_r2": fit["prof_l4_2017_r2"],
        "fit_prof_l4_2017_r2_ci_high": fit["prof_l4_2017_r2_ci_high"],
        "fit_prof_l4_2017_r2_ci_low": fit["prof_l4_2017_r2_ci_low"],
        "fit_prof_l4_2019_r2": fit["prof_l4_2019_r2"],
        "fit_prof_low_min": fit["prof_low_min"],
        "fit_prof_noq_2017_r": fit["prof_noq_2017_r"],
        "fit_pub_P35": published["P35"],
        "fit_pub_P36": published["P36"],
        "fit_pub_P41": published["P41"],
        "fit_resamples": BOOTSTRAP_RESAMPLES,
        "fit_retail_noq_2017_p_value": fit["retail_noq_2017_p_value"],
        "fit_retail_noq_2017_r": fit["retail_noq_2017_r"],
        "fit_weak_high_max": fit["weak_high_max"],
        "fit_weak_high_max_sector": fit["weak_high_max_sector"].lower(),
    }


def _and(names: list[str]) -> str:
    names = [f"the {n}" if n.startswith("West ") else n for n in names]
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def _retail_sentence() -> str:
    """Where P17's 'retail is the largest private group in half the districts' holds, year by year."""
    parts = []
    for v in VINTAGES:
        holds = retail_holds(v)
        table = retail_largest_private(v).set_index("authority")
        yes, no = holds.index[holds["strict"]].tolist(), holds.index[~holds["strict"]].tolist()
        text = f"In {v} the claim holds for " + (_and(yes) or "none of the three")
        if no:
            text += f" but not for {_and(no)}"
            near = [a for a in no if holds.loc[a, "with_near_ties"]]
            if near:
                text += (", which would reach half if near ties counted (retail behind the largest private group: "
                         + "; ".join(table.loc[a, "near_names"] for a in near) + ")")
        parts.append(text + ".")
    return " ".join(parts)


def _leave_out_sentence() -> str:
    """Whether the 2017 Level 4+ fits rest on a few districts, in words chosen from the leave-out fits."""
    table = leave_out_fits(2017)
    label = {"Professional, scientific & technical": "professional services",
             "Information & communication": "digital"}
    parts, rests = [], []
    for sector, group in table.groupby("sector", sort=False):
        steps = "; ".join(f"without {r.left_out} {r.r2_without:.2f}" for r in group.itertuples())
        parts.append(f"for {label[sector]} r² is {group['r2_all'].iloc[0]:.2f} over all 37 districts ({steps})")
        rests += [f"the {label[sector]} fit rests on {r.left_out}" for r in group.itertuples() if r.rests_on]
    verdict = (f"So {' and '.join(rests)} (r² falls by more than {RESTS_ON_R2:g} without them); no other "
               "fit falls that far." if rests else
               f"So no fit rests on these districts: none falls by more than {RESTS_ON_R2:g} without them.")
    return "Leaving districts out of the 2017 fits: " + "; ".join(parts) + ". " + verdict
