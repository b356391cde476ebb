"""The fact tables: every glued fact is a cell of a registered table, resolved
by one function, printed one way, and traced in facts.csv."""

from __future__ import annotations

import pandas as pd
import pytest

from placeblind.publishing import facts, registry


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """A registered table of three rows and a chapter's fact table pointing into it."""
    frame = pd.DataFrame({"quantity": ["n", "r2", "holds"], "value": [37, 0.6751, True],
                          "group": ["a", "b", "c"], "share": [12.0, 0.5, 3.25]})
    monkeypatch.setitem(registry.TABLES, "toy_findings", lambda: frame)
    monkeypatch.setattr(registry, "registered_table", lambda name: registry.TABLES[name]())
    monkeypatch.setattr(facts, "FACT_TABLES", tmp_path)

    def write(chapter: str, text: str):
        (tmp_path / f"{chapter}.csv").write_text("name,table,row,column,format\n" + text, encoding="utf-8")

    return write


def test_resolves_by_key_by_query_and_prints_as_declared(toy):
    toy("toy", "toy_n,toy_findings,n,value,d\n"
               "toy_r2,toy_findings,r2,value,.2f\n"
               "toy_holds,toy_findings,holds,value,words:holds|does not hold\n"
               "toy_share,toy_findings,group == 'c',share,.1f\n")
    assert facts.chapter_facts("toy") == {"toy_n": "37", "toy_r2": "0.68", "toy_holds": "holds", "toy_share": "3.2"}
    table = facts.facts_table()
    assert list(table["name"]) == ["toy_n", "toy_r2", "toy_holds", "toy_share"]
    assert table.set_index("name").loc["toy_r2", ["table", "row", "column", "value"]].tolist() == [
        "toy_findings", "r2", "value", "0.6751"]


def test_words_follow_the_value_both_ways():
    assert facts.format_value(True, "words:widened|narrowed") == "widened"
    assert facts.format_value(False, "words:widened|narrowed") == "narrowed"


@pytest.mark.parametrize("line, message", [
    ("x,toy_findings,missing,value,d", "matches 0 rows"),
    ("x,toy_findings,,value,d", "matches 3 rows"),
    ("x,nope,n,value,d", "not a registered table"),
    ("x,toy_findings,n,nothing,d", "no such column"),
    ("x,toy_findings,r2,value,d", "not a whole number"),
    ("x,toy_findings,r2,value,words:a|b", "two words and a yes/no value"),
    ("x,toy_findings,group == ,value,d", "the row query fails"),
])
def test_a_bad_declaration_stops_naming_the_fact(toy, line, message):
    toy("toy", line + "\n")
    with pytest.raises(facts.FactError, match=message) as error:
        facts.chapter_facts("toy")
    assert "'x'" in str(error.value)


def test_a_name_declared_twice_is_refused(toy):
    toy("one", "x,toy_findings,n,value,d\n")
    toy("two", "x,toy_findings,r2,value,.2f\n")
    with pytest.raises(facts.FactError, match="declared in both one and two"):
        facts.all_declared()
    toy("three", "y,toy_findings,n,value,d\ny,toy_findings,n,value,d\n")
    with pytest.raises(facts.FactError, match="declared twice"):
        facts.declared("three")


def test_the_book_fact_tables_resolve_and_are_exported():
    table = registry.registered_table("facts")
    assert list(table.columns) == ["chapter", "name", "text", "value", "table", "row", "column", "format"]
    assert not table["name"].duplicated().any()
    assert set(table["table"]) <= set(registry.TABLES)
