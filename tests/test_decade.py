"""A decade on (groundwork for the decade chapter): 2021 attainment and its
change since 2011 for every district of England and Wales, and one row per
combined authority of May 2025. Expected values are read from the raw files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import REAL_DATA_DIR

from placeblind.analysis import authorities, decade
from placeblind.data import district_codes, hexmaps
from placeblind.data.sectors import BROAD_GROUP_DIVISIONS
from placeblind.data.study import study_from_authorities
from placeblind.errors import DataError, DataWarning
from placeblind.publishing import figures, registry

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


# --- the convergence fit and the words it chooses ---------------------------------

def test_the_convergence_samples_labels_carry_their_counts_from_the_data(change, monkeypatch):
    """Table 9.2's sample labels write the counts as numerals computed from the
    districts each sample takes: one authority fewer in the data, one fewer in the label."""
    from placeblind.data.study import paper_study

    labels = decade.convergence_sample_labels()
    assert set(labels) == set(decade.CONVERGENCE_SAMPLES)
    n = change.loc[change["authority_2025"] != "", "authority_2025"].nunique()
    assert f" {n} combined authorities" in labels["authorities_2025"]
    assert f" {len(paper_study().codes)} districts" in labels["paper_districts"]
    assert not any(word in " ".join(labels.values()) for word in ("fifteen", "thirty"))
    first = sorted(set(change["authority_2025"]) - {""})[0]
    fewer = change.assign(authority_2025=change["authority_2025"].replace(first, ""))
    monkeypatch.setattr(decade, "attainment_change", lambda: fewer)
    assert f" {n - 1} combined authorities" in decade.convergence_sample_labels()["authorities_2025"]


def test_convergence_slope_is_the_least_squares_slope(change):
    districts = change.drop(index=EW)
    expected = np.polyfit(districts["pct_level4_plus_2011"], districts["change_level4_plus_pp"], 1)[0]
    fits = decade.convergence().set_index("sample")
    assert fits.loc["all_districts", "slope"] == pytest.approx(expected, rel=1e-9)
    assert fits.loc["all_districts", "n"] == len(districts)
    assert fits.loc["paper_districts", "n"] == 37


@pytest.mark.parametrize("low, high, reading", [(-0.2, -0.1, "converging"), (0.1, 0.2, "diverging"),
                                                (-0.1, 0.1, "neither")])
def test_the_slope_reading_follows_the_interval(low, high, reading):
    assert decade.slope_reading(low, high) == reading


@pytest.mark.parametrize("gap, spread, reading", [(True, True, "widened"), (False, False, "narrowed"),
                                                  (True, False, "moved differently on the two measures")])
def test_the_divide_reading_needs_both_measures(gap, spread, reading):
    assert decade.divide_reading(gap, spread) == reading


def test_divide_measures_are_computed_from_the_districts(change):
    districts = change.drop(index=EW)
    got = decade.divide("level4_plus")
    values = districts["pct_level4_plus_2021"]
    assert got["gap_2021"] == pytest.approx(values.quantile(0.9) - values.quantile(0.1))
    assert got["sd_2021"] == pytest.approx(values.std())


# --- the hex cartogram --------------------------------------------------------------

def test_every_2021_district_has_a_hex(change):
    hexes = hexmaps.hex_layout("hexmap_lad2021")
    assert set(change.index) - {EW} <= set(hexes["code"])
    assert not hexes.duplicated(["x", "y"]).any()


@pytest.mark.parametrize("alter, message", [
    (lambda text: text[: len(text) // 2], "not valid JSON"),
    (lambda text: text.replace('"odd-r"', '"odd-q"'), "layout must be"),
    (lambda text: text.replace('"q":-5,"r":-2', '"q":8,"r":19', 1), "share a hex"),
])
def test_a_broken_hexmap_stops_with_its_name(bundle, alter, message):
    bundle.warn_mode()
    bundle.edit_text("hexmap_lad2021", alter)
    with pytest.warns(DataWarning), pytest.raises(DataError, match=message) as excinfo:
        hexmaps.hex_layout("hexmap_lad2021")
    assert "hexmap_lad2021_uk_openinnovations.hexjson" in str(excinfo.value)


@pytest.mark.parametrize("name", ["decade_level4_hexmap", "decade_convergence"])
def test_decade_figures_are_labelled_and_deterministic(name, figures_from_another_process):
    fig = registry.figure_builder(name)()
    assert all(ax.get_title() for ax in fig.axes if ax.get_label() != "<colorbar>")
    assert figures.png_bytes(fig) == figures_from_another_process[name]


# --- Table 4 with 2011 and 2021 education -------------------------------------------

BRES_2019 = REAL_DATA_DIR / "bres" / "bres2019_lad_broadgroup_employees_pct_rcatlord.csv"


def test_2021_refit_is_the_hand_computed_correlation():
    fits = decade.fits_2011_2021()
    published = pd.read_csv(BRES_2019)
    # The book rescales each district's published 2019 shares to add up to 100.
    published["value"] = 100 * published["value"] / published.groupby("area_code")["value"].transform("sum")
    professional = published[published["group"] == "Professional, scientific & technical"].set_index("area_code")["value"]
    raw = raw_2021()
    level4 = 100 * raw[5] / raw.sum(axis=1)
    common = level4.index.intersection(professional.index)
    expected = np.corrcoef(level4[common], professional[common])[0, 1] ** 2
    row = fits[(fits["census"] == 2021) & (fits["sector"] == "Professional, scientific & technical")
               & (fits["education"] == "level4_plus")].iloc[0]
    assert row["n"] == len(common) == 331
    assert row["r2"] == pytest.approx(expected, rel=1e-9)


def test_link_change_reads_both_ways():
    def fits(r2_2011, r2_2021, gap):
        return pd.DataFrame([{"census": c, "sector": "S", "education": "level4_plus", "r2": r2,
                              "r2_ci_low": r2 - gap, "r2_ci_high": r2 + gap} for c, r2 in ((2011, r2_2011),
                                                                                            (2021, r2_2021))])
    assert decade.link_change(fits(0.3, 0.4, 0.2), "S")["reading"] == "stronger"
    assert decade.link_change(fits(0.4, 0.3, 0.2), "S")["overlap"] == "overlap"
    weaker = decade.link_change(fits(0.6, 0.2, 0.05), "S")
    assert weaker["reading"] == "weaker" and weaker["overlap"] == "do not overlap"
    # a difference that two printed decimals would not show reads as none
    assert decade.link_change(fits(0.548, 0.552, 0.1), "S")["reading"] == "about as strong"
    assert decade.link_change(fits(0.552, 0.548, 0.1), "S")["reading"] == "about as strong"
    assert decade.link_change(fits(0.54, 0.552, 0.1), "S")["reading"] == "stronger"


# --- the combined authorities of May 2025 ----------------------------------------------

def _profiles(both: int, manufacturing: int, n: int = 10) -> pd.DataFrame:
    rows = []
    for i in range(n):
        rows.append({"code": f"X{i}", "name": f"D{i}", "authority": "A", "group": authorities.LATER,
                     "pct_level4_plus_2021": 40.0 if i < both else 20.0, "professional_lq": 1.5 if i < both else 0.5,
                     "digital_lq": 1.5 if i < both else 0.5, "manufacturing_lq": 1.5 if i >= n - manufacturing else 0.5})
    return authorities.with_group_labels(pd.DataFrame(rows))


@pytest.mark.parametrize("both, manufacturing, holds", [(2, 6, True), (6, 8, False), (3, 2, False)])
def test_the_pattern_holds_only_when_both_are_few_and_manufacturing_more(both, manufacturing, holds):
    row = authorities.pattern_by_group(_profiles(both, manufacturing), ew_level4=30.0).iloc[0]
    assert row["districts_with_both"] == both and row["districts_manufacturing_above_1"] == manufacturing
    assert bool(row["holds"]) is holds


def test_a_later_district_profile_is_the_raw_data():
    profiles = authorities.authority_profiles().set_index("code")
    rushcliffe = "E07000176"
    raw = raw_2021().loc[rushcliffe]
    assert profiles.loc[rushcliffe, "pct_level4_plus_2021"] == pytest.approx(100 * raw[5] / raw.sum(), rel=1e-12)
    bres = pd.read_csv(BRES_2017, skiprows=6)
    bres = bres[bres["timestep"] == 2017].set_index("lad16cd").drop(columns=["timestep", "lad16nm"])
    professional = [str(d) for d in BROAD_GROUP_DIVISIONS["Professional, scientific & technical"]]
    lq = (bres.loc[rushcliffe, professional].sum() / bres.loc[rushcliffe].sum()) / (
        bres[professional].values.sum() / bres.values.sum())
    assert profiles.loc[rushcliffe, "professional_lq"] == pytest.approx(lq, rel=1e-12)
    assert profiles.loc[rushcliffe, "group"] == authorities.LATER
    assert profiles.loc["E08000003", "group"] == authorities.ORIGINAL
