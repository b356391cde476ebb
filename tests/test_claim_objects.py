"""The claim objects of Table 4's fits (:mod:`placeblind.claims.claim`), by hand:
each one's verdict on both sides of every threshold it owns, and its rule text
following the threshold when the threshold changes (the number is written once,
in the object, so the text cannot drift from the test the object applies)."""

from __future__ import annotations

import dataclasses

import pytest

from placeblind.claims import paper_fits
from placeblind.claims.claim import (
    CountClaim,
    ModestFitClaim,
    StrongNegativeClaim,
    WeakestCorrelationClaim,
    WeakFitClaim,
)
from placeblind.claims.rules import CORRELATION_MARGIN


def verdict(claim, view) -> str:
    return claim.grade(view).verdict


def test_strong_negative_both_sides_of_each_threshold():
    claim = StrongNegativeClaim("X", strong=-0.7, loose_r2=0.25)
    assert verdict(claim, [(-0.7, 0.49), (-0.9, 0.81)]) == "reproduced"        # -0.7 itself is strong
    assert verdict(claim, [(-0.69, 0.4761), (-0.9, 0.81)]) == "close"           # one just above: loosely
    assert verdict(claim, [(-0.5, 0.25), (-0.9, 0.81)]) == "close"              # r2 at the loose bound
    assert verdict(claim, [(-0.49, 0.2401), (-0.9, 0.81)]) == "differs"         # r2 just below it
    assert verdict(claim, [(0.8, 0.64), (-0.9, 0.81)]) == "differs"             # not negative
    assert claim.grade([(-0.72, 0.52), (-0.78, 0.61)]).value == pytest.approx(-0.72)  # the weakest r
    moved = dataclasses.replace(claim, strong=-0.75)
    assert verdict(moved, [(-0.72, 0.52), (-0.78, 0.61)]) == "close"
    assert "r of -0.75 or below" in moved.rule and "-0.7 " not in moved.rule
    assert "at least 0.3 loosely" in dataclasses.replace(claim, loose_r2=0.3).rule
    assert verdict(dataclasses.replace(claim, loose_r2=0.2), [(-0.49, 0.2401)]) == "close"


def test_weak_fit_almost_none_both_sides():
    claim = WeakFitClaim("X", "almost none", below=0.05, loose=0.1)
    assert claim.rule == "pattern: 'almost none' = r2 below 0.05 strictly, below 0.1 loosely"
    assert verdict(claim, [(0.2, 0.049), (-0.1, 0.01)]) == "reproduced"   # the sign does not matter
    assert verdict(claim, [(0.2, 0.05), (-0.1, 0.01)]) == "close"         # 0.05 is not below 0.05
    assert verdict(claim, [(0.2, 0.1), (-0.1, 0.01)]) == "differs"
    assert claim.grade([(0.2, 0.07), (-0.1, 0.01)]).value == pytest.approx(0.07)  # the largest r2
    moved = dataclasses.replace(claim, below=0.08)
    assert verdict(moved, [(0.2, 0.07)]) == "reproduced"
    assert "below 0.08 strictly" in moved.rule
    assert verdict(dataclasses.replace(claim, loose=0.06), [(0.2, 0.07)]) == "differs"


def test_weak_fit_slight_positive_both_sides():
    claim = WeakFitClaim("X", "slight", below=0.25, positive=True)
    assert claim.rule == "pattern: 'slight' = a positive r with r2 below 0.25; no looser reading"
    assert claim.margins == (0.25,)
    assert verdict(claim, [(0.49, 0.2401)]) == "reproduced"
    assert verdict(claim, [(0.5, 0.25)]) == "differs"      # no looser reading: nothing is close
    assert verdict(claim, [(-0.1, 0.01)]) == "differs"     # negative
    moved = dataclasses.replace(claim, below=0.2)
    assert verdict(moved, [(0.49, 0.2401)]) == "differs"
    assert "r2 below 0.2;" in moved.rule


