"""The paper's claims on sector composition (its Table 2).
"""

from __future__ import annotations

import pandas as pd

from ..analysis.sector_measures import reference_shares
from ..analysis.vintages import COUNTS, MEAN_OF, PRIMARY_VINTAGE, SHARES
from ..analysis.sector_readings import (
    CAMBRIDGESHIRE,
    HEALTH_EDUCATION_BAND,
    NEAR_TIE_PP,
    NEUTRAL_BAND,
    prioritised_by_authority,
    retail_largest_private,
    section_g_largest,
    sectors_by_authority,
)
from ..analysis.university_towns import university_gap
from ..data.census import qualifications_2011
from ..data.study import paper_study_size
from ..text import and_join, number_word
from ..data.universities import FILE_ID as UNIVERSITIES_FILE
from ..data.universities import university_districts, university_main_campuses
from ..data.geography import study_districts
from ..data.sectors import BROAD_GROUPS, DIGITAL
from ..measures import SIGNIFICANCE
from .framework import PAPER, Claim
from .paper_common import (
    BRES_SHARES, ClaimData, claim_vintages, deciding_vintage, how_read, short_names, vintage_claim)
from .rules import SHARE_MARGIN_PP, more_than_half, pattern_verdict


def population_claim(claim_id: str) -> Claim:
    census = qualifications_2011()
    adults = int(census.loc[census["code"].isin(study_districts()["code"]), "all_16plus"].sum())
    published = 7.3e6
    n_districts, n_authorities = paper_study_size()
    if adults > published:
        verdict = "differs"
        reason = (f"The data used here hold no count of total population, but the 2011 Census counts {adults:,} usual "
                  f"residents aged 16+ in the {n_districts} districts. That leaves out children, and these areas "
                  f"grew after 2011, so it is a lower bound on their population, and it already exceeds "
                  f"7.3 million: the published figure is too low (it may be an adult or working-age count, "
                  f"which the text does not say).")
    else:
        verdict = "cannot be tested"
        reason = (f"The data used here hold no count of total population; the 2011 Census counts {adults:,} usual "
                  f"residents aged 16+ in the {n_districts} districts, which is not the total population.")
    return Claim(claim_id, PAPER, f"Population of the {number_word(n_authorities)} combined authorities", "7.3 million",
                 f"at least {adults / 1e6:.2f} million (residents aged 16+, 2011)", "persons",
                 "2011 Census QS501EW (residents aged 16+)", verdict, reason,
                 rule="pattern: the published total against a lower bound computed from the data")


def composition_claims(d: ClaimData) -> list[Claim]:
    return [_prioritised_claim(), _health_education_claim(d), _neutral_public_claim(d), _section_g_claim(),
            _retail_claim()]


def _prioritised_claim() -> Claim:
    """P13. Strictly: Cambridgeshire and Peterborough has the largest share in
    the prioritised sectors and every other authority relies on the others more
    than Great Britain does (its prioritised share below GB's by more than the
    share margin). Loosely: only the contrast, Cambridgeshire and Peterborough
    the only authority above GB by more than the margin."""
    cp_name = CAMBRIDGESHIRE
    values, verdicts, rest, near = {}, {}, [], {}
    for v in claim_vintages():
        table = prioritised_by_authority(v).set_index("authority")
        rest += [100 - float(x) for x in table["prioritised_pct"]]
        cp = table.loc[cp_name]
        others = table.drop(index=cp_name)
        values[v] = (f"{cp_name} {cp['prioritised_pct']:.1f}%, other {number_word(len(others))} "
                     f"{others['prioritised_pct'].min():.1f}-"
                     f"{others['prioritised_pct'].max():.1f}%, GB {cp['reference_pct']:.1f}%")
        largest = cp["prioritised_pct"] == table["prioritised_pct"].max()
        reliant = (others["difference_pp"] < -SHARE_MARGIN_PP).all()
        alone = largest and cp["difference_pp"] > SHARE_MARGIN_PP and (others["difference_pp"] <= SHARE_MARGIN_PP).all()
        verdicts[v] = pattern_verdict(largest and reliant, alone)
        near[v] = others.index[others["difference_pp"].abs() <= SHARE_MARGIN_PP].tolist()
    return vintage_claim(
        "P13", f"All combined authorities but {cp_name} rely overwhelmingly on sectors the "
        "Industrial Strategy does not prioritise", f"all but one ({cp_name})", values, verdicts,
        "% of jobs in manufacturing, information & communication and professional, scientific & technical",
        how_read({COUNTS: "pools each authority's districts",
                  SHARES: "publishes shares only, so the median district is used"}) + ". "
        f"The other sectors hold {min(rest):.0f}-{max(rest):.0f}% of jobs in every authority. Within "
        f"{SHARE_MARGIN_PP:g} pp of the GB share in the prioritised sectors, and so relying on the other sectors "
        "no more than Great Britain does: " + "; ".join(f"{v}: {short_names(near[v]) or 'none'}" for v in claim_vintages())
        + ".", BRES_SHARES,
        rule=f"pattern: strictly, {cp_name} largest and every other authority's prioritised share more than "
             f"{SHARE_MARGIN_PP:g} pp below GB's; loosely, {cp_name} the only one more than {SHARE_MARGIN_PP:g} pp above")


