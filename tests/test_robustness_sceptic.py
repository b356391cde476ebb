"""The sceptic's three choices (issue 18): London left out, the relative (log)
scale and the known-level denominator. Each new value moves its estimate as a
hand computation from the parsed cells says, in the direction expected; the
main specification is untouched (still the ledger's and the chapters'); every
finding and choice is either a choice of the curve or has its reason; the
robustness chapter's facts are a registered table and the old module is gone.
"""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest
from curve_specs import estimate as _estimate
from curve_specs import spec as _spec

from placeblind.analysis import robustness as analysis
from placeblind.analysis import robustness_regions as regional
from placeblind.analysis import specifications as space
from placeblind.analysis.attainment import census_for_study
from placeblind.analysis.decade_bases import decade_districts
from placeblind.analysis.is8_regions import lq_wide
from placeblind.claims import findings, robustness
from placeblind.data.bres import district_broad_group_employment
from placeblind.data.census import share_base, with_percentages
from placeblind.data.study import paper_study
from placeblind.publishing import facts, registry

PROFESSIONAL = "Professional, scientific & technical"
DIGITAL = "Information & communication"


@pytest.fixture(scope="module")
def graded():
    return robustness.graded_estimates()


@pytest.fixture(scope="module")
def inputs():
    return analysis.Inputs()




# --- London out of the reference area ---------------------------------------------------------------------

def test_london_out_of_the_district_reference_by_hand(inputs):
    """Without London, GB's professional share falls, so every district's LQ rises by one factor."""
    table = district_broad_group_employment(2017)
    rest = table[~table["code"].str.startswith("E09")].groupby("sector", observed=True)["employment"].sum()
    whole = table.groupby("sector", observed=True)["employment"].sum()
    share_rest = rest[PROFESSIONAL] / rest.sum()
    share_whole = whole[PROFESSIONAL] / whole.sum()
    assert share_rest < share_whole   # London holds more than its share of professional jobs
    gb = inputs.sector("2017", "GB", "paper_37", PROFESSIONAL)
    without = inputs.sector("2017", "GB_without_London", "paper_37", PROFESSIONAL)
    np.testing.assert_allclose(without["lq"] / gb["lq"], share_whole / share_rest, rtol=1e-12)
    # So fewer of the paper's districts sit below the cut-off (P23), never more.
    spec = _spec("professional_below_one", base="GB_without_London")
    assert analysis.share_below_cutoff(inputs, spec, PROFESSIONAL) <= analysis.share_below_cutoff(
        inputs, _spec("professional_below_one"), PROFESSIONAL)


def test_london_out_of_a_2019_reference_is_not_a_specification():
    for finding_id in ("professional_below_one", "digital_below_one"):
        specs = findings.specifications(finding_id)
        assert not ((specs["base"] == "GB_without_London") & (specs["bres_year"] == "2019")).any()
        assert ((specs["base"] == "GB_without_London") & (specs["bres_year"] == "2017")).any()
    with pytest.raises(ValueError, match="shares only"):
        analysis.district_measures("2019", "GB_without_London", "paper")


def test_london_out_of_the_region_reference_by_hand(inputs):
    """The regions' LQs on GB less London: London's regions gone, each sector's LQ
    rescaled by one factor (GB's share over the rest's), above 1 where London is
    more specialised than the rest."""
    spec = _spec("greater_manchester_none", base="GB_without_London")
    without = inputs.region(spec)
    gb = inputs.region(_spec("greater_manchester_none"))
    assert not without["itl2_code"].str.startswith("TLI").any()
    assert gb["itl2_code"].str.startswith("TLI").any()
    totals = gb.drop_duplicates("itl2_code").set_index("itl2_code")["region_total"]
    rest = totals[~totals.index.str.startswith("TLI")]
    merged = without.merge(gb, on=["itl2_code", "sector"], suffixes=("_out", "_gb"))
    for sector, rows in merged[merged["lq_gb"] > 0].groupby("sector"):   # an LQ of 0 stays 0
        in_sector = gb[gb["sector"] == sector].set_index("itl2_code")["employment"]
        measured = totals.reindex(in_sector.index)
        share_gb = in_sector.sum() / measured.sum()
        share_rest = in_sector.reindex(rest.index).dropna().sum() / measured.reindex(rest.index).dropna().sum()
        np.testing.assert_allclose(rows["lq_out"] / rows["lq_gb"], share_gb / share_rest, rtol=1e-9)


