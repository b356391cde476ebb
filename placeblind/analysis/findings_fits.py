"""The education-and-sectors chapter's findings (the paper's Table 4), as a long
table like :mod:`placeblind.analysis.findings`: the numbers it prints, the
sentences chosen from the leave-out fits, and the yes/no readings its typed
words rest on (the chapter's guards read them)."""

from __future__ import annotations

import pandas as pd

from ..data.geography import ENGLAND_AND_WALES
from ..data.sectors import DIGITAL, MANUFACTURING, PROFESSIONAL
from ..data.study import paper_study_size
from ..measures import BOOTSTRAP_RESAMPLES
from ..text import and_join
from .attainment import attainment_2011
from .education_fits import (
    CAMBRIDGE_DISTRICTS,
    CLOSE_FIT_R2,
    HEALTH_EDUCATION_R2,
    MIRROR_R,
    MODEST_FIT_R2,
    NO_FIT_R2,
    RESTS_ON_R2,
    STEEP_R,
    WEAK_R2,
    WEAK_SECTORS,
    education_sector_fits,
    fit_facts,
    fit_lookup,
    join_facts,
    leave_out_fits,
)
from .findings import findings, prefixed
from .fit_inference import SIGNIFICANCE, confidence, paper_inference
from .vintages import PRIMARY_VINTAGE, VINTAGES

BUSINESS = "Business administration & support"


def leave_out_sentence() -> str:
    """Whether the 2017 Level 4+ fits rest on a few districts, in words chosen from the leave-out fits."""
    table = leave_out_fits(PRIMARY_VINTAGE)
    label = {PROFESSIONAL: "professional services", DIGITAL: "digital"}
    parts, rests = [], []
    n_districts = paper_study_size()[0]
    for sector, group in table.groupby("sector", sort=False):
        steps = "; ".join(f"without {r.left_out} {r.r2_without:.2f}" for r in group.itertuples())
        parts.append(f"for {label[sector]} r² is {group['r2_all'].iloc[0]:.2f} over all {n_districts} districts "
                     f"({steps})")
        rests += [f"the {label[sector]} fit rests on {r.left_out}" for r in group.itertuples() if r.rests_on]
    verdict = (f"So {and_join(rests)} (r² falls by more than {RESTS_ON_R2:g} without them); no other "
               "fit falls that far." if rests else
               f"So no fit rests on these districts: none falls by more than {RESTS_ON_R2:g} without them.")
    return f"Leaving districts out of the {PRIMARY_VINTAGE} fits: " + "; ".join(parts) + ". " + verdict


def _readings(fits: pd.DataFrame) -> list[tuple]:
    """The yes/no readings behind the chapter's typed result words (2017 fits unless named)."""
    def row(sector, education, sample="study_districts", vintage=PRIMARY_VINTAGE):
        return fit_lookup(fits, sample, vintage, sector, education)
    study = fits[(fits["sample"] == "study_districts") & (fits["vintage"] == PRIMARY_VINTAGE)
                 & (fits["education"] == "level4_plus")]
    r = study.set_index("sector")["r"]
    table = attainment_2011()
    top_two = set(table[table["code"] != ENGLAND_AND_WALES].nlargest(2, "pct_level4_plus")["name"])
    inference = paper_inference()
    inference["confidence"] = inference.apply(confidence, axis=1)
    firm_rows = inference[inference["confidence"] == "firm"]
    firm = set(zip(firm_rows["vintage"], firm_rows["sector"], firm_rows["education"]))
    heart = (PROFESSIONAL, DIGITAL)
    manufacturing = row(MANUFACTURING, "no_qualifications")
    health, education = row("Health", "no_qualifications"), row("Education", "level4_plus")
    retail = row("Retail", "no_qualifications")
    primary = fits[(fits["sample"] == "study_districts") & (fits["vintage"] == PRIMARY_VINTAGE)]
    best_r2 = primary.groupby("sector")["r2"].max()
    return [
        ("fit_scatter_reading", bool(r[PROFESSIONAL] > STEEP_R and r[DIGITAL] > STEEP_R and r[MANUFACTURING] < 0
                                     and (r[list(WEAK_SECTORS)] ** 2 < WEAK_R2).all())
         and top_two == set(CAMBRIDGE_DISTRICTS), "",
         f"professional and digital rise steeply (r > {STEEP_R:g}), led by the two Cambridge districts; "
         f"manufacturing falls; the weak sectors' r² below {WEAK_R2:g} ({PRIMARY_VINTAGE}, Level 4+)"),
        ("fit_heart_firm", all((v, s, "level4_plus") in firm and row(s, "level4_plus", vintage=v)["r2"]
                               >= CLOSE_FIT_R2
                               for v in VINTAGES for s in heart), "",
         f"professional and digital on Level 4+ pass every inference check with r² of at least {CLOSE_FIT_R2:g}, "
         "both years"),
        ("fit_noq_mirror", all(row(s, "no_qualifications")["r"] < 0
                               and abs(abs(row(s, "no_qualifications")["r"]) - row(s, "level4_plus")["r"]) < MIRROR_R
                               for s in heart), "",
         f"on no qualifications professional and digital fall as steeply (|r| within {MIRROR_R:g}) as they rise on "
         "Level 4+"),
        ("fit_manuf_modest", bool(manufacturing["r"] > 0
                                  and MODEST_FIT_R2[0] <= manufacturing["r2"] < MODEST_FIT_R2[1]), "",
         "manufacturing rises modestly with no qualifications (r² from {:g} to {:g})".format(*MODEST_FIT_R2)),
        ("fit_busadmin_none", all(row(BUSINESS, e)["r2"] < NO_FIT_R2 for e in ("level4_plus", "no_qualifications")),
         "", f"business administration's r² below {NO_FIT_R2:g} on both measures"),
        ("fit_health_educ_less", bool(health["r2"] < HEALTH_EDUCATION_R2 and education["r2"] < HEALTH_EDUCATION_R2
                                      and health["r2"] >= row("Health", "level4_plus")["r2"]
                                      and education["r2"] >= row("Education", "no_qualifications")["r2"]), "",
         f"health and education below {HEALTH_EDUCATION_R2:g} on their stronger measure"),
        ("fit_retail_weak", bool(retail["r"] > 0 and retail["p_value"] >= SIGNIFICANCE
                                 and retail["p_value_hc3"] >= SIGNIFICANCE),
         "", f"retail rises with no qualifications but not at the {SIGNIFICANCE:.0%} level"),
        ("fit_ew_weaker", all(row(s, "level4_plus", "all_districts")["r2"] < row(s, "level4_plus")["r2"]
                              for s in heart), "", "professional and digital fit less well over all districts"),
        ("fit_weak_sectors_weakest", bool(best_r2[list(WEAK_SECTORS)].max() < best_r2.drop(list(WEAK_SECTORS)).min()),
         "", "the sectors called weakest have the weakest best fits"),
    ]


