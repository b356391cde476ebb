"""Tables 2 and 3 of the paper: each study district's share of employment and
location quotient in the 18 BRES broad industrial groups, for each BRES vintage.

The paper used BRES 2018, which the data do not hold at district level. Every
measure here is computed for the two vintages that bracket it:

Each vintage is an entry of one registry (:mod:`.vintages`), and the measures
take one path per kind of entry, never per year:

- **counts** (the bundle's 2017, BRES *employment*, employees plus working
  owners, for all 380 GB districts on 2016 codes, summed from SIC divisions to
  the 18 broad groups; any year fetched from Nomis, ``python -m placeblind
  fetch``, on 2023 codes): counts carried to the study's districts (merged
  districts summed), shares computed here. The GB reference is the file's
  published Great Britain total when it has one, else the sum of its
  districts; the England reference the sum of the English districts.
- **shares** (the bundle's 2019: BRES *employee* shares as Nomis publishes
  them, per cent of each district's employees, one decimal place, 2021 codes):
  rescaled so each district's 18 add up to 100 (:mod:`.shares_2019`); the GB
  and England references are built from BRES employees by SIC section of the
  same year (:func:`placeblind.data.bres.broad_group_base`). A district that
  exists only as a merger of the file's districts has no exact share.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..cache import cached
from ..data.bres import DISTRICT_VINTAGES
from ..data.district_codes import is_exact_for_shares
from ..data.sectors import (BROAD_GROUP_DIVISIONS, BROAD_GROUPS, DIGITAL, KEY_SECTOR_NAMES, KEY_SECTORS, MANUFACTURING,
                             PROFESSIONAL)
from ..data.study import Study, paper_study, source_codes
from ..errors import DataError
from ..measures import location_quotient, location_quotient_from_shares, percent_of, shares
from .shares_2019 import district_shares, varies_with_shares
from .vintages import (
    BASES, COUNTS, MEAN_OF, MEAN_VINTAGE, PRIMARY_VINTAGE, VINTAGES, available_vintages, counts_exclusions,
    district_counts, district_vintage, reference_counts, study_counts)

# The years of the primary vintage's file (2015-2017): any of them can stand in
# for it in a study's shares and LQs (the robustness chapter varies it).
COUNT_YEARS = tuple(sorted((PRIMARY_VINTAGE, *DISTRICT_VINTAGES[PRIMARY_VINTAGE].other_years)))

# The paper's "public sector": the three broad groups that are mostly publicly
# funded. "Private sector" below means every other broad group.
PUBLIC_SECTORS = ("Public administration & defence", "Education", "Health")


PRIVATE_SECTORS = tuple(g for g in BROAD_GROUPS if g not in PUBLIC_SECTORS)


# The three key sectors the paper names as the Industrial Strategy's own.
PRIORITISED_SECTORS = (MANUFACTURING, DIGITAL, PROFESSIONAL)

# Two shares tie when they differ by no more than this (per cent): equal values
# reached by different arithmetic (a count's share, a mean of years) differ only
# in the last binary digits. The largest group of a district is every group that
# ties its top share (:func:`ties_top`).
TIE_TOLERANCE = 1e-9


def ties_top(values, top):
    """True where ``values`` equal ``top`` (a district's largest share, broadcast
    against them) but for float noise (:data:`TIE_TOLERANCE`): the largest group, or
    one of the groups joint largest. A boolean array of ``values``' shape."""
    return np.isclose(values, top, rtol=0, atol=TIE_TOLERANCE)




def gb_districts(vintage: int = PRIMARY_VINTAGE) -> pd.DataFrame:
    """A counts vintage for every GB district of its file, by broad group.

    Columns: ``code``, ``name``, ``sector``, ``count``, ``share_pct`` (of the
    district's jobs), ``lq`` (GB reference, :func:`reference_counts`) and
    ``lq_england`` (England reference; NaN outside England).
    """
    table = district_counts(vintage)
    table["share_pct"] = shares(table, value="count")
    table["lq"] = location_quotient(table, value="count", reference=reference_counts(vintage, "GB"))
    table["lq_england"] = location_quotient(table, value="count", reference=reference_counts(
        vintage, "England")).where(table["code"].str.startswith("E"))
    return table


