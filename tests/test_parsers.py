"""The parsers on the real bundle: shapes, internal sums, and agreement with the
raw files (re-read here with the csv module) and with figures stated
independently in the bundle's README and PROVENANCE notes."""

from __future__ import annotations

import csv
import io
import itertools

import numpy as np
import pandas as pd
import pytest
from conftest import REAL_DATA_DIR, read_text, rel_path

from placeblind.data import bres, census, district_codes, geography
from placeblind.data.sectors import BROAD_GROUPS, DIVISION_TO_BROAD_GROUP

EW = "K04000001"
GB = "K03000001"
CATEGORIES = ["no_qualifications", "level1", "level2", "apprenticeship", "level3", "level4_plus", "other"]

# The six authorities and their districts as the bundle README lists them, in
# its order; ONS spells two names differently.
README_AUTHORITIES = {
    "Cambridgeshire and Peterborough": ["Cambridge", "East Cambridgeshire", "Fenland", "Huntingdonshire",
                                        "Peterborough", "South Cambridgeshire"],
    "Greater Manchester": ["Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport",
                           "Tameside", "Trafford", "Wigan"],
    "Liverpool City Region": ["Halton", "Knowsley", "Liverpool", "St Helens", "Sefton", "Wirral"],
    "Tees Valley": ["Darlington", "Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees"],
    "West of England": ["Bath and North East Somerset", "Bristol", "South Gloucestershire"],
    "West Midlands": ["Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"],
}
ONS_SPELLING = {"St Helens": "St. Helens", "Bristol": "Bristol, City of"}

# census/PROVENANCE.md, A1: the England and Wales 2011 figures (published national totals).
EW_2011 = {
    "no_qualifications": 10_307_327, "level1": 6_047_384, "level2": 6_938_433, "apprenticeship": 1_631_777,
    "level3": 5_617_802, "level4_plus": 12_383_477, "other": 2_570_580, "all_16plus": 45_496_780,
}
# census/PROVENANCE.md, "Sanity check against the published-paper figures (2011)": the paper's percentages.
PAPER_2011_PCT = [
    ("E07000008", "pct_level4_plus", 47.33), ("E07000008", "pct_no_qualifications", 11.89),
    ("E07000012", "pct_level4_plus", 40.10),
    ("E08000028", "pct_level4_plus", 15.36), ("E08000028", "pct_no_qualifications", 35.17),
    ("E07000010", "pct_level4_plus", 14.88),
]
# census/PROVENANCE.md, B3: the England and Wales sum of the 331 authorities, 2021.
EW_2021_16PLUS = 48_566_341
EW_2021_PCT = {"no_qualifications": 18.18, "level1": 9.63, "level2": 13.37, "apprenticeship": 5.33,
               "level3": 16.94, "level4_plus": 33.80, "other": 2.75}

# README: broad groups from SIC divisions.
README_DIVISION_RANGES = [
    ("Agriculture, forestry & fishing", [(1, 3)]),
    ("Mining, quarrying & utilities", [(5, 9), (35, 39)]),
    ("Manufacturing", [(10, 33)]),
    ("Construction", [(41, 43)]),
    ("Motor trades", [(45, 45)]),
    ("Wholesale", [(46, 46)]),
    ("Retail", [(47, 47)]),
    ("Transport & storage", [(49, 53)]),
    ("Accommodation & food", [(55, 56)]),
    ("Information & communication", [(58, 63)]),
    ("Financial & insurance", [(64, 66)]),
    ("Property", [(68, 68)]),
    ("Professional, scientific & technical", [(69, 75)]),
    ("Business administration & support", [(77, 82)]),
    ("Public administration & defence", [(84, 84)]),
    ("Education", [(85, 85)]),
    ("Health", [(86, 88)]),
    ("Arts, entertainment, recreation & other services", [(90, 99)]),
]
# SIC 2007 sections of each broad group (from the division ranges above: B = 05-09,
# D = 35, E = 36-39; R-U = 90-99); G (45-47) is split three ways.
GROUP_SECTIONS = {
    "Agriculture, forestry & fishing": "A", "Mining, quarrying & utilities": "BDE", "Manufacturing": "C",
    "Construction": "F", "Transport & storage": "H", "Accommodation & food": "I",
    "Information & communication": "J", "Financial & insurance": "K", "Property": "L",
    "Professional, scientific & technical": "M", "Business administration & support": "N",
    "Public administration & defence": "O", "Education": "P", "Health": "Q",
    "Arts, entertainment, recreation & other services": "RSTU",
}
G_DIVISIONS = {"Motor trades": "45", "Wholesale": "46", "Retail": "47"}


