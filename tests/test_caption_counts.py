"""The robustness chapter's captions count from the declarations, not by hand:
the choices that bear on the book's own readings alone (the table's last group),
those they share with the claims' findings, and the sceptic's choices."""

from __future__ import annotations

import pandas as pd

from placeblind.analysis.specifications import dimensions
from placeblind.claims.findings import SCEPTIC_CHOICES
from placeblind.claims.robustness_findings import own_dimensions, space_counts


def test_the_own_readings_choices_counted_by_hand():
    # by hand from FINDINGS: decade_divide, decade_convergence and decade_link's dimensions
    only_own = {"decade_sample", "decade_scale", "dispersion", "slope_estimator", "link_geography", "link_london"}
    shared = {"weighting", "estimator", "denominator", "outcome_scale"}
    assert own_dimensions(dimensions()) == (len(only_own), len(shared), True)


def test_the_caption_guard_turns_when_the_group_is_not_last():
    space = dimensions()
    moved = space[space["dimension"] == "link_london"]
    reordered = pd.concat([moved, space[space["dimension"] != "link_london"]])
    assert own_dimensions(reordered)[2] is False
    # only the order moved: the counts stay
    assert own_dimensions(reordered)[:2] == own_dimensions(space)[:2]


def test_the_sceptic_count_is_the_declared_choices():
    from placeblind.publishing.facts import fact_text

    from placeblind.text import number_word

    assert fact_text("rob_n_sceptic_word") == number_word(len(SCEPTIC_CHOICES))


def test_the_space_counts_the_prose_prints_are_counted_by_hand():
    # by hand from the table: the paper's districts and three England-and-Wales samples
    # whole, seven leave-outs (Cambridge and each of the six authorities); three
    # 2-digit thresholds (30, 50, 70%); 2015-2017 and their mean against 2019.
    assert space_counts(dimensions()) == (7, 4, 3, 2015, 2017, 2019)


def test_the_space_counts_follow_the_space():
    space = dimensions()
    fewer = space[~space["value"].isin(["without_tees_valley", "approx_70", "2015"])]
    assert space_counts(fewer) == (6, 4, 2, 2016, 2017, 2019)
