"""The ledger's texts come from one registry (placeblind.claims.ledger.TEXTS):
the ledger chapter's "the two texts" and the tables' source line are built from
it, so a third text changes both without an edit."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from placeblind.claims import ledger
from placeblind.claims.framework import BLOG, PAPER, Text, ledger_columns
from placeblind.text import and_join

ROOT = Path(__file__).resolve().parent.parent
THIRD = Text("Doe (2027) report", "Doe (2027)")


def _third_claims() -> pd.DataFrame:
    row = {c: "" for c in ledger_columns()} | {"claim_id": "D01", "source": THIRD.source, "statement": "a dummy claim",
                                      "verdict": "cannot be tested"}
    return pd.DataFrame([row], columns=ledger_columns())


def test_the_registry_holds_the_two_texts():
    assert [text.source for text, _ in ledger.TEXTS] == [PAPER, BLOG]
    assert ledger.texts_phrase() == "the two texts"
    assert ledger.LEDGER_SOURCE.startswith("Nurse and Sykes (2020) and Riley (2026) for the published figures; ")


def test_a_third_text_changes_the_wording_and_the_source_line(monkeypatch):
    monkeypatch.setattr(ledger, "TEXTS", (*ledger.TEXTS, (THIRD, _third_claims)))
    assert ledger.texts_phrase() == "the three texts"
    assert ledger.ledger_source().startswith(
        "Nurse and Sykes (2020), Riley (2026) and Doe (2027) for the published figures; ")


def test_a_third_text_s_claims_join_the_ledger_and_a_wrong_source_stops_it(monkeypatch):
    monkeypatch.setattr(ledger, "TEXTS", ((THIRD, _third_claims),))
    assert ledger.claim_verdicts()["claim_id"].tolist() == ["D01"]
    assert ledger.texts_phrase() == "the text"
    wrong = Text("Roe (2028)", "Roe (2028)")
    monkeypatch.setattr(ledger, "TEXTS", ((wrong, _third_claims),))
    with pytest.raises(ValueError, match="Roe \\(2028\\).*Doe \\(2027\\) report"):
        ledger.claim_verdicts()


@pytest.mark.parametrize("n, expected", [(1, "the text"), (2, "the two texts"), (10, "the ten texts"),
                                         (12, "the 12 texts")])
def test_the_number_of_texts_in_words(n, expected):
    assert ledger.texts_phrase(tuple(THIRD for _ in range(n))) == expected


def test_no_texts_and_nothing_to_join_are_errors():
    with pytest.raises(ValueError):
        ledger.texts_phrase(())
    with pytest.raises(ValueError):
        and_join([])
    assert and_join(["a"]) == "a" and and_join(["a", "b", "c"]) == "a, b and c"


def test_every_ledger_source_is_a_registered_text():
    sources = ledger.claim_verdicts()["source"]
    assert list(dict.fromkeys(sources)) == [text.source for text, _ in ledger.TEXTS]


def test_the_chapter_names_the_texts_from_the_registry():
    source = (ROOT / "chapters" / "myst" / "claims_ledger.md").read_text(encoding="utf-8")
    assert "two texts" not in source
    assert "{glue:text}`ledger_texts`" in source
    assert "from placeblind.claims.ledger import LEDGER_SOURCE" in source
    facts = (ROOT / "placeblind" / "publishing" / "fact_tables" / "claims_ledger.py").read_text(encoding="utf-8")
    assert '("ledger_texts", "ledger_findings", "ledger_texts", "value", ' in facts
