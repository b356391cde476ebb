"""The blog's claims about the IS-8 sectors, each tested against BRES under the
2021 exact definitions and, as a check, the 2023 2-digit approximation.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..analysis.is8_comparisons import (
    MANUFACTURING_RIVALS,
    SERVICE_PAIRS,
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
    gse_codes as _gse_codes,
    gse_shares,
    group_lq,
    is8_lq_itl2,
    specialisms,
)
from ..cache import cached
from ..errors import DataError
from ..text import number_word
from ..data.catalogue import entry
from ..data.geography import itl2_names
from ..measures.correlations import BOOTSTRAP_RESAMPLES, interval_level_pct
from ..data.is8_definitions import (
    IS8_SECTORS,
    SERVICE_SECTORS,
    SHORT_NAMES,
    WELL_DEFINED,
    is8_coverage,
    measurable_sectors,
)
from .claim import ClaimRule, DateClaim, Grade, TestedClaim
from .claim_regions import (
    AllSectorsClaim,
    BandClaim,
    CorrelationView,
    NoSpecialismClaim,
    RegionView,
    SectorAboveClaim,
    SectorsBelowClaim,
)
from .framework import BLOG, Claim, ledger_frame
from .rules import count_verdict, pattern_verdict

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
class BlogClaim:
    """A blog claim as the ledger shows it: its words, and its claim object
    (:mod:`.claim`), graded on the view ``view`` makes of the IS-8 LQ frame
    (a :class:`RegionView` unless the claim reads something else)."""

    claim_id: str
    statement: str
    published: str
    unit: str
    reason: str
    claim: ClaimRule
    view: Callable[[pd.DataFrame], object] = RegionView
    detail: Callable[[object, Grade], str] | None = None
    vintage: str = "BRES employment 2021 (exact 5-digit definitions); 2023 2-digit approximation as a check"
    uses_lq: bool = True

    @property
    def rule(self) -> str:
        return self.claim.rule

    def test(self, lq: pd.DataFrame) -> Grade:
        """The claim's grade on the view of ``lq``."""
        return self.claim.grade(self.view(lq))

    def outcome(self, lq: pd.DataFrame) -> Grade:
        """:meth:`test` with the ledger's detail (a longer one where the claim has it)."""
        view = self.view(lq)
        grade = self.claim.grade(view)
        return grade if self.detail is None else Grade(grade.verdict, grade.value, self.detail(view, grade))


def _wider_region(view: RegionView) -> str:
    """The whole West Midlands ITL1 region's Advanced Manufacturing LQ, shown beside B03's grade (not graded)."""
    members = itl2_names().loc[lambda f: f["itl1_code"] == WEST_MIDLANDS_ITL1, "itl2_code"].tolist()
    wider = group_lq(view.lq, members)["Advanced Manufacturing"]
    return f"the whole West Midlands ITL1 region ({'+'.join(members)}), not graded, {wider:.2f}"


def _correlations_detail(view: CorrelationView, _grade: Grade) -> str:
    table = view.table
    parts = [f"{SHORT_NAMES[r.sector_a]}-{SHORT_NAMES[r.sector_b]} r={r.pearson:.2f} "
             f"[{r.pearson_low:.2f}, {r.pearson_high:.2f}], rho={r.spearman:.2f} "
             f"[{r.spearman_low:.2f}, {r.spearman_high:.2f}]" for r in table.itertuples()]
    return (f"{B06.n_inside(view)} of {len(table)} Pearson coefficients lie in {B06.band} "
            f"(Pearson range {table['pearson'].min():.2f} to {table['pearson'].max():.2f}; "
            f"Spearman {table['spearman'].min():.2f} to {table['spearman'].max():.2f}): " + "; ".join(parts) + ".")


def _test_gse(view: RegionView) -> Grade:
    lq = view.lq
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
    return Grade(pattern_verdict(n_above == len(SERVICE_SECTORS), n_above >= len(SERVICE_SECTORS) - 1),
                 float(n_above), detail)


def _all_eight_detail(view: RegionView, _grade: Grade) -> str:
    table = specialisms(view.lq)
    n_measured = int(table["n_measured"].max())
    full = table[table["all_measured"]]
    named = table.set_index("itl2_code").loc[list(ALL_EIGHT_REGIONS)]
    listed = ", ".join(f"{r.itl2_name} ({r.itl2_code})" for r in full.itertuples()) or "none"
    named_text = "; ".join(f"{ALL_EIGHT_REGIONS[c]} area {c}: {r.n_specialisms} of {r.n_measured} "
                           f"({r.specialisms or 'none'})" for c, r in named.iterrows())
    return f"Regions with LQ > 1 in all {n_measured} measurable sectors: {listed}. {named_text}."


