"""Tests of the specification curves (placeblind.analysis.specifications,
placeblind.analysis.robustness, placeblind.claims.robustness).

The main specification must give the main chapters' own numbers; a single
changed choice must move an estimate as a hand computation from the parsed
cells says; the summary's shares must follow from the graded specifications.
No expected value is copied from the module's output.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from placeblind.analysis import robustness as analysis
from placeblind.analysis import robustness_regions as regional
from placeblind.analysis import specifications as space
from placeblind.analysis.attainment import attainment_2011, attainment_facts
from placeblind.analysis.education_fits import education_sector_fits, fit_lookup
from placeblind.analysis.is8_comparisons import service_correlations
from placeblind.analysis.is8_regions import is8_lq_itl2, lq_wide, specialisms
from placeblind.analysis.sector_measures import study_measures
from placeblind.analysis.sector_readings import authorities_without, lq_facts, manufacturing_largest
from placeblind.analysis.vintages import pooled_lq
from placeblind.claims import blog, findings, paper_fits, robustness, rules
from placeblind.claims.ledger import claims_ledger
from placeblind.data import bres
from placeblind.data.study import paper_study


@pytest.fixture(scope="module")
def graded():
    return robustness.graded_estimates()


def _main(graded, finding_id: str) -> pd.Series:
    frame = graded[finding_id]
    return frame[frame["main"]].iloc[0]


def _spec(finding_id: str, **changes) -> dict:
    """The main specification of a finding with some choices changed."""
    item = findings.finding(finding_id)
    spec = {d: space.main_value(d) for d in item.dimensions}
    unknown = set(changes) - set(spec)
    assert not unknown, unknown
    return {**spec, **changes}


# --- the space ------------------------------------------------------------------------------------------

def test_every_finding_has_one_main_specification_and_no_duplicates():
    for item in findings.FINDINGS:
        specs = findings.specifications(item.finding)
        assert specs["main"].sum() == 1
        assert not specs.duplicated(list(item.dimensions)).any()
        assert specs["specification_id"].is_unique
        for dimension in item.dimensions:
            assert set(specs[dimension]) <= set(space.values_of(dimension))


def test_the_space_leaves_out_what_cannot_be_measured():
    fits = findings.specifications("table4_professional")
    ranks = fits[fits["estimator"] == "spearman"]
    assert (ranks["weighting"] == "none").all() and (ranks["outcome_scale"] == "share").all()
    regions = findings.specifications("west_midlands_none")
    assert not ((regions["sector_definition"] == "exact") & (regions["region_year"] == "2023")).any()
    approx = regions[regions["sector_definition"] != "exact"]
    assert (approx["frontier_codes"] == "included").all()
    largest = findings.specifications("manufacturing_largest")
    assert set(largest["sample"]) == set(space.PAPER_SAMPLES)


def test_every_dimension_has_one_main_value_and_a_label():
    for dimension, rows in space.dimensions().groupby("dimension"):
        assert rows["main"].sum() == 1, dimension
        assert dimension in space.DIMENSION_LABELS
        assert rows["value"].is_unique


def test_no_two_dimensions_share_a_label():
    """Each choice's label (Table 10.1's first column, and the prefix of every
    "choice: value" in the summaries) names what differs: the districts' BRES year
    is not the regions', the paper's districts are not the decade's."""
    labels = [space.DIMENSION_LABELS[d] for d in space.dimensions()["dimension"].unique()]
    assert len(labels) == len(set(labels)), sorted(label for label in labels if labels.count(label) > 1)
    assert set(space.DIMENSION_LABELS) == set(space.dimensions()["dimension"])


def test_unknown_names_are_errors():
    with pytest.raises(ValueError, match="unknown finding"):
        findings.specifications("no_such_finding")
    with pytest.raises(ValueError, match="unknown dimension"):
        space.main_value("colour")
    with pytest.raises(ValueError, match="unknown dimension"):
        space.values_of("colour")
    with pytest.raises(ValueError, match="unknown sample"):
        analysis.sample_codes("without_atlantis")
    wide = lq_wide(is8_lq_itl2()).droplevel("itl2_name")
    with pytest.raises(ValueError, match="unknown region sample"):
        regional.service_table(wide, "mars")
    with pytest.raises(ValueError, match="unknown LQ scale"):
        regional.service_table(wide, "all", "ratio")