def test_weakest_correlation_grades_each_part_and_the_weaker_decides():
    claim = WeakestCorrelationClaim("X", 0.25, parts="both sectors")
    assert claim.margins == (CORRELATION_MARGIN,)
    assert claim.rule.endswith(f"close within {CORRELATION_MARGIN:g}; both sectors, the weaker decides")
    assert verdict(claim, [0.5, 0.5]) == "reproduced"              # r2 0.25 both
    assert verdict(claim, [0.5, 0.57]) == "close"                  # r2 0.3249: within 0.1 of 0.25
    assert verdict(claim, [0.5, 0.6]) == "differs"                 # r2 0.36: beyond it, and r 0.6 further
    assert verdict(claim, [0.5, 0.05]) == "differs"                # r 0.05 and r2 0.0025: both far
    assert claim.grade([0.5, 0.3]).detail == "r2, r"               # 0.3 is nearer 0.25 as r than as r2
    assert claim.part(0.3).verdict == "close"
    assert verdict(dataclasses.replace(claim, published=0.36), [0.6, 0.6]) == "reproduced"
    assert "the weaker decides" in dataclasses.replace(claim, parts="all three").rule


def test_count_claim_both_sides():
    claim = CountClaim("X", 4)
    assert verdict(claim, (4, 4)) == "reproduced"
    assert verdict(claim, (2, 4)) == "close"        # reached only with ties
    assert verdict(claim, (3, 3)) == "differs"
    assert verdict(dataclasses.replace(claim, published=3), (3, 3)) == "reproduced"
    assert claim.reference == (4.0, 4.0)


def test_a_count_without_ties_is_exact_or_differs_and_p43_is_one():
    from placeblind.claims import paper

    claim = CountClaim("X", 5, ties=False)
    assert verdict(claim, (5,)) == "reproduced" and verdict(claim, (6,)) == "differs"
    assert claim.rule == "count: exact"
    row = paper.paper_claims().set_index("claim_id").loc["P43"]
    assert row["published"] == "five" and row["rule"] == paper.P43.rule
    assert row["verdict"] == verdict(paper.P43, (int(row["reproduced"].split()[0]),))


def test_modest_fit_prints_both_bounds():
    claim = ModestFitClaim("X", 0.1, 0.5)
    assert claim.margins == (0.1, 0.5)
    assert verdict(claim, 0.5 ** 0.5 - 1e-9) == "reproduced" and verdict(claim, 0.5 ** 0.5 + 1e-9) == "differs"
    assert "from 0.1 to 0.6" in dataclasses.replace(claim, high=0.6).rule


def test_every_table_4_object_prints_its_thresholds():
    for claim in paper_fits.CLAIM_OBJECTS:
        assert claim.margins or isinstance(claim, CountClaim), claim.claim_id
        for margin in claim.margins:
            assert f"{margin:g}" in claim.rule, (claim.claim_id, margin)
    assert paper_fits.P37.margins == (-0.7, 0.25)
    assert paper_fits.P40.margins == (0.05, 0.1)
    assert paper_fits.P42.margins == (0.25,)
    assert paper_fits.P41.published == 0.25 and paper_fits.P39.published == 4


# --- the book's own words for a fit: CLOSE_FIT_R2, MODEST_FIT_R2 and NO_FIT_R2, written once in analysis.education_fits

def _finding(table, quantity):
    return table.set_index("quantity").loc[quantity]