def _test_unmeasurable(_view) -> Grade:
    coverage = is8_coverage()
    not_well = coverage[coverage["dbt_rating"] != WELL_DEFINED]
    not_easy = coverage[coverage["dbt_rating"].str.startswith("Not easily")]
    measurable = measurable_sectors()
    no_code = [s for s in IS8_SECTORS if s not in measurable]
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
    return Grade(count_verdict(len(BLOG_UNMEASURABLE), len(not_well), len(not_easy)), float(len(not_well)), detail)


def _test_overlap(_view) -> Grade:
    overlaps = sector_overlaps()
    top = overlaps.loc[overlaps["share_pct"].idxmax()]
    creative = overlaps[(overlaps["sector"] == "Creative Industries") & (overlaps["also_in"] == "Digital and Technologies")]
    detail = (f"Largest overlap: {top['share_pct']:.0f}% of {top['sector']} jobs (GB, 2021) are in SIC subclasses "
              f"that {top['also_in']} also counts"
              + (f"; {creative['share_pct'].iloc[0]:.0f}% of Creative Industries jobs are also counted in Digital "
                 "and Technologies" if not creative.empty and creative.index[0] != top.name else "") + ". "
              f"{int((overlaps['share_pct'] > 50).sum())} of {len(overlaps)} ordered pairs share more than half of "
              "the first sector's jobs.")
    return Grade(pattern_verdict(bool(top["share_pct"] > 50), bool(top["share_pct"] > 25)), float(top["share_pct"]),
                 detail)


def _test_manufacturing(_view) -> Grade:
    employees = manufacturing_employees()
    metro, region = employees[WEST_MIDLANDS_METRO], employees[WEST_MIDLANDS_ITL1]
    rivals = float(employees[list(MANUFACTURING_RIVALS)].sum())
    detail = (f"Manufacturing employees (BRES, section C, {EXACT_YEAR}): West Midlands metropolitan ITL2 "
              f"{metro:,.0f}, the whole West Midlands ITL1 region {region:,.0f}; Greater Manchester, West "
              f"Yorkshire and Merseyside together ({'+'.join(MANUFACTURING_RIVALS)}) {rivals:,.0f}.")
    return Grade(pattern_verdict(metro > rivals, region > rivals), float(metro), detail)


# The claim objects: each blog claim's parameters and rule, graded by the ledger
# (below) and by the robustness chapter on every specification.
B01 = NoSpecialismClaim("B01", {GREATER_MANCHESTER: "Greater Manchester"})
B02 = NoSpecialismClaim("B02", {WEST_MIDLANDS_METRO: "West Midlands"})
B03 = SectorAboveClaim("B03", WEST_MIDLANDS_METRO, "West Midlands metropolitan ITL2", "Advanced Manufacturing",
                       context=_wider_region)
B04 = SectorsBelowClaim("B04", WEST_MIDLANDS_METRO)
B05 = NoSpecialismClaim("B05", NO_SPECIALISM_REGIONS)
B06 = BandClaim("B06", 0.6, 0.8, what=f"{number_word(len(SERVICE_PAIRS))} Pearson coefficients")
B07 = TestedClaim("B07", _test_gse, "pattern: the Greater South East's combined LQ above 1 in all "
                                    f"{number_word(len(SERVICE_SECTORS))} service sectors strictly, in "
                                    f"{number_word(len(SERVICE_SECTORS) - 1)} of {number_word(len(SERVICE_SECTORS))} "
                                    "loosely")
B08 = AllSectorsClaim("B08", ALL_EIGHT_REGIONS)
B09 = TestedClaim("B09", _test_unmeasurable, "count: exact for the sectors not rated 'Well defined by SIC'; close "
                  "when the published count lies between that and the sectors rated 'not easily represented'")
B10 = TestedClaim("B10", _test_overlap, "pattern: 'heavily' = more than half of some sector's jobs also counted in "
                  "another strictly, more than a quarter loosely")
B11 = TestedClaim("B11", _test_manufacturing, "pattern: the West Midlands metropolitan ITL2 above the three "
                  "combined strictly, the whole West Midlands ITL1 region loosely")
