"""The 2025 Industrial Strategy's eight growth sectors (IS-8) as SIC codes, and the
DCMS creative and digital lists they are compared with.

Definitions come from a transcription of DBT's *Industrial Strategy sector
definitions list* (June 2025): SIC 2007 codes at 2 to 5 digits. A code stands
for every 5-digit subclass it is a prefix of, so a sector is measured exactly
as the union of the subclasses its codes cover. Every code the list gives is
used, sector-level and frontier-industry alike. Clean Energy Industries lists
no SIC code and cannot be measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ..cache import cached
from ..errors import DataError
from .bres import itl2_subclass_employment
from .catalogue import entry
from .readers import read_catalogued_csv, require_unique

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


_CODE_PATTERN = re.compile(r"\d{2,5}")


_MISSING = ("", "NA")


@cached(maxsize=1, variants=False)
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


@cached(maxsize=1, variants=False)
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


@cached(maxsize=1, variants=False)
def bres_subclasses() -> tuple[str, ...]:
    """The 729 SIC 2007 subclasses (5-digit text) in the BRES ITL2 file."""
    return tuple(sorted(itl2_subclass_employment()["subclass"].unique()))


def covered_subclasses(codes: Iterable[str], universe: Iterable[str]) -> frozenset[str]:
    codes = tuple(codes)
    return frozenset(s for s in universe if s.startswith(codes)) if codes else frozenset()


@cached(maxsize=32, variants=False)  # asked for each sector, over and over, by the IS-8 tables and claims
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
    return covered_subclasses(sector_codes(sector), universe)


def unmatched_codes(subclass_universe: Iterable[str] | None = None) -> pd.DataFrame:
    """Listed codes (IS-8 and foundational) that match no subclass: ``sector``, ``sic_code``, ``sic_name``."""
    universe = bres_subclasses() if subclass_universe is None else tuple(subclass_universe)
    frame = is8_definitions(include_foundational=True)
    frame = frame[frame["sic_code"].notna()]
    none = [not covered_subclasses([c], universe) for c in frame["sic_code"]]
    return frame.loc[none, ["sector", "sic_code", "sic_name"]].reset_index(drop=True)


def measurable_sectors() -> tuple[str, ...]:
    """IS-8 sectors with at least one SIC code (all but Clean Energy Industries)."""
    return tuple(s for s in IS8_SECTORS if subclasses_for(s))


DCMS_PAIRS = {"Creative Industries": "creative", "Digital and Technologies": "digital"}


DCMS_PLACEHOLDERS = {"62.011"}  # DCMS's tourism placeholder, not a SIC code


_DOTTED = re.compile(r"(\d{2})\.(\d{1,2})")


@cached(maxsize=1, variants=False)
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
    unmatched = [c for c in out["sic_code"] if not covered_subclasses([c], universe)]
    if unmatched:
        raise DataError(path, f"DCMS code(s) {unmatched} match no SIC subclass")
    for sector in DCMS_PAIRS.values():
        if sector not in set(out["dcms_sector"]):
            raise DataError(path, f"no {sector!r} rows")
    return out
