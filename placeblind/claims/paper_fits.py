"""The paper's claims on education and sector size (its Table 4).
"""

from __future__ import annotations

import pandas as pd

from ..analysis.education_fits import HEALTH_EDUCATION_R2, MODEST_FIT_R2, NO_FIT_R2, fit_lookup
from ..analysis.fit_inference import SIGNIFICANCE, published_gap
from ..analysis.sector_measures import districts_where_largest, joint_largest
from ..analysis.vintages import PRIMARY_VINTAGE
from ..data.study import paper_study_size
from ..data.sectors import DIGITAL, MANUFACTURING, PROFESSIONAL
from ..measures.correlations import interval_level_pct
from .claim import (
    ClaimRule,
    CorrelationClaim,
    CountClaim,
    ModestFitClaim,
    StrongNegativeClaim,
    WeakestCorrelationClaim,
    WeakFitClaim,
)
from .framework import Claim
from .paper_common import (
    ABOUT_VINTAGES,
    BRES_SHARES,
    bracketed,
    ClaimData,
    short_names,
    vintage_claim,
    claim_vintages,
    fits_source,
    measured_vintages,
)

# The claim objects of Table 4: the published values and the readings of the paper's words, each
# written once here; the ledger prints each object's ``rule`` and grades with its ``grade``.
P35 = CorrelationClaim("P35", 0.78)
P36 = CorrelationClaim("P36", 0.84)
P37 = StrongNegativeClaim("P37", strong=-0.7, loose_r2=0.25)
P38 = ModestFitClaim("P38", *MODEST_FIT_R2)
P39 = CountClaim("P39", 4)
P40 = WeakFitClaim("P40", "almost none", below=NO_FIT_R2, loose=MODEST_FIT_R2[0])  # loosely: below "modest"
P41 = WeakestCorrelationClaim("P41", HEALTH_EDUCATION_R2, parts="both sectors")
P42 = WeakFitClaim("P42", "slight", below=0.25, positive=True)
CLAIM_OBJECTS: tuple[ClaimRule, ...] = (P35, P36, P37, P38, P39, P40, P41, P42)


def _readings(claim: CorrelationClaim, rows: dict) -> tuple[dict, str]:
    """Per-vintage verdicts of ``claim``, and which reading each used."""
    graded = {v: claim.grade(float(rows[v]["r"])) for v in claim_vintages()}
    verdicts = {v: g.verdict for v, g in graded.items()}
    used = "; ".join(f"{v} as {'r' if g.detail == 'r' else 'r²'}" for v, g in graded.items())
    return verdicts, used


def _fit_text(row: pd.Series) -> str:
    if pd.isna(row["r2_ci_low"]):  # the mean of two vintages' r: no interval
        return f"r2 {row['r2']:.2f}, r {row['r']:+.2f}"
    return (f"r2 {row['r2']:.2f} ({interval_level_pct():g}% {row['r2_ci_low']:.2f}-{row['r2_ci_high']:.2f}), "
            f"r {row['r']:+.2f}")


def _gap_text(published: float, sector: str, fits: pd.DataFrame) -> str:
    """What explains the gap between the published value and the book's r2 (:func:`published_gap`), in words."""
    gap = published_gap(published, sector, fits=fits)
    numbers = (f"r2 is {gap['gap_r2']:.2f} from it in the nearer year and moves {gap['vintage_movement_r2']:.2f} "
               f"between the years; r is {gap['gap_r']:.2f} from it")
    return {"measure": f" The gap is one of measure, not of vintage: {numbers}.",
            "vintage": f" The gap is one of vintage: the published value lies between the two years' r2 ({numbers}).",
            "neither": f" Neither the year nor the measure explains the gap: {numbers}."}[gap["explained_by"]]


