"""Business Register and Employment Survey (BRES) parsers.

Every function returns a tidy frame with one row per area, industry and year.
Measures differ by file and are named in the column: ``employment``
(employees plus working owners) or ``employees``; ``share_pct`` is a percent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from ..cache import cached
from ..errors import DataError
from .catalogue import entry
from .district_codes import SOURCE_CODE_YEARS
from .fetched import FOLDER as FETCHED_FOLDER
from .geography import GREAT_BRITAIN, nuts2016_to_itl2, study_codes
from .readers import read_catalogued_csv, require_codes, require_unique
from .sectors import BROAD_GROUP_SECTIONS, BROAD_GROUPS, DIVISION_TO_BROAD_GROUP, NOMIS_2019_LABELS, SECTION_G_GROUPS

DIVISIONS_2017_FILE = sorted(DIVISION_TO_BROAD_GROUP.keys() - {99})  # the file has no division 99
ENGLAND_ITL1 = ("TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK")
SECTIONS = tuple("ABCDEFGHIJKLMNOPQRSTU")
# Published 2019 district shares sum to between about 94 and 104 (rounded
# counts over a separately rounded total); further off than this is an error.
SHARE_SUM_TOLERANCE = 10.0


# What a district vintage holds (``DistrictVintage.kind``).
COUNTS = "counts"  # employment or employees by district and broad group: they add up over merged districts
SHARES = "shares"  # each group's percentage of the district, as published: they do not add up


@dataclass(frozen=True)
class DistrictVintage:
    """One year of BRES by district and broad group, bundled or fetched: what it
    holds and how to read it. The analysis takes one path per ``kind`` and asks
    nothing else of a vintage, never its year or where it came from.

    - ``kind``: :data:`COUNTS` (``read()`` gives ``code``, ``name``, ``sector``,
      ``count``, and a Great Britain row, code ``K03000001``, when the file
      publishes one, which is then the GB reference; else the sum of the
      districts is) or
      :data:`SHARES` (``read()`` gives ``code``, ``name``, ``sector``,
      ``share_pct`` as published; the references are built from BRES by SIC
      section of the same year, :func:`broad_group_base`).
    - ``measure``: ``employment`` (employees and working owners) or ``employees``.
    - ``code_year``: the year of the file's district codes.
    - ``file_id`` (a catalogued file) or ``fetched_file`` (a file in
      ``DATA_DIR/nomis``): where it comes from, for :attr:`path`.
    - ``reader``: the parser, called with the entry (one file may hold several
      years: it reads ``year``); None: the layout ``python -m placeblind fetch``
      writes, the Nomis API's CSV of counts by district and broad group
      (:func:`placeblind.data.nomis.nomis_district_counts`), for a fetched file
      and a bundled one alike. :func:`placeblind.analysis.vintages.read_vintage`
      reads an entry either way.
    - ``cells``: for counts, the finest cells the file publishes (``code``,
      ``sector``, ``count``: for the divisions file, one row per division), whose
      rounding bounds an LQ, called with the entry; None: the broad-group counts
      themselves.
      ``cells_as_published``: every cell is a count as Nomis rounds it (so its
      rounding can be checked); a fetched file handed over may hold sums.
    - ``other_years``: years the same file also holds, served on request (the
      robustness chapter varies the year) but not listed among the vintages.
    """

    year: int
    kind: str
    measure: str
    code_year: int
    label: str
    file_id: str = ""
    fetched_file: str = ""
    reader: Callable[[DistrictVintage], pd.DataFrame] | None = None
    cells: Callable[[DistrictVintage], pd.DataFrame] | None = None
    cells_as_published: bool = True
    other_years: tuple[int, ...] = ()

    def __post_init__(self):
        if self.kind not in (COUNTS, SHARES):
            raise ValueError(f"BRES {self.year}: kind must be {COUNTS!r} or {SHARES!r}, not {self.kind!r}")
        if bool(self.file_id) == bool(self.fetched_file):
            raise ValueError(f"BRES {self.year}: give either a catalogued file_id or a fetched_file")
        if self.reader is None and self.kind != COUNTS:
            raise ValueError(f"BRES {self.year}: a shares file needs its reader (the fetch layout holds counts)")

    @property
    def path(self) -> str:
        """The file as error messages name it."""
        return entry(self.file_id).path if self.file_id else f"{FETCHED_FOLDER}/{self.fetched_file}"

    def at(self, year: int) -> DistrictVintage:
        """The same file's ``year`` (one of ``other_years``)."""
        if year not in self.other_years:
            raise ValueError(f"{self.path} holds {sorted((self.year, *self.other_years))}, not {year!r}")
        return replace(self, year=year, label=self.label.replace(str(self.year), str(year)), other_years=())


