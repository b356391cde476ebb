"""The paper's claims on location quotients (its Table 3).
"""

from __future__ import annotations

import pandas as pd

from ..analysis.findings import DIGITAL_WEST
from ..analysis.sector_measures import (
    districts_where_largest,
    england_base_effect,
    gb_districts,
    largest_sectors,
    wide,
)
from ..analysis.sector_readings import (
    CITIES,
    NEUTRAL_BAND,
    NORTHERN_AUTHORITIES,
    THIRD_DISTRICTS,
    authorities_without,
    in_band,
    manufacturing_largest,
)
from ..analysis.vintages import COUNTS, MEAN_VINTAGE, PRIMARY_VINTAGE, SHARES, by_kind, district_vintage, pooled_lq
from ..data.geography import STUDY_AUTHORITIES, study_districts
from ..data.sectors import BROAD_GROUPS, DIGITAL, MANUFACTURING, PROFESSIONAL
from ..text import and_join, number_word
from .claim import CombinedBelowClaim, LeadClaim, MajorityBelowClaim
from .framework import Claim
from .paper_common import (
    ABOUT_VINTAGES,
    BRES_SHARES,
    bracketed,
    ClaimData,
    how_read,
    short_names,
    numeric_grades,
    vintage_claim,
    claim_vintages,
    mean_value,
    measured_vintages,
)
from .rules import LQ_MARGIN, RATIO_MARGIN, list_verdict, more_than_half, numeric_verdict, pattern_verdict, worst

# The claim objects the robustness chapter grades too: digital under-represented
# taken together, professional services below 1 in many districts, manufacturing
# the largest sector somewhere in every authority but one.
P19 = CombinedBelowClaim("P19")
P23 = MajorityBelowClaim("P23")
P30 = LeadClaim("P30", exceptions=1)
# P29's range of professional LQs (the paper's 'LQs of 0.3-0.4'), read at two decimals (in_band).
P29_RANGE = (0.3, 0.4)
# P31's range of manufacturing LQs where it is the largest sector ('between 1.5 and 2.15'), read at two decimals.
P31_RANGE = (1.5, 2.15)
# The districts the paper names: P20's strongest digital districts (the two it names beside
# them, P21, are the analysis's DIGITAL_WEST) and P24's with professional services the largest.
P20_NAMED = ("Cambridge", "South Cambridgeshire", "Salford")
P24_NAMED = ("South Cambridgeshire", "Trafford")
# P34's published LQ of manufacturing in Cambridge ('one fifth of its national share').
P34_PUBLISHED = 0.2
# P25's professional LQ of Middlesbrough, Hartlepool and Oldham ('barely a third'), P26's
# factor by which South Cambridgeshire outstrips them, and P27's South Cambridgeshire LQ.
P25_PUBLISHED = 1 / 3
P26_PUBLISHED = 8
P27_PUBLISHED = 2.84


LQ_RULE = f"LQ: reproduced at the published precision, close within {LQ_MARGIN:g}"


def _lq_band_verdict(values: pd.Series) -> str:
    """Every LQ in the neutral band (strictly), or within the LQ margin of it (loosely)."""
    low, high = NEUTRAL_BAND
    return pattern_verdict(bool(in_band(values).all()),
                           bool(in_band(values, (low - LQ_MARGIN, high + LQ_MARGIN)).all()))


