"""The 2025 Industrial Strategy's eight growth sectors (IS-8) measured with BRES.

Definitions come from a transcription of DBT's *Industrial Strategy sector
definitions list* (June 2025): SIC 2007 codes at 2 to 5 digits. A code stands
for every 5-digit subclass it is a prefix of, so a sector is measured exactly
as the union of the subclasses its codes cover. Every code the list gives is
used, sector-level and frontier-industry alike: most frontier codes sit
inside sector-level codes, the union counts each subclass once, and the few
that do not (see :func:`frontier_codes_outside`, e.g. Automotive's division 29)
add employment. Clean Energy Industries lists no SIC code and cannot be measured.

Three measures of each sector by ITL2 region (the 40 GB regions):

- ``exact_5digit``: the union of subclasses, from the BRES 5-digit file
  (2015-2021; the book uses 2021);
- ``approx_2digit``: the nearest set of whole SIC divisions (see
  :func:`approx_2digit_divisions`), for 2023 from the 2-digit file and for 2021
  from the 5-digit file summed to divisions, so the year effect (2021 against
  2023) and the definition effect (exact against approximate) can be told apart.

Location quotients compare a region's share of employment in a sector with
Great Britain's, GB being the sum of the 40 regions over all industries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

from .bres import district_division_employment, itl2_division_employment_2023, itl2_subclass_employment
from .catalogue import entry
from .claims import BLOG, Claim, ledger_frame
from .errors import DataError
from .figures import DIVERGING_CMAP, OKABE_ITO, figure, new_figure
from .geography import itl2_names, itl_lookup
from .measures import BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, location_quotient, row_correlations
from .memo import disk_cached
from .readers import read_catalogued_csv, require_unique
from .tables import export

# ---------------------------------------------------------------------------
# Names and constants
# ---------------------------------------------------------------------------

IS8_SECTORS: tuple[str, ...] = (
    "Advanced Manufacturing", "Clean Energy Industries", "Creative Industries", "Defence",
    "Digital and Technologies", "Financial Services", "Life Sciences", "Professional and Business Services")
FOUNDATIONAL = "Foundational industries and inputs"
# Names in the source files that differ from the official sector names.
SECTOR_NAME_FIXES = {"Clean Energy": "Clean Energy Industries", "Digital & Technologies": "Digital and Technologies"}
SERVICE_SECTORS: tuple[str, ...] = (
    "Creative Industries", "Digital and Technologies", "Financial Services", "Professional and Business Services")
SHORT_NAMES = {
    "Advanced Manufacturing": "Advanced manuf.", "Clean Energy Industries": "Clean energy",
    "Creative Industries": "Creative", "Defence": "Defence", "Digital and Technologies": "Digital & tech.",
    "Financial Services": "Financial", "Life Sciences": "Life sciences",
    "Professional and Business Services": "Prof. & business", FOUNDATIONAL: "Foundational"}
WELL_DEFINED = "Well defined by SIC"

EXACT = "exact_5digit"
APPROX = "approx_2digit"
DEFINITIONS = (EXACT, APPROX)
EXACT_YEAR = 2021        # latest year of the 5-digit file
APPROX_YEAR = 2023       # the 2-digit file
CITY_YEAR = 2017         # the district file's latest year
# A division enters the 2-digit approximation when the definition's subclasses
# hold at least this share of the division's GB employment (5-digit, 2021).
APPROX_THRESHOLD = 0.5
APPROX_RULE_YEAR = 2021
# An LQ within this margin above 1 is called marginal when grading claims.
MARGIN = 0.05

GREATER_SOUTH_EAST_ITL1 = ("TLH", "TLI", "TLJ")   # East, London, South East
GREATER_MANCHESTER = "TLD3"
WEST_MIDLANDS_METRO = "TLG3"
WEST_MIDLANDS_ITL1 = "TLG"
NO_SPECIALISM_REGIONS = {"TLJ4": "Kent", "TLH3": "Essex", "TLD4": "Lancashire",
                         "TLD3": "Greater Manchester", "TLE4": "West Yorkshire"}
ALL_EIGHT_REGIONS = {"TLK1": "Bristol", "TLM7": "Edinburgh"}
CITY_DISTRICTS = {"E08000003": ("Manchester", GREATER_MANCHESTER),
                  "E08000025": ("Birmingham", WEST_MIDLANDS_METRO)}


_CODE_PATTERN = re.compile(r"\d{2,5}")
_MISSING = ("", "NA")


# ---------------------------------------------------------------------------
# Definitions
# ---------------------------------------------------------------------------

def clear_caches() -> None:
    """Forget every cached read and result of this module (tests that swap DATA_DIR call it)."""
    for cached in (_all_definitions, is8_coverage, bres_subclasses, _subclass_matrix, _division_matrix,
                   _lq_cached, approx_rule_table, dcms_lists):
        cached.cache_clear()


@lru_cache(maxsize=1)
def _all_definitions() -> pd.DataFrame:
    file_id = "is8_definitions"
    path = entry(file_id).path
    raw = read_catalogued_csv(file_id, ["sector_name", "SIC_name", "frontier_subsector_ifnotSIC",
                                        "is_frontier", "sic_code"])
    rows = []
    for i, row in raw.iterrows():
        where = f"data row {i + 1}"
        name = row["sector_name"].strip()
        sector = SECTOR_NAME_FIXES.get(name, name)
        if sector not in IS8_SECTORS and sector != FOUNDATIONAL:
            raise DataError(path, f"unknown sector name {name!r} at {where}")
        flag = row["is_frontier"].strip()
        if flag not in ("0", "1", "2"):
            raise DataError(path, f"is_frontier must be 0, 1 or 2, not {flag!r}, at {where}")
        if (flag == "2") != (sector == FOUNDATIONAL):
            raise DataError(path, f"is_frontier={flag} does not fit sector {sector!r} at {where}")
        code = row["sic_code"].strip()
        if code in _MISSING:
            code = None
        elif not _CODE_PATTERN.fullmatch(code):
            raise DataError(path, f"SIC code {code!r} at {where} ({sector}) is not 2 to 5 digits")
        frontier = row["frontier_subsector_ifnotSIC"].strip()
        frontier = None if frontier in _MISSING else frontier
        sic_name = row["SIC_name"].strip()
        sic_name = None if sic_name in _MISSING else sic_name
        if code is None and frontier is None:
            raise DataError(path, f"{where} ({sector}) has neither a SIC code nor a frontier industry")
        rows.append({"sector": sector, "sic_code": code, "level": len(code) if code else None,
                     "is_frontier": flag == "1", "frontier_industry": frontier, "sic_name": sic_name,
                     "in_is8": sector != FOUNDATIONAL})
    frame = pd.DataFrame(rows)
    frame["level"] = frame["level"].astype("Int64")
    frame["sic_code"] = frame["sic_code"].astype(object).where(frame["sic_code"].notna(), pd.NA)
    require_unique(frame.fillna({"sic_code": "", "frontier_industry": ""}),
                   ["sector", "sic_code", "frontier_industry"], path)
    missing = [s for s in IS8_SECTORS if s not in set(frame["sector"])]
    if missing:
        raise DataError(path, f"IS-8 sector(s) absent: {missing}")
    return frame


def is8_definitions(include_foundational: bool = False) -> pd.DataFrame:
    """The IS-8 SIC definitions, one row per listed code or code-less frontier industry.

    Columns: ``sector`` (official name), ``sic_code`` (undotted digits, or NA
    for a frontier industry without a code), ``level`` (2-5 digits),
    ``is_frontier``, ``frontier_industry``, ``sic_name``, ``in_is8``. The
    foundational industries and inputs are not an IS-8 sector and are left out
    unless ``include_foundational``.
    """
    frame = _all_definitions()
    if not include_foundational:
        frame = frame[frame["in_is8"]]
    return frame.reset_index(drop=True).copy()


@lru_cache(maxsize=1)
def is8_coverage() -> pd.DataFrame:
    """DBT's rating of how well SIC captures each IS-8 sector: ``sector``, ``dbt_rating``."""
    file_id = "is8_sic_coverage"
    path = entry(file_id).path
    frame = read_catalogued_csv(file_id, ["sector", "dbt_sic_coverage_rating"])
    frame["sector"] = frame["sector"].str.strip().replace(SECTOR_NAME_FIXES)
    require_unique(frame, ["sector"], path)
    if sorted(frame["sector"]) != sorted(IS8_SECTORS):
        raise DataError(path, f"sectors are {sorted(frame['sector'])}, expected the eight IS-8 sectors")
    if (frame["dbt_sic_coverage_rating"].str.strip() == "").any():
        raise DataError(path, "empty coverage rating")
    out = frame.rename(columns={"dbt_sic_coverage_rating": "dbt_rating"})[["sector", "dbt_rating"]]
    out["order"] = out["sector"].map(IS8_SECTORS.index)
    return out.sort_values("order").drop(columns="order").reset_index(drop=True)


@lru_cache(maxsize=1)
def bres_subclasses() -> tuple[str, ...]:
    """The 729 SIC 2007 subclasses (5-digit text) in the BRES ITL2 file."""
    return tuple(sorted(itl2_subclass_employment()["subclass"].unique()))


def _covered(codes: Iterable[str], universe: Iterable[str]) -> frozenset[str]:
    codes = tuple(codes)
    return frozenset(s for s in universe if s.startswith(codes)) if codes else frozenset()