def test_samples_leave_out_what_they_name():
    paper = set(paper_study().codes)
    names = dict(zip(paper_study().codes, paper_study().names))
    without = set(analysis.sample_codes("without_cambridge"))
    assert {names[c] for c in paper - without} == {"Cambridge", "South Cambridgeshire"}
    wm = set(analysis.sample_codes("without_west_midlands"))
    assert len(paper - wm) == 7  # the seven West Midlands districts (bundle README)
    london = set(analysis.sample_codes("england_and_wales")) - set(
        analysis.sample_codes("england_and_wales_without_london"))
    assert len(london) == 33 and all(c.startswith("E09") for c in london)  # 32 boroughs and the City


# --- the main specification is the book's own -----------------------------------------------------------

def test_main_estimates_equal_the_main_chapters(graded):
    r = attainment_facts(attainment_2011())["r_noq_l4"]
    assert _main(graded, "attainment_divide")["estimate"] == pytest.approx(r, abs=1e-12)
    facts = lq_facts(2017)
    n = len(paper_study().codes)
    assert _main(graded, "professional_below_one")["estimate"] == pytest.approx(100 * facts["n_prof_below_one"] / n)
    pooled = pooled_lq(2017, "Information & communication", paper_study())
    assert _main(graded, "digital_below_one")["estimate"] == pytest.approx(pooled, abs=1e-12)
    fits = education_sector_fits()
    for finding_id, sector, education in (
            ("table4_professional", "Professional, scientific & technical", "level4_plus"),
            ("table4_digital", "Information & communication", "level4_plus"),
            ("manufacturing_no_qualifications", "Manufacturing", "no_qualifications")):
        row = fit_lookup(fits, "study_districts", 2017, sector, education)
        assert _main(graded, finding_id)["estimate"] == pytest.approx(row["r2"], abs=1e-12)
        assert _main(graded, finding_id)["direction"] == np.sign(row["r"])
    lq = is8_lq_itl2()
    am = lq.loc[(lq["itl2_code"] == "TLG3") & (lq["sector"] == "Advanced Manufacturing"), "lq"].iloc[0]
    assert _main(graded, "west_midlands_manufacturing")["estimate"] == pytest.approx(am)
    assert _main(graded, "service_colocation")["estimate"] == pytest.approx(service_correlations()["pearson"].median(),
                                                                           abs=1e-12)


def test_main_grades_equal_the_ledger(graded):
    """For every claim with specifications, the grade at the main specification is
    the ledger's (a sector claim's verdict in the main specification's BRES year, 2017)."""
    ledger = claims_ledger().set_index("claim_id")
    assert space.main_value("bres_year") == "2017"
    for item in findings.FINDINGS:
        if item.own_reading:
            continue
        row = ledger.loc[item.claim_id]
        expected = row["verdict_2017"] or row["verdict"]
        main = _main(graded, item.finding)
        assert main["verdict"] == expected, item.claim_id
        assert bool(main["supports_published"]) == (expected in robustness.SUPPORTING), item.claim_id


def test_every_claim_prints_the_rule_and_the_margins_it_uses():
    ledger = claims_ledger().set_index("claim_id")
    objects = {**robustness.CLAIMS, **{c.claim_id: c for c in blog.CLAIM_OBJECTS},
               **{c.claim_id: c for c in paper_fits.CLAIM_OBJECTS}}
    for claim_id, claim in objects.items():
        assert ledger.loc[claim_id, "rule"] == claim.rule, claim_id
        for margin in claim.margins:
            assert f"{margin:g}" in claim.rule, (claim_id, margin)
    margins = {"B01": rules.LQ_MARGIN, "B03": rules.LQ_MARGIN, "B06": rules.CORRELATION_MARGIN,
               "P08": rules.CORRELATION_MARGIN, "P36": rules.CORRELATION_MARGIN, "P41": rules.CORRELATION_MARGIN}
    for claim_id, margin in margins.items():
        assert margin in objects[claim_id].margins, claim_id
    # Table 4's readings of the paper's words: every threshold the object tests is one it prints.
    thresholds = {"P37": (-0.7, 0.25), "P38": (0.1, 0.5), "P40": (0.05, 0.1), "P42": (0.25,)}
    for claim_id, expected in thresholds.items():
        assert objects[claim_id].margins == expected, claim_id