# The blog dates the 2025 Industrial Strategy to November 2025 (transcribed);
# the data record is the catalogue's vintage of the sector definitions list
# the blog's IS-8 rest on (DEFINITIONS_FILE), read, not typed.
B12 = DateClaim("B12", datetime.date(2025, 11, 1))
DEFINITIONS_FILE = "is8_definitions"
CLAIM_OBJECTS = (B01, B02, B03, B04, B05, B06, B07, B08, B09, B10, B11, B12)


def record_date(file_id: str = DEFINITIONS_FILE) -> datetime.date:
    """The month a catalogued file's ``vintage`` gives ('June 2025' -> 1 June
    2025); a vintage that is not a month and year stops with the catalogue named."""
    vintage = entry(file_id).vintage.strip()
    try:
        return datetime.datetime.strptime(vintage, "%B %Y").date()
    except ValueError:
        raise DataError("catalogue.csv", f"{file_id}: vintage {vintage!r} is not a month and year "
                                         "('June 2025')") from None


def correlation_view(lq: pd.DataFrame, resamples: int = BOOTSTRAP_RESAMPLES) -> CorrelationView:
    """B06's view of an LQ frame: the service sectors' correlations (Pearson graded);
    ``resamples`` 0 for the coefficients alone (a count of them needs no interval)."""
    return CorrelationView(service_correlations(lq, resamples=resamples), "pearson")


def all_claims() -> list[BlogClaim]:
    method = ("The blog reports The Data City's firm-level classification, not SIC-based BRES; "
              "this test uses BRES employment under the DBT SIC definitions.")
    # The regions B06 correlates across, as findings_is8.n_measured_regions counts them: not
    # imported, as this module declares results free of the method variant, and findings_is8
    # imports modules that read it (tests/test_cache.py).
    n_regions = is8_lq_itl2(EXACT_YEAR, EXACT)["itl2_code"].nunique()
    n_measured_2digit = int(specialisms(is8_lq_itl2(APPROX_YEAR, APPROX))["n_measured"].max())  # B08's sectors
    return [
        BlogClaim("B01", "Greater Manchester is specialised (LQ above 1) in none of the IS-8 sectors at ITL2.",
               "Greater Manchester: LQ > 1 in 0 of 8 sectors", "count of sectors with LQ > 1",
               method, B01),
        BlogClaim("B02", "The West Midlands is specialised in none of the IS-8 sectors at ITL2.",
               "West Midlands: LQ > 1 in 0 of 8 sectors", "count of sectors with LQ > 1",
               method + " 'West Midlands' is read as the metropolitan ITL2 region TLG3.",
               B02),
        BlogClaim("B03", "The West Midlands over-performs in Advanced Manufacturing.",
               "West Midlands: Advanced Manufacturing over-performs", "location quotient",
               method + " Graded on the metropolitan ITL2 (TLG3), the region B02 reads 'West Midlands' as; the "
               "whole ITL1 region (TLG) is shown beside it, not graded. "
               "It also sits uneasily with B02: an over-performing sector would be an LQ above 1.", B03),
        BlogClaim("B04", "The West Midlands under-performs in the service-based IS-8 sectors.",
               "West Midlands: under-performs in service sectors", "location quotient",
               method + f" 'Under-performs' is read as LQ below 1 in each of the {number_word(len(B04.sectors))} service sectors.",
               B04),
        BlogClaim("B05", "Kent, Essex, Lancashire, Greater Manchester and West Yorkshire each have no IS-8 specialism.",
               f"{len(B05.regions)} areas with no IS-8 specialism ({', '.join(B05.regions.values())})",
               "count of sectors with LQ > 1 per region", method, B05),
        BlogClaim("B06", "The four IS-8 service sectors co-locate: their LQs are correlated at about 0.6 to 0.8 "
               "across ITL2.",
               f"correlation coefficients {B06.band}", f"correlation coefficient ({n_regions} ITL2 regions)",
               method + f" Pearson and Spearman correlations of LQs across the {n_regions} regions, with bootstrap "
               f"{interval_level_pct():g}% intervals; the verdict uses Pearson.", B06, view=correlation_view,
               detail=_correlations_detail),
        BlogClaim("B07", "The service sectors are concentrated in the Greater South East.",
               "service sectors concentrate overwhelmingly in the Greater South East",
               "share of GB employment (%); LQ of the Greater South East", method +
               " The Greater South East is taken as the London, South East and East of England ITL1 regions.",
               B07),
        BlogClaim("B08", "Only the Bristol and Edinburgh areas are specialised in all eight IS-8 sectors.",
               f"{len(B08.regions)} areas ({', '.join(B08.regions.values())}) with specialisms in all "
               f"{len(IS8_SECTORS)} sectors",
               "regions with LQ > 1 in every measurable sector",
               method + " Clean Energy Industries has no SIC code, so 'all eight' can at most be tested as all "
               f"{number_word(len(measurable_sectors()))} measurable sectors ({number_word(n_measured_2digit)} at 2 "
               "digits, where Defence has no approximation), and Defence and "
               "Life Sciences are only partly captured by SIC. Bristol is read as TLK1 and Edinburgh as TLM7.",
               B08, detail=_all_eight_detail),
        BlogClaim("B09",
                  "The government concedes that several IS-8 sectors cannot be measured reliably with SIC codes.",
               "4 of 8 sectors cannot be reliably measured with SIC", "count of sectors",
               "Tested against DBT's own SIC-coverage ratings (methodology note, 2025). The blog's four: "
               + "; ".join(BLOG_UNMEASURABLE) + ".", B09,
               vintage="DBT Industrial Strategy economic indicators methodology note, July-September 2025",
               uses_lq=False),
        BlogClaim("B10", "The IS-8 sectors overlap heavily (the blog, quoting the Business and Trade Committee).",
               "overlaps so significant that each sector's contribution cannot be estimated",
               "% of a sector's GB jobs also counted in another sector",
               "Measured on the DBT 5-digit definitions: the jobs in SIC subclasses that two sectors both count.",
               B10, vintage="BRES employment 2021 (exact 5-digit definitions)", uses_lq=False),
        BlogClaim("B11", "The West Midlands produces more manufactured goods than Greater Manchester, West Yorkshire "
               "and the Liverpool City Region combined (the blog, quoting Project MADE).",
               "West Midlands output > the three combined", "manufacturing employees",
               "An output claim, tested with the only measure in the data used here, employment: it says where "
               "manufacturing jobs are, not how much they produce. Output per job differs between places, so "
               "testing output itself would need regional gross value added by industry (ONS regional accounts), "
               "which the data used here do not hold.", B11,
               vintage=f"BRES employees by SIC section, ITL2 and ITL1, {EXACT_YEAR}", uses_lq=False),
        BlogClaim("B12", "The 2025 Industrial Strategy was published in November 2025.",
               f"{B12.published:%B %Y}", "month and year",
               "The blog's IS-8 are those of DBT's Industrial Strategy sector definitions list, which was "
               "published with the strategy; the catalogue dates that list (the record the book's IS-8 "
               f"definitions are read from) to {record_date():%B %Y}.", B12,
               view=lambda _lq: record_date(),
               vintage=f"catalogue vintage of {entry(DEFINITIONS_FILE).path}", uses_lq=False),
    ]


