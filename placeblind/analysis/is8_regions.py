"""The IS-8 sectors measured with BRES by ITL2 region (the 40 GB regions).

Three measures of each sector:

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

from collections.abc import Iterable

import pandas as pd

from ..cache import cached
from ..data.bres import itl2_division_employment_2023, itl2_subclass_employment
from ..data.catalogue import entry
from ..data.geography import itl2_names
from ..data.is8_definitions import (
    IS8_SECTORS,
    bres_subclasses,
    covered_subclasses,
    is8_coverage,
    is8_definitions,
    measurable_sectors,
    sector_codes,
    subclasses_for,
)
from ..errors import DataError
from ..measures import location_quotient
from ..measures.location_quotients import location_quotient_from_shares

EXACT = "exact_5digit"


APPROX = "approx_2digit"


DEFINITIONS = (EXACT, APPROX)


EXACT_YEAR = 2021        # latest year of the 5-digit file


APPROX_YEAR = 2023       # the 2-digit file


# A division enters the 2-digit approximation when the definition's subclasses
# hold at least this share of the division's GB employment (5-digit, 2021).
APPROX_THRESHOLD = 0.5


APPROX_RULE_YEAR = 2021


GREATER_SOUTH_EAST_ITL1 = ("TLH", "TLI", "TLJ")   # East, London, South East


GREATER_MANCHESTER = "TLD3"


WEST_MIDLANDS_METRO = "TLG3"


WEST_MIDLANDS_ITL1 = "TLG"


def frontier_codes_outside() -> pd.DataFrame:
    """Frontier-industry codes not wholly inside their sector's sector-level codes.

    Columns: ``sector``, ``sic_code``, ``frontier_industry``, ``sic_name``,
    ``added_subclasses`` (count), ``added_employment_2021`` (GB jobs in the
    subclasses the sector-level codes miss).
    """
    defs = is8_definitions()
    universe = bres_subclasses()
    gb = gb_subclass_employment(EXACT_YEAR)
    rows = []
    for sector in IS8_SECTORS:
        part = defs[(defs["sector"] == sector) & defs["sic_code"].notna()]
        base = covered_subclasses(part.loc[~part["is_frontier"], "sic_code"], universe)
        for row in part[part["is_frontier"]].drop_duplicates("sic_code").itertuples():
            extra = covered_subclasses([row.sic_code], universe) - base
            if extra:
                rows.append({"sector": sector, "sic_code": row.sic_code, "frontier_industry": row.frontier_industry,
                             "sic_name": row.sic_name, "added_subclasses": len(extra),
                             "added_employment_2021": int(gb[sorted(extra)].sum())})
    columns = ["sector", "sic_code", "frontier_industry", "sic_name", "added_subclasses", "added_employment_2021"]
    return pd.DataFrame(rows, columns=columns)


def definition_summary() -> pd.DataFrame:
    """One row per IS-8 sector: DBT rating, counts of codes and subclasses, code-less frontier industries."""
    frame = is8_definitions()
    coverage = is8_coverage().set_index("sector")["dbt_rating"]
    gb = gb_subclass_employment(EXACT_YEAR)
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


@cached(maxsize=8, variants=False)
def _subclass_matrix(year: int) -> pd.DataFrame:
    """Employment, ITL2 region (rows) by subclass (columns), from the 5-digit file."""
    cells = itl2_subclass_employment()
    cells = cells[cells["year"] == year]
    if cells.empty:
        raise ValueError(f"the BRES 5-digit file has no year {year}")
    if cells["employment"].isna().any():
        raise ValueError(f"the BRES 5-digit file has empty cells in {year}; use 2018-2021")
    # plain int64 before the pivot: one block, not 729 nullable columns converted one by one
    cells = cells.assign(employment=cells["employment"].to_numpy("int64"))
    matrix = cells.pivot(index="itl2_code", columns="subclass", values="employment").astype("int64")
    return matrix.sort_index()


def gb_subclass_employment(year: int) -> pd.Series:
    return _subclass_matrix(year).sum(axis=0)


@cached(maxsize=8, variants=False)
def _division_matrix(year: int) -> pd.DataFrame:
    """Employment, ITL2 region by SIC division: the 2023 file, or the 5-digit file summed."""
    if year == APPROX_YEAR:
        cells = itl2_division_employment_2023()
        matrix = cells.pivot(index="itl2_code", columns="division", values="employment")
    else:
        sub = _subclass_matrix(year)
        matrix = sub.T.groupby(sub.columns.str[:2].astype(int)).sum().T
    return matrix.sort_index().astype("int64")


def region_labels(codes: Iterable[str]) -> pd.Series:
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


@cached(maxsize=None, variants=False)  # every robustness LQ table asks again (72 times in make tables)
def _sector_columns(sector: str, definition: str) -> tuple:
    if definition == EXACT:
        return tuple(sorted(subclasses_for(sector)))
    if definition == APPROX:
        return approx_2digit_divisions(sector)
    raise ValueError(f"definition must be one of {DEFINITIONS}, not {definition!r}")


def _employment(year: int, definition: str, sectors: Iterable[str] | None = None,
                columns_of: dict[str, tuple] | None = None) -> pd.DataFrame:
    """Employment per region and sector; ``columns_of`` (sector -> subclasses or
    divisions) replaces the book's definitions of the sectors it names."""
    matrix = _subclass_matrix(year) if definition == EXACT else _division_matrix(year)
    names = region_labels(matrix.index)
    parts = []
    for sector in (IS8_SECTORS if sectors is None else sectors):
        columns = list(columns_of[sector] if columns_of and sector in columns_of
                       else _sector_columns(sector, definition))
        if not columns:
            continue  # nothing to measure: no code, or no division passes the rule
        missing = [c for c in columns if c not in matrix.columns]
        if missing:
            raise ValueError(f"{sector}: column(s) {missing} not in the {year} data")
        # Whole-number counts summed as an array (the same sums as by column, faster).
        employment = matrix.to_numpy()[:, matrix.columns.get_indexer(columns)].sum(axis=1)
        parts.append(pd.DataFrame({"itl2_code": matrix.index, "itl2_name": names.values, "sector": sector,
                                   "employment": employment}))
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
    return _lq_cached(year, definition)  # the cache hands every caller its own copy


