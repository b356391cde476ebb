"""Cases found by reviewing the change since 94c542b: each checked by hand, each
failing before its fix (or pinning a fact a comment used to state wrongly)."""

from __future__ import annotations

import pandas as pd

from placeblind.analysis.is8_comparisons import MANUFACTURING_RIVALS
from placeblind.claims import chapter_findings
from placeblind.data.geography import STUDY_AUTHORITIES, itl_lookup
from placeblind.data.is8_definitions import WELL_DEFINED

NOT_EASY = "Not easily represented by SIC, with partial coverage"
PROXY = "Proxy SIC-based definition"


def _ratings(monkeypatch, ratings: dict[str, str], blog: tuple[str, ...]) -> str:
    frame = pd.DataFrame({"sector": list(ratings), "dbt_rating": list(ratings.values())})
    monkeypatch.setattr(chapter_findings, "is8_coverage", lambda: frame)
    monkeypatch.setattr(chapter_findings, "BLOG_UNMEASURABLE", blog)
    return chapter_findings.blog_four_sentence()


def test_every_sector_below_well_defined_is_said_only_when_every_one_is_among_the_blogs(monkeypatch):
    """A (not easily represented) is left out of the blog's list while every proxy
    sector is in it: the sentence must not say that every sector DBT rates below
    well defined is among them (it did, looking at the proxies only)."""
    ratings = {"A": NOT_EASY, "B": NOT_EASY, "C": PROXY, "D": WELL_DEFINED}
    text = _ratings(monkeypatch, ratings, ("B", "C", "D"))
    assert text == "The blog's four as DBT rates them: B, not easily represented; C, a proxy; D, well defined. "
    text = _ratings(monkeypatch, ratings, ("A", "B", "C", "D"))
    assert text.endswith(". Every sector DBT rates below well defined is among them.")


def test_the_other_sentences_of_the_blogs_four(monkeypatch):
    ratings = {"A": NOT_EASY, "B": NOT_EASY, "C": PROXY, "E": PROXY, "D": WELL_DEFINED}
    assert _ratings(monkeypatch, ratings, ("A", "B", "C")).endswith(
        "So the blog counts C but not E, which DBT rates the same way.")
    assert _ratings(monkeypatch, ratings, ("A", "B")).endswith(
        "They are exactly the sectors DBT rates as not easily represented by SIC.")


def test_merseyside_is_the_liverpool_city_region_halton_included():
    """B11's third rival, ITL2 TLD7, holds exactly the six districts of the
    Liverpool City Region (the comment beside it said: without Halton)."""
    lookup = itl_lookup()
    assert "TLD7" in MANUFACTURING_RIVALS
    assert set(lookup.loc[lookup["ITL221CD"] == "TLD7", "LAD23NM"]) == set(STUDY_AUTHORITIES["Liverpool City Region"])
