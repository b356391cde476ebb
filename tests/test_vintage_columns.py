"""The per-vintage verdicts are kept once, as long rows (``Claim.by_vintage``),
and every wide table of them is derived with columns named from the vintage
registry (:func:`placeblind.claims.framework.verdict_columns`).

Both sides: with the registry's bracketing years changed (a monkeypatched
``MEAN_OF``), hand-made claims give columns, page lines and sentences that name
those years, with no fixed 2017 or 2019 left to raise a KeyError; on the real
ledger the derived columns are exactly the claims' long grades.
"""

from __future__ import annotations

import pandas as pd
import pytest

from placeblind.analysis import vintages
from placeblind.claims import framework, rounding, rules, summary_findings, vintage_rule
from placeblind.claims.framework import PAPER, Claim, graded_vintages, ledger_columns, ledger_frame, verdict_column
from placeblind.claims.paper import paper_claim_objects, paper_claims
from placeblind.publishing import ledger_page

OTHER_YEARS = (2016, 2019)
OTHER_MEAN = "the 2016-2019 mean"


def made_claim(claim_id: str, grades: dict, verdict: str | None = None, decides=OTHER_MEAN) -> Claim:
    """A hand-made sector claim graded in the vintages of ``grades`` (vintage -> verdict)."""
    by_vintage = tuple((str(v), f"value {v}", g, v == decides) for v, g in grades.items())
    return Claim(claim_id, PAPER, f"statement {claim_id}", "1.0", "reproduced", "LQ", "BRES", verdict or grades[decides],
                 "", rule="lq", by_vintage=by_vintage)


def plain_claim(claim_id: str) -> Claim:
    """A claim that does not rest on BRES: no per-vintage grades."""
    return Claim(claim_id, PAPER, f"statement {claim_id}", "47.33", "47.33", "%", "2011 Census", "reproduced", "")


HAND_MADE = (
    plain_claim("P01"),
    made_claim("P13", {2016: "close", 2019: "differs", OTHER_MEAN: "close"}),
    made_claim("P15", {2016: "close", 2019: "close", OTHER_MEAN: "close"}),
    made_claim("P20", {2016: "reproduced", 2019: "differs", OTHER_MEAN: "differs"}),
)


@pytest.fixture
def other_years(monkeypatch):
    """The registry with other bracketing years: 2016 and 2019."""
    monkeypatch.setattr(vintages, "MEAN_OF", OTHER_YEARS)
    return OTHER_YEARS


# --- another registry: the names follow it ----------------------------------

def test_the_columns_are_named_after_the_registry_s_years(other_years):
    assert graded_vintages() == OTHER_YEARS
    assert ledger_columns()[-3:] == ["verdict_2016", "verdict_2019", "rule"]
    frame = ledger_frame(list(HAND_MADE))
    assert list(frame.columns) == ledger_columns()
    assert "verdict_2017" not in frame.columns
    assert frame["verdict_2016"].tolist() == ["", "close", "close", "reproduced"]
    assert frame["verdict_2019"].tolist() == ["", "differs", "close", "differs"]
    assert frame["verdict"].tolist() == ["reproduced", "close", "close", "differs"]


def test_a_vintage_a_claim_is_not_graded_in_gives_an_empty_cell():
    claim = made_claim("P13", {2016: "close", 2019: "differs", OTHER_MEAN: "close"})
    assert claim.verdict_in(2016) == "close" and claim.verdict_in(OTHER_MEAN) == "close"
    assert claim.verdict_in(2017) == ""
    wide = framework.verdict_columns([claim], (2017, 2019))
    assert wide.to_dict("records") == [{"verdict_2017": "", "verdict_2019": "differs"}]


def test_a_claim_rejects_a_bad_or_repeated_vintage_grade():
    with pytest.raises(ValueError, match="verdict must be one of"):
        made_claim("P13", {2016: "holds", 2019: "close", OTHER_MEAN: "close"})
    with pytest.raises(ValueError, match="graded twice"):
        Claim("P13", PAPER, "s", "1", "r", "u", "v", "close", "",
              by_vintage=(("2016", "1", "close", False), ("2016", "2", "close", True)))