def lq_with_columns(year: int, definition: str, columns_of: dict[str, tuple],
                    regions: tuple[str, ...] | None = None, sectors: Iterable[str] | None = None) -> pd.DataFrame:
    """:func:`is8_lq_itl2` with some sectors measured by other columns (``columns_of``:
    sector -> subclasses for ``exact_5digit``, divisions for ``approx_2digit``) and,
    when ``regions`` is given, only those regions, whose sum is then the reference;
    ``sectors``: only those sectors (each sector's LQs depend on its own columns alone)."""
    employment = _employment(year, definition, sectors, columns_of=columns_of)
    totals = region_totals(year, definition)
    if regions is not None:
        employment = employment[employment["itl2_code"].isin(regions)].reset_index(drop=True)
        totals = totals.reindex(list(regions))
    frame = _with_lq(employment, totals)
    frame.insert(2, "year", year)
    frame.insert(3, "definition", definition)
    return frame


@cached(maxsize=16, variants=False)
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
    return location_quotient_from_shares(group / group_total, gb / gb_total)


def gse_codes() -> list[str]:
    names = itl2_names()
    return names.loc[names["itl1_code"].isin(GREATER_SOUTH_EAST_ITL1), "itl2_code"].tolist()


def gse_shares(lq: pd.DataFrame) -> pd.Series:
    """The Greater South East's share (0-1) of Great Britain's employment: of all
    employment (``"all"``) and of each IS-8 sector's (by sector name)."""
    gse = gse_codes()
    regions = lq.drop_duplicates("itl2_code")
    shares = {"all": regions.loc[regions["itl2_code"].isin(gse), "region_total"].sum() / regions["region_total"].sum()}
    for sector, part in lq.groupby("sector", sort=False):
        shares[sector] = part.loc[part["itl2_code"].isin(gse), "employment"].sum() / part["employment"].sum()
    return pd.Series(shares, dtype=float)


@cached(maxsize=1, variants=False)
def approx_rule_table() -> pd.DataFrame:
    """Every (sector, division) pair a definition touches, with the share of the
    division's GB employment (2021, 5-digit) its subclasses hold.

    Columns: ``sector``, ``division``, ``covered_employment``,
    ``division_employment``, ``share_covered``, ``whole_division_listed``,
    ``included``.
    """
    gb = gb_subclass_employment(APPROX_RULE_YEAR)
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


@cached(maxsize=None, variants=False)  # asked for 124 times in make tables; a tuple, handed out as it is
def approx_2digit_divisions(sector: str, threshold: float = APPROX_THRESHOLD) -> tuple[int, ...]:
    """The SIC divisions that approximate ``sector`` at 2 digits.

    Rule: a division is in if the definition lists the whole division, or if
    the definition's subclasses hold at least half (``APPROX_THRESHOLD``, or
    ``threshold``) of the division's GB employment in 2021 (5-digit BRES). A definition whose
    codes are all small parts of larger divisions (Defence) has no
    approximation, and so does one with no codes (Clean Energy Industries).
    """
    if sector not in IS8_SECTORS:
        raise ValueError(f"unknown IS-8 sector {sector!r}")
    rules = approx_rule_table()
    included = rules["whole_division_listed"] | (rules["share_covered"] >= threshold)
    chosen = rules[(rules["sector"] == sector) & included]["division"]
    return tuple(int(d) for d in chosen)


def approx_vs_exact(year: int = EXACT_YEAR) -> pd.DataFrame:
    """GB employment per sector under the exact definition and the 2-digit approximation (same year).

    Columns: ``sector``, ``divisions`` (the approximation), ``exact``,
    ``approx``, ``difference`` (approx - exact), ``percent`` (of exact),
    ``added`` (employment in the divisions outside the definition),
    ``lost`` (employment in the definition outside the divisions).
    """
    gb_sub = gb_subclass_employment(year)
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


def lq_of(lq: pd.DataFrame, code: str, sector: str) -> float:
    """One region's LQ in one sector."""
    return float(lq.loc[(lq["itl2_code"] == code) & (lq["sector"] == sector), "lq"].iloc[0])


def peak_region(lq: pd.DataFrame, sector: str) -> str:
    """The region with the highest LQ in ``sector``."""
    part = lq[lq["sector"] == sector]
    return str(part.loc[part["lq"].idxmax(), "itl2_name"])
