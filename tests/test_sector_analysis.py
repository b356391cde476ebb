"""Tests of Tables 2-4 (placeblind.sector_analysis).

Expected values come from the raw bundle files read here with plain pandas
(division columns summed by hand, percentages and section counts taken as
they stand), from identities a share or an LQ must satisfy, or from small
hand-checkable cases; none is copied from the module's own output.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from conftest import REAL_DATA_DIR

from placeblind.analysis import education_fits, sector_measures, sector_readings, vintages
from placeblind.data import district_codes, geography, sectors
from placeblind.data.sectors import BROAD_GROUPS, KEY_SECTOR_NAMES
from placeblind.data.study import study_from_districts
from placeblind.errors import DataError
from placeblind.publishing import displays, figures, registry

BRES_2017 = REAL_DATA_DIR / "bres" / "bres2015_2017_lad16_sic2digit_employment_nismod_arc.csv"
BRES_2019 = REAL_DATA_DIR / "bres" / "bres2019_lad_broadgroup_employees_pct_rcatlord.csv"
SECTIONS = REAL_DATA_DIR / "bres" / "bres2015_2022_gb_itl1-3_section_employees_edd.csv.gz"
QS501 = REAL_DATA_DIR / "census" / "qs501ew_2011_QS501EW00{n}_lad20_ew_rows__jtrim-ons_census-2011-data.csv"

SOUTH_CAMBS, CAMBRIDGE, EAST_CAMBS = "E07000012", "E07000008", "E07000009"
PROFESSIONAL = "Professional, scientific & technical"


# --- raw readers (independent of the package) ------------------------------

def raw_2017() -> pd.DataFrame:
    """The 2017 rows of the district file, one column per SIC division."""
    frame = pd.read_csv(BRES_2017, skiprows=6)
    return frame[frame["timestep"] == 2017].set_index("lad16cd")


def division_sum(frame: pd.DataFrame, divisions) -> pd.Series:
    return frame[[str(d) for d in divisions if str(d) in frame.columns]].sum(axis=1)


def all_divisions(frame: pd.DataFrame) -> pd.Series:
    return frame.drop(columns=["timestep", "lad16nm"]).sum(axis=1)


def raw_lq_2017(code: str, divisions) -> float:
    frame = raw_2017()
    sector, total = division_sum(frame, divisions), all_divisions(frame)
    return float((sector[code] / total[code]) / (sector.sum() / total.sum()))


def raw_gb_section_share_2019(section: str) -> float:
    frame = pd.read_csv(SECTIONS)
    gb = frame[(frame["geography.code"] == "UK") & (frame["dates.date"] == "2019-01-01")
               & (frame["industry.code"] != "Total")]
    return float(100.0 * gb.loc[gb["industry.code"] == section, "value"].sum() / gb["value"].sum())


def raw_share_2019(code: str, group: str) -> float:
    """The published share, rescaled by the sum of the district's 18 published shares."""
    frame = pd.read_csv(BRES_2019)
    district = frame[frame["area_code"] == code]
    return float(100.0 * district.loc[district["group"] == group, "value"].iloc[0] / district["value"].sum())


def lq_of(frame: pd.DataFrame, code: str, vintage: int, sector: str) -> float:
    hit = frame[(frame["code"] == code) & (frame["vintage"] == vintage) & (frame["sector"] == sector)]
    assert len(hit) == 1
    return float(hit["lq"].iloc[0])


@pytest.fixture(scope="module")
def results():
    """The package's tables, computed once against the real bundle."""
    return {"shares": sector_measures.sector_shares(), "lq": sector_measures.location_quotients(), "lq_england": sector_measures.location_quotients_england(),
            "fits": education_fits.education_sector_fits()}


# --- export contracts ------------------------------------------------------

def test_exports_have_their_fixed_columns_and_coverage(results):
    study = set(geography.study_codes())
    for name, column in (("shares", "share_pct"), ("lq", "lq"), ("lq_england", "lq")):
        frame = results[name]
        assert list(frame.columns) == ["code", "name", "vintage", "sector", column]
        assert len(frame) == len(study) * len(BROAD_GROUPS) * len(vintages.available_vintages())
        assert set(frame["code"]) == study
        assert set(frame["vintage"]) == set(vintages.available_vintages())
        assert frame[column].notna().all()
    assert list(results["fits"].columns) == ["sample", "vintage", "sector", "education", "n", "r", "r2", "slope",
                                             "p_value", "r2_ci_low", "r2_ci_high", "r_ci_low", "r_ci_high",
                                             "p_value_hc3"]


