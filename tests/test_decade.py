"""A decade on (groundwork for the decade chapter): 2021 attainment and its
change since 2011 for every district of England and Wales, and one row per
combined authority of May 2025. Expected values are read from the raw files."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import REAL_DATA_DIR

from placeblind.analysis import authorities, decade
from placeblind.data import district_codes
from placeblind.data.sectors import BROAD_GROUP_DIVISIONS
from placeblind.data.study import study_from_authorities

QS501 = REAL_DATA_DIR / "census" / "qs501ew_2011_QS501EW00{n}_lad20_ew_rows__jtrim-ons_census-2011-data.csv"
TS067 = REAL_DATA_DIR / "census" / "TS067-2021-1_ltla_ons_custom_download__callumscoby_drugmisusedeaths.csv"
BRES_2017 = REAL_DATA_DIR / "bres" / "bres2015_2017_lad16_sic2digit_employment_nismod_arc.csv"
EW = "K04000001"
NORTH_NORTHANTS = "E06000061"


def raw_2021() -> pd.DataFrame:
    """TS067 counts, one row per district, one column per category code (0-6), aged 16+ only."""
    frame = pd.read_csv(TS067)
    frame = frame[frame.iloc[:, 2] >= 0]
    return frame.pivot(index=frame.columns[0], columns=frame.columns[2], values="Observation")


@pytest.fixture(scope="module")
def change():
    return decade.attainment_change().set_index("code")


def test_every_2021_district_and_england_and_wales(change):
    assert set(change.index) == set(raw_2021().index) | {EW}


def test_2011_is_carried_to_2021_codes_by_adding_counts(change):
    level4 = pd.read_csv(str(QS501).format(n=6)).set_index("GEOGRAPHY_CODE")
    parts = sorted(district_codes.predecessors(NORTH_NORTHANTS))
    expected = 100 * level4.loc[parts, "COUNT"].sum() / level4.loc[parts, "TOTAL"].sum()
    assert change.loc[NORTH_NORTHANTS, "pct_level4_plus_2011"] == pytest.approx(expected, rel=1e-12)
    assert change.loc[EW, "pct_level4_plus_2011"] == pytest.approx(
        100 * level4.loc["EW", "COUNT"] / level4.loc["EW", "TOTAL"], rel=1e-12)


def test_change_is_2021_minus_2011(change):
    for key in ("level4_plus", "no_qualifications"):
        difference = change[f"pct_{key}_2021"] - change[f"pct_{key}_2011"]
        assert (change[f"change_{key}_pp"] - difference).abs().max() < 1e-12


def test_2021_table_has_table_1_columns_and_2025_authorities():
    table = decade.attainment_2021_all().set_index("code")
    assert {"name", "authority", "all_16plus", "pct_level4_plus", "largest_of_two", "authority_2025"} <= set(table.columns)
    raw = raw_2021()
    assert table.loc["E06000001", "all_16plus"] == raw.loc["E06000001"].sum()
    # North Yorkshire's seven 2021 districts and Barnsley's 2021 code sit in their 2025 authorities.
    assert set(table.loc[sorted(district_codes.predecessors("E06000065")), "authority_2025"]) == {
        "York and North Yorkshire"}
    assert table.loc["E08000016", "authority_2025"] == "South Yorkshire"
    assert table.loc["E08000003", "authority"] == "Greater Manchester"  # the paper's 2017 authority
    assert table.loc["E06000047", "authority"] == "" and table.loc["E06000047", "authority_2025"] == "North East"


def test_authority_row_is_the_sum_of_its_districts():
    study = study_from_authorities(["Tees Valley"], 2025)
    row = authorities.authority_summary(study).iloc[0]
    raw = raw_2021().loc[list(study.codes)]
    assert row["districts"] == 5
    assert row["residents_16plus_2021"] == raw.values.sum()
    assert row["pct_level4_plus_2021"] == pytest.approx(100 * raw[5].sum() / raw.values.sum(), rel=1e-12)
    bres = pd.read_csv(BRES_2017, skiprows=6)
    bres = bres[bres["timestep"] == 2017].set_index("lad16cd").drop(columns=["timestep", "lad16nm"])
    pooled = {group: bres.loc[list(study.codes), [str(d) for d in divisions if str(d) in bres.columns]].values.sum()
              for group, divisions in BROAD_GROUP_DIVISIONS.items()}
    assert row["largest_sector"] == max(pooled, key=pooled.get)
    assert row["largest_sector_pct"] == pytest.approx(100 * max(pooled.values()) / sum(pooled.values()), rel=1e-12)
    professional = [str(d) for d in BROAD_GROUP_DIVISIONS["Professional, scientific & technical"]]
    lqs = (bres[professional].sum(axis=1) / bres.sum(axis=1)) / (bres[professional].values.sum() / bres.values.sum())
    assert row["professional_lq_min"] == pytest.approx(lqs[list(study.codes)].min(), rel=1e-12)
    assert row["professional_lq_max"] == pytest.approx(lqs[list(study.codes)].max(), rel=1e-12)


def test_fifteen_authorities_of_2025():
    from placeblind.publishing.registry import TABLES

    table = TABLES["authorities_2025"]()
    assert len(table) == 15 and table["districts"].sum() == 106
    assert (table["professional_lq_min"] <= table["professional_lq_max"]).all()
