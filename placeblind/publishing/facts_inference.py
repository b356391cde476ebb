"""The education chapter's facts on inference: what the r-squared intervals
contain, what explains the gap to the paper's r-squared, and how far the
classical p-values survive robust errors, leaving out an authority and the
spatial check. Words are chosen from the numbers (placeblind.analysis.fit_inference)."""

from __future__ import annotations

import pandas as pd

from ..analysis.education_fits import education_sector_fits, fit_facts, fit_lookup
from ..analysis.fit_inference import SIGNIFICANCE, confidence, fit_label, islands, paper_inference, published_gap, study_adjacency
from ..analysis.sector_measures import VINTAGES
from ..cache import cached
from ..data.study import paper_study
from .displays import chapter_claims
from .guards import require

# The two r-squared values of the paper's Table 4 the book is asked to explain, by claim.
GAP_CLAIMS = {"P36": ("Professional, scientific & technical", "professional services"),
              "P35": ("Information & communication", "digital")}

def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _published() -> dict[str, float]:
    claims = chapter_claims("education_and_sectors").set_index("claim_id")
    return {claim: float(claims.loc[claim, "published"]) for claim in GAP_CLAIMS}


def gap_sentence() -> str:
    """Why the book's r-squared differs from the paper's, in words chosen from :func:`published_gap`."""
    published = _published()
    gaps = {claim: published_gap(published[claim], sector) for claim, (sector, _) in GAP_CLAIMS.items()}
    label = {claim: name for claim, (_, name) in GAP_CLAIMS.items()}
    moves = _join([f"{gaps[c]['vintage_movement_r2']:.2f} ({label[c]})" for c in GAP_CLAIMS])
    gaps_r2 = _join([f"{gaps[c]['gap_r2']:.2f}" for c in GAP_CLAIMS])
    gaps_r = _join([f"{gaps[c]['gap_r']:.2f}" for c in GAP_CLAIMS])
    text = (f"The book and the paper fit the same {len(paper_study().codes)} districts, so resampling them "
            "cannot explain why their r² differ. What does differ is the year, and "
            f"between 2017 and 2019 r² moves by {moves}, against gaps of {gaps_r2} between the published values and "
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
    return (f"As r², the published values lie inside this book's intervals for {_join(inside)}, and outside them "
            f"for {_join(outside)}, so the data do not rule out every one of them as r².")


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
    text += (f"{len(firm)} of them pass{'es' if len(firm) == 1 else ''} every check: {_join(firm)}. " if firm
             else "None of them passes every check. ")
    if qualified:
        text += f"{'These' if len(qualified) > 1 else 'This one'} did not: {'; '.join(qualified)}. "
    clustered = table[table["moran_pattern"] == "positive"]
    if clustered.empty:
        text += "No fit's residuals cluster in space at the 5% level."
    else:
        names = [f"{_fit_name(r)}, whose slope is {'' if r['p_value'] < SIGNIFICANCE else 'not '}below the 5% level "
                 "classically" for _, r in clustered.iterrows()]
        text += f"The residuals cluster in space at the 5% level for {_join(names)}."
    checker = table[table["moran_pattern"] == "negative"]
    if not checker.empty:
        names = [f"{_fit_name(r)} (Moran's I {r['moran_i']:.2f}, p {r['moran_p_two_sided']:.3f})"
                 for _, r in checker.iterrows()]
        text += (f" The residuals form a checkerboard, neighbours unlike each other, for {_join(names)}; "
                 "what that suggests is discussed below.")
    return text


@cached(disk=True)
def inference_chapter_facts() -> dict:
    adjacency = study_adjacency()
    alone = islands()
    table = paper_inference()
    table["confidence"] = table.apply(confidence, axis=1)
    firm_both = set.intersection(*(set(table[(table["vintage"] == v) & (table["confidence"] == "firm")]
                                       .apply(_fit_name, axis=1)) for v in VINTAGES))
    return {
        "inf_gap": gap_sentence(),
        "inf_inside": inside_sentence(),
        "inf_2017": inference_sentence(2017),
        "inf_2019": inference_sentence(2019),
        "inf_n_links": int(adjacency.to_numpy().sum() // 2),
        "inf_islands": _join(alone) if alone else "none",
        "inf_n_islands": len(alone),
        "inf_n_authorities": int(paper_study().frame()["authority"].nunique()),
        "inf_firm_both": _join(sorted(firm_both)) if firm_both else "no fit",
        "inf_n_firm_both": len(firm_both),
    }


def published_compare(fits: pd.DataFrame, published: dict[str, str]) -> str:
    """The paper's r-squared for professional services and digital against the book's, in words."""
    words = []
    for claim, (sector, name) in GAP_CLAIMS.items():
        values = [float(fit_lookup(fits, "study_districts", v, sector, "level4_plus")["r2"]) for v in VINTAGES]
        value = float(published[claim])
        words.append("higher" if value > max(values) else "lower" if value < min(values) else "between")
    if len(set(words)) == 1 and words[0] != "between":
        return f"both {words[0]} than this book's in either year"
    return "; ".join(f"{name}: {word} than this book's in either year" if word != "between"
                     else f"{name}: between this book's two years"
                     for (_, name), word in zip(GAP_CLAIMS.values(), words))


def fit_words_guards(fits: pd.DataFrame) -> None:
    """Guards for the education chapter's result words that are typed, not generated (2017 fits)."""
    def row(sector, education, sample="study_districts"):
        return fit_lookup(fits, sample, 2017, sector, education)
    prof, digital = "Professional, scientific & technical", "Information & communication"
    inference = paper_inference()
    inference["confidence"] = inference.apply(confidence, axis=1)
    firm = set(zip(inference.loc[inference["confidence"] == "firm", "vintage"],
                   inference.loc[inference["confidence"] == "firm", "sector"],
                   inference.loc[inference["confidence"] == "firm", "education"]))
    require(all((v, s, "level4_plus") in firm for v in VINTAGES for s in (prof, digital))
            and all(fit_lookup(fits, "study_districts", v, s, "level4_plus")["r2"] >= 0.5
                    for v in VINTAGES for s in (prof, digital)),
            "The two sectors at the heart of the strategy do track education closely")
    require(all(row(s, "no_qualifications")["r"] < 0
                and abs(abs(row(s, "no_qualifications")["r"]) - row(s, "level4_plus")["r"]) < 0.1
                for s in (prof, digital)),
            "The relation with no qualifications is the mirror image")
    manufacturing = row("Manufacturing", "no_qualifications")
    require(manufacturing["r"] > 0 and 0.1 <= manufacturing["r2"] < 0.5,
            "Manufacturing runs the other way ... a modest positive relation as the paper says")
    business = "Business administration & support"
    require(all(row(business, e)["r2"] < 0.05 for e in ("level4_plus", "no_qualifications")),
            "Business administration & support shows almost none with either measure")
    health, education = row("Health", "no_qualifications"), row("Education", "level4_plus")
    require(health["r2"] < 0.25 and education["r2"] < 0.25
            and health["r2"] >= row("Health", "level4_plus")["r2"]
            and education["r2"] >= row("Education", "no_qualifications")["r2"],
            "The data give less: health ... and education ... on their stronger measure")
    retail = row("Retail", "no_qualifications")
    require(retail["r"] > 0 and retail["p_value"] >= 0.05 and retail["p_value_hc3"] >= 0.05,
            "Retail rises slightly ... too weakly to tell from no relation at all in 2017")
    ew = {s: row(s, "level4_plus", "all_districts") for s in (prof, digital)}
    require(all(ew[s]["r2"] < row(s, "level4_plus")["r2"] for s in (prof, digital)),
            "The strong relations are weaker, though")
    facts = fit_facts(fits)
    require(facts["n_same_sign_ew"] > facts["n_fits_study"] / 2, "Over all districts the signs are mostly the same")
    require(facts["prof_low_min"] > facts["weak_high_max"] > facts["digital_low_min"],
            "Professional services' intervals all lie above ..., clear of the weakest sectors ... Digital's lowest "
            "bound ... overlaps theirs")
