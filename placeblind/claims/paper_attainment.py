"""The paper's claims on educational attainment (its Table 1), ids P01-P11, and
the district-by-district readings it states in words (P44-P46).
"""

from __future__ import annotations

import math

import pandas as pd

from ..analysis.attainment import attainment_2011, attainment_facts, by_authority, districts_only, top_two_holds
from ..data.geography import ENGLAND_AND_WALES
from .claim import CorrelationClaim
from .framework import PAPER, Claim, decimals_of
from .paper_common import CENSUS
from .rules import SHARE_MARGIN_PP, list_verdict, more_than_half, numeric_verdict, pattern_verdict

# "Roughly half": within five points of 50%.
ROUGHLY_HALF = (45.0, 55.0)


# The correlation of the two shares (Table 1's note), as the paper prints it: r labelled r2.
P08 = CorrelationClaim("P08", -0.92)


SHARE_RULE = f"share: reproduced at the published precision, close within {SHARE_MARGIN_PP:g} pp"


EVERY_AREA_RULE = ("pattern: 'every area' read strictly as every district (the unit of the paper's Table 1); "
                   "close when it holds only for every combined authority (districts pooled)")


VALUE_CLAIMS = (
    ("P01", "Share of Cambridge residents with Level 4+ qualifications", "47.33", "Cambridge", "pct_level4_plus"),
    ("P02", "Share of Cambridge residents with no qualifications", "11.89", "Cambridge", "pct_no_qualifications"),
    ("P03", "Share of South Cambridgeshire residents with Level 4+ qualifications", "40.1", "South Cambridgeshire",
     "pct_level4_plus"),
    ("P04", "Share of South Cambridgeshire residents with no qualifications", "15.09", "South Cambridgeshire",
     "pct_no_qualifications"),
    ("P05", "Share of Sandwell residents with no qualifications", "35.17", "Sandwell", "pct_no_qualifications"),
    ("P06", "Share of Sandwell residents with Level 4+ qualifications", "15.36", "Sandwell", "pct_level4_plus"),
    ("P07", "Share of Fenland residents with Level 4+ qualifications", "14.88", "Fenland", "pct_level4_plus"),
)


def _value_claims(table: pd.DataFrame) -> list[Claim]:
    claims = []
    for claim_id, statement, published, district, column in VALUE_CLAIMS:
        row = table.loc[table["name"] == district].iloc[0]
        value = float(row[column])
        verdict = numeric_verdict(float(published), value, decimals_of(published), "share")
        reason = ""
        if verdict != "reproduced":
            key = column.removeprefix("pct_")
            reason = (f"QS501EW gives {int(row[key]):,} of {int(row['all_16plus']):,} residents aged 16+ "
                      f"= {value:.2f}%")
        claims.append(Claim(claim_id, PAPER, statement, published, f"{value:.2f}", "% of residents aged 16+",
                            CENSUS, verdict, reason, rule=SHARE_RULE))
    # Why one figure misses: said only when every other figure matches (computed, not assumed).
    missed = [c for c in claims if c.verdict != "reproduced"]
    if len(missed) == 1:
        c = missed[0]
        others = len(claims) - 1
        i = claims.index(c)
        claims[i] = Claim(**{**c.__dict__, "reason": (
            f"{c.reason}; the parser's sum checks pass on this row and the paper's other {others} attainment "
            f"figures all match to their published precision, so a mistyped figure in the paper is the "
            f"likeliest explanation")})
    return claims


def _correlation_claim(facts: dict) -> Claim:
    r = facts["r_noq_l4"]
    grade = P08.grade(r)
    verdict, reading = grade.verdict, grade.detail
    published = P08.published
    rounded = ("truncates" if not math.isnan(r) and int(r * 100) / 100 == published and round(r, 2) != published
               else "rounds")
    return Claim(
        "P08", PAPER, "Relationship across districts between the no-qualifications and Level 4+ shares",
        f"r2 {P08.published:g}", f"r = {r:.3f}; r2 = {r * r:.3f}", "correlation", CENSUS, verdict,
        f"Graded as {reading}: an r² cannot be negative, so the published value is Pearson's r labelled "
        f"r2; r is {r:.3f}, which rounds to {r:.2f} (the published figure {rounded} it), and squared it is "
        f"{r * r:.2f}.",
        rule=P08.rule)