def _health_education_claim(d: ClaimData) -> Claim:
    """P14, read for districts (strictly) and for authorities (loosely)."""
    low, high = HEALTH_EDUCATION_BAND
    values, verdicts, by_authority = {}, {}, {}
    for v in claim_vintages():
        c = d.comp[v]
        pooled = sectors_by_authority(v, ["Health", "Education"])
        in_band = pooled["share_pct"].round(0).between(low, high)
        by_authority[v] = (int(in_band.sum()), len(pooled))
        values[v] = (f"{c['n_he_20_25']} of {c['n_districts']} districts in {low}-{high}% (range {c['he_min']:.1f}% "
                     f"{short_names([c['he_min_name']])} to {c['he_max']:.1f}% {short_names([c['he_max_name']])}); "
                     f"{int(in_band.sum())} of {len(pooled)} authorities")
        verdicts[v] = pattern_verdict(more_than_half(c["n_he_20_25"], c["n_districts"]),
                                      more_than_half(int(in_band.sum()), len(pooled)))
    c = d.comp[PRIMARY_VINTAGE]
    return vintage_claim(
        "P14", "In most districts, health and education together employ 20-25% of all workers", "20-25%, most areas",
        values, verdicts, "% of jobs",
        f"A share counts as {low}-{high}% when, rounded to a whole number, it is {low}% to {high}%. In {PRIMARY_VINTAGE} "
        f"{c['n_he_above_25']} districts are above {high}% ({short_names(c['he_above_25'].split(', '))}) and "
        f"{c['n_he_below_20']} below {low}%. Authorities: "
        f"{how_read({COUNTS: 'pools districts', SHARES: 'takes the median district'}, ', ')}.",
        BRES_SHARES, rule="pattern: 'most areas' = more than half of the districts strictly, of the authorities "
                          "loosely")


def _neutral_public_claim(d: ClaimData) -> Claim:
    """P15. Strictly: health and education both in the neutral band in the same
    district, in more than half; loosely: each sector in the band in more than half."""
    values, verdicts = {}, {}
    for v in claim_vintages():
        f = d.lq_facts[v]
        n = len(d.lq[v])
        values[v] = (f"health {f['n_health_neutral']}, education {f['n_education_neutral']}, both "
                     f"{f['n_public_neutral']} of {n} within {f['band_low']:g}-{f['band_high']:g}")
        verdicts[v] = pattern_verdict(more_than_half(f["n_public_neutral"], n),
                                      more_than_half(min(f["n_health_neutral"], f["n_education_neutral"]), n))
    return vintage_claim(
        "P15", "In most districts the health and education LQs show neither under- nor over-exposure",
        "most cases, with some exceptions", values, verdicts, "districts",
        f"'Neither under- nor over-exposed' is read as an LQ from {NEUTRAL_BAND[0]:g} to {NEUTRAL_BAND[1]:g} "
        "(within a factor of 1.25 of Great Britain); the paper gives no band.",
        rule="pattern: strictly, both sectors in the band in the same district in more than half the districts; "
             "loosely, each sector in the band in more than half")


