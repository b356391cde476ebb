"""The decade's readings must be able to fail (issue 17): every basis is read,
the words are the ones every basis gives, and a perturbed copy of the data turns
each reading over. Synthetic frames carry the columns of
:func:`placeblind.analysis.bases.decade_districts`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from placeblind.analysis import decade, own_findings
from placeblind.analysis import decade_bases as bases
from placeblind.analysis import decade_links as links

BASES = list(bases.BASES)


def frame(l4_2011, l4_2021, london=None, other_2011=None, other_2021=None, itl2=None, total=1000):
    """Districts with the given Level 4+ shares (%) of ``total`` residents 16+."""
    n = len(l4_2011)
    london = np.zeros(n, bool) if london is None else np.asarray(london, bool)
    rows = {"code": [f"X{i:03d}" for i in range(n)], "name": [f"D{i}" for i in range(n)],
            "authority_2025": [""] * n,
            "itl2": list(itl2) if itl2 is not None else [f"R{i % 8}" for i in range(n)], "london": london}
    for year, l4, other in ((2011, l4_2011, other_2011), (2021, l4_2021, other_2021)):
        rows[f"all_16plus_{year}"] = np.full(n, float(total))
        rows[f"level4_plus_{year}"] = np.asarray(l4, float) * total / 100
        rows[f"no_qualifications_{year}"] = np.full(n, 0.2 * total)
        rows[f"apprenticeship_{year}"] = np.full(n, 0.03 * total)
        rows[f"other_{year}"] = np.zeros(n) if other is None else np.asarray(other, float) * total / 100
    return pd.DataFrame(rows)


SHARES = np.linspace(15.0, 45.0, 40)


def test_known_level_divides_by_residents_whose_level_is_stated():
    data = frame([20.0, 30.0], [25.0, 40.0], other_2011=[10.0, 0.0], other_2021=[5.0, 20.0])
    known = bases.basis_shares(data, "level4_plus", "known_level")
    assert known["share_2011"].tolist() == pytest.approx([200 / 900 * 100, 30.0])
    assert known["share_2021"].tolist() == pytest.approx([250 / 950 * 100, 400 / 800 * 100])
    absolute = bases.basis_shares(data, "level4_plus", "absolute")
    assert absolute["share_2011"].tolist() == pytest.approx([20.0, 30.0])


def test_without_london_leaves_london_out_and_bad_inputs_are_refused():
    data = frame(SHARES, SHARES + 5, london=SHARES > 40)
    assert len(bases.basis_shares(data, "level4_plus", "without_london")) == int((SHARES <= 40).sum())
    with pytest.raises(ValueError, match="basis"):
        bases.basis_shares(data, "level4_plus", "percentiles")
    with pytest.raises(ValueError, match="key"):
        bases.basis_shares(data, "level3", "absolute")
    with pytest.raises(ValueError, match="no readings"):
        bases.combined_reading([])


def test_divide_depends_on_the_scale_when_shares_rise_by_more_than_their_spread():
    # Every district gains 5 points plus a tenth of its distance from the mean:
    # the points spread widens, but relative to a higher level it narrows.
    data = frame(SHARES, SHARES + 5 + 0.1 * (SHARES - SHARES.mean()))
    readings = bases.divide_by_basis(data).set_index("basis")["reading"]
    assert readings["absolute"] == "widened" and readings["relative"] == "narrowed"
    assert bases.combined_reading(readings) == bases.SCALE_DEPENDENT
    assert bases.scale_phrase(readings.to_dict()) == "widened in percentage points but narrowed relative to its level"


def test_divide_gets_one_word_when_every_basis_agrees():
    # The other side: the spread grows by half with no rise in level, so every basis widens.
    data = frame(SHARES, SHARES + 0.5 * (SHARES - SHARES.mean()), london=SHARES > 40)
    readings = bases.divide_by_basis(data).set_index("basis")["reading"]
    assert set(readings) == {"widened"}
    assert bases.combined_reading(readings) == "widened"
    assert bases.scale_phrase(readings.to_dict()) == "widened on every basis the book reads"


def test_relative_measures_by_hand():
    data = frame([10.0, 20.0, 40.0], [20.0, 40.0, 80.0])
    row = bases.divide_by_basis(data).set_index("basis").loc["relative"]
    values = np.array([10.0, 20.0, 40.0])
    assert row["first_2011"] == pytest.approx(values.std(ddof=1) / values.mean())
    assert row["first_2021"] == pytest.approx(row["first_2011"])  # doubling every share leaves the CV as it was
    assert row["second_2011"] == pytest.approx(np.log(values).std(ddof=1))


def _london_driven():
    """London's districts start high and gain most; elsewhere gains do not depend
    on the 2011 level."""
    rng = np.random.default_rng(1)
    london = np.arange(40) >= 32
    start = np.where(london, 45 + rng.uniform(0, 10, 40), 20 + rng.uniform(0, 10, 40))
    gain = np.where(london, 12.0, 6.0) + rng.normal(0, 0.5, 40)
    return start, gain, london


def test_convergence_flips_when_londons_districts_are_moved():
    start, gain, london = _london_driven()
    slopes = bases.convergence_by_basis(frame(start, start + gain, london=london)).set_index("basis")
    assert slopes.loc["absolute", "reading"] == "diverging"
    assert slopes.loc["without_london", "reading"] == "neither"
    assert slopes.loc["london_controlled", "reading"] == "neither"
    assert bases.combined_reading(slopes["reading"]) == bases.SCALE_DEPENDENT
    # Move London: its districts gain what the others gain, and the divergence goes.
    moved = bases.convergence_by_basis(frame(start, start + np.where(london, gain - 6.0, gain),
                                              london=london)).set_index("basis")
    assert moved.loc["absolute", "reading"] == "neither"


def test_convergence_reads_on_clustered_intervals_wider_than_independent_ones():
    rng = np.random.default_rng(2)
    itl2 = np.repeat([f"R{i}" for i in range(10)], 8)
    shock = np.repeat(rng.normal(0, 3, 10), 8)  # districts of one region share a shock
    start = rng.uniform(15, 45, 80)
    data = frame(start, start + 6 - 0.05 * (start - 30) + shock + rng.normal(0, 0.3, 80), itl2=itl2)
    row = bases.convergence_by_basis(data).set_index("basis").loc["absolute"]
    assert row["n_itl2"] == 10
    assert row["itl2_ci_high"] - row["itl2_ci_low"] > row["ci_high"] - row["ci_low"]
    assert row["reading"] == decade.slope_reading(row["itl2_ci_low"], row["itl2_ci_high"])
    assert np.isnan(row["morans_i"])  # no adjacency given


def test_paired_change_in_r_squared_both_ways():
    rng = np.random.default_rng(3)
    y = rng.normal(size=200)
    noisy, sharp = y + rng.normal(0, 2.0, 200), y + rng.normal(0, 0.3, 200)
    index = rng.integers(0, 200, size=(500, 200))
    change, low, high = links.paired_r2_change(y, noisy, sharp, index)
    assert change > 0 and low > 0 and links.paired_reading(low, high) == "stronger"
    change, low, high = links.paired_r2_change(y, sharp, noisy, index)
    assert high < 0 and links.paired_reading(low, high) == "weaker"
    change, low, high = links.paired_r2_change(y, noisy, noisy, index)
    assert change == 0 and low == high == 0  # the same districts for both: nothing but the change remains
    assert links.paired_reading(low, high) == links.ABOUT_AS_STRONG
    assert links.link_summary(links.ABOUT_AS_STRONG) == "has not measurably changed"
    assert links.link_summary("weaker") == "is measurably weaker"


def test_paired_rows_need_the_same_areas():
    first = pd.DataFrame({"S": [1.0, 2.0, 3.0], "pct_level4_plus": [1.0, 2.0, 4.0],
                          "pct_no_qualifications": [3.0, 2.0, 2.0]}, index=["a", "b", "c"])
    with pytest.raises(ValueError, match="same areas"):
        links.paired_link_rows(first, first.iloc[::-1], "x", ["S"])


def test_redesign_evidence_by_hand_and_turned_over():
    l4_2011 = SHARES
    other_2011 = np.full(40, 6.0)
    fall = np.linspace(1.0, 5.0, 40)
    tracked = bases.redesign_evidence(frame(l4_2011, l4_2011 + 2 + fall, other_2011=other_2011,
                                             other_2021=other_2011 - fall)).set_index("quantity")["value"]
    assert tracked["other_2011"] == pytest.approx(6.0)
    assert tracked["other_ratio"] == pytest.approx((6.0 - fall.mean()) / 6.0)
    assert tracked["r_other_fall_l4_gain"] == pytest.approx(1.0)
    assert bool(tracked["roughly_halves"]) is True
    row = own_findings.redesign_row(bases.redesign_evidence(frame(l4_2011, l4_2011 + 2 + fall, other_2011=other_2011,
                                                                   other_2021=other_2011 - fall)))
    assert row["reading"] == "tracks"
    # The other side: the gain runs against the fall, and "other" barely moves.
    against = bases.redesign_evidence(frame(l4_2011, l4_2011 + 7 - fall, other_2011=other_2011,
                                             other_2021=other_2011 - fall / 10))
    assert own_findings.redesign_row(against)["reading"] == "does not measurably track"
    assert bool(against.set_index("quantity").loc["roughly_halves", "value"]) is False


def test_merges_between_the_censuses_come_from_the_code_changes():
    merges = bases.merges_between_censuses().set_index("code")
    assert set(merges.index) == {"E06000058", "E06000059", "E07000244", "E07000245", "E07000246", "E06000060",
                                 "E06000061", "E06000062"}
    assert set(merges.index[merges["added_up_by"] == "this book"]) == {"E06000061", "E06000062"}
    assert merges.loc["E06000060", "n_merged"] == 4
    summary = bases.merges_summary().set_index("quantity")["value"]
    assert summary["n_merged"] == 8 and summary["n_book"] == 2
    assert summary["book_names"] == "North Northamptonshire (2021); West Northamptonshire (2021)"


# ---- the real data --------------------------------------------------------


def test_real_bases_agree_with_the_published_convergence_and_divide():
    slopes = bases.convergence_bases().set_index("basis")
    published = decade.convergence().set_index("sample").loc["all_districts"]
    assert slopes.loc["absolute", "slope"] == pytest.approx(published["slope"], abs=1e-12)
    assert slopes.loc["absolute", "ci_low"] == pytest.approx(published["slope_ci_low"], abs=1e-9)
    assert slopes.loc["absolute", "n"] == published["n"]
    assert list(slopes.index) == BASES
    assert (slopes["morans_p"] > 0).all() and (slopes["morans_p"] <= 1).all()
    divides = bases.divide_bases().set_index(["share", "basis"])
    main = decade.divide("level4_plus")
    assert divides.loc[("level4_plus", "absolute"), "first_2011"] == pytest.approx(main["gap_2011"])
    assert divides.loc[("level4_plus", "absolute"), "reading"] == main["reading"]
    london = bases.decade_districts()
    assert int(london["london"].sum()) == 33 and london["code"][london["london"]].str.startswith("E09").all()


def test_own_findings_table_has_stable_columns_and_follows_the_tables():
    table = own_findings.own_findings_nulls()
    assert list(table.columns) == own_findings.COLUMNS
    assert table["finding"].is_unique
    rows = table.set_index("finding")
    slopes = bases.convergence_bases()
    assert rows.loc["decade_convergence", "reading"] == bases.combined_reading(slopes["reading"])
    link = links.paired_link("all_districts", "Professional, scientific & technical")
    assert rows.loc["decade_link_all_districts_professional_level4_plus", "reading"] == link["reading"]
    from placeblind.publishing.registry import TABLES
    assert "own_findings_nulls" in TABLES
