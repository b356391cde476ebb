"""Checking the bundled copies against the official source.

Every bundled file is a copy researchers published; its SHA-256 pins the copy,
not the official release. For each catalogued file whose official query is
known (the catalogue's ``official_source`` ends with ``API query: <url>``),
``python -m placeblind check-official [ID ...]`` downloads the official
equivalent from Nomis (``NOMIS_API`` applies) and compares it, cell by cell,
with the bundled copy. Expected: no difference, apart from stated rounding.

- BRES 2015-2017 by district and SIC division (2016 codes): Nomis now serves
  the districts of April 2023, so the bundled districts that merged since are
  summed first; a merged district's sum of rounded cells may differ from the
  rounded official cell, and such a difference is marked as rounding.
- BRES 2019 broad groups, per cent of each district's employees (1 d.p.).
- 2011 Census QS501EW: the seven category files and their totals, from one
  query; districts carried to the bundled 2020 codes (counts add up exactly).
"""

from __future__ import annotations

import re

import pandas as pd

from ..errors import DataError, SettingsError
from . import district_codes
from .catalogue import catalogue, entry
from .census import CATEGORY_KEYS, QUALIFICATIONS
from .geography import ENGLAND_AND_WALES
from .nomis import DEFAULT_API, LATEST_CODE_YEAR, api_root, download_csv
from .readers import read_catalogued_csv, to_numbers
from .sectors import BROAD_GROUPS, NOMIS_2019_LABELS

QUERY_MARK = "API query: "
DIFFERENCE_COLUMNS = ["id", "key", "bundled", "official", "note"]
_LEADING_NUMBER = re.compile(r"\s*(\d{1,2})\s*:")
# Nomis's names of the QS501EW cells, matched by a phrase (first match wins).
CELL_PHRASES = [("all categories", "total"), ("no qualifications", "no_qualifications"),
                 ("level 1", "level1"), ("level 2", "level2"), ("apprenticeship", "apprenticeship"),
                 ("level 3", "level3"), ("level 4", "level4_plus"), ("other", "other")]


def official_query(file_id: str) -> str | None:
    """The official API query recorded for a catalogued file, on the API root of
    this run (``NOMIS_API``), or None when none is recorded."""
    source = entry(file_id).official_source
    if QUERY_MARK not in source:
        return None
    url = source.split(QUERY_MARK, 1)[1].split()[0]
    return api_root() + url[len(DEFAULT_API):] if url.startswith(DEFAULT_API) else url


def checkable_ids() -> list[str]:
    return [file_id for file_id in catalogue() if official_query(file_id) is not None and file_id in _CHECKS]