def test_london_out_reaches_every_region_count_but_not_england_for_b08():
    for finding_id in ("greater_manchester_none", "west_midlands_none", "west_midlands_manufacturing",
                       "five_without_specialism", "all_eight"):
        assert "GB_without_London" in set(findings.specifications(finding_id)["base"]), finding_id
    assert set(findings.specifications("all_eight")["base"]) == {"GB", "GB_without_London"}


# --- the known-level denominator ---------------------------------------------------------------------------

def test_known_level_shares_by_hand(inputs):
    counts = census_for_study(2011, paper_study()).set_index("code")
    known = inputs.census("2011", "paper", "known_level")
    code = counts.index[0]
    row = counts.loc[code]
    assert known.loc[code, "pct_level4_plus"] == pytest.approx(
        100 * row["level4_plus"] / (row["all_16plus"] - row["other"]), rel=1e-12)
    # A smaller denominator: every share rises (no district lacks 'other qualifications').
    assert (known["pct_level4_plus"] > counts["pct_level4_plus"]).all()
    assert (known["pct_no_qualifications"] > counts["pct_no_qualifications"]).all()
    assert (known["all_16plus"] == counts["all_16plus"]).all()   # the weights stay every resident


def test_the_one_denominator_rule():
    frame = pd.DataFrame({"all_16plus": [100.0], "level4_plus": [30.0], "other": [10.0]})
    assert with_percentages(frame, ["level4_plus"])["pct_level4_plus"].iloc[0] == pytest.approx(30.0)
    assert with_percentages(frame, ["level4_plus"], "known_level")["pct_level4_plus"].iloc[0] == pytest.approx(
        100 * 30 / 90)
    with pytest.raises(ValueError, match="denominator must be one of"):
        share_base(frame["all_16plus"], frame["other"], "households")


def test_known_level_moves_the_divide_and_the_fits_by_hand(graded, inputs):
    known = inputs.census("2011", "paper", "known_level")
    r = np.corrcoef(known["pct_no_qualifications"], known["pct_level4_plus"])[0, 1]
    assert _estimate(graded, "attainment_divide", denominator="known_level") == pytest.approx(r, abs=1e-12)
    jobs = inputs.sector("2017", "GB", "paper_37", PROFESSIONAL)["share_pct"]
    joined = known[["pct_level4_plus"]].join(jobs, how="inner")
    r2 = np.corrcoef(joined["pct_level4_plus"], joined["share_pct"])[0, 1] ** 2
    assert _estimate(graded, "table4_professional", denominator="known_level") == pytest.approx(r2, abs=1e-12)


# --- the decade: relative scale, known level, London out -------------------------------------------------

def test_decade_relative_spread_by_hand(graded):
    change = decade_districts()
    shares = [np.log(100 * change[f"level4_plus_{y}"] / change[f"all_16plus_{y}"]) for y in (2011, 2021)]
    expected = float(shares[1].std() - shares[0].std())
    assert _estimate(graded, "decade_divide", dispersion="sd", decade_scale="relative") == pytest.approx(
        expected, abs=1e-12)
    # Every share grew more in points where it was high and less in proportion: the two scales part.
    absolute = _estimate(graded, "decade_divide", dispersion="sd")
    assert absolute > 0 and expected < 0