def test_the_lead_counts_are_the_ledger_counts(graded):
    inputs = analysis.Inputs()
    largest = manufacturing_largest(2017)
    expected = (len(authorities_without(largest.loc[~largest["joint"], "name"])),
                len(authorities_without(largest["name"])))
    assert analysis.manufacturing_lead_counts(inputs, _spec("manufacturing_largest")) == expected
    assert _main(graded, "manufacturing_largest")["estimate"] == expected[1]


# --- one choice changed, checked by hand ------------------------------------------------------------------

def _hand_lq(year: int, region: str, keep) -> float:
    cells = bres.itl2_subclass_employment()
    cells = cells[cells["year"] == year]
    inside = cells[cells["subclass"].map(keep)]
    local = inside.loc[inside["itl2_code"] == region, "employment"].sum() / \
        cells.loc[cells["itl2_code"] == region, "employment"].sum()
    return float(local / (inside["employment"].sum() / cells["employment"].sum()))


def test_division_29_out_of_advanced_manufacturing_for_the_west_midlands():
    # Advanced Manufacturing's sector-level codes are divisions 20, 26, 27, 28 and 30; its frontier codes
    # reach outside them only through division 29 (motor vehicles) and class 33.16 (aircraft repair).
    inputs = analysis.Inputs()
    main = analysis.region_sector_lq(inputs, _spec("west_midlands_manufacturing"), "TLG3", "Advanced Manufacturing")
    without = analysis.region_sector_lq(inputs, _spec("west_midlands_manufacturing", frontier_codes="excluded"),
                                        "TLG3", "Advanced Manufacturing")
    sector_level = ("20", "26", "27", "28", "30")
    assert without == pytest.approx(_hand_lq(2021, "TLG3", lambda s: s.startswith(sector_level)))
    assert main == pytest.approx(_hand_lq(2021, "TLG3", lambda s: s.startswith((*sector_level, "29", "3316"))))
    assert without < 1 < main  # the specialism is the motor industry's


def test_the_lq_cutoff_counts_sectors_against_the_book_lqs():
    lq = is8_lq_itl2()
    gm = lq[lq["itl2_code"] == "TLD3"]
    inputs = analysis.Inputs()
    for cutoff in space.values_of("lq_cutoff"):
        got = analysis.sectors_above(inputs, _spec("greater_manchester_none", lq_cutoff=cutoff), "TLD3")
        assert got == (gm["lq"] > float(cutoff)).sum()


def test_regions_above_in_all_is_the_book_count_of_full_specialisms():
    inputs = analysis.Inputs()
    for cutoff in space.values_of("lq_cutoff"):
        spec = _spec("all_eight", lq_cutoff=cutoff, region_year="2018")
        lq = inputs.region(spec)
        expected = specialisms(lq.assign(lq=lq["lq"] / float(cutoff)))["all_measured"].sum()
        assert analysis.regions_above_in_all(inputs, spec) == expected


def test_the_curve_grades_each_region_claim_as_the_ledger_does_on_every_specification(graded):
    """The ledger's path (the claim's view made from the long LQ frame, the cut-off
    applied to the LQs) and the curve's (the memoised region-by-sector table) give
    the same grade on every specification of every blog claim read off regions."""
    inputs = analysis.Inputs()
    ledger_claims = {c.claim_id: c for c in blog.all_claims()}
    for finding_id in ("greater_manchester_none", "west_midlands_none", "west_midlands_manufacturing",
                       "five_without_specialism", "all_eight"):
        item = findings.finding(finding_id)
        frame = graded[finding_id]
        for values, verdict in zip(frame[list(item.dimensions)].itertuples(index=False), frame["verdict"]):
            spec = dict(zip(item.dimensions, values))
            lq = inputs.region(spec)
            cutoff = float(spec.get("lq_cutoff", "1"))
            assert ledger_claims[item.claim_id].test(lq.assign(lq=lq["lq"] / cutoff)).verdict == verdict, spec


