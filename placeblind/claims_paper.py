"""Claims of Nurse and Sykes (2020), checked against the official data.

Published figures are quoted from the pre-publication text in shared/seeds;
statements are paraphrased in the book's own words.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from . import sector_analysis as sa
from .attainment import attainment_facts
from .census import qualifications_2011
from .claims import PAPER, VERDICTS, Claim, decimals_of, ledger_frame, numeric_verdict
from .geography import STUDY_AUTHORITIES, study_districts
from .memo import disk_cached
from .tables import attainment_2011, export

CENSUS = "2011 Census"
CLAIMS_SOURCE = ("Nurse and Sykes (2020) for the published figures; Office for National Statistics (BRES via Nomis, "
                 "2011 Census), licensed under the Open Government Licence v3.0, for the official data")
BRES = "BRES 2017 (employment) and 2019 (employees); Great Britain base"
BRES_SHARES = "BRES 2017 (employment) and 2019 (employees)"
FITS = "BRES 2017 and 2019 shares on 2011 Census education; 37 study districts"
# Margins for 'close' (absolute, in the claim's unit).
LQ_MARGIN = 0.1
R2_MARGIN = 0.1
# The paper used BRES 2018; the bundle brackets it with 2017 and 2019.
ABOUT_VINTAGES = ("The paper used BRES 2018, which lies between the two vintages here; 2017 counts employment "
                  "(employees and working owners), 2019 employees.")


def _attainment_value_claim(claim_id: str, statement: str, published: str, district: str, column: str,
                            table: pd.DataFrame, reason_if_differs: str = "") -> Claim:
    value = float(table.loc[table["name"] == district, column].iloc[0])
    verdict = numeric_verdict(float(published), value, decimals_of(published), close_within=0.5)
    reason = ""
    if verdict != "reproduced":
        counts = table.loc[table["name"] == district].iloc[0]
        key = column.removeprefix("pct_")
        reason = (f"QS501EW gives {int(counts[key]):,} of {int(counts['all_16plus']):,} residents aged 16+ "
                  f"= {value:.2f}%; {reason_if_differs}").rstrip("; ")
    return Claim(claim_id, PAPER, statement, published, f"{value:.2f}", "% of residents aged 16+", CENSUS,
                 verdict, reason)


def attainment_claims() -> list[Claim]:
    table = attainment_2011()
    facts = attainment_facts(table)
    claims = [
        _attainment_value_claim("P01", "Share of Cambridge residents with Level 4+ qualifications", "47.33",
                                "Cambridge", "pct_level4_plus", table),
        _attainment_value_claim("P02", "Share of Cambridge residents with no qualifications", "11.89",
                                "Cambridge", "pct_no_qualifications", table),
        _attainment_value_claim("P03", "Share of South Cambridgeshire residents with Level 4+ qualifications", "40.1",
                                "South Cambridgeshire", "pct_level4_plus", table),
        _attainment_value_claim("P04", "Share of South Cambridgeshire residents with no qualifications", "15.09",
                                "South Cambridgeshire", "pct_no_qualifications", table,
                                "the row passes every internal sum check and the paper's other six attainment "
                                "figures match to two decimals, so a mistyped digit in the paper is the likeliest "
                                "explanation"),
        _attainment_value_claim("P05", "Share of Sandwell residents with no qualifications", "35.17",
                                "Sandwell", "pct_no_qualifications", table),
        _attainment_value_claim("P06", "Share of Sandwell residents with Level 4+ qualifications", "15.36",
                                "Sandwell", "pct_level4_plus", table),
        _attainment_value_claim("P07", "Share of Fenland residents with Level 4+ qualifications", "14.88",
                                "Fenland", "pct_level4_plus", table),
    ]
    r = facts["r_noq_l4"]
    claims.append(Claim(
        "P08", PAPER, "Relationship across districts between the no-qualifications and Level 4+ shares",
        "r2 -0.92", f"r = {r:.3f}; r2 = {r * r:.3f}", "correlation", CENSUS,
        numeric_verdict(-0.92, r, 2, close_within=0.01),
        "the published value is Pearson's r, labelled r2 in the text (an r-squared cannot be negative); "
        f"r is {r:.3f}, which rounds to {r:.2f} (the paper appears to truncate), and squared it is {r * r:.2f}"))
    n_top = facts["n_districts"] - len(facts["not_top_two"])
    claims.append(Claim(
        "P09", PAPER, "No qualifications and Level 4+ are the two largest qualification groups in every area",
        "all areas", f"{n_top} of {facts['n_districts']} districts (not in {', '.join(facts['not_top_two'])})",
        "districts", CENSUS, "differs" if facts["not_top_two"] else "reproduced",
        "in the listed districts Level 3 or Level 2 outnumbers one of the two groups" if facts["not_top_two"] else ""))
    claims.append(Claim(
        "P10", PAPER, "The two groups together make up roughly half the residents of every area",
        "roughly 50%", f"{facts['combined_min']:.1f}% to {facts['combined_max']:.1f}%", "% of residents aged 16+",
        CENSUS, "close" if 40 <= facts["combined_min"] and facts["combined_max"] <= 60 else "differs",
        "'roughly 50%' holds as a range around one half"))
    exceptions = facts["exceptions"]
    published_exceptions = ["Bury", "Gloucester", "Wirral"]
    claims.append(Claim(
        "P11", PAPER, "Districts where the larger of the two groups does not exceed its national rate",
        ", ".join(published_exceptions), ", ".join(exceptions), "districts", CENSUS,
        "reproduced" if exceptions == published_exceptions else "close",
        "Gloucester is not a study district; the data give South Gloucestershire, so 'Gloucester' reads as a slip "
        "for it" if "South Gloucestershire" in exceptions else ""))
    return claims


# ---------------------------------------------------------------------------
# Tables 2-4: sector shares, location quotients, education and sector size
#
# Every sector claim is tested on both vintages. The row's verdict is the
# better of the two (the paper's 2018 lies between them), the reason gives
# each vintage's verdict and why the figures differ where they do. A numeric
# claim whose published value lies between the 2017 and 2019 values is at
# least 'close'.
# ---------------------------------------------------------------------------

VINTAGES = sa.VINTAGES


def _better(verdicts: dict[int, str]) -> str:
    return min(verdicts.values(), key=VERDICTS.index)


def _vintage_claim(claim_id: str, statement: str, published: str, values: dict[int, str],
                   verdicts: dict[int, str], unit: str, reason: str, vintage: str = BRES) -> Claim:
    reproduced = "; ".join(f"{v}: {values[v]}" for v in VINTAGES)
    graded = "; ".join(f"{v} {verdicts[v]}" for v in VINTAGES)
    return Claim(claim_id, PAPER, statement, published, reproduced, unit, vintage, _better(verdicts),
                 f"Per vintage: {graded}. {reason}".strip())


def _numeric(published: float, values: dict[int, float], decimals: int, close_within: float) -> dict[int, str]:
    verdicts = {v: numeric_verdict(published, values[v], decimals, close_within) for v in VINTAGES}
    low, high = sorted(values[v] for v in VINTAGES)
    if _better(verdicts) == "differs" and low <= published <= high:
        # The paper's year lies between the two vintages: so may its value.
        verdicts = {v: ("close" if verdicts[v] == "differs" else verdicts[v]) for v in VINTAGES}
    return verdicts


def _bracketed(published: float, values: dict[int, float]) -> str:
    low, high = sorted(values[v] for v in VINTAGES)
    return (f" The published {published:g} lies between the 2017 and 2019 values, as a 2018 figure might."
            if low <= published <= high else "")


def _names(names) -> str:
    return ", ".join(n.replace(", City of", "") for n in names)


class _Data:
    """Everything the sector claims read, computed once."""

    def __init__(self):
        self.lq = {v: sa.wide(v, "lq").set_index("name") for v in VINTAGES}
        self.shares = {v: sa.wide(v, "share_pct").set_index("name") for v in VINTAGES}
        self.lq_facts = {v: sa.lq_facts(v) for v in VINTAGES}
        self.comp = {v: sa.composition_facts(v) for v in VINTAGES}
        self.fits = sa.education_sector_fits()

    def fit(self, vintage: int, sector: str, education: str) -> pd.Series:
        return sa.fit_lookup(self.fits, "study_districts", vintage, sector, education)


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
    claims = []
    # Cambridgeshire and Peterborough stands apart in the prioritised sectors.
    values, verdicts, rest = {}, {}, []
    for v in VINTAGES:
        table = sa.prioritised_by_authority(v).set_index("authority")
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
    low, high = sa.HEALTH_EDUCATION_BAND
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
        f"'Neither under- nor over-exposed' is read as an LQ from {sa.NEUTRAL_BAND[0]:g} to {sa.NEUTRAL_BAND[1]:g} "
        "(within a factor of 1.25 of Great Britain), tested for each sector separately; the paper gives no band."))
    # Section G in the 2011 Census.
    g17, g19 = (sa.section_g_largest(v) for v in VINTAGES)
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
        table = sa.retail_largest_private(v).set_index("authority").loc[named]
        values[v] = "; ".join(f"{a} {int(r['retail_largest'])}/{int(r['districts'])}" for a, r in table.iterrows())
        strict = (table["retail_largest"] >= table["districts"] / 2).all()
        near = ((table["retail_largest"] + table["retail_near"]) >= table["districts"] / 2).all()
        verdicts[v] = "reproduced" if strict else ("close" if near else "differs")
    short = []
    for v in VINTAGES:
        table = sa.retail_largest_private(v).set_index("authority").loc[named]
        for authority, r in table[table["retail_largest"] < table["districts"] / 2].iterrows():
            short.append(f"{authority} in {v} ({int(r['retail_largest'])} of {int(r['districts'])}"
                         + (f": {_names(r['names'].split(', '))}" if r["names"] else "") + ")"
                         + (f", with {r['near_names']} a near tie (under {sa.NEAR_TIE_PP} pp)" if r["near_names"]
                            else ""))
    claims.append(_vintage_claim(
        "P17", "In Liverpool City Region, Tees Valley and West of England, retail employs more than any other "
        "private-sector group in half or more of the districts", "at least half in each of the three", values, verdicts,
        "districts where retail is the largest (or joint largest) private-sector group",
        "Private sector = every broad group except public administration & defence, education and health (the "
        "paper does not define it). Close: the shortfall disappears when near ties count. Short of half: "
        + ("; ".join(short) or "none") + ".", BRES_SHARES))
    return claims


def _lq_band_verdict(values: pd.Series, wide_band: float = 1.5) -> str:
    if sa.in_band(values).all():
        return "reproduced"
    if sa.in_band(values, (1 / wide_band, wide_band)).all():
        return "close"
    return "differs"


def _lq_claims(d: _Data) -> list[Claim]:
    claims = []
    # Retail LQs: no area particularly under- or over-exposed.
    values, verdicts, lowest = {}, {}, {}
    for v in VINTAGES:
        retail = d.lq[v]["Retail"]
        lowest[v] = (retail.idxmin(), float(retail.min()))
        values[v] = (f"{d.lq_facts[v]['n_retail_neutral']} of 37 within 0.8-1.25; outside: "
                     f"{d.lq_facts[v]['retail_outside']}")
        verdicts[v] = _lq_band_verdict(retail)
    claims.append(_vintage_claim(
        "P18", "No district is particularly under- or over-exposed to retail (LQ)", "no area", values, verdicts,
        "location quotient",
        "Tested as: every retail LQ from 0.8 to 1.25 (reproduced), or within a factor of 1.5 of 1 (close). The "
        "lowest are " + " and ".join(f"{_names([n])} {x:.2f} ({v})" for v, (n, x) in lowest.items()) + "."))
    # Digital under-represented across the combined authorities.
    codes = study_districts()["code"]
    pooled = sa.pooled_lq_2017(codes, "Information & communication")
    median_2019 = float(d.lq[2019]["Information & communication"].median())
    values = {2017: f"pooled LQ {pooled:.2f}; {d.lq_facts[2017]['n_digital_below_one']} of 37 districts below 1",
              2019: f"median LQ {median_2019:.2f}; {d.lq_facts[2019]['n_digital_below_one']} of 37 below 1"}
    verdicts = {2017: "reproduced" if pooled < 1 else "differs", 2019: "reproduced" if median_2019 < 1 else "differs"}
    claims.append(_vintage_claim(
        "P19", "The digital sector (information & communication) is under-represented in the combined authorities",
        "under-represented", values, verdicts, "location quotient",
        "2017 pools the 37 districts' employment; 2019 has shares only, so the median district is used."))
    # The strongest digital districts.
    values, verdicts = {}, {}
    for v in VINTAGES:
        top = d.lq[v]["Information & communication"].sort_values(ascending=False)
        values[v] = ", ".join(f"{_names([n])} {x:.2f}" for n, x in top.iloc[:3].items())
        verdicts[v] = "reproduced" if set(top.index[:3]) == {"Cambridge", "South Cambridgeshire", "Salford"} \
            else "differs"
    claims.append(_vintage_claim(
        "P20", "Cambridge, South Cambridgeshire and Salford are the strongest digital districts",
        "Cambridge, South Cambridgeshire, Salford", values, verdicts, "location quotient (top three)", ""))
    values, verdicts = {}, {}
    for v in VINTAGES:
        lq = d.lq[v]["Information & communication"]
        pair = lq[["Bath and North East Somerset", "Bristol, City of"]]
        values[v] = f"Bath and NE Somerset {pair.iloc[0]:.2f}, Bristol {pair.iloc[1]:.2f}"
        verdicts[v] = "reproduced" if (pair > 1).all() else "differs"
    claims.append(_vintage_claim(
        "P21", "Bath and North East Somerset and Bristol are also over-represented in digital", "LQ above 1",
        values, verdicts, "location quotient", ""))
    named = ["Cambridge", "South Cambridgeshire", "Salford", "Bath and North East Somerset", "Bristol, City of"]
    values, verdicts = {}, {}
    for v in VINTAGES:
        lq = d.lq[v]["Information & communication"].drop(index=named)
        above = lq[lq >= 1].sort_values(ascending=False)
        values[v] = (f"{len(lq) - len(above)} of {len(lq)} below 1; at or above 1: "
                     + (", ".join(f"{_names([n])} {x:.2f}" for n, x in above.items()) or "none"))
        verdicts[v] = "reproduced" if above.empty else ("close" if (above < 1 + LQ_MARGIN).all() else "differs")
    claims.append(_vintage_claim(
        "P22", "Every other district is below the national average in digital", "all other districts below 1",
        values, verdicts, "location quotient",
        f"Close would mean every exception is under {1 + LQ_MARGIN:g}."))
    # Professional services under-represented in many districts.
    prof = "Professional, scientific & technical"
    values, verdicts = {}, {}
    for v in VINTAGES:
        n_below = int((d.lq[v][prof] < 1).sum())
        values[v] = f"{n_below} of 37 districts below 1"
        verdicts[v] = "reproduced" if n_below > 37 / 2 else "differs"
    pooled_prof = sa.pooled_lq_2017(codes, prof)
    employment = sa.gb_districts_2017().groupby("code")["employment"].sum()
    above = sa.wide(2017, "lq")
    above = above[above[prof] > 1]
    biggest = above.assign(jobs=employment).sort_values("jobs", ascending=False)["name"].iloc[:3]
    claims.append(_vintage_claim(
        "P23", "Professional, scientific & technical is under-represented in many districts", "many", values,
        verdicts, "districts with LQ below 1",
        f"'Many' is read as more than half. Taken together the 37 districts have a 2017 LQ of {pooled_prof:.2f}, "
        f"because the districts above 1 include the largest employment centres ({_names(biggest)})."))
    # Professional services the largest sector.
    values, verdicts = {}, {}
    for v in VINTAGES:
        largest = sa.districts_where_largest(v, prof)
        values[v] = _names(largest)
        named_in = {"South Cambridgeshire", "Trafford"} <= set(largest)
        verdicts[v] = ("reproduced" if set(largest) == {"South Cambridgeshire", "Trafford"}
                       else "close" if named_in else "differs")
    extra = sorted({n for v in VINTAGES for n in sa.districts_where_largest(v, prof)}
                   - {"South Cambridgeshire", "Trafford"})
    margins = "; ".join(f"{_names([n])} ahead of its next group by "
                        + " and ".join(f"{sa.largest_sectors(v).set_index('name').loc[n, 'margin_pp']:.2f} pp in {v}"
                                       for v in VINTAGES if n in sa.districts_where_largest(v, prof))
                        for n in extra)
    claims.append(_vintage_claim(
        "P24", "Professional, scientific & technical is the largest sector in two districts, South Cambridgeshire "
        "and Trafford", "2 (South Cambridgeshire, Trafford)", values, verdicts, "districts",
        "Close: both named districts hold, but the count is larger. Also largest: " + (margins or "none") + "."))
    # Middlesbrough, Hartlepool and Oldham about a third of the national share.
    trio = ["Middlesbrough", "Hartlepool", "Oldham"]
    effect = sa.england_base_effect().set_index(["vintage", "sector"]).loc[(2017, prof)]
    values, verdicts, numbers = {}, {}, {}
    for v in VINTAGES:
        lq = d.lq[v][prof][trio]
        numbers[v] = lq
        values[v] = ", ".join(f"{n} {x:.2f}" for n, x in lq.items())
        per = [numeric_verdict(1 / 3, float(x), 2, LQ_MARGIN) for x in lq]
        verdicts[v] = max(per, key=VERDICTS.index)
    claims.append(_vintage_claim(
        "P25", "Professional services in Middlesbrough, Hartlepool and Oldham are barely a third of the national "
        "average", "about 0.33 (a third)", values, verdicts, "location quotient",
        f"Each LQ is compared with 1/3 (close within {LQ_MARGIN}). The lowest in the 37 is "
        f"{d.lq_facts[2017]['prof_min']:.2f} ({d.lq_facts[2017]['prof_min_name']}) in 2017. Another base does not "
        f"explain it: with England as the reference every 2017 LQ is multiplied by {effect['factor']:.3f}. "
        + ABOUT_VINTAGES))
    # South Cambridgeshire eight times as strong.
    values, verdicts = {}, {}
    for v in VINTAGES:
        ratio = d.lq[v].loc["South Cambridgeshire", prof] / numbers[v]
        values[v] = f"{ratio.min():.1f} to {ratio.max():.1f}"
        per = [numeric_verdict(8, float(x), 0, 1.0) for x in ratio]
        verdicts[v] = max(per, key=VERDICTS.index)
    f17 = d.lq_facts[2017]
    claims.append(_vintage_claim(
        "P26", "South Cambridgeshire outstrips Middlesbrough, Hartlepool and Oldham in professional services by a "
        "factor of 8", "8", values, verdicts, "ratio of location quotients (equal to the ratio of shares)",
        f"Close within 1. The ratio of two districts' LQs equals the ratio of their shares. In 2017 it is "
        f"{f17['scambs_prof_lq']:.2f} / {numbers[2017].min():.2f}-{numbers[2017].max():.2f}; the paper's own "
        "figures give 2.84 / 0.33 = 8.6, so the factor "
        "follows from its 'third', which the data do not support (P25)."))
    # South Cambridgeshire's LQ of 2.84.
    lq_values = {v: float(d.lq_facts[v]["scambs_prof_lq"]) for v in VINTAGES}
    verdicts = _numeric(2.84, lq_values, 2, LQ_MARGIN)
    claims.append(_vintage_claim(
        "P27", "South Cambridgeshire's professional, scientific & technical LQ", "2.84",
        {v: f"{lq_values[v]:.2f}" for v in VINTAGES}, verdicts, "location quotient",
        f"Close within {LQ_MARGIN}.{_bracketed(2.84, lq_values)} " + ABOUT_VINTAGES + " The 2017 base is the sum "
        "of all GB districts (employment); the 2019 base is GB employees by SIC section, section G split by "
        "division."))
    # The highest LQ of any sector in any district.
    values, verdicts = {}, {}
    for v in VINTAGES:
        f = d.lq_facts[v]
        values[v] = (f"highest of all: {f['top_lq_name']} {f['top_lq_sector'].lower()} {f['top_lq']:.2f}; "
                     f"highest key sector: {_names([f['top_key_lq_name']])} {f['top_key_lq_sector'].lower()} "
                     f"{f['top_key_lq']:.2f}")
        is_top_all = f["top_lq_name"] == "South Cambridgeshire" and f["top_lq_sector"] == prof
        is_top_key = f["top_key_lq_name"] == "South Cambridgeshire" and f["top_key_lq_sector"] == prof
        verdicts[v] = "reproduced" if is_top_all else ("close" if is_top_key else "differs")
    claims.append(_vintage_claim(
        "P28", "South Cambridgeshire's professional services LQ is the highest of any sector in any district",
        "highest of any sector", values, verdicts, "location quotient",
        f"Across all 18 broad groups it is not: in 2017 {d.lq_facts[2017]['n_above_scambs_prof']} district-sector "
        f"LQs are higher ({d.lq_facts[2017]['above_scambs_prof']}). "
        "Close: the highest among the paper's eight key sectors. "
        + " ".join(f"In {v} the highest key-sector LQ is {_names([d.lq_facts[v]['top_key_lq_name']])}'s "
                   f"{d.lq_facts[v]['top_key_lq_sector'].lower()} ({d.lq_facts[v]['top_key_lq']:.2f})."
                   for v in VINTAGES)))
    # Northern districts with professional LQs of 0.3-0.4.
    values, verdicts, elsewhere = {}, {}, []
    northern = study_districts()[study_districts()["authority"].isin(sa.NORTHERN_AUTHORITIES)]["name"]
    for v in VINTAGES:
        others = d.lq[v][prof].drop(index=northern.tolist()).round(2)
        elsewhere += [f"{_names([n])} {x:.2f} ({v})" for n, x in others[(others >= 0.3) & (others <= 0.4)].items()]
        lq = d.lq[v].loc[northern.tolist(), prof].round(2)
        in_range = lq[(lq >= 0.3) & (lq <= 0.4)]
        values[v] = (f"{len(in_range)} of {len(lq)} Northern districts in 0.3-0.4; lowest "
                     f"{lq.min():.2f} ({lq.idxmin()})")
        verdicts[v] = "reproduced" if len(in_range) >= 3 else ("close" if (lq < 0.4 + LQ_MARGIN).sum() >= 3
                                                               else "differs")
    claims.append(_vintage_claim(
        "P29", "Many districts, particularly in Northern England, have professional services LQs of 0.3-0.4",
        "0.3-0.4", values, verdicts, "location quotient",
        "Northern = Greater Manchester, Liverpool City Region and Tees Valley; 'many' is read as at least three; "
        f"close as at least three below {0.4 + LQ_MARGIN:.1f}. Other study districts in 0.3-0.4: "
        + (", ".join(elsewhere) or "none") + ". " + ABOUT_VINTAGES))
    # Manufacturing.
    values, verdicts, exceptions, joints = {}, {}, {}, {}
    for v in VINTAGES:
        largest = sa.manufacturing_largest(v)
        strict = largest[~largest["joint"]]
        joints[v] = int(largest["joint"].sum())
        without_all = sa.authorities_without(largest["name"])
        without_strict = sa.authorities_without(strict["name"])
        values[v] = (f"{len(STUDY_AUTHORITIES) - len(without_all)} of 6 (not {', '.join(without_all)})"
                     + (f"; {len(STUDY_AUTHORITIES) - len(without_strict)} of 6 without ties"
                        if without_strict != without_all else ""))
        exceptions[v] = ", ".join(without_all)
        verdicts[v] = ("reproduced" if len(without_strict) == 1 else "close" if len(without_all) == 1
                       else "differs")
    claims.append(_vintage_claim(
        "P30", "Manufacturing is the largest sector in at least one district of every combined authority but one",
        "all but one authority", values, verdicts, "authorities",
        "Close: holds only when districts where manufacturing ties for the top count. Exception: "
        + "; ".join(f"{exceptions[v]} ({v})" for v in VINTAGES) + ". Districts where manufacturing only ties: "
        + "; ".join(f"{joints[v]} ({v})" for v in VINTAGES) + ".", BRES_SHARES))
    values, verdicts, outside = {}, {}, []
    for v in VINTAGES:
        largest = sa.manufacturing_largest(v)
        inside = largest["lq"].round(2).between(1.5, 2.15)
        outside += [f"{_names([r['name']])} {r['lq']:.2f} ({v})" for _, r in largest[~inside].iterrows()]
        values[v] = ", ".join(f"{_names([r['name']])} {r['lq']:.2f}{' (joint)' if r['joint'] else ''}"
                              for _, r in largest.iterrows())
        near = largest["lq"].round(2).between(1.5 - LQ_MARGIN, 2.15 + LQ_MARGIN)
        verdicts[v] = ("reproduced" if inside.all() else "close" if (~inside).sum() <= 1 or near.all()
                       else "differs")
    claims.append(_vintage_claim(
        "P31", "Where manufacturing is the largest sector its LQ is between 1.5 and 2.15", "1.5-2.15", values,
        verdicts, "location quotient",
        f"Close means at most one district outside the range, or all within {LQ_MARGIN} of it. Outside: "
        + (", ".join(outside) or "none") + ". " + ABOUT_VINTAGES))
    values, verdicts = {}, {}
    for v in VINTAGES:
        f = d.lq_facts[v]
        values[v] = f"{f['n_manufacturing_other_above_one']} of {f['n_manufacturing_other']} above 1"
        verdicts[v] = "reproduced" if f["n_manufacturing_other_above_one"] > f["n_manufacturing_other"] / 2 \
            else "differs"
    claims.append(_vintage_claim(
        "P32", "In most other districts manufacturing is above its national share", "most", values, verdicts,
        "districts (where manufacturing is not the largest) with LQ above 1",
        "'Most' is read as more than half; it holds, narrowly."))
    values, verdicts = {}, {}
    for v in VINTAGES:
        f = d.lq_facts[v]
        lq = d.lq[v]["Manufacturing"][list(sa.CITIES)]
        values[v] = f["city_manufacturing"]
        verdicts[v] = "reproduced" if (lq < 1).all() else "differs"
    claims.append(_vintage_claim(
        "P33", "Manufacturing is under-represented in the cities (Bristol, Cambridge, Liverpool, Manchester)",
        "LQ below 1", values, verdicts, "location quotient",
        f"They are not the only exceptions: in 2017 {d.lq_facts[2017]['manufacturing_below_one_not_city']} are "
        "below 1 too."))
    lq_values = {v: float(d.lq_facts[v]["cambridge_manufacturing_lq"]) for v in VINTAGES}
    claims.append(_vintage_claim(
        "P34", "Manufacturing in Cambridge is at one fifth of its national share", "0.2 (one fifth)",
        {v: f"{lq_values[v]:.2f}" for v in VINTAGES}, _numeric(0.2, lq_values, 1, LQ_MARGIN), "location quotient",
        f"Compared at one decimal place; close within {LQ_MARGIN}."))
    return claims


def _fit_text(row: pd.Series) -> str:
    return f"r2 {row['r2']:.2f} (95% {row['r2_ci_low']:.2f}-{row['r2_ci_high']:.2f}), r {row['r']:+.2f}"


def _fit_claims(d: _Data) -> list[Claim]:
    claims = []
    for claim_id, sector, label, published in (("P35", "Information & communication", "digital", 0.78),
                                               ("P36", "Professional, scientific & technical",
                                                "professional, scientific & technical", 0.84)):
        rows = {v: d.fit(v, sector, "level4_plus") for v in VINTAGES}
        r2 = {v: float(rows[v]["r2"]) for v in VINTAGES}
        ew = sa.fit_lookup(d.fits, "all_districts", 2017, sector, "level4_plus")
        inside = [v for v in VINTAGES if rows[v]["r2_ci_low"] <= published <= rows[v]["r2_ci_high"]]
        claims.append(_vintage_claim(
            claim_id, f"r-squared of the {label} share on the Level 4+ share (Table 4)", f"{published:.2f}",
            {v: _fit_text(rows[v]) for v in VINTAGES}, _numeric(published, r2, 2, R2_MARGIN), "r-squared",
            f"Close within {R2_MARGIN}.{_bracketed(published, r2)} The published value is nearer to r than to "
            f"r-squared (as with the attainment correlation, P08, where r is printed as r2)"
            + (f"; it lies inside the bootstrap interval for {', '.join(map(str, inside))}" if inside else "")
            + f". Across all {int(ew['n'])} districts of England and Wales r2 is {ew['r2']:.2f} (2017). "
            + ABOUT_VINTAGES, FITS))
    values, verdicts = {}, {}
    for v in VINTAGES:
        rows = [d.fit(v, s, "no_qualifications") for s in ("Information & communication",
                                                             "Professional, scientific & technical")]
        values[v] = f"digital r {rows[0]['r']:+.2f}, professional r {rows[1]['r']:+.2f}"
        strong = all(r["r"] <= -0.7 for r in rows)
        verdicts[v] = "reproduced" if strong else ("close" if all(r["r"] < 0 and r["r2"] >= 0.25 for r in rows)
                                                   else "differs")
    claims.append(_vintage_claim(
        "P37", "The digital and professional sectors have a similarly strong negative relation with no "
        "qualifications", "strong, negative", values, verdicts, "Pearson r",
        "'Strong' is read as r of -0.7 or below; close as negative with r2 of at least 0.25.", FITS))
    values, verdicts = {}, {}
    for v in VINTAGES:
        row = d.fit(v, "Manufacturing", "no_qualifications")
        values[v] = f"{_fit_text(row)}, slope {row['slope']:+.2f}"
        verdicts[v] = "reproduced" if row["r"] > 0 and 0.1 <= row["r2"] < 0.5 else "differs"
    claims.append(_vintage_claim(
        "P38", "Manufacturing has a positive but modest relation with no qualifications", "positive, modest",
        values, verdicts, "r-squared", "'Modest' is read as r2 from 0.1 to 0.5 with a positive slope.", FITS))
    # Business administration: the largest sector in 4 districts; no relation with education.
    business = "Business administration & support"
    values, verdicts = {}, {}
    for v in VINTAGES:
        all_largest = sa.districts_where_largest(v, business)
        joint = sa.joint_largest(v, business)
        strict = [n for n in all_largest if n not in joint]
        values[v] = (f"{len(all_largest)} ({_names(all_largest)})"
                     + (f", {len(joint)} of them tied ({_names(joint)})" if joint else ""))
        verdicts[v] = ("reproduced" if len(strict) == 4 else "close" if len(all_largest) == 4 else "differs")
    claims.append(_vintage_claim(
        "P39", "Business administration & support is the largest sector in 4 districts", "4", values, verdicts,
        "districts", "A count is reproduced only when exact; close when it needs districts where the group only "
        "ties for the top at the published one-decimal precision.", BRES_SHARES))
    values, verdicts = {}, {}
    for v in VINTAGES:
        rows = [d.fit(v, business, e) for e in ("level4_plus", "no_qualifications")]
        values[v] = f"Level 4+ r2 {rows[0]['r2']:.3f}; no qualifications r2 {rows[1]['r2']:.3f}"
        verdicts[v] = "reproduced" if all(r["r2"] < 0.05 for r in rows) else (
            "close" if all(r["r2"] < 0.1 for r in rows) else "differs")
    claims.append(_vintage_claim(
        "P40", "Business administration & support has almost no relation with either education measure",
        "almost none", values, verdicts, "r-squared", "'Almost none' is read as r2 below 0.05.", FITS))
    # Health and education r2 about 0.25.
    values, verdicts, best = {}, {}, {}
    for v in VINTAGES:
        parts, per = [], []
        for sector in ("Health", "Education"):
            rows = [d.fit(v, sector, e) for e in ("level4_plus", "no_qualifications")]
            top = max(rows, key=lambda r: r["r2"])
            parts.append(f"{sector.lower()} {rows[0]['r2']:.2f} (Level 4+) / {rows[1]['r2']:.2f} (none)")
            per.append(numeric_verdict(0.25, float(top["r2"]), 2, R2_MARGIN))
            best[(v, sector)] = top
        values[v] = "; ".join(parts)
        verdicts[v] = max(per, key=VERDICTS.index)
    four = [d.fit(v, s, e) for v in VINTAGES for s in ("Health", "Education")
            for e in ("level4_plus", "no_qualifications")]
    r_abs = [abs(float(r["r"])) for r in four]
    n_cover = sum(1 for r in four if r["r2_ci_low"] <= 0.25 <= r["r2_ci_high"])
    claims.append(_vintage_claim(
        "P41", "Health and education both have r-squared values of around 0.25 (Table 4)", "about 0.25", values,
        verdicts, "r-squared",
        f"The larger of each sector's two r2 values is compared with 0.25 (close within {R2_MARGIN}). As r rather "
        f"than r2 the values ({min(r_abs):.2f} to {max(r_abs):.2f} in absolute terms) are nearer 0.25. With 37 "
        f"districts the bootstrap intervals are wide: {n_cover} of the {len(four)} include 0.25. " + ABOUT_VINTAGES,
        FITS))
    values, verdicts, p_values = {}, {}, {}
    for v in VINTAGES:
        row = d.fit(v, "Retail", "no_qualifications")
        p_values[v] = float(row["p_value"])
        values[v] = f"{_fit_text(row)}, p {row['p_value']:.2f}"
        verdicts[v] = "reproduced" if row["r"] > 0 and row["r2"] < 0.25 else "differs"
    claims.append(_vintage_claim(
        "P42", "Retail has a slight positive relation with no qualifications", "slight, positive", values, verdicts,
        "r-squared", "'Slight' is read as a positive r with r2 below 0.25. The slope is "
        + "; ".join(f"{'not ' if p_values[v] >= 0.05 else ''}distinguishable from zero at the 5% level in {v}"
                    for v in VINTAGES) + ".", FITS))
    return claims


def sector_claims() -> list[Claim]:
    """The paper's claims on sector composition, location quotients and the
    education-sector relation (Tables 2-4), ids P12-P43."""
    d = _Data()
    claims = [_population_claim("P12")]
    claims += _composition_claims(d)
    claims += _lq_claims(d)
    claims += _fit_claims(d)
    n_authorities = len(STUDY_AUTHORITIES)
    claims.append(Claim(
        "P43", PAPER, "Number of original mayoral combined authorities analysed (Conclusion)", "five",
        f"{n_authorities} authorities, {len(study_districts())} districts", "authorities",
        "2017 membership (bundle README; ONS 2023 lookup)", "differs" if n_authorities != 5 else "reproduced",
        "The Methods and the Analysis name six authorities and the tables cover all six; the Conclusion's 'five' "
        "is a slip in the text."))
    return claims


# The claims each sector chapter discusses (all are in the ledger).
CHAPTER_CLAIMS: dict[str, tuple[str, ...]] = {
    "sector_composition": ("P13", "P14", "P16", "P17", "P24", "P30", "P39"),
    "location_quotients": ("P15", "P18", "P19", "P20", "P21", "P22", "P23", "P25", "P26", "P27", "P28", "P29",
                           "P31", "P32", "P33", "P34"),
    "education_and_sectors": ("P35", "P36", "P37", "P38", "P40", "P41", "P42"),
}


def chapter_claims(chapter: str) -> pd.DataFrame:
    """The ledger rows a chapter discusses, in ledger order."""
    ledger = paper_claims()
    return ledger[ledger["claim_id"].isin(CHAPTER_CLAIMS[chapter])].reset_index(drop=True)


for _chapter, _name in (("sector_composition", "claims_table2"), ("location_quotients", "claims_table3"),
                       ("education_and_sectors", "claims_table4")):
    export(_name)(lambda chapter=_chapter: chapter_claims(chapter))


def claims_display(claims: pd.DataFrame) -> pd.DataFrame:
    """Ledger rows as a chapter shows them."""
    return claims[["claim_id", "statement", "published", "reproduced", "verdict", "reason"]].rename(columns={
        "claim_id": "Id", "statement": "Claim (paraphrased)", "published": "Published",
        "reproduced": "Official data", "verdict": "Verdict", "reason": "Why"})


@lru_cache(maxsize=1)
@disk_cached
def paper_claims() -> pd.DataFrame:
    """Every numeric claim of the paper with its verdict (columns as ``claims.COLUMNS``)."""
    return ledger_frame(attainment_claims() + sector_claims())