def raw_rows(file_id: str, header_row: int = 0) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(read_text(REAL_DATA_DIR / rel_path(file_id)).lstrip("\ufeff"), newline="")))
    header = rows[header_row]
    return [dict(zip(header, r)) for r in rows[header_row + 1:] if r]


@pytest.fixture(scope="session")
def study(real):
    return real.get(geography.study_districts)


@pytest.fixture(scope="session")
def study_codes(study):
    return set(study["code"])


# ==========================================================================
# Geography


def test_study_districts_are_37_in_six_authorities(study):
    assert len(study) == 37
    assert study["code"].is_unique
    sizes = study.groupby("authority", sort=False).size()
    assert list(sizes.index) == list(README_AUTHORITIES)
    assert sizes.tolist() == [6, 10, 6, 5, 3, 7]
    assert study.groupby("authority")["authority_code"].nunique().eq(1).all()
    assert study["authority_code"].nunique() == 6


def test_study_districts_are_the_readme_names_with_codes_from_the_lookup(study):
    expected = {(a, ONS_SPELLING.get(n, n)) for a, names in README_AUTHORITIES.items() for n in names}
    assert set(zip(study["authority"], study["name"])) == expected
    lookup = {r["LAD23CD"]: r for r in raw_rows("lad23_cauth_lookup")}
    for row in study.itertuples():
        assert lookup[row.code]["LAD23NM"] == row.name
        assert lookup[row.code]["CAUTH23NM"] == row.authority
        assert lookup[row.code]["CAUTH23CD"] == row.authority_code
    # Codes stated independently in the census PROVENANCE note.
    codes = dict(zip(study["name"], study["code"]))
    assert codes["Cambridge"] == "E07000008"
    assert codes["South Cambridgeshire"] == "E07000012"
    assert codes["Fenland"] == "E07000010"
    assert codes["Sandwell"] == "E08000028"
    assert {codes[n] for n in README_AUTHORITIES["Greater Manchester"]} == {f"E080000{i:02d}" for i in range(1, 11)}


def test_itl_lookup(real, study_codes):
    lookup = real.get(geography.itl_lookup)
    names = real.get(geography.itl2_names)
    assert not lookup.duplicated(["LAD23CD", "ITL221CD"]).any()
    twice = lookup["LAD23CD"].value_counts()
    twice = twice[twice > 1]
    assert len(twice) == 2 and (twice == 2).all()
    assert all(code.startswith("S") for code in twice.index)  # two Scottish districts straddle ITL2s
    assert set(lookup["ITL221CD"]) <= set(names["itl2_code"])
    assert study_codes <= set(lookup["LAD23CD"])
    itl2 = lookup.set_index("LAD23CD")["ITL221CD"]
    assert set(itl2[[f"E080000{i:02d}" for i in range(1, 11)]]) == {"TLD3"}  # Greater Manchester
    assert (names.set_index("itl2_code").loc["TLD3", "itl2_name"]) == "Greater Manchester"


def test_itl2_names(real):
    names = real.get(geography.itl2_names)
    assert len(names) == 41 and names["itl2_code"].is_unique
    assert names["itl2_code"].str.fullmatch(r"TL[C-N]\d").all()
    assert (names["itl2_code"].str[:3] == names["itl1_code"]).all()
    assert set(names.loc[names["itl1_code"] == "TLN", "itl2_code"]) == {"TLN0"}  # Northern Ireland


def test_nuts2016_to_itl2():
    assert geography.nuts2016_to_itl2("UKM5") == "TLM5"
    for bad in ("TLM5", "UKM", "UKM55", "ukm5"):
        with pytest.raises(ValueError):
            geography.nuts2016_to_itl2(bad)


# ==========================================================================
# Census 2011


@pytest.fixture(scope="session")
def q2011(real):
    return real.get(census.qualifications_2011)


