"""Tests of the decade-on findings in the specification curves: the divide on the
graduate share, convergence, and the link between degrees and professional jobs
(placeblind.analysis.decade, placeblind.analysis.fit_samples,
placeblind.analysis.robustness, placeblind.claims.robustness).

The main specification must give the decade chapter's own glued numbers; each
single change of choice is checked against a hand computation from the inputs;
the grades and shares are re-derived from the estimates. No expected value is
copied from the modules' output.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from curve_specs import estimate as _estimate
from curve_specs import spec as _spec

from placeblind.analysis import decade, fit_samples
from placeblind.analysis import robustness as analysis
from placeblind.analysis import specifications as space
from placeblind.analysis.attainment import census_for_study
from placeblind.claims import findings, robustness
from placeblind.data.geography import ENGLAND_AND_WALES
from placeblind.data.study import england_and_wales_study
from placeblind.measures import robust_line
from placeblind.analysis.findings_decade import decade_findings
from placeblind.claims.robustness_findings import robustness_findings

PROFESSIONAL = "Professional, scientific & technical"
OWN = ("decade_divide", "decade_convergence", "decade_link")


@pytest.fixture(scope="module")
def graded():
    return robustness.graded_estimates()


@pytest.fixture(scope="module")
def facts():
    return decade_findings().set_index("quantity")["value"].to_dict()


@pytest.fixture(scope="module")
def districts():
    change = decade.attainment_change()
    return change[change["code"] != ENGLAND_AND_WALES]




def _residents(year: int, codes) -> np.ndarray:
    census = census_for_study(year, england_and_wales_study()).set_index("code")
    return census.loc[list(codes), "all_16plus"].to_numpy(float)


# --- the space ------------------------------------------------------------------------------------------

def test_the_decade_samples_and_areas_are_the_decade_chapters():
    # The decade chapter's samples, and every district less London's (the sceptic's, issue 18).
    assert set(space.values_of("decade_sample")) == {*decade.CONVERGENCE_SAMPLES, "all_without_london"}
    assert set(space.values_of("link_geography")) == set(fit_samples.LINK_GEOGRAPHIES)
    assert set(space.values_of("dispersion")) == set(decade.DISPERSION_MEASURES)
    assert space.main_value("dispersion") == "gap_90_10"  # the measure the decade chapter states first
    convergence = findings.specifications("decade_convergence")
    assert not ((convergence["slope_estimator"] == "huber") & (convergence["weighting"] != "none")).any()
    link = findings.specifications("decade_link")
    assert not ((link["estimator"] == "spearman") & (link["weighting"] != "none")).any()
    for finding_id in OWN:
        item = findings.finding(finding_id)
        assert item.own_reading and item.claim_id == ""


# --- the main specification is the decade chapter's ------------------------------------------------------

def test_main_estimates_equal_the_decade_chapters_glued_numbers(graded, facts):
    assert _estimate(graded, "decade_divide") == pytest.approx(facts["dec_l4_gap_2021"] - facts["dec_l4_gap_2011"],
                                                               abs=1e-12)
    assert _estimate(graded, "decade_divide", dispersion="sd") == pytest.approx(
        facts["dec_l4_sd_2021"] - facts["dec_l4_sd_2011"], abs=1e-12)
    assert _estimate(graded, "decade_convergence") == pytest.approx(facts["dec_conv_all_slope"], abs=1e-15)
    assert _estimate(graded, "decade_link") == pytest.approx(facts["dec_prof_r2_2021"] - facts["dec_prof_r2_2011"],
                                                             abs=1e-12)
    assert _estimate(graded, "decade_link", link_geography="itl3") == pytest.approx(
        facts["dec_itl3_prof_r2_2021"] - facts["dec_itl3_prof_r2_2011"], abs=1e-12)


def test_every_samples_least_squares_slope_is_the_exported_convergence_row(graded):
    exported = decade.convergence().set_index("sample")  # attainment_convergence.csv
    inputs = analysis.Inputs()
    for sample, row in exported.iterrows():
        assert _estimate(graded, "decade_convergence", decade_sample=sample) == pytest.approx(row["slope"], abs=1e-15)
        got = inputs.convergence(_spec("decade_convergence", decade_sample=sample))
        assert (got["low"], got["high"]) == pytest.approx((row["slope_ci_low"], row["slope_ci_high"]), abs=1e-15)
        assert got["reading"] == row["reading"]


def test_the_authorities_link_is_the_exported_fit(graded):
    fits = fit_samples.all_education_sector_fits()  # education_sector_fit.csv
    rows = fits[(fits["sample"] == "authorities_2025") & (fits["vintage"] == 2019) & (fits["sector"] == PROFESSIONAL)
                & (fits["education"] == "level4_plus")].set_index("census")["r2"]
    assert _estimate(graded, "decade_link", link_geography="authorities_2025") == pytest.approx(
        rows[2021] - rows[2011], abs=1e-12)


def test_the_main_readings_are_the_decade_chapters(facts, graded):
    summary = robustness.robustness_summary().set_index("finding")
    expected = {"decade_divide": facts["dec_l4_divide"], "decade_convergence": facts["dec_conv_all_reading"],
                "decade_link": facts["dec_prof_reading"]}
    for finding_id, reading in expected.items():
        assert summary.loc[finding_id, "main_reading"] == reading
        assert summary.loc[finding_id, "published"].endswith(reading)
        # The main specification gives the chapter's reading whenever that reading is a single word.
        main = graded[finding_id][graded[finding_id]["main"]].iloc[0]
        assert bool(main["supports_published"]) == (reading != "moved differently on the two measures")


# --- one choice changed, checked by hand ------------------------------------------------------------------

def test_interquartile_range_by_hand(graded, districts):
    iqr = [np.percentile(districts[f"pct_level4_plus_{y}"], 75) - np.percentile(districts[f"pct_level4_plus_{y}"], 25)
           for y in (2011, 2021)]
    assert _estimate(graded, "decade_divide", dispersion="iqr") == pytest.approx(iqr[1] - iqr[0], abs=1e-12)


def test_residents_weighted_standard_deviation_by_hand(graded, districts):
    sds = []
    for year in (2011, 2021):
        x, w = districts[f"pct_level4_plus_{year}"].to_numpy(float), _residents(year, districts["code"])
        mean = (w * x).sum() / w.sum()
        sds.append(np.sqrt((w * (x - mean) ** 2).sum() / w.sum()))
    assert _estimate(graded, "decade_divide", dispersion="sd", weighting="residents") == pytest.approx(
        sds[1] - sds[0], rel=1e-10)


def test_the_paper_districts_divide_uses_their_37_districts(graded, districts):
    paper = districts[districts["code"].isin(decade.paper_study().codes)]
    assert len(paper) == 37
    gap = [paper[f"pct_level4_plus_{y}"].quantile(0.9) - paper[f"pct_level4_plus_{y}"].quantile(0.1)
           for y in (2011, 2021)]
    assert _estimate(graded, "decade_divide", decade_sample="paper_districts") == pytest.approx(gap[1] - gap[0])


def test_weighted_percentiles_follow_the_weights():
    values = pd.Series([0.0, 10.0, 20.0])
    assert decade.dispersion(values, "gap_90_10") == pytest.approx(16.0)  # 18 less 2, by interpolation
    heavy_middle = pd.Series([1.0, 98.0, 1.0])
    assert decade.dispersion(values, "gap_90_10", heavy_middle) == 0.0  # both percentiles fall on 10
    assert decade.dispersion(values, "sd", heavy_middle) == pytest.approx(np.sqrt(2 * 100 / 100))
    assert decade.dispersion(values, "sd", pd.Series([1.0, 1.0, 1.0])) == pytest.approx(np.sqrt(200 / 3))


def test_residents_weighted_convergence_slope_by_hand(graded, districts):
    x, y = districts["pct_level4_plus_2011"].to_numpy(float), districts["change_level4_plus_pp"].to_numpy(float)
    w = _residents(2011, districts["code"])
    xm, ym = (w * x).sum() / w.sum(), (w * y).sum() / w.sum()
    slope = (w * (x - xm) * (y - ym)).sum() / (w * (x - xm) ** 2).sum()
    assert _estimate(graded, "decade_convergence", weighting="residents") == pytest.approx(slope, rel=1e-10)


def test_the_huber_line_resists_an_outlier_that_moves_least_squares():
    x = np.arange(20, dtype=float)
    y = 2 * x + 1 + np.tile([0.1, -0.1], 10)
    y[-1] = 200.0  # one district far off the line
    assert robust_line(x, y).params[1] == pytest.approx(2.0, abs=0.05)
    ols = (np.cov(x, y)[0, 1] / np.var(x, ddof=1))
    assert ols > 4.0


def test_the_huber_specification_is_the_robust_line_of_the_sample(graded, districts):
    authorities = districts[districts["authority_2025"] != ""]
    expected = robust_line(authorities["pct_level4_plus_2011"], authorities["change_level4_plus_pp"]).params[1]
    assert _estimate(graded, "decade_convergence", decade_sample="authorities_2025",
                     slope_estimator="huber") == pytest.approx(expected, abs=1e-15)


def test_rank_and_weighted_link_by_hand(graded):
    changes = []
    for census in (2011, 2021):
        frame = fit_samples.link_fit_inputs("all_districts", census)
        ranks = frame[["pct_level4_plus", PROFESSIONAL]].rank()
        changes.append(ranks.corr().iloc[0, 1] ** 2)
    assert _estimate(graded, "decade_link", estimator="spearman") == pytest.approx(changes[1] - changes[0], abs=1e-12)
    weighted = []
    for census in (2011, 2021):
        frame = fit_samples.link_fit_inputs("itl3", census)
        x, y, w = (frame[c].to_numpy(float) for c in ("pct_level4_plus", PROFESSIONAL, "all_16plus"))
        xm, ym = (w * x).sum() / w.sum(), (w * y).sum() / w.sum()
        r = (w * (x - xm) * (y - ym)).sum() / np.sqrt((w * (x - xm) ** 2).sum() * (w * (y - ym) ** 2).sum())
        weighted.append(r * r)  # a weighted line's r-squared is the squared weighted correlation
    assert _estimate(graded, "decade_link", link_geography="itl3", weighting="residents") == pytest.approx(
        weighted[1] - weighted[0], abs=1e-12)


def test_itl3_residents_are_the_sum_of_their_districts():
    frame = fit_samples.link_fit_inputs("itl3", 2021)
    census = census_for_study(2021, england_and_wales_study())
    assert frame["all_16plus"].sum() == census["all_16plus"].sum()


# --- grades and the summary -------------------------------------------------------------------------------

def _hand_reading(finding_id: str, estimate: float, spec: dict, inputs) -> str:
    if finding_id == "decade_divide":
        return "widened" if estimate > 0 else "narrowed"
    if finding_id == "decade_convergence":
        fit = inputs.convergence(spec)
        return "converging" if fit["high"] < 0 else "diverging" if fit["low"] > 0 else "neither"
    if abs(estimate) < decade.SAME_STRENGTH_R2:
        return "about as strong"
    return "stronger" if estimate > 0 else "weaker"


def test_each_specification_is_graded_by_the_decade_chapters_rule(graded):
    inputs = analysis.Inputs()
    readings = robustness.main_readings()
    for finding_id in OWN:
        item = findings.finding(finding_id)
        for _, row in graded[finding_id].iterrows():
            spec = {d: row[d] for d in item.dimensions}
            expected = _hand_reading(finding_id, row["estimate"], spec, inputs) == readings[finding_id]
            assert bool(row["supports_published"]) == expected, (finding_id, spec)


def test_summary_shares_and_the_sentence_follow_the_grades(graded):
    summary = robustness.robustness_summary().set_index("finding")
    facts = robustness_findings().set_index("quantity")["value"]
    sentence = facts["rob_own_readings"]
    for finding_id in OWN:
        share = graded[finding_id]["supports_published"].mean()
        assert summary.loc[finding_id, "share_supporting"] == share
        assert f"holds in {100 * share:.0f}% of its {len(graded[finding_id])} specifications" in sentence
        assert bool(summary.loc[finding_id, "own_reading"])


def test_the_books_own_readings_stay_out_of_the_ledger():
    assert "" not in robustness.claim_support_shares()
    assert "" not in robustness.ledger_robustness()


# --- bad inputs -------------------------------------------------------------------------------------------

def test_bad_choices_are_errors():
    values = pd.Series([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="measure must be one of"):
        decade.dispersion(values, "range")
    with pytest.raises(ValueError, match="weighting must be one of"):
        decade.spread("level4_plus", "all_districts", "sd", "jobs")
    with pytest.raises(ValueError, match="sample must be one of"):
        decade.spread("level4_plus", "scotland")
    with pytest.raises(ValueError, match="estimator must be one of"):
        decade.convergence_slope(estimator="median")
    with pytest.raises(ValueError, match="unweighted"):
        decade.convergence_slope(weighting="residents", estimator="huber")
    with pytest.raises(ValueError, match="weighting must be one of"):
        decade.convergence_slope(weighting="jobs")
    with pytest.raises(ValueError, match="census must be 2011 or 2021"):
        decade.decade_fit_inputs(2001)
    with pytest.raises(ValueError, match="geography must be one of"):
        fit_samples.link_fit_inputs("itl2", 2021)
    with pytest.raises(ValueError, match="estimator must be"):
        fit_samples.link_r2("itl3", PROFESSIONAL, estimator="kendall")
    with pytest.raises(ValueError, match="unweighted"):
        fit_samples.link_r2("itl3", PROFESSIONAL, weighting="residents", estimator="spearman")
    with pytest.raises(ValueError, match="weighting must be one of"):
        fit_samples.link_r2("itl3", PROFESSIONAL, weighting="jobs")
    with pytest.raises(ValueError, match="not one of the book's own readings"):
        robustness.specification_reading(analysis.Inputs(), "attainment_divide", {}, 0.0)