def sector_codes(sector: str, include_foundational: bool = True) -> tuple[str, ...]:
    """Every SIC code the definition lists for ``sector`` (sector-level and frontier), deduplicated."""
    frame = is8_definitions(include_foundational=include_foundational)
    if sector not in set(frame["sector"]):
        raise ValueError(f"unknown sector {sector!r}")
    codes = frame.loc[(frame["sector"] == sector) & frame["sic_code"].notna(), "sic_code"]
    return tuple(dict.fromkeys(codes))


def subclasses_for(sector: str, subclass_universe: Iterable[str] | None = None) -> frozenset[str]:
    """The 5-digit subclasses a sector's codes cover, each counted once.

    A code of 2-5 digits covers every subclass it is a prefix of (``'26'`` the
    whole division, ``'2651'`` a class, ``'26511'`` itself). All the codes the
    definition lists are used, sector-level and frontier; the result is their
    union, so a subclass listed twice (e.g. under division 58 and class 5821)
    is counted once. Clean Energy Industries lists no code: the empty set.
    """
    universe = bres_subclasses() if subclass_universe is None else tuple(subclass_universe)
    return _covered(sector_codes(sector), universe)


def unmatched_codes(subclass_universe: Iterable[str] | None = None) -> pd.DataFrame:
    """Listed codes (IS-8 and foundational) that match no subclass: ``sector``, ``sic_code``, ``sic_name``."""
    universe = bres_subclasses() if subclass_universe is None else tuple(subclass_universe)
    frame = is8_definitions(include_foundational=True)
    frame = frame[frame["sic_code"].notna()]
    none = [not _covered([c], universe) for c in frame["sic_code"]]
    return frame.loc[none, ["sector", "sic_code", "sic_name"]].reset_index(drop=True)


def measurable_sectors() -> tuple[str, ...]:
    """IS-8 sectors with at least one SIC code (all but Clean Energy Industries)."""
    return tuple(s for s in IS8_SECTORS if subclasses_for(s))


def frontier_codes_outside() -> pd.DataFrame:
    """Frontier-industry codes not wholly inside their sector's sector-level codes.

    Columns: ``sector``, ``sic_code``, ``frontier_industry``, ``sic_name``,
    ``added_subclasses`` (count), ``added_employment_2021`` (GB jobs in the
    subclasses the sector-level codes miss).
    """
    defs = is8_definitions()
    universe = bres_subclasses()
    gb = _gb_subclass_employment(EXACT_YEAR)
    rows = []
    for sector in IS8_SECTORS:
        part = defs[(defs["sector"] == sector) & defs["sic_code"].notna()]
        base = _covered(part.loc[~part["is_frontier"], "sic_code"], universe)
        for row in part[part["is_frontier"]].drop_duplicates("sic_code").itertuples():
            extra = _covered([row.sic_code], universe) - base
            if extra:
                rows.append({"sector": sector, "sic_code": row.sic_code, "frontier_industry": row.frontier_industry,
                             "sic_name": row.sic_name, "added_subclasses": len(extra),
                             "added_employment_2021": int(gb[sorted(extra)].sum())})
    columns = ["sector", "sic_code", "frontier_industry", "sic_name", "added_subclasses", "added_employment_2021"]
    return pd.DataFrame(rows, columns=columns)


@export("is8_definition_summary")
def definition_summary() -> pd.DataFrame:
    """One row per IS-8 sector: DBT rating, counts of codes and subclasses, code-less frontier industries."""
    frame = is8_definitions()
    coverage = is8_coverage().set_index("sector")["dbt_rating"]
    gb = _gb_subclass_employment(EXACT_YEAR)
    rows = []
    for sector in IS8_SECTORS:
        part = frame[frame["sector"] == sector]
        coded = part[part["sic_code"].notna()]
        no_code = part.loc[part["sic_code"].isna(), "frontier_industry"].dropna().unique()
        subs = subclasses_for(sector)
        rows.append({
            "sector": sector, "dbt_rating": coverage[sector],
            "n_sector_codes": int((~coded["is_frontier"]).sum()),
            "n_frontier_codes": int(coded["is_frontier"].sum()),
            "n_subclasses": len(subs),
            "frontier_without_sic": "; ".join(no_code),
            "n_frontier_without_sic": len(no_code),
            "sic_measurable": bool(subs),
            "gb_employment_2021": int(gb.reindex(sorted(subs)).sum()) if subs else pd.NA,
        })
    out = pd.DataFrame(rows)
    out["gb_employment_2021"] = out["gb_employment_2021"].astype("Int64")
    return out


# ---------------------------------------------------------------------------
# Employment by ITL2 region
# ---------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _subclass_matrix(year: int) -> pd.DataFrame:
    """Employment, ITL2 region (rows) by subclass (columns), from the 5-digit file."""
    cells = itl2_subclass_employment()
    cells = cells[cells["year"] == year]
    if cells.empty:
        raise ValueError(f"the BRES 5-digit file has no year {year}")
    if cells["employment"].isna().any():
        raise ValueError(f"the BRES 5-digit file has empty cells in {year}; use 2018-2021")
    matrix = cells.pivot(index="itl2_code", columns="subclass", values="employment").astype("int64")
    return matrix.sort_index()


def _gb_subclass_employment(year: int) -> pd.Series:
    return _subclass_matrix(year).sum(axis=0)


@lru_cache(maxsize=8)
def _division_matrix(year: int) -> pd.DataFrame:
    """Employment, ITL2 region by SIC division: the 2023 file, or the 5-digit file summed."""
    if year == APPROX_YEAR:
        cells = itl2_division_employment_2023()
        matrix = cells.pivot(index="itl2_code", columns="division", values="employment")
    else:
        sub = _subclass_matrix(year)
        matrix = sub.T.groupby(sub.columns.str[:2].astype(int)).sum().T
    return matrix.sort_index().astype("int64")


def _region_labels(codes: Iterable[str]) -> pd.Series:
    names = itl2_names().set_index("itl2_code")["itl2_name"]
    codes = list(codes)
    unknown = [c for c in codes if c not in names.index]
    if unknown:
        raise DataError(entry("itl2_names").path, f"ITL2 code(s) {unknown} not in the ITL2 list")
    return names.reindex(codes)


def region_totals(year: int = EXACT_YEAR, definition: str = EXACT) -> pd.Series:
    """Employment in all industries by ITL2 region (the LQ denominator)."""
    matrix = _subclass_matrix(year) if definition == EXACT else _division_matrix(year)
    return matrix.sum(axis=1)


def _sector_columns(sector: str, definition: str) -> list:
    if definition == EXACT:
        return sorted(subclasses_for(sector))
    if definition == APPROX:
        return list(approx_2digit_divisions(sector))
    raise ValueError(f"definition must be one of {DEFINITIONS}, not {definition!r}")


def _employment(year: int, definition: str, sectors: Iterable[str] | None = None) -> pd.DataFrame:
    matrix = _subclass_matrix(year) if definition == EXACT else _division_matrix(year)
    names = _region_labels(matrix.index)
    parts = []
    for sector in (IS8_SECTORS if sectors is None else sectors):
        columns = _sector_columns(sector, definition)
        if not columns:
            continue  # nothing to measure: no code, or no division passes the rule
        missing = [c for c in columns if c not in matrix.columns]
        if missing:
            raise ValueError(f"{sector}: column(s) {missing} not in the {year} data")
        parts.append(pd.DataFrame({"itl2_code": matrix.index, "itl2_name": names.values, "sector": sector,
                                   "employment": matrix[columns].sum(axis=1).values}))
    return pd.concat(parts, ignore_index=True)


def is8_employment_itl2(year: int = EXACT_YEAR) -> pd.DataFrame:
    """Exact IS-8 employment by ITL2 region: ``itl2_code``, ``itl2_name``, ``sector``, ``employment``.

    Each sector is the sum of its subclasses (5-digit BRES employment); Clean
    Energy Industries, with no code, has no rows.
    """
    return _employment(year, EXACT)


def _with_lq(employment: pd.DataFrame, totals: pd.Series) -> pd.DataFrame:
    """Add ``region_total`` and ``lq``: each sector against the rest of the economy,
    with Great Britain (the sum of the regions) as the reference."""
    out = []
    for sector, part in employment.groupby("sector", sort=False):
        inside = part.set_index("itl2_code")["employment"]
        rest = totals.reindex(inside.index) - inside
        table = pd.DataFrame({"code": [*inside.index, *rest.index],
                              "sector": ["in"] * len(inside) + ["out"] * len(rest),
                              "employment": [*inside.values, *rest.values]})
        lq = location_quotient(table, area="code", sector="sector", value="employment")
        part = part.copy()
        part["region_total"] = totals.reindex(inside.index).values
        part["lq"] = lq[table["sector"] == "in"].values
        out.append(part)
    return pd.concat(out, ignore_index=True)


def is8_lq_itl2(year: int = EXACT_YEAR, definition: str = EXACT) -> pd.DataFrame:
    """IS-8 location quotients by ITL2 region.

    Columns: ``itl2_code``, ``itl2_name``, ``year``, ``definition``, ``sector``,
    ``employment``, ``region_total``, ``lq``. ``lq`` is the region's share of
    its employment in the sector over GB's share, GB being the sum of the 40
    regions over all industries; ``region_total`` is the region's employment in
    all industries. ``definition`` is ``exact_5digit`` (years 2015-2021; use
    2018-2021, as 2015-2017 lack Scottish farm figures) or ``approx_2digit``
    (2023, or 2015-2021 summed from subclasses).
    """
    if definition not in DEFINITIONS:
        raise ValueError(f"definition must be one of {DEFINITIONS}, not {definition!r}")
    return _lq_cached(year, definition).copy()


