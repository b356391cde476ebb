"""Every table the book shows, as a tidy frame with stable column names.

Each builder is registered under the CSV name it is exported as, so the
chapters and ``make tables`` write the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .catalogue import catalogue
from .census import CATEGORY_KEYS, PCT_COLUMNS, QUALIFICATIONS, qualifications_2011
from .geography import ENGLAND_AND_WALES, study_districts

EXPORTS: dict[str, Callable[[], pd.DataFrame]] = {}


def export(name: str):
    """Register a table builder under its CSV name."""
    def register(builder: Callable[[], pd.DataFrame]) -> Callable[[], pd.DataFrame]:
        if name in EXPORTS:
            raise ValueError(f"table {name!r} registered twice")
        EXPORTS[name] = builder
        return builder
    return register


@export("data_catalogue")
def data_catalogue() -> pd.DataFrame:
    """The catalogue of input files, as the provenance table shows it."""
    rows = [{"id": e.id, "path": e.path, "title": e.title, "publisher": e.publisher,
             "official_source": e.official_source, "copy_of": e.copy_of, "vintage": e.vintage,
             "geography": e.geography, "measure": e.measure, "licence": e.licence,
             "role": e.role, "sha256": e.sha256} for e in catalogue().values()]
    return pd.DataFrame(rows)


@export("study_districts")
def study_geography() -> pd.DataFrame:
    return study_districts().copy()


@export("attainment_2011")
def attainment_2011() -> pd.DataFrame:
    """2011 highest qualification for the 37 study districts and England and Wales.

    Columns: ``code``, ``name``, ``authority``, ``all_16plus``, the seven
    category counts, ``pct_<category>`` for each, ``largest_of_two`` (which of
    no qualifications and Level 4+ is larger) and ``above_national`` (whether
    that larger group's share exceeds the England and Wales rate).
    """
    census = qualifications_2011()
    districts = study_districts()[["code", "name", "authority"]]
    table = districts.merge(census, on="code", how="left", validate="one_to_one")
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


def with_group_rows(frame: pd.DataFrame, group: str, label: str) -> pd.DataFrame:
    """Drop the ``group`` column and put each group's name in a row of its own
    above its members (in ``label``), so a long table reads by authority."""
    pieces = []
    for name, members in frame.groupby(group, sort=False):
        if name:
            pieces.append(pd.DataFrame([{label: f"**{name}**"}]))
        pieces.append(members)
    return pd.concat(pieces, ignore_index=True).drop(columns=group)


def attainment_display(table: pd.DataFrame) -> pd.DataFrame:
    """Table 1 as the page shows it: percentages, the two foremost first, grouped by authority."""
    labels = {f"pct_{k}": f"{label} (%)" for k, (label, _n, _c) in QUALIFICATIONS.items()}
    shown = table[["name", "authority", "all_16plus", "pct_no_qualifications", "pct_level4_plus",
                   *[c for c in PCT_COLUMNS if c not in ("pct_no_qualifications", "pct_level4_plus")]]]
    shown = shown.rename(columns={"name": "District", "all_16plus": "Residents 16+ (persons)", **labels})
    return with_group_rows(shown, "authority", "District")


def provenance_display(used_only: bool = False) -> pd.DataFrame:
    """The catalogue as the data chapter shows it: one row per input file."""
    cat = data_catalogue()
    if used_only:
        cat = cat[cat["role"] == "used"]
    return pd.DataFrame({
        "File (in the data directory)": cat["path"],
        "What": cat["title"],
        "Official source": cat["official_source"],
        "Vintage": cat["vintage"],
        "Measure": cat["measure"],
        "Use": cat["role"],
        "SHA-256 (first 12)": cat["sha256"].str[:12],
    })


def geography_display() -> pd.DataFrame:
    """The study geography: one row per combined authority, districts listed with codes."""
    districts = study_districts()
    grouped = districts.groupby("authority", sort=False).agg(
        code=("authority_code", "first"), n=("code", "size"),
        members=("name", lambda s: "; ".join(f"{n} ({c})" for n, c in zip(s, districts.loc[s.index, "code"]))))
    return grouped.reset_index().rename(columns={
        "authority": "Combined authority", "code": "Code", "n": "Districts", "members": "Districts (codes)"})