def test_export_names_are_the_study_names(results):
    names = dict(zip(geography.study_districts()["code"], geography.study_districts()["name"]))
    frame = results["shares"]
    assert (frame["name"] == frame["code"].map(names)).all()


def test_shares_sum_to_100_in_both_vintages(results):
    # 2019: the published shares add up to 96-102 in these districts; the book rescales them to 100.
    totals = results["shares"].groupby(["vintage", "code"])["share_pct"].sum()
    assert np.allclose(totals[2017], 100.0)
    assert np.allclose(totals[2019], 100.0)


# --- values recomputed from the raw files ----------------------------------

def test_south_cambridgeshire_professional_lq_2017_matches_raw_divisions(results):
    expected = raw_lq_2017(SOUTH_CAMBS, range(69, 76))
    assert lq_of(results["lq"], SOUTH_CAMBS, 2017, PROFESSIONAL) == pytest.approx(expected, rel=1e-12)


def test_cambridge_manufacturing_lq_2017_matches_raw_divisions(results):
    expected = raw_lq_2017(CAMBRIDGE, range(10, 34))
    assert lq_of(results["lq"], CAMBRIDGE, 2017, "Manufacturing") == pytest.approx(expected, rel=1e-12)


def test_south_cambridgeshire_professional_lq_2019_matches_raw_share_and_sections(results):
    expected = raw_share_2019(SOUTH_CAMBS, PROFESSIONAL) / raw_gb_section_share_2019("M")
    assert lq_of(results["lq"], SOUTH_CAMBS, 2019, PROFESSIONAL) == pytest.approx(expected, rel=1e-12)


def test_2017_england_base_is_the_sum_of_english_districts(results):
    frame = raw_2017()
    english = frame[frame.index.str.startswith("E")]
    sector, total = division_sum(frame, range(69, 76)), all_divisions(frame)
    eng_share = division_sum(english, range(69, 76)).sum() / all_divisions(english).sum()
    expected = float(sector[SOUTH_CAMBS] / total[SOUTH_CAMBS] / eng_share)
    assert lq_of(results["lq_england"], SOUTH_CAMBS, 2017, PROFESSIONAL) == pytest.approx(expected, rel=1e-12)


def test_2017_shares_match_raw_divisions(results):
    frame = raw_2017()
    expected = 100 * division_sum(frame, (47,))[CAMBRIDGE] / all_divisions(frame)[CAMBRIDGE]
    got = results["shares"]
    got = got[(got["code"] == CAMBRIDGE) & (got["vintage"] == 2017) & (got["sector"] == "Retail")]["share_pct"]
    assert float(got.iloc[0]) == pytest.approx(expected, rel=1e-12)


# --- identities ------------------------------------------------------------

def test_2017_lqs_average_one_weighted_by_employment():
    table = sector_measures.gb_districts(2017)
    weights = table.groupby("code")["count"].transform("sum")
    weighted = (table["lq"] * weights).groupby(table["sector"], observed=True).sum() / weights.groupby(
        table["code"]).first().sum()
    assert np.allclose(weighted.to_numpy(float), 1.0)


def test_england_base_multiplies_each_sector_by_one_factor(results):
    keys = ["code", "vintage", "sector"]
    both = results["lq"].merge(results["lq_england"], on=keys, suffixes=("_gb", "_eng"))
    ratio = both["lq_eng"] / both["lq_gb"]
    spread = ratio.groupby([both["vintage"], both["sector"]], observed=True).agg(["min", "max"])
    assert np.allclose(spread["min"], spread["max"])
    effect = sector_measures.england_base_effect().set_index(["vintage", "sector"])
    for (vintage, sector), row in effect.iterrows():
        assert row["factor"] == pytest.approx(row["gb_share_pct"] / row["england_share_pct"])
        assert ratio[(both["vintage"] == vintage) & (both["sector"] == sector)].iloc[0] == pytest.approx(row["factor"])


def test_reference_shares_sum_to_100():
    for vintage in vintages.VINTAGES:
        for base in vintages.BASES:
            assert sector_measures.reference_shares(vintage, base).sum() == pytest.approx(100.0)


def test_vintage_movement_is_the_mean_absolute_difference():
    diffs = sector_readings.vintage_differences()
    movement = sector_readings.vintage_movement().set_index("sector")
    for sector in KEY_SECTOR_NAMES:
        group = diffs[diffs["sector"] == sector]
        assert movement.loc[sector, "mean_abs_share_diff_pp"] == pytest.approx(
            (group["share_2019"] - group["share_2017"]).abs().mean())
        assert movement.loc[sector, "mean_abs_lq_diff"] == pytest.approx(
            (group["lq_2019"] - group["lq_2017"]).abs().mean())