def test_decade_without_london_by_hand(graded):
    change = decade_districts()
    rest = change[~change["london"]]
    assert len(change) - len(rest) == 33
    sd = [(100 * rest[f"level4_plus_{y}"] / rest[f"all_16plus_{y}"]).std() for y in (2011, 2021)]
    assert _estimate(graded, "decade_divide", dispersion="sd", decade_sample="all_without_london") == pytest.approx(
        sd[1] - sd[0], abs=1e-12)


def test_decade_convergence_relative_and_known_level_by_hand(inputs):
    change = decade_districts()
    first = 100 * change["level4_plus_2011"] / change["all_16plus_2011"]
    second = 100 * change["level4_plus_2021"] / change["all_16plus_2021"]
    slope = np.polyfit(np.log(first), np.log(second / first), 1)[0]
    got = inputs.convergence(_spec("decade_convergence", decade_scale="relative"))
    assert got["slope"] == pytest.approx(slope, abs=1e-12)
    known = [100 * change[f"level4_plus_{y}"] / (change[f"all_16plus_{y}"] - change[f"other_{y}"]) for y in (2011, 2021)]
    slope = np.polyfit(known[0], known[1] - known[0], 1)[0]
    got = inputs.convergence(_spec("decade_convergence", denominator="known_level"))
    assert got["slope"] == pytest.approx(slope, abs=1e-12)


def test_only_the_whole_of_england_and_wales_can_leave_london_out():
    """The 2025 authorities and the paper's districts hold no London district, so
    'without London' is a new sample of every district only."""
    for finding_id in ("decade_divide", "decade_convergence"):
        specs = findings.specifications(finding_id)
        assert "all_without_london" in set(specs["decade_sample"])
    districts = decade_districts()
    london = set(districts.loc[districts["london"], "code"])
    assert not london & set(paper_study().codes)
    assert not london & set(districts.loc[districts["authority_2025"] != "", "code"])


# --- log LQs for co-location -------------------------------------------------------------------------------

def test_colocation_on_log_lqs_by_hand(inputs):
    spec = _spec("service_colocation", lq_scale="log_lq")
    table = inputs.services(spec)
    first = table.iloc[0]
    wide = np.log(lq_wide(inputs.region(spec))[[first["sector_a"], first["sector_b"]]])
    expected = np.corrcoef(wide[first["sector_a"]], wide[first["sector_b"]])[0, 1]
    assert first["pearson"] == pytest.approx(expected, abs=1e-12)
    ranks = findings.specifications("service_colocation")
    assert not ((ranks["estimator"] == "spearman") & (ranks["lq_scale"] == "log_lq")).any()


# --- the main specification and the inventory --------------------------------------------------------------

def test_the_main_specification_takes_none_of_the_new_values():
    for dimension, value in (("base", "GB_without_London"), ("denominator", "known_level"),
                             ("decade_scale", "relative"), ("decade_sample", "all_without_london"),
                             ("lq_scale", "log_lq")):
        assert space.main_value(dimension) != value


def test_every_finding_and_choice_is_a_choice_or_has_its_reason():
    inventory = robustness.sceptic_inventory()
    assert len(inventory) == 3 * len(findings.FINDINGS)
    assert (inventory["applies"] == (inventory["why_not"] == "")).all()
    assert (inventory.loc[inventory["applies"], "n_specifications"] > 0).all()
    applies = inventory.set_index(["finding", "choice"])["applies"]
    for finding_id in ("attainment_divide", "table4_professional", "table4_digital",
                       "manufacturing_no_qualifications", "decade_divide", "decade_convergence"):
        assert applies[(finding_id, "known-level denominator")], finding_id


def test_a_choice_both_taken_and_excused_is_refused(monkeypatch):
    monkeypatch.setitem(findings.SCEPTIC_NOT_APPLIED, ("attainment_divide", "London left out"), "no reason")
    with pytest.raises(ValueError, match="taken or have a reason"):
        robustness.sceptic_inventory()


def test_excluding_the_main_value_is_refused():
    with pytest.raises(ValueError, match="cannot exclude"):
        space.specification_grid("x", ("base",), excluded=(("base", "GB"),))