def test_the_ledger_page_names_the_registry_s_years(other_years):
    page = ledger_page.ledger_html(ledger_frame(list(HAND_MADE)))
    p13 = page[page.index('id="P13"'):page.index('id="P15"')]
    assert "Verdict on 2016:</b> close" in p13 and "Verdict on 2019:</b> differs" in p13
    assert "Verdict on 2017" not in page
    assert page.count("Verdict on 2016") == 3                  # not for the claim without grades


def test_the_vintage_rule_table_follows_the_registry(other_years, monkeypatch):
    monkeypatch.setattr(vintage_rule, "paper_claim_objects", lambda: HAND_MADE)
    table = vintage_rule.vintage_rule_changes()
    assert list(table.columns) == ["claim_id", "verdict_2016", "verdict_2019", "mean_grade", "mean_values", "verdict",
                                   "decided_otherwise"]
    assert table["claim_id"].tolist() == ["P13", "P15", "P20"]      # the claim without grades is left out
    assert table["mean_grade"].tolist() == ["differs", "close", "close"]
    assert table["decided_otherwise"].tolist() == [True, False, True]


def test_the_vintage_rule_table_refuses_a_claim_missing_a_year(other_years, monkeypatch):
    missing = made_claim("P30", {2019: "close", OTHER_MEAN: "close"})
    monkeypatch.setattr(vintage_rule, "paper_claim_objects", lambda: (*HAND_MADE, missing))
    with pytest.raises(ValueError, match="P30"):
        vintage_rule.vintage_rule_changes()


def ledger_sentences(monkeypatch, claims=HAND_MADE) -> tuple[pd.Series, pd.Series]:
    """The ledger chapter's findings (values, descriptions) computed from hand-made claims."""
    monkeypatch.setattr(vintage_rule, "paper_claim_objects", lambda: claims)
    monkeypatch.setattr(summary_findings, "claims_ledger", lambda: ledger_frame(list(claims)))
    monkeypatch.setattr(summary_findings, "vintage_noise", lambda: {
        "n_pairs": 10, "share_middle_between": 0.3, "median_one_year": 0.05, "median_two_year": 0.06,
        "median_2017_2019": 0.07})
    table = summary_findings.ledger_findings().set_index("quantity")
    return table["value"], table["description"]


def test_the_ledger_sentences_name_the_registry_s_years(other_years, monkeypatch):
    value, description = ledger_sentences(monkeypatch)
    assert value["ledger_p13"] == "P13: 2016 close, 2019 differs, the mean of the values close"
    assert value["ledger_years_disagree_graded"] == ("P13: 2016 close, 2019 differs, the mean of the values close; "
                                                    "P20: 2016 reproduced, 2019 differs, the mean of the values differs")
    assert value["ledger_mean_rule_otherwise"] == ("P13 close (the mean grade: differs; 2016 close, 2019 differs); "
                                                  "P20 differs (the mean grade: close; 2016 reproduced, 2019 differs)")
    assert (value["ledger_n_two_vintage"], value["ledger_n_vintages_disagree"]) == (3, 2)
    assert (value["ledger_lowered_from_better"], value["ledger_lifted_from_worse"]) == ("P20", "P13")
    assert not value["ledger_p13_p15_close"]
    assert description["noise_median_2017_2019"] == "median movement between 2016 and 2019"
    assert description["ledger_n_vintages_disagree"] == "those whose two vintages disagree"
    assert "2017" not in " ".join(value.astype(str)) + " ".join(description)