@lru_cache(maxsize=16)
def _lq_cached(year: int, definition: str) -> pd.DataFrame:
    frame = _with_lq(_employment(year, definition), region_totals(year, definition))
    frame.insert(2, "year", year)
    frame.insert(3, "definition", definition)
    return frame


def lq_by_year(years: Iterable[int] = (2018, 2019, 2020, EXACT_YEAR)) -> pd.DataFrame:
    """Exact LQs for several years of the 5-digit file (2018-2021 are complete), to show
    how stable a region's specialisms are: ``itl2_code``, ``itl2_name``, ``sector``, one column per year."""
    frames = [is8_lq_itl2(year, EXACT)[["itl2_code", "itl2_name", "sector", "lq"]].rename(columns={"lq": year})
              for year in years]
    out = frames[0]
    for frame in frames[1:]:
        out = out.merge(frame, on=["itl2_code", "itl2_name", "sector"], how="outer")
    return out


@export("is8_location_quotients")
def is8_location_quotients() -> pd.DataFrame:
    """IS-8 LQs by ITL2: 2021 exact, 2021 2-digit approximation and 2023 2-digit approximation.

    Columns: ``itl2_code``, ``itl2_name``, ``year``, ``definition``, ``sector``,
    ``employment``, ``lq``. Sectors that cannot be measured under a definition
    (Clean Energy Industries always; Defence at 2 digits) have no rows.
    """
    parts = [is8_lq_itl2(EXACT_YEAR, EXACT), is8_lq_itl2(EXACT_YEAR, APPROX), is8_lq_itl2(APPROX_YEAR, APPROX)]
    columns = ["itl2_code", "itl2_name", "year", "definition", "sector", "employment", "lq"]
    return pd.concat(parts, ignore_index=True)[columns]


def lq_wide(lq: pd.DataFrame | None = None) -> pd.DataFrame:
    """LQs as a region (rows, ITL2 code order) by sector (columns) table."""
    lq = is8_lq_itl2() if lq is None else lq
    wide = lq.pivot(index=["itl2_code", "itl2_name"], columns="sector", values="lq")
    return wide[[s for s in IS8_SECTORS if s in wide.columns]].sort_index()