def division_file_counts(vintage: DistrictVintage) -> pd.DataFrame:
    """The divisions file's year as broad-group counts: ``code``, ``name``, ``sector``, ``count``."""
    return district_broad_group_employment(vintage.year).drop(columns="year").rename(columns={"employment": "count"})


def division_file_cells(vintage: DistrictVintage) -> pd.DataFrame:
    """The divisions file's year, one row per district and division (the cells
    Nomis rounds): ``code``, ``name``, ``division``, ``sector``, ``count``."""
    cells = district_division_employment()
    cells = cells[cells["year"] == vintage.year].drop(columns="year").rename(columns={"employment": "count"})
    return cells.assign(sector=cells["division"].map(DIVISION_TO_BROAD_GROUP))


def shares_file_shares(vintage: DistrictVintage) -> pd.DataFrame:
    """The 2019 shares file (it holds one year): ``code``, ``name``, ``sector``, ``share_pct``."""
    frame = district_shares_2019()
    if vintage.year not in set(frame["year"]):
        raise ValueError(f"{vintage.path} holds {sorted(set(frame['year']))}, not {vintage.year}")
    return frame.drop(columns="year")


# The bundled district vintages, the one list of them: a new bundled year is its
# file, a row of the catalogue and an entry here (a file in the layout the fetch
# writes needs no reader; another layout adds its parser here). Fetched years
# (placeblind.data.nomis.fetched_district_vintages) are entries of the same
# class; placeblind.analysis.vintages serves both.
DISTRICT_VINTAGES = {v.year: v for v in (
    DistrictVintage(2017, COUNTS, "employment", SOURCE_CODE_YEARS["bres2017"],
                    "BRES 2017, employment (employees and working owners)", file_id="bres_lad_2015_2017_div",
                    reader=division_file_counts, cells=division_file_cells, other_years=(2015, 2016)),
    DistrictVintage(2019, SHARES, "employees", SOURCE_CODE_YEARS["bres2019"], "BRES 2019, employees",
                    file_id="bres_lad_2019_broad_pct", reader=shares_file_shares),
)}
BUNDLED_VINTAGES = tuple(sorted(DISTRICT_VINTAGES))
# The district file by SIC division, 2015-2017: the file of the 2017 vintage.
DIVISIONS_FILE_ID = DISTRICT_VINTAGES[2017].file_id


@cached(disk=True, maxsize=1, variants=False)
def district_division_employment() -> pd.DataFrame:
    """BRES employment by GB district (2016 codes) and SIC division, 2015-2017.

    Columns: ``year``, ``code``, ``name``, ``division``, ``employment``.
    """
    file_id = DIVISIONS_FILE_ID
    path = entry(file_id).path
    division_columns = [str(d) for d in DIVISIONS_2017_FILE]
    frame = read_catalogued_csv(file_id, ["timestep", "lad16nm", "lad16cd", *division_columns],
                                ["timestep", *division_columns], skiprows=6)
    require_unique(frame, ["timestep", "lad16cd"], path)
    for year in (2015, 2016, 2017):
        require_codes(frame[frame["timestep"] == year], "lad16cd", study_codes(), path, f"study district in {year}")
    long = frame.melt(id_vars=["timestep", "lad16nm", "lad16cd"], value_vars=division_columns,
                      var_name="division", value_name="employment")
    long = long.rename(columns={"timestep": "year", "lad16cd": "code", "lad16nm": "name"})
    long["division"] = long["division"].astype(int)
    long["year"] = long["year"].astype(int)
    long["employment"] = long["employment"].astype("int64")
    return long.sort_values(["year", "code", "division"]).reset_index(drop=True)


