"""The findings the introduction and the concluding chapter summarise that no
other registered table holds as a cell: the ledger's verdict counts, the words
that state the summary's results, and the yes/no readings its guards rest on
(a long table like :mod:`placeblind.analysis.findings`). The summaries' other
facts point at the chapters' own cells."""

from __future__ import annotations

import pandas as pd

from ..analysis.authorities import LATER, authority_profiles
from ..analysis.decade_links import link_summary, paired_link
from ..analysis.education_fits import CLOSE_FIT_R2, education_sector_fits, fit_lookup
from ..analysis.findings import findings
from ..analysis.findings_is8 import is8_findings
from ..analysis.fit_inference import published_gap
from ..analysis.sector_measures import PRIORITISED_SECTORS, wide
from ..analysis.vintages import PRIMARY_VINTAGE
from ..analysis.vintage_noise import vintage_noise
from ..data.sectors import DIGITAL, MANUFACTURING, PROFESSIONAL
from ..text import and_join, number_word
from . import rules
from .chapter_findings import blog_claim_findings
from .framework import BLOG, PAPER, graded_vintages, verdict_column
from .ledger import claims_ledger, texts_phrase
from .vintage_rule import vintage_rule_changes


def not_spots_reading(n_with_none: int, n_named: int, gm_specialisms: int) -> str:
    """How the blog's "not spots" fare: every named area without a specialism,
    some, or none (Greater Manchester's count decides between the last two)."""
    if n_with_none == n_named and gm_specialisms == 0:
        return "hold in the official data"
    if n_with_none == 0:
        return "do not hold in the official data"
    return "hold only in part in the official data"


def answer_size(reproduced: int, n_claims: int) -> str:
    """How the data size the critique: they confirm it when every claim of the
    paper (``reproduced`` of ``n_claims``, all of its claims, the untestable ones
    too) is reproduced, and trim it otherwise."""
    return "and confirm its size" if reproduced == n_claims else "but trim its size"


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
    published = ledger.set_index("claim_id")["published"]
    gaps = [published_gap(float(published[c]), s) for c, s in (("P35", DIGITAL), ("P36", PROFESSIONAL))]
    above_one = (wide(PRIMARY_VINTAGE, "lq")[list(PRIORITISED_SECTORS)] > 1).sum()
    paper = ledger.loc[ledger["source"] == PAPER, "verdict"]
    return findings([
        *counts,
        ("n_claims", len(ledger), "claims", "claims in the ledger"),
        # the introduction's opening answer: its direction is the two readings its
        # guards assert (the divide and the thin high-skill sectors); its size is the ledger's
        ("answer_size", answer_size(int((paper == "reproduced").sum()), len(paper)), "",
         "whether the data confirm the size of the paper's critique or trim it"),
        ("dec_prof_summary", link_summary(paired_link("all_districts", PROFESSIONAL)["reading"]), "",
         "the professional-services link's change over the decade in words (every district)"),
        ("dec_itl3_prof_summary", link_summary(paired_link("itl3", PROFESSIONAL)["reading"]), "",
         "the same over the ITL3 areas"),
        ("ca_n_authorities", int(profiles["authority"].nunique()), "authorities", "combined authorities of May 2025"),
        ("ca_n_later", int(groups[LATER]), "authorities",
         "those the paper did not study"),
        ("prof_link_less_over_all_districts", fit("all_districts", PROFESSIONAL)["r2"]
         < fit("study_districts", PROFESSIONAL)["r2"], "",
         f"professional services' r² over every district below the study districts' ({PRIMARY_VINTAGE}, Level 4+)"),
        ("not_spots", not_spots_reading(blog["is8_five_n_none"], blog["is8_five_n"], is8["is8_gm_n_specialisms"]), "",
         "how the blog's 'not spots' fare in the official data"),
        ("heart_sectors_rise_with_degrees", all(fit("study_districts", s)["slope"] > 0 and fit("study_districts", s)["r2"]
                                                >= CLOSE_FIT_R2 for s in (PROFESSIONAL, DIGITAL)), "",
         f"professional and digital shares rise with the Level 4+ share, r² of at least {CLOSE_FIT_R2:g} ({PRIMARY_VINTAGE})"),
        ("manufacturing_most_above_one", above_one.idxmax() == MANUFACTURING, "",
         f"of the prioritised sectors manufacturing is above 1 in the most study districts ({PRIMARY_VINTAGE})"),
        ("published_r2_nearer_r", all(g["explained_by"] == "measure" and float(published[c]) > max(g["r2"].values())
                                      for g, c in zip(gaps, ("P35", "P36"))), "",
         "the paper's r² for digital and professional exceed the data's and sit nearer r than r²"),
    ])



