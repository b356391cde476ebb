"""B06's band is written once, in the claim object: the chapter's count of the
service sectors' coefficients inside it (``is8_corr_n_in_range``) and the band's
ends glued into the prose are read from that object, with the rule's own test
of "inside" (both ends included, as ``BandClaim.grade`` reads it). A perturbed
copy of the claim moves the count; the real one gives the count by hand."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from placeblind.analysis.is8_regions import EXACT, EXACT_YEAR, is8_lq_itl2
from placeblind.claims import blog, chapter_findings


@pytest.fixture(scope="module")
def coefficients():
    view = blog.correlation_view(is8_lq_itl2(EXACT_YEAR, EXACT))
    return view, view.table[view.column].to_numpy(float)


def readings(monkeypatch, claim):
    """The chapter's findings computed afresh with ``claim`` standing for B06."""
    monkeypatch.setattr(chapter_findings, "B06", claim)
    return chapter_findings.blog_claim_findings.uncached().set_index("quantity")["value"]


def test_the_real_band_counted_by_hand(coefficients):
    view, values = coefficients
    by_hand = sum(1 for v in values if blog.B06.low <= v <= blog.B06.high)
    assert blog.B06.n_inside(view) == by_hand
    # the grade's own detail counts the same coefficients
    assert blog.B06.grade(view).detail.startswith(f"{by_hand} of {len(values)} in {blog.B06.band}")


def test_the_count_and_the_ends_follow_the_claims_band(monkeypatch, coefficients):
    view, values = coefficients
    low, high = float(values.min()), float(values.max())
    cases = (
        (low, high, len(values)),                                     # ends included: every coefficient
        (float(np.nextafter(low, np.inf)), high, len(values) - 1),    # the smallest just outside
        (high + 0.1, high + 0.2, 0),                                  # above them all
    )
    for band_low, band_high, expected in cases:
        moved = dataclasses.replace(blog.B06, low=band_low, high=band_high)
        found = readings(monkeypatch, moved)
        assert found["is8_corr_n_in_range"] == expected, (band_low, band_high)
        assert (found["is8_b06_low"], found["is8_b06_high"]) == (band_low, band_high)
        # the grade agrees: all inside is "reproduced", and only then
        assert (moved.grade(view).verdict == "reproduced") == (expected == len(values))
