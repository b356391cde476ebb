"""The 2025 authorities' pattern against a null (issue 17): random sets of
English districts of the same size, with the same regions, and each ITL1
region. Both sides: a group that stands out reads as holding, one that does not
(or a null that fails) turns the word over."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from placeblind.analysis import authorities as ca

EW_L4 = 30.0


def profiles(group_both, group_manuf, rest_both, rest_manuf, group_region="A", rest_regions=("A", "B")):
    """A later group of ``len(group_both)`` districts and the rest of England."""
    rows = []
    def add(group, both, manuf, region):
        rows.append({"code": f"X{len(rows):03d}", "name": f"D{len(rows)}", "authority": "Auth" if group != ca.OUTSIDE
                     else "", "group": group, "itl1": region, "region": region, "vintage": 2019,
                     "pct_level4_plus_2021": 40.0 if both else 20.0, "professional_lq": 1.5 if both else 0.5,
                     "digital_lq": 1.5 if both else 0.5, "manufacturing_lq": 1.5 if manuf else 0.5})
    for both, manuf in zip(group_both, group_manuf):
        add(ca.LATER, both, manuf, group_region)
    for i, (both, manuf) in enumerate(zip(rest_both, rest_manuf)):
        add(ca.OUTSIDE, both, manuf, rest_regions[i % len(rest_regions)])
    return ca.with_group_labels(pd.DataFrame(rows))


def test_the_rule_by_hand():
    assert bool(ca.pattern_rule(1, 5, 10)) is True
    assert bool(ca.pattern_rule(5, 8, 10)) is False   # not a minority
    assert bool(ca.pattern_rule(2, 2, 10)) is False   # not fewer than manufacturing
    assert ca.pattern_rule(np.array([1, 6]), np.array([5, 9]), 10).tolist() == [True, False]


def test_random_sets_draw_distinct_districts_and_keep_the_regions():
    both = np.zeros(30, bool)
    manuf = np.arange(30) < 10
    holds, gaps = ca.random_sets(both, manuf, 10, draws=300, seed=1)
    assert holds.shape == gaps.shape == (300,)
    assert gaps.max() <= 100 and gaps.min() >= 0
    strata = np.array(["A"] * 10 + ["B"] * 20)
    _, regional = ca.random_sets(both, manuf, 10, draws=300, seed=1, strata=strata, per_stratum={"A": 10})
    assert (regional == 100.0).all()  # every set is region A, all of it manufacturing
    with pytest.raises(ValueError, match="add up"):
        ca.random_sets(both, manuf, 10, strata=strata, per_stratum={"A": 3})


def test_a_group_that_stands_out_holds_and_a_typical_one_does_not():
    rng = np.random.default_rng(5)
    rest_both, rest_manuf = rng.random(200) < 0.2, rng.random(200) < 0.4
    standing_out = ca.pattern_against_null(
        profiles([False] * 40, [True] * 40, rest_both, rest_manuf, "A", ("A", "B")), EW_L4, draws=400)
    later = standing_out.set_index("group").loc[ca.LATER]
    assert later["holds"] and later["null_p"] == 0 and later["reading"] == ca.HOLDS
    # Make the null fail: the group is drawn like everyone else, so it is typical.
    typical = ca.pattern_against_null(
        profiles(rest_both[:40], rest_manuf[:40], rest_both, rest_manuf), EW_L4, draws=400).set_index("group")
    assert typical.loc[ca.LATER, "null_share_holds"] > 0.9
    assert typical.loc[ca.LATER, "reading"] == ca.HOLDS_ANYWHERE


def test_a_group_typical_of_its_own_region_holds_only_against_england():
    rng = np.random.default_rng(6)
    # Region C is all manufacturing: the group lies in it and is like its neighbours there.
    rest_both = np.r_[np.zeros(40, bool), rng.random(160) < 0.25]
    rest_manuf = np.r_[np.ones(40, bool), rng.random(160) < 0.3]
    data = profiles([False] * 30, [True] * 30, rest_both, rest_manuf, "C", ("A", "B"))
    data.loc[(data["group"] == ca.OUTSIDE) & (data.index < 30 + 40), ["itl1", "region"]] = "C"
    row = ca.pattern_against_null(data, EW_L4, draws=400).set_index("group").loc[ca.LATER]
    assert row["regional_null_gap_median"] == pytest.approx(100.0)
    assert row["reading"] == ca.HOLDS_REGIONALLY


def test_the_rule_failing_reads_as_failing():
    assert ca.null_reading(False, 80.0, 10.0, 0.0, 10.0, 0.0) == ca.FAILS
    assert ca.null_reading(True, 80.0, 75.0, 0.0, 10.0, 0.0) == ca.HOLDS_ANYWHERE   # within the margin
    assert ca.null_reading(True, 80.0, 10.0, 0.2, 10.0, 0.0) == ca.HOLDS_ANYWHERE   # reached by random sets
    assert ca.null_reading(True, 80.0, 10.0, 0.0, 10.0, 0.0) == ca.HOLDS


def test_by_region_london_fails():
    data = profiles([False] * 10, [True] * 10, [True] * 12 + [False] * 8, [False] * 20, "North", ("London",))
    regions = ca.pattern_by_region(data, EW_L4).set_index("region")
    assert not regions.loc["London", "holds"] and regions.loc["North", "holds"]


# ---- the real data --------------------------------------------------------


def test_real_pattern_pairs_the_newest_vintage_with_2017_and_covers_england():
    pattern = ca.authority_pattern()
    assert pattern["vintage"].tolist()[0] == ca.newest_district_vintage()
    assert set(pattern["vintage"]) == set(ca.pattern_vintages()) and 2017 in set(pattern["vintage"])
    newest = pattern[pattern["newest"]].set_index("group")
    assert list(newest.index) == list(ca.GROUPS)
    assert newest["districts"].sum() == len(ca.england_profiles(ca.newest_district_vintage()))
    assert newest.loc[ca.ORIGINAL, "districts"] == 37 and newest.loc[ca.ORIGINAL, "authorities"] == 6
    assert newest.loc[ca.LATER, "authorities"] == 9 and newest.loc[ca.OUTSIDE, "authorities"] == 0
    regions = ca.authority_pattern_regions()
    assert regions[regions["newest"]]["districts"].sum() == newest["districts"].sum()
    summary = ca.pattern_null_summary().set_index("quantity")["value"]
    assert summary["draws"] == ca.NULL_DRAWS and summary["margin_pp"] == ca.PATTERN_MARGIN_PP