@cached(maxsize=4, variants=False)
def district_broad_group_employment(year: int = 2017) -> pd.DataFrame:
    """Employment by GB district and BRES broad group for one year (sum of divisions).

    Columns: ``code``, ``name``, ``year``, ``sector``, ``employment``.
    """
    divisions = district_division_employment()
    if year not in set(divisions["year"]):
        raise ValueError(f"BRES district divisions cover 2015-2017, not {year}")
    one_year = divisions[divisions["year"] == year].copy()
    one_year["sector"] = one_year["division"].map(DIVISION_TO_BROAD_GROUP)
    grouped = (one_year.groupby(["code", "name", "year", "sector"], as_index=False)["employment"].sum())
    grouped["sector"] = pd.Categorical(grouped["sector"], BROAD_GROUPS, ordered=True)
    return grouped.sort_values(["code", "sector"]).reset_index(drop=True)


@cached(maxsize=1, variants=False)
def district_shares_2019() -> pd.DataFrame:
    """BRES 2019 employees by GB district (2021 codes) and broad group, % of district total (1 d.p.).

    Columns: ``code``, ``name``, ``year``, ``sector``, ``share_pct``. Across
    district's shares sum to between about 94 and 104 (see SHARE_SUM_TOLERANCE).
    """
    file_id = DISTRICT_VINTAGES[2019].file_id
    path = entry(file_id).path
    frame = read_catalogued_csv(file_id, ["area_code", "area_name", "group", "measure", "value"], ["value"],
                                decimal_columns=["value"])
    frame["sector"] = frame["group"].replace(NOMIS_2019_LABELS)
    unknown = sorted(set(frame["sector"]) - set(BROAD_GROUPS))
    if unknown:
        raise DataError(path, f"unknown broad group label(s) {unknown}")
    require_unique(frame, ["area_code", "sector"], path)
    per_area = frame.groupby("area_code")["sector"].nunique()
    incomplete = per_area[per_area != len(BROAD_GROUPS)]
    if not incomplete.empty:
        raise DataError(path, f"districts without all 18 groups: {incomplete.index.tolist()[:5]}")
    districts = frame[["area_code"]].drop_duplicates()
    require_codes(districts, "area_code", study_codes(), path, "study district")
    totals = frame.groupby("area_code")["value"].sum()
    off = totals[(totals - 100).abs() > SHARE_SUM_TOLERANCE]
    if not off.empty:
        raise DataError(path, f"shares do not sum to 100 for {off.round(1).to_dict()}")
    out = frame.rename(columns={"area_code": "code", "area_name": "name", "value": "share_pct"})
    out["year"] = 2019
    out["sector"] = pd.Categorical(out["sector"], BROAD_GROUPS, ordered=True)
    return out[["code", "name", "year", "sector", "share_pct"]].sort_values(["code", "sector"]).reset_index(drop=True)


@cached(disk=True, maxsize=1, variants=False)
def itl_section_employees() -> pd.DataFrame:
    """BRES employees by SIC section for GB and ITL1-3 areas, 2015-2022.

    Columns: ``year``, ``code`` (``K03000001`` for Great Britain, TL codes
    otherwise), ``name``, ``level`` (``country``, ``itl1``, ``itl2``, ``itl3``),
    ``section``, ``employees``. The file's own 'Total' rows are dropped
    (they are sums of rounded sections, recomputed where needed).
    """
    file_id = "bres_itl_sections_2015_2022"
    path = entry(file_id).path
    frame = read_catalogued_csv(file_id, ["dates.date", "geography.code", "geography.name", "geography.type",
                                          "employment.status.name", "industry.code", "value"], ["value"])
    statuses = set(frame["employment.status.name"].tolist())
    if statuses != {"Employees"}:
        raise DataError(path, f"employment status is {sorted(statuses)}, expected Employees only")
    frame = frame[frame["industry.code"] != "Total"].copy()
    unknown = sorted(set(frame["industry.code"]) - set(SECTIONS))
    if unknown:
        raise DataError(path, f"unknown SIC section code(s) {unknown}")
    frame["year"] = pd.to_datetime(frame["dates.date"], format="%Y-%m-%d", errors="coerce").dt.year
    if frame["year"].isna().any():
        raise DataError(path, "unreadable date in column 'dates.date'")
    levels = {"countries": "country", "nuts 2016 level 1": "itl1", "nuts 2016 level 2": "itl2", "nuts 2016 level 3": "itl3"}
    unknown_levels = sorted(set(frame["geography.type"]) - set(levels))
    if unknown_levels:
        raise DataError(path, f"unknown geography type(s) {unknown_levels}")
    out = pd.DataFrame({
        "year": frame["year"].astype(int),
        "code": frame["geography.code"].replace({"UK": GREAT_BRITAIN}),
        "name": frame["geography.name"],
        "level": frame["geography.type"].map(levels),
        "section": frame["industry.code"],
        "employees": frame["value"].astype("int64"),
    })
    require_unique(out, ["year", "code", "section"], path)
    if GREAT_BRITAIN not in set(out["code"]):
        raise DataError(path, "no Great Britain row")
    return out.sort_values(["year", "level", "code", "section"]).reset_index(drop=True)


