"""Tests of the paper's claims ledger (placeblind.claims_paper).

Headline reproduced values are checked against independent recomputation from
the raw bundle files; verdict rules against small hand-made cases.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import REAL_DATA_DIR

from placeblind.claims import paper, rules
from placeblind.claims.framework import PAPER, VERDICTS, ledger_columns
from placeblind.data import geography
from placeblind.publishing import displays

BRES_2017 = REAL_DATA_DIR / "bres" / "bres2015_2017_lad16_sic2digit_employment_nismod_arc.csv"
QS501_TOTALS = REAL_DATA_DIR / "census" / "qs501ew_2011_QS501EW001_lad20_ew_rows__jtrim-ons_census-2011-data.csv"


@pytest.fixture(scope="module")
def ledger():
    return paper.paper_claims().set_index("claim_id", drop=False)


def raw_lq_2017(code: str, divisions) -> float:
    frame = pd.read_csv(BRES_2017, skiprows=6)
    frame = frame[frame["timestep"] == 2017].set_index("lad16cd")
    columns = [str(d) for d in divisions]
    total = frame.drop(columns=["timestep", "lad16nm"]).sum(axis=1)
    sector = frame[columns].sum(axis=1)
    return float((sector[code] / total[code]) / (sector.sum() / total.sum()))


def vintage_value(text: str, vintage: int) -> str:
    """The part of a 'reproduced' cell that belongs to one vintage."""
    from placeblind.analysis.vintages import MEAN_VINTAGE

    match = re.search(rf"(?:^|; ){re.escape(str(vintage))}: (.*?)(?:; (?:2017|2019|{re.escape(MEAN_VINTAGE)}): |$)",
                      text)
    assert match, text
    return match.group(1)


def test_ledger_shape(ledger):
    assert list(ledger.columns) == ledger_columns()
    assert ledger["claim_id"].is_unique
    assert ledger["claim_id"].tolist() == [f"P{i:02d}" for i in range(1, len(ledger) + 1)]
    assert set(ledger["verdict_2017"]) <= {"", *VERDICTS} and set(ledger["verdict_2019"]) <= {"", *VERDICTS}
    assert set(ledger["verdict"]) <= set(VERDICTS)
    assert (ledger["source"] == PAPER).all()
    assert ledger["statement"].str.len().gt(10).all()
    assert ledger["published"].str.len().gt(0).all()


def test_every_verdict_short_of_reproduced_has_a_reason(ledger):
    short = ledger[ledger["verdict"] != "reproduced"]
    assert short["reason"].str.len().gt(20).all()


def test_sector_claims_report_both_vintages(ledger):
    sector = ledger[ledger["claim_id"].isin([f"P{i}" for i in range(13, 43)])]
    tested = sector[sector["verdict"] != "cannot be tested"]
    for _, row in tested.iterrows():
        assert "2017: " in row["reproduced"] and "2019: " in row["reproduced"], row["claim_id"]
        assert row["reason"].startswith("Per vintage: 2017 "), row["claim_id"]


def test_row_verdict_is_the_grade_of_the_mean_of_the_two_vintages(ledger):
    from placeblind.analysis.vintages import MEAN_VINTAGE

    graded = ledger[ledger["verdict_2017"] != ""]
    assert len(graded) > 20
    for _, row in graded.iterrows():
        assert f"2017 {row['verdict_2017']}; 2019 {row['verdict_2019']}; {MEAN_VINTAGE} {row['verdict']}" \
            in row["reason"], row["claim_id"]
        assert f"{MEAN_VINTAGE}: " in row["reproduced"], row["claim_id"]


def test_every_claim_names_its_rule(ledger):
    assert ledger["rule"].str.len().gt(5).all()


def test_south_cambridgeshire_lq_claim_carries_the_raw_values(ledger):
    row = ledger.loc["P27"]
    assert row["published"] == "2.84"
    expected = raw_lq_2017("E07000012", range(69, 76))
    assert vintage_value(row["reproduced"], 2017) == f"{expected:.2f}"
    values = [float(vintage_value(row["reproduced"], v)) for v in (2017, 2019)]
    assert row["verdict_2017"] == rules.numeric_verdict(2.84, values[0], 2, "lq")
    # graded once on the mean of the two values (as printed, to two decimals)
    from placeblind.analysis.vintages import MEAN_VINTAGE
    mean = float(vintage_value(row["reproduced"], MEAN_VINTAGE))
    assert abs(mean - sum(values) / 2) <= 0.01
    assert row["verdict"] == rules.numeric_verdict(2.84, mean, 2, "lq")


def test_cambridge_manufacturing_claim_carries_the_raw_value(ledger):
    expected = raw_lq_2017("E07000008", range(10, 34))
    row = ledger.loc["P34"]
    assert vintage_value(row["reproduced"], 2017) == f"{expected:.2f}"
    assert (row["verdict_2017"] == "reproduced") == (round(expected, 1) == 0.2)


def test_population_claim_uses_the_census_adults_as_a_lower_bound(ledger):
    totals = pd.read_csv(QS501_TOTALS).set_index("GEOGRAPHY_CODE")["TOTAL"]
    adults = int(totals[geography.study_codes()].sum())
    row = ledger.loc["P12"]
    assert f"{adults / 1e6:.2f} million" in row["reproduced"]
    assert row["verdict"] == ("differs" if adults > 7.3e6 else "cannot be tested")


def test_five_authorities_is_a_slip(ledger):
    row = ledger.loc["P43"]
    assert row["published"] == "five"
    assert str(len(geography.STUDY_AUTHORITIES)) in row["reproduced"]
    assert row["verdict"] == "differs"


def test_chapter_claims_are_in_the_ledger(ledger):
    for chapter, ids in displays.CHAPTER_CLAIMS.items():
        shown = displays.chapter_claims(chapter)
        assert shown["claim_id"].tolist() == [i for i in ledger["claim_id"] if i in ids]


def test_fit_claims_quote_r_and_r2_consistently(ledger):
    for claim_id in ("P35", "P36"):
        for vintage in (2017, 2019):
            text = vintage_value(ledger.loc[claim_id, "reproduced"], vintage)
            r2 = float(re.search(r"r2 ([0-9.]+)", text).group(1))
            r = float(re.search(r"r ([+-][0-9.]+)", text).group(1))
            assert r2 == pytest.approx(r * r, abs=0.01)