def specialisms(lq: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per region: ``itl2_code``, ``itl2_name``, ``n_measured``, ``n_specialisms`` (LQ > 1),
    ``specialisms`` (sectors, '; '-joined), ``all_measured`` (LQ > 1 in every measured sector)."""
    wide = lq_wide(lq)
    above = wide > 1
    out = pd.DataFrame({
        "n_measured": wide.notna().sum(axis=1).astype(int),
        "n_specialisms": above.sum(axis=1).astype(int),
        "specialisms": ["; ".join(c for c in wide.columns if row[c]) for _, row in above.iterrows()],
    }).reset_index()
    out["all_measured"] = out["n_specialisms"] == out["n_measured"]
    return out


def group_lq(lq: pd.DataFrame, codes: Iterable[str]) -> pd.Series:
    """LQ by sector of a group of regions taken together (employment summed), GB as reference."""
    codes = list(codes)
    gb_total = lq.drop_duplicates("itl2_code")["region_total"].sum()
    group_total = lq[lq["itl2_code"].isin(codes)].drop_duplicates("itl2_code")["region_total"].sum()
    gb = lq.groupby("sector", sort=False)["employment"].sum()
    group = lq[lq["itl2_code"].isin(codes)].groupby("sector", sort=False)["employment"].sum()
    return (group / group_total) / (gb / gb_total)


# ---------------------------------------------------------------------------
# The 2-digit approximation
# ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def approx_rule_table() -> pd.DataFrame:
    """Every (sector, division) pair a definition touches, with the share of the
    division's GB employment (2021, 5-digit) its subclasses hold.

    Columns: ``sector``, ``division``, ``covered_employment``,
    ``division_employment``, ``share_covered``, ``whole_division_listed``,
    ``included``.
    """
    gb = _gb_subclass_employment(APPROX_RULE_YEAR)
    by_division = gb.groupby(gb.index.str[:2].astype(int)).sum()
    rows = []
    for sector in IS8_SECTORS:
        subs = sorted(subclasses_for(sector))
        codes = sector_codes(sector)
        for division in sorted({int(s[:2]) for s in subs}):
            covered = int(gb[[s for s in subs if int(s[:2]) == division]].sum())
            total = int(by_division[division])
            share = covered / total if total else 0.0
            whole = f"{division:02d}" in codes
            rows.append({"sector": sector, "division": division, "covered_employment": covered,
                         "division_employment": total, "share_covered": share,
                         "whole_division_listed": whole,
                         "included": bool(whole or share >= APPROX_THRESHOLD)})
    return pd.DataFrame(rows)


def approx_2digit_divisions(sector: str) -> tuple[int, ...]:
    """The SIC divisions that approximate ``sector`` at 2 digits.

    Rule: a division is in if the definition lists the whole division, or if
    the definition's subclasses hold at least half (``APPROX_THRESHOLD``) of
    the division's GB employment in 2021 (5-digit BRES). A definition whose
    codes are all small parts of larger divisions (Defence) has no
    approximation, and so does one with no codes (Clean Energy Industries).
    """
    if sector not in IS8_SECTORS:
        raise ValueError(f"unknown IS-8 sector {sector!r}")
    rules = approx_rule_table()
    chosen = rules[(rules["sector"] == sector) & rules["included"]]["division"]
    return tuple(int(d) for d in chosen)


@export("is8_approx_vs_exact")
def approx_vs_exact(year: int = EXACT_YEAR) -> pd.DataFrame:
    """GB employment per sector under the exact definition and the 2-digit approximation (same year).

    Columns: ``sector``, ``divisions`` (the approximation), ``exact``,
    ``approx``, ``difference`` (approx - exact), ``percent`` (of exact),
    ``added`` (employment in the divisions outside the definition),
    ``lost`` (employment in the definition outside the divisions).
    """
    gb_sub = _gb_subclass_employment(year)
    rows = []
    for sector in measurable_sectors():
        subs = subclasses_for(sector)
        divisions = approx_2digit_divisions(sector)
        in_divisions = {s for s in gb_sub.index if int(s[:2]) in divisions}
        exact = int(gb_sub[sorted(subs)].sum())
        approx = int(gb_sub[sorted(in_divisions)].sum())
        added = int(gb_sub[sorted(in_divisions - subs)].sum())
        lost = int(gb_sub[sorted(subs - in_divisions)].sum())
        rows.append({"sector": sector, "divisions": ", ".join(f"{d:02d}" for d in divisions),
                     "exact": exact, "approx": approx, "difference": approx - exact,
                     "percent": 100.0 * (approx - exact) / exact, "added": added, "lost": lost})
    return pd.DataFrame(rows)


@export("is8_lq_definition_effects")
def lq_definition_effects() -> pd.DataFrame:
    """Each region-sector LQ under 2021 exact, 2021 approximate and 2023 approximate
    definitions, with the definition effect (2021 approx - exact) and the year
    effect (2023 - 2021 approx)."""
    frames = {"lq_2021_exact": is8_lq_itl2(EXACT_YEAR, EXACT), "lq_2021_approx": is8_lq_itl2(EXACT_YEAR, APPROX),
              "lq_2023_approx": is8_lq_itl2(APPROX_YEAR, APPROX)}
    keys = ["itl2_code", "itl2_name", "sector"]
    out = None
    for name, frame in frames.items():
        part = frame[keys + ["lq"]].rename(columns={"lq": name})
        out = part if out is None else out.merge(part, on=keys, how="outer")
    out["definition_effect"] = out["lq_2021_approx"] - out["lq_2021_exact"]
    out["year_effect"] = out["lq_2023_approx"] - out["lq_2021_approx"]
    out["order"] = out["sector"].map(IS8_SECTORS.index)
    return out.sort_values(["itl2_code", "order"]).drop(columns="order").reset_index(drop=True)


def specialism_changes() -> pd.DataFrame:
    """Regions whose count of specialisms differs between 2021 exact and 2023 approximate LQs
    (over the sectors measured under both)."""
    exact = lq_wide(is8_lq_itl2(EXACT_YEAR, EXACT))
    approx = lq_wide(is8_lq_itl2(APPROX_YEAR, APPROX))
    common = [s for s in exact.columns if s in approx.columns]
    gained = (approx[common] > 1) & ~(exact[common] > 1)
    lost = (exact[common] > 1) & ~(approx[common] > 1)
    out = pd.DataFrame({
        "n_exact_2021": (exact[common] > 1).sum(axis=1), "n_approx_2023": (approx[common] > 1).sum(axis=1),
        "gained": ["; ".join(c for c in common if r[c]) for _, r in gained.iterrows()],
        "lost": ["; ".join(c for c in common if r[c]) for _, r in lost.iterrows()]}).reset_index()
    return out


# ---------------------------------------------------------------------------
# The DCMS lists
# ---------------------------------------------------------------------------

DCMS_PAIRS = {"Creative Industries": "creative", "Digital and Technologies": "digital"}
DCMS_PLACEHOLDERS = {"62.011"}  # DCMS's tourism placeholder, not a SIC code
_DOTTED = re.compile(r"(\d{2})\.(\d{1,2})")


@lru_cache(maxsize=1)
def dcms_lists() -> pd.DataFrame:
    """DCMS creative and digital SIC lists: ``dcms_sector``, ``sic`` (as published),
    ``sic_code`` (undotted 4-digit class), ``description``.

    A group-level code such as ``59.2`` is the class ``59.20`` (each such group
    has a single class); the tourism placeholder ``62.011`` is dropped.
    """
    file_id = "dcms_sic_mappings"
    path = entry(file_id).path
    frame = read_catalogued_csv(file_id, ["sic", "description", "sector"])
    frame = frame[frame["sector"].isin(DCMS_PAIRS.values()) & ~frame["sic"].str.strip().isin(DCMS_PLACEHOLDERS)]
    rows = []
    for _, row in frame.iterrows():
        sic = row["sic"].strip()
        match = _DOTTED.fullmatch(sic)
        if not match:
            raise DataError(path, f"SIC code {sic!r} ({row['sector']}) is not a dotted class or group code")
        division, rest = match.groups()
        rows.append({"dcms_sector": row["sector"], "sic": sic, "sic_code": division + rest.ljust(2, "0"),
                     "description": row["description"].strip()})
    out = pd.DataFrame(rows)
    require_unique(out, ["dcms_sector", "sic_code"], path)
    universe = bres_subclasses()
    unmatched = [c for c in out["sic_code"] if not _covered([c], universe)]
    if unmatched:
        raise DataError(path, f"DCMS code(s) {unmatched} match no SIC subclass")
    for sector in DCMS_PAIRS.values():
        if sector not in set(out["dcms_sector"]):
            raise DataError(path, f"no {sector!r} rows")
    return out


def _assign_to_codes(subclasses: Iterable[str], codes: pd.DataFrame, code_col: str) -> dict[str, list[str]]:
    """Assign each subclass to the shortest listed code covering it (no double counting)."""
    ordered = codes.assign(_len=codes[code_col].str.len()).sort_values(["_len", code_col], kind="stable")
    assigned: dict[str, list[str]] = {}
    for sub in sorted(subclasses):
        for code in ordered[code_col]:
            if sub.startswith(code):
                assigned.setdefault(code, []).append(sub)
                break
    return assigned


@export("is8_dcms_comparison")
def dcms_comparison(year: int = EXACT_YEAR) -> pd.DataFrame:
    """Codes in the IS-8 Creative / Digital definitions and not in the DCMS lists, and vice versa.

    Columns: ``is8_sector``, ``side`` ('IS-8 only' or 'DCMS only'), ``sic_code``
    (as listed), ``name``, ``subclasses`` (the subclasses the other list lacks),
    ``gb_employment`` (their GB employment in ``year``). Each subclass is
    attributed once, to the broadest listed code that covers it.
    """
    gb = _gb_subclass_employment(year)
    dcms = dcms_lists()
    universe = bres_subclasses()
    rows = []
    for sector, dcms_sector in DCMS_PAIRS.items():
        is8 = subclasses_for(sector)
        dl = dcms[dcms["dcms_sector"] == dcms_sector]
        dcms_subs = _covered(dl["sic_code"], universe)
        defs = is8_definitions()
        defs = defs[(defs["sector"] == sector) & defs["sic_code"].notna()].drop_duplicates("sic_code")
        names = defs.set_index("sic_code")["sic_name"]
        for code, subs in _assign_to_codes(is8 - dcms_subs, defs, "sic_code").items():
            rows.append({"is8_sector": sector, "side": "IS-8 only", "sic_code": code, "name": names[code],
                         "subclasses": ", ".join(subs), "gb_employment": int(gb[subs].sum())})
        dnames = dl.set_index("sic_code")["description"]
        for code, subs in _assign_to_codes(dcms_subs - is8, dl, "sic_code").items():
            rows.append({"is8_sector": sector, "side": "DCMS only", "sic_code": code, "name": dnames[code],
                         "subclasses": ", ".join(subs), "gb_employment": int(gb[subs].sum())})
    columns = ["is8_sector", "side", "sic_code", "name", "subclasses", "gb_employment"]
    return pd.DataFrame(rows, columns=columns)


@export("is8_dcms_summary")
def dcms_summary(year: int = EXACT_YEAR) -> pd.DataFrame:
    """GB employment under the IS-8 and the DCMS definitions of creative and digital.

    Columns: ``is8_sector``, ``dcms_sector``, ``n_subclasses_is8``,
    ``n_subclasses_dcms``, ``n_shared``, ``employment_is8``,
    ``employment_dcms``, ``employment_is8_only``, ``employment_dcms_only``,
    ``percent_difference`` (IS-8 over DCMS, % of DCMS).
    """
    gb = _gb_subclass_employment(year)
    dcms = dcms_lists()
    universe = bres_subclasses()
    rows = []
    for sector, dcms_sector in DCMS_PAIRS.items():
        is8 = subclasses_for(sector)
        other = _covered(dcms.loc[dcms["dcms_sector"] == dcms_sector, "sic_code"], universe)
        emp = lambda subs: int(gb[sorted(subs)].sum())  # noqa: E731
        rows.append({"is8_sector": sector, "dcms_sector": dcms_sector, "n_subclasses_is8": len(is8),
                     "n_subclasses_dcms": len(other), "n_shared": len(is8 & other),
                     "employment_is8": emp(is8), "employment_dcms": emp(other),
                     "employment_is8_only": emp(is8 - other), "employment_dcms_only": emp(other - is8),
                     "percent_difference": 100.0 * (emp(is8) - emp(other)) / emp(other)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# City centres against their city regions (districts, 2-digit, 2017)
# ---------------------------------------------------------------------------

@export("is8_city_vs_region")
def city_vs_region(year: int = CITY_YEAR) -> pd.DataFrame:
    """2-digit IS-8 LQs for Manchester and Birmingham districts and their ITL2 regions.

    From BRES district employment by division (2016 codes); each ITL2 region is
    the sum of its member districts (ONS LAD 2023 to ITL2 lookup; these
    metropolitan districts kept their codes), and the reference is the sum of
    all GB districts. Columns: ``area_code``, ``area``, ``level``
    ('district' or 'ITL2'), ``city``, ``sector``, ``employment``, ``lq``.
    """
    cells = district_division_employment()
    cells = cells[cells["year"] == year]
    if cells.empty:
        raise ValueError(f"the district file has no year {year}")
    matrix = cells.pivot(index="code", columns="division", values="employment")
    path = entry("bres_lad_2015_2017_div").path
    lookup = itl_lookup()
    areas = {}
    for district, (city, region) in CITY_DISTRICTS.items():
        members = sorted(lookup.loc[lookup["ITL221CD"] == region, "LAD23CD"])
        absent = [m for m in members + [district] if m not in matrix.index]
        if absent:
            raise DataError(path, f"district(s) {absent} of {region} not in the {year} file")
        region_name = lookup.loc[lookup["ITL221CD"] == region, "ITL221NM"].iloc[0]
        areas[district] = (city, "district", city, [district])
        areas[region] = (f"{region_name} (ITL2)", "ITL2", city, members)
    gb_total = matrix.to_numpy().sum()
    rows = []
    for sector in IS8_SECTORS:
        divisions = list(approx_2digit_divisions(sector))
        if not divisions:
            continue
        gb_share = matrix[divisions].to_numpy().sum() / gb_total
        for code, (name, level, city, members) in areas.items():
            part = matrix.loc[members]
            employment = int(part[divisions].to_numpy().sum())
            lq = (employment / part.to_numpy().sum()) / gb_share
            rows.append({"area_code": code, "area": name, "level": level, "city": city, "sector": sector,
                         "employment": employment, "lq": float(lq)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# Co-location of the service sectors
# ---------------------------------------------------------------------------

@export("is8_service_correlations")
def service_correlations(lq: pd.DataFrame | None = None, resamples: int = BOOTSTRAP_RESAMPLES,
                         seed: int = BOOTSTRAP_SEED) -> pd.DataFrame:
    """Pearson and Spearman correlations of the four service sectors' LQs across ITL2 regions.

    One row per pair: ``sector_a``, ``sector_b``, ``n``, ``pearson``,
    ``pearson_low``, ``pearson_high``, ``spearman``, ``spearman_low``,
    ``spearman_high``. Intervals are percentile bootstrap 95% intervals
    (regions resampled with replacement, fixed seed, the same resamples for
    every pair).
    """
    wide = lq_wide(is8_lq_itl2() if lq is None else lq)
    n = len(wide)
    index = np.random.default_rng(seed).integers(0, n, size=(resamples, n))
    rows = []
    for i, a in enumerate(SERVICE_SECTORS):
        for b in SERVICE_SECTORS[i + 1:]:
            x, y = wide[a].to_numpy(float), wide[b].to_numpy(float)
            pearson = float(np.corrcoef(x, y)[0, 1])
            from scipy.stats import rankdata  # loaded only when correlations are asked for

            spearman = float(np.corrcoef(rankdata(x), rankdata(y))[0, 1])
            xs, ys = x[index], y[index]
            boot_p = row_correlations(xs, ys)
            boot_s = row_correlations(rankdata(xs, axis=1), rankdata(ys, axis=1))
            p_low, p_high = np.nanpercentile(boot_p, [2.5, 97.5])
            s_low, s_high = np.nanpercentile(boot_s, [2.5, 97.5])
            rows.append({"sector_a": a, "sector_b": b, "n": n, "pearson": pearson,
                         "pearson_low": float(p_low), "pearson_high": float(p_high), "spearman": spearman,
                         "spearman_low": float(s_low), "spearman_high": float(s_high)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# The blog's claims
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Outcome:
    verdict: str
    detail: str


@dataclass(frozen=True)
class _Claim:
    claim_id: str
    statement: str
    published: str
    unit: str
    reason: str
    test: Callable[[pd.DataFrame], _Outcome] | None
    vintage: str = "BRES employment 2021 (exact 5-digit definitions); 2023 2-digit approximation as a check"
    uses_lq: bool = True


def _fmt_lqs(row: pd.Series) -> str:
    return ", ".join(f"{SHORT_NAMES[s]} {v:.2f}" for s, v in row.dropna().items())


def _none_above_one(lq: pd.DataFrame, code: str) -> _Outcome:
    wide = lq_wide(lq).droplevel("itl2_name")
    row = wide.loc[code].dropna()
    above = row[row > 1]
    name = _region_labels([code]).iloc[0]
    detail = f"{name} ({code}): LQ > 1 in {len(above)} of {len(row)} measurable sectors ({_fmt_lqs(row)})."
    if above.empty:
        return _Outcome("reproduced", detail)
    return _Outcome("close" if (above < 1 + MARGIN).all() else "differs", detail)


def _test_wm_advanced_manufacturing(lq: pd.DataFrame) -> _Outcome:
    sector = "Advanced Manufacturing"
    metro = lq.loc[(lq["itl2_code"] == WEST_MIDLANDS_METRO) & (lq["sector"] == sector), "lq"].iloc[0]
    members = itl2_names().loc[lambda f: f["itl1_code"] == WEST_MIDLANDS_ITL1, "itl2_code"].tolist()
    wider = group_lq(lq, members)[sector]
    detail = (f"Advanced Manufacturing LQ {metro:.2f} in the West Midlands metropolitan ITL2 ({WEST_MIDLANDS_METRO}) "
              f"and {wider:.2f} in the West Midlands ITL1 region ({'+'.join(members)}).")
    if metro > 1:
        return _Outcome("reproduced", detail)
    if wider > 1 or metro > 1 - MARGIN:
        return _Outcome("close", detail)
    return _Outcome("differs", detail)


def _test_wm_services(lq: pd.DataFrame) -> _Outcome:
    wide = lq_wide(lq).droplevel("itl2_name")
    row = wide.loc[WEST_MIDLANDS_METRO, list(SERVICE_SECTORS)]
    detail = f"Service-sector LQs in {WEST_MIDLANDS_METRO}: {_fmt_lqs(row)}."
    below = (row < 1).sum()
    if below == len(row):
        return _Outcome("reproduced", detail)
    return _Outcome("close" if below >= len(row) - 1 else "differs", detail)


def _test_five_regions(lq: pd.DataFrame) -> _Outcome:
    wide = lq_wide(lq).droplevel("itl2_name")
    parts, worst = [], "reproduced"
    for code, name in NO_SPECIALISM_REGIONS.items():
        row = wide.loc[code].dropna()
        above = row[row > 1]
        listed = ", ".join(f"{SHORT_NAMES[s]} {v:.2f}" for s, v in above.items()) or "none"
        parts.append(f"{name} ({code}) {len(above)} [{listed}]")
        if not above.empty:
            grade = "close" if (above < 1 + MARGIN).all() else "differs"
            worst = grade if worst != "differs" else worst
    n_clear = sum(1 for code in NO_SPECIALISM_REGIONS if (wide.loc[code].dropna() <= 1).all())
    detail = (f"{n_clear} of {len(NO_SPECIALISM_REGIONS)} regions have no LQ above 1. "
              f"Specialisms per region: " + "; ".join(parts) + ".")
    return _Outcome(worst, detail)


def _test_correlations(lq: pd.DataFrame) -> _Outcome:
    table = service_correlations(lq)
    low, high = 0.6, 0.8
    inside = table["pearson"].between(low, high)
    overlaps = (table["pearson_high"] >= low) & (table["pearson_low"] <= high)
    parts = [f"{SHORT_NAMES[r.sector_a]}-{SHORT_NAMES[r.sector_b]} r={r.pearson:.2f} "
             f"[{r.pearson_low:.2f}, {r.pearson_high:.2f}], rho={r.spearman:.2f} "
             f"[{r.spearman_low:.2f}, {r.spearman_high:.2f}]" for r in table.itertuples()]
    detail = (f"{int(inside.sum())} of {len(table)} Pearson coefficients lie in 0.6-0.8 "
              f"(Pearson range {table['pearson'].min():.2f} to {table['pearson'].max():.2f}; "
              f"Spearman {table['spearman'].min():.2f} to {table['spearman'].max():.2f}): " + "; ".join(parts) + ".")
    if inside.all():
        return _Outcome("reproduced", detail)
    return _Outcome("close" if overlaps.all() else "differs", detail)


def _gse_codes() -> list[str]:
    names = itl2_names()
    return names.loc[names["itl1_code"].isin(GREATER_SOUTH_EAST_ITL1), "itl2_code"].tolist()


def _test_gse(lq: pd.DataFrame) -> _Outcome:
    gse = _gse_codes()
    group = group_lq(lq, gse)
    regions = lq.drop_duplicates("itl2_code")
    base_share = regions.loc[regions["itl2_code"].isin(gse), "region_total"].sum() / regions["region_total"].sum()
    parts, n_above = [], 0
    for sector in SERVICE_SECTORS:
        part = lq[lq["sector"] == sector]
        share = part.loc[part["itl2_code"].isin(gse), "employment"].sum() / part["employment"].sum()
        special = part[part["lq"] > 1]
        in_gse = int(special["itl2_code"].isin(gse).sum())
        n_above += group[sector] > 1
        parts.append(f"{SHORT_NAMES[sector]} {100 * share:.0f}% of GB jobs, LQ {group[sector]:.2f}, "
                     f"{in_gse} of {len(special)} specialised regions in the GSE")
    detail = (f"The Greater South East (London, South East, East; {len(gse)} ITL2 regions) has "
              f"{100 * base_share:.0f}% of GB employment. " + "; ".join(parts) + ".")
    if n_above == len(SERVICE_SECTORS):
        return _Outcome("reproduced", detail)
    return _Outcome("close" if n_above >= len(SERVICE_SECTORS) - 1 else "differs", detail)


def _test_all_eight(lq: pd.DataFrame) -> _Outcome:
    table = specialisms(lq)
    n_measured = int(table["n_measured"].max())
    full = table[table["all_measured"]]
    named = table.set_index("itl2_code").loc[list(ALL_EIGHT_REGIONS)]
    listed = ", ".join(f"{r.itl2_name} ({r.itl2_code})" for r in full.itertuples()) or "none"
    named_text = "; ".join(f"{ALL_EIGHT_REGIONS[c]} area {c}: {r.n_specialisms} of {r.n_measured} "
                           f"({r.specialisms or 'none'})" for c, r in named.iterrows())
    detail = f"Regions with LQ > 1 in all {n_measured} measurable sectors: {listed}. {named_text}."
    found = set(full["itl2_code"])
    if found == set(ALL_EIGHT_REGIONS):
        return _Outcome("reproduced", detail)
    if set(ALL_EIGHT_REGIONS) <= found or (named["n_specialisms"] >= named["n_measured"] - 1).all():
        return _Outcome("close", detail)
    return _Outcome("differs", detail)


def _test_unmeasurable(_lq: pd.DataFrame) -> _Outcome:
    coverage = is8_coverage()
    not_well = coverage[coverage["dbt_rating"] != WELL_DEFINED]
    not_easy = coverage[coverage["dbt_rating"].str.startswith("Not easily")]
    detail = (f"DBT rates {len(not_well)} of {len(coverage)} sectors as not well defined by SIC "
              f"({'; '.join(not_well['sector'])}): {len(not_easy)} 'not easily represented by SIC' "
              f"({'; '.join(not_easy['sector'])}) and {len(not_well) - len(not_easy)} proxy definitions. "
              f"Under the transcribed definitions {len(IS8_SECTORS) - len(measurable_sectors())} sector "
              f"(Clean Energy Industries) has no SIC code at all. The count depends on where the line is drawn: "
              f"the blog's four are the {len(not_easy)} DBT rates 'not easily represented' plus Digital and "
              f"Technologies (for its frontier industries), leaving out Advanced Manufacturing, which DBT rates "
              f"as a proxy too.")
    if len(not_well) == 4:
        return _Outcome("reproduced", detail)
    # Four lies between the strict reading (not easily represented) and the broad one (not well defined).
    return _Outcome("close" if len(not_easy) <= 4 <= len(not_well) else "differs", detail)


def _claims() -> list[_Claim]:
    method = ("The blog reports The Data City's firm-level classification, not SIC-based BRES; "
              "this test uses BRES employment under the DBT SIC definitions.")
    return [
        _Claim("B01", "Greater Manchester is specialised (LQ above 1) in none of the IS-8 sectors at ITL2.",
               "Greater Manchester: LQ > 1 in 0 of 8 sectors", "count of sectors with LQ > 1",
               method, lambda lq: _none_above_one(lq, GREATER_MANCHESTER)),
        _Claim("B02", "The West Midlands is specialised in none of the IS-8 sectors at ITL2.",
               "West Midlands: LQ > 1 in 0 of 8 sectors", "count of sectors with LQ > 1",
               method + " 'West Midlands' is read as the metropolitan ITL2 region TLG3.",
               lambda lq: _none_above_one(lq, WEST_MIDLANDS_METRO)),
        _Claim("B03", "The West Midlands over-performs in Advanced Manufacturing.",
               "West Midlands: Advanced Manufacturing over-performs", "location quotient",
               method + " Tested for the metropolitan ITL2 (TLG3) and the whole ITL1 region (TLG). "
               "It also sits uneasily with B02: an over-performing sector would be an LQ above 1.",
               _test_wm_advanced_manufacturing),
        _Claim("B04", "The West Midlands under-performs in the service-based IS-8 sectors.",
               "West Midlands: under-performs in service sectors", "location quotient",
               method + " 'Under-performs' is read as LQ below 1 in each of the four service sectors.",
               _test_wm_services),
        _Claim("B05", "Kent, Essex, Lancashire, Greater Manchester and West Yorkshire each have no IS-8 specialism.",
               "5 areas with no IS-8 specialism (Kent, Essex, Lancashire, Greater Manchester, West Yorkshire)",
               "count of sectors with LQ > 1 per region", method, _test_five_regions),
        _Claim("B06", "The four IS-8 service sectors co-locate: their LQs are correlated at about 0.6 to 0.8 "
               "across ITL2.",
               "correlation coefficients 0.6-0.8", "correlation coefficient (40 ITL2 regions)",
               method + " Pearson and Spearman correlations of LQs across the 40 regions, with bootstrap 95% "
               "intervals; the verdict uses Pearson (reproduced: all six in 0.6-0.8; close: every interval "
               "overlaps 0.6-0.8).", _test_correlations),
        _Claim("B07", "The service sectors are concentrated in the Greater South East.",
               "service sectors concentrate overwhelmingly in the Greater South East",
               "share of GB employment (%); LQ of the Greater South East", method +
               " The Greater South East is taken as the London, South East and East of England ITL1 regions; "
               "reproduced if its combined LQ exceeds 1 in all four service sectors.", _test_gse),
        _Claim("B08", "Only the Bristol and Edinburgh areas are specialised in all eight IS-8 sectors.",
               "2 areas (Bristol, Edinburgh) with specialisms in all 8 sectors",
               "regions with LQ > 1 in every measurable sector",
               method + " Clean Energy Industries has no SIC code, so 'all eight' can at most be tested as all "
               "seven measurable sectors (six at 2 digits, where Defence has no approximation), and Defence and "
               "Life Sciences are only partly captured by SIC. Bristol is read as TLK1 and Edinburgh as TLM7.",
               _test_all_eight),
        _Claim("B09", "The government concedes that several IS-8 sectors cannot be measured reliably with SIC codes.",
               "4 of 8 sectors cannot be reliably measured with SIC", "count of sectors",
               "Tested against DBT's own SIC-coverage ratings (methodology note, 2025), counting sectors not "
               "rated 'Well defined by SIC'. The blog's four are Clean Energy, Defence, Digital and Technologies "
               "and Life Sciences; DBT also rates Advanced Manufacturing a proxy definition, like Digital and "
               "Technologies.", _test_unmeasurable,
               vintage="DBT Industrial Strategy economic indicators methodology note, July-September 2025",
               uses_lq=False),
    ]


def claim_verdicts() -> pd.DataFrame:
    """Each claim's verdict under 2021 exact, 2021 approximate and 2023 approximate LQs.

    Columns: ``claim_id``, ``verdict_exact_2021``, ``verdict_approx_2021``,
    ``verdict_approx_2023``, ``changes_2023`` (the 2023 approximate verdict
    differs from the 2021 exact one).
    """
    frames = {"verdict_exact_2021": is8_lq_itl2(EXACT_YEAR, EXACT),
              "verdict_approx_2021": is8_lq_itl2(EXACT_YEAR, APPROX),
              "verdict_approx_2023": is8_lq_itl2(APPROX_YEAR, APPROX)}
    rows = []
    for claim in _claims():
        row = {"claim_id": claim.claim_id}
        for column, lq in frames.items():
            row[column] = claim.test(lq).verdict if claim.test else "cannot be tested"
        row["changes_2023"] = row["verdict_approx_2023"] != row["verdict_exact_2021"]
        rows.append(row)
    return pd.DataFrame(rows)


def _claim_results() -> list[tuple[_Claim, _Outcome | None, _Outcome | None]]:
    exact = is8_lq_itl2(EXACT_YEAR, EXACT)
    approx = is8_lq_itl2(APPROX_YEAR, APPROX)
    return [(c, c.test(exact), c.test(approx)) if c.test else (c, None, None) for c in _claims()]


@export("is8_blog_claims")
@lru_cache(maxsize=1)
@disk_cached
def blog_claims() -> pd.DataFrame:
    """The blog's IS-8 claims, each tested against official data.

    Columns: ``claim_id``, ``source``, ``statement`` (the claim in our words),
    ``published`` (what the blog gives), ``reproduced`` (what BRES gives under
    the 2021 exact definitions, then under the 2023 2-digit approximation),
    ``unit``, ``vintage``, ``verdict`` (under the 2021 exact definitions; one
    of 'reproduced', 'close', 'differs', 'cannot be tested'), ``reason``
    (which also records whether the 2023 approximation changes the verdict).
    """
    claims = []
    for claim, first, second in _claim_results():
        row = {"claim_id": claim.claim_id, "source": BLOG, "statement": claim.statement,
               "published": claim.published, "unit": claim.unit, "vintage": claim.vintage}
        if first is None:
            row.update(reproduced="", verdict="cannot be tested", reason=claim.reason)
        elif not claim.uses_lq:
            row.update(reproduced=first.detail, verdict=first.verdict,
                       reason=claim.reason + " Not an employment measure, so the definition used does not bear on it.")
        else:
            change = "unchanged" if second.verdict == first.verdict else f"changed from '{first.verdict}'"
            row.update(reproduced=f"{first.detail} 2023, 2-digit approximation: {second.detail}",
                       verdict=first.verdict,
                       reason=f"{claim.reason} Under the 2023 2-digit approximation the verdict is "
                              f"'{second.verdict}' ({change}).")
        claims.append(Claim(**row))  # Claim rejects an unknown verdict
    return ledger_frame(claims)


def claims_display() -> pd.DataFrame:
    """The claims table as the chapter shows it: the claim, the blog's figure, the
    2021 exact finding and the verdicts under both definitions."""
    rows = []
    for claim, first, second in _claim_results():
        rows.append({"Claim": claim.claim_id, "Statement (our wording)": claim.statement,
                     "Blog": claim.published,
                     "Official data, 2021 exact definitions": first.detail if first else "",
                     "Verdict (2021 exact)": first.verdict if first else "cannot be tested",
                     "Verdict (2023 2-digit)": (second.verdict if claim.uses_lq else "(not an LQ claim)")
                     if second else "cannot be tested"})
    return pd.DataFrame(rows)


def city_summary(year: int = CITY_YEAR) -> pd.DataFrame:
    """City district against its ITL2 region: one row per area with each sector's 2-digit LQ
    and the number of sectors with LQ > 1 (``n_specialisms``, of ``n_measured``)."""
    table = city_vs_region(year)
    wide = table.pivot(index=["city", "level", "area_code", "area"], columns="sector", values="lq")
    wide = wide[[s for s in IS8_SECTORS if s in wide.columns]]
    wide["n_specialisms"] = (wide > 1).sum(axis=1)
    wide["n_measured"] = wide.shape[1] - 1
    order = {"district": 0, "ITL2": 1}
    wide = wide.reset_index()
    wide["_order"] = wide["level"].map(order)
    return wide.sort_values(["city", "_order"]).drop(columns="_order").reset_index(drop=True)


def _lq_of(lq: pd.DataFrame, code: str, sector: str) -> float:
    return float(lq.loc[(lq["itl2_code"] == code) & (lq["sector"] == sector), "lq"].iloc[0])


def _peak_region(lq: pd.DataFrame, sector: str) -> str:
    """The region with the highest LQ in ``sector``."""
    part = lq[lq["sector"] == sector]
    return str(part.loc[part["lq"].idxmax(), "itl2_name"])


@lru_cache(maxsize=1)
@disk_cached
def chapter_numbers() -> dict[str, int | float | str]:
    """Every number the chapter's prose quotes, as plain Python values keyed by glue name."""
    exact = is8_lq_itl2(EXACT_YEAR, EXACT)
    approx23 = is8_lq_itl2(APPROX_YEAR, APPROX)
    spec = specialisms(exact).set_index("itl2_code")
    spec23 = specialisms(approx23).set_index("itl2_code")
    summary = definition_summary().set_index("sector")
    coverage = is8_coverage()
    defs = is8_definitions()
    versus = approx_vs_exact().set_index("sector")
    rules = approx_rule_table().set_index(["sector", "division"])
    corr = service_correlations(exact)
    corr23 = service_correlations(approx23)
    dcms = dcms_summary().set_index("is8_sector")
    dcms_rows = dcms_comparison().set_index("sic_code")
    verdicts = claim_verdicts()
    claims = blog_claims()
    city = city_summary().set_index("area_code")
    changes = specialism_changes()
    wm_members = itl2_names().loc[lambda f: f["itl1_code"] == WEST_MIDLANDS_ITL1, "itl2_code"].tolist()
    gse = _gse_codes()
    regions = exact.drop_duplicates("itl2_code")
    gse_share = regions.loc[regions["itl2_code"].isin(gse), "region_total"].sum() / regions["region_total"].sum()
    service_gse = {}
    for sector in SERVICE_SECTORS:
        part = exact[exact["sector"] == sector]
        service_gse[sector] = part.loc[part["itl2_code"].isin(gse), "employment"].sum() / part["employment"].sum()
    not_well = coverage[coverage["dbt_rating"] != WELL_DEFINED]
    history = lq_by_year().set_index(["itl2_code", "sector"])
    gm_fin, gm_pbs = history.loc[(GREATER_MANCHESTER, "Financial Services")], \
        history.loc[(GREATER_MANCHESTER, "Professional and Business Services")]
    n = {
        "is8_n_sectors": len(IS8_SECTORS),
        "is8_n_measurable": len(measurable_sectors()),
        "is8_n_regions": int(exact["itl2_code"].nunique()),
        "is8_n_codes": int(defs["sic_code"].notna().sum()),
        "is8_n_distinct_codes": int(defs["sic_code"].dropna().nunique()),
        "is8_n_unmatched": len(unmatched_codes()),
        "is8_n_frontier_codes": int(defs.loc[defs["is_frontier"] & defs["sic_code"].notna(), "sic_code"].nunique()),
        "is8_n_frontier_outside": len(frontier_codes_outside()),
        "is8_n_subclasses_bres": len(bres_subclasses()),
        "is8_n_frontier_nocode": int(summary["n_frontier_without_sic"].sum()),
        "is8_n_well_defined": int((coverage["dbt_rating"] == WELL_DEFINED).sum()),
        "is8_n_not_well_defined": len(not_well),
        "is8_n_not_easily": int(coverage["dbt_rating"].str.startswith("Not easily").sum()),
        "is8_n_proxy": int(coverage["dbt_rating"].str.startswith("Proxy").sum()),
        "is8_gb_total_2021": int(regions["region_total"].sum()),
        "is8_gb_total_2023": int(approx23.drop_duplicates("itl2_code")["region_total"].sum()),
        "is8_pbs_gb_2021": int(summary.loc["Professional and Business Services", "gb_employment_2021"]),
        "is8_defence_gb_2021": int(summary.loc["Defence", "gb_employment_2021"]),
        "is8_ls_gb_2021": int(summary.loc["Life Sciences", "gb_employment_2021"]),
        "is8_ls_n_subclasses": int(summary.loc["Life Sciences", "n_subclasses"]),
        "is8_gm_n_specialisms": int(spec.loc[GREATER_MANCHESTER, "n_specialisms"]),
        "is8_gm_n_specialisms_2023": int(spec23.loc[GREATER_MANCHESTER, "n_specialisms"]),
        "is8_gm_lq_fin": _lq_of(exact, GREATER_MANCHESTER, "Financial Services"),
        "is8_gm_lq_pbs": _lq_of(exact, GREATER_MANCHESTER, "Professional and Business Services"),
        "is8_gm_lq_fin_max_2018_2020": float(gm_fin[[2018, 2019, 2020]].max()),
        "is8_gm_lq_pbs_min_2018_2021": float(gm_pbs[[2018, 2019, 2020, 2021]].min()),
        "is8_gm_lq_fin_2023": _lq_of(approx23, GREATER_MANCHESTER, "Financial Services"),
        "is8_gm_lq_pbs_2023": _lq_of(approx23, GREATER_MANCHESTER, "Professional and Business Services"),
        "is8_wm_n_specialisms": int(spec.loc[WEST_MIDLANDS_METRO, "n_specialisms"]),
        "is8_wm_lq_am": _lq_of(exact, WEST_MIDLANDS_METRO, "Advanced Manufacturing"),
        "is8_wm_lq_am_2023": _lq_of(approx23, WEST_MIDLANDS_METRO, "Advanced Manufacturing"),
        "is8_wm_itl1_lq_am": float(group_lq(exact, wm_members)["Advanced Manufacturing"]),
        "is8_wm_itl1_lq_am_2023": float(group_lq(approx23, wm_members)["Advanced Manufacturing"]),
        "is8_wm_lq_pbs": _lq_of(exact, WEST_MIDLANDS_METRO, "Professional and Business Services"),
        "is8_wm_lq_creative": _lq_of(exact, WEST_MIDLANDS_METRO, "Creative Industries"),
        "is8_five_n_none": int(sum((spec.loc[c, "n_specialisms"] == 0) for c in NO_SPECIALISM_REGIONS)),
        "is8_five_n": len(NO_SPECIALISM_REGIONS),
        "is8_lancs_lq_am": _lq_of(exact, "TLD4", "Advanced Manufacturing"),
        "is8_wy_lq_am": _lq_of(exact, "TLE4", "Advanced Manufacturing"),
        "is8_wy_lq_fin": _lq_of(exact, "TLE4", "Financial Services"),
        "is8_n_regions_none": int((spec["n_specialisms"] == 0).sum()),
        "is8_max_specialisms": int(spec["n_specialisms"].max()),
        "is8_service_peaks": "; ".join(
            f"{sector} in {_peak_region(exact, sector)}" for sector in SERVICE_SECTORS),
        "is8_am_peak": _peak_region(exact, "Advanced Manufacturing"),
        "is8_corr_n_in_range": int(corr["pearson"].between(0.6, 0.8).sum()),
        "is8_corr_pearson_min": float(corr["pearson"].min()),
        "is8_corr_pearson_max": float(corr["pearson"].max()),
        "is8_corr_spearman_min": float(corr["spearman"].min()),
        "is8_corr_spearman_max": float(corr["spearman"].max()),
        "is8_corr_low_min": float(corr["pearson_low"].min()),
        "is8_corr_n_in_range_2023": int(corr23["pearson"].between(0.6, 0.8).sum()),
        "is8_corr_pearson_max_2023": float(corr23["pearson"].max()),
        "is8_gse_share": 100.0 * float(gse_share),
        "is8_gse_n_regions": len(gse),
        "is8_gse_share_creative": 100.0 * float(service_gse["Creative Industries"]),
        "is8_gse_share_digital": 100.0 * float(service_gse["Digital and Technologies"]),
        "is8_gse_share_fin": 100.0 * float(service_gse["Financial Services"]),
        "is8_gse_share_pbs": 100.0 * float(service_gse["Professional and Business Services"]),
        "is8_n_all_measured": int(spec["all_measured"].sum()),
        "is8_bristol_n": int(spec.loc["TLK1", "n_specialisms"]),
        "is8_bristol_lq_creative": _lq_of(exact, "TLK1", "Creative Industries"),
        "is8_bristol_n_2023": int(spec23.loc["TLK1", "n_specialisms"]),
        "is8_n_measured_2023": int(spec23["n_measured"].max()),
        "is8_edinburgh_n": int(spec.loc["TLM7", "n_specialisms"]),
        "is8_edinburgh_n_2023": int(spec23.loc["TLM7", "n_specialisms"]),
        "is8_n_claims": len(claims),
        "is8_n_reproduced": int((claims["verdict"] == "reproduced").sum()),
        "is8_n_close": int((claims["verdict"] == "close").sum()),
        "is8_n_differs": int((claims["verdict"] == "differs").sum()),
        "is8_n_verdict_changes": int(verdicts["changes_2023"].sum()),
        "is8_n_regions_count_changes": int((changes["n_exact_2021"] != changes["n_approx_2023"]).sum()),
        "is8_n_region_sector_flips": int((changes["gained"] != "").sum() + (changes["lost"] != "").sum()),
        "is8_ls_approx_pct": float(versus.loc["Life Sciences", "percent"]),
        "is8_ls_lost_pct": 100.0 * float(versus.loc["Life Sciences", "lost"] / versus.loc["Life Sciences", "exact"]),
        "is8_ls_div32_share": 100.0 * float(rules.loc[("Life Sciences", 32), "share_covered"]),
        "is8_defence_div25_share": 100.0 * float(rules.loc[("Defence", 25), "share_covered"]),
        "is8_defence_div30_share": 100.0 * float(rules.loc[("Defence", 30), "share_covered"]),
        "is8_creative_added": int(versus.loc["Creative Industries", "added"]),
        "is8_creative_lost": int(versus.loc["Creative Industries", "lost"]),
        "is8_creative_approx_pct": float(versus.loc["Creative Industries", "percent"]),
        "is8_digital_approx_pct": float(versus.loc["Digital and Technologies", "percent"]),
        "is8_am_approx_pct": float(versus.loc["Advanced Manufacturing", "percent"]),
        "is8_creative_dcms_n": int(dcms.loc["Creative Industries", "n_shared"]),
        "is8_creative_emp": int(dcms.loc["Creative Industries", "employment_is8"]),
        "is8_creative_dcms_diff": int(dcms.loc["Creative Industries", "employment_is8"]
                                      - dcms.loc["Creative Industries", "employment_dcms"]),
        "is8_digital_emp": int(dcms.loc["Digital and Technologies", "employment_is8"]),
        "is8_digital_dcms_emp": int(dcms.loc["Digital and Technologies", "employment_dcms"]),
        "is8_digital_extra": int(dcms.loc["Digital and Technologies", "employment_is8_only"]),
        "is8_digital_extra_pct": float(dcms.loc["Digital and Technologies", "percent_difference"]),
        "is8_digital_dcms_only": int(dcms.loc["Digital and Technologies", "employment_dcms_only"]),
        "is8_digital_eng_emp": int(dcms_rows.loc["7112", "gb_employment"]),
        "is8_manchester_n": int(city.loc["E08000003", "n_specialisms"]),
        "is8_gm_city_n": int(city.loc[GREATER_MANCHESTER, "n_specialisms"]),
        "is8_birmingham_n": int(city.loc["E08000025", "n_specialisms"]),
        "is8_wm_city_n": int(city.loc[WEST_MIDLANDS_METRO, "n_specialisms"]),
        "is8_city_n_measured": int(city["n_measured"].max()),
        "is8_manchester_lq_fin": float(city.loc["E08000003", "Financial Services"]),
        "is8_manchester_lq_pbs": float(city.loc["E08000003", "Professional and Business Services"]),
        "is8_gm_city_lq_fin": float(city.loc[GREATER_MANCHESTER, "Financial Services"]),
        "is8_gm_city_lq_pbs": float(city.loc[GREATER_MANCHESTER, "Professional and Business Services"]),
        "is8_birmingham_lq_fin": float(city.loc["E08000025", "Financial Services"]),
        "is8_birmingham_lq_am": float(city.loc["E08000025", "Advanced Manufacturing"]),
        "is8_wm_city_lq_am": float(city.loc[WEST_MIDLANDS_METRO, "Advanced Manufacturing"]),
        "is8_wm_city_lq_fin": float(city.loc[WEST_MIDLANDS_METRO, "Financial Services"]),
    }
    five_none = [name for code, name in NO_SPECIALISM_REGIONS.items() if spec.loc[code, "n_specialisms"] == 0]
    n["is8_five_none_names"] = " and ".join(five_none) if five_none else "none of them"
    n["is8_five_some_names"] = ", ".join(name for name in NO_SPECIALISM_REGIONS.values() if name not in five_none)
    bristol = lq_wide(exact).loc["TLK1"]
    n["is8_bristol_missing"] = "; ".join(bristol[bristol <= 1].index)
    n["is8_gm_specialism_names"] = spec.loc[GREATER_MANCHESTER, "specialisms"]
    n["is8_corr_resamples"] = BOOTSTRAP_RESAMPLES
    for row in claims.itertuples():
        n[f"is8_verdict_{row.claim_id.lower()}"] = str(row.verdict)
    return {k: (v.item() if hasattr(v, "item") else v) for k, v in n.items()}


# ---------------------------------------------------------------------------
# Tables as the chapter shows them
# ---------------------------------------------------------------------------

def summary_display() -> pd.DataFrame:
    """The definitions summary with readable headings."""
    table = definition_summary()
    return pd.DataFrame({
        "Sector": table["sector"], "DBT rating of SIC coverage": table["dbt_rating"],
        "Sector-level codes": table["n_sector_codes"], "Frontier codes": table["n_frontier_codes"],
        "Subclasses covered": table["n_subclasses"],
        "Frontier industries with no SIC code": table["frontier_without_sic"].replace("", "–"),
        "Measurable with SIC": table["sic_measurable"].map({True: "yes", False: "no"}),
        "GB employment 2021 (jobs)": table["gb_employment_2021"].astype("float")})


def approx_display() -> pd.DataFrame:
    """Exact against 2-digit employment per sector (GB, 2021)."""
    table = approx_vs_exact()
    return pd.DataFrame({
        "Sector": table["sector"], "Divisions in the approximation": table["divisions"].replace("", "none"),
        "Exact (jobs)": table["exact"], "2-digit (jobs)": table["approx"],
        "Added (jobs)": table["added"], "Lost (jobs)": table["lost"],
        "Difference (jobs)": table["difference"], "Difference (%)": table["percent"]})


def dcms_display() -> pd.DataFrame:
    """Codes on one list and not the other, with their GB employment."""
    table = dcms_comparison()
    return pd.DataFrame({
        "IS-8 sector": table["is8_sector"], "Listed only in": table["side"], "SIC code": table["sic_code"],
        "Title": table["name"], "Subclasses": table["subclasses"], "GB employment 2021 (jobs)": table["gb_employment"]})


def correlations_display() -> pd.DataFrame:
    """The six service-sector correlations with their intervals."""
    table = service_correlations()
    interval = lambda low, high: [f"{a:.2f} to {b:.2f}" for a, b in zip(table[low], table[high])]  # noqa: E731
    return pd.DataFrame({
        "Sector A": table["sector_a"], "Sector B": table["sector_b"],
        "Pearson r": table["pearson"], "95% interval (r)": interval("pearson_low", "pearson_high"),
        "Spearman rho": table["spearman"], "95% interval (rho)": interval("spearman_low", "spearman_high")})


def city_display() -> pd.DataFrame:
    """Two-digit LQs of the two city districts and their ITL2 regions (2017)."""
    table = city_summary()
    sectors = [s for s in IS8_SECTORS if s in table.columns]
    shown = table[["area", "level", *sectors, "n_specialisms"]].rename(
        columns={"area": "Area", "level": "Level", "n_specialisms": "Sectors with LQ > 1", **SHORT_NAMES})
    shown.columns.name = None
    return shown


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

def _region_order(wide: pd.DataFrame) -> pd.DataFrame:
    """Regions in ITL code order, which groups them by ITL1 region (north to south, then Wales, Scotland)."""
    return wide.sort_index(level="itl2_code")


@figure("is8_lq_heatmap")
def lq_heatmap(lq: pd.DataFrame | None = None) -> Figure:
    """Heatmap of 2021 exact IS-8 LQs, regions (grouped by ITL1) by measurable sector,
    coloured on a log scale centred on 1 and annotated with the values."""
    lq = is8_lq_itl2(EXACT_YEAR, EXACT) if lq is None else lq
    wide = _region_order(lq_wide(lq))
    values = wide.to_numpy(float)
    extent = float(np.nanmax(np.abs(np.log(np.clip(values, 1e-3, None)))))
    extent = min(max(extent, np.log(2.0)), np.log(8.0))
    vmin, vmax = float(np.exp(-extent)), float(np.exp(extent))
    norm = LogNorm(vmin=vmin, vmax=vmax)
    fig, ax = new_figure(8.0, 12.5)
    image = ax.imshow(np.clip(values, vmin, vmax), cmap=DIVERGING_CMAP, norm=norm, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            value = values[i, j]
            dark = abs(np.log(np.clip(value, vmin, vmax))) > 0.6 * extent
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
    ax.set_xticks(range(values.shape[1]), [SHORT_NAMES[s] for s in wide.columns], rotation=35, ha="right")
    labels = [f"{name} ({code})" for code, name in wide.index]
    ax.set_yticks(range(values.shape[0]), labels, fontsize=8)
    itl1 = [code[:3] for code, _ in wide.index]
    for i in range(1, len(itl1)):
        if itl1[i] != itl1[i - 1]:
            ax.axhline(i - 0.5, color="black", linewidth=0.8)
    ax.set_xlabel("IS-8 sector (exact SIC definition)")
    ax.set_ylabel("ITL2 region (grouped by ITL1 region)")
    ax.set_title("IS-8 location quotients by ITL2 region, 2021")
    ax.spines[["top", "right"]].set_visible(True)
    bar = fig.colorbar(image, ax=ax, shrink=0.5, pad=0.02)
    ticks = [t for t in (0.125, 0.25, 0.5, 1, 2, 4, 8) if vmin * 0.999 <= t <= vmax * 1.001]
    bar.ax.minorticks_off()
    bar.set_ticks(ticks, labels=[f"{t:g}" for t in ticks])
    bar.ax.minorticks_off()
    bar.set_label("Location quotient (GB = 1, log scale)")
    return fig


@figure("is8_specialism_counts")
def specialism_counts(lq: pd.DataFrame | None = None) -> Figure:
    """Ranked bars: number of measurable IS-8 sectors with LQ > 1 in each ITL2 region (2021, exact);
    regions the blog names are coloured."""
    lq = is8_lq_itl2(EXACT_YEAR, EXACT) if lq is None else lq
    table = specialisms(lq).sort_values(["n_specialisms", "itl2_code"], ascending=[True, False], kind="stable")
    named = {**NO_SPECIALISM_REGIONS, WEST_MIDLANDS_METRO: "West Midlands"}
    colours = [OKABE_ITO[5] if c in named else OKABE_ITO[4] if c in ALL_EIGHT_REGIONS else "#BBBBBB"
               for c in table["itl2_code"]]
    fig, ax = new_figure(7.5, 9.5)
    positions = np.arange(len(table))
    ax.barh(positions, table["n_specialisms"], color=colours, edgecolor="black", linewidth=0.4)
    ax.set_yticks(positions, [f"{n} ({c})" for n, c in zip(table["itl2_name"], table["itl2_code"])], fontsize=8)
    for label, colour in zip(ax.get_yticklabels(), colours):
        if colour != "#BBBBBB":
            label.set_color(colour)
            label.set_fontweight("bold")
    n_measured = int(table["n_measured"].max())
    ax.set_xlim(0, n_measured + 0.4)
    ax.set_xticks(range(n_measured + 1))
    ax.set_xlabel(f"IS-8 sectors with LQ > 1 (number, of {n_measured} measurable)")
    ax.set_ylabel("ITL2 region")
    ax.set_title("IS-8 specialisms per ITL2 region, 2021")
    for y, n in zip(positions, table["n_specialisms"]):
        ax.text(n + 0.08, y, str(int(n)), va="center", fontsize=8)
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(color=OKABE_ITO[5], label="named by the blog as having no specialism"),
                       Patch(color=OKABE_ITO[4], label="named by the blog as specialised in all eight"),
                       Patch(color="#BBBBBB", label="other regions")],
              loc="lower right", fontsize=8, frameon=False)
    return fig