def test_the_ledger_sentences_read_three_vintages(monkeypatch):
    """The rule and the sentences are written for two vintages; with three in the
    registry they read over all three."""
    years = (2015, 2017, 2019)
    mean = "the 2015-2019 mean"
    claims = (
        made_claim("P13", {2015: "close", 2017: "close", 2019: "close", mean: "close"}, decides=mean),
        made_claim("P15", {2015: "reproduced", 2017: "close", 2019: "differs", mean: "close"}, decides=mean),
    )
    monkeypatch.setattr(vintages, "MEAN_OF", years)
    value, description = ledger_sentences(monkeypatch, claims)
    assert value["ledger_p15"] == "P15: 2015 reproduced, 2017 close, 2019 differs, the mean of the values close"
    assert (value["ledger_n_two_vintage"], value["ledger_n_vintages_disagree"]) == (2, 1)
    assert description["ledger_n_two_vintage"] == "claims graded in all three vintages"
    assert description["noise_median_2017_2019"] == "median movement between 2015, 2017 and 2019"


def test_the_former_rules_take_any_number_of_vintages():
    assert rules.mean_grade("reproduced", "close", "differs") == "close"
    assert rules.mean_grade("reproduced", "reproduced", "differs") == "close"      # 2/3 rounds up
    assert rules.mean_grade("cannot be tested", "close", "differs") == "differs"  # untestable left out
    assert rules.mean_grade("cannot be tested", "cannot be tested") == "cannot be tested"
    assert rules.better_of("differs", "close", "reproduced") == "reproduced"
    for bad in ((), ("holds", "close")):
        with pytest.raises(ValueError):
            rules.mean_grade(*bad)
        with pytest.raises(ValueError):
            rules.better_of(*bad)


def test_the_rescaled_vintages_are_the_registry_s_shares_vintages(other_years):
    assert rounding.rescaled_vintages() == (2019,)                 # 2016 is read from the counts file
    assert rounding.verdict_columns_compared() == ["verdict", "verdict_2016", "verdict_2019"]


def test_the_rescaling_sentence_names_each_rescaled_year(monkeypatch):
    monkeypatch.setattr(rounding, "rescaled_vintages", lambda: (2018, 2019))
    one = pd.DataFrame([{"claim_id": "P01", "verdict": "close", "verdict_as_published": "differs",
                         "verdict_2018": "close", "verdict_2018_as_published": "close",
                         "verdict_2019": "reproduced", "verdict_2019_as_published": "close"}])
    assert rounding.rescaling_sentence(one) == (
        "changes the verdict of 1 claim: P01 (2018 close rather than close; 2019 reproduced rather than close; "
        "overall close rather than differs)")


# --- the real ledger: the derived columns are the long grades ---------------

def test_the_real_ledger_s_columns_are_the_claims_long_grades():
    claims = paper_claim_objects()
    ledger = paper_claims()
    assert ledger["claim_id"].tolist() == [c.claim_id for c in claims]
    assert graded_vintages() == vintages.MEAN_OF
    for year in graded_vintages():
        long = {c.claim_id: next((g for v, _, g, _ in c.by_vintage if v == str(year)), "") for c in claims}
        assert ledger[verdict_column(year)].tolist() == list(long.values()), year
    graded = [c for c in claims if c.by_vintage]
    assert len(graded) > 20
    # every graded claim has a grade in each bracketing year, and the derived
    # columns of the vintage-rule table are the same cells
    table = vintage_rule.vintage_rule_changes().set_index("claim_id")
    assert list(table.index) == [c.claim_id for c in graded]
    wide = ledger.set_index("claim_id").loc[table.index]
    for year in graded_vintages():
        column = verdict_column(year)
        assert (wide[column] != "").all()
        assert table[column].tolist() == wide[column].tolist()
    assert table["verdict"].tolist() == wide["verdict"].tolist()
    # the long export, pivoted, gives the same cells
    long = vintage_rule.claims_by_vintage()
    pivot = long.pivot(index="claim_id", columns="vintage", values="verdict").loc[table.index]
    for year in graded_vintages():
        assert pivot[str(year)].tolist() == table[verdict_column(year)].tolist()
