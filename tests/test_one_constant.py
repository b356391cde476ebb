"""One constant, every user: for each rule or year kept in one place, changing
that one constant (monkeypatched) changes every value and every word that reads
it, both the computed side and the description a reader sees."""

from __future__ import annotations

import pytest

from placeblind.analysis import vintages
from placeblind.analysis.findings import england_crossing_distance
from placeblind.analysis.sector_measures import wide
from placeblind.claims import chapter_findings
from placeblind.claims.paper_lq import P34_PUBLISHED
from placeblind.claims.rules import LQ_MARGIN


def _flags():
    return {name: (value, description) for name, value, _unit, description in chapter_findings.lq_paper_flags()}


@pytest.mark.parametrize("year", vintages.VINTAGES)
def test_the_lq_flags_read_the_primary_vintage(monkeypatch, year):
    """The LQ chapter's flags about Cambridge and the crossings read one year, the
    book's single-vintage reading (PRIMARY_VINTAGE), in the value and the words."""
    if year == vintages.PRIMARY_VINTAGE:
        assert _flags()["lq_cambridge_one_fifth"][1].endswith(f", {year}")
    monkeypatch.setattr(chapter_findings, "PRIMARY_VINTAGE", year)
    flags = _flags()
    cambridge = float(wide(year, "lq").set_index("name").loc["Cambridge", "Manufacturing"])
    assert flags["lq_cambridge_one_fifth"] == (abs(cambridge - P34_PUBLISHED) <= LQ_MARGIN,
                                              f"Cambridge's manufacturing LQ within {LQ_MARGIN:g} of the paper's "
                                              f"'one fifth', {year}")
    assert flags["lq_crossings_close"][0] == (england_crossing_distance(year) < LQ_MARGIN)
    assert flags["lq_crossings_close"][1].endswith(f"within {LQ_MARGIN:g} of 1, {year}")
