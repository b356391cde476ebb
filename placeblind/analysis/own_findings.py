"""The book's own findings, each beside its null or the other readings a sceptic
would use, and the reading the book takes (exported as ``own_findings_nulls``).

One row per finding; the words come from the analysis modules' reading rules
(:mod:`.decade`, :mod:`.authorities`), so this table and the chapters say the same.
"""

from __future__ import annotations

import math

import pandas as pd

from ..cache import cached
from ..data.sectors import DIGITAL, MANUFACTURING, PROFESSIONAL
from ..measures.correlations import interval_level_pct
from . import authorities, decade_bases, decade_links
from .decade import DECADE_VINTAGE
from .itl3 import ITL3_VINTAGE

COLUMNS = ["finding", "chapter", "question", "estimate", "unit", "interval_low", "interval_high", "null_value",
           "null_or_alternatives", "reading", "summary", "rule"]

SECTOR_WORDS = {PROFESSIONAL: "professional, scientific & technical",
                DIGITAL: "information & communication", MANUFACTURING: "manufacturing"}
EDUCATION_WORDS = {"level4_plus": "Level 4+", "no_qualifications": "no qualifications"}
# The links the chapters speak of: (sample, sector, education).
LINKS = (("all_districts", PROFESSIONAL, "level4_plus"),
         ("all_districts", DIGITAL, "level4_plus"),
         ("all_districts", MANUFACTURING, "no_qualifications"),
         ("all_districts", MANUFACTURING, "level4_plus"),
         ("itl3", PROFESSIONAL, "level4_plus"))
SAMPLE_WORDS = {"all_districts": f"every district of England and Wales, BRES {DECADE_VINTAGE}",
                "itl3": f"the ITL3 areas of England and Wales, BRES {ITL3_VINTAGE}"}


def _alternatives(by_basis: dict[str, str]) -> str:
    return "; ".join(f"{decade_bases.BASIS_LABELS[b]}: {r}" for b, r in by_basis.items())


def divide_row(divides: pd.DataFrame, key: str) -> dict:
    part = divides[divides["share"] == key].set_index("basis")
    by_basis = part["reading"].to_dict()
    absolute = part.loc["absolute"]
    return {"finding": f"decade_divide_{key}", "chapter": "decade",
            "question": f"Did the divide between districts on the {EDUCATION_WORDS[key]} share widen, 2011 to 2021?",
            "estimate": float(absolute["second_2021"] - absolute["second_2011"]),
            "unit": "change in the standard deviation across districts (percentage points)",
            "interval_low": math.nan, "interval_high": math.nan, "null_value": 0.0,
            "null_or_alternatives": _alternatives(by_basis),
            "reading": decade_bases.combined_reading(by_basis.values()),
            "summary": decade_bases.scale_phrase(by_basis),
            "rule": "a word only when every basis gives it; each basis reads the two measures' directions"}


def convergence_row(bases: pd.DataFrame) -> dict:
    part = bases.set_index("basis")
    by_basis = part["reading"].to_dict()
    absolute = part.loc["absolute"]
    return {"finding": "decade_convergence", "chapter": "decade",
            "question": "Did districts with fewer graduates in 2011 gain more by 2021?",
            "estimate": float(absolute["slope"]), "unit": "pp of change per pp of 2011 share",
            "interval_low": float(absolute["itl2_ci_low"]), "interval_high": float(absolute["itl2_ci_high"]),
            "null_value": 0.0, "null_or_alternatives": _alternatives(by_basis),
            "reading": decade_bases.combined_reading(by_basis.values()),
            "summary": decade_bases.scale_phrase(by_basis),
            "rule": f"each basis: the slope's {interval_level_pct():g}% interval (errors clustered by ITL2) wholly "
                    "below zero (converging) "
                    "or above (diverging); a word only when every basis gives it"}