# --- largest sectors and ties ----------------------------------------------

def test_a_published_tie_makes_both_groups_largest():
    raw = pd.read_csv(BRES_2019)
    east = raw[raw["area_code"] == EAST_CAMBS].set_index("group")["value"]
    top = east[east == east.max()].index.tolist()
    flags = sector_measures.largest_flags(2019).loc[EAST_CAMBS]
    names = {"Business administration & support services": "Business administration & support",
             "Accommodation & food services": "Accommodation & food"}
    assert sorted(flags[flags].index) == sorted(names.get(g, g) for g in top)
    if len(top) > 1:
        assert "East Cambridgeshire" in sector_measures.joint_largest(2019, names.get(top[0], top[0]))


def test_largest_sector_2017_matches_raw_divisions():
    frame = raw_2017()
    groups = {g: division_sum(frame, ds)[SOUTH_CAMBS] for g, ds in sectors.BROAD_GROUP_DIVISIONS.items()}
    expected = max(groups, key=groups.get)
    largest = sector_measures.largest_sectors(2017).set_index("code").loc[SOUTH_CAMBS]
    assert largest["largest"] == expected
    assert largest["n_tied"] == 1


def test_largest_sector_margin_is_first_minus_second():
    table = sector_measures.largest_sectors(2017)
    assert (table["margin_pp"] > 0).all()
    assert np.allclose(table["largest_share_pct"] - table["second_share_pct"], table["margin_pp"])


def test_manufacturing_largest_districts_have_manufacturing_on_top():
    shares = sector_measures.wide(2017, "share_pct")
    for name in sector_readings.manufacturing_largest(2017)["name"]:
        row = shares[shares["name"] == name][BROAD_GROUPS].iloc[0]
        assert row["Manufacturing"] == row.max()


def test_retail_private_counts_exclude_the_public_groups():
    assert not set(sector_measures.PUBLIC_SECTORS) & set(sector_measures.PRIVATE_SECTORS)
    assert len(sector_measures.PRIVATE_SECTORS) + len(sector_measures.PUBLIC_SECTORS) == len(BROAD_GROUPS)
    table = sector_readings.retail_largest_private(2017)
    assert table["districts"].sum() == len(geography.study_codes())
    assert (table["retail_largest"] <= table["districts"]).all()


# --- small helpers, by hand ------------------------------------------------

def test_division_ranges():
    assert sector_measures._division_ranges(range(10, 34)) == "10-33"
    assert sector_measures._division_ranges((1, 2, 3, 5, 7, 8)) == "01-03, 05, 07-08"
    assert sector_measures._division_ranges((84,)) == "84"


def test_in_band_compares_at_two_decimals():
    values = pd.Series([0.7949, 0.7951, 1.0, 1.2549, 1.2551])
    assert sector_readings.in_band(values).tolist() == [False, True, True, True, False]


def test_pooled_lq_of_all_districts_is_one():
    codes = sector_measures.gb_districts(2017)["code"].unique()
    everywhere = study_from_districts(list(codes))
    assert vintages.pooled_lq(2017, "Manufacturing", everywhere) == pytest.approx(1.0)


# --- the England and Wales joins -------------------------------------------

def test_all_districts_join_without_loss():
    report = education_fits.join_report().set_index("vintage")
    for vintage in vintages.VINTAGES:
        row = report.loc[vintage]
        assert row["n_joined"] == row["n_bres"] == row["n_census"]
        assert row["bres_unjoined"] == "" and row["census_unjoined"] == ""
    assert report.loc[2017, "n_joined"] == 336  # the 2020-coded census districts
    assert report.loc[2019, "n_joined"] == 336 - 7 + 2  # Northamptonshire: seven districts become two


def test_merged_2017_district_shares_sum_counts_first():
    frame = raw_2017()
    parts = sorted(district_codes.predecessors("E06000058"))
    retail = division_sum(frame.loc[parts], (47,)).sum()
    total = all_divisions(frame.loc[parts]).sum()
    joined, _ = education_fits.ew_districts(2017)
    got = joined[(joined["code"] == "E06000058") & (joined["sector"] == "Retail")]["share_pct"]
    assert float(got.iloc[0]) == pytest.approx(100 * retail / total, rel=1e-12)