def reference_shares(vintage: int, base: str = "GB") -> pd.Series:
    """The reference area's share of the vintage's jobs (employment or employees,
    :func:`reference_counts`) in each broad group, per cent, indexed by sector name."""
    return _reference_shares(vintage, base)


@cached(maxsize=8, variants=varies_with_shares)
def _reference_shares(vintage: int, base: str) -> pd.Series:
    if vintage == MEAN_VINTAGE:  # the mean of the two vintages' reference shares
        return pd.concat([_reference_shares(v, base) for v in MEAN_OF], axis=1).mean(axis=1)
    totals = reference_counts(vintage, base)
    return percent_of(totals, totals.sum()).reindex(BROAD_GROUPS).astype(float)


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


def _study_rows(frame: pd.DataFrame, study: Study, file: str, excluded: Iterable[str] = ()) -> pd.DataFrame:
    """Keep the study's districts, with their study names and authorities, in
    study order and broad-group order (``excluded``: districts left out on purpose)."""
    districts = study.frame()[["code", "name", "authority"]]
    districts = districts[~districts["code"].isin(list(excluded))].reset_index(drop=True).reset_index(names="order")
    out = frame.drop(columns=[c for c in ("name", "authority") if c in frame.columns])
    out = districts.merge(out, on="code", how="left", validate="one_to_many")
    missing = out.loc[out["sector"].isna(), "name"].tolist()
    if missing:
        raise DataError(file, f"study district(s) without BRES rows: {missing}")
    out["sector"] = pd.Categorical(out["sector"].astype(str), BROAD_GROUPS, ordered=True)
    return out.sort_values(["order", "sector"]).drop(columns="order").reset_index(drop=True)


def study_measures(vintage: int, base: str = "GB", study: Study | None = None) -> pd.DataFrame:
    """Shares and LQs of a study's districts (the paper's 37 by default) for one vintage and reference.

    Columns: ``code``, ``name``, ``authority``, ``vintage``, ``sector``,
    ``share_pct``, ``reference_share_pct``, ``lq``. A counts vintage (or another
    year of its file, :data:`COUNT_YEARS`): counts carried to the study's
    districts (merged districts summed), shares and LQs computed from them. A
    shares vintage: the published district share over the reference share; a
    district that only exists as a merger of the file's districts has no exact
    share and is left out (:func:`vintage_exclusions`); so is a district a counts
    vintage on newer codes counts only as part of a later merger.
    """
    # Computed once per vintage, base and study (the claims ask for it many
    # times); the cache hands each caller its own copy. On disk: nine of the
    # book's chapters read it, each in a kernel of its own.
    return _study_measures(vintage, base, study or paper_study())


@cached(disk=True, maxsize=16, variants=varies_with_shares)
def _study_measures(vintage: int, base: str, study: Study) -> pd.DataFrame:
    if vintage == MEAN_VINTAGE:
        return _mean_measures(base, study)
    entry = district_vintage(vintage)
    reference = reference_shares(vintage, base)
    excluded: dict[str, str] = {}
    if entry.kind == COUNTS:
        excluded = counts_exclusions(study, vintage)
        frame = study_counts(study, vintage)
        frame["share_pct"] = shares(frame, value="count")
        frame["lq"] = location_quotient(frame, value="count", reference=reference_counts(vintage, base))
        if base == "England":
            frame["lq"] = frame["lq"].where(frame["code"].str.startswith("E"))
    else:
        frame, excluded = _study_shares(study, vintage)
        frame["lq"] = location_quotient_from_shares(frame["share_pct"],
                                                    frame["sector"].astype(str).map(reference).astype(float))
    out = _study_rows(frame, study, entry.path, excluded)
    out["reference_share_pct"] = out["sector"].astype(str).map(reference).astype(float)
    out.insert(3, "vintage", vintage)
    return out[["code", "name", "authority", "vintage", "sector", "share_pct", "reference_share_pct", "lq"]]