@pytest.mark.parametrize(("region_sample", "scale"), [("all", "lq"), ("without_london", "log_lq"),
                                                      ("england", "log_lq")])
def test_service_table_reads_the_regions_and_scale_it_names(region_sample, scale):
    """The table read from the wide LQs (as the specifications read it) is, to the
    last digit, the correlations of the long frame cut to the same regions and
    scale, and a region with a service LQ of 0 has no log and leaves the table."""
    lq = is8_lq_itl2()
    lq.loc[(lq["itl2_code"] == "TLC3") & (lq["sector"] == regional.SERVICE_SECTORS[0]), "lq"] = 0.0
    long = lq
    if scale == "log_lq":
        services = long[long["sector"].isin(regional.SERVICE_SECTORS)]
        long = long[~long["itl2_code"].isin(services.loc[services["lq"] <= 0, "itl2_code"])]
        long = long.assign(lq=np.log(long["lq"].where(long["lq"] > 0)))
    if region_sample == "without_london":
        long = long[~long["itl2_code"].str.startswith("TLI")]
    elif region_sample == "england":
        long = long[long["itl2_code"].isin(regional.english_regions())]
    expected = service_correlations(long.reset_index(drop=True), resamples=0)
    table = regional.service_table(lq_wide(lq).droplevel("itl2_name"), region_sample, scale)
    pd.testing.assert_frame_equal(table, expected, check_exact=True)
    assert (table["n"] < len(lq_wide(lq))).all() == (region_sample != "all" or scale == "log_lq")


def test_colocation_is_graded_on_every_coefficient():
    """B06 by the ledger's rule: a specification whose coefficients all lie within
    the margin of the band holds; the intervals play no part."""
    claim = robustness.claim_of("service_colocation")
    table = pd.DataFrame({"pearson": [0.65, 0.7, 0.75], "pearson_low": [-1.0] * 3, "pearson_high": [1.0] * 3})
    assert claim.grade(robustness.CorrelationView(table)).verdict == "reproduced"
    table["pearson"] = [0.65, 0.7, 0.6 - rules.CORRELATION_MARGIN / 2]
    grade = claim.grade(robustness.CorrelationView(table))
    assert (grade.verdict, grade.value) == ("close", table["pearson"].iloc[2])
    table["pearson"] = [0.65, 0.7, 0.6 - 2 * rules.CORRELATION_MARGIN]  # an interval reaching the band no longer helps
    assert claim.grade(robustness.CorrelationView(table)).verdict == "differs"


def test_west_midlands_manufacturing_is_graded_on_tlg3_alone(graded):
    frame = graded["west_midlands_manufacturing"]
    spec = _spec("west_midlands_manufacturing", frontier_codes="excluded")
    row = frame[(frame[list(spec)] == pd.Series(spec)).all(axis=1)].iloc[0]
    # TLG3 well below the margin, while the whole ITL1 region (which B03 once accepted) is not graded
    assert row["estimate"] < 1 - rules.LQ_MARGIN and row["verdict"] == "differs"
    summary = robustness.robustness_summary().set_index("finding")
    assert "frontier codes: without frontier codes" in summary.loc["west_midlands_manufacturing",
                                                                    "single_choices_that_flip"]


def test_england_as_base_rescales_district_lqs_by_one_factor_per_sector():
    inputs = analysis.Inputs()
    gb = inputs.sector("2017", "GB", "paper_37", "Professional, scientific & technical")
    england = inputs.sector("2017", "England", "paper_37", "Professional, scientific & technical")
    ratio = england["lq"] / gb["lq"]
    assert np.allclose(ratio, ratio.iloc[0])
    measures = study_measures(2017, "England")
    assert england["lq"].to_numpy() == pytest.approx(
        measures.loc[measures["sector"] == "Professional, scientific & technical", "lq"].to_numpy())