# --- the chapter's facts ------------------------------------------------------------------------------------

def test_the_robustness_facts_are_a_registered_table_and_resolve():
    declared = facts.declared("robustness")
    # the chapter's own findings table, and the IS-8 cells its captions count from (the five areas, the
    # service sectors): every one a registered table, none a publishing module's dictionary
    tables = {f.table for f in declared}
    assert "robustness_findings" in tables and tables <= set(registry.TABLES)
    names = {f.name for f in declared}
    assert {item.glue for item in findings.FINDINGS} <= names
    for fact in declared:
        value, text = facts.resolve(fact)
        assert text
    assert facts.resolve(next(f for f in declared if f.name == "rob_robust_share"))[1] == "80"


def test_the_old_facts_module_is_gone():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("placeblind.publishing.facts_robustness")


def test_the_link_without_london_and_on_logs_by_hand(inputs):
    from placeblind.analysis.fit_samples import link_fit_inputs

    frame = link_fit_inputs("itl3", 2021)
    rest = frame[~frame.index.str.startswith("TLI")]
    assert 0 < len(frame) - len(rest) < len(frame)
    r2 = np.corrcoef(rest["pct_level4_plus"], rest[PROFESSIONAL])[0, 1] ** 2
    spec = _spec("decade_link", link_geography="itl3", link_london="out")
    assert inputs.link(spec)[1] == pytest.approx(r2, abs=1e-12)
    logged = np.corrcoef(frame["pct_level4_plus"], np.log(frame[PROFESSIONAL]))[0, 1] ** 2
    spec = _spec("decade_link", link_geography="itl3", outcome_scale="log_share")
    assert inputs.link(spec)[1] == pytest.approx(logged, abs=1e-12)
    link = findings.specifications("decade_link")
    assert not ((link["link_london"] == "out") & (link["link_geography"] == "authorities_2025")).any()


def test_a_re_referenced_frame_is_the_frame_computed_for_those_regions():
    from placeblind.analysis.is8_regions import EXACT, is8_lq_itl2, lq_with_columns

    for regions in (regional.english_regions(), regional.regions_without_london()):
        quick = regional.rereferenced(is8_lq_itl2(2021, EXACT), regions)
        full = lq_with_columns(2021, EXACT, regional.sector_subclasses("included", "is8", "overlapping"), regions)
        merged = quick.merge(full, on=["itl2_code", "sector"], suffixes=("_quick", "_full"), validate="one_to_one")
        assert len(merged) == len(full) == len(quick)
        np.testing.assert_allclose(merged["lq_quick"], merged["lq_full"], rtol=1e-12)


def test_a_fit_s_r_squared_and_direction_are_the_least_squares_line_s(inputs):
    from placeblind.measures import least_squares

    for finding_id in analysis.FITS:
        sector, education = analysis.FITS[finding_id]
        specs = findings.specifications(finding_id)
        specs = specs[specs["estimator"] == "pearson"].iloc[::23]
        for values in specs[list(findings.finding(finding_id).dimensions)].itertuples(index=False):
            spec = dict(zip(findings.finding(finding_id).dimensions, values))
            r2, direction = analysis.fit_estimate(inputs, spec, sector, education)
            joined = inputs.fit_inputs(spec["bres_year"], spec["census_year"], spec["sample"], sector, education,
                                       spec["denominator"])
            if spec["outcome_scale"] == "log_share":
                joined = joined[joined["share_pct"] > 0].assign(share_pct=lambda f: np.log(f["share_pct"]))
            weights = joined["all_16plus"] if spec["weighting"] == "residents" else None
            model = least_squares(joined[education], joined["share_pct"], weights)
            assert r2 == pytest.approx(model.rsquared, abs=1e-12)
            assert direction == np.sign(model.params.iloc[1] if hasattr(model.params, "iloc") else model.params[1])