@cached(disk=True, maxsize=1, variants=False)
def itl2_subclass_employment() -> pd.DataFrame:
    """BRES employment by GB ITL2 region and SIC 2007 subclass (5-digit), 2015-2021.

    Columns: ``year``, ``itl2_code`` (TL code), ``nuts2_code`` (as in the file),
    ``itl2_name``, ``subclass`` (5-digit text, e.g. ``"62012"``), ``employment``.
    """
    file_id = "bres_itl2_5digit_2015_2021"
    path = entry(file_id).path
    frame = read_catalogued_csv(file_id, ["DATE", "GEOGRAPHY_NAME", "GEOGRAPHY_CODE", "INDUSTRY_CODE", "COUNT"],
                                ["DATE", "COUNT"], blank_allowed=_scottish_farm_gap)
    codes = pd.Series(frame["INDUSTRY_CODE"].unique())
    bad_codes = codes[~codes.str.fullmatch(r"\d{5}")]
    if not bad_codes.empty:
        raise DataError(path, f"industry code {bad_codes.iloc[0]!r} is not a 5-digit SIC subclass")
    require_unique(frame, ["DATE", "GEOGRAPHY_CODE", "INDUSTRY_CODE"], path)
    try:
        itl2 = frame["GEOGRAPHY_CODE"].map({c: nuts2016_to_itl2(c) for c in frame["GEOGRAPHY_CODE"].unique()})
    except ValueError as exc:
        raise DataError(path, str(exc)) from exc
    out = pd.DataFrame({
        "year": frame["DATE"].astype(int), "itl2_code": itl2, "nuts2_code": frame["GEOGRAPHY_CODE"],
        "itl2_name": frame["GEOGRAPHY_NAME"], "subclass": frame["INDUSTRY_CODE"],
        "employment": frame["COUNT"].astype("Int64")})
    return out.sort_values(["year", "itl2_code", "subclass"]).reset_index(drop=True)


def _scottish_farm_gap(frame: pd.DataFrame) -> pd.Series:
    """Nomis publishes no DEFRA/Scottish Executive farm figure (subclass 01000)
    for Scottish regions in 2015-2017: those 15 cells are empty in the source."""
    return ((frame["INDUSTRY_CODE"] == "01000") & frame["GEOGRAPHY_CODE"].str.startswith("UKM")
            & frame["DATE"].isin(["2015", "2016", "2017"]))


def division_employment_from_subclasses(year: int, areas: tuple[str, ...] | None = None) -> pd.Series:
    """Employment by SIC division, summed from the ITL2 5-digit file for ``year``
    over ``areas`` (ITL2 codes; all of GB when None)."""
    cells = itl2_subclass_employment()
    cells = cells[cells["year"] == year]
    if areas is not None:
        cells = cells[cells["itl2_code"].isin(areas)]
    return cells.groupby(cells["subclass"].str[:2].astype(int))["employment"].sum()


