"""Table 1 of the paper and its readings: highest qualification of residents aged
16+ in the study districts, and the polarisation between no qualifications and
Level 4+, district by district and authority by authority.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.catalogue import entry
from ..data.census import (
    CATEGORY_KEYS,
    PCT_COLUMNS,
    QUALIFICATIONS,
    qualifications_2011,
    qualifications_2021,
    with_percentages,
)
from ..data.geography import ENGLAND_AND_WALES
from ..data.study import Study, carry_counts, paper_study

# Each census year's parser and the catalogue id that names its files in errors.
CENSUS = {2011: (qualifications_2011, "census2011_qs501_001"), 2021: (qualifications_2021, "census2021_ts067")}


def census_for_study(year: int, study: Study | None = None) -> pd.DataFrame:
    """Highest qualification of the study's districts in census ``year`` (2011 or
    2021): counts carried to the study's codes (merged districts summed) and
    percentages of residents 16+ computed from those counts.

    Columns: ``code``, ``all_16plus``, the seven category counts and ``pct_<category>``.
    """
    if year not in CENSUS:
        raise ValueError(f"census year must be one of {sorted(CENSUS)}, not {year!r}")
    parser, file_id = CENSUS[year]
    census = parser()
    districts = census[census["code"] != ENGLAND_AND_WALES]
    counts = carry_counts(districts[["code", "all_16plus", *CATEGORY_KEYS]], study or paper_study(),
                          ["all_16plus", *CATEGORY_KEYS], entry(file_id).path)
    return with_percentages(counts)


def attainment_table(year: int = 2011, study: Study | None = None) -> pd.DataFrame:
    """Highest qualification for the study's districts and England and Wales, census ``year``.

    Columns: ``code``, ``name``, ``authority``, ``all_16plus``, the seven
    category counts, ``pct_<category>`` for each, ``largest_of_two`` (which of
    no qualifications and Level 4+ is larger) and ``above_national`` (whether
    that larger group's share exceeds the England and Wales rate).
    """
    study = study or paper_study()
    census = CENSUS[year][0]()
    districts = study.frame()[["code", "name", "authority"]]
    table = districts.merge(census_for_study(year, study), on="code", how="left", validate="one_to_one")
    national = census[census["code"] == ENGLAND_AND_WALES].assign(name="England and Wales", authority="")
    table = pd.concat([table, national[table.columns]], ignore_index=True)
    ew = national.iloc[0]
    larger_is_l4 = table["pct_level4_plus"] > table["pct_no_qualifications"]
    table["largest_of_two"] = larger_is_l4.map({True: "level4_plus", False: "no_qualifications"})
    above = [row["pct_level4_plus"] > ew["pct_level4_plus"] if l4 else row["pct_no_qualifications"] > ew["pct_no_qualifications"]
             for (_, row), l4 in zip(table.iterrows(), larger_is_l4)]
    table["above_national"] = pd.array(above, dtype="boolean")
    table.loc[table["code"] == ENGLAND_AND_WALES, "above_national"] = pd.NA
    ordered = ["code", "name", "authority", "all_16plus", "pct_no_qualifications", "pct_level4_plus",
               *[c for c in PCT_COLUMNS if c not in ("pct_no_qualifications", "pct_level4_plus")],
               *CATEGORY_KEYS, "largest_of_two", "above_national"]
    return table[ordered]


def attainment_2011() -> pd.DataFrame:
    """The paper's Table 1: :func:`attainment_table` for its 37 districts, 2011."""
    return attainment_table(2011)


def districts_only(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["code"] != ENGLAND_AND_WALES]


def districts_where_not_top_two(table: pd.DataFrame) -> list[str]:
    """Districts where no qualifications and Level 4+ are not the two largest of the seven groups."""
    d = districts_only(table)
    return d.loc[~top_two_holds(d), "name"].tolist()


def _mid_sentence(label: str) -> str:
    """'No qualifications' -> 'no qualifications'; 'Level 4+' stays 'Level 4+'."""
    return label if label.startswith("Level") else label.lower()


def top_two_displacements(table: pd.DataFrame) -> str:
    """For the districts where no qualifications and Level 4+ are not the two
    largest groups, which group outnumbers which, in words grouped by pattern
    ('in Cambridge, Level 3 outnumbers no qualifications; in ...')."""
    pair = {"pct_no_qualifications", "pct_level4_plus"}
    d = districts_only(table)
    patterns: dict[str, list[str]] = {}
    for _, row in d[~top_two_holds(d)].iterrows():
        top = set(row[PCT_COLUMNS].astype(float).nlargest(2).index)
        intruders = sorted(top - pair, key=PCT_COLUMNS.index)
        displaced = sorted(pair - top, key=PCT_COLUMNS.index)
        label = " and ".join(QUALIFICATIONS[c.removeprefix("pct_")][0] for c in intruders)
        # mid-sentence in lower case, but "Level 4+" keeps its one spelling (the glossary's)
        lost = " and ".join(_mid_sentence(QUALIFICATIONS[c.removeprefix("pct_")][0]) for c in displaced)
        patterns.setdefault(f"{label} outnumber{'s' if len(intruders) == 1 else ''} {lost}", []).append(row["name"])
    return "; ".join(f"in {', '.join(names)}, {pattern}" for pattern, names in patterns.items())


def authority_patterns(table: pd.DataFrame) -> pd.DataFrame:
    """Per authority: districts, how many have no qualifications as the larger
    group, and how many have an above-national no-qualifications rate."""
    ew = table[table["code"] == ENGLAND_AND_WALES].iloc[0]
    d = districts_only(table).assign(
        noq_larger=lambda f: f["largest_of_two"] == "no_qualifications",
        noq_above_national=lambda f: f["pct_no_qualifications"] > ew["pct_no_qualifications"])
    return d.groupby("authority", sort=False).agg(
        districts=("code", "size"), noq_larger=("noq_larger", "sum"),
        noq_above_national=("noq_above_national", "sum")).reset_index()


def by_authority(table: pd.DataFrame) -> pd.DataFrame:
    """The districts of ``table`` pooled into their authorities (counts summed,
    shares recomputed): the reading of 'every area' as every combined
    authority. Columns: ``authority``, ``all_16plus``, the category counts and
    ``pct_<category>``."""
    pooled = districts_only(table).groupby("authority", sort=False)[["all_16plus", *CATEGORY_KEYS]].sum()
    return with_percentages(pooled.reset_index())


def top_two_holds(pct: pd.DataFrame) -> pd.Series:
    """Whether no qualifications and Level 4+ are the two largest of the seven groups, row by row."""
    shares = pct[PCT_COLUMNS]
    return shares.apply(lambda row: set(row.nlargest(2).index), axis=1) == {"pct_no_qualifications",
                                                                               "pct_level4_plus"}


def attainment_facts(table: pd.DataFrame) -> dict:
    """The numbers the chapter states, as plain Python values (for glue)."""
    d = districts_only(table)
    ew = table[table["code"] == ENGLAND_AND_WALES].iloc[0]
    r = float(np.corrcoef(d["pct_no_qualifications"], d["pct_level4_plus"])[0, 1])
    combined = d["pct_no_qualifications"] + d["pct_level4_plus"]
    exceptions = d.loc[~d["above_national"].astype(bool), "name"].tolist()
    return {
        "n_districts": int(len(d)),
        "n_authorities": int(d["authority"].nunique()),
        "ew_pct_noq": float(ew["pct_no_qualifications"]),
        "ew_pct_l4": float(ew["pct_level4_plus"]),
        "r_noq_l4": r,
        "r2_noq_l4": r * r,
        "not_top_two": districts_where_not_top_two(table),
        "combined_min": float(combined.min()),
        "combined_max": float(combined.max()),
        "n_above_national": int(d["above_national"].astype(bool).sum()),
        "exceptions": exceptions,
        "n_noq_larger": int((d["largest_of_two"] == "no_qualifications").sum()),
        "max_l4_name": d.loc[d["pct_level4_plus"].idxmax(), "name"],
        "max_l4": float(d["pct_level4_plus"].max()),
        "max_noq_name": d.loc[d["pct_no_qualifications"].idxmax(), "name"],
        "max_noq": float(d["pct_no_qualifications"].max()),
        "min_l4_name": d.loc[d["pct_level4_plus"].idxmin(), "name"],
        "min_l4": float(d["pct_level4_plus"].min()),
    }


def attainment_by_authority() -> pd.DataFrame:
    return authority_patterns(attainment_2011())


def change_2011_2021(study: Study) -> pd.DataFrame:
    """No qualifications and Level 4+ in 2011 and 2021 for the study's districts
    (2011 counts carried to the study's codes) and England and Wales.

    Columns: ``code``, ``name``, ``authority``, ``pct_no_qualifications_2011``,
    ``pct_level4_plus_2011``, the same for 2021, and the change in percentage
    points (``change_no_qualifications_pp``, ``change_level4_plus_pp``).
    """
    keep = ["code", "pct_no_qualifications", "pct_level4_plus"]
    years = []
    for year in (2011, 2021):
        national = CENSUS[year][0]()
        years.append(pd.concat([census_for_study(year, study)[keep],
                                national.loc[national["code"] == ENGLAND_AND_WALES, keep]]))
    areas = pd.concat([study.frame()[["code", "name", "authority"]],
                       pd.DataFrame([{"code": ENGLAND_AND_WALES, "name": "England and Wales", "authority": ""}])],
                      ignore_index=True)
    out = (areas.merge(years[0], on="code", validate="one_to_one")
           .merge(years[1], on="code", suffixes=("_2011", "_2021"), validate="one_to_one"))
    out["change_no_qualifications_pp"] = out["pct_no_qualifications_2021"] - out["pct_no_qualifications_2011"]
    out["change_level4_plus_pp"] = out["pct_level4_plus_2021"] - out["pct_level4_plus_2011"]
    return out


def attainment_change_2011_2021() -> pd.DataFrame:
    """:func:`change_2011_2021` for the paper's 37 districts."""
    return change_2011_2021(paper_study())