def _section_g_claim() -> Claim:
    largest = {v: len(section_g_largest(v)) for v in MEAN_OF}
    n_districts = paper_study_size()[0]
    years = and_join([str(v) for v in MEAN_OF])
    return Claim(
        "P16", PAPER, "In the 2011 Census, wholesale and retail (section G) is the largest industry in most areas",
        "most areas",
        "not in the data used here; BRES as context: " + ", ".join(f"{v} {n}" for v, n in largest.items())
        + f" of {n_districts} districts",
        "districts", f"2011 Census industry (not in the data used here); BRES {years} as context", "cannot be tested",
        "The data used here have no 2011 Census industry table. As context only: with motor trades, wholesale and retail "
        "summed to section G, BRES makes G the largest group in "
        + and_join([f"{n}{f' of {n_districts} districts' if i == 0 else ''} in {v}"
                    for i, (v, n) in enumerate(largest.items())]) + ".", rule="cannot be tested")


RETAIL_AUTHORITIES = ("Liverpool City Region", "Tees Valley", "West of England")


def retail_holds(vintage: int) -> pd.DataFrame:
    """P17 for each named authority: ``strict`` (retail the largest private group
    in at least half its districts) and ``with_near_ties`` (near ties counted)."""
    table = retail_largest_private(vintage).set_index("authority").loc[list(RETAIL_AUTHORITIES)]
    return pd.DataFrame({"strict": table["retail_largest"] >= table["districts"] / 2,
                         "with_near_ties": (table["retail_largest"] + table["retail_near"]) >= table["districts"] / 2})


def _retail_claim() -> Claim:
    values, verdicts, short = {}, {}, []
    for v in claim_vintages():
        table = retail_largest_private(v).set_index("authority").loc[list(RETAIL_AUTHORITIES)]
        holds = retail_holds(v)
        values[v] = "; ".join(f"{a} {int(r['retail_largest'])}/{int(r['districts'])}" for a, r in table.iterrows())
        verdicts[v] = pattern_verdict(bool(holds["strict"].all()), bool(holds["with_near_ties"].all()))
        for authority, r in table[~holds["strict"]].iterrows():
            short.append(f"{authority} in {v} ({int(r['retail_largest'])} of {int(r['districts'])}"
                         + (f": {short_names(r['names'].split(', '))}" if r["names"] else "") + ")"
                         + (f", with {r['near_names']} a near tie (under {NEAR_TIE_PP} pp)" if r["near_names"]
                            else ""))
    return vintage_claim(
        "P17", "In Liverpool City Region, Tees Valley and West of England, retail employs more than any other "
        "private-sector group in half or more of the districts", "at least half in each of the three", values, verdicts,
        "districts where retail is the largest (or joint largest) private-sector group",
        "Private sector = every broad group except public administration & defence, education and health (the "
        "paper does not define it). Short of half: " + ("; ".join(short) or "none") + ".", BRES_SHARES,
        rule=f"pattern: strictly, retail largest in at least half of each authority's districts; loosely, with "
             f"near ties (under {NEAR_TIE_PP} pp) counted")


# The paper's "University towns" are read as the study districts that hold the
# main campus of a university (as in 2018): the paper names none, so the list is
# the book's reading of the phrase, kept in a catalogued data file
# (data/reference/university_main_campuses.csv: institution, campus, the register
# to check it against) and stated in the claim's reason. Its permutation
# p-values are read at the book's level (measures.SIGNIFICANCE).