def test_the_mean_year_is_the_mean_of_the_three_years():
    inputs = analysis.Inputs()
    sector = "Manufacturing"
    years = [inputs.sector(y, "GB", "paper_37", sector)["lq"] for y in ("2015", "2016", "2017")]
    mean = inputs.sector("mean_2015_2017", "GB", "paper_37", sector)["lq"]
    assert mean.to_numpy() == pytest.approx(sum(y.to_numpy() for y in years) / 3)


def test_disjoint_services_share_no_subclass():
    sets = regional.sector_subclasses("included", "is8", "disjoint")
    services = [set(sets[s]) for s in regional.SERVICE_SECTORS]
    for i, a in enumerate(services):
        for b in services[i + 1:]:
            assert not a & b
    overlapping = regional.sector_subclasses("included", "is8", "overlapping")
    for sector in regional.SERVICE_SECTORS:
        assert set(sets[sector]) <= set(overlapping[sector])



def test_region_lqs_measured_sector_by_sector_equal_the_whole_frame():
    """Each sector measured once and shared between definitions (as the curves do)
    gives, to the last digit, the frame measured at once; a sector whose columns
    change is measured again, one whose columns do not is not."""
    from placeblind.analysis.is8_regions import EXACT, lq_with_columns

    measured = {}
    for choices in (("included", "is8", "overlapping"), ("excluded", "dcms", "disjoint")):
        key = ("2018", "exact", *choices, "GB")
        columns = regional.sector_subclasses(*choices)
        whole = lq_with_columns(2018, EXACT, columns)
        before = dict(measured)
        pd.testing.assert_frame_equal(regional.region_lq(key, columns, measured), whole, check_exact=True)
    changed = {k[2] for k in measured if k not in before}
    assert changed and changed < set(columns)

# --- the summary ------------------------------------------------------------------------------------------

def _toy() -> pd.DataFrame:
    """Four specifications over two choices; changing 'a' alone overturns the main verdict."""
    return pd.DataFrame({"a": ["x", "y", "x", "y"], "b": ["p", "p", "q", "q"], "main": [True, False, False, False],
                         "estimate": [1.0, 3.0, 1.5, 0.0], "supports_published": [True, False, True, True]})


def test_summary_of_a_hand_made_curve():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(robustness, "choice_label", lambda d, v: f"{d}={v}")
        patch.setattr(robustness, "weighed_as", lambda d, v: v)
        row = robustness.summarise(_toy(), ["a", "b"])
    assert row["share_supporting"] == 0.75
    assert row["single_choices_that_flip"] == "a=y"
    assert row["decisive_choice"] == "a=y" and row["decisive_estimate"] == 3.0
    assert (row["min_estimate"], row["max_estimate"], row["main_estimate"]) == (0.0, 3.0, 1.0)
    assert row["reading"] == "holds, but rests on one choice"
    assert row["n_distinct"] == 4 and row["share_equal_weight"] == pytest.approx(0.75)  # a full 2 x 2 grid