def test_2011_shape(q2011, study_codes):
    assert len(q2011) == 337 and q2011["code"].is_unique
    assert EW in set(q2011["code"])
    assert study_codes <= set(q2011["code"])
    for column in ["all_16plus", *CATEGORIES]:
        assert q2011[column].dtype == np.int64
        assert (q2011[column] >= 0).all()


def test_2011_categories_sum_to_all_16plus(q2011):
    assert (q2011[CATEGORIES].sum(axis=1) == q2011["all_16plus"]).all()


def test_2011_percentages_sum_to_100(q2011):
    pct = q2011[[f"pct_{c}" for c in CATEGORIES]]
    np.testing.assert_allclose(pct.sum(axis=1), 100.0, rtol=0, atol=1e-9)
    np.testing.assert_allclose(q2011["pct_level3"], 100 * q2011["level3"] / q2011["all_16plus"])


def test_2011_england_and_wales_is_the_sum_of_districts(q2011):
    districts = q2011[q2011["code"] != EW]
    national = q2011.set_index("code").loc[EW]
    for column in ["all_16plus", *CATEGORIES]:
        assert districts[column].sum() == national[column], column


def test_2011_england_and_wales_equals_the_published_figures(q2011):
    assert sum(v for k, v in EW_2011.items() if k != "all_16plus") == EW_2011["all_16plus"]
    national = q2011.set_index("code").loc[EW]
    for column, value in EW_2011.items():
        assert national[column] == value, column


def test_2011_matches_the_paper(q2011):
    table = q2011.set_index("code")
    for code, column, published in PAPER_2011_PCT:
        assert round(table.loc[code, column], 2) == pytest.approx(published), (code, column)
    # South Cambridgeshire 'no qualifications': the counts in PROVENANCE give 15.29 (the paper's 15.09 is a typo).
    assert table.loc["E07000012", "no_qualifications"] == 18248
    assert table.loc["E07000012", "all_16plus"] == 119342


def test_2011_agrees_with_the_raw_files(q2011):
    table = q2011.set_index("code")
    for number, column in enumerate(CATEGORIES, start=1):
        rows = raw_rows(f"census2011_qs501_{number:03d}")
        assert len(rows) == 337
        for row in rows:
            code = EW if row["GEOGRAPHY_CODE"] == "EW" else row["GEOGRAPHY_CODE"]
            assert table.loc[code, column] == int(row["COUNT"])
            assert table.loc[code, "all_16plus"] == int(row["TOTAL"])


# ==========================================================================
# Census 2021


@pytest.fixture(scope="session")
def q2021(real):
    return real.get(census.qualifications_2021)


def test_2021_shape(q2021, study_codes):
    assert len(q2021) == 332 and q2021["code"].is_unique  # 331 authorities + England and Wales
    assert study_codes <= set(q2021["code"])
    assert (q2021[CATEGORIES] >= 0).all().all()


def test_2021_sums(q2021):
    assert (q2021[CATEGORIES].sum(axis=1) == q2021["all_16plus"]).all()
    np.testing.assert_allclose(q2021[[f"pct_{c}" for c in CATEGORIES]].sum(axis=1), 100.0, atol=1e-9)
    districts = q2021[q2021["code"] != EW]
    national = q2021.set_index("code").loc[EW]
    for column in ["all_16plus", *CATEGORIES]:
        assert districts[column].sum() == national[column]


def test_2021_england_and_wales_matches_provenance(q2021):
    national = q2021.set_index("code").loc[EW]
    assert national["all_16plus"] == EW_2021_16PLUS
    for key, pct in EW_2021_PCT.items():
        assert round(national[f"pct_{key}"], 2) == pytest.approx(pct), key


def test_2021_agrees_with_the_raw_file_and_excludes_under_16s(q2021):
    table = q2021.set_index("code")
    everyone = {}
    for row in raw_rows("census2021_ts067"):
        code = row["Lower Tier Local Authorities Code"]
        category = int(row["Highest level of qualification (8 categories) Code"])
        value = int(row["Observation"])
        everyone[code] = everyone.get(code, 0) + value
        if category >= 0:
            assert table.loc[code, CATEGORIES[category]] == value
    for code, total in everyone.items():
        assert table.loc[code, "all_16plus"] < total  # the under-16 row is left out


