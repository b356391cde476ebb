"""The robustness chapter's sentence that leaving London out of the reference
raises every other district's professional and digital LQ: the computation
(analysis.robustness.london_lift), the guard's reading (claims.robustness_findings)
on a hand-checked case, on the data, and on a perturbed copy that turns it over."""

from __future__ import annotations

import pandas as pd
import pytest

from placeblind.analysis.london_reference import london_lift, reference_without_london
from placeblind.analysis.robustness import DIGITAL, PROFESSIONAL
from placeblind.analysis.sector_measures import COUNT_YEARS
from placeblind.claims.robustness_findings import lifts_every_other_lq, london_lifts_lqs
from placeblind.data.bres import district_broad_group_employment

OTHER = "Retail"


def _counts(rows):
    return pd.DataFrame(rows, columns=["code", "sector", "employment"])


def _toy(london_professional=60, london_digital=20):
    """London (E09000001) and two districts outside it, one with no digital jobs."""
    return _counts([
        ("E09000001", PROFESSIONAL, london_professional), ("E09000001", DIGITAL, london_digital),
        ("E09000001", OTHER, 20),
        ("E06000001", PROFESSIONAL, 10), ("E06000001", DIGITAL, 10), ("E06000001", OTHER, 80),
        ("E06000002", PROFESSIONAL, 20), ("E06000002", DIGITAL, 0), ("E06000002", OTHER, 80),
    ])


def test_hand_checked_case():
    lift = london_lift(_toy()).set_index("sector")
    # professional: London 60 of 100 jobs; GB 90 of 300; without London 30 of 200
    assert lift.loc[PROFESSIONAL, "london_share_pct"] == pytest.approx(60.0)
    assert lift.loc[PROFESSIONAL, "gb_share_pct"] == pytest.approx(30.0)
    assert lift.loc[PROFESSIONAL, "without_london_pct"] == pytest.approx(15.0)
    # digital: 30 of 300 = 10%; without London 10 of 200 = 5%; one district has none
    assert lift.loc[DIGITAL, "gb_share_pct"] == pytest.approx(10.0)
    assert lift.loc[DIGITAL, "without_london_pct"] == pytest.approx(5.0)
    assert lift.loc[DIGITAL, ["n_other", "n_none", "n_higher"]].tolist() == [2, 1, 1]
    assert lift.loc[PROFESSIONAL, ["n_other", "n_none", "n_higher"]].tolist() == [2, 0, 2]
    # retail: London's 20% is below GB's 60%, so the other districts' LQs fall
    assert lift.loc[OTHER, "n_higher"] == 0
    # "every other district with any jobs in those sectors": the district with none does not count against it
    assert lifts_every_other_lq(london_lift(_toy()))


def test_london_below_gb_turns_the_reading_over():
    # London's digital share (1 of 81 jobs) below GB's (11 of 281): no other district gains
    lift = london_lift(_toy(london_digital=1))
    assert lift.set_index("sector").loc[DIGITAL, "n_higher"] == 0
    assert not lifts_every_other_lq(lift)


def test_the_data_support_the_sentence_in_every_count_year():
    assert london_lifts_lqs()
    for year in COUNT_YEARS:
        lift = london_lift(district_broad_group_employment(year)).set_index("sector")
        for sector in (PROFESSIONAL, DIGITAL):
            assert lift.loc[sector, "london_share_pct"] > lift.loc[sector, "gb_share_pct"]
            assert lift.loc[sector, "n_higher"] == lift.loc[sector, "n_other"] - lift.loc[sector, "n_none"]


def test_a_perturbed_copy_with_london_below_gb_turns_the_guard_over():
    """London's professional and digital jobs cut to a fifth: its share falls below
    Great Britain's, the reference without London rises, and no other district gains."""
    counts = district_broad_group_employment(2017)
    assert lifts_every_other_lq(london_lift(counts))
    london = counts["code"].str.startswith("E09") & counts["sector"].astype(str).isin([PROFESSIONAL, DIGITAL])
    perturbed = counts.assign(employment=counts["employment"].where(~london, counts["employment"] / 5))
    lift = london_lift(perturbed).set_index("sector")
    for sector in (PROFESSIONAL, DIGITAL):
        assert lift.loc[sector, "london_share_pct"] < lift.loc[sector, "gb_share_pct"]
        assert lift.loc[sector, "without_london_pct"] > lift.loc[sector, "gb_share_pct"]
        assert lift.loc[sector, "n_higher"] == 0
    assert not lifts_every_other_lq(lift.reset_index())


def test_reference_without_london_is_the_sum_of_the_other_districts():
    counts = district_broad_group_employment(2017)
    rest = counts[~counts["code"].str.startswith("E09")]
    jobs = rest.groupby(rest["sector"].astype(str))["employment"].sum()
    expected = 100 * jobs / jobs.sum()
    got = reference_without_london(2017)
    assert got.sort_index().round(9).tolist() == expected.sort_index().round(9).tolist()
    assert f"{got[PROFESSIONAL]:.2f}" == f"{expected[PROFESSIONAL]:.2f}"