def ledger_findings() -> pd.DataFrame:
    """The claims-ledger chapter: the claims by verdict, the rule set's margins, the
    noise that calibrates the two-vintage rule and what that rule moves.

    The per-vintage readings loop over the ledger's vintages
    (:func:`~.framework.graded_vintages`, today 2017 and 2019), so the sentences
    name the registry's years ("2017 close, 2019 differs"). The readings are
    about the two years either side of the paper's; with more years in the
    registry the same code reads them over all of them: "graded in both
    vintages" becomes "in all three", "the two vintages disagree" becomes "not
    all the same", the better and the worse year the best and worst of them."""
    ledger = claims_ledger()
    noise = vintage_noise()
    years = graded_vintages()
    columns = [verdict_column(v) for v in years]
    graded = ledger[(ledger[columns] != "").all(axis=1)]
    per_year = list(graded[columns].itertuples(index=False, name=None))
    order = list(rules.VERDICTS)
    better = [rules.better_of(*row) for row in per_year]
    worse = [rules.worst(row) for row in per_year]
    lowered = [c for c, v, b in zip(graded["claim_id"], graded["verdict"], better) if order.index(v) > order.index(b)]
    lifted = [c for c, v, w in zip(graded["claim_id"], graded["verdict"], worse) if order.index(v) < order.index(w)]
    by_id = ledger.set_index("claim_id")
    changes = vintage_rule_changes()
    by_rule = changes.set_index("claim_id")
    otherwise = changes[changes["decided_otherwise"]]

    def by_year(row, sep: str = ", ") -> str:
        """'2017 close, 2019 differs': the grade in each vintage, from the registry's years."""
        return sep.join(f"{v} {row[column]}" for v, column in zip(years, columns))

    def graded_text(claim_id: str) -> str:
        row = by_rule.loc[claim_id]
        return f"{claim_id}: {by_year(row)}, the mean of the values {row['mean_values']}"

    def close_every_year(claim_id: str) -> bool:
        return all(by_id.loc[claim_id, column] == "close" for column in columns)

    split = [c for c, row in zip(graded["claim_id"], per_year) if len(set(row)) > 1]
    n_years = number_word(len(years))  # 'the two years disagree'
    every = "both" if len(years) == 2 else f"all {n_years}"
    return findings([
        ("ledger_texts", texts_phrase(), "", "the texts the ledger grades, counted in words"),
        ("ledger_p13", graded_text("P13"), "", "P13's verdicts by year and on the mean"),
        ("ledger_p15", graded_text("P15"), "", "P15's verdicts by year and on the mean"),
        ("ledger_years_disagree_graded", "; ".join(graded_text(c) for c in split if c in by_rule.index) or "none",
         "", f"the verdicts by year and on the mean of the claims whose {n_years} years disagree"),
        ("rule_share_margin", rules.SHARE_MARGIN_PP, "percentage points", "the margin of 'close' for a share"),
        ("rule_lq_margin", rules.LQ_MARGIN, "LQ", "for a location quotient"),
        ("rule_correlation_margin", rules.CORRELATION_MARGIN, "", "for a correlation"),
        ("rule_ratio_margin", rules.RATIO_MARGIN, "", "for a ratio of two location quotients"),
        ("rule_list_margin", rules.LIST_MARGIN, "", "for a list"),
        ("noise_n_pairs", noise["n_pairs"], "pairs", "district-sector pairs in the vintage-noise check"),
        ("noise_pct_middle_between", 100 * noise["share_middle_between"], "%",
         "cases where the middle year lies between the years either side"),
        ("noise_median_one_year", noise["median_one_year"], "LQ", "median one-year movement of an LQ"),
        ("noise_median_two_year", noise["median_two_year"], "LQ", "median two-year movement"),
        ("noise_median_2017_2019", noise["median_2017_2019"], "LQ", f"median movement between {and_join([str(v) for v in years])}"),
        ("ledger_n_two_vintage", len(graded), "claims", f"claims graded in {every} vintages"),
        ("ledger_n_mean_rule_otherwise", len(otherwise), "claims",
         f"claims the former rule (the mean grade of the {n_years} years) would have decided otherwise"),
        ("ledger_mean_rule_otherwise", "; ".join(
            f"{r['claim_id']} {r['mean_values']} (the mean grade: {r['mean_grade']}; {by_year(r)})"
            for _, r in otherwise.iterrows()) or "none", "", "those claims"),
        ("ledger_n_vintages_disagree", len(split), "claims", f"those whose {n_years} vintages disagree"),
        ("ledger_n_lowered_from_better", len(lowered), "claims", "overall verdict below the better year's"),
        ("ledger_lowered_from_better", ", ".join(lowered) or "none", "", "those claims"),
        ("ledger_n_lifted_from_worse", len(lifted), "claims", "overall verdict above the worse year's"),
        ("ledger_lifted_from_worse", ", ".join(lifted) or "none", "", "those claims"),
        ("ledger_n", len(ledger), "claims", "claims in the ledger"),
        *[(f"ledger_n_{verdict.replace(' ', '_')}", int((ledger["verdict"] == verdict).sum()), "claims", "")
          for verdict in ("reproduced", "close", "differs", "cannot be tested")],
        ("noise_middle_about_a_third", abs(noise["share_middle_between"] - 1 / 3) < 0.1, "",
         "the middle year between the years either side in about a third of cases, as pure noise would give"),
        ("ledger_p13_p15_close", close_every_year("P13") and close_every_year("P15"), "",
         f"P13 and P15 close in {every} years"),
    ])
