"""Tests of the IS-8 measures (placeblind.is8).

Expected values here come from the definitions themselves (which codes a
sector lists), from the identities an LQ must satisfy, or from independent
recomputation from the parsed BRES cells; none is copied from the module's
own output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

import placeblind
from placeblind import config
from placeblind.analysis import is8_comparisons, is8_regions
from placeblind.claims import blog
from placeblind.claims.framework import BLOG, graded_vintages, ledger_columns, verdict_column
from placeblind.claims.rules import LQ_MARGIN
from placeblind.data import bres, is8_definitions
from placeblind.errors import DataError, DataWarning
from placeblind.publishing import figures, registry


def _cells(year: int) -> pd.DataFrame:
    cells = bres.itl2_subclass_employment()
    return cells[cells["year"] == year]


def _independent_subclasses(sector: str) -> list[str]:
    """Subclasses covered by a sector's codes, found by a different route: one
    loop over subclasses, testing each code as a prefix."""
    defs = is8_definitions.is8_definitions()
    codes = defs.loc[(defs["sector"] == sector) & defs["sic_code"].notna(), "sic_code"].tolist()
    universe = sorted(_cells(2021)["subclass"].unique())
    return [s for s in universe if any(s[:len(c)] == c for c in codes)]


# --- definitions -----------------------------------------------------------

def test_definitions_are_tidy_and_valid():
    defs = is8_definitions.is8_definitions()
    assert set(defs["sector"]) == set(is8_definitions.IS8_SECTORS)
    assert "Clean Energy" not in set(defs["sector"])
    coded = defs[defs["sic_code"].notna()]
    assert coded["sic_code"].str.fullmatch(r"\d{2,5}").all()
    assert (coded["level"] == coded["sic_code"].str.len()).all()
    assert coded["level"].between(2, 5).all()
    assert defs["is_frontier"].dtype == bool
    with_foundational = is8_definitions.is8_definitions(include_foundational=True)
    assert is8_definitions.FOUNDATIONAL in set(with_foundational["sector"])
    assert not with_foundational.loc[with_foundational["sector"] == is8_definitions.FOUNDATIONAL, "in_is8"].any()


def test_coverage_names_are_harmonised():
    coverage = is8_definitions.is8_coverage()
    assert list(coverage["sector"]) == list(is8_definitions.IS8_SECTORS)
    assert "Digital & Technologies" not in set(coverage["sector"])


def test_every_sector_but_clean_energy_has_subclasses():
    for sector in is8_definitions.IS8_SECTORS:
        subs = is8_definitions.subclasses_for(sector)
        if sector == "Clean Energy Industries":
            assert subs == frozenset()
        else:
            assert len(subs) >= 1, sector
    summary = is8_regions.definition_summary().set_index("sector")
    assert not summary.loc["Clean Energy Industries", "sic_measurable"]
    assert summary.drop("Clean Energy Industries")["sic_measurable"].all()


def test_every_listed_code_matches_a_subclass():
    assert is8_definitions.unmatched_codes().empty
    # and the check has teeth: against a one-subclass universe most codes match nothing
    small = is8_definitions.unmatched_codes(["20110"])
    assert "20" not in set(small["sic_code"]) and "26" in set(small["sic_code"])


def test_subclasses_are_the_union_of_prefix_matches():
    for sector in is8_definitions.measurable_sectors():
        assert sorted(is8_definitions.subclasses_for(sector)) == _independent_subclasses(sector), sector


def test_no_double_counting_when_a_division_and_a_class_inside_it_are_listed():
    # Creative Industries lists division 58 and class 5821 (and 59 with 591, 60 with 602).
    codes = set(is8_definitions.sector_codes("Creative Industries"))
    assert {"58", "5821"} <= codes
    subs = sorted(is8_definitions.subclasses_for("Creative Industries"))
    assert len(subs) == len(set(subs))
    in_5821 = [s for s in subs if s.startswith("5821")]
    assert len(in_5821) == 1                     # once, though two codes cover it
    cells = _cells(2021)
    exact = is8_regions.is8_employment_itl2(2021)
    gb_exact = exact.loc[exact["sector"] == "Creative Industries", "employment"].sum()
    naive = sum(cells.loc[cells["subclass"].str.startswith(c), "employment"].sum() for c in codes)
    assert gb_exact == cells.loc[cells["subclass"].isin(subs), "employment"].sum()
    assert naive > gb_exact                      # summing code by code would double count


def test_sector_employment_equals_sum_of_its_subclasses():
    cells = _cells(2021)
    exact = is8_regions.is8_employment_itl2(2021).set_index(["itl2_code", "sector"])["employment"]
    for sector in is8_definitions.measurable_sectors():
        subs = _independent_subclasses(sector)
        by_region = cells[cells["subclass"].isin(subs)].groupby("itl2_code")["employment"].sum()
        assert len(by_region) == 40
        for region, value in by_region.items():
            assert exact[(region, sector)] == value, (region, sector)


# --- LQs -------------------------------------------------------------------

@pytest.mark.parametrize("year,definition", [(2021, "exact_5digit"), (2021, "approx_2digit"),
                                             (2023, "approx_2digit"), (2019, "exact_5digit")])
def test_employment_weighted_mean_lq_is_one(year, definition):
    lq = is8_regions.is8_lq_itl2(year, definition)
    assert lq["itl2_code"].nunique() == 40
    for sector, part in lq.groupby("sector"):
        weighted = (part["lq"] * part["region_total"]).sum() / part["region_total"].sum()
        assert weighted == pytest.approx(1.0, rel=1e-12), sector


def test_lq_matches_its_definition_for_one_cell():
    lq = is8_regions.is8_lq_itl2(2021).set_index(["itl2_code", "sector"])
    cells = _cells(2021)
    subs = _independent_subclasses("Financial Services")
    region = cells[cells["itl2_code"] == "TLD3"]
    local = region.loc[region["subclass"].isin(subs), "employment"].sum() / region["employment"].sum()
    national = cells.loc[cells["subclass"].isin(subs), "employment"].sum() / cells["employment"].sum()
    assert lq.loc[("TLD3", "Financial Services"), "lq"] == pytest.approx(local / national, rel=1e-12)


def test_gb_totals_equal_sum_of_regions():
    cells = _cells(2021)
    totals = is8_regions.region_totals(2021)
    assert len(totals) == 40
    assert totals.sum() == cells["employment"].sum()
    for region, value in cells.groupby("itl2_code")["employment"].sum().items():
        assert totals[region] == value
    # GB sector employment in the comparison table is the sum over the regions
    exact = is8_regions.is8_employment_itl2(2021).groupby("sector")["employment"].sum()
    versus = is8_regions.approx_vs_exact().set_index("sector")
    for sector in versus.index:
        assert versus.loc[sector, "exact"] == exact[sector]
    div23 = bres.itl2_division_employment_2023()
    assert is8_regions.region_totals(2023, "approx_2digit").sum() == div23["employment"].sum()
    # the whole of GB taken as one group has LQ 1 in every sector
    lq = is8_regions.is8_lq_itl2(2021)
    assert np.allclose(is8_regions.group_lq(lq, lq["itl2_code"].unique()).to_numpy(), 1.0)


def test_location_quotient_export():
    table = is8_regions.is8_location_quotients()
    assert list(table.columns) == ["itl2_code", "itl2_name", "year", "definition", "sector", "employment", "lq"]
    combos = set(zip(table["year"], table["definition"]))
    assert combos == {(2021, "exact_5digit"), (2021, "approx_2digit"), (2023, "approx_2digit")}
    assert not table.duplicated(["itl2_code", "year", "definition", "sector"]).any()
    assert "Clean Energy Industries" not in set(table["sector"])
    assert (table["lq"] >= 0).all()


# --- the 2-digit approximation ---------------------------------------------

def test_whole_division_sector_approximation_equals_exact():
    # Financial Services is defined by divisions 64, 65 and 66 (its other codes sit inside them).
    assert is8_regions.approx_2digit_divisions("Financial Services") == (64, 65, 66)
    exact = is8_regions.is8_lq_itl2(2021, "exact_5digit").set_index(["itl2_code", "sector"])
    approx = is8_regions.is8_lq_itl2(2021, "approx_2digit").set_index(["itl2_code", "sector"])
    key = [(r, "Financial Services") for r in exact.index.get_level_values(0).unique()]
    assert (exact.loc[key, "employment"].to_numpy() == approx.loc[key, "employment"].to_numpy()).all()
    assert np.allclose(exact.loc[key, "lq"].to_numpy(), approx.loc[key, "lq"].to_numpy(), rtol=1e-12)
    versus = is8_regions.approx_vs_exact().set_index("sector")
    assert versus.loc["Financial Services", "difference"] == 0


def test_approximation_rule_is_applied_as_documented():
    rules = is8_regions.approx_rule_table()
    included = rules[rules["included"]]
    assert ((included["share_covered"] >= is8_regions.APPROX_THRESHOLD) | included["whole_division_listed"]).all()
    excluded = rules[~rules["included"]]
    assert (excluded["share_covered"] < is8_regions.APPROX_THRESHOLD).all()
    assert (rules["share_covered"].between(0, 1)).all()
    assert is8_regions.approx_2digit_divisions("Clean Energy Industries") == ()
    # added and lost reconcile the two totals
    versus = is8_regions.approx_vs_exact()
    assert (versus["approx"] - versus["exact"] == versus["added"] - versus["lost"]).all()


# --- DCMS ------------------------------------------------------------------

def test_dcms_codes_are_parsed_to_classes():
    dcms = is8_definitions.dcms_lists()
    creative = dcms[dcms["dcms_sector"] == "creative"]
    assert len(creative) == 31                 # the DCMS 2016 creative definition has 31 codes
    assert "5920" in set(creative["sic_code"])  # published as 59.2
    assert "62.011" not in set(dcms["sic"])     # the tourism placeholder is dropped
    assert dcms["sic_code"].str.fullmatch(r"\d{4}").all()


def test_dcms_comparison_reconciles():
    summary = is8_comparisons.dcms_summary().set_index("is8_sector")
    rows = is8_comparisons.dcms_comparison()
    for sector in summary.index:
        is8_only = rows[(rows["is8_sector"] == sector) & (rows["side"] == "IS-8 only")]["gb_employment"].sum()
        dcms_only = rows[(rows["is8_sector"] == sector) & (rows["side"] == "DCMS only")]["gb_employment"].sum()
        s = summary.loc[sector]
        assert is8_only == s["employment_is8_only"] and dcms_only == s["employment_dcms_only"]
        assert s["employment_is8"] - s["employment_dcms"] == is8_only - dcms_only


# --- cities ----------------------------------------------------------------

def test_city_regions_are_sums_of_their_districts():
    table = is8_comparisons.city_vs_region().set_index(["area_code", "sector"])
    districts = bres.district_division_employment()
    districts = districts[districts["year"] == 2017]
    gm = [f"E080000{n:02d}" for n in range(1, 11)]        # the ten Greater Manchester districts
    divisions = list(is8_regions.approx_2digit_divisions("Professional and Business Services"))
    part = districts[districts["code"].isin(gm)]
    expected = part.loc[part["division"].isin(divisions), "employment"].sum()
    assert table.loc[("TLD3", "Professional and Business Services"), "employment"] == expected
    local = expected / part["employment"].sum()
    national = districts.loc[districts["division"].isin(divisions), "employment"].sum() / districts["employment"].sum()
    assert table.loc[("TLD3", "Professional and Business Services"), "lq"] == pytest.approx(local / national)


# --- claims ----------------------------------------------------------------

def test_blog_claims_shape():
    claims = blog.blog_claims()
    assert list(claims.columns) == ledger_columns()
    assert (claims[[verdict_column(v) for v in graded_vintages()]] == "").all().all()  # no BRES district vintages
    assert claims["claim_id"].is_unique and claims["claim_id"].str.fullmatch(r"B\d{2}").all()
    assert (claims["source"] == BLOG).all()
    assert set(claims["verdict"]) <= {"reproduced", "close", "differs", "cannot be tested"}
    assert (claims["reproduced"].str.len() > 0).all()
    verdicts = blog.claim_verdicts()
    assert list(verdicts["claim_id"]) == list(claims["claim_id"])
    assert (verdicts["verdict_exact_2021"].to_numpy() == claims["verdict"].to_numpy()).all()


def test_claim_counts_follow_the_lq_table():
    lq = is8_regions.is8_lq_itl2(2021)
    spec = is8_regions.specialisms(lq).set_index("itl2_code")
    gm = lq[(lq["itl2_code"] == "TLD3")]
    assert spec.loc["TLD3", "n_specialisms"] == int((gm["lq"] > 1).sum())
    claims = blog.blog_claims().set_index("claim_id")
    expected = "reproduced" if (gm["lq"] <= 1).all() else None
    if expected:
        assert claims.loc["B01", "verdict"] == expected
    else:
        above = gm.loc[gm["lq"] > 1, "lq"]
        assert claims.loc["B01", "verdict"] == ("close" if (above < 1 + LQ_MARGIN).all() else "differs")


def test_service_correlations_are_reproducible_and_consistent():
    first = is8_comparisons.service_correlations()
    second = is8_comparisons.service_correlations()
    pd.testing.assert_frame_equal(first, second)
    assert len(first) == 6
    wide = is8_regions.lq_wide(is8_regions.is8_lq_itl2(2021))
    r = np.corrcoef(wide["Creative Industries"], wide["Financial Services"])[0, 1]
    row = first[(first["sector_a"] == "Creative Industries") & (first["sector_b"] == "Financial Services")].iloc[0]
    assert row["pearson"] == pytest.approx(r)
    assert (first["pearson_low"] <= first["pearson_high"]).all()



def test_service_correlations_are_kept_by_the_lqs_values_and_follow_a_changed_lq():
    """The same LQs in another row order give the same correlations; a changed LQ gives
    its own, as a direct computation has them."""
    lq = is8_regions.is8_lq_itl2(2021)
    first = is8_comparisons.service_correlations(lq)
    pd.testing.assert_frame_equal(is8_comparisons.service_correlations(lq.iloc[::-1]), first)
    pd.testing.assert_frame_equal(is8_comparisons.service_correlations(wide=is8_regions.lq_wide(lq)), first)
    changed = lq.copy()
    row = changed.index[(changed["itl2_code"] == "TLI3") & (changed["sector"] == "Financial Services")][0]
    changed.loc[row, "lq"] = 0.5
    other = is8_comparisons.service_correlations(changed, resamples=0)
    wide = is8_regions.lq_wide(changed)
    pair = other[(other["sector_a"] == "Financial Services") & (other["sector_b"] == "Professional and Business "
                                                                                  "Services")].iloc[0]
    assert pair["pearson"] == np.corrcoef(wide["Financial Services"],
                                          wide["Professional and Business Services"])[0, 1]
    assert pair["pearson"] != first.loc[pair.name, "pearson"] and np.isnan(pair["pearson_low"])


# --- figures ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["is8_lq_heatmap", "is8_specialism_counts"])
def test_figures_are_labelled_and_deterministic(name, figures_from_another_process):
    fig = registry.figure_builder(name)()
    ax = fig.axes[0]
    assert ax.get_xlabel() and ax.get_ylabel() and (ax.get_title() or fig.get_suptitle())
    assert figures.png_bytes(fig) == figures_from_another_process[name]


# --- bad input ---------------------------------------------------------------

@pytest.fixture
def edited_definitions(tmp_path, monkeypatch):
    """A copy of the bundle's reference folder whose IS-8 definitions file the test edits."""
    shutil.copytree(config.data_dir() / "reference", tmp_path / "reference")
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATA_VERIFY", "warn")
    placeblind.clear_caches()
    yield tmp_path / "reference" / "IS8_sector_definitions_DanOlner_transcription.csv"
    placeblind.clear_caches()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_malformed_code_raises_data_error(edited_definitions):
    _replace(edited_definitions, "Manufacture of weapons and ammunition,NA,0,254",
             "Manufacture of weapons and ammunition,NA,0,ABC")
    with pytest.warns(DataWarning), pytest.raises(DataError, match="ABC") as error:
        is8_definitions.is8_definitions()
    assert "IS8_sector_definitions" in str(error.value)


def test_unknown_sector_raises_data_error(edited_definitions):
    _replace(edited_definitions, "Defence,Manufacture of weapons", "Defense,Manufacture of weapons")
    with pytest.warns(DataWarning), pytest.raises(DataError, match="unknown sector name"):
        is8_definitions.is8_definitions()


def test_frontier_codes_outside_the_sector_level_list_are_found():
    outside = is8_regions.frontier_codes_outside()
    # Division 29 (automotive) is listed only as a frontier industry of Advanced Manufacturing.
    row = outside[(outside["sector"] == "Advanced Manufacturing") & (outside["sic_code"] == "29")]
    assert len(row) == 1
    cells = _cells(2021)
    assert row["added_employment_2021"].iloc[0] == cells.loc[cells["subclass"].str.startswith("29"), "employment"].sum()
    # a frontier code inside a listed division (Financial Services' 64191 inside 64) adds nothing
    assert not ((outside["sector"] == "Financial Services")).any()