def education_findings() -> pd.DataFrame:
    """The education-and-sectors chapter (the paper's Table 4), but its inference section."""
    fits = education_sector_fits()
    fit = fit_facts(fits)
    joins = join_facts()
    study = fits[(fits["sample"] == "study_districts") & (fits["vintage"] == PRIMARY_VINTAGE)]
    # The other sectors with an interval reaching professional services' lowest bound.
    overlapping = sorted({sector.lower() for sector, high in zip(study["sector"], study["r2_ci_high"])
                          if sector != PROFESSIONAL and high >= fit["prof_low_min"]})
    return findings([
        ("fit_leave_out", leave_out_sentence(), "",
         f"whether the {PRIMARY_VINTAGE} Level 4+ fits rest on a few districts"),
        ("fit_n_weak", len(WEAK_SECTORS), "sectors", "sectors with the weakest fits"),
        ("fit_weak_sectors", and_join([s.lower() for s in WEAK_SECTORS]), "", "their names"),
        ("fit_prof_overlapping", and_join(overlapping) if overlapping else "no other sector", "",
         "sectors whose r² interval reaches professional services' lowest bound"),
        *prefixed("fit_", fit, [
            "busadmin_l4_2017_r2", "busadmin_noq_2017_r2", "ci_width_max", "ci_width_min", "digital_l4_2017_r",
            "digital_l4_2017_r2", "digital_l4_2019_r2", "digital_low_min", "digital_noq_2017_r", "educ_l4_2017_r2",
            "ew_digital_l4_2017_r2", "ew_n", "ew_prof_l4_2017_r2", "ew_prof_l4_2017_r2_ci_low",
            "ew_prof_l4_2017_r2_ci_high", "ew_digital_l4_2017_r2_ci_low", "ew_digital_l4_2017_r2_ci_high",
            "health_noq_2017_r2", "manuf_noq_2017_r2", "manuf_noq_2017_slope", "n", "n_ci_includes_zero",
            "n_fits_study", "n_same_sign_ew", "prof_l4_2017_r", "prof_l4_2017_r2", "prof_l4_2017_r2_ci_high",
            "prof_l4_2017_r2_ci_low", "prof_l4_2019_r2", "prof_low_min", "prof_noq_2017_r",
            "retail_noq_2017_p_value", "retail_noq_2017_r", "weak_high_max", "weak_high_max_sector"],
            lower=["weak_high_max_sector"]),
        *prefixed("fit_join_", joins, ["n_bres_2017", "n_census_2017", "n_joined_2017", "n_joined_2019",
                                       "unjoined_2017", "unjoined_2019"]),
        ("fit_resamples", BOOTSTRAP_RESAMPLES, "resamples", "bootstrap resamples behind every interval"),
        *_readings(fits),
        ("fit_ew_signs_mostly_same", fit["n_same_sign_ew"] > fit["n_fits_study"] / 2, "",
         f"over all districts most fits have the sign they have over the study districts, {PRIMARY_VINTAGE}"),
    ])
