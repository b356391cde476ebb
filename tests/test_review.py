"""Cases found by reviewing the change since 94c542b: each checked by hand, each
failing before its fix (or pinning a fact a comment used to state wrongly)."""

from __future__ import annotations

import pandas as pd
import pytest

from placeblind.analysis import places
from placeblind.analysis.is8_comparisons import MANUFACTURING_RIVALS
from placeblind.analysis.sector_measures import largest_sectors
from placeblind.claims import chapter_findings
from placeblind.data import district_codes
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


# --- P29's range in the location-quotient chapter's sentence ------------------------------------------------

PROF = "Professional, scientific & technical"


def _professional(monkeypatch, northern: dict[str, float], others: dict[str, float]) -> str:
    """The sentence on LQs made of these districts' professional LQs (the same in both years)."""
    names = {**northern, **others}
    frame = pd.DataFrame({"name": list(names), "authority": ["Greater Manchester"] * len(northern)
                          + ["West Midlands"] * len(others), PROF: list(names.values())},
                         index=[f"E0{i}" for i in range(len(names))])
    low_north = min(northern, key=northern.get)
    low_all = min(names, key=names.get)
    facts = {"northern_prof_min": northern[low_north], "northern_prof_min_name": low_north,
             "prof_min": names[low_all], "prof_min_name": low_all}
    monkeypatch.setattr(chapter_findings, "wide", lambda year, value: frame)
    monkeypatch.setattr(chapter_findings, "lq_facts", lambda year: facts)
    return chapter_findings.lowest_professional_sentence()


def test_a_northern_lq_that_prints_as_0_40_is_found_as_the_ledger_counts_it(monkeypatch):
    """0.404 prints as 0.40 and P29 counts it in 0.3-0.4 (at two decimals); the
    sentence said 'not found' (it compared the unrounded minimum with 0.4)."""
    text = _professional(monkeypatch, {"Oldham": 0.404, "Bolton": 0.9}, {"Cambridge": 1.5})
    assert text == ("The lowest in the Northern authorities is 0.40 (Oldham) in 2017 and 0.40 (Oldham) in 2019, so "
                    "the paper's Northern districts with LQs of 0.3-0.4 are found in 2017 and 2019.")


def test_a_northern_lq_below_the_range_is_not_one_in_it(monkeypatch):
    """0.25 is below 0.3-0.4: no Northern district lies in the range (the sentence
    said 'found', reading any minimum up to 0.4 as in it)."""
    text = _professional(monkeypatch, {"Oldham": 0.25, "Bolton": 0.9}, {"Wolverhampton": 0.35})
    assert text.endswith("are not found in either year.")


def test_a_low_lq_outside_the_north_is_named_only_when_no_northern_one_is_as_low(monkeypatch):
    text = _professional(monkeypatch, {"Oldham": 0.44, "Bolton": 0.9}, {"Wolverhampton": 0.38})
    assert text.endswith("not found in either year; the only values that low are outside the North: "
                         "Wolverhampton at 0.38 in 2017 and Wolverhampton at 0.38 in 2019.")
    text = _professional(monkeypatch, {"Oldham": 0.28, "Bolton": 0.9}, {"Wolverhampton": 0.26})
    assert "outside the North" not in text     # a Northern LQ (0.28) is as low as 0.4 too


# --- the places table names every group that ties for the largest --------------------------------------------

def test_largest_groups_joins_a_tie_by_hand():
    measures = pd.DataFrame({"code": ["A", "A", "A", "B", "B"], "sector": ["x", "y", "z", "x", "y"],
                             "share_pct": [40.0, 40.0, 20.0, 10.0, 90.0]})
    out = places.largest_groups(measures)
    assert out.to_dict("index") == {"A": {"largest": "x = y", "share_pct": 40.0},
                                    "B": {"largest": "y", "share_pct": 90.0}}


def test_a_tie_for_the_largest_share_is_equality_but_for_float_noise():
    """sector_measures.ties_top, the one tie rule of Table 2's flags, the places
    table, the retail reading and the manufacturing-lead specifications: values
    that differ in the last binary digits tie, a millionth of a point does not."""
    import numpy as np

    from placeblind.analysis.sector_measures import ties_top

    noisy = 0.1 + 0.2                                  # 0.30000000000000004
    assert ties_top(np.array([noisy, 0.3, 0.3 - 1e-6]), 0.3).tolist() == [True, True, False]
    measures = pd.DataFrame({"code": ["A"] * 3, "sector": ["x", "y", "z"], "share_pct": [noisy, 0.3, 0.3 - 1e-6]})
    assert places.largest_groups(measures).loc["A", "largest"] == "x = y"


def test_places_name_both_groups_where_they_tie_as_table_2_does():
    """Stockton-on-Tees, BRES 2019: health and manufacturing both 12.9% of employees
    as published; Coventry, BRES 2017: education and health both 22,000 jobs.
    The places table gave one group each (the first in broad-group order)."""
    table = places.places().set_index("code")
    assert table.loc["E06000004", "largest_sector_2019"] == "Manufacturing = Health"
    assert table.loc["E08000026", "largest_sector_2017"] == "Education = Health"
    assert largest_sectors(2017).set_index("code").loc["E08000026", "largest"] == "Education = Health"


# --- a merged district is summed from all of its parts or not at all ------------------------------------------

def test_a_source_missing_part_of_a_merged_district_stops_rather_than_undercounting():
    """Buckinghamshire (E06000060, April 2020) is Aylesbury Vale, Chiltern, South
    Bucks and Wycombe (E07000004-7). A source without Wycombe used to give the
    other three, whose counts summed to a Buckinghamshire without Wycombe."""
    with pytest.raises(LookupError, match="not E07000007"):
        district_codes.sources_of("E06000060", {"E07000004", "E07000005", "E07000006"})
    assert district_codes.sources_of("E06000060", {"E07000004", "E07000005", "E07000006", "E07000007"}) == (
        "E07000004", "E07000005", "E07000006", "E07000007")
    # Somerset (2023) from 2016 codes: Somerset West and Taunton (2019) stands as its own two parts.
    parts_2016 = {"E07000187", "E07000188", "E07000189", "E07000190", "E07000191"}
    assert district_codes.sources_of("E06000066", parts_2016) == tuple(sorted(parts_2016))
    with pytest.raises(LookupError, match="not E07000191"):
        district_codes.sources_of("E06000066", parts_2016 - {"E07000191"})
    assert district_codes.sources_of("E08000038", {"E08000016"}) == ("E08000016",)   # Barnsley, recoded 2025
