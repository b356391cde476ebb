"""The paper's claims on sector composition (its Table 2).
"""

from __future__ import annotations

from ..analysis.sector_readings import (
    HEALTH_EDUCATION_BAND,
    NEAR_TIE_PP,
    NEUTRAL_BAND,
    prioritised_by_authority,
    retail_largest_private,
    section_g_largest,
)
from ..data.census import qualifications_2011
from ..data.geography import study_districts
from .framework import PAPER, Claim
from .paper_common import BRES_SHARES, _Data, _names, _vintage_claim


def _population_claim(claim_id: str) -> Claim:
    census = qualifications_2011()
    adults = int(census.loc[census["code"].isin(study_districts()["code"]), "all_16plus"].sum())
    published = 7.3e6
    if adults > published:
        verdict = "differs"
        reason = (f"The bundle holds no count of total population, but the 2011 Census counts {adults:,} usual "
                  f"residents aged 16 and over in the 37 districts. That leaves out children, and these areas "
                  f"grew after 2011, so it is a lower bound on their population, and it already exceeds "
                  f"7.3 million: the published figure is too low (it may be an adult or working-age count, "
                  f"which the text does not say).")
    else:
        verdict = "cannot be tested"
        reason = (f"The bundle holds no count of total population; the 2011 Census counts {adults:,} usual "
                  f"residents aged 16 and over in the 37 districts, which is not the total population.")
    return Claim(claim_id, PAPER, "Population of the six combined authorities", "7.3 million",
                 f"at least {adults / 1e6:.2f} million (residents aged 16+, 2011)", "persons",
                 "2011 Census QS501EW (residents aged 16+)", verdict, reason)


