"""The decade and 2025-authorities chapters' new tables as the pages show them:
readings by basis, paired link changes, and the pattern against its null."""

from __future__ import annotations

import pandas as pd

from ..analysis.decade_bases import BASIS_LABELS, RELATIVE_MEASURES
from ..analysis.education_fits import EDUCATION_LABELS
from ..measures.correlations import interval_level_pct
from ..text import capitalised
from .displays import SHORT_LABELS

MEASURE_WORDS = {"gap_90_10": "90-10 gap", "sd": "SD", "cv": "CV", "sd_log": "SD of logs"}


def _pair(row: pd.Series, which: str) -> str:
    digits = 2 if row[f"{which}_measure"] in RELATIVE_MEASURES else 1
    return (f"{MEASURE_WORDS[row[f'{which}_measure']]} {row[f'{which}_2011']:.{digits}f} to "
            f"{row[f'{which}_2021']:.{digits}f}")


def readings_by_basis(divides: pd.DataFrame, convergence: pd.DataFrame) -> pd.DataFrame:
    """One row per basis: the Level 4+ divide (its two measures, 2011 to 2021, and
    the reading) and the convergence slope (its interval with errors clustered
    by ITL2, Moran's I of the residuals and the reading)."""
    divide = divides[divides["share"] == "level4_plus"].set_index("basis")
    slopes = convergence.set_index("basis")
    rows, interval = [], f"{interval_level_pct():g}% interval"
    for basis, label in BASIS_LABELS.items():
        d, c = divide.loc[basis], slopes.loc[basis]
        rows.append({"Basis": label, "Districts": int(d["n"]),
                     "Spread, 2011 to 2021": f"{_pair(d, 'first')}; {_pair(d, 'second')}",
                     "Divide": d["reading"], "Slope": float(c["slope"]),
                     f"{interval} (ITL2 clusters)": f"{c['itl2_ci_low']:.3f} to {c['itl2_ci_high']:.3f}",
                     "Moran's I of residuals (p)": f"{c['morans_i']:.2f} ({c['morans_p']:.3f})",
                     "Convergence": c["reading"]})
    return pd.DataFrame(rows)


def link_changes(links: pd.DataFrame, sample: str) -> pd.DataFrame:
    """The paired change in r-squared of each key sector's link, one sample."""
    part = links[links["sample"] == sample]
    return pd.DataFrame({"Sector": part["sector"].map(lambda s: SHORT_LABELS.get(s, s)),
                         "Education": part["education"].map(EDUCATION_LABELS),
                         "r² with 2011 education": part["r2_2011"], "r² with 2021 education": part["r2_2021"],
                         "Change": part["change"],
                         f"Paired {interval_level_pct():g}% interval": [f"{lo:+.3f} to {hi:+.3f}" for lo, hi in
                                                 zip(part["change_ci_low"], part["change_ci_high"])],
                         "Reading": part["reading"]}).reset_index(drop=True)


def pattern_against_null(pattern: pd.DataFrame) -> pd.DataFrame:
    """The pattern per group and vintage beside random sets of English districts."""
    return pd.DataFrame({
        "BRES": pattern["vintage"].astype(str), "Group": pattern["group_label"].map(capitalised),
        "Districts": pattern["districts"], "Both": pattern["districts_with_both"],
        "Manuf. above 1": pattern["districts_manufacturing_above_1"],
        "Gap (pp)": pattern["gap_pp"],
        "Random: holds (%)": 100 * pattern["null_share_holds"],
        "Random: median gap (reach)": [f"{m:.0f} ({p:.3f})" for m, p in zip(pattern["null_gap_median"],
                                                                         pattern["null_p"])],
        "Regional: median gap (reach)": [f"{m:.0f} ({p:.3f})" if pd.notna(m) else "" for m, p in
                                         zip(pattern["regional_null_gap_median"], pattern["regional_null_p"])],
        "Reading": pattern["reading"]})


def pattern_by_region(regions: pd.DataFrame) -> pd.DataFrame:
    """The rule in each ITL1 region of England, newest vintage and 2017 side by side."""
    newest = regions[regions["newest"]].set_index("itl1")
    rows = []
    for itl1, row in newest.iterrows():
        older = regions[(~regions["newest"]) & (regions["itl1"] == itl1)]
        rows.append({"Region (ITL1)": row["region"], "Districts": int(row["districts"]),
                     f"With both ({int(row['vintage'])})": int(row["districts_with_both"]),
                     f"Manufacturing LQ above 1 ({int(row['vintage'])})": int(row["districts_manufacturing_above_1"]),
                     f"Rule holds ({int(row['vintage'])})": "yes" if row["holds"] else "no",
                     "Rule holds (2017)": ("yes" if bool(older["holds"].iloc[0]) else "no") if len(older) else ""})
    return pd.DataFrame(rows)