def test_merged_2019_census_percentages_sum_counts_first():
    level4 = pd.read_csv(str(QS501).format(n=6)).set_index("GEOGRAPHY_CODE")
    parts = sorted(district_codes.predecessors("E06000061"))
    expected = 100 * level4.loc[parts, "COUNT"].sum() / level4.loc[parts, "TOTAL"].sum()
    joined, _ = education_fits.ew_districts(2019)
    got = joined.loc[joined["code"] == "E06000061", "pct_level4_plus"].iloc[0]
    assert float(got) == pytest.approx(expected, rel=1e-12)


def test_a_study_district_that_fails_to_join_stops_the_build(monkeypatch):
    real = education_fits.district_shares(2019)
    monkeypatch.setattr(education_fits, "district_shares", lambda vintage: real[real["code"] != CAMBRIDGE])
    with pytest.raises(DataError, match=CAMBRIDGE) as excinfo:
        education_fits.ew_districts(2019)
    assert "bres2019" in excinfo.value.file


# --- the fits --------------------------------------------------------------

def test_fit_table_shape_and_identities(results):
    fits = results["fits"]
    assert len(fits) == 2 * len(vintages.available_vintages()) * len(KEY_SECTOR_NAMES) * 2
    assert np.allclose(fits["r2"], fits["r"] ** 2)
    assert (fits["r2_ci_low"] <= fits["r2_ci_high"]).all()
    assert set(fits.loc[fits["sample"] == "study_districts", "n"]) == {len(geography.study_codes())}
    assert (np.sign(fits["slope"]) == np.sign(fits["r"])).all()


def test_professional_fit_matches_raw_correlation(results):
    frame = raw_2017()
    share = 100 * division_sum(frame, range(69, 76)) / all_divisions(frame)
    level4 = pd.read_csv(str(QS501).format(n=6)).set_index("GEOGRAPHY_CODE")
    codes = geography.study_codes()
    x = 100 * level4.loc[codes, "COUNT"] / level4.loc[codes, "TOTAL"]
    expected = float(np.corrcoef(x.to_numpy(float), share[codes].to_numpy(float))[0, 1])
    fit = education_fits.fit_lookup(results["fits"], "study_districts", 2017, PROFESSIONAL, "level4_plus")
    assert fit["r"] == pytest.approx(expected, rel=1e-12)


def test_all_district_fit_uses_every_joined_district(results):
    fits = results["fits"]
    report = education_fits.join_report().set_index("vintage")
    for vintage in vintages.VINTAGES:
        n = fits[(fits["sample"] == "all_districts") & (fits["vintage"] == vintage)]["n"]
        assert set(n) == {int(report.loc[vintage, "n_joined"])}


# --- facts, displays and figures -------------------------------------------

def _plain(facts: dict) -> None:
    for key, value in facts.items():
        assert type(value) in (int, float, str), f"{key} is {type(value).__name__}"


def test_facts_are_plain_python_values(results):
    for vintage in vintages.VINTAGES:
        _plain(sector_readings.composition_facts(vintage))
        _plain(sector_readings.lq_facts(vintage))
    _plain(sector_readings.movement_facts())
    _plain(sector_measures.reference_facts())
    _plain(education_fits.fit_facts(results["fits"]))
    _plain(education_fits.join_facts())


def test_table_displays_group_rows_by_authority():
    n_rows = len(geography.study_codes()) + len(geography.STUDY_AUTHORITIES)
    for vintage in vintages.VINTAGES:
        table2 = displays.table2_display(vintage)
        assert len(table2) == n_rows
        assert table2["Largest group"].notna().sum() == len(geography.study_codes())
        assert len(displays.table3_display(vintage)) == n_rows


@pytest.mark.parametrize("name", ["sectors_lq_heatmap", "sectors_education_scatter", "sectors_shares_2017_2019",
                                  "attainment_polarisation"])
def test_figures_are_deterministic_and_labelled(name, figures_from_another_process):
    first = registry.figure_builder(name)()
    panels = [ax for ax in first.axes if ax.get_label() != "<colorbar>"]
    assert all(ax.get_ylabel() for ax in panels)
    # Shared x axes carry their label on the bottom row only.
    assert panels[-1].get_xlabel()
    assert figures.png_bytes(first) == figures_from_another_process[name]

def test_the_other_authorities_near_gb_reading_follows_its_one_threshold(monkeypatch):
    from placeblind.analysis import findings

    def reading():
        row = findings.sector_composition_findings().set_index("quantity").loc["sec_prioritised_others_near_gb"]
        return row["value"], row["description"]

    value, description = reading()
    assert value is True and "the five other authorities'" in description and "within 5 points" in description
    monkeypatch.setattr(findings, "NEAR_GB_PP", 0.01)  # closer than any of them lies
    value, description = reading()
    assert value is False and "within 0.01 points" in description
