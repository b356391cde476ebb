"""The education chapter's findings on inference, as a long table like
:mod:`placeblind.analysis.findings`: what the r-squared intervals contain, what
explains the gap to the paper's r-squared, and how far the classical p-values
survive robust errors, leaving out an authority and the spatial check. Words are
chosen from the numbers (placeblind.analysis.fit_inference)."""

from __future__ import annotations

import pandas as pd

from ..analysis.education_fits import education_sector_fits, fit_lookup
from ..analysis.fit_inference import SIGNIFICANCE, confidence, fit_label, islands, paper_inference, published_gap, study_adjacency
from ..analysis.vintages import VINTAGES
from ..analysis.findings import findings
from ..data.study import paper_study
from .chapter_findings import GAP_CLAIMS
from ..text import and_join
from .paper import paper_claims


def _published() -> dict[str, float]:
    claims = paper_claims().set_index("claim_id")
    return {claim: float(claims.loc[claim, "published"]) for claim in GAP_CLAIMS}


def gap_sentence() -> str:
    """Why the book's r-squared differs from the paper's, in words chosen from :func:`published_gap`."""
    published = _published()
    gaps = {claim: published_gap(published[claim], sector) for claim, (sector, _) in GAP_CLAIMS.items()}
    label = {claim: name for claim, (_, name) in GAP_CLAIMS.items()}
    moves = and_join([f"{gaps[c]['vintage_movement_r2']:.2f} ({label[c]})" for c in GAP_CLAIMS])
    gaps_r2 = and_join([f"{gaps[c]['gap_r2']:.2f}" for c in GAP_CLAIMS])
    gaps_r = and_join([f"{gaps[c]['gap_r']:.2f}" for c in GAP_CLAIMS])
    text = (f"The book and the paper fit the same {len(paper_study().codes)} districts, so resampling them "
            "cannot explain why their r² differ. What does differ is the year, and "
            f"between {and_join([str(v) for v in VINTAGES])} r² moves by {moves}, against gaps of {gaps_r2} between the published values and "
            f"the nearer year's r². Read as r, the book's values lie within {gaps_r} of the published ones. ")
    kinds = {gaps[c]["explained_by"] for c in GAP_CLAIMS}
    if kinds == {"measure"}:
        return text + ("So the gap is one of measure, not of vintage: the published values behave like r printed "
                       "under the label r², not like the r² of another year.")
    if kinds == {"vintage"}:
        return text + "So the published values lie between the two years' r²: the year can explain them."
    each = [f"for {label[c]} " + {"measure": "the gap is one of measure (r printed as r²)",
                                  "vintage": "the year can explain it",
                                  "neither": "neither the year nor the measure explains it"}[gaps[c]["explained_by"]]
            for c in GAP_CLAIMS]
    return text + "So " + "; ".join(each) + "."


def inside_sentence() -> str:
    """Which published r-squared values lie inside the book's r-squared intervals, year by year."""
    published = _published()
    fits = education_sector_fits()
    inside, outside = [], []
    for claim, (sector, _) in GAP_CLAIMS.items():
        for v in VINTAGES:
            row = fit_lookup(fits, "study_districts", v, sector, "level4_plus")
            (inside if row["r2_ci_low"] <= published[claim] <= row["r2_ci_high"] else outside).append(
                f"{published[claim]:.2f} in {v}")
    if not outside:
        return "Both published values lie inside this book's r² intervals in both years, so the data cannot rule " \
               "them out as r² either."
    if not inside:
        return "Neither published value lies inside this book's r² intervals in either year."
    return (f"As r², the published values lie inside this book's intervals for {and_join(inside)}, and outside them "
            f"for {and_join(outside)}, so the data do not rule out every one of them as r².")


def _fit_name(row: pd.Series) -> str:
    return fit_label(row["sector"], row["education"])


def _why_not(row: pd.Series) -> str:
    reasons = []
    if row["p_value_hc3"] >= SIGNIFICANCE:
        reasons.append(f"with robust errors p is {row['p_value_hc3']:.2f}")
    if not row["jackknife_sign_kept"]:
        reasons.append("its slope changes sign when one authority is left out")
    if row["jackknife_p_max"] >= SIGNIFICANCE:
        reasons.append(f"without {row['jackknife_p_max_without']} p is {row['jackknife_p_max']:.2f}")
    if row["moran_pattern"] == "positive":
        reasons.append(f"its residuals cluster in space (Moran's I {row['moran_i']:.2f}, "
                       f"p {row['moran_p_two_sided']:.3f})")
    return f"{_fit_name(row)} ({'; '.join(reasons)})"


def inference_sentence(vintage: int) -> str:
    table = paper_inference(vintage)
    table["confidence"] = table.apply(confidence, axis=1)
    firm = [_fit_name(r) for _, r in table[table["confidence"] == "firm"].iterrows()]
    qualified = [_why_not(r) for _, r in table[table["confidence"] == "qualified"].iterrows()]
    n_classical = int((table["p_value"] < SIGNIFICANCE).sum())
    text = (f"In {vintage}, {n_classical} of the {len(table)} slopes are below the 5% level classically. ")
    text += (f"{len(firm)} of them pass{'es' if len(firm) == 1 else ''} every check: {and_join(firm)}. " if firm
             else "None of them passes every check. ")
    if qualified:
        text += f"{'These' if len(qualified) > 1 else 'This one'} did not: {'; '.join(qualified)}. "
    clustered = table[table["moran_pattern"] == "positive"]
    if clustered.empty:
        text += f"No fit's residuals cluster in space at the {SIGNIFICANCE:.0%} level."
    else:
        names = [f"{_fit_name(r)}, whose slope is {'' if r['p_value'] < SIGNIFICANCE else 'not '}below the "
                 f"{SIGNIFICANCE:.0%} level "
                 "classically" for _, r in clustered.iterrows()]
        text += f"The residuals cluster in space at the {SIGNIFICANCE:.0%} level for {and_join(names)}."
    checker = table[table["moran_pattern"] == "negative"]
    if not checker.empty:
        names = [f"{_fit_name(r)} (Moran's I {r['moran_i']:.2f}, p {r['moran_p_two_sided']:.3f})"
                 for _, r in checker.iterrows()]
        text += (f" The residuals form a checkerboard, neighbours unlike each other, for {and_join(names)}; "
                 "what that suggests is discussed below.")
    return text


def inference_findings() -> pd.DataFrame:
    """The inference section's sentences and counts, by glue name."""
    adjacency = study_adjacency()
    alone = islands()
    table = paper_inference()
    table["confidence"] = table.apply(confidence, axis=1)
    firm_both = set.intersection(*(set(table[(table["vintage"] == v) & (table["confidence"] == "firm")]
                                       .apply(_fit_name, axis=1)) for v in VINTAGES))
    return findings([(name, value) for name, value in {
        "inf_gap": gap_sentence(),
        "inf_inside": inside_sentence(),
        "inf_2017": inference_sentence(2017),
        "inf_2019": inference_sentence(2019),
        "inf_n_links": int(adjacency.to_numpy().sum() // 2),
        "inf_islands": and_join(alone) if alone else "none",
        "inf_n_islands": len(alone),
        "inf_n_authorities": int(paper_study().frame()["authority"].nunique()),
        "inf_firm_both": and_join(sorted(firm_both)) if firm_both else "no fit",
        "inf_n_firm_both": len(firm_both),
    }.items()])