def test_a_planted_duplicate_is_counted_once():
    """A specification whose claim reads exactly what an earlier one reads is one
    specification counted twice: the distinct count and share leave it out."""
    toy = _toy()
    reads = [(1.0,), (3.0,), (1.5,), (0.0,)]
    assert robustness.duplicates(pd.Series(["s0", "s1", "s2", "s3"]), reads, pd.Series(["main"] * 4)) == [""] * 4
    planted = pd.concat([toy, toy.iloc[[1]].assign(main=False, b="r")], ignore_index=True)  # s1 again, as 'b=r'
    planted["duplicate_of"] = robustness.duplicates(pd.Series([f"s{i}" for i in range(5)]), reads + [(3.0,)],
                                                    pd.Series(["main"] * 5))
    assert planted["duplicate_of"].tolist() == ["", "", "", "", "s1"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(robustness, "choice_label", lambda d, v: f"{d}={v}")
        patch.setattr(robustness, "weighed_as", lambda d, v: v)
        row = robustness.summarise(planted, ["a", "b"])
    assert (row["n_specifications"], row["n_distinct"]) == (5, 4)
    assert row["share_distinct"] == 0.75 and row["share_supporting"] == 0.6
    # A count (reads None) never matches: two equal counts need not come from equal inputs.
    assert robustness.duplicates(pd.Series(["s0", "s1"]), [None, None], pd.Series(["main"] * 2)) == ["", ""]


def test_equal_weights_give_each_choice_the_same_weight():
    # Choice 'a' has one specification with x and three with y: by count y sets the share, by weight each half.
    frame = pd.DataFrame({"a": ["x", "y", "y", "y"], "b": ["p", "p", "q", "r"]})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(robustness, "weighed_as", lambda d, v: v)
        weights = robustness.equal_weights(frame, ["a"])
        assert weights.tolist() == pytest.approx([0.5, 1 / 6, 1 / 6, 1 / 6])
        grid = pd.DataFrame({"a": ["x", "x", "y", "y", "y", "y"], "b": ["p", "q", "p", "q", "p", "r"]})
        both = robustness.equal_weights(grid, ["a", "b"])
    for column in ("a", "b"):
        margins = pd.Series(both).groupby(grid[column]).sum()
        assert margins.to_numpy() == pytest.approx(np.full(len(margins), 1 / len(margins)), abs=1e-9)
    # Near-duplicate values weighed as one: the adjacent BRES years against 2019.
    years = pd.DataFrame({"bres_year": ["2015", "2016", "2017", "mean_2015_2017", "2019"]})
    assert robustness.equal_weights(years, ["bres_year"]).tolist() == pytest.approx([1 / 8] * 4 + [1 / 2])


def test_leave_out_samples_are_counted_apart(graded):
    frame = graded["table4_professional"]
    assert set(frame.loc[frame["curve"] == "leave out", "sample"]) == set(space.LEAVE_OUT_SAMPLES)
    summary = robustness.robustness_summary().set_index("finding")
    assert summary.loc["table4_professional", "n_specifications"] == (frame["curve"] == "main").sum()
    leave_out = robustness.leave_out_summary().set_index("finding")
    assert leave_out.loc["table4_professional", "n_specifications"] == (frame["curve"] == "leave out").sum()
    assert "without" not in summary.loc["table4_digital", "single_choices_that_flip"]


def test_readings():
    assert robustness.reading(True, 0.9, []) == "robust"
    assert robustness.reading(True, 0.5, []) == "holds, but not across combinations of choices"
    assert robustness.reading(True, 0.9, ["x"]) == "holds, but rests on one choice"
    assert robustness.reading(False, 0.1, []) == "robustly not supported"
    assert robustness.reading(False, 0.5, []) == "does not hold in the main specification"
    assert robustness.reading(False, 0.1, ["x"]) == "does not hold, but one choice would reverse that"


def test_summary_shares_are_the_graded_shares(graded):
    summary = robustness.robustness_summary().set_index("finding")
    for finding_id, frame in graded.items():
        frame = frame[frame["curve"] == "main"]
        assert summary.loc[finding_id, "share_supporting"] == frame["supports_published"].mean()
        assert summary.loc[finding_id, "n_specifications"] == len(frame)
        assert summary.loc[finding_id, "min_estimate"] <= summary.loc[finding_id, "main_estimate"] \
            <= summary.loc[finding_id, "max_estimate"]


def test_the_west_midlands_claim_turns_on_the_frontier_codes():
    summary = robustness.robustness_summary().set_index("finding")
    assert "frontier codes: without frontier codes" in summary.loc["west_midlands_none", "single_choices_that_flip"]


def test_export_has_one_column_per_dimension():
    table = robustness.robustness_table()
    for dimension in space.dimensions()["dimension"].unique():
        assert dimension in table.columns
    assert {"finding", "specification_id", "estimate", "supports_published"} <= set(table.columns)
    assert table["specification_id"].is_unique
    assert (table.groupby("finding")["main"].sum() == 1).all()


def test_the_ledger_notes_each_tested_claim():
    ledger = claims_ledger().set_index("claim_id")
    shares = robustness.claim_support_shares()
    tested = {item.claim_id for item in findings.FINDINGS if not item.own_reading}
    assert set(shares) == tested
    for claim_id, note in ledger["robustness"].items():
        if claim_id in tested:
            assert note.startswith(f"holds in {100 * shares[claim_id]:.0f}% of ")
            has_null = claim_id in {"P08", "P35", "P36", "P38"}   # the relations between two variables
            assert ("expected with no relation, p = " in note) == has_null
            assert ("no permutation null: " in note) != has_null
        else:
            assert note == ""


def test_a_sentence_that_names_a_choice_prints_that_choices_own_estimate(graded):
    """Each overturning choice is printed with its own estimate (and, where the
    claim's rule grades another value, that value), never another choice's."""
    from placeblind.claims.robustness_findings import robustness_findings

    facts = robustness_findings().set_index("quantity")["value"]
    for item in findings.FINDINGS:
        frame = graded[item.finding]
        single = robustness.one_at_a_time(frame[frame["curve"] == "main"], list(item.dimensions))
        sentence = facts[item.glue]
        for row in single[single["flips"]].itertuples():
            label = robustness.choice_label(row.dimension, row.value)
            assert f"{label} ({item.value_text(row.estimate)}" in sentence, (item.finding, label)
    p36 = robustness.robustness_summary().set_index("finding").loc["table4_professional"]
    ledger = claims_ledger().set_index("claim_id")
    assert f"grades '{ledger.loc['P36', 'verdict_2017']}'" in facts["rob_t4_prof_sentence"]
    assert p36["main_verdict"] == ledger.loc["P36", "verdict_2017"]


@pytest.mark.parametrize(("values", "verdict", "farthest", "inside"), [
    ([0.5, 0.7, 0.8], "reproduced", 0.5, 3),            # all in the band (its ends included)
    ([0.5, 0.82, 0.83], "close", 0.83, 1),              # outside, within the margin: the farthest of them
    ([0.5, 0.3, 0.95, 0.3], "differs", 0.95, 1),        # 0.15 above the band is farther than 0.1 below
    ([0.3, 0.3, 0.45], "differs", 0.3, 1),              # a tie: the first farthest
    ([float("nan"), 0.6], "differs", 0.6, 1),           # a missing coefficient is never in the band
])
def test_band_claim_grades_by_hand(values, verdict, farthest, inside):
    """The co-location rule (every coefficient in the band; close within the margin),
    graded by hand: its value is the coefficient farthest from the band."""
    from placeblind.claims.claim_regions import BandClaim, CorrelationView

    claim = BandClaim("X", 0.4, 0.8, margin=0.05)
    grade = claim.grade(CorrelationView(pd.DataFrame({"pearson": values})))
    assert (grade.verdict, grade.value) == (verdict, farthest)
    assert grade.detail == f"{inside} of {len(values)} in 0.4-0.8"


def test_a_shared_region_view_grades_and_reads_as_a_fresh_one():
    """The region findings share one view per distinct frame and cut-off, which keeps
    the rows its claim reads: every specification's grade and reads are those of a
    view of its own, and a kept row is the frame's row less the unmeasured sectors."""
    inputs = analysis.Inputs()
    for finding_id in ("five_without_specialism", "all_eight", "west_midlands_manufacturing"):
        item = findings.finding(finding_id)
        specs = findings.specifications(finding_id)
        for values in specs[list(item.dimensions)].head(12).itertuples(index=False):
            spec = dict(zip(item.dimensions, values))
            shared = item.view(inputs, spec, 0.0, float("nan"))
            assert item.view(inputs, spec, 0.0, float("nan")) is shared
            fresh = findings.RegionView(inputs.region(spec), float(spec.get("lq_cutoff", 1.0)),
                                        inputs.region_wide_over_cutoff(spec))
            assert item.claim.grade(shared) == item.claim.grade(fresh)
            assert item.claim.reads(shared) == item.claim.reads(fresh)
    code = next(iter(blog.B05.regions))
    row = shared.row(code)
    assert row is shared.row(code)
    pd.testing.assert_series_equal(row, shared.wide.loc[code].dropna())