def test_the_fit_thresholds_are_tested_and_printed_from_one_constant(monkeypatch):
    from placeblind.analysis import education_fits, findings_fits
    from placeblind.claims import summary_findings

    assert paper_fits.P38.margins == education_fits.MODEST_FIT_R2
    assert education_fits.MODEST_FIT_R2[1] == education_fits.CLOSE_FIT_R2
    assert paper_fits.P40.below == education_fits.NO_FIT_R2
    before = findings_fits.education_findings()
    assert _finding(before, "fit_heart_firm")["value"] is True
    assert "at least 0.5," in _finding(before, "fit_heart_firm")["description"]
    assert _finding(before, "fit_manuf_modest")["value"] is True
    assert "(r² from 0.1 to 0.5)" in _finding(before, "fit_manuf_modest")["description"]
    assert _finding(before, "fit_busadmin_none")["value"] is True
    assert "below 0.05 on both" in _finding(before, "fit_busadmin_none")["description"]
    summary = summary_findings.summary_findings()
    assert _finding(summary, "heart_sectors_rise_with_degrees")["value"] is True
    # Raised above the heart sectors' r² (below 0.9 in both years), the finding turns over and the text follows.
    monkeypatch.setattr(findings_fits, "CLOSE_FIT_R2", 0.9)
    monkeypatch.setattr(findings_fits, "MODEST_FIT_R2", (0.1, 0.15))
    monkeypatch.setattr(summary_findings, "CLOSE_FIT_R2", 0.9)
    monkeypatch.setattr(findings_fits, "NO_FIT_R2", 0.016)   # between business administration's r² 0.015 and 0.019
    after = findings_fits.education_findings()
    assert _finding(after, "fit_heart_firm")["value"] is False
    assert "at least 0.9," in _finding(after, "fit_heart_firm")["description"]
    assert _finding(after, "fit_manuf_modest")["value"] is False      # manufacturing's r² is 0.27 (2017)
    assert "(r² from 0.1 to 0.15)" in _finding(after, "fit_manuf_modest")["description"]
    assert _finding(after, "fit_busadmin_none")["value"] is False
    assert "below 0.016 on both" in _finding(after, "fit_busadmin_none")["description"]
    summary = summary_findings.summary_findings()
    assert _finding(summary, "heart_sectors_rise_with_degrees")["value"] is False
    assert "at least 0.9 " in _finding(summary, "heart_sectors_rise_with_degrees")["description"]


def test_the_scatter_and_health_readings_are_tested_and_printed_from_one_constant(monkeypatch):
    from placeblind.analysis import education_fits, findings_fits

    assert paper_fits.P41.published == education_fits.HEALTH_EDUCATION_R2
    before = findings_fits.education_findings()
    for quantity in ("fit_scatter_reading", "fit_noq_mirror", "fit_health_educ_less"):
        assert _finding(before, quantity)["value"] is True
    assert "(r > 0.6)" in _finding(before, "fit_scatter_reading")["description"]
    assert "r² below 0.2" in _finding(before, "fit_scatter_reading")["description"]
    assert "(|r| within 0.1)" in _finding(before, "fit_noq_mirror")["description"]
    assert "below 0.25 on their" in _finding(before, "fit_health_educ_less")["description"]
    # Past what the data give, each reading turns over and its text follows.
    monkeypatch.setattr(findings_fits, "STEEP_R", 0.99)
    monkeypatch.setattr(findings_fits, "MIRROR_R", 0.0)
    monkeypatch.setattr(findings_fits, "HEALTH_EDUCATION_R2", 0.01)
    after = findings_fits.education_findings()
    for quantity in ("fit_scatter_reading", "fit_noq_mirror", "fit_health_educ_less"):
        assert _finding(after, quantity)["value"] is False
    assert "(r > 0.99)" in _finding(after, "fit_scatter_reading")["description"]
    assert "(|r| within 0)" in _finding(after, "fit_noq_mirror")["description"]
    assert "below 0.01 on their" in _finding(after, "fit_health_educ_less")["description"]


def test_p49_counts_the_broad_groups_it_ranks_among():
    from placeblind.analysis.sector_measures import reference_shares
    from placeblind.claims.paper_composition import digital_small_claim

    groups = len(reference_shares(2017, "England"))
    assert f"lower half of the {groups} broad groups" in digital_small_claim().rule