def test_2021_greater_manchester_cross_check_is_exact(real):
    difference = real.get(census.cross_check_2021_greater_manchester)
    assert difference.shape == (10, 7)
    assert sorted(difference.index) == [f"E080000{i:02d}" for i in range(1, 11)]
    assert list(difference.columns) == CATEGORIES
    assert difference.max().max() == 0


# ==========================================================================
# BRES by district, 2015-2017


@pytest.fixture(scope="session")
def divisions(real):
    return real.get(bres.district_division_employment)


def test_bres_districts_shape(divisions, study_codes):
    assert set(divisions["year"]) == {2015, 2016, 2017}
    per_year = divisions.groupby("year")["code"].nunique()
    assert (per_year == 380).all()
    assert divisions["division"].nunique() == 87
    assert 99 not in set(divisions["division"])
    assert len(divisions) == 3 * 380 * 87
    assert not divisions.duplicated(["year", "code", "division"]).any()
    for year in (2015, 2016, 2017):
        assert study_codes <= set(divisions.loc[divisions["year"] == year, "code"])
    assert (divisions["employment"] >= 0).all()


def test_bres_district_totals_match_provenance(divisions):
    # bres/PROVENANCE.md: sum of all LAD cells 29.79m, 30.22m, 30.55m.
    totals = divisions.groupby("year")["employment"].sum() / 1e6
    assert totals.round(2).to_dict() == {2015: 29.79, 2016: 30.22, 2017: 30.55}


def test_bres_districts_agree_with_the_raw_file(divisions):
    table = divisions.set_index(["year", "code", "division"])["employment"]
    rows = raw_rows("bres_lad_2015_2017_div", header_row=6)
    assert len(rows) == 1140
    for row in rows[::37]:  # a spread of rows across the three years
        for division in range(1, 99):
            if str(division) in row:
                assert table[(int(row["timestep"]), row["lad16cd"], division)] == int(row[str(division)])


def test_division_to_broad_group_follows_the_readme():
    expected = {d: group for group, ranges in README_DIVISION_RANGES for lo, hi in ranges for d in range(lo, hi + 1)}
    # SIC 2007 has no divisions 4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89.
    assert {d: g for d, g in DIVISION_TO_BROAD_GROUP.items()} == {
        d: g for d, g in expected.items() if d not in (4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89)}
    assert BROAD_GROUPS == [group for group, _ranges in README_DIVISION_RANGES]


def test_bres_broad_groups_sum_to_the_division_total(real, divisions):
    groups = real.get(bres.district_broad_group_employment, 2017)
    one_year = divisions[divisions["year"] == 2017]
    assert groups.groupby("code", observed=True).size().eq(18).all()
    by_group = groups.groupby("code")["employment"].sum()
    by_division = one_year.groupby("code")["employment"].sum()
    pd.testing.assert_series_equal(by_group.sort_index(), by_division.sort_index(), check_names=False)
    # One group by hand: Information & communication = divisions 58-63.
    info = one_year[one_year["division"].between(58, 63)].groupby("code")["employment"].sum()
    got = groups[groups["sector"] == "Information & communication"].set_index("code")["employment"]
    pd.testing.assert_series_equal(got.sort_index(), info.sort_index(), check_names=False)


def test_bres_broad_groups_reject_years_outside_the_file():
    with pytest.raises(ValueError, match="2015-2017"):
        bres.district_broad_group_employment(2018)


def test_district_codes_map_to_the_census_codes(divisions, q2011, q2021):
    """README: the 2016-coded BRES file and the 2020-coded 2011 Census differ only by the listed merges."""
    bres_ew = {c for c in divisions["code"] if c[0] in "EW"}
    mapped = {district_codes.code_in(c, 2020) for c in bres_ew}
    census_2011 = set(q2011["code"]) - {EW}
    assert mapped == census_2011
    assert {district_codes.code_in(c, 2021) for c in census_2011} == set(q2021["code"]) - {EW}


# ==========================================================================
# BRES 2019 district shares


@pytest.fixture(scope="session")
def shares19(real):
    return real.get(bres.district_shares_2019)


