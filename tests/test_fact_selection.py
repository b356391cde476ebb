"""facts_table selects each (table, row) once for the facts that share it: the
same values and texts as resolving every fact on its own, and each fact's own
column still checked (placeblind.publishing.fact_declarations)."""

from __future__ import annotations

import pandas as pd
import pytest

from placeblind.publishing import fact_declarations, facts, registry


@pytest.fixture
def toy(tmp_path, monkeypatch):
    frame = pd.DataFrame({"quantity": ["n", "r2", "holds"], "value": [37, 0.6751, True],
                          "group": ["a", "b", "c"], "share": [12.0, 0.5, 3.25]})
    monkeypatch.setitem(registry.TABLES, "toy_findings", lambda: frame)
    monkeypatch.setattr(registry, "registered_table", lambda name: registry.TABLES[name]())
    monkeypatch.setattr(fact_declarations, "FACT_TABLES", tmp_path)

    def write(chapter: str, text: str):
        rows = "".join(f"    {tuple(line.split(','))!r},\n" for line in text.splitlines())
        (tmp_path / f"{chapter}.py").write_text(f"FACTS = (\n{rows})\n", encoding="utf-8")

    return write


def test_facts_sharing_a_row_read_it_once_and_each_their_own_column(toy):
    toy("toy", "a_share,toy_findings,group == 'c',share,.1f\n"
               "a_group,toy_findings,group == 'c',group,\n"
               "b_value,toy_findings,r2,value,.2f\n"
               "b_group,toy_findings,r2,group,\n")
    table = facts.facts_table().set_index("name")
    alone = {f.name: fact_declarations.resolve(f, registry.TABLES, registry.registered_table)
             for f in facts.declared("toy")}
    assert {name: (str(value) if not isinstance(value, float) else f"{value:.10g}", text)
            for name, (value, text) in alone.items()} == {
        name: (table.loc[name, "value"], table.loc[name, "text"]) for name in alone}
    assert table.loc["a_share", "text"] == "3.2" and table.loc["a_group", "text"] == "c"
    toy("toy", "a_share,toy_findings,group == 'c',share,.1f\n"
               "a_bad,toy_findings,group == 'c',nothing,\n")
    with pytest.raises(facts.FactError, match="'a_bad'.*no such column"):
        facts.facts_table()