def check_official(file_ids: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Compare each file with its official equivalent.

    Returns a summary (``id``, ``query``, ``cells``, ``differences``,
    ``rounding``: differences explained by rounding) and every difference
    (``id``, ``key``, ``bundled``, ``official``, ``note``). A query shared by
    several files is sent once.
    """
    chosen = file_ids or checkable_ids()
    unknown = [i for i in chosen if i not in checkable_ids()]
    if unknown:
        raise SettingsError(f"no official query recorded for {unknown}; checkable: {', '.join(checkable_ids())}")
    responses: dict[str, bytes] = {}
    summary, differences = [], []
    for file_id in chosen:
        query = official_query(file_id)
        if query not in responses:
            responses[query] = download_csv(query)
        official = _read(responses[query], query)
        bundled_cells, official_cells, rounding_keys = _CHECKS[file_id](file_id, official, query)
        found = compare(bundled_cells, official_cells, file_id, rounding_keys)
        summary.append({"id": file_id, "query": query, "cells": len(bundled_cells), "differences": len(found),
                        "rounding": int((found["note"] == "rounding").sum())})
        differences.append(found)
    return pd.DataFrame(summary), pd.concat(differences, ignore_index=True)


def compare(bundled: pd.Series, official: pd.Series, file_id: str, rounding_keys: set = frozenset(),
            tolerance: float = 1e-9) -> pd.DataFrame:
    """Every key whose value differs, or that only one side has. Both series are
    indexed by a key (tuple or text) and hold numbers."""
    both = pd.concat({"bundled": bundled, "official": official}, axis=1)
    differs = (both["bundled"] - both["official"]).abs() > tolerance
    one_side = both["bundled"].isna() != both["official"].isna()
    rows = both[differs | one_side]
    notes = ["only in the bundled copy" if pd.isna(r.official) else "only in the official data"
             if pd.isna(r.bundled) else ("rounding" if key in rounding_keys else "value differs")
             for key, r in rows.iterrows()]
    return pd.DataFrame({"id": file_id, "key": [_key_text(k) for k in rows.index],
                         "bundled": rows["bundled"].to_numpy(), "official": rows["official"].to_numpy(),
                         "note": notes}, columns=DIFFERENCE_COLUMNS)


def _key_text(key) -> str:
    return " / ".join(map(str, key)) if isinstance(key, tuple) else str(key)


def _read(data: bytes, query: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(pd.io.common.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(query, f"cannot be parsed as CSV ({str(exc).strip()[:120]})") from None
    frame.columns = [c.upper() for c in frame.columns]
    return frame


def _require(frame: pd.DataFrame, columns: list[str], query: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(query, f"missing column(s) {missing}; columns found: {list(frame.columns)[:10]}")


def _leading_number(labels: pd.Series, query: str, what: str) -> pd.Series:
    numbers = pd.to_numeric(labels.str.extract(_LEADING_NUMBER, expand=False), errors="coerce")
    if numbers.isna().any():
        raise DataError(query, f"{what} {labels[numbers.isna()].iloc[0]!r} does not start with its number")
    return numbers.astype(int)


def _bres_divisions(file_id: str, official: pd.DataFrame, query: str):
    from .bres import district_division_employment

    _require(official, ["DATE_NAME", "GEOGRAPHY_CODE", "INDUSTRY_NAME", "OBS_VALUE"], query)
    cells = district_division_employment()
    carried = cells.assign(code=cells["code"].map(lambda c: district_codes.code_in(c, LATEST_CODE_YEAR)))
    merged = set(carried.loc[carried["code"] != cells["code"], "code"])
    bundled = carried.groupby(["year", "code", "division"])["employment"].sum().astype(float)
    values = to_numbers(official["OBS_VALUE"], query, "OBS_VALUE")
    keys = pd.MultiIndex.from_arrays([pd.to_numeric(official["DATE_NAME"], errors="coerce").astype("Int64"),
                                      official["GEOGRAPHY_CODE"].map(lambda c: district_codes.code_in(c, LATEST_CODE_YEAR)),
                                      _leading_number(official["INDUSTRY_NAME"], query, "industry")],
                                     names=["year", "code", "division"])
    official_cells = pd.Series(values.to_numpy(), index=keys).groupby(level=[0, 1, 2]).sum()
    rounding = {k for k in bundled.index.union(official_cells.index) if k[1] in merged}
    return bundled, official_cells, rounding


def _bres_2019_shares(file_id: str, official: pd.DataFrame, query: str):
    from .bres import district_shares_2019

    _require(official, ["GEOGRAPHY_CODE", "INDUSTRY_NAME", "OBS_VALUE"], query)
    shares = district_shares_2019()
    bundled = shares.set_index(["code", shares["sector"].astype(str)])["share_pct"].astype(float)
    numbers = _leading_number(official["INDUSTRY_NAME"], query, "industry")
    sectors = numbers.map(lambda n: BROAD_GROUPS[n - 1] if 1 <= n <= len(BROAD_GROUPS) else f"group {n}")
    values = to_numbers(official["OBS_VALUE"], query, "OBS_VALUE", whole=False).round(1)
    official_cells = pd.Series(values.to_numpy(), index=pd.MultiIndex.from_arrays(
        [official["GEOGRAPHY_CODE"], sectors.replace(NOMIS_2019_LABELS)], names=["code", "sector"]))
    return bundled.rename_axis(["code", "sector"]), official_cells, set()


def _census_qs501(file_id: str, official: pd.DataFrame, query: str):
    _require(official, ["GEOGRAPHY_CODE", "CELL_NAME", "OBS_VALUE"], query)
    number = int(file_id.rsplit("_", 1)[1])
    key = next(k for k, (_label, n, _code) in QUALIFICATIONS.items() if n == number)
    frame = read_catalogued_csv(file_id, ["GEOGRAPHY_CODE", "TOTAL", "COUNT"], ["TOTAL", "COUNT"])
    codes = frame["GEOGRAPHY_CODE"].replace({"EW": ENGLAND_AND_WALES})
    bundled = pd.concat([pd.Series(frame["TOTAL"].to_numpy(), index=[(c, "TOTAL") for c in codes]),
                         pd.Series(frame["COUNT"].to_numpy(), index=[(c, "COUNT") for c in codes])]).astype(float)
    cell = official["CELL_NAME"].str.lower().map(
        lambda name: next((k for phrase, k in CELL_PHRASES if phrase in name), None))
    if cell.isna().any():
        raise DataError(query, f"unknown QS501EW cell {official.loc[cell.isna(), 'CELL_NAME'].iloc[0]!r}")
    wanted = official[cell.isin(["total", key])]
    column = cell[wanted.index].map({"total": "TOTAL", key: "COUNT"})
    # Official districts are of 2011-2015; counts add up exactly to the bundled 2020 codes.
    codes = wanted["GEOGRAPHY_CODE"].map(lambda c: district_codes.code_in(c, 2020))
    values = to_numbers(wanted["OBS_VALUE"], query, "OBS_VALUE", whole=True)
    official_cells = pd.Series(values.to_numpy(), index=pd.MultiIndex.from_arrays([codes, column])).groupby(
        level=[0, 1]).sum()
    official_cells.index = official_cells.index.to_flat_index()
    return bundled, official_cells, set()


_CHECKS = {"bres_lad_2015_2017_div": _bres_divisions, "bres_lad_2019_broad_pct": _bres_2019_shares,
           **{f"census2011_qs501_{k:03d}": _census_qs501 for k in range(1, len(CATEGORY_KEYS) + 1)}}
