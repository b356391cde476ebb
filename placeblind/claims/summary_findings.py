"""The findings the introduction and the concluding chapter summarise that no
other registered table holds as a cell: the ledger's verdict counts, the words
that state the summary's results, and the yes/no readings its guards rest on
(a long table like :mod:`placeblind.analysis.findings`). The summaries' other
facts point at the chapters' own cells."""

from __future__ import annotations

import pandas as pd

from ..analysis.authorities import LATER, authority_profiles
from ..analysis.decade import link_summary, paired_link
from ..analysis.education_fits import education_sector_fits, fit_lookup
from ..analysis.findings import findings
from ..analysis.findings_is8 import is8_findings
from ..analysis.fit_inference import published_gap
from ..analysis.sector_measures import PRIMARY_VINTAGE, PRIORITISED_SECTORS, wide
from .chapter_findings import blog_claim_findings
from .framework import BLOG, PAPER
from .ledger import claims_ledger

PROFESSIONAL, DIGITAL = "Professional, scientific & technical", "Information & communication"
VERDICTS = {"reproduced": "reproduced", "close": "close", "differs": "differs",
            "cannot_be_tested": "cannot be tested"}


def not_spots_reading(n_with_none: int, n_named: int, gm_specialisms: int) -> str:
    """How the blog's "not spots" fare: every named area without a specialism,
    some, or none (Greater Manchester's count decides between the last two)."""
    if n_with_none == n_named and gm_specialisms == 0:
        return "hold in the official data"
    if n_with_none == 0:
        return "do not hold in the official data"
    return "hold only in part in the official data"


def summary_findings() -> pd.DataFrame:
    """The introduction's and the conclusion's own findings."""
    ledger = claims_ledger()
    fits = education_sector_fits()
    is8 = is8_findings().set_index("quantity")["value"]
    blog = blog_claim_findings().set_index("quantity")["value"]
    profiles = authority_profiles()
    groups = profiles.groupby("group")["authority"].nunique()

    def fit(sample: str, sector: str) -> pd.Series:
        return fit_lookup(fits, sample, PRIMARY_VINTAGE, sector, "level4_plus")

    counts = []
    for source, prefix in ((PAPER, "paper"), (BLOG, "blog")):
        verdicts = ledger.loc[ledger["source"] == source, "verdict"]
        counts.append((f"{prefix}_n", len(verdicts), "claims", f"claims of the {prefix}"))
        counts += [(f"{prefix}_{key}", int((verdicts == verdict).sum()), "claims", f"{prefix} claims {verdict}")
                   for key, verdict in VERDICTS.items()]
    published = ledger.set_index("claim_id")["published"]
    gaps = [published_gap(float(published[c]), s) for c, s in (("P35", DIGITAL), ("P36", PROFESSIONAL))]
    above_one = (wide(PRIMARY_VINTAGE, "lq")[list(PRIORITISED_SECTORS)] > 1).sum()
    return findings([
        *counts,
        ("n_claims", len(ledger), "claims", "claims in the ledger"),
        ("dec_prof_summary", link_summary(paired_link("all_districts", PROFESSIONAL)["reading"]), "",
         "the professional-services link's change over the decade in words (every district)"),
        ("dec_itl3_prof_summary", link_summary(paired_link("itl3", PROFESSIONAL)["reading"]), "",
         "the same over the ITL3 areas"),
        ("ca_n_authorities", int(profiles["authority"].nunique()), "authorities", "combined authorities of May 2025"),
        ("ca_n_later", int(groups[LATER]), "authorities",
         "those the paper did not study"),
        ("prof_link_less_over_all_districts", fit("all_districts", PROFESSIONAL)["r2"]
         < fit("study_districts", PROFESSIONAL)["r2"], "",
         "professional services' r² over every district below the study districts' (2017, Level 4+)"),
        ("not_spots", not_spots_reading(blog["is8_five_n_none"], blog["is8_five_n"], is8["is8_gm_n_specialisms"]), "",
         "how the blog's 'not spots' fare in the official data"),
        ("heart_sectors_rise_with_degrees", all(fit("study_districts", s)["slope"] > 0 and fit("study_districts", s)["r2"]
                                                >= 0.5 for s in (PROFESSIONAL, DIGITAL)), "",
         "professional and digital shares rise with the Level 4+ share, r² of at least 0.5 (2017)"),
        ("manufacturing_most_above_one", above_one.idxmax() == "Manufacturing", "",
         "of the prioritised sectors manufacturing is above 1 in the most study districts (2017)"),
        ("published_r2_nearer_r", all(g["explained_by"] == "measure" and float(published[c]) > max(g["r2"].values())
                                      for g, c in zip(gaps, ("P35", "P36"))), "",
         "the paper's r² for digital and professional exceed the data's and sit nearer r than r²"),
    ])