def _mean_measures(base: str, study: Study) -> pd.DataFrame:
    """:data:`MEAN_VINTAGE`: each district's share, reference share and LQ the
    mean of its values in the vintages :data:`MEAN_OF` (the LQ is the mean of
    the two LQs, not recomputed from mean shares: the claims read LQ tables and
    share tables, each averaged as read). A district missing from either
    vintage is left out (it has no mean)."""
    parts = [_study_measures(v, base, study) for v in MEAN_OF]
    keys = ["code", "name", "authority", "sector"]
    both = parts[0][keys].merge(parts[1][keys], on=keys, how="inner", validate="one_to_one")
    out = both.copy()
    for column in ("share_pct", "reference_share_pct", "lq"):
        values = [both.merge(p, on=keys, how="left")[column].to_numpy(float) for p in parts]
        out[column] = sum(values) / len(values)
    out.insert(3, "vintage", MEAN_VINTAGE)
    return out[["code", "name", "authority", "vintage", "sector", "share_pct", "reference_share_pct", "lq"]]


def _study_shares(study: Study, vintage: int) -> tuple[pd.DataFrame, dict[str, str]]:
    """A shares vintage's shares (rescaled to 100, :mod:`.shares_2019`) of each study
    district that has one, and the reason for each that has not (a merger of the
    file's districts: shares cannot be summed)."""
    published = district_shares(vintage)
    entry = district_vintage(vintage)
    parts = source_codes(study, set(published["code"].tolist()), entry.path)
    keep, excluded = {}, {}
    for code, members in parts.items():
        if is_exact_for_shares(members, code):
            keep[members[0]] = code
        else:
            excluded[code] = (f"BRES {vintage} publishes percentages for {', '.join(members)}, which merged into "
                              f"{code} later; percentages cannot be added up, so {vintage} is left out")
    frame = published[published["code"].isin(keep)].assign(code=lambda f: f["code"].map(keep))
    return frame[["code", "sector", "share_pct"]].reset_index(drop=True), excluded


def vintage_exclusions(study: Study | None = None) -> pd.DataFrame:
    """Study districts a vintage of the build cannot provide, and why (a shares
    vintage: no exact share; a counts vintage: the district merged into one the
    file counts as one): ``code``, ``name``, ``vintage``, ``reason``."""
    study = study or paper_study()
    names = dict(zip(study.codes, study.names))
    rows = [{"code": c, "name": names[c], "vintage": v, "reason": r} for v in available_vintages()
            for c, r in (counts_exclusions(study, v) if district_vintage(v).kind == COUNTS
                         else _study_shares(study, v)[1]).items()]
    return pd.DataFrame(rows, columns=["code", "name", "vintage", "reason"])


def all_study_measures(base: str = "GB") -> pd.DataFrame:
    """:func:`study_measures` for every vintage of the build (:func:`available_vintages`), stacked."""
    return pd.concat([study_measures(v, base) for v in available_vintages()], ignore_index=True)


def sector_shares() -> pd.DataFrame:
    """Share of each district's jobs (employment or employees, as the vintage
    counts them) in each of the 18 broad groups, the 37 study districts, every
    vintage of the build.

    Columns: ``code``, ``name``, ``vintage``, ``sector``, ``share_pct``.
    """
    return all_study_measures()[["code", "name", "vintage", "sector", "share_pct"]]


def location_quotients() -> pd.DataFrame:
    """Location quotients against Great Britain, the 37 study districts, 18 broad groups, every
    vintage of the build.

    Columns: ``code``, ``name``, ``vintage``, ``sector``, ``lq``.
    """
    return all_study_measures("GB")[["code", "name", "vintage", "sector", "lq"]]


