"""The ledger's rule set (placeblind.claims.rules) on hand-checked cases: every
rule reaches every verdict it should, and each edge falls on the stated side."""

from __future__ import annotations

import itertools

import pytest

from placeblind.claims import rules
from placeblind.claims.rules import (
    LIST_MARGIN,
    MARGINS,
    mean_grade as combine_vintages,
    correlation_verdict,
    count_verdict,
    list_verdict,
    numeric_verdict,
    pattern_verdict,
)


@pytest.mark.parametrize("kind", sorted(MARGINS))
def test_numeric_rule_reaches_every_verdict(kind):
    margin = MARGINS[kind]
    assert numeric_verdict(2.84, 2.843, 2, kind) == "reproduced"      # rounds to 2.84
    assert numeric_verdict(2.84, 2.84 + margin * 0.9, 2, kind) == "close"
    assert numeric_verdict(2.84, 2.84 - margin, 2, kind) == "close"   # the margin itself is close
    assert numeric_verdict(2.84, 2.84 + margin * 1.1, 2, kind) == "differs"
    assert numeric_verdict(2.84, float("nan"), 2, kind) == "cannot be tested"


def test_numeric_rule_uses_the_published_precision():
    # 0.24 rounds to 0.2 at one decimal: reproduced; at two decimals it is only close.
    assert numeric_verdict(0.2, 0.24, 1, "lq") == "reproduced"
    assert numeric_verdict(0.2, 0.24, 2, "lq") == "close"


def test_numeric_rule_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        numeric_verdict(1, 1, 0, "population")


def test_correlation_rule_reads_a_negative_value_as_r_only():
    assert correlation_verdict(-0.92, -0.918, 2) == ("reproduced", "r")
    assert correlation_verdict(-0.92, -0.928, 2) == ("close", "r")
    assert correlation_verdict(-0.92, -0.5, 2) == ("differs", "r")


def test_correlation_rule_takes_the_nearer_reading():
    # r = 0.88: r2 = 0.77, so 0.78 is nearer r2 ...
    assert correlation_verdict(0.78, 0.88, 2) == ("close", "r2")
    # ... and r = 0.78 exactly is reproduced under the r reading.
    assert correlation_verdict(0.78, 0.78, 2) == ("reproduced", "r")
    # a negative r is read by its size against a published (unsigned) r-squared.
    assert correlation_verdict(0.25, -0.25, 2) == ("reproduced", "r")
    assert correlation_verdict(0.84, 0.3, 2) == ("differs", "r")


def test_correlation_rule_is_the_reading_nearer_the_published_value_ties_to_r():
    """The rule as stated: of the readings (r alone for a negative published value;
    else |r|, then r²), the first nearest the published value, graded by the numeric
    rule; a tie (r = 0 or 1 against 0.5: |r| and r² equally near) and a missing r read r."""
    def plain(published, r):
        readings = {"r": r} if published < 0 else {"r": abs(r), "r2": r * r}
        reading = min(readings, key=lambda k: abs(readings[k] - published))
        return numeric_verdict(published, readings[reading], 2, "correlation"), reading

    values = [float("nan"), -1.0, -0.91, -0.5, -0.3, 0.0, 0.2, 0.5, 0.7071, 0.88, 0.95, 1.0]
    for published, r in itertools.product([-0.92, 0.0, 0.25, 0.5, 0.78], values):
        assert correlation_verdict(published, r, 2) == plain(published, r), (published, r)
    assert correlation_verdict(0.5, 1.0, 2)[1] == correlation_verdict(0.5, 0.0, 2)[1] == "r"


def test_count_rule():
    assert count_verdict(4, 4) == "reproduced"
    assert count_verdict(4, 3, 5) == "close"       # between the strict count and the count with ties
    assert count_verdict(4, 5, 3) == "close"
    assert count_verdict(4, 2, 3) == "differs"
    assert count_verdict(5, 6) == "differs"        # no tolerance without ties


def test_list_rule():
    assert list_verdict(["a", "b"], {"b", "a"}) == "reproduced"
    assert list_verdict(["a", "b", "c"], ["a", "b", "d"]) == "close"     # one substitution
    assert list_verdict(["a", "b"], ["a", "b", "c"]) == "close"          # one extra
    assert list_verdict(["a", "b"], ["a"]) == "close"                    # one missing
    assert list_verdict(["a", "b"], ["a", "c", "d"]) == "differs"        # two extra
    assert list_verdict(["a", "b", "c"], ["a"]) == "differs"             # two missing
    assert LIST_MARGIN == 1


def test_pattern_rule():
    assert pattern_verdict(True, False) == "reproduced"
    assert pattern_verdict(False, True) == "close"
    assert pattern_verdict(False, False) == "differs"


def test_more_than_half():
    assert rules.more_than_half(19, 37) and not rules.more_than_half(18, 37)
    assert not rules.more_than_half(2, 4) and rules.more_than_half(3, 4)
    with pytest.raises(ValueError):
        rules.more_than_half(0, 0)


def test_worst():
    assert rules.worst(["reproduced", "close"]) == "close"
    assert rules.worst(["close", "differs", "reproduced"]) == "differs"
    with pytest.raises(ValueError):
        rules.worst(["holds"])


def test_former_two_vintage_rule_is_the_mean_grade_rounded_towards_differs():
    graded = rules.VERDICTS[:3]
    for a, b in itertools.product(graded, repeat=2):
        combined = combine_vintages(a, b)
        assert combined == combine_vintages(b, a)                 # neither year preferred
        i, j = sorted((graded.index(a), graded.index(b)))
        assert i <= graded.index(combined) <= j                   # never outside the two
    assert combine_vintages("reproduced", "differs") == "close"
    assert combine_vintages("reproduced", "close") == "close"
    assert combine_vintages("close", "differs") == "differs"
    assert combine_vintages("close", "close") == "close"
    assert combine_vintages("cannot be tested", "close") == "close"
    assert rules.better_of("close", "differs") == "close"
    with pytest.raises(ValueError):
        combine_vintages("holds", "close")


def test_rule_table_states_every_margin():
    table = rules.rule_table()
    text = " ".join(table.astype(str).to_numpy().ravel())
    for margin in (rules.SHARE_MARGIN_PP, rules.LQ_MARGIN, rules.CORRELATION_MARGIN, rules.RATIO_MARGIN):
        assert f"within {margin:g}" in text
    assert list(table.columns) == ["kind", *rules.VERDICTS, "two vintages"]
    # what each kind averages over the two vintages is printed from the one dictionary the rule reads
    for reads in rules.MEAN_READS.values():
        assert reads in text
    for words in rules.DATE_RULE.values():
        assert words in text


def test_date_rule_both_sides():
    import datetime

    june = datetime.date(2025, 6, 23)
    assert rules.date_verdict(june, datetime.date(2025, 6, 1)) == "reproduced"     # same month and year
    assert rules.date_verdict(datetime.date(2025, 11, 1), june) == "close"        # same year only
    assert rules.date_verdict(datetime.date(2024, 6, 1), june) == "differs"       # another year
    assert rules.date_verdict(datetime.date(2026, 6, 23), june) == "differs"      # same month, another year
    with pytest.raises(TypeError):
        rules.date_verdict("November 2025", june)