def claim_by_id(claim_id: str) -> BlogClaim:
    """One claim of :func:`all_claims` by its id (``"B12"``)."""
    for claim in all_claims():
        if claim.claim_id == claim_id:
            return claim
    raise KeyError(f"no blog claim {claim_id!r}")


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
    for claim in all_claims():
        row = {"claim_id": claim.claim_id}
        verdict = None
        for column, lq in frames.items():
            if verdict is None or claim.uses_lq:  # graded once where the LQs do not bear on it
                verdict = claim.test(lq).verdict
            row[column] = verdict
        row["changes_2023"] = row["verdict_approx_2023"] != row["verdict_exact_2021"]
        rows.append(row)
    return pd.DataFrame(rows)


def claim_results() -> list[tuple[BlogClaim, Grade, Grade]]:
    """Each claim with its grade under the 2021 exact definitions and under the 2023
    2-digit approximation (the same grade, computed once, where the LQs do not bear on it)."""
    exact = is8_lq_itl2(EXACT_YEAR, EXACT)
    approx = is8_lq_itl2(APPROX_YEAR, APPROX)
    results = []
    for claim in all_claims():
        first = claim.outcome(exact)
        results.append((claim, first, claim.outcome(approx) if claim.uses_lq else first))
    return results


# The same under every method variant: the blog's claims read the ITL2 files and the
# definitions, never the district shares a variant changes (tests/test_cache.py checks
# that nothing this module imports reads one), so the ledger built again with the 2019
# shares as published (claims.rounding) reads the book's instead of grading them again.
@cached(disk=True, maxsize=1, variants=False)
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
    for claim, first, second in claim_results():
        row = {"claim_id": claim.claim_id, "source": BLOG, "statement": claim.statement,
               "published": claim.published, "unit": claim.unit, "vintage": claim.vintage, "rule": claim.rule}
        if not claim.uses_lq:
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