def location_quotients_england() -> pd.DataFrame:
    """As :func:`location_quotients`, with England as the reference area."""
    return all_study_measures("England")[["code", "name", "vintage", "sector", "lq"]]


@cached(maxsize=2)  # read by the reference facts, the LQ findings (twice) and P25
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
    gb = gb_districts()
    effect = england_base_effect()
    first = effect[effect["vintage"] == PRIMARY_VINTAGE].set_index("sector")
    shares_table = reference_table().set_index("sector")
    return {
        "n_gb_districts": int(gb["code"].nunique()),
        "n_english_districts": int(gb.loc[gb["code"].str.startswith("E"), "code"].nunique()),
        "gb_employment_2017": int(gb["count"].sum()),
        "gb_employees_2019": int(round(float(reference_counts(2019, "GB").sum()))),
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


def wide(vintage: int, value: str = "share_pct", base: str = "GB",
         sectors: Iterable[str] | None = None, study: Study | None = None) -> pd.DataFrame:
    """District (rows, study order; index ``code``, with ``name`` and
    ``authority`` columns first) by sector (columns) table of ``value``."""
    chosen = list(sectors) if sectors is not None else BROAD_GROUPS
    return _wide_all(vintage, value, base, study or paper_study())[["name", "authority", *chosen]].copy()


@cached(disk=True, maxsize=16, variants=varies_with_shares)  # on disk, like the measures it pivots
def _wide_all(vintage: int, value: str, base: str, study: Study) -> pd.DataFrame:
    measures = _study_measures(vintage, base, study)
    table = measures.pivot(index="code", columns="sector", values=value)
    table.columns = table.columns.astype(str)
    districts = study.frame().set_index("code")[["name", "authority"]]
    return districts.loc[measures["code"].unique()].join(table[BROAD_GROUPS])


def largest_flags(vintage: int, among: Iterable[str] = BROAD_GROUPS) -> pd.DataFrame:
    """District (index ``code``) by sector (columns ``among``) table: True where
    the sector is the largest, or joint largest, of ``among`` in the district.

    Ties are real: 2019 shares are published to one decimal place, so two
    groups often share the top value, and in 2017 two groups can hold the same
    rounded employment count.
    """
    return _largest_flags(vintage, tuple(among))


@cached(maxsize=8, variants=varies_with_shares)  # the claims ask about fifty times for a few (vintage, among)
def _largest_flags(vintage: int, among: tuple[str, ...]) -> pd.DataFrame:
    among = list(among)
    values = wide(vintage, "share_pct", sectors=among)[among].astype(float)
    top = values.max(axis=1)
    return values.apply(lambda column: ties_top(column, top))


def largest_sectors(vintage: int, among: Iterable[str] = BROAD_GROUPS) -> pd.DataFrame:
    """The largest broad group ``among`` the given ones in each study district,
    and the next largest.

    Columns: ``code``, ``name``, ``authority``, ``vintage``, ``largest`` (the
    group, or tied groups joined by ' = '), ``n_tied``, ``largest_share_pct``,
    ``second`` (the largest group below the top value), ``second_share_pct``,
    ``margin_pp`` (top share minus second share).
    """
    return _largest_sectors(vintage, tuple(among))


@cached(maxsize=8, variants=varies_with_shares)
def _largest_sectors(vintage: int, among: tuple[str, ...]) -> pd.DataFrame:
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
    names = paper_study().frame().set_index("code")["name"]
    return [names[c] for c in flags.index[flags[sector]]]


def joint_largest(vintage: int, sector: str, among: Iterable[str] = BROAD_GROUPS) -> list[str]:
    """Of :func:`districts_where_largest`, those where ``sector`` only ties for the top."""
    flags = largest_flags(vintage, among)
    names = paper_study().frame().set_index("code")["name"]
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