def link_row(link: dict) -> dict:
    sector, education = SECTOR_WORDS[link["sector"]], EDUCATION_WORDS[link["education"]]
    stem = {PROFESSIONAL: "professional", DIGITAL: "digital", MANUFACTURING: "manufacturing"}[link["sector"]]
    return {"finding": f"decade_link_{link['sample']}_{stem}_{link['education']}", "chapter": "decade",
            "question": f"Is the link between the {sector} share of jobs and the {education} share of residents "
                        f"stronger with 2021 education than with 2011 ({SAMPLE_WORDS[link['sample']]})?",
            "estimate": float(link["change"]), "unit": "change in r²",
            "interval_low": float(link["change_ci_low"]), "interval_high": float(link["change_ci_high"]),
            "null_value": 0.0,
            "null_or_alternatives": f"no change (the paired {interval_level_pct():g}% interval includes 0); "
                                    "point estimates: "
                                    f"{link['r2_2011']:.2f} to {link['r2_2021']:.2f}",
            "reading": link["reading"], "summary": decade_links.link_summary(link["reading"]),
            "rule": "paired bootstrap of the change in r² (the same areas resampled for both censuses, "
                    f"fixed seed): stronger or weaker only when its {interval_level_pct():g}% interval excludes 0"}


def redesign_row(evidence: pd.DataFrame) -> dict:
    row = evidence.set_index("quantity").loc["r_other_fall_l4_gain"]
    tracks = float(row["ci_low"]) > 0
    return {"finding": "decade_redesign_other_and_level4", "chapter": "decade",
            "question": "Does the fall in 'other qualifications' track the Level 4+ gain across districts?",
            "estimate": float(row["value"]), "unit": "correlation across districts",
            "interval_low": float(row["ci_low"]), "interval_high": float(row["ci_high"]), "null_value": 0.0,
            "null_or_alternatives": f"no relation (the bootstrap {interval_level_pct():g}% interval includes 0)",
            "reading": "tracks" if tracks else "does not measurably track",
            "summary": "part of the Level 4+ gain may be the redesigned question" if tracks
                       else "no sign in the counts that the redesigned question moved Level 4+",
            "rule": f"percentile bootstrap {interval_level_pct():g}% interval for r wholly above zero"}


def pattern_row(pattern: pd.DataFrame, group: str, vintages: tuple[int, ...]) -> dict:
    rows = pattern[pattern["group"] == group].set_index("vintage")
    newest = rows.loc[vintages[0]]
    earlier = "; ".join(f"BRES {v}: {rows.loc[v, 'reading']}" for v in vintages[1:])
    return {"finding": f"authorities_pattern_{group}", "chapter": "authorities_2025",  # the group's id
            "question": f"Does the paper's pattern hold in {newest['group_label']} (2021 Census, BRES {vintages[0]})?",
            "estimate": float(newest["gap_pp"]),
            "unit": "share of districts with manufacturing LQ above 1 less the share with both (pp of districts)",
            "interval_low": math.nan, "interval_high": math.nan, "null_value": float(newest["null_gap_median"]),
            "null_or_alternatives": (
                f"random sets of English districts of the same size: the rule holds in "
                f"{100 * newest['null_share_holds']:.0f}%, median gap {newest['null_gap_median']:.1f}, "
                f"share reaching the gap {newest['null_p']:.3f}; random sets with the same regions: median gap "
                f"{newest['regional_null_gap_median']:.1f}, share reaching it {newest['regional_null_p']:.3f}"
                + (f"; {earlier}" if earlier else "")),
            "reading": str(newest["reading"]), "summary": str(newest["reading"]),
            "rule": f"holds only when the gap exceeds a null's median by at least {newest['margin_pp']:.0f} points "
                    f"and at most {100 * authorities.NULL_LEVEL:.0f}% of its random sets reach it"}


@cached(maxsize=1)
def own_findings_nulls() -> pd.DataFrame:
    """Every own finding of the book with its estimate, its null or alternative
    readings, and the reading taken (columns :data:`COLUMNS`)."""
    divides = decade_bases.divide_bases()
    rows = [divide_row(divides, "level4_plus"), divide_row(divides, "no_qualifications"),
            convergence_row(decade_bases.convergence_bases()), redesign_row(decade_bases.qualifications_redesign())]
    rows += [link_row(decade_links.paired_link(*link)) for link in LINKS]
    pattern, vintages = authorities.authority_pattern(), authorities.pattern_vintages()
    rows += [pattern_row(pattern, group, vintages) for group in authorities.GROUPS]
    return pd.DataFrame(rows, columns=COLUMNS)