def test_2019_shares_shape(shares19, study_codes):
    assert shares19["code"].nunique() == 363
    assert len(shares19) == 363 * 18
    assert not shares19.duplicated(["code", "sector"]).any()
    assert shares19.groupby("code")["sector"].nunique().eq(18).all()
    assert set(shares19["sector"]) == set(BROAD_GROUPS)
    assert study_codes <= set(shares19["code"])
    assert shares19["share_pct"].between(0, 100).all()
    # Decimals survive (1 d.p. percentages, not counts).
    assert (shares19["share_pct"] != shares19["share_pct"].round()).any()


def test_2019_shares_sum_to_about_100(shares19):
    # Rounded shares over a separately rounded total: between about 94 and 104 (bres docstring / README).
    totals = shares19.groupby("code")["share_pct"].sum()
    assert totals.between(94, 104).all()
    assert totals.median() == pytest.approx(100, abs=1)


def test_2019_shares_agree_with_the_raw_file(shares19):
    table = shares19.set_index(["code", "sector"])["share_pct"]
    labels = {"Accommodation & food services": "Accommodation & food",
              "Business administration & support services": "Business administration & support"}
    for row in raw_rows("bres_lad_2019_broad_pct"):
        assert table[(row["area_code"], labels.get(row["group"], row["group"]))] == float(row["value"])


# ==========================================================================
# BRES sections (GB and ITL1-3) and the GB base


@pytest.fixture(scope="session")
def sections(real):
    return real.get(bres.itl_section_employees)


def test_sections_shape(sections, real):
    assert set(sections["year"]) == set(range(2015, 2023))
    areas = sections.groupby(["year", "level"])["code"].nunique().unstack()
    assert (areas["country"] == 1).all() and (areas["itl1"] == 11).all()
    assert (areas["itl2"] == 40).all() and (areas["itl3"] == 168).all()
    assert sections.groupby(["year", "code"])["section"].nunique().eq(21).all()
    assert set(sections["section"]) == set("ABCDEFGHIJKLMNOPQRSTU")
    assert set(sections.loc[sections["level"] == "country", "code"]) == {GB}
    names = real.get(geography.itl2_names)
    assert set(sections.loc[sections["level"] == "itl2", "code"]) == set(names["itl2_code"]) - {"TLN0"}


def test_sections_agree_with_the_files_total_rows(sections):
    # PROVENANCE: the file's 'Total' rows are sums of the rounded sections.
    totals = {(int(r["dates.date"][:4]), GB if r["geography.code"] == "UK" else r["geography.code"]): int(r["value"])
              for r in raw_rows("bres_itl_sections_2015_2022") if r["industry.code"] == "Total"}
    sums = sections.groupby(["year", "code"])["employees"].sum()
    assert len(totals) == len(sums) == 8 * 220
    for key, total in totals.items():
        assert sums[key] == total


def test_sections_gb_totals_match_provenance_and_regions(sections):
    gb = sections[sections["code"] == GB].groupby("year")["employees"].sum() / 1e6
    assert gb.round(2)[[2018, 2019, 2022]].tolist() == [29.72, 30.07, 30.96]
    # The 11 ITL1 regions add up to GB within rounding (cells are rounded independently).
    itl1 = sections[sections["level"] == "itl1"].groupby("year")["employees"].sum() / 1e6
    np.testing.assert_allclose(itl1, gb, rtol=0.005)


@pytest.fixture(scope="session")
def subclasses(real):
    return real.get(bres.itl2_subclass_employment)


@pytest.mark.parametrize("year", [2019, 2017])
def test_gb_broad_group_base(real, sections, subclasses, year):
    base = real.get(bres.broad_group_base, year, "GB")
    assert list(base["sector"]) == BROAD_GROUPS and list(base.columns) == ["sector", "employees"]
    gb = sections[(sections["code"] == GB) & (sections["year"] == year)].set_index("section")["employees"]
    employees = base.set_index("sector")["employees"]
    assert employees.sum() == pytest.approx(gb.sum())
    for group, letters in GROUP_SECTIONS.items():
        assert employees[group] == gb[list(letters)].sum(), group
    # Section G split: the parts add up to G, in proportion to divisions 45/46/47 of the 5-digit file.
    g_parts = employees[list(G_DIVISIONS)]
    assert g_parts.sum() == pytest.approx(gb["G"])
    cells = subclasses[subclasses["year"] == year]
    by_division = {group: cells.loc[cells["subclass"].str[:2] == d, "employment"].sum() for group, d in G_DIVISIONS.items()}
    for group in G_DIVISIONS:
        assert g_parts[group] / gb["G"] == pytest.approx(by_division[group] / sum(by_division.values()))


