"""The robustness chapter's captions count from the declarations, not by hand:
the choices that bear on the book's own readings alone (the table's last group),
those they share with the claims' findings, and the sceptic's choices."""

from __future__ import annotations

import pandas as pd

from placeblind.analysis.specifications import dimensions
from placeblind.claims.findings import SCEPTIC_CHOICES
from placeblind.claims.robustness_findings import own_dimensions


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