def _composition_claims(d: _Data) -> list[Claim]:
    VINTAGES = d.vintages  # noqa: N806  (the paper's 2018 first when fetched, then 2017 and 2019)
    claims = []
    # Cambridgeshire and Peterborough stands apart in the prioritised sectors.
    values, verdicts, rest = {}, {}, []
    for v in VINTAGES:
        table = prioritised_by_authority(v).set_index("authority")
        rest += [100 - float(x) for x in table["prioritised_pct"]]
        cp = table.loc["Cambridgeshire and Peterborough"]
        others = table.drop(index="Cambridgeshire and Peterborough")
        values[v] = (f"C&P {cp['prioritised_pct']:.1f}%, other five {others['prioritised_pct'].min():.1f}-"
                     f"{others['prioritised_pct'].max():.1f}%, GB {cp['reference_pct']:.1f}%")
        alone = (cp["prioritised_pct"] == table["prioritised_pct"].max()) and (others["difference_pp"] < 1).all() \
            and cp["difference_pp"] >= 1
        verdicts[v] = "reproduced" if alone else ("close" if cp["prioritised_pct"] == table["prioritised_pct"].max()
                                                  else "differs")
    claims.append(_vintage_claim(
        "P13", "All combined authorities but Cambridgeshire and Peterborough rely overwhelmingly on sectors the "
        "Industrial Strategy does not prioritise", "all but one (Cambridgeshire and Peterborough)", values, verdicts,
        "% of jobs in manufacturing, information & communication and professional, scientific & technical",
        "Tested as: Cambridgeshire and Peterborough has the largest share of jobs in the three prioritised sectors "
        "and is the only authority more than 1 percentage point above Great Britain. 2017 pools each authority's "
        "districts; 2019 publishes shares only, so the median district is used. 'Overwhelming' is the paper's "
        f"word: the other sectors hold {min(rest):.0f}-{max(rest):.0f}% of jobs in every authority.", BRES_SHARES))
    # Health and education 20-25% of jobs in most districts.
    low, high = HEALTH_EDUCATION_BAND
    values, verdicts = {}, {}
    for v in VINTAGES:
        c = d.comp[v]
        values[v] = (f"{c['n_he_20_25']} of {c['n_districts']} districts in {low}-{high}% (range {c['he_min']:.1f}% "
                     f"{_names([c['he_min_name']])} to {c['he_max']:.1f}% {_names([c['he_max_name']])})")
        verdicts[v] = "reproduced" if c["n_he_20_25"] > c["n_districts"] / 2 else "differs"
    c = d.comp[2017]
    claims.append(_vintage_claim(
        "P14", "In most districts, health and education together employ 20-25% of all workers", "20-25%, most areas",
        values, verdicts, "% of jobs",
        f"A share counts as {low}-{high}% when it rounds to a whole per cent from {low} to {high}; 'most' is read "
        f"as more than half. In 2017 {c['n_he_above_25']} districts are above {high}% "
        f"({_names(c['he_above_25'].split(', '))}) and {c['n_he_below_20']} below {low}%.", BRES_SHARES))
    # Health and education LQs near 1.
    values, verdicts = {}, {}
    for v in VINTAGES:
        f = d.lq_facts[v]
        values[v] = (f"health {f['n_health_neutral']}, education {f['n_education_neutral']}, both "
                     f"{f['n_public_neutral']} of 37 within {f['band_low']:g}-{f['band_high']:g}")
        verdicts[v] = "reproduced" if min(f["n_health_neutral"], f["n_education_neutral"]) > 37 / 2 else "differs"
    claims.append(_vintage_claim(
        "P15", "In most districts the health and education LQs show neither under- nor over-exposure",
        "most cases, with some exceptions", values, verdicts, "districts",
        f"'Neither under- nor over-exposed' is read as an LQ from {NEUTRAL_BAND[0]:g} to {NEUTRAL_BAND[1]:g} "
        "(within a factor of 1.25 of Great Britain), tested for each sector separately; the paper gives no band."))
    # Section G in the 2011 Census.
    g17, g19 = (section_g_largest(v) for v in (2017, 2019))  # context only: the bundle's two
    claims.append(Claim(
        "P16", PAPER, "In the 2011 Census, wholesale and retail (section G) is the largest industry in most areas",
        "most areas", f"not in the bundle; BRES as context: 2017 {len(g17)}, 2019 {len(g19)} of 37 districts",
        "districts", "2011 Census industry (not in the bundle); BRES 2017 and 2019 as context", "cannot be tested",
        "The bundle has no 2011 Census industry table. As context only: with motor trades, wholesale and retail "
        f"summed to section G, BRES makes G the largest group in {len(g17)} of 37 districts in 2017 and "
        f"{len(g19)} in 2019."))
    # Retail the largest private-sector employer.
    named = ["Liverpool City Region", "Tees Valley", "West of England"]
    values, verdicts = {}, {}
    for v in VINTAGES:
        table = retail_largest_private(v).set_index("authority").loc[named]
        values[v] = "; ".join(f"{a} {int(r['retail_largest'])}/{int(r['districts'])}" for a, r in table.iterrows())
        strict = (table["retail_largest"] >= table["districts"] / 2).all()
        near = ((table["retail_largest"] + table["retail_near"]) >= table["districts"] / 2).all()
        verdicts[v] = "reproduced" if strict else ("close" if near else "differs")
    short = []
    for v in VINTAGES:
        table = retail_largest_private(v).set_index("authority").loc[named]
        for authority, r in table[table["retail_largest"] < table["districts"] / 2].iterrows():
            short.append(f"{authority} in {v} ({int(r['retail_largest'])} of {int(r['districts'])}"
                         + (f": {_names(r['names'].split(', '))}" if r["names"] else "") + ")"
                         + (f", with {r['near_names']} a near tie (under {NEAR_TIE_PP} pp)" if r["near_names"]
                            else ""))
    claims.append(_vintage_claim(
        "P17", "In Liverpool City Region, Tees Valley and West of England, retail employs more than any other "
        "private-sector group in half or more of the districts", "at least half in each of the three", values, verdicts,
        "districts where retail is the largest (or joint largest) private-sector group",
        "Private sector = every broad group except public administration & defence, education and health (the "
        "paper does not define it). Close: the shortfall disappears when near ties count. Short of half: "
        + ("; ".join(short) or "none") + ".", BRES_SHARES))
    return claims
