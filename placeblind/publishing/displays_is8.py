"""The IS-8 chapter's tables as the page shows them.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.is8_comparisons import city_summary, dcms_comparison, service_correlations
from ..analysis.is8_regions import approx_vs_exact, definition_summary
from ..cache import cached
from ..claims.blog import claim_results
from ..data.is8_definitions import IS8_SECTORS, SHORT_NAMES
from ..measures.correlations import interval_level_pct
from .ledger_page import claim_link, verdict_badge


@cached(disk=True)  # re-runs every claim's test: keep it for the rest of the build
def claims_display() -> pd.DataFrame:
    """The claims table as the chapter shows it: the claim, the blog's figure, the
    2021 exact finding and the verdicts under both definitions."""
    rows = []
    for claim, first, second in claim_results():
        rows.append({"Claim": claim_link(claim.claim_id), "Statement (our wording)": claim.statement,
                     "Blog": claim.published,
                     "Official data, 2021 exact definitions": first.detail if first else "",
                     "Verdict (2021 exact)": verdict_badge(first.verdict if first else "cannot be tested"),
                     "Verdict (2023 2-digit)": (verdict_badge(second.verdict) if claim.uses_lq
                                                else "(not an LQ claim)") if second
                     else verdict_badge("cannot be tested")})
    return pd.DataFrame(rows)


def summary_display() -> pd.DataFrame:
    """The definitions summary with readable headings."""
    table = definition_summary()
    return pd.DataFrame({
        "Sector": table["sector"], "DBT rating of SIC coverage": table["dbt_rating"],
        "Sector-level codes": table["n_sector_codes"], "Frontier codes": table["n_frontier_codes"],
        "Subclasses covered": table["n_subclasses"],
        "Frontier industries with no SIC code": table["frontier_without_sic"],
        "Measurable with SIC": table["sic_measurable"].map({True: "yes", False: "no"}),
        "GB employment 2021 (jobs)": table["gb_employment_2021"].astype("float")})


def approx_display() -> pd.DataFrame:
    """Exact against 2-digit employment per sector (GB, 2021)."""
    table = approx_vs_exact()
    return pd.DataFrame({
        "Sector": table["sector"], "Divisions in the approximation": table["divisions"].replace("", "none"),
        "Exact (jobs)": table["exact"], "2-digit (jobs)": table["approx"],
        "Added (jobs)": table["added"], "Lost (jobs)": table["lost"],
        "Difference (jobs)": table["difference"], "Difference (%)": table["percent"]})


def dcms_display() -> pd.DataFrame:
    """Codes on one list and not the other, with their GB employment."""
    table = dcms_comparison()
    return pd.DataFrame({
        "IS-8 sector": table["is8_sector"], "Listed only in": table["side"], "SIC code": table["sic_code"],
        "Title": table["name"], "Subclasses": table["subclasses"], "GB employment 2021 (jobs)": table["gb_employment"]})


@cached(disk=True)  # 4,000 bootstrap draws per pair: keep it for the rest of the build
def correlations_display() -> pd.DataFrame:
    """The six service-sector correlations with their intervals."""
    table = service_correlations()
    level = f"{interval_level_pct():g}% interval"
    interval = lambda low, high: [f"{a:.2f} to {b:.2f}" for a, b in zip(table[low], table[high])]  # noqa: E731
    return pd.DataFrame({
        "Sector A": table["sector_a"], "Sector B": table["sector_b"],
        "Pearson r": table["pearson"], f"{level} (r)": interval("pearson_low", "pearson_high"),
        "Spearman rho": table["spearman"], f"{level} (rho)": interval("spearman_low", "spearman_high")})


def city_display() -> pd.DataFrame:
    """Two-digit LQs of the two city districts and their ITL2 regions (2017)."""
    table = city_summary()
    sectors = [s for s in IS8_SECTORS if s in table.columns]
    shown = table[["area", "level", *sectors, "n_specialisms"]].rename(
        columns={"area": "Area", "level": "Level", "n_specialisms": "Sectors with LQ > 1", **SHORT_NAMES})
    shown.columns.name = None
    return shown
