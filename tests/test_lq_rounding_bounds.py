"""LQ bounds from rounding: Nomis' rounding bands worked by hand, shares and LQs
by interval arithmetic, every LQ inside its bounds, and the readings that
rounding leaves too close to call (both sides)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from placeblind.analysis import lq_readings, lq_rounding
from placeblind.data.bres import district_division_employment
from placeblind.data.sectors import DIVISION_TO_BROAD_GROUP
from placeblind.measures.rounding_bounds import (
    published_share_bounds,
    rounded_count_bounds,
    share_bounds,
    straddles,
)

PROF = "Professional, scientific & technical"


# --- the rounding rule, by hand ------------------------------------------------------------------------------

@pytest.mark.parametrize("published, low, high", [
    (0, 0, 2),          # 1 and 2 round to 0 (nearest 5)
    (5, 3, 7),          # 3-7 round to 5
    (50, 48, 62),       # 48-49 to the nearest 5, 50-62 to the nearest 25
    (1000, 950, 1125),  # 950-999 to the nearest 100, 1,000-1,125 to the nearest 250
    (1250, 1125, 1375),
    (5000, 4750, 5500),  # 4,750-4,999 to the nearest 500, 5,000-5,500 to the nearest 1,000
])
def test_rounded_count_bounds_worked_by_hand(published, low, high):
    lo, hi = rounded_count_bounds([published])
    assert (lo[0], hi[0]) == (low, high)


@pytest.mark.parametrize("bad", [-5, 2.5, 1300, np.nan])
def test_a_count_the_rule_cannot_give_is_an_error(bad):
    with pytest.raises(ValueError):
        rounded_count_bounds([bad])


def test_a_sum_of_rounded_cells_can_be_bounded_as_if_rounded_once():
    lo, hi = rounded_count_bounds([1300], check=False)
    assert (lo[0], hi[0]) == (1175, 1425)


def test_every_bundled_district_cell_is_a_value_of_the_rule():
    low, high = rounded_count_bounds(district_division_employment()["employment"])
    assert (low <= high).all()


def test_share_bounds_worked_by_hand():
    # a part published as 50 (48-62) in a rest published as 1,000 (950-1,125)
    low, high = share_bounds([48], [62], [950], [1125])
    assert low[0] == pytest.approx(100 * 48 / 1173)
    assert high[0] == pytest.approx(100 * 62 / 1012)
    with pytest.raises(ValueError):
        share_bounds([5], [4], [1], [2])


def test_published_share_bounds_never_go_below_zero():
    low, high = published_share_bounds([0.0, 12.3])
    assert low.tolist() == pytest.approx([0.0, 12.25]) and high.tolist() == pytest.approx([0.05, 12.35])


@pytest.mark.parametrize("low, high, expected", [(0.98, 1.02, True), (1.01, 1.05, False), (0.9, 0.99, False),
                                                 (1.0, 1.0, False)])
def test_straddles_is_true_only_when_both_sides_are_possible(low, high, expected):
    assert bool(straddles([low], [high])[0]) is expected


# --- the book's LQs ----------------------------------------------------------------------------------------

def test_every_lq_lies_inside_its_bounds():
    lq = lq_rounding.location_quotients_with_bounds()
    assert lq[["lq_low", "lq_high"]].notna().all().all()
    assert ((lq["lq_low"] <= lq["lq"] + 1e-12) & (lq["lq"] <= lq["lq_high"] + 1e-12)).all()
    is8 = lq_rounding.is8_location_quotients_with_bounds()
    bounded = is8["lq_low"].notna()
    assert ((is8.loc[bounded, "lq_low"] <= is8.loc[bounded, "lq"] + 1e-12)
            & (is8.loc[bounded, "lq"] <= is8.loc[bounded, "lq_high"] + 1e-12)).all()
    assert is8.loc[~bounded, "year"].eq(2023).all() and bounded[is8["year"] == 2021].all()


def test_one_district_s_bounds_recomputed_from_its_raw_cells():
    # Cambridge (E07000008), professional services, 2017: its division cells at the ends of their ranges.
    cells = district_division_employment().query("year == 2017 and code == 'E07000008'")
    low, high = rounded_count_bounds(cells["employment"])
    inside = (cells["division"].map(DIVISION_TO_BROAD_GROUP) == PROF).to_numpy()
    share_low = low[inside].sum() / (low[inside].sum() + high[~inside].sum())
    share_high = high[inside].sum() / (high[inside].sum() + low[~inside].sum())
    lq = lq_rounding.location_quotients_with_bounds().query(
        "code == 'E07000008' and vintage == 2017 and sector == @PROF").iloc[0]
    reference = (cells.loc[inside, "employment"].sum() / cells["employment"].sum()) / lq["lq"]
    assert lq["lq_low"] == pytest.approx(share_low / reference)
    assert lq["lq_high"] == pytest.approx(share_high / reference)


def test_2019_bounds_are_narrow_but_not_empty():
    lq = lq_rounding.location_quotients_with_bounds().query("vintage == 2019")
    width = lq["lq_high"] - lq["lq_low"]
    assert (width > 0).all() and width.max() < 0.5   # a tenth of a point of share is a small move


def test_lq_too_close_flags_straddling_rows_and_needs_the_bounds():
    table = pd.DataFrame({"lq_low": [0.98, 1.01], "lq_high": [1.02, 1.05]})
    assert lq_rounding.lq_too_close(table)["too_close"].tolist() == [True, False]
    with pytest.raises(KeyError):
        lq_rounding.lq_too_close(pd.DataFrame({"lq": [1.0]}))


def test_the_study_tables_carry_the_same_bounds_as_the_book():
    from placeblind.data.study import paper_study
    from placeblind.publishing.study_tables import study_tables

    ours = study_tables(paper_study())["location_quotients"].drop(columns="authority")
    pd.testing.assert_frame_equal(ours.reset_index(drop=True), lq_rounding.location_quotients_with_bounds())


# --- the readings too close to call (both sides) -----------------------------------------------------------

def test_readings_table_counts_are_ordered_and_cover_every_reading():
    table = lq_readings.lq_readings_too_close()
    assert (table["settled"] == (table["n_verdicts_unsettled"] == 0)).all()
    assert set(table["reading"]) == {"professional_below_one", "digital_below_one", "itl2_specialisms",
                                     "districts_with_both", "manufacturing_above_one"}
    assert ((table["count_low"] <= table["count"]) & (table["count"] <= table["count_high"])).all()
    assert (table["n_too_close"] <= table["n_lqs"]).all()
    assert (table["n_verdicts_unsettled"] <= table["n_verdicts"]).all()


def _exact(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(lq_low=frame["lq"], lq_high=frame["lq"])


def test_without_rounding_nothing_is_too_close(monkeypatch):
    monkeypatch.setattr(lq_readings, "location_quotients_with_bounds",
                        lambda: _exact(lq_rounding.location_quotients_with_bounds()))
    table = lq_readings.lq_readings_too_close()
    rows = table[table["reading"].str.endswith("_below_one")]
    assert (rows["n_too_close"] == 0).all() and (rows["count_low"] == rows["count_high"]).all()
    assert (rows["n_verdicts_unsettled"] == 0).all() and rows["settled"].all()


def test_wide_enough_bounds_unsettle_the_majority_reading(monkeypatch):
    def wide():
        lq = lq_rounding.location_quotients_with_bounds()
        return lq.assign(lq_low=lq["lq"] - 2, lq_high=lq["lq"] + 2)

    monkeypatch.setattr(lq_readings, "location_quotients_with_bounds", wide)
    table = lq_readings.lq_readings_too_close()
    rows = table[table["reading"].str.endswith("_below_one")]
    assert (rows["n_too_close"] == rows["n_lqs"]).all()
    assert (rows["n_verdicts_unsettled"] == 1).all() and not rows["settled"].any()


def test_region_counts_are_settled_when_no_bound_straddles_one(monkeypatch):
    monkeypatch.setattr(lq_readings, "is8_lq_bounds", lambda year, definition: lq_rounding.is8_lq_itl2(
        year, definition)[["itl2_code", "sector", "lq"]].rename(columns={"lq": "lq_low"}).assign(
        lq_high=lambda f: f["lq_low"]))
    row = lq_readings.lq_readings_too_close().set_index("reading").loc["itl2_specialisms"]
    assert row["n_too_close"] == 0 and row["n_verdicts_unsettled"] == 0 and row["settled"]
    assert row["count_low"] == row["count"] == row["count_high"]