def broad_group_base(year: int, area: str = "GB") -> pd.DataFrame:
    """Reference employees by broad group for Great Britain or England in ``year``.

    Built from the section file: each broad group is one or more sections;
    section G is split into motor trades, wholesale and retail in proportion to
    divisions 45, 46 and 47 of BRES *employment* in the 5-digit ITL2 file (the
    only source here that splits G for the same year; employment and employees
    differ only by working owners). Columns: ``sector``, ``employees`` (the shares
    are the measures layer's, :func:`placeblind.measures.percent_of`).
    """
    sections = itl_section_employees()
    sections = sections[sections["year"] == year]
    if area == "GB":
        by_section = sections[sections["code"] == GREAT_BRITAIN].set_index("section")["employees"]
        g_split_areas = None
    elif area == "England":
        by_section = sections[sections["code"].isin(ENGLAND_ITL1)].groupby("section")["employees"].sum()
        regions = itl2_subclass_employment()["itl2_code"].unique()
        g_split_areas = tuple(r for r in regions if r[:3] in ENGLAND_ITL1)
    else:
        raise ValueError(f"area must be 'GB' or 'England', not {area!r}")
    if by_section.empty:
        raise ValueError(f"no section employees for {area} in {year}")
    rows = {group: by_section.reindex(list(secs)).fillna(0).sum() for group, secs in BROAD_GROUP_SECTIONS.items()}
    divisions = division_employment_from_subclasses(year, g_split_areas)
    g_total = divisions.reindex(list(SECTION_G_GROUPS.values())).sum()
    for group, division in SECTION_G_GROUPS.items():
        rows[group] = by_section["G"] * divisions[division] / g_total
    base = pd.DataFrame({"sector": BROAD_GROUPS, "employees": [float(rows[g]) for g in BROAD_GROUPS]})
    base["sector"] = pd.Categorical(base["sector"], BROAD_GROUPS, ordered=True)
    return base


@cached(maxsize=1, variants=False)
def itl2_division_employment_2023() -> pd.DataFrame:
    """BRES 2023 employment by GB ITL2 region and SIC division (sums of rounded 5-digit cells).

    Columns: ``year``, ``itl2_code``, ``itl2_name``, ``division``, ``employment``.
    """
    file_id = "bres_itl2_2digit_2023"
    path = entry(file_id).path
    frame = read_catalogued_csv(file_id, ["DATE", "ITL221CD", "GEOGRAPHY_NAME", "SIC_2DIGIT_CODE_NUMERIC", "JOBCOUNT"],
                                ["DATE", "SIC_2DIGIT_CODE_NUMERIC", "JOBCOUNT"])
    require_unique(frame, ["ITL221CD", "SIC_2DIGIT_CODE_NUMERIC"], path)
    per_region = frame.groupby("ITL221CD").size()
    if per_region.nunique() != 1:
        raise DataError(path, f"regions have different numbers of divisions: {per_region.to_dict()}")
    out = pd.DataFrame({"year": frame["DATE"].astype(int), "itl2_code": frame["ITL221CD"],
                        "itl2_name": frame["GEOGRAPHY_NAME"],
                        "division": frame["SIC_2DIGIT_CODE_NUMERIC"].astype(int),
                        "employment": frame["JOBCOUNT"].astype("int64")})
    return out.sort_values(["itl2_code", "division"]).reset_index(drop=True)


@cached(maxsize=1, variants=False)
def itl3_section_employees_2023() -> pd.DataFrame:
    """BRES 2023 employees by GB ITL3 area (January 2021) and SIC 2007 section.

    Columns: ``year``, ``itl3_code``, ``itl3_name``, ``section`` (A-U),
    ``employees``. The file has no GB row; every area must have all 21 sections.
    """
    file_id = "bres_itl3_sections_2023"
    path = entry(file_id).path
    frame = read_catalogued_csv(file_id, ["date", "employment_status", "measure", "itl321cd", "itl321nm",
                                          "industry", "value"], ["date", "value"])
    for column, expected in (("employment_status", "Employees"), ("measure", "Count")):
        found = sorted(set(frame[column]))
        if found != [expected]:
            raise DataError(path, f"column {column!r} holds {found}, expected {expected} only")
    section = frame["industry"].str.extract(r"^([A-U]) : ", expand=False)
    if section.isna().any():
        raise DataError(path, f"industry {frame.loc[section.isna(), 'industry'].iloc[0]!r} is not a SIC section")
    out = pd.DataFrame({"year": frame["date"].astype(int), "itl3_code": frame["itl321cd"],
                        "itl3_name": frame["itl321nm"], "section": section,
                        "employees": frame["value"].astype("int64")})
    require_unique(out, ["itl3_code", "section"], path)
    per_area = out.groupby("itl3_code")["section"].nunique()
    short = per_area[per_area != len(SECTIONS)]
    if not short.empty:
        raise DataError(path, f"ITL3 area {short.index[0]} has {short.iloc[0]} sections, expected {len(SECTIONS)}")
    return out.sort_values(["itl3_code", "section"]).reset_index(drop=True)