def fit_claims(d: ClaimData) -> list[Claim]:
    claims = []
    for claim, sector, label in ((P35, DIGITAL, "digital"),
                                 (P36, PROFESSIONAL, "professional, scientific & technical")):
        claim_id, published = claim.claim_id, claim.published
        rows = {v: d.fit(v, sector, "level4_plus") for v in claim_vintages()}
        r2 = {v: float(rows[v]["r2"]) for v in claim_vintages()}
        ew = fit_lookup(d.fits, "all_districts", PRIMARY_VINTAGE, sector, "level4_plus")
        inside = [v for v in measured_vintages() if rows[v]["r2_ci_low"] <= published <= rows[v]["r2_ci_high"]]
        verdicts, used = _readings(claim, rows)
        claims.append(vintage_claim(
            claim_id, f"r² of the {label} share on the Level 4+ share (Table 4)", f"{published:.2f}",
            {v: _fit_text(rows[v]) for v in claim_vintages()}, verdicts, "r²",
            f"Graded {used}, the readings nearer the published value (the paper prints r as r2 at P08)."
            f"{bracketed(published, r2)}"
            + (f" It lies inside the {interval_level_pct():g}% interval for r2 (the bootstrap interval for r, "
               "squared) in "
               f"{', '.join(map(str, inside))}." if inside else "")
            + _gap_text(published, sector, d.fits)
            + f" Across all {int(ew['n'])} districts of England and Wales r2 is {ew['r2']:.2f} ({PRIMARY_VINTAGE}). "
            + ABOUT_VINTAGES, fits_source(), rule=claim.rule))
    values, verdicts = {}, {}
    for v in claim_vintages():
        rows = [d.fit(v, s, "no_qualifications") for s in (DIGITAL,
                                                             PROFESSIONAL)]
        values[v] = f"digital r {rows[0]['r']:+.2f}, professional r {rows[1]['r']:+.2f}"
        verdicts[v] = P37.grade([(r["r"], r["r2"]) for r in rows]).verdict
    claims.append(vintage_claim(
        "P37", "The digital and professional sectors have a similarly strong negative relation with no "
        "qualifications", "strong, negative", values, verdicts, "Pearson r",
        "", fits_source(), rule=P37.rule))
    values, verdicts = {}, {}
    for v in claim_vintages():
        row = d.fit(v, MANUFACTURING, "no_qualifications")
        values[v] = f"{_fit_text(row)}, slope {row['slope']:+.2f}"
        verdicts[v] = P38.grade(float(row["r"])).verdict
    claims.append(vintage_claim(
        "P38", "Manufacturing has a positive but modest relation with no qualifications", "positive, modest",
        values, verdicts, "r²", "", fits_source(), rule=P38.rule))
    # Business administration: the largest sector in 4 districts; no relation with education.
    business = "Business administration & support"
    values, verdicts = {}, {}
    for v in claim_vintages():
        all_largest = districts_where_largest(v, business)
        joint = joint_largest(v, business)
        strict = [n for n in all_largest if n not in joint]
        values[v] = (f"{len(all_largest)} ({short_names(all_largest)})"
                     + (f", {len(joint)} of them tied ({short_names(joint)})" if joint else ""))
        verdicts[v] = P39.grade((len(strict), len(all_largest))).verdict
    claims.append(vintage_claim(
        "P39", f"Business administration & support is the largest sector in {P39.published} districts",
        str(P39.published), values, verdicts, "districts", "", BRES_SHARES, rule=P39.rule))
    values, verdicts = {}, {}
    for v in claim_vintages():
        rows = [d.fit(v, business, e) for e in ("level4_plus", "no_qualifications")]
        values[v] = f"Level 4+ r2 {rows[0]['r2']:.3f}; no qualifications r2 {rows[1]['r2']:.3f}"
        verdicts[v] = P40.grade([(r["r"], r["r2"]) for r in rows]).verdict
    claims.append(vintage_claim(
        "P40", "Business administration & support has almost no relation with either education measure",
        P40.word, values, verdicts, "r²", "", fits_source(), rule=P40.rule))
    # Health and education r2 about 0.25: each sector's better-fitting education measure, the weaker decides.
    sectors = ("Health", "Education")
    values, verdicts, best = {}, {}, {}
    for v in claim_vintages():
        parts, tops = [], []
        for sector in sectors:
            rows = [d.fit(v, sector, e) for e in ("level4_plus", "no_qualifications")]
            tops.append(float(max(rows, key=lambda r: r["r2"])["r"]))
            parts.append(f"{sector.lower()} {rows[0]['r2']:.2f} (Level 4+) / {rows[1]['r2']:.2f} (none)")
        values[v] = "; ".join(parts)
        verdicts[v] = P41.grade(tops).verdict
        best.update({(v, sector): P41.part(r).detail for sector, r in zip(sectors, tops)})
    four = [d.fit(v, s, e) for v in measured_vintages() for s in sectors for e in ("level4_plus", "no_qualifications")]
    r_abs = [abs(float(r["r"])) for r in four]
    n_cover = sum(1 for r in four if r["r2_ci_low"] <= P41.published <= r["r2_ci_high"])
    claims.append(vintage_claim(
        "P41", f"Health and education both have r² values of around {P41.published:g} (Table 4)",
        f"about {P41.published:g}", values, verdicts, "r²",
        f"Each sector's better-fitting education measure is graded, under the reading nearer {P41.published:g}: "
        + "; ".join(f"{s.lower()} {v} as {'r' if best[(v, s)] == 'r' else 'r²'}" for v in claim_vintages()
                    for s in sectors)
        + f". In absolute terms r ranges from {min(r_abs):.2f} to {max(r_abs):.2f}. With {paper_study_size()[0]} "
        f"districts the bootstrap intervals are wide: {n_cover} of the {len(four)} for r2 include {P41.published:g}. "
        + ABOUT_VINTAGES,
        fits_source(), rule=P41.rule))
    values, verdicts, p_values = {}, {}, {}
    for v in claim_vintages():
        row = d.fit(v, "Retail", "no_qualifications")
        values[v] = _fit_text(row)
        if v in measured_vintages():
            p_values[v] = float(row["p_value"])
            values[v] += f", p {row['p_value']:.2f}"
        verdicts[v] = P42.grade([(row["r"], row["r2"])]).verdict
    claims.append(vintage_claim(
        "P42", f"Retail has a {P42.word} positive relation with no qualifications", f"{P42.word}, positive", values,
        verdicts,
        "r²", "The slope is "
        + "; ".join(f"{'not ' if p_values[v] >= SIGNIFICANCE else ''}distinguishable from zero at the "
                    f"{SIGNIFICANCE:.0%} level in {v}"
                    for v in measured_vintages()) + ".", fits_source(),
        rule=P42.rule))
    return claims
