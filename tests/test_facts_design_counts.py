"""The study's design counts that the prose prints (two censuses, seven
qualification groups, the two texts, eight IS-8 sectors, about forty regions)
are computed from the code that defines them, so a changed configuration changes
the words: each test perturbs the definition and reads the word again."""

from __future__ import annotations

import pytest

from placeblind import text
from placeblind.analysis import findings as chapter_findings
from placeblind.claims import findings as robustness_findings
from placeblind.publishing import fact_declarations


def printed(name: str, frame) -> str:
    """The text the page prints for the declared fact ``name``, its table replaced by ``frame``."""
    fact = next(f for f in fact_declarations.all_declared() if f.name == name)
    return fact_declarations.resolve(fact, {fact.table}, lambda _table: frame)[1]


def test_the_census_and_qualification_counts_follow_the_configuration(monkeypatch):
    real = chapter_findings.data_findings()
    assert printed("dec_n_censuses", real) == printed("end_n_censuses", real) == "two"
    assert printed("att_n_levels", real) == printed("dm_n_qualification_groups", real) == "seven"
    monkeypatch.setattr(chapter_findings, "CENSUS_YEARS", (2001, 2011, 2021))
    fewer = dict(list(chapter_findings.QUALIFICATIONS.items())[:-1])
    monkeypatch.setattr(chapter_findings, "QUALIFICATIONS", fewer)
    perturbed = chapter_findings.data_findings()
    assert printed("dec_n_censuses", perturbed) == printed("end_n_censuses", perturbed) == "three"
    assert printed("att_n_levels", perturbed) == printed("dm_n_qualification_groups", perturbed) == "six"


def test_the_service_colocation_note_rounds_the_measured_regions(monkeypatch):
    item = robustness_findings.finding("service_colocation")
    monkeypatch.setattr(robustness_findings, "n_measured_regions", lambda: 40)
    assert "across about forty regions at once" in item.null_reason()
    monkeypatch.setattr(robustness_findings, "n_measured_regions", lambda: 31)
    assert "across about thirty regions at once" in item.null_reason()
    assert "forty" not in item.null_reason()


def test_a_finding_with_a_null_gives_no_reason():
    assert robustness_findings.finding("table4_professional").null_reason() == ""
    assert robustness_findings.finding("greater_manchester_none").null_reason().startswith("a count against")


@pytest.mark.parametrize("n, words", [(40, "about forty"), (36, "about forty"), (44, "about forty"),
                                      (45, "about fifty"), (5, "about ten"), (94, "about ninety")])
def test_a_round_count_in_words(n, words):
    assert text.about_count(n) == words


@pytest.mark.parametrize("n", [4, 0, 95, 400])
def test_a_count_without_a_round_word_is_refused(n):
    with pytest.raises(ValueError, match="no round word"):
        text.about_count(n)


@pytest.mark.parametrize("value, words", [(5, "Five"), (2, "Two"), (0, "No"), (12, "12"), (7.0, "Seven")])
def test_a_count_opening_a_sentence_prints_capitalised(value, words):
    assert fact_declarations.format_value(value, "Word") == words
    assert fact_declarations.format_value(value, "word") == words.lower()


@pytest.mark.parametrize("value", [2.5, -1, True, "five"])
def test_a_capitalised_word_is_still_a_count(value):
    with pytest.raises(fact_declarations.FactError, match="'Word' prints a count"):
        fact_declarations.format_value(value, "Word")


def test_the_significance_level_the_prose_prints_follows_the_constant(monkeypatch):
    assert printed("inf_significance_pct", chapter_findings.data_findings()) == "5"
    monkeypatch.setattr(chapter_findings, "SIGNIFICANCE", 0.01)
    assert printed("inf_significance_pct", chapter_findings.data_findings()) == "1"


def test_the_partly_captured_sectors_are_the_measurable_ones_dbt_rates_not_easily_represented():
    import pandas as pd

    from placeblind.analysis.findings_is8 import n_measurable_partial

    coverage = pd.DataFrame({"sector": ["A", "B", "C", "D"],
                             "dbt_rating": ["Well defined by SIC", "Not easily represented by SIC, with partial coverage",
                                            "Not easily represented by SIC, with no or partial coverage",
                                            "Proxy SIC-based definition"]})
    assert n_measurable_partial(coverage, ("A", "B", "D")) == 1      # C has no code: it is not measured at all
    assert n_measurable_partial(coverage, ("A", "B", "C", "D")) == 2
    assert n_measurable_partial(coverage, ("A", "D")) == 0


def test_the_interval_level_the_pages_print_follows_the_one_constant(monkeypatch):
    """The level every interval is printed at ("95% interval", in the prose and in
    the tables' column names) is read from the book's one level
    (measures.correlations.SIGNIFICANCE), which the intervals themselves read: at a
    10% level the pages say 90% and the fits' intervals narrow to match."""
    import numpy as np
    import pandas as pd
    import statsmodels.api as sm

    from placeblind.measures import correlations, fits
    from placeblind.publishing import displays_decade

    links = pd.DataFrame({"sample": ["all_districts"], "sector": ["x"], "education": ["level4_plus"],
                          "r2_2011": [0.2], "r2_2021": [0.3], "change": [0.1], "change_ci_low": [0.05],
                          "change_ci_high": [0.15], "reading": ["stronger"]})
    low_pct, high_pct = correlations.INTERVAL_PERCENTILES
    assert printed("interval_level_pct", chapter_findings.data_findings()) == "95" == f"{high_pct - low_pct:g}"
    assert "Paired 95% interval" in displays_decade.link_changes(links, "all_districts").columns
    monkeypatch.setattr(correlations, "SIGNIFICANCE", 0.1)
    assert printed("interval_level_pct", chapter_findings.data_findings()) == "90"
    assert "Paired 90% interval" in displays_decade.link_changes(links, "all_districts").columns

    # The intervals follow the same constant (held by the fits' module under its own
    # name: tests/test_one_constant.py): the slope's interval is statsmodels' at that
    # level, and the bootstrap's percentiles run 5 to 95, inside the 95% ones.
    x = np.array([10.0, 12, 15, 18, 20, 22, 25, 30, 33, 40])
    y = np.array([3.0, 5, 4, 7, 6, 9, 8, 12, 10, 15])
    # (one more resample for the second fit: the process keeps fits by their arguments, and
    # the same seed draws the same first 2,000 resamples, so only the level differs materially)
    wide = fits.education_sector_fit(x, y, resamples=2000)
    monkeypatch.setattr(fits, "SIGNIFICANCE", 0.1)
    monkeypatch.setattr(fits, "INTERVAL_PERCENTILES", (5.0, 95.0))
    narrow = fits.education_sector_fit(x, y, resamples=2001)
    ols = sm.OLS(y, sm.add_constant(x)).fit()
    assert (narrow.slope_ci_low, narrow.slope_ci_high) == pytest.approx(tuple(ols.conf_int(0.1)[1]))
    assert wide.slope_ci_low < narrow.slope_ci_low < narrow.slope < narrow.slope_ci_high < wide.slope_ci_high
    assert wide.r_ci_low < narrow.r_ci_low <= narrow.r_ci_high < wide.r_ci_high
    assert narrow.r == wide.r and narrow.slope == wide.slope