def lq_claims(d: ClaimData) -> list[Claim]:
    claims = []
    # Retail LQs: no area particularly under- or over-exposed.
    values, verdicts, lowest = {}, {}, {}
    for v in claim_vintages():
        retail = d.lq[v]["Retail"]
        lowest[v] = (retail.idxmin(), float(retail.min()))
        values[v] = (f"{d.lq_facts[v]['n_retail_neutral']} of {len(retail)} within "
                     f"{NEUTRAL_BAND[0]:g}-{NEUTRAL_BAND[1]:g}; outside: {d.lq_facts[v]['retail_outside']}")
        verdicts[v] = _lq_band_verdict(retail)
    claims.append(vintage_claim(
        "P18", "No district is particularly under- or over-exposed to retail (LQ)", "no area", values, verdicts,
        "location quotient",
        "The lowest are " + " and ".join(f"{short_names([n])} {x:.2f} ({v})" for v, (n, x) in lowest.items()) + ".",
        rule=f"pattern: every retail LQ in {NEUTRAL_BAND[0]:g}-{NEUTRAL_BAND[1]:g} strictly, within "
             f"{LQ_MARGIN:g} of that band loosely"))
    # Digital under-represented across the combined authorities.
    digital = DIGITAL
    codes = study_districts()["code"]
    values, verdicts, combined_lq = {}, {}, {}
    for v in measured_vintages():
        n_below = d.lq_facts[v]["n_digital_below_one"]
        if district_vintage(v).kind == COUNTS:  # counts: the paper's districts pooled
            combined_lq[v] = pooled_lq(v, digital)
            values[v] = f"pooled LQ {combined_lq[v]:.2f}; {n_below} of {len(d.lq[v])} districts below 1"
        else:  # shares only: the median district
            combined_lq[v] = float(d.lq[v][digital].median())
            values[v] = f"median LQ {combined_lq[v]:.2f}; {n_below} of {len(d.lq[v])} below 1"
        verdicts[v] = P19.grade(combined_lq[v]).verdict
    combined = mean_value(combined_lq)  # the mean of the two combined LQs
    values[MEAN_VINTAGE] = (f"mean combined LQ {combined:.2f}; {d.lq_facts[MEAN_VINTAGE]['n_digital_below_one']} "
                            f"of {len(d.lq[MEAN_VINTAGE])} districts below 1")
    verdicts[MEAN_VINTAGE] = P19.grade(combined).verdict
    claims.append(vintage_claim(
        "P19", "The digital sector (information & communication) is under-represented in the combined authorities",
        "under-represented", values, verdicts, "location quotient",
        how_read({COUNTS: f"pools the {len(codes)} districts' employment",
                  SHARES: "has shares only, so the median district is used"}) + ".",
        rule=P19.rule))
    # The strongest digital districts.
    values, verdicts = {}, {}
    for v in claim_vintages():
        top = d.lq[v][DIGITAL].sort_values(ascending=False)
        values[v] = ", ".join(f"{short_names([n])} {x:.2f}" for n, x in top.iloc[:3].items())
        verdicts[v] = list_verdict(set(P20_NAMED), set(top.index[:3]))
    claims.append(vintage_claim(
        "P20", f"{and_join(P20_NAMED)} are the strongest digital districts",
        ", ".join(P20_NAMED), values, verdicts, "location quotient (top three)", "",
        rule="list of districts (the top three)"))
    values, verdicts = {}, {}
    for v in claim_vintages():
        lq = d.lq[v][DIGITAL]
        pair = lq[list(DIGITAL_WEST)]
        values[v] = ", ".join(f"{short_names([n])} {x:.2f}" for n, x in pair.items())
        verdicts[v] = pattern_verdict(bool((pair > 1).all()), bool((pair > 1 - LQ_MARGIN).all()))
    claims.append(vintage_claim(
        "P21", f"{and_join([short_names([n]) for n in DIGITAL_WEST])} are also over-represented in digital", "LQ above 1",
        values, verdicts, "location quotient", "",
        rule=f"pattern: both LQs above 1 strictly, above {1 - LQ_MARGIN:g} loosely"))
    named = [*P20_NAMED, *DIGITAL_WEST]
    values, verdicts = {}, {}
    for v in claim_vintages():
        lq = d.lq[v][DIGITAL].drop(index=named)
        above = lq[lq >= 1].sort_values(ascending=False)
        values[v] = (f"{len(lq) - len(above)} of {len(lq)} below 1; at or above 1: "
                     + (", ".join(f"{short_names([n])} {x:.2f}" for n, x in above.items()) or "none"))
        verdicts[v] = pattern_verdict(above.empty, bool((above < 1 + LQ_MARGIN).all()))
    claims.append(vintage_claim(
        "P22", "Every other district is below the national average in digital", "all other districts below 1",
        values, verdicts, "location quotient", "",
        rule=f"pattern: every other LQ below 1 strictly, below {1 + LQ_MARGIN:g} loosely"))
    # Professional services under-represented in many districts.
    prof = PROFESSIONAL
    values, verdicts = {}, {}
    for v in claim_vintages():
        n_below = int((d.lq[v][prof] < 1).sum())
        values[v] = f"{n_below} of {len(d.lq[v][prof])} districts below 1"
        verdicts[v] = P23.grade(d.lq[v][prof]).verdict
    pooled_prof = pooled_lq(PRIMARY_VINTAGE, prof)
    employment = gb_districts(PRIMARY_VINTAGE).groupby("code")["count"].sum()
    above = wide(PRIMARY_VINTAGE, "lq")
    above = above[above[prof] > 1]
    biggest = above.assign(jobs=employment).sort_values("jobs", ascending=False)["name"].iloc[:3]
    claims.append(vintage_claim(
        "P23", "Professional, scientific & technical is under-represented in many districts", "many", values,
        verdicts, "districts with LQ below 1",
        f"Taken together the {len(codes)} districts have a {PRIMARY_VINTAGE} LQ of {pooled_prof:.2f}; the districts "
        "above 1 "
        f"with the most jobs are {short_names(biggest)}.", rule=P23.rule))
    # Professional services the largest sector.
    values, verdicts = {}, {}
    largest = {v: districts_where_largest(v, prof) for v in claim_vintages()}
    for v in claim_vintages():
        values[v] = short_names(largest[v])
        verdicts[v] = list_verdict(set(P24_NAMED), largest[v])
    extra = sorted({n for v in claim_vintages() for n in largest[v]} - set(P24_NAMED))
    # Each vintage's table of largest sectors built once, for the vintages that name one of them.
    tables = {v: largest_sectors(v).set_index("name") for v in claim_vintages() if set(extra) & set(largest[v])}
    margins = "; ".join(f"{short_names([n])} ahead of its next group by "
                        + " and ".join(f"{tables[v].loc[n, 'margin_pp']:.2f} pp in {v}"
                                       for v in claim_vintages() if n in largest[v])
                        for n in extra)
    claims.append(vintage_claim(
        "P24", f"Professional, scientific & technical is the largest sector in {number_word(len(P24_NAMED))} "
        f"districts, {and_join(P24_NAMED)}", f"{len(P24_NAMED)} ({', '.join(P24_NAMED)})", values, verdicts,
        "districts",
        "Also largest: " + (margins or "none") + ".", rule="list of districts"))
    # Middlesbrough, Hartlepool and Oldham about a third of the national share.
    trio = list(THIRD_DISTRICTS)
    effect = england_base_effect().set_index(["vintage", "sector"]).loc[(PRIMARY_VINTAGE, prof)]
    values, verdicts, numbers = {}, {}, {}
    for v in claim_vintages():
        lq = d.lq[v][prof][trio]
        numbers[v] = lq
        values[v] = ", ".join(f"{n} {x:.2f}" for n, x in lq.items())
        verdicts[v] = worst(numeric_verdict(P25_PUBLISHED, float(x), 2, "lq") for x in lq)
    claims.append(vintage_claim(
        "P25", f"Professional services in {and_join(trio)} are barely a third of the national average", f"about {P25_PUBLISHED:.2f} (a third)", values, verdicts, "location quotient",
        f"Each LQ is compared with 1/{1 / P25_PUBLISHED:g} (close within {LQ_MARGIN}). The lowest in the "
        f"{len(codes)} is {d.lq_facts[PRIMARY_VINTAGE]['prof_min']:.2f} "
        f"({d.lq_facts[PRIMARY_VINTAGE]['prof_min_name']}) in {PRIMARY_VINTAGE}. Another base does not explain it: "
        f"with England as the reference every {PRIMARY_VINTAGE} LQ is multiplied by {effect['factor']:.3f}. "
        + ABOUT_VINTAGES, rule=LQ_RULE + f"; each of the {number_word(len(trio))} districts, the weakest decides"))
    p25 = claims[-1].verdict
    # South Cambridgeshire eight times as strong.
    values, verdicts = {}, {}
    for v in claim_vintages():
        ratio = d.lq[v].loc["South Cambridgeshire", prof] / numbers[v]
        values[v] = f"{ratio.min():.1f} to {ratio.max():.1f}"
        verdicts[v] = worst(numeric_verdict(P26_PUBLISHED, float(x), 0, "ratio") for x in ratio)
    first = d.lq_facts[PRIMARY_VINTAGE]
    claims.append(vintage_claim(
        "P26", f"South Cambridgeshire outstrips {and_join(trio)} in professional services by a factor of "
        f"{P26_PUBLISHED:g}", f"{P26_PUBLISHED:g}", values, verdicts,
        "ratio of location quotients (equal to the ratio of shares)",
        f"The ratio of two districts' LQs equals the ratio of their shares. In {PRIMARY_VINTAGE} it is "
        f"{first['scambs_prof_lq']:.2f} / {numbers[PRIMARY_VINTAGE].min():.2f}-{numbers[PRIMARY_VINTAGE].max():.2f}; "
        f"the paper's own figures give {P27_PUBLISHED:g} / (1/{1 / P25_PUBLISHED:g}) = "
        f"{P27_PUBLISHED / P25_PUBLISHED:.1f}, so the factor follows from its 'third', whose verdict is "
        f"'{p25}' (P25).", rule=f"ratio: reproduced at the published precision, close within {RATIO_MARGIN:g}; "
                                f"each of the {number_word(len(trio))}, the weakest decides"))
    # South Cambridgeshire's professional LQ (P27_PUBLISHED).
    lq_values = {v: float(d.lq_facts[v]["scambs_prof_lq"]) for v in measured_vintages()}
    lq_values[MEAN_VINTAGE] = mean_value(lq_values)
    verdicts = numeric_grades(P27_PUBLISHED, lq_values, 2, "lq")
    claims.append(vintage_claim(
        "P27", "South Cambridgeshire's professional, scientific & technical LQ", f"{P27_PUBLISHED:g}",
        {v: f"{lq_values[v]:.2f}" for v in claim_vintages()}, verdicts, "location quotient",
        f"{bracketed(P27_PUBLISHED, lq_values)} " + ABOUT_VINTAGES + " The "
        + "; the ".join(f"{year} base is {base}" for year, base in by_kind({
            COUNTS: "the sum of all GB districts (employment)",
            SHARES: "GB employees by SIC section, section G split by division"})) + ".", rule=LQ_RULE))
    # The highest LQ of any sector in any district.
    values, verdicts = {}, {}
    for v in claim_vintages():
        f = d.lq_facts[v]
        values[v] = (f"highest of all: {f['top_lq_name']} {f['top_lq_sector'].lower()} {f['top_lq']:.2f}; "
                     f"highest key sector: {short_names([f['top_key_lq_name']])} {f['top_key_lq_sector'].lower()} "
                     f"{f['top_key_lq']:.2f}")
        is_top_all = f["top_lq_name"] == "South Cambridgeshire" and f["top_lq_sector"] == prof
        is_top_key = f["top_key_lq_name"] == "South Cambridgeshire" and f["top_key_lq_sector"] == prof
        verdicts[v] = pattern_verdict(is_top_all, is_top_key)
    claims.append(vintage_claim(
        "P28", "South Cambridgeshire's professional services LQ is the highest of any sector in any district",
        "highest of any sector", values, verdicts, "location quotient",
        f"Across all {len(BROAD_GROUPS)} broad groups it is not: in {PRIMARY_VINTAGE} "
        f"{d.lq_facts[PRIMARY_VINTAGE]['n_above_scambs_prof']} district-sector "
        f"LQs are higher ({d.lq_facts[PRIMARY_VINTAGE]['above_scambs_prof']}). "
""
        + " ".join(f"In {v} the highest key-sector LQ is {short_names([d.lq_facts[v]['top_key_lq_name']])}'s "
                   f"{d.lq_facts[v]['top_key_lq_sector'].lower()} ({d.lq_facts[v]['top_key_lq']:.2f})."
                   for v in claim_vintages()),
        rule="pattern: the highest of all broad groups strictly, of the paper's eight key sectors loosely"))
    # Northern districts with professional LQs of 0.3-0.4.
    values, verdicts, elsewhere = {}, {}, []
    northern = study_districts()[study_districts()["authority"].isin(NORTHERN_AUTHORITIES)]["name"]
    low, high = P29_RANGE
    for v in claim_vintages():
        others = d.lq[v][prof].drop(index=northern.tolist())
        elsewhere += [f"{short_names([n])} {x:.2f} ({v})" for n, x in others[in_band(others, P29_RANGE)].items()]
        lq = d.lq[v].loc[northern.tolist(), prof].round(2)
        in_range = lq[in_band(lq, P29_RANGE)]
        values[v] = (f"{len(in_range)} of {len(lq)} Northern districts in {low:g}-{high:g}; lowest "
                     f"{lq.min():.2f} ({lq.idxmin()})")
        verdicts[v] = pattern_verdict(len(in_range) >= 3, int((lq < high + LQ_MARGIN).sum()) >= 3)
    claims.append(vintage_claim(
        "P29", "Many districts, particularly in Northern England, have professional services LQs of 0.3-0.4",
        f"{low:g}-{high:g}", values, verdicts, "location quotient",
        f"Northern = Greater Manchester, Liverpool City Region and Tees Valley. Other study districts in "
        f"{low:g}-{high:g}: " + (", ".join(elsewhere) or "none") + ". " + ABOUT_VINTAGES,
        rule=f"pattern: 'many' = at least three Northern districts in {low:g}-{high:g} strictly, below "
             f"{high + LQ_MARGIN:.1f} loosely"))
    # Manufacturing.
    values, verdicts, exceptions, joints = {}, {}, {}, {}
    for v in claim_vintages():
        largest = manufacturing_largest(v)
        strict = largest[~largest["joint"]]
        joints[v] = int(largest["joint"].sum())
        without_all = authorities_without(largest["name"])
        without_strict = authorities_without(strict["name"])
        n = len(STUDY_AUTHORITIES)
        values[v] = (f"{n - len(without_all)} of {n} (not {', '.join(without_all)})"
                     + (f"; {n - len(without_strict)} of {n} without ties" if without_strict != without_all else ""))
        exceptions[v] = ", ".join(without_all)
        verdicts[v] = P30.grade((len(without_strict), len(without_all))).verdict
    claims.append(vintage_claim(
        "P30", "Manufacturing is the largest sector in at least one district of every combined authority but one",
        "all but one authority", values, verdicts, "authorities",
        "Exception: "
        + "; ".join(f"{exceptions[v]} ({v})" for v in claim_vintages()) + ". Districts where manufacturing only ties: "
        + "; ".join(f"{joints[v]} ({v})" for v in claim_vintages()) + ".", BRES_SHARES,
        rule=P30.rule))
    values, verdicts, outside = {}, {}, []
    low, high = P31_RANGE
    for v in claim_vintages():
        largest = manufacturing_largest(v)
        inside = in_band(largest["lq"], P31_RANGE)
        outside += [f"{short_names([r['name']])} {r['lq']:.2f} ({v})" for _, r in largest[~inside].iterrows()]
        values[v] = ", ".join(f"{short_names([r['name']])} {r['lq']:.2f}{' (joint)' if r['joint'] else ''}"
                              for _, r in largest.iterrows())
        near = in_band(largest["lq"], (low - LQ_MARGIN, high + LQ_MARGIN))
        verdicts[v] = pattern_verdict(bool(inside.all()), bool(near.all()))
    claims.append(vintage_claim(
        "P31", f"Where manufacturing is the largest sector its LQ is between {low:g} and {high:g}", f"{low:g}-{high:g}", values,
        verdicts, "location quotient",
        "Outside: " + (", ".join(outside) or "none") + ". " + ABOUT_VINTAGES,
        rule=f"pattern: every such LQ in {low:g}-{high:g} strictly, within {LQ_MARGIN:g} of it loosely"))
    values, verdicts, spare = {}, {}, {}
    for v in claim_vintages():
        f = d.lq_facts[v]
        values[v] = f"{f['n_manufacturing_other_above_one']} of {f['n_manufacturing_other']} above 1"
        verdicts[v] = pattern_verdict(more_than_half(f["n_manufacturing_other_above_one"],
                                                     f["n_manufacturing_other"]))
        spare[v] = f["n_manufacturing_other_above_one"] - f["n_manufacturing_other"] // 2 - 1
    claims.append(vintage_claim(
        "P32", "In most other districts manufacturing is above its national share", "most", values, verdicts,
        "districts (where manufacturing is not the largest) with LQ above 1",
        "Districts to spare over a bare majority (negative: short of one): "
        + "; ".join(f"{spare[v]} in {v}" for v in claim_vintages()) + ".", rule="pattern: 'most' = more than half"))
    values, verdicts = {}, {}
    for v in claim_vintages():
        f = d.lq_facts[v]
        lq = d.lq[v][MANUFACTURING][list(CITIES)]
        values[v] = f["city_manufacturing"]
        verdicts[v] = pattern_verdict(bool((lq < 1).all()), bool((lq < 1 + LQ_MARGIN).all()))
    claims.append(vintage_claim(
        "P33", "Manufacturing is under-represented in the cities (Bristol, Cambridge, Liverpool, Manchester)",
        "LQ below 1", values, verdicts, "location quotient",
        f"They are not the only exceptions: in {PRIMARY_VINTAGE} "
        f"{d.lq_facts[PRIMARY_VINTAGE]['manufacturing_below_one_not_city']} are "
        "below 1 too.", rule=f"pattern: all four below 1 strictly, below {1 + LQ_MARGIN:g} loosely"))
    lq_values = {v: float(d.lq_facts[v]["cambridge_manufacturing_lq"]) for v in measured_vintages()}
    lq_values[MEAN_VINTAGE] = mean_value(lq_values)
    claims.append(vintage_claim(
        "P34", "Manufacturing in Cambridge is at one fifth of its national share", f"{P34_PUBLISHED:g} (one fifth)",
        {v: f"{lq_values[v]:.2f}" for v in claim_vintages()}, numeric_grades(P34_PUBLISHED, lq_values, 1, "lq"), "location quotient",
        "Compared at one decimal place.", rule=LQ_RULE))
    return claims