def _every_area_claims(table: pd.DataFrame, facts: dict) -> list[Claim]:
    districts = districts_only(table)
    authorities = by_authority(table)
    n_auth_top = int(top_two_holds(authorities).sum())
    claims = [Claim(
        "P09", PAPER, "No qualifications and Level 4+ are the two largest qualification groups in every area",
        "all areas", f"{facts['n_districts'] - len(facts['not_top_two'])} of {facts['n_districts']} districts "
        f"(not in {', '.join(facts['not_top_two']) or 'none'}); {n_auth_top} of {len(authorities)} authorities",
        "districts; authorities", CENSUS,
        pattern_verdict(not facts["not_top_two"], n_auth_top == len(authorities)),
        ("In the listed districts another group (Level 3 or Level 2) outnumbers one of the two; "
         if facts["not_top_two"] else "")
        + f"with each authority's districts pooled the two groups are the largest in {n_auth_top} of "
          f"{len(authorities)}.", rule=EVERY_AREA_RULE)]
    combined = districts["pct_no_qualifications"] + districts["pct_level4_plus"]
    pooled = authorities["pct_no_qualifications"] + authorities["pct_level4_plus"]
    low, high = ROUGHLY_HALF
    within = combined.between(low, high).all()
    within_pooled = pooled.between(low, high).all()
    claims.append(Claim(
        "P10", PAPER, "The two groups together make up roughly half the residents of every area",
        "roughly 50%", f"districts {combined.min():.1f}% to {combined.max():.1f}%; authorities "
        f"{pooled.min():.1f}% to {pooled.max():.1f}%", "% of residents aged 16+", CENSUS,
        pattern_verdict(within, within_pooled),
        f"'Roughly half' is read as {low:g}-{high:g}%: {int(combined.between(low, high).sum())} of "
        f"{len(combined)} districts and {int(pooled.between(low, high).sum())} of {len(pooled)} authorities lie "
        "in it.", rule=EVERY_AREA_RULE + f"; 'roughly half' = {low:g}-{high:g}%"))
    return claims


def _exceptions_claim(table: pd.DataFrame, facts: dict) -> Claim:
    exceptions = facts["exceptions"]
    published = ["Bury", "Gloucester", "Wirral"]
    names = set(districts_only(table)["name"])
    slips = [n for n in published if n not in names and any(n in m for m in exceptions)]
    reason = "; ".join(f"'{n}' is not a study district; the data give {', '.join(m for m in exceptions if n in m)}, "
                       f"so '{n}' reads as a slip for it" for n in slips)
    return Claim(
        "P11", PAPER, "Districts where the larger of the two groups does not exceed its national rate",
        ", ".join(published), ", ".join(exceptions) or "none", "districts", CENSUS,
        list_verdict(published, exceptions), reason, rule="list of districts")


def _authority_pattern_claims(table: pd.DataFrame) -> list[Claim]:
    """Statements the paper makes in words about every district of an authority."""
    districts = districts_only(table)
    ew = table[table["code"] == ENGLAND_AND_WALES].iloc[0]

    def members(authorities):
        return districts[districts["authority"].isin(authorities)]

    def claim(claim_id, statement, published, frame, holds, unit):
        failing = frame.loc[~holds, "name"].tolist()
        return Claim(claim_id, PAPER, statement, published,
                     f"{int(holds.sum())} of {len(frame)} districts" + (f" (not {', '.join(failing)})"
                                                                        if failing else ""),
                     unit, CENSUS, pattern_verdict(bool(holds.all())),
                     "" if holds.all() else f"It fails in {', '.join(failing)}.",
                     rule="pattern: every district of the authority; no looser reading")

    tees = members(["Tees Valley"])
    north_west_midlands = members(["Liverpool City Region", "West Midlands"])
    west = members(["West of England"])
    return [
        claim("P44", "In every Tees Valley district more residents have no qualifications than Level 4+",
              "all Tees Valley districts", tees, tees["largest_of_two"] == "no_qualifications",
              "districts where no qualifications is the larger group"),
        claim("P45", "Every district of Liverpool City Region and the West Midlands has a no-qualifications share "
              "above the England and Wales rate", "every district", north_west_midlands,
              north_west_midlands["pct_no_qualifications"] > ew["pct_no_qualifications"],
              "districts above the England and Wales rate"),
        claim("P46", "In every West of England district more residents have Level 4+ than no qualifications",
              "all West of England districts", west, west["largest_of_two"] == "level4_plus",
              "districts where Level 4+ is the larger group"),
    ]


def attainment_claims() -> list[Claim]:
    table = attainment_2011()
    facts = attainment_facts(table)
    return (_value_claims(table) + [_correlation_claim(facts)] + _every_area_claims(table, facts)
            + [_exceptions_claim(table, facts)])


def attainment_pattern_claims() -> list[Claim]:
    """P44-P46 (added after the sector claims, so the ids keep their order)."""
    return _authority_pattern_claims(attainment_2011())


def no_qualifications_majority_claim() -> Claim:
    """P48: 'so many of the combined authority districts have a larger number of
    residents with no qualifications' (the paper's Table 4 discussion)."""
    table = attainment_2011()
    districts = districts_only(table)
    larger = districts["largest_of_two"] == "no_qualifications"
    n, total = int(larger.sum()), len(districts)
    return Claim(
        "P48", PAPER, "Many study districts have more residents with no qualifications than with Level 4+",
        "so many", f"{n} of {total} districts", "districts where no qualifications is the larger group", CENSUS,
        pattern_verdict(more_than_half(n, total)),
        f"Level 4+ is the larger group in {', '.join(districts.loc[~larger, 'name'])}." if n < total else "",
        rule="pattern: 'many' = more than half of the districts; no looser reading")
