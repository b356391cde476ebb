"""Tables 2-4 of the paper: sector shares, location quotients, and the fit of
sector size on education, for the 37 study districts and for every district
in England and Wales.

The paper used BRES 2018, which the data bundle does not hold at district
level. Every measure here is computed for the two vintages that bracket it:

- **2017**: BRES *employment* counts (employees plus working owners) for all
  380 GB districts (2016 codes), summed from SIC divisions to the 18 broad
  groups; shares are computed here. The GB reference is the sum of all 380
  districts, the England reference the sum of the English ones.
- **2019**: BRES *employee* shares as Nomis publishes them (per cent of each
  district's employees, one decimal place; 2021 codes). The GB and England
  references are built from BRES employees by SIC section
  (:func:`placeblind.bres.broad_group_base`).

Every result is in a tidy frame with fixed columns; the chapters only display
them. Facts the prose states are returned as plain Python values.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

# ENGLAND_ITL1 and BOOTSTRAP_RESAMPLES are re-exported for the chapters' text.
from .bres import ENGLAND_ITL1, broad_group_base, district_broad_group_employment, district_shares_2019  # noqa: F401
from .census import qualifications_2011
from .errors import DataError
from .figures import AUTHORITY_COLOURS, AUTHORITY_MARKERS, DIVERGING_CMAP, figure, new_figure
from .geography import ENGLAND_AND_WALES, LAD16_TO_LAD20, LAD20_TO_LAD21, STUDY_AUTHORITIES, study_districts
from .measures import (BOOTSTRAP_RESAMPLES, education_sector_fit, location_quotient,  # noqa: F401
                       location_quotient_from_shares, shares)
from .memo import disk_cached
from .sectors import BROAD_GROUP_DIVISIONS, BROAD_GROUPS, KEY_SECTOR_NAMES, KEY_SECTORS, SHORT_LABELS
from .tables import export, with_group_rows

# ---------------------------------------------------------------------------
# Constants: vintages, sector groupings, bands
# ---------------------------------------------------------------------------

VINTAGES = (2017, 2019)
PRIMARY_VINTAGE = 2017
VINTAGE_LABELS = {2017: "BRES 2017, employment (employees and working owners)",
                  2019: "BRES 2019, employees"}
BASES = ("GB", "England")

# The paper's "public sector": the three broad groups that are mostly publicly
# funded. "Private sector" below means every other broad group.
PUBLIC_SECTORS = ("Public administration & defence", "Education", "Health")
PRIVATE_SECTORS = tuple(g for g in BROAD_GROUPS if g not in PUBLIC_SECTORS)
# The three key sectors the paper names as the Industrial Strategy's own.
PRIORITISED_SECTORS = ("Manufacturing", "Information & communication", "Professional, scientific & technical")

# An LQ in this band is taken as "neither under- nor over-exposed": within a
# factor of 1.25 of the reference share either way (0.8 = 1/1.25).
NEUTRAL_BAND = (0.8, 1.25)
# The paper's band for health and education together (per cent of jobs); a
# district is in it when its share rounds to a whole per cent within the band.
HEALTH_EDUCATION_BAND = (20, 25)
# The paper's four "cities" with little manufacturing.
CITIES = ("Bristol, City of", "Cambridge", "Liverpool", "Manchester")
NORTHERN_AUTHORITIES = ("Greater Manchester", "Liverpool City Region", "Tees Valley")

EDUCATION_MEASURES = {"level4_plus": "pct_level4_plus", "no_qualifications": "pct_no_qualifications"}
EDUCATION_LABELS = {"level4_plus": "Level 4+", "no_qualifications": "No qualifications"}
SAMPLES = ("study_districts", "all_districts")
# Sectors the paper finds (nearly) unrelated to education.
WEAK_SECTORS = ("Health", "Retail", "Business administration & support", "Public administration & defence")
SAMPLE_LABELS = {"study_districts": "37 study districts", "all_districts": "all districts in England and Wales"}

# Districts labelled on the scatter plots.
NOTABLE_DISTRICTS = ("Cambridge", "South Cambridgeshire", "Salford", "Manchester", "Trafford",
                     "Sandwell", "Knowsley", "Fenland", "Middlesbrough", "Bristol, City of")


# ---------------------------------------------------------------------------
# District shares and location quotients, every GB district
# ---------------------------------------------------------------------------

def _check_vintage(vintage: int) -> None:
    if vintage not in VINTAGES:
        raise ValueError(f"vintage must be one of {VINTAGES}, not {vintage!r}")


def gb_districts_2017() -> pd.DataFrame:
    """BRES 2017 employment for all 380 GB districts (2016 codes), by broad group.

    Columns: ``code``, ``name``, ``sector``, ``employment``, ``share_pct``
    (of the district's employment), ``lq`` (GB = sum of all districts) and
    ``lq_england`` (England = sum of the English districts; NaN outside England).
    """
    table = district_broad_group_employment(2017).drop(columns="year")
    table["share_pct"] = shares(table)
    table["lq"] = location_quotient(table)
    english = table[table["code"].str.startswith("E")]
    england_reference = english.groupby("sector", observed=True)["employment"].sum()
    table["lq_england"] = location_quotient(table, reference=england_reference).where(
        table["code"].str.startswith("E"))
    return table


def reference_shares(vintage: int, base: str = "GB") -> pd.Series:
    """The reference area's share of employment (2017) or employees (2019) in
    each broad group, per cent, indexed by sector name."""
    return _reference_shares(vintage, base).copy()


@lru_cache(maxsize=8)
def _reference_shares(vintage: int, base: str) -> pd.Series:
    _check_vintage(vintage)
    if base not in BASES:
        raise ValueError(f"base must be one of {BASES}, not {base!r}")
    if vintage == 2017:
        table = district_broad_group_employment(2017)
        if base == "England":
            table = table[table["code"].str.startswith("E")]
        totals = table.groupby("sector", observed=True)["employment"].sum()
        out = 100.0 * totals / totals.sum()
    else:
        out = broad_group_base(2019, base).set_index("sector")["share_pct"]
    out.index = out.index.astype(str)
    return out.reindex(BROAD_GROUPS).astype(float)


def reference_table() -> pd.DataFrame:
    """The four reference distributions side by side.

    Columns: ``sector``, ``gb_2017``, ``england_2017``, ``gb_2019``,
    ``england_2019`` (per cent of employment in 2017, of employees in 2019).
    """
    out = pd.DataFrame({"sector": BROAD_GROUPS})
    for vintage in VINTAGES:
        for base in BASES:
            out[f"{base.lower()}_{vintage}"] = reference_shares(vintage, base).to_numpy()
    return out


def _study_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the 37 study districts, with their study names and authorities, in
    study order (authority, then district) and broad-group order."""
    districts = study_districts()[["code", "name", "authority"]].reset_index(names="order")
    out = frame.drop(columns=[c for c in ("name", "authority") if c in frame.columns])
    out = districts.merge(out, on="code", how="left", validate="one_to_many")
    missing = out.loc[out["sector"].isna(), "name"].tolist()
    if missing:
        raise DataError("bres/*", f"study district(s) without BRES rows: {missing}")
    out["sector"] = pd.Categorical(out["sector"].astype(str), BROAD_GROUPS, ordered=True)
    return out.sort_values(["order", "sector"]).drop(columns="order").reset_index(drop=True)


def study_measures(vintage: int, base: str = "GB") -> pd.DataFrame:
    """Shares and LQs of the 37 study districts for one vintage and reference.

    Columns: ``code``, ``name``, ``authority``, ``vintage``, ``sector``,
    ``share_pct``, ``reference_share_pct``, ``lq``. 2017 LQs are computed from
    counts over the whole GB (or English) table; 2019 LQs are the published
    district share over the reference share.
    """
    # Computed once per vintage and base (the claims ask for it many times);
    # callers get a copy so the cached frame cannot be changed under them.
    return _study_measures(vintage, base).copy()


@lru_cache(maxsize=8)
def _study_measures(vintage: int, base: str) -> pd.DataFrame:
    _check_vintage(vintage)
    reference = reference_shares(vintage, base)
    if vintage == 2017:
        gb = gb_districts_2017()
        frame = gb[["code", "sector", "share_pct"]].assign(lq=gb["lq"] if base == "GB" else gb["lq_england"])
    else:
        published = district_shares_2019()
        frame = published[["code", "sector", "share_pct"]].copy()
        frame["lq"] = location_quotient_from_shares(frame["share_pct"],
                                                    frame["sector"].astype(str).map(reference).astype(float))
    out = _study_rows(frame)
    out["reference_share_pct"] = out["sector"].astype(str).map(reference).astype(float)
    out.insert(3, "vintage", vintage)
    return out[["code", "name", "authority", "vintage", "sector", "share_pct", "reference_share_pct", "lq"]]


def all_study_measures(base: str = "GB") -> pd.DataFrame:
    """:func:`study_measures` for both vintages, stacked."""
    return pd.concat([study_measures(v, base) for v in VINTAGES], ignore_index=True)


@export("sector_shares")
def sector_shares() -> pd.DataFrame:
    """Share of each district's employment (2017) or employees (2019) in each of
    the 18 broad groups, the 37 study districts.

    Columns: ``code``, ``name``, ``vintage``, ``sector``, ``share_pct``.
    """
    return all_study_measures()[["code", "name", "vintage", "sector", "share_pct"]]


@export("location_quotients")
def location_quotients() -> pd.DataFrame:
    """Location quotients against Great Britain, the 37 study districts, 18 broad groups, 2017 and 2019.

    Columns: ``code``, ``name``, ``vintage``, ``sector``, ``lq``.
    """
    return all_study_measures("GB")[["code", "name", "vintage", "sector", "lq"]]


@export("location_quotients_england")
def location_quotients_england() -> pd.DataFrame:
    """As :func:`location_quotients`, with England as the reference area."""
    return all_study_measures("England")[["code", "name", "vintage", "sector", "lq"]]


def england_base_effect() -> pd.DataFrame:
    """How much the LQs move when England replaces Great Britain as the reference.

    Within a vintage every district's LQ in a sector is multiplied by the same
    factor, GB share / England share, so the effect is one number per sector;
    its size in LQ units depends on the LQ. Columns: ``vintage``, ``sector``,
    ``gb_share_pct``, ``england_share_pct``, ``factor``, ``median_abs_change``,
    ``max_abs_change``, ``max_change_district``, ``n_cross_one`` (districts on
    the other side of 1 under the England base).
    """
    gb, england = all_study_measures("GB"), all_study_measures("England")
    keys = ["code", "name", "vintage", "sector"]
    both = gb[keys + ["lq", "reference_share_pct"]].merge(
        england[keys + ["lq", "reference_share_pct"]], on=keys, suffixes=("_gb", "_england"), validate="one_to_one")
    both["change"] = both["lq_england"] - both["lq_gb"]
    rows = []
    for (vintage, sector), group in both[both["sector"].isin(KEY_SECTOR_NAMES)].groupby(
            ["vintage", "sector"], observed=True, sort=False):
        largest = group.loc[group["change"].abs().idxmax()]
        rows.append({
            "vintage": int(vintage), "sector": str(sector),
            "gb_share_pct": float(group["reference_share_pct_gb"].iloc[0]),
            "england_share_pct": float(group["reference_share_pct_england"].iloc[0]),
            "factor": float(group["reference_share_pct_gb"].iloc[0] / group["reference_share_pct_england"].iloc[0]),
            "median_abs_change": float(group["change"].abs().median()),
            "max_abs_change": float(group["change"].abs().max()),
            "max_change_district": str(largest["name"]),
            "n_cross_one": int(((group["lq_gb"] > 1) != (group["lq_england"] > 1)).sum()),
        })
    out = pd.DataFrame(rows)
    out["order"] = out["sector"].map(KEY_SECTOR_NAMES.index)
    return out.sort_values(["vintage", "order"]).drop(columns="order").reset_index(drop=True)


def reference_facts() -> dict:
    """How the references are built, as plain values: districts and jobs in the
    2017 GB sum, employees in the 2019 GB base, and the England-base effect."""
    gb = gb_districts_2017()
    effect = england_base_effect()
    first = effect[effect["vintage"] == PRIMARY_VINTAGE].set_index("sector")
    shares_table = reference_table().set_index("sector")
    return {
        "n_gb_districts": int(gb["code"].nunique()),
        "n_english_districts": int(gb.loc[gb["code"].str.startswith("E"), "code"].nunique()),
        "gb_employment_2017": int(gb["employment"].sum()),
        "gb_employees_2019": int(round(float(broad_group_base(2019, "GB")["employees"].sum()))),
        "agriculture_gb_2017": float(shares_table.loc["Agriculture, forestry & fishing", "gb_2017"]),
        "agriculture_gb_2019": float(shares_table.loc["Agriculture, forestry & fishing", "gb_2019"]),
        "england_factor_max": float(first["factor"].max()),
        "england_factor_max_sector": str(first["factor"].idxmax()),
        "england_factor_min": float(first["factor"].min()),
        "england_factor_min_sector": str(first["factor"].idxmin()),
        "england_max_abs_change": float(first["max_abs_change"].max()),
        "england_max_abs_change_sector": str(first["max_abs_change"].idxmax()),
        "england_max_abs_change_district": str(first.loc[first["max_abs_change"].idxmax(), "max_change_district"]),
        "england_n_cross_one": int(first["n_cross_one"].sum()),
        "england_n_cross_one_sectors": int((first["n_cross_one"] > 0).sum()),
    }


def england_effect_display(effect: pd.DataFrame) -> pd.DataFrame:
    """:func:`england_base_effect` as the page shows it."""
    return effect.assign(vintage=effect["vintage"].astype(str), sector=effect["sector"].map(SHORT_LABELS)).rename(
        columns={"vintage": "BRES year", "sector": "Key sector", "gb_share_pct": "GB share (%)",
                 "england_share_pct": "England share (%)", "factor": "LQ multiplied by",
                 "median_abs_change": "Median absolute change in LQ", "max_abs_change": "Largest absolute change",
                 "max_change_district": "Where", "n_cross_one": "Districts crossing 1"})


def reference_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`reference_table` as the page shows it."""
    return table.rename(columns={
        "sector": "Broad industrial group", "gb_2017": "Great Britain 2017 (% of employment)",
        "england_2017": "England 2017 (% of employment)", "gb_2019": "Great Britain 2019 (% of employees)",
        "england_2019": "England 2019 (% of employees)"})


# ---------------------------------------------------------------------------
# Wide views, largest sectors, Tables 2 and 3
# ---------------------------------------------------------------------------

def wide(vintage: int, value: str = "share_pct", base: str = "GB",
         sectors: Iterable[str] | None = None) -> pd.DataFrame:
    """District (rows, study order; index ``code``, with ``name`` and
    ``authority`` columns first) by sector (columns) table of ``value``."""
    chosen = list(sectors) if sectors is not None else BROAD_GROUPS
    return _wide_all(vintage, value, base)[["name", "authority", *chosen]].copy()


@lru_cache(maxsize=16)
def _wide_all(vintage: int, value: str, base: str) -> pd.DataFrame:
    table = _study_measures(vintage, base).pivot(index="code", columns="sector", values=value)
    table.columns = table.columns.astype(str)
    districts = study_districts().set_index("code")[["name", "authority"]]
    return districts.join(table[BROAD_GROUPS])


def largest_flags(vintage: int, among: Iterable[str] = BROAD_GROUPS) -> pd.DataFrame:
    """District (index ``code``) by sector (columns ``among``) table: True where
    the sector is the largest, or joint largest, of ``among`` in the district.

    Ties are real: 2019 shares are published to one decimal place, so two
    groups often share the top value, and in 2017 two groups can hold the same
    rounded employment count.
    """
    among = list(among)
    values = wide(vintage, "share_pct", sectors=among)[among].astype(float)
    top = values.max(axis=1)
    return values.apply(lambda column: np.isclose(column, top, rtol=0, atol=1e-9))


def largest_sectors(vintage: int, among: Iterable[str] = BROAD_GROUPS) -> pd.DataFrame:
    """The largest broad group ``among`` the given ones in each study district,
    and the next largest.

    Columns: ``code``, ``name``, ``authority``, ``vintage``, ``largest`` (the
    group, or tied groups joined by ' = '), ``n_tied``, ``largest_share_pct``,
    ``second`` (the largest group below the top value), ``second_share_pct``,
    ``margin_pp`` (top share minus second share).
    """
    among = list(among)
    share_table = wide(vintage, "share_pct", sectors=among)
    flags = largest_flags(vintage, among)
    rows = []
    for code, row in share_table.iterrows():
        values = row[among].astype(float)
        top_groups = [s for s in among if flags.loc[code, s]]
        rest = values.drop(index=top_groups).sort_values(ascending=False, kind="stable")
        rows.append({"code": code, "name": row["name"], "authority": row["authority"], "vintage": vintage,
                     "largest": " = ".join(top_groups), "n_tied": len(top_groups),
                     "largest_share_pct": float(values.max()), "second": rest.index[0],
                     "second_share_pct": float(rest.iloc[0]), "margin_pp": float(values.max() - rest.iloc[0])})
    return pd.DataFrame(rows)


def districts_where_largest(vintage: int, sector: str, among: Iterable[str] = BROAD_GROUPS) -> list[str]:
    """Names of the study districts where ``sector`` is the largest or joint largest of ``among``."""
    flags = largest_flags(vintage, among)
    names = study_districts().set_index("code")["name"]
    return [names[c] for c in flags.index[flags[sector]]]


def joint_largest(vintage: int, sector: str, among: Iterable[str] = BROAD_GROUPS) -> list[str]:
    """Of :func:`districts_where_largest`, those where ``sector`` only ties for the top."""
    flags = largest_flags(vintage, among)
    names = study_districts().set_index("code")["name"]
    tied = flags[sector] & (flags.sum(axis=1) > 1)
    return [names[c] for c in flags.index[tied]]


def table2_frame(vintage: int) -> pd.DataFrame:
    """Table 2 as a tidy wide frame: key-sector shares (per cent) and the
    largest of all 18 groups with its share.

    Columns: ``code``, ``name``, ``authority``, one column per key sector,
    ``largest_sector``, ``largest_share_pct``.
    """
    shares_wide = wide(vintage, "share_pct", sectors=KEY_SECTOR_NAMES)
    largest = largest_sectors(vintage).set_index("code")
    out = shares_wide.assign(largest_sector=largest["largest"], largest_share_pct=largest["largest_share_pct"])
    return out.reset_index()


def table3_frame(vintage: int, base: str = "GB") -> pd.DataFrame:
    """Table 3 as a tidy wide frame: key-sector LQs. Columns: ``code``,
    ``name``, ``authority``, one column per key sector."""
    return wide(vintage, "lq", base, sectors=KEY_SECTOR_NAMES).reset_index()


def _display(frame: pd.DataFrame, suffix: str) -> pd.DataFrame:
    shown = frame.drop(columns="code").rename(columns={"name": "District"})
    shown = shown.rename(columns={s: f"{SHORT_LABELS[s]}{suffix}" for s in KEY_SECTOR_NAMES})
    return with_group_rows(shown, "authority", "District")


def table2_display(vintage: int) -> pd.DataFrame:
    """Table 2 as the page shows it: per cent, grouped by authority."""
    frame = table2_frame(vintage)
    frame["largest_sector"] = frame["largest_sector"].map(
        lambda text: " = ".join(SHORT_LABELS[part] for part in text.split(" = ")))
    frame = frame.rename(columns={"largest_sector": "Largest sector", "largest_share_pct": "Largest (%)"})
    return _display(frame, " (%)")


def table3_display(vintage: int, base: str = "GB") -> pd.DataFrame:
    """Table 3 as the page shows it: LQs, grouped by authority."""
    return _display(table3_frame(vintage, base), "")


def key_sector_mapping() -> pd.DataFrame:
    """The paper's loose sector names, the BRES broad group each is read as,
    and the SIC 2007 divisions that group covers."""
    rows = []
    for sector, names in KEY_SECTORS.items():
        divisions = BROAD_GROUP_DIVISIONS[sector]
        rows.append({"paper_names": "; ".join(f"'{n}'" for n in names), "broad_group": sector,
                     "sic_divisions": _division_ranges(divisions),
                     "prioritised": sector in PRIORITISED_SECTORS})
    return pd.DataFrame(rows)


def _division_ranges(divisions: Iterable[int]) -> str:
    """(10, 11, ..., 33) -> '10-33'; (58, ..., 63) -> '58-63'; (84,) -> '84'."""
    divisions = sorted(divisions)
    runs, start, previous = [], divisions[0], divisions[0]
    for d in divisions[1:] + [None]:
        if d is not None and d == previous + 1:
            previous = d
            continue
        runs.append(f"{start:02d}" if start == previous else f"{start:02d}-{previous:02d}")
        if d is not None:
            start = previous = d
    return ", ".join(runs)


def integer_digits(frame: pd.DataFrame) -> dict[str, int]:
    """``show_table`` digits for a display frame: no decimals for integer columns."""
    return {c: 0 for c in frame.columns if pd.api.types.is_integer_dtype(frame[c])}


def key_sector_mapping_display() -> pd.DataFrame:
    """:func:`key_sector_mapping` as the page shows it."""
    mapping = key_sector_mapping()
    mapping["prioritised"] = mapping["prioritised"].map({True: "yes", False: "no"})
    return mapping.rename(columns={
        "paper_names": "The paper's wording", "broad_group": "BRES broad industrial group",
        "sic_divisions": "SIC 2007 divisions", "prioritised": "Prioritised by the 2017 strategy"})


# ---------------------------------------------------------------------------
# 2017 against 2019
# ---------------------------------------------------------------------------

def vintage_differences() -> pd.DataFrame:
    """Each study district and key sector in both vintages.

    Columns: ``code``, ``name``, ``authority``, ``sector``, ``share_2017``,
    ``share_2019``, ``lq_2017``, ``lq_2019``, ``share_diff_pp`` and
    ``lq_diff`` (2019 minus 2017).
    """
    keys = ["code", "name", "authority", "sector"]
    parts = []
    for vintage in VINTAGES:
        m = study_measures(vintage)
        m = m[m["sector"].isin(KEY_SECTOR_NAMES)]
        parts.append(m[keys + ["share_pct", "lq"]].rename(
            columns={"share_pct": f"share_{vintage}", "lq": f"lq_{vintage}"}))
    out = parts[0].merge(parts[1], on=keys, validate="one_to_one")
    out["sector"] = out["sector"].astype(str)
    out["share_diff_pp"] = out["share_2019"] - out["share_2017"]
    out["lq_diff"] = out["lq_2019"] - out["lq_2017"]
    return out


def vintage_movement() -> pd.DataFrame:
    """Per key sector, how far the 37 districts move between 2017 and 2019.

    Columns: ``sector``, ``mean_abs_share_diff_pp``, ``max_abs_share_diff_pp``,
    ``max_share_district``, ``mean_abs_lq_diff``, ``max_abs_lq_diff``,
    ``max_lq_district``, ``rank_correlation`` (Spearman, of the districts' LQs
    in the two vintages).
    """
    diffs = vintage_differences()
    rows = []
    for sector in KEY_SECTOR_NAMES:
        group = diffs[diffs["sector"] == sector]
        share_max = group.loc[group["share_diff_pp"].abs().idxmax()]
        lq_max = group.loc[group["lq_diff"].abs().idxmax()]
        rank_r = float(group["lq_2017"].rank().corr(group["lq_2019"].rank()))
        rows.append({"sector": sector,
                     "mean_abs_share_diff_pp": float(group["share_diff_pp"].abs().mean()),
                     "max_abs_share_diff_pp": float(group["share_diff_pp"].abs().max()),
                     "max_share_district": str(share_max["name"]),
                     "mean_abs_lq_diff": float(group["lq_diff"].abs().mean()),
                     "max_abs_lq_diff": float(group["lq_diff"].abs().max()),
                     "max_lq_district": str(lq_max["name"]),
                     "rank_correlation": rank_r})
    return pd.DataFrame(rows)


def vintage_movement_display(movement: pd.DataFrame) -> pd.DataFrame:
    """:func:`vintage_movement` as the page shows it."""
    return movement.assign(sector=movement["sector"].map(SHORT_LABELS)).rename(columns={
        "sector": "Key sector", "mean_abs_share_diff_pp": "Mean absolute change in share (pp)",
        "max_abs_share_diff_pp": "Largest absolute change in share (pp)", "max_share_district": "Where",
        "mean_abs_lq_diff": "Mean absolute change in LQ", "max_abs_lq_diff": "Largest absolute change in LQ",
        "max_lq_district": "Where (LQ)", "rank_correlation": "Rank correlation of the LQs"})


def largest_sector_changes() -> pd.DataFrame:
    """Districts whose largest broad group (or set of tied groups) differs
    between 2017 and 2019.

    Columns: ``code``, ``name``, ``authority``, ``largest_2017``,
    ``share_2017``, ``largest_2019``, ``share_2019``, ``overlap`` (a group is
    largest or joint largest in both years, so only a tie came or went).
    """
    first, second = (largest_sectors(v).set_index("code") for v in VINTAGES)
    changed = first.index[first["largest"] != second["largest"]]
    overlap = [bool(set(first.loc[c, "largest"].split(" = ")) & set(second.loc[c, "largest"].split(" = ")))
               for c in changed]
    return pd.DataFrame({
        "code": changed, "name": first.loc[changed, "name"].to_numpy(),
        "authority": first.loc[changed, "authority"].to_numpy(),
        "largest_2017": first.loc[changed, "largest"].to_numpy(),
        "share_2017": first.loc[changed, "largest_share_pct"].to_numpy(),
        "largest_2019": second.loc[changed, "largest"].to_numpy(),
        "share_2019": second.loc[changed, "largest_share_pct"].to_numpy(),
        "overlap": overlap})


# ---------------------------------------------------------------------------
# Readings of Tables 2 and 3 used by the text and the claims
# ---------------------------------------------------------------------------

# Two shares closer than this (percentage points) are treated as a near tie
# when a claim turns on which group is larger: Nomis rounds each count (to the
# nearest 100 or more in large cells), and the paper's year lies between the
# two vintages.
NEAR_TIE_PP = 0.5


def manufacturing_largest(vintage: int) -> pd.DataFrame:
    """Districts where manufacturing is the largest (or joint largest) broad
    group. Columns: ``code``, ``name``, ``authority``, ``share_pct``, ``lq``, ``joint``."""
    measures = study_measures(vintage)
    manufacturing = measures[measures["sector"] == "Manufacturing"].set_index("name")
    names = districts_where_largest(vintage, "Manufacturing")
    joint = set(joint_largest(vintage, "Manufacturing"))
    out = manufacturing.loc[names, ["code", "authority", "share_pct", "lq"]].reset_index()
    out["joint"] = out["name"].isin(joint)
    return out[["code", "name", "authority", "share_pct", "lq", "joint"]]


def authorities_without(district_names: Iterable[str]) -> list[str]:
    """Authorities none of whose districts is in ``district_names``."""
    districts = study_districts()
    having = set(districts.loc[districts["name"].isin(list(district_names)), "authority"])
    return [a for a in STUDY_AUTHORITIES if a not in having]


def retail_largest_private(vintage: int) -> pd.DataFrame:
    """Per authority: districts, districts where retail is the largest (or joint
    largest) private-sector broad group, and districts where it is within
    ``NEAR_TIE_PP`` of the largest. "Private sector" is every broad group but
    public administration & defence, education and health.

    Columns: ``authority``, ``districts``, ``retail_largest``, ``names``,
    ``retail_near``, ``near_names``.
    """
    private = list(PRIVATE_SECTORS)
    values = wide(vintage, "share_pct", sectors=private)
    gap = values[private].max(axis=1) - values["Retail"]
    rows = []
    for authority, group in values.groupby("authority", sort=False):
        top = group[np.isclose(gap[group.index], 0, atol=1e-9)]
        near = group[(gap[group.index] > 1e-9) & (gap[group.index] < NEAR_TIE_PP)]
        rows.append({"authority": authority, "districts": int(len(group)), "retail_largest": int(len(top)),
                     "names": ", ".join(top["name"]), "retail_near": int(len(near)),
                     "near_names": ", ".join(f"{n} ({gap[c]:.2f} pp behind)" for c, n in near["name"].items())})
    return pd.DataFrame(rows)


def retail_private_table() -> pd.DataFrame:
    """:func:`retail_largest_private` for both vintages, stacked, with a ``vintage`` column first."""
    frames = [retail_largest_private(v).assign(vintage=v) for v in VINTAGES]
    out = pd.concat(frames, ignore_index=True)
    return out[["vintage", *[c for c in out.columns if c != "vintage"]]]


def retail_private_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`retail_private_table` as the page shows it."""
    shown = table.assign(vintage=table["vintage"].astype(str))
    return shown.rename(columns={
        "vintage": "BRES year", "authority": "Combined authority", "districts": "Districts",
        "retail_largest": "Retail the largest private group (districts)", "names": "Where",
        "retail_near": f"Retail within {NEAR_TIE_PP} pp of the largest (districts)",
        "near_names": "Where (gap)"})


def in_band(values: pd.Series, band: tuple[float, float] = NEUTRAL_BAND) -> pd.Series:
    """Whether each LQ lies within ``band`` (inclusive, compared at two decimals)."""
    rounded = values.astype(float).round(2)
    return (rounded >= band[0]) & (rounded <= band[1])


def pooled_lq_2017(codes: Iterable[str], sector: str) -> float:
    """LQ of a group of districts taken together (employment summed), GB base, 2017."""
    table = gb_districts_2017()
    codes = list(codes)
    group = table[table["code"].isin(codes)]
    local = group.loc[group["sector"] == sector, "employment"].sum() / group["employment"].sum()
    national = table.loc[table["sector"] == sector, "employment"].sum() / table["employment"].sum()
    return float(local / national)


def prioritised_by_authority(vintage: int) -> pd.DataFrame:
    """Share of jobs in the three prioritised sectors (manufacturing, information &
    communication, professional, scientific & technical) by authority.

    2017: the authority's districts pooled (employment summed). 2019: shares
    are all that is published, so the median district. Columns: ``authority``,
    ``prioritised_pct``, ``reference_pct`` (Great Britain), ``difference_pp``.
    """
    _check_vintage(vintage)
    reference = float(reference_shares(vintage)[list(PRIORITISED_SECTORS)].sum())
    if vintage == 2017:
        gb = gb_districts_2017()
        study = gb[gb["code"].isin(study_districts()["code"])].merge(
            study_districts()[["code", "authority"]], on="code")
        totals = study.groupby("authority")["employment"].sum()
        chosen = study[study["sector"].isin(PRIORITISED_SECTORS)].groupby("authority")["employment"].sum()
        values = 100.0 * chosen / totals
    else:
        values_wide = wide(vintage, "share_pct")
        values = values_wide[list(PRIORITISED_SECTORS)].sum(axis=1).groupby(values_wide["authority"]).median()
    out = pd.DataFrame({"authority": list(STUDY_AUTHORITIES)})
    out["prioritised_pct"] = out["authority"].map(values).astype(float)
    out["reference_pct"] = reference
    out["difference_pp"] = out["prioritised_pct"] - reference
    return out


def health_education_shares(vintage: int) -> pd.DataFrame:
    """Health plus education, per cent of each district's jobs. Columns:
    ``code``, ``name``, ``authority``, ``health_education_pct``."""
    values = wide(vintage, "share_pct", sectors=["Health", "Education"])
    values["health_education_pct"] = values["Health"] + values["Education"]
    return values[["name", "authority", "health_education_pct"]].reset_index()


def section_g_largest(vintage: int) -> list[str]:
    """Districts where motor trades, wholesale and retail taken together (SIC
    section G, as the 2011 Census groups them) would be the largest group."""
    values = wide(vintage, "share_pct")
    groups = [g for g in BROAD_GROUPS if g not in ("Motor trades", "Wholesale", "Retail")]
    section_g = values[["Motor trades", "Wholesale", "Retail"]].sum(axis=1)
    largest = section_g >= values[groups].max(axis=1)
    return values.loc[largest, "name"].tolist()


def composition_facts(vintage: int = PRIMARY_VINTAGE) -> dict:
    """Numbers the Table 2 chapter states for one vintage, as plain Python values."""
    flags = largest_flags(vintage)
    manufacturing = manufacturing_largest(vintage)
    he = health_education_shares(vintage).set_index("name")["health_education_pct"]
    he_rounded = he.round(0)
    low, high = HEALTH_EDUCATION_BAND
    retail = retail_largest_private(vintage)
    business = districts_where_largest(vintage, "Business administration & support")
    professional = districts_where_largest(vintage, "Professional, scientific & technical")
    largest = largest_sectors(vintage)
    prioritised = prioritised_by_authority(vintage).set_index("authority")["prioritised_pct"]
    return {
        "n_districts": int(len(flags)),
        "n_tied": int((largest["n_tied"] > 1).sum()),
        "tied": "; ".join(f"{r['name']} ({r['largest'].lower()}, {r['largest_share_pct']:.1f}%)"
                          for _, r in largest[largest["n_tied"] > 1].iterrows()),
        "n_largest_health": int(flags["Health"].sum()),
        "n_largest_manufacturing": int(len(manufacturing)),
        "n_largest_business": int(len(business)),
        "largest_business": ", ".join(business),
        "n_largest_professional": int(len(professional)),
        "largest_professional": ", ".join(professional),
        "largest_education": ", ".join(districts_where_largest(vintage, "Education")),
        "manufacturing_largest": ", ".join(manufacturing["name"]),
        "authorities_without_manufacturing_largest": ", ".join(authorities_without(manufacturing["name"])),
        "n_authorities_with_manufacturing_largest":
            int(len(STUDY_AUTHORITIES) - len(authorities_without(manufacturing["name"]))),
        "he_min": float(he.min()), "he_max": float(he.max()),
        "he_min_name": str(he.idxmin()), "he_max_name": str(he.idxmax()),
        "n_he_20_25": int(((he_rounded >= low) & (he_rounded <= high)).sum()),
        "n_he_above_25": int((he_rounded > high).sum()),
        "n_he_below_20": int((he_rounded < low).sum()),
        "he_above_25": ", ".join(he[he_rounded > high].sort_values(ascending=False).index),
        "retail_private_total": int(retail["retail_largest"].sum()),
        "prioritised_cp": float(prioritised["Cambridgeshire and Peterborough"]),
        "prioritised_others_min": float(prioritised.drop("Cambridgeshire and Peterborough").min()),
        "prioritised_others_max": float(prioritised.drop("Cambridgeshire and Peterborough").max()),
        "prioritised_gb": float(reference_shares(vintage)[list(PRIORITISED_SECTORS)].sum()),
    }


def movement_facts() -> dict:
    """How much the picture moves between 2017 and 2019, as plain values."""
    movement = vintage_movement()
    changes = largest_sector_changes()
    share_top = movement.loc[movement["mean_abs_share_diff_pp"].idxmax()]
    lq_top = movement.loc[movement["mean_abs_lq_diff"].idxmax()]
    return {
        "mean_abs_share_diff_min": float(movement["mean_abs_share_diff_pp"].min()),
        "mean_abs_share_diff_max": float(movement["mean_abs_share_diff_pp"].max()),
        "mean_abs_share_diff_max_sector": str(share_top["sector"]),
        "mean_abs_lq_diff_min": float(movement["mean_abs_lq_diff"].min()),
        "mean_abs_lq_diff_max": float(movement["mean_abs_lq_diff"].max()),
        "mean_abs_lq_diff_max_sector": str(lq_top["sector"]),
        "rank_correlation_min": float(movement["rank_correlation"].min()),
        "rank_correlation_min_sector": str(movement.loc[movement["rank_correlation"].idxmin(), "sector"]),
        "n_largest_changed": int(len(changes)),
        "largest_changed": ", ".join(changes["name"]),
        "n_largest_swapped": int((~changes["overlap"]).sum()),
        "largest_swapped": "; ".join(f"{r['name']} ({r['largest_2017'].lower()} to {r['largest_2019'].lower()})"
                                     for _, r in changes[~changes["overlap"]].iterrows()),
        "n_largest_tie_only": int(changes["overlap"].sum()),
        "largest_tie_only": ", ".join(changes.loc[changes["overlap"], "name"]),
        "top_mover": str(share_top["max_share_district"]),
        "top_mover_2017": float(_value(2017, str(share_top["max_share_district"]), str(share_top["sector"]))),
        "top_mover_2019": float(_value(2019, str(share_top["max_share_district"]), str(share_top["sector"]))),
    }


def _value(vintage: int, district: str, sector: str, value: str = "share_pct") -> float:
    measures = study_measures(vintage)
    hit = measures[(measures["name"] == district) & (measures["sector"] == sector)]
    if len(hit) != 1:
        raise KeyError(f"no single row for {district}, {sector}, {vintage}")
    return float(hit[value].iloc[0])


def lq_facts(vintage: int = PRIMARY_VINTAGE) -> dict:
    """Numbers the Table 3 chapter states for one vintage, as plain Python values."""
    measures = study_measures(vintage)
    measures["sector"] = measures["sector"].astype(str)
    key = measures[measures["sector"].isin(KEY_SECTOR_NAMES)]
    top_all = measures.loc[measures["lq"].idxmax()]
    top_key = key.loc[key["lq"].idxmax()]
    lq_wide = wide(vintage, "lq")
    names = lq_wide.set_index("name")
    professional = names["Professional, scientific & technical"]
    digital = names["Information & communication"]
    manufacturing = names["Manufacturing"]
    above_top = measures[measures["lq"] > float(professional["South Cambridgeshire"])]
    northern = lq_wide[lq_wide["authority"].isin(NORTHERN_AUTHORITIES)].set_index("name")
    northern_prof = northern["Professional, scientific & technical"]
    neutral_public = in_band(names["Health"]) & in_band(names["Education"])
    manufacturing_largest_names = manufacturing_largest(vintage)["name"].tolist()
    others = manufacturing.drop(index=manufacturing_largest_names)
    trio = ["Middlesbrough", "Hartlepool", "Oldham"]
    return {
        "scambs_prof_lq": float(professional["South Cambridgeshire"]),
        "top_lq": float(top_all["lq"]), "top_lq_name": str(top_all["name"]), "top_lq_sector": str(top_all["sector"]),
        "top_key_lq": float(top_key["lq"]), "top_key_lq_name": str(top_key["name"]),
        "top_key_lq_sector": str(top_key["sector"]),
        "n_above_scambs_prof": int(len(above_top)),
        "above_scambs_prof": "; ".join(f"{r['name']} {r['sector'].lower()} {r['lq']:.2f}"
                                       for _, r in above_top.sort_values("lq", ascending=False).iterrows()),
        "cambridge_manufacturing_lq": float(manufacturing["Cambridge"]),
        "city_manufacturing": "; ".join(f"{n.replace(', City of', '')} {manufacturing[n]:.2f}" for n in CITIES),
        "n_manufacturing_below_one": int((manufacturing < 1).sum()),
        "manufacturing_below_one_not_city": ", ".join(
            n for n in manufacturing[manufacturing < 1].sort_values().index if n not in CITIES),
        "n_manufacturing_other": int(len(others)),
        "n_manufacturing_other_above_one": int((others > 1).sum()),
        "manufacturing_largest_lq_min": float(manufacturing[manufacturing_largest_names].min()),
        "manufacturing_largest_lq_max": float(manufacturing[manufacturing_largest_names].max()),
        "trio_prof": "; ".join(f"{n} {professional[n]:.2f}" for n in trio),
        "trio_prof_mean": float(professional[trio].mean()),
        "scambs_ratio_min": float(professional["South Cambridgeshire"] / professional[trio].max()),
        "scambs_ratio_max": float(professional["South Cambridgeshire"] / professional[trio].min()),
        "prof_min": float(professional.min()), "prof_min_name": str(professional.idxmin()),
        "northern_prof_min": float(northern_prof.min()), "northern_prof_min_name": str(northern_prof.idxmin()),
        "n_northern": int(len(northern_prof)),
        "n_northern_prof_below_half": int((northern_prof < 0.5).sum()),
        "n_prof_below_one": int((professional < 1).sum()),
        "n_digital_above_one": int((digital > 1).sum()),
        "digital_above_one": ", ".join(f"{n.replace(', City of', '')} {v:.2f}"
                                       for n, v in digital[digital > 1].sort_values(ascending=False).items()),
        "digital_top3": ", ".join(n.replace(", City of", "") for n in digital.sort_values(ascending=False).index[:3]),
        "n_digital_below_one": int((digital < 1).sum()),
        "n_health_neutral": int(in_band(names["Health"]).sum()),
        "n_education_neutral": int(in_band(names["Education"]).sum()),
        "n_public_neutral": int(neutral_public.sum()),
        "n_retail_neutral": int(in_band(names["Retail"]).sum()),
        "retail_outside": ", ".join(f"{n.replace(', City of', '')} {v:.2f}" for n, v in
                                    names["Retail"][~in_band(names["Retail"])].sort_values().items()),
        "band_low": NEUTRAL_BAND[0], "band_high": NEUTRAL_BAND[1],
    }


# ---------------------------------------------------------------------------
# Education and sector size (Table 4): the joins
# ---------------------------------------------------------------------------

_BRES_2017_FILE = "bres/bres2015_2017_lad16_sic2digit_employment_nismod_arc.csv"
_BRES_2019_FILE = "bres/bres2019_lad_broadgroup_employees_pct_rcatlord.csv"


def _census_2011(codes_to: dict[str, str] | None = None) -> pd.DataFrame:
    """2011 QS501EW counts by district (no national row), optionally recoded
    and summed into merged districts, with percentages recomputed from the sums."""
    census = qualifications_2011()
    census = census[census["code"] != ENGLAND_AND_WALES]
    counts = census[["code", "all_16plus", "no_qualifications", "level4_plus"]].copy()
    if codes_to:
        counts["code"] = counts["code"].replace(codes_to)
        counts = counts.groupby("code", as_index=False).sum()
    for key, column in EDUCATION_MEASURES.items():
        counts[column] = 100.0 * counts[key] / counts["all_16plus"]
    return counts


def _join(bres: pd.DataFrame, census: pd.DataFrame, vintage: int, file: str) -> tuple[pd.DataFrame, dict]:
    """Inner-join district shares to the census on code; report and check the join."""
    bres_codes, census_codes = set(bres["code"]), set(census["code"])
    report = {"vintage": vintage, "n_bres": len(bres_codes), "n_census": len(census_codes),
              "n_joined": len(bres_codes & census_codes),
              "bres_unjoined": ", ".join(sorted(bres_codes - census_codes)),
              "census_unjoined": ", ".join(sorted(census_codes - bres_codes))}
    lost = [c for c in study_districts()["code"] if c not in bres_codes & census_codes]
    if lost:
        raise DataError(file, f"study district(s) {lost} do not join the 2011 Census in {vintage}")
    joined = bres.merge(census, on="code", how="inner", validate="many_to_one")
    return joined, report


def ew_districts(vintage: int) -> tuple[pd.DataFrame, dict]:
    """Every district in England and Wales with its sector shares for ``vintage``
    and its 2011 education shares, on common codes.

    2017: BRES 2016 codes are recoded to 2020 codes (``LAD16_TO_LAD20``) and
    employment summed over merged districts before shares are taken. 2019: the
    published shares cannot be summed, so the census is recoded to 2021 codes
    (``LAD20_TO_LAD21``, Northamptonshire) and its counts summed before
    percentages are taken. Scotland has no census here and is left out.

    Returns the joined frame (``code``, ``sector``, ``share_pct``,
    ``all_16plus``, ``no_qualifications``, ``level4_plus``,
    ``pct_no_qualifications``, ``pct_level4_plus``) and a join report
    (``n_bres``, ``n_census``, ``n_joined``, and the codes that failed to join).
    """
    _check_vintage(vintage)
    if vintage == 2017:
        table = district_broad_group_employment(2017)
        table = table[table["code"].str[0].isin(["E", "W"])].copy()
        table["code"] = table["code"].replace(LAD16_TO_LAD20)
        table["sector"] = table["sector"].astype(str)
        table = table.groupby(["code", "sector"], as_index=False)["employment"].sum()
        table["share_pct"] = shares(table)
        bres = table[["code", "sector", "share_pct"]]
        census = _census_2011()
        file = _BRES_2017_FILE
    else:
        table = district_shares_2019()
        table = table[table["code"].str[0].isin(["E", "W"])]
        bres = table[["code", "sector", "share_pct"]].assign(sector=lambda f: f["sector"].astype(str))
        census = _census_2011(LAD20_TO_LAD21)
        file = _BRES_2019_FILE
    return _join(bres, census, vintage, file)


def join_report() -> pd.DataFrame:
    """One row per vintage: districts in BRES (England and Wales), in the census,
    joined, and any codes that did not join."""
    return pd.DataFrame([ew_districts(v)[1] for v in VINTAGES])


def _fit_inputs(sample: str, vintage: int) -> pd.DataFrame:
    """Wide frame (one row per district) of key-sector shares and education shares."""
    if sample == "study_districts":
        shares_wide = wide(vintage, "share_pct", sectors=KEY_SECTOR_NAMES)
        census = _census_2011().set_index("code")
        frame = shares_wide.join(census[list(EDUCATION_MEASURES.values())], how="left")
    elif sample == "all_districts":
        joined, _ = ew_districts(vintage)
        frame = joined.pivot(index="code", columns="sector", values="share_pct")[KEY_SECTOR_NAMES]
        frame = frame.join(joined.drop_duplicates("code").set_index("code")[list(EDUCATION_MEASURES.values())])
    else:
        raise ValueError(f"sample must be one of {SAMPLES}, not {sample!r}")
    return frame


def fit_inputs(sample: str, vintage: int) -> pd.DataFrame:
    """Public form of the fit inputs: one row per district with ``code``, key-sector
    shares (per cent) and ``pct_level4_plus``, ``pct_no_qualifications``."""
    return _fit_inputs(sample, vintage).reset_index()


@export("education_sector_fit")
@lru_cache(maxsize=1)
@disk_cached
def education_sector_fits() -> pd.DataFrame:
    """OLS of each key sector's share of employment on an education share,
    across districts (Table 4).

    Columns: ``sample`` (``study_districts``, ``all_districts`` = England and
    Wales), ``vintage``, ``sector``, ``education`` (``no_qualifications``,
    ``level4_plus``), ``n``, ``r``, ``r2``, ``slope`` (percentage points of
    employment per percentage point of residents), ``p_value`` (slope,
    two-sided), ``r2_ci_low``, ``r2_ci_high`` (percentile bootstrap 95%).
    """
    rows = []
    for sample in SAMPLES:
        for vintage in VINTAGES:
            frame = _fit_inputs(sample, vintage)
            for sector in KEY_SECTOR_NAMES:
                for education, column in EDUCATION_MEASURES.items():
                    fit = education_sector_fit(frame[column], frame[sector])
                    rows.append({"sample": sample, "vintage": vintage, "sector": sector, "education": education,
                                 "n": fit.n, "r": fit.r, "r2": fit.r2, "slope": fit.slope, "p_value": fit.p_value,
                                 "r2_ci_low": fit.r2_ci_low, "r2_ci_high": fit.r2_ci_high})
    return pd.DataFrame(rows)


def table4_display(fits: pd.DataFrame, sample: str = "study_districts") -> pd.DataFrame:
    """Table 4 as the page shows it: one row per key sector and education measure;
    r, r-squared with its bootstrap interval, slope and p for 2017, and r and
    r-squared for 2019."""
    chosen = fits[fits["sample"] == sample]
    first = chosen[chosen["vintage"] == 2017].set_index(["sector", "education"])
    second = chosen[chosen["vintage"] == 2019].set_index(["sector", "education"])
    rows = []
    for education in EDUCATION_MEASURES:
        for sector in KEY_SECTOR_NAMES:
            a, b = first.loc[(sector, education)], second.loc[(sector, education)]
            rows.append({
                "Education (2011, % 16+)": EDUCATION_LABELS[education], "Sector share": SHORT_LABELS[sector],
                "r 2017": float(a["r"]), "r² 2017": float(a["r2"]),
                "95% interval r² 2017": f"{a['r2_ci_low']:.2f} to {a['r2_ci_high']:.2f}",
                "Slope 2017 (pp per pp)": float(a["slope"]), "p 2017": _p_text(float(a["p_value"])),
                "r 2019": float(b["r"]), "r² 2019": float(b["r2"]),
                "95% interval r² 2019": f"{b['r2_ci_low']:.2f} to {b['r2_ci_high']:.2f}"})
    return pd.DataFrame(rows)


def _p_text(p: float) -> str:
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def fit_lookup(fits: pd.DataFrame, sample: str, vintage: int, sector: str, education: str) -> pd.Series:
    """The one row of ``fits`` for a sample, vintage, sector and education measure."""
    hit = fits[(fits["sample"] == sample) & (fits["vintage"] == vintage) & (fits["sector"] == sector)
               & (fits["education"] == education)]
    if len(hit) != 1:
        raise KeyError(f"no single fit for {sample}, {vintage}, {sector}, {education}")
    return hit.iloc[0]


def fit_facts(fits: pd.DataFrame) -> dict:
    """Numbers the Table 4 chapter states, as plain Python values (keys name
    sample, vintage, sector and measure in short form)."""
    short = {"Manufacturing": "manuf", "Information & communication": "digital",
             "Professional, scientific & technical": "prof", "Health": "health", "Education": "educ",
             "Retail": "retail", "Business administration & support": "busadmin",
             "Public administration & defence": "pubadmin"}
    facts: dict = {}
    for _, row in fits.iterrows():
        stem = ("" if row["sample"] == "study_districts" else "ew_") + \
            f"{short[row['sector']]}_{'l4' if row['education'] == 'level4_plus' else 'noq'}_{row['vintage']}"
        for column in ("r", "r2", "slope", "p_value", "r2_ci_low", "r2_ci_high"):
            facts[f"{stem}_{column}"] = float(row[column])
    for sample, prefix in (("study_districts", ""), ("all_districts", "ew_")):
        facts[f"{prefix}n"] = int(fits.loc[fits["sample"] == sample, "n"].iloc[0])
    study = fits[(fits["sample"] == "study_districts") & (fits["vintage"] == PRIMARY_VINTAGE)]
    width = study["r2_ci_high"] - study["r2_ci_low"]
    facts["ci_width_min"] = float(width.min())
    facts["ci_width_max"] = float(width.max())
    facts["n_ci_includes_zero"] = int((study["r2_ci_low"] < 0.01).sum())
    facts["n_fits_study"] = int(len(study))
    weak = study[study["sector"].isin(WEAK_SECTORS)]
    facts["weak_high_max"] = float(weak["r2_ci_high"].max())
    facts["weak_high_max_sector"] = str(weak.loc[weak["r2_ci_high"].idxmax(), "sector"])
    for sector, key in (("Professional, scientific & technical", "prof"), ("Information & communication", "digital")):
        facts[f"{key}_low_min"] = float(study.loc[study["sector"] == sector, "r2_ci_low"].min())
    ew = fits[(fits["sample"] == "all_districts") & (fits["vintage"] == PRIMARY_VINTAGE)].set_index(
        ["sector", "education"])
    st = study.set_index(["sector", "education"])
    facts["n_weaker_in_ew"] = int((ew["r2"] < st["r2"]).sum())
    facts["n_same_sign_ew"] = int((np.sign(ew["r"]) == np.sign(st["r"])).sum())
    return facts


def join_facts() -> dict:
    """The all-districts joins as plain values."""
    report = join_report().set_index("vintage")
    facts = {}
    for vintage in VINTAGES:
        row = report.loc[vintage]
        facts[f"n_bres_{vintage}"] = int(row["n_bres"])
        facts[f"n_census_{vintage}"] = int(row["n_census"])
        facts[f"n_joined_{vintage}"] = int(row["n_joined"])
        unjoined = [c for c in (row["bres_unjoined"], row["census_unjoined"]) if c]
        facts[f"unjoined_{vintage}"] = "; ".join(unjoined) if unjoined else "none"
    return facts


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

def _short_name(name: str) -> str:
    return name.replace(", City of", "").replace("Bath and North East Somerset", "Bath & NE Somerset")


@figure("sectors_lq_heatmap")
def lq_heatmap(vintage: int = PRIMARY_VINTAGE) -> Figure:
    """Heatmap of key-sector LQs (GB = 1), the 37 districts grouped by
    authority, on a log colour scale centred on 1, each cell annotated."""
    table = wide(vintage, "lq", sectors=KEY_SECTOR_NAMES)
    values = table[KEY_SECTOR_NAMES].to_numpy(float)
    extent = float(np.max(np.abs(np.log(values))))
    extent = min(max(extent, np.log(2.0)), np.log(4.0))
    vmin, vmax = float(np.exp(-extent)), float(np.exp(extent))
    fig, ax = new_figure(7.5, 9.8)
    image = ax.imshow(np.clip(values, vmin, vmax), cmap=DIVERGING_CMAP, norm=LogNorm(vmin=vmin, vmax=vmax),
                      aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            dark = abs(np.log(np.clip(values[i, j], vmin, vmax))) > 0.6 * extent
            ax.text(j, i, f"{values[i, j]:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
    ax.set_xticks(range(len(KEY_SECTOR_NAMES)), [SHORT_LABELS[s] for s in KEY_SECTOR_NAMES],
                  rotation=30, ha="right")
    ax.set_yticks(range(len(table)), [_short_name(n) for n in table["name"]], fontsize=8)
    authorities = table["authority"].tolist()
    starts = [0] + [i for i in range(1, len(authorities)) if authorities[i] != authorities[i - 1]]
    for i in starts[1:]:
        ax.axhline(i - 0.5, color="black", linewidth=1.0)
    ends = starts[1:] + [len(authorities)]
    for start, end in zip(starts, ends):
        ax.annotate(authorities[start].replace(" and ", " and\n", 1) if end - start < 4 else authorities[start],
                    xy=(1.02, (start + end - 1) / 2), xycoords=("axes fraction", "data"),
                    fontsize=8, va="center", ha="left", color="black", fontweight="bold")
    ax.set_xlabel("Key sector (BRES broad industrial group)")
    ax.set_ylabel("District, grouped by combined authority")
    ax.set_title(f"Location quotients of the key sectors, {vintage} (Great Britain = 1)")
    ax.spines[["top", "right"]].set_visible(True)
    bar = fig.colorbar(image, ax=ax, shrink=0.6, pad=0.01, location="bottom", aspect=40)
    ticks = [t for t in (0.25, 0.5, 1, 2, 4) if vmin * 0.999 <= t <= vmax * 1.001]
    bar.ax.minorticks_off()
    bar.set_ticks(ticks, labels=[f"{t:g}" for t in ticks])
    bar.ax.minorticks_off()
    bar.set_label("Location quotient (log scale; blue below 1, red above)")
    return fig


def _ols_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope), float(intercept)


@figure("sectors_education_scatter")
def education_scatter(vintage: int = PRIMARY_VINTAGE, education: str = "level4_plus") -> Figure:
    """Small multiples: each key sector's share of employment on the share of
    residents with Level 4+ (or no) qualifications, the 37 districts coloured
    by authority, with the OLS line and r-squared."""
    frame = _fit_inputs("study_districts", vintage)
    column = EDUCATION_MEASURES[education]
    fig, axes = new_figure(7.5, 8.4)
    fig.clear()
    grid = fig.subplots(4, 2, sharex=True)
    for ax, sector in zip(grid.flat, KEY_SECTOR_NAMES):
        x, y = frame[column].to_numpy(float), frame[sector].to_numpy(float)
        for authority, group in frame.groupby("authority", sort=False):
            ax.scatter(group[column], group[sector], s=18, color=AUTHORITY_COLOURS[authority],
                       marker=AUTHORITY_MARKERS[authority], edgecolor="black", linewidth=0.3,
                       label=authority, zorder=3)
        slope, intercept = _ols_line(x, y)
        xs = np.array([x.min(), x.max()])
        ax.plot(xs, intercept + slope * xs, color="black", linewidth=1, zorder=2)
        r2 = float(np.corrcoef(x, y)[0, 1] ** 2)
        x_cut = x.min() + 0.7 * (x.max() - x.min())
        for _, row in _notable_rows(frame, sector).iterrows():
            right = row[column] > x_cut
            ax.annotate(_short_name(row["name"]), (row[column], row[sector]), xytext=(-4 if right else 4, 0),
                        textcoords="offset points", fontsize=6.5, ha="right" if right else "left", va="center")
        ax.set_title(f"{SHORT_LABELS[sector]} (r² = {r2:.2f})", fontsize=9)
        ax.set_ylabel("Share of jobs (%)", fontsize=8)
        ax.tick_params(labelsize=7)
    label = "Residents 16+ with Level 4+ qualifications, 2011 (%)" if education == "level4_plus" else \
        "Residents 16+ with no qualifications, 2011 (%)"
    for ax in grid[-1]:
        ax.set_xlabel(label, fontsize=8)
    handles, labels = grid.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=7, frameon=False)
    fig.suptitle(f"Key-sector share of employment against education, 37 districts (BRES {vintage})", fontsize=10)
    return fig


def _notable_rows(frame: pd.DataFrame, sector: str) -> pd.DataFrame:
    """The notable districts to label in one panel: of ``NOTABLE_DISTRICTS``,
    the two with the largest share and the one with the smallest, so labels
    mark the ends of the cloud without piling up."""
    notable = frame[frame["name"].isin(NOTABLE_DISTRICTS)].sort_values(sector, kind="stable")
    return pd.concat([notable.iloc[:1], notable.iloc[-2:]])


@figure("sectors_shares_2017_2019")
def shares_vintage_scatter() -> Figure:
    """Small multiples: each key sector's share in 2019 (employees) against 2017
    (employment), the 37 districts, with the line of equality."""
    diffs = vintage_differences()
    fig, _ = new_figure(7.5, 8.0)
    fig.clear()
    grid = fig.subplots(4, 2)
    for ax, sector in zip(grid.flat, KEY_SECTOR_NAMES):
        group = diffs[diffs["sector"] == sector]
        for authority, part in group.groupby("authority", sort=False):
            ax.scatter(part["share_2017"], part["share_2019"], s=16, color=AUTHORITY_COLOURS[authority],
                       marker=AUTHORITY_MARKERS[authority], edgecolor="black", linewidth=0.3, label=authority,
                       zorder=3)
        low = float(min(group["share_2017"].min(), group["share_2019"].min()))
        high = float(max(group["share_2017"].max(), group["share_2019"].max()))
        pad = 0.05 * (high - low)
        ax.plot([low - pad, high + pad], [low - pad, high + pad], color="grey", linestyle="--", linewidth=0.8)
        ax.set_xlim(low - pad, high + pad)
        ax.set_ylim(low - pad, high + pad)
        outlier = group.loc[group["share_diff_pp"].abs().idxmax()]
        right = outlier["share_2017"] > low + 0.6 * (high - low)
        ax.annotate(_short_name(outlier["name"]), (outlier["share_2017"], outlier["share_2019"]),
                    xytext=(-5 if right else 5, 0), textcoords="offset points", fontsize=6.5,
                    ha="right" if right else "left", va="center")
        ax.set_title(SHORT_LABELS[sector], fontsize=9)
        ax.set_xlabel("2017, % of employment", fontsize=8)
        ax.set_ylabel("2019, % of employees", fontsize=8)
        ax.tick_params(labelsize=7)
    handles, labels = grid.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=7, frameon=False)
    fig.suptitle("Key-sector shares in the 37 districts, BRES 2019 against 2017 (dashed: no change)",
                 fontsize=10)
    return fig



# Tables the chapters show, registered under the CSV names they link.
export("key_sector_mapping")(key_sector_mapping)
export("table2_key_sector_shares_2019")(lambda: table2_frame(2019))
export("retail_largest_private")(retail_private_table)
export("sector_vintage_movement")(vintage_movement)
export("lq_reference_shares")(reference_table)
export("table3_key_sector_lqs_2019")(lambda: table3_frame(2019))
export("lq_england_base_effect")(england_base_effect)
export("table4_all_districts")(
    lambda: education_sector_fits().query("sample == 'all_districts'").reset_index(drop=True))
