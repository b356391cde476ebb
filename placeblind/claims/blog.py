"""The blog's claims about the IS-8 sectors, each tested against BRES under the
2021 exact definitions and, as a check, the 2023 2-digit approximation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..analysis.is8_comparisons import (
    MANUFACTURING_RIVALS,
    manufacturing_employees,
    sector_overlaps,
    service_correlations,
)
from ..analysis.is8_regions import (
    APPROX,
    APPROX_YEAR,
    EXACT,
    EXACT_YEAR,
    GREATER_MANCHESTER,
    WEST_MIDLANDS_ITL1,
    WEST_MIDLANDS_METRO,
    _gse_codes,
    gse_shares,
    _region_labels,
    group_lq,
    is8_lq_itl2,
    lq_wide,
    specialisms,
)
from ..data.cache import data_cached
from ..data.geography import itl2_names
from ..data.is8_definitions import (
    IS8_SECTORS,
    SERVICE_SECTORS,
    SHORT_NAMES,
    WELL_DEFINED,
    is8_coverage,
    measurable_sectors,
)
from ..data.memo import disk_cached
from .framework import BLOG, Claim, ledger_frame
from .rules import CORRELATION_MARGIN, LQ_MARGIN, count_verdict, list_verdict, pattern_verdict, worst

# The sectors the blog says cannot be measured reliably with SIC (its words, transcribed).
BLOG_UNMEASURABLE = ("Clean Energy Industries", "Defence", "Digital and Technologies", "Life Sciences")


# Why a regional figure from the blog's source and one from BRES may differ
# even when both are computed correctly.
MEASURE_NOTE = ("Where this differs, the difference is one of measure, not of arithmetic: the blog's source "
                "(Centre for Cities with The Data City, 2025) classified firms by the words on their websites and "
                "placed each firm at its registered address, while BRES counts jobs at the workplace where they "
                "are done, so a firm registered in London with branches in Manchester counts in London there and "
                "in Manchester here. The data used here hold no firm-level records to size that effect; it would need the "
                "source's firm list with registered and trading addresses and employment by site.")


NO_SPECIALISM_REGIONS = {"TLJ4": "Kent", "TLH3": "Essex", "TLD4": "Lancashire",
                         "TLD3": "Greater Manchester", "TLE4": "West Yorkshire"}


ALL_EIGHT_REGIONS = {"TLK1": "Bristol", "TLM7": "Edinburgh"}


@dataclass(frozen=True)
class _Outcome:
    verdict: str
    detail: str


@dataclass(frozen=True)
class _Claim:
    claim_id: str
    statement: str
    published: str
    unit: str
    reason: str
    test: Callable[[pd.DataFrame], _Outcome] | None
    vintage: str = "BRES employment 2021 (exact 5-digit definitions); 2023 2-digit approximation as a check"
    uses_lq: bool = True
    rule: str = f"pattern: strictly as stated; loosely, every exception within {LQ_MARGIN:g} of 1"


def _fmt_lqs(row: pd.Series) -> str:
    return ", ".join(f"{SHORT_NAMES[s]} {v:.2f}" for s, v in row.dropna().items())


def _none_above_one(lq: pd.DataFrame, code: str) -> _Outcome:
    wide = lq_wide(lq).droplevel("itl2_name")
    row = wide.loc[code].dropna()
    above = row[row > 1]
    name = _region_labels([code]).iloc[0]
    detail = f"{name} ({code}): LQ > 1 in {len(above)} of {len(row)} measurable sectors ({_fmt_lqs(row)})."
    if above.empty:
        return _Outcome("reproduced", detail)
    return _Outcome(pattern_verdict(False, bool((above < 1 + LQ_MARGIN).all())), detail)


def _test_wm_advanced_manufacturing(lq: pd.DataFrame) -> _Outcome:
    sector = "Advanced Manufacturing"
    metro = lq.loc[(lq["itl2_code"] == WEST_MIDLANDS_METRO) & (lq["sector"] == sector), "lq"].iloc[0]
    members = itl2_names().loc[lambda f: f["itl1_code"] == WEST_MIDLANDS_ITL1, "itl2_code"].tolist()
    wider = group_lq(lq, members)[sector]
    detail = (f"Advanced Manufacturing LQ {metro:.2f} in the West Midlands metropolitan ITL2 ({WEST_MIDLANDS_METRO}) "
              f"and {wider:.2f} in the West Midlands ITL1 region ({'+'.join(members)}).")
    return _Outcome(pattern_verdict(metro > 1, wider > 1), detail)


def _test_wm_services(lq: pd.DataFrame) -> _Outcome:
    wide = lq_wide(lq).droplevel("itl2_name")
    row = wide.loc[WEST_MIDLANDS_METRO, list(SERVICE_SECTORS)]
    detail = f"Service-sector LQs in {WEST_MIDLANDS_METRO}: {_fmt_lqs(row)}."
    below = (row < 1).sum()
    return _Outcome(pattern_verdict(below == len(row), bool((row < 1 + LQ_MARGIN).all())), detail)


def _test_five_regions(lq: pd.DataFrame) -> _Outcome:
    wide = lq_wide(lq).droplevel("itl2_name")
    parts, grades = [], []
    for code, name in NO_SPECIALISM_REGIONS.items():
        row = wide.loc[code].dropna()
        above = row[row > 1]
        listed = ", ".join(f"{SHORT_NAMES[s]} {v:.2f}" for s, v in above.items()) or "none"
        parts.append(f"{name} ({code}) {len(above)} [{listed}]")
        grades.append(pattern_verdict(above.empty, bool((above < 1 + LQ_MARGIN).all())))
    n_clear = sum(1 for code in NO_SPECIALISM_REGIONS if (wide.loc[code].dropna() <= 1).all())
    detail = (f"{n_clear} of {len(NO_SPECIALISM_REGIONS)} regions have no LQ above 1. "
              f"Specialisms per region: " + "; ".join(parts) + ".")
    return _Outcome(worst(grades), detail)


def _test_correlations(lq: pd.DataFrame) -> _Outcome:
    table = service_correlations(lq)
    low, high = 0.6, 0.8
    inside = table["pearson"].between(low, high)
    near = table["pearson"].between(low - CORRELATION_MARGIN, high + CORRELATION_MARGIN)
    parts = [f"{SHORT_NAMES[r.sector_a]}-{SHORT_NAMES[r.sector_b]} r={r.pearson:.2f} "
             f"[{r.pearson_low:.2f}, {r.pearson_high:.2f}], rho={r.spearman:.2f} "
             f"[{r.spearman_low:.2f}, {r.spearman_high:.2f}]" for r in table.itertuples()]
    detail = (f"{int(inside.sum())} of {len(table)} Pearson coefficients lie in 0.6-0.8 "
              f"(Pearson range {table['pearson'].min():.2f} to {table['pearson'].max():.2f}; "
              f"Spearman {table['spearman'].min():.2f} to {table['spearman'].max():.2f}): " + "; ".join(parts) + ".")
    return _Outcome(pattern_verdict(bool(inside.all()), bool(near.all())), detail)


def _test_gse(lq: pd.DataFrame) -> _Outcome:
    gse = _gse_codes()
    group = group_lq(lq, gse)
    shares = gse_shares(lq)
    base_share = shares["all"]
    parts, n_above = [], 0
    for sector in SERVICE_SECTORS:
        part = lq[lq["sector"] == sector]
        share = shares[sector]
        special = part[part["lq"] > 1]
        in_gse = int(special["itl2_code"].isin(gse).sum())
        n_above += group[sector] > 1
        parts.append(f"{SHORT_NAMES[sector]} {100 * share:.0f}% of GB jobs, LQ {group[sector]:.2f}, "
                     f"{in_gse} of {len(special)} specialised regions in the GSE")
    detail = (f"The Greater South East (London, South East, East; {len(gse)} ITL2 regions) has "
              f"{100 * base_share:.0f}% of GB employment. " + "; ".join(parts) + ".")
    return _Outcome(pattern_verdict(n_above == len(SERVICE_SECTORS), n_above >= len(SERVICE_SECTORS) - 1), detail)


def _test_all_eight(lq: pd.DataFrame) -> _Outcome:
    table = specialisms(lq)
    n_measured = int(table["n_measured"].max())
    full = table[table["all_measured"]]
    named = table.set_index("itl2_code").loc[list(ALL_EIGHT_REGIONS)]
    listed = ", ".join(f"{r.itl2_name} ({r.itl2_code})" for r in full.itertuples()) or "none"
    named_text = "; ".join(f"{ALL_EIGHT_REGIONS[c]} area {c}: {r.n_specialisms} of {r.n_measured} "
                           f"({r.specialisms or 'none'})" for c, r in named.iterrows())
    detail = f"Regions with LQ > 1 in all {n_measured} measurable sectors: {listed}. {named_text}."
    return _Outcome(list_verdict(ALL_EIGHT_REGIONS, set(full["itl2_code"])), detail)


def _test_unmeasurable(_lq: pd.DataFrame) -> _Outcome:
    coverage = is8_coverage()
    not_well = coverage[coverage["dbt_rating"] != WELL_DEFINED]
    not_easy = coverage[coverage["dbt_rating"].str.startswith("Not easily")]
    no_code = [s for s in IS8_SECTORS if s not in measurable_sectors()]
    blog = set(BLOG_UNMEASURABLE)
    easy_in_blog = [s for s in not_easy["sector"] if s in blog]
    added = [s for s in BLOG_UNMEASURABLE if s not in set(not_easy["sector"])]
    left_out = [s for s in not_well["sector"] if s not in blog]
    detail = (f"DBT rates {len(not_well)} of {len(coverage)} sectors as not well defined by SIC "
              f"({'; '.join(not_well['sector'])}): {len(not_easy)} 'not easily represented by SIC' "
              f"({'; '.join(not_easy['sector'])}) and {len(not_well) - len(not_easy)} proxy definitions. "
              f"Under the transcribed definitions {len(no_code)} sector(s) ({'; '.join(no_code) or 'none'}) have "
              f"no SIC code at all. The blog's four include {len(easy_in_blog)} that DBT rates 'not easily "
              f"represented'" + (f", add {'; '.join(added)}" if added else "")
              + (f" and leave out {'; '.join(left_out)}, which DBT also rates as not well defined" if left_out
                 else "") + ".")
    return _Outcome(count_verdict(len(BLOG_UNMEASURABLE), len(not_well), len(not_easy)), detail)


def _test_overlap(_lq: pd.DataFrame) -> _Outcome:
    overlaps = sector_overlaps()
    top = overlaps.loc[overlaps["share_pct"].idxmax()]
    creative = overlaps[(overlaps["sector"] == "Creative Industries") & (overlaps["also_in"] == "Digital and Technologies")]
    detail = (f"Largest overlap: {top['share_pct']:.0f}% of {top['sector']} jobs (GB, 2021) are in SIC subclasses "
              f"that {top['also_in']} also counts"
              + (f"; {creative['share_pct'].iloc[0]:.0f}% of Creative Industries jobs are also counted in Digital "
                 "and Technologies" if not creative.empty and creative.index[0] != top.name else "") + ". "
              f"{int((overlaps['share_pct'] > 50).sum())} of {len(overlaps)} ordered pairs share more than half of "
              "the first sector's jobs.")
    return _Outcome(pattern_verdict(bool(top["share_pct"] > 50), bool(top["share_pct"] > 25)), detail)


def _test_manufacturing(_lq: pd.DataFrame) -> _Outcome:
    employees = manufacturing_employees()
    metro, region = employees[WEST_MIDLANDS_METRO], employees[WEST_MIDLANDS_ITL1]
    rivals = float(employees[list(MANUFACTURING_RIVALS)].sum())
    detail = (f"Manufacturing employees (BRES, section C, {EXACT_YEAR}): West Midlands metropolitan ITL2 "
              f"{metro:,.0f}, the whole West Midlands ITL1 region {region:,.0f}; Greater Manchester, West "
              f"Yorkshire and Merseyside together ({'+'.join(MANUFACTURING_RIVALS)}) {rivals:,.0f}.")
    return _Outcome(pattern_verdict(metro > rivals, region > rivals), detail)


def _claims() -> list[_Claim]:
    method = ("The blog reports The Data City's firm-level classification, not SIC-based BRES; "
              "this test uses BRES employment under the DBT SIC definitions.")
    return [
        _Claim("B01", "Greater Manchester is specialised (LQ above 1) in none of the IS-8 sectors at ITL2.",
               "Greater Manchester: LQ > 1 in 0 of 8 sectors", "count of sectors with LQ > 1",
               method, lambda lq: _none_above_one(lq, GREATER_MANCHESTER)),
        _Claim("B02", "The West Midlands is specialised in none of the IS-8 sectors at ITL2.",
               "West Midlands: LQ > 1 in 0 of 8 sectors", "count of sectors with LQ > 1",
               method + " 'West Midlands' is read as the metropolitan ITL2 region TLG3.",
               lambda lq: _none_above_one(lq, WEST_MIDLANDS_METRO)),
        _Claim("B03", "The West Midlands over-performs in Advanced Manufacturing.",
               "West Midlands: Advanced Manufacturing over-performs", "location quotient",
               method + " Tested for the metropolitan ITL2 (TLG3) and the whole ITL1 region (TLG). "
               "It also sits uneasily with B02: an over-performing sector would be an LQ above 1.",
               _test_wm_advanced_manufacturing),
        _Claim("B04", "The West Midlands under-performs in the service-based IS-8 sectors.",
               "West Midlands: under-performs in service sectors", "location quotient",
               method + " 'Under-performs' is read as LQ below 1 in each of the four service sectors.",
               _test_wm_services),
        _Claim("B05", "Kent, Essex, Lancashire, Greater Manchester and West Yorkshire each have no IS-8 specialism.",
               "5 areas with no IS-8 specialism (Kent, Essex, Lancashire, Greater Manchester, West Yorkshire)",
               "count of sectors with LQ > 1 per region", method, _test_five_regions),
        _Claim("B06", "The four IS-8 service sectors co-locate: their LQs are correlated at about 0.6 to 0.8 "
               "across ITL2.",
               "correlation coefficients 0.6-0.8", "correlation coefficient (40 ITL2 regions)",
               method + " Pearson and Spearman correlations of LQs across the 40 regions, with bootstrap 95% "
               "intervals; the verdict uses Pearson.", _test_correlations,
               rule=f"pattern: all six Pearson coefficients in 0.6-0.8 strictly, within {CORRELATION_MARGIN:g} of "
                    "that range loosely"),
        _Claim("B07", "The service sectors are concentrated in the Greater South East.",
               "service sectors concentrate overwhelmingly in the Greater South East",
               "share of GB employment (%); LQ of the Greater South East", method +
               " The Greater South East is taken as the London, South East and East of England ITL1 regions.",
               _test_gse, rule="pattern: the Greater South East's combined LQ above 1 in all four service sectors "
                               "strictly, in three of four loosely"),
        _Claim("B08", "Only the Bristol and Edinburgh areas are specialised in all eight IS-8 sectors.",
               "2 areas (Bristol, Edinburgh) with specialisms in all 8 sectors",
               "regions with LQ > 1 in every measurable sector",
               method + " Clean Energy Industries has no SIC code, so 'all eight' can at most be tested as all "
               "seven measurable sectors (six at 2 digits, where Defence has no approximation), and Defence and "
               "Life Sciences are only partly captured by SIC. Bristol is read as TLK1 and Edinburgh as TLM7.",
               _test_all_eight, rule="list of regions"),
        _Claim("B09", "The government concedes that several IS-8 sectors cannot be measured reliably with SIC codes.",
               "4 of 8 sectors cannot be reliably measured with SIC", "count of sectors",
               "Tested against DBT's own SIC-coverage ratings (methodology note, 2025). The blog's four: "
               + "; ".join(BLOG_UNMEASURABLE) + ".", _test_unmeasurable,
               vintage="DBT Industrial Strategy economic indicators methodology note, July-September 2025",
               uses_lq=False, rule="count: exact for the sectors not rated 'Well defined by SIC'; close when the "
                                   "published count lies between that and the sectors rated 'not easily "
                                   "represented'"),
        _Claim("B10", "The IS-8 sectors overlap heavily (the blog, quoting the Business and Trade Committee).",
               "overlaps so significant that each sector's contribution cannot be estimated",
               "% of a sector's GB jobs also counted in another sector",
               "Measured on the DBT 5-digit definitions: the jobs in SIC subclasses that two sectors both count.",
               _test_overlap, vintage="BRES employment 2021 (exact 5-digit definitions)", uses_lq=False,
               rule="pattern: 'heavily' = more than half of some sector's jobs also counted in another strictly, "
                    "more than a quarter loosely"),
        _Claim("B11", "The West Midlands produces more manufactured goods than Greater Manchester, West Yorkshire "
               "and the Liverpool City Region combined (the blog, quoting Project MADE).",
               "West Midlands output > the three combined", "manufacturing employees",
               "An output claim, tested with the only measure in the data used here, employment: it says where "
               "manufacturing jobs are, not how much they produce. Output per job differs between places, so "
               "testing output itself would need regional gross value added by industry (ONS regional accounts), "
               "which the data used here do not hold.", _test_manufacturing,
               vintage=f"BRES employees by SIC section, ITL2 and ITL1, {EXACT_YEAR}", uses_lq=False,
               rule="pattern: the West Midlands metropolitan ITL2 above the three combined strictly, the whole "
                    "West Midlands ITL1 region loosely"),
    ]


def claim_verdicts() -> pd.DataFrame:
    """Each claim's verdict under 2021 exact, 2021 approximate and 2023 approximate LQs.

    Columns: ``claim_id``, ``verdict_exact_2021``, ``verdict_approx_2021``,
    ``verdict_approx_2023``, ``changes_2023`` (the 2023 approximate verdict
    differs from the 2021 exact one).
    """
    frames = {"verdict_exact_2021": is8_lq_itl2(EXACT_YEAR, EXACT),
              "verdict_approx_2021": is8_lq_itl2(EXACT_YEAR, APPROX),
              "verdict_approx_2023": is8_lq_itl2(APPROX_YEAR, APPROX)}
    rows = []
    for claim in _claims():
        row = {"claim_id": claim.claim_id}
        for column, lq in frames.items():
            row[column] = claim.test(lq).verdict if claim.test else "cannot be tested"
        row["changes_2023"] = row["verdict_approx_2023"] != row["verdict_exact_2021"]
        rows.append(row)
    return pd.DataFrame(rows)


def _claim_results() -> list[tuple[_Claim, _Outcome | None, _Outcome | None]]:
    exact = is8_lq_itl2(EXACT_YEAR, EXACT)
    approx = is8_lq_itl2(APPROX_YEAR, APPROX)
    return [(c, c.test(exact), c.test(approx)) if c.test else (c, None, None) for c in _claims()]


@data_cached(maxsize=1)
@disk_cached
def blog_claims() -> pd.DataFrame:
    """The blog's IS-8 claims, each tested against official data.

    Columns: ``claim_id``, ``source``, ``statement`` (the claim in our words),
    ``published`` (what the blog gives), ``reproduced`` (what BRES gives under
    the 2021 exact definitions, then under the 2023 2-digit approximation),
    ``unit``, ``vintage``, ``verdict`` (under the 2021 exact definitions; one
    of 'reproduced', 'close', 'differs', 'cannot be tested'), ``reason``
    (which also records whether the 2023 approximation changes the verdict).
    """
    claims = []
    for claim, first, second in _claim_results():
        row = {"claim_id": claim.claim_id, "source": BLOG, "statement": claim.statement,
               "published": claim.published, "unit": claim.unit, "vintage": claim.vintage, "rule": claim.rule}
        if first is None:
            row.update(reproduced="", verdict="cannot be tested", reason=claim.reason)
        elif not claim.uses_lq:
            row.update(reproduced=first.detail, verdict=first.verdict,
                       reason=claim.reason + " Graded once: the 2-digit approximation does not bear on it.")
        else:
            change = "unchanged" if second.verdict == first.verdict else f"changed from '{first.verdict}'"
            row.update(reproduced=f"{first.detail} 2023, 2-digit approximation: {second.detail}",
                       verdict=first.verdict,
                       reason=f"{claim.reason} Under the 2023 2-digit approximation the verdict is "
                              f"'{second.verdict}' ({change})."
                              + (f" {MEASURE_NOTE}" if first.verdict != "reproduced" else ""))
        claims.append(Claim(**row))  # Claim rejects an unknown verdict
    return ledger_frame(claims)