def test_england_broad_group_base(real, sections):
    england = real.get(bres.broad_group_base, 2019, "England")
    gb = real.get(bres.broad_group_base, 2019, "GB")
    regions = sections[(sections["level"] == "itl1") & (sections["year"] == 2019)
                       & ~sections["code"].isin(["TLL", "TLM"])]  # not Wales (TLL), Scotland (TLM)
    assert set(regions["code"]) == set(bres.ENGLAND_ITL1)
    assert england["employees"].sum() == pytest.approx(regions["employees"].sum())
    assert england["employees"].sum() < gb["employees"].sum()


def test_broad_group_base_rejects_other_areas():
    with pytest.raises(ValueError, match="'GB' or 'England'"):
        bres.broad_group_base(2019, "Wales")


# ==========================================================================
# BRES 5-digit subclasses by ITL2, 2015-2021


def test_subclasses_shape(real, subclasses):
    assert subclasses["itl2_code"].nunique() == 40
    assert subclasses["subclass"].nunique() == 729
    assert sorted(subclasses["year"].unique()) == list(range(2015, 2022))
    assert subclasses["subclass"].str.fullmatch(r"\d{5}").all()
    # A full grid: every region x subclass x year exactly once.
    assert len(subclasses) == 40 * 729 * 7
    assert not subclasses.duplicated(["year", "itl2_code", "subclass"]).any()
    names = real.get(geography.itl2_names)
    assert set(subclasses["itl2_code"]) <= set(names["itl2_code"])
    assert "TLN0" not in set(subclasses["itl2_code"])  # Great Britain only
    assert (subclasses["itl2_code"] == "TL" + subclasses["nuts2_code"].str[2:]).all()
    assert (subclasses["employment"].dropna() >= 0).all()


def test_subclass_blanks_are_exactly_the_scottish_farm_gap(subclasses):
    blank = subclasses[subclasses["employment"].isna()]
    assert len(blank) == 15
    assert set(zip(blank["year"], blank["nuts2_code"], blank["subclass"])) == set(
        itertools.product(range(2015, 2018), ["UKM5", "UKM6", "UKM7", "UKM8", "UKM9"], ["01000"]))
    later = subclasses[(subclasses["subclass"] == "01000") & subclasses["nuts2_code"].str.startswith("UKM")
                       & (subclasses["year"] >= 2018)]
    assert len(later) == 5 * 4 and later["employment"].notna().all()


def test_subclass_totals_match_provenance(subclasses):
    # bres/PROVENANCE.md: GB sum of the 5-digit cells 30.75m (2018) and 31.37m (2021).
    totals = subclasses.groupby("year")["employment"].sum() / 1e6
    assert round(float(totals[2018]), 2) == 30.75
    assert round(float(totals[2021]), 2) == 31.37


def test_division_employment_from_subclasses(subclasses):
    gm = bres.division_employment_from_subclasses(2019, ("TLD3",))
    cells = subclasses[(subclasses["year"] == 2019) & (subclasses["itl2_code"] == "TLD3")]
    assert gm[62] == cells.loc[cells["subclass"].str.startswith("62"), "employment"].sum()
    assert gm.sum() == cells["employment"].sum()


# ==========================================================================
# BRES 2023 divisions by ITL2


def test_2023_divisions_shape(real):
    frame = real.get(bres.itl2_division_employment_2023)
    names = real.get(geography.itl2_names)
    assert set(frame["year"]) == {2023}
    assert frame["itl2_code"].nunique() == 40
    assert set(frame["itl2_code"]) == set(names["itl2_code"]) - {"TLN0"}
    assert frame.groupby("itl2_code")["division"].nunique().eq(88).all()
    assert len(frame) == 40 * 88
    assert not frame.duplicated(["itl2_code", "division"]).any()
    assert (frame["employment"] >= 0).all()
    assert set(frame["division"]) <= set(DIVISION_TO_BROAD_GROUP)