def university_towns_claim(d: ClaimData) -> Claim:
    """P47: the health and education share rises in university towns. Strictly:
    the median district share of health and education together is higher in the
    university districts than in the others by more than the share margin;
    loosely: higher by any amount, or the education share alone higher by more
    than the margin. Beside it: each gap's permutation p-value (the university
    label permuted across the study districts) and education alone, which
    teaching hospitals cannot inflate."""
    towns = university_districts()
    campuses = university_main_campuses()
    values, verdicts = {}, {}
    gaps = {v: university_gap(d.shares[v], towns) for v in claim_vintages()}  # each with its permutations, once
    for v in claim_vintages():
        g = gaps[v]
        values[v] = (f"median {g['university_median_pct']:.1f}% in the {g['n_university']} university districts "
                     f"against {g['other_median_pct']:.1f}% in the other {g['n_other']} ({g['gap_pp']:+.1f} pp, "
                     f"permutation p {g['p_value']:.3f}; education alone {g['education_gap_pp']:+.1f} pp, "
                     f"p {g['education_p_value']:.3f})")
        verdicts[v] = pattern_verdict(g["gap_pp"] > SHARE_MARGIN_PP,
                                      g["gap_pp"] > 0 or g["education_gap_pp"] > SHARE_MARGIN_PP)
    g = gaps[deciding_vintage()]
    chance = ("a gap at least as large arises for {} random sets of {} study districts in a hundred (permutation p "
              "{:.3f}, {} the {:.0%} level)"
              .format(f"{100 * g['p_value']:.1f}", g["n_university"], g["p_value"],
                      "below" if g["p_value"] < SIGNIFICANCE else "not below", SIGNIFICANCE))
    education_holds = g["education_gap_pp"] > SHARE_MARGIN_PP and g["education_p_value"] < SIGNIFICANCE
    return vintage_claim(
        "P47", "The health and education share rises in university towns", "rising in university towns", values,
        verdicts, "% of jobs",
        "The paper names no university towns; the book reads them as the study districts holding a university's "
        f"main campus: {short_names(towns)} (in the book's catalogued list of main campuses, file id {UNIVERSITIES_FILE}: "
        f"{'; '.join(sorted(set(campuses['checked'])))}). Against a null, on {deciding_vintage()}: the "
        f"university label permuted across the {g['n_university'] + g['n_other']} districts ({g['n_permutations']:,} seeded draws), {chance}. "
        "Health jobs concentrate where the teaching hospitals are, and those are mostly in university cities, so "
        "the combined share partly measures hospitals; education alone, which they do not inflate, differs by "
        f"{g['education_gap_pp']:+.1f} pp between the university districts and the others (permutation p "
        f"{g['education_p_value']:.3f}), so the reading "
        + ("holds for education alone." if education_holds else "does not hold for education alone."),
        BRES_SHARES,
        rule=f"pattern: strictly, the university districts' median health and education share more than "
             f"{SHARE_MARGIN_PP:g} pp above the other districts'; loosely, above it at all, or education alone "
             f"more than {SHARE_MARGIN_PP:g} pp above")


def digital_small_claim() -> Claim:
    """P49: the digital sector is 'a comparatively small sector of the English
    economy overall'. Strictly: information & communication's share of England's
    jobs ranks in the lower half of the broad groups; loosely: it is below
    their mean share (100 per cent over their number)."""
    values, verdicts = {}, {}
    for v in claim_vintages():
        reference = reference_shares(v, "England")  # every broad group (BROAD_GROUPS), in every vintage
        share = float(reference[DIGITAL])
        rank = int(reference.rank(ascending=False, method="min")[DIGITAL])
        values[v] = f"{share:.1f}% of England's jobs, {rank} of {len(reference)} broad groups by size"
        verdicts[v] = pattern_verdict(rank > len(reference) / 2, share < 100 / len(reference))
    return vintage_claim(
        "P49", "The digital sector is a comparatively small sector of the English economy", "comparatively small",
        values, verdicts, "% of jobs (England)", "", f"{BRES_SHARES}; England",
        rule=f"pattern: strictly, in the lower half of the {len(BROAD_GROUPS)} broad groups by "
             "England's share of jobs; loosely, below their mean share")
