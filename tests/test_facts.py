"""The fact tables: every glued fact is a cell of a registered table, resolved
by one function, printed one way, and traced in facts.csv."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from placeblind.publishing import fact_declarations, facts, registry

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters" / "myst"
PACKAGE = Path(__file__).resolve().parent.parent / "placeblind"
# {glue:text}`name`, {glue}`name`, {glue:md}`name`, {glue:figure}`name` (a format spec after a colon is caught too)
GLUE_ROLE = re.compile(r"\{glue(?::text|:md|:figure)?\}`([A-Za-z0-9_]+)(?::[^`]*)?`")
GLUE_DIRECTIVE = re.compile(r"^```\{glue(?::figure|:md|:any)?\}\s+([A-Za-z0-9_]+)", re.MULTILINE)
GLUE_CALL = re.compile(r"""\bglue\(\s*["']([A-Za-z0-9_]+)["']""")
FACT_VALUE_CALL = re.compile(r"""\bfact_(?:value|text)\(\s*f?(["'])([A-Za-z0-9_{}]+)\1""")


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """A registered table of three rows and a chapter's fact table pointing into it."""
    frame = pd.DataFrame({"quantity": ["n", "r2", "holds"], "value": [37, 0.6751, True],
                          "group": ["a", "b", "c"], "share": [12.0, 0.5, 3.25]})
    monkeypatch.setitem(registry.TABLES, "toy_findings", lambda: frame)
    monkeypatch.setattr(registry, "registered_table", lambda name: registry.TABLES[name]())
    monkeypatch.setattr(fact_declarations, "FACT_TABLES", tmp_path)

    def write(chapter: str, text: str):
        """The chapter's fact table, one row a line of ``name,table,row,column,format``."""
        rows = "".join(f"    {tuple(line.split(','))!r},\n" for line in text.splitlines())
        (tmp_path / f"{chapter}.py").write_text(f"FACTS = (\n{rows})\n", encoding="utf-8")

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



def test_facts_sharing_a_row_read_it_once_and_each_their_own_column(toy):
    """facts_table selects each (table, row) once for the facts that share it: the same
    values and texts as resolving every fact on its own, and each fact's own column
    still checked."""
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

def test_words_follow_the_value_both_ways():
    assert facts.format_value(True, "words:widened|narrowed") == "widened"
    assert facts.format_value(False, "words:widened|narrowed") == "narrowed"


@pytest.mark.parametrize("value, text", [(0, "no"), (6, "six"), (9.0, "nine"), (10, "ten"), (15, "15"), (40, "40")])
def test_a_count_prints_in_words_up_to_ten(value, text):
    assert facts.format_value(value, "word") == text


@pytest.mark.parametrize("value", [-1, 2.5, "six", True])
def test_a_value_that_is_not_a_count_cannot_print_as_a_word(value):
    with pytest.raises(facts.FactError, match="'word' prints a count"):
        facts.format_value(value, "word")


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
    with pytest.raises(facts.FactError, match="declared in both one and two, differently"):
        facts.all_declared()
    toy("two", "x,toy_findings,n,value,d\n")   # two chapters may glue one fact declared alike
    assert [f.chapter for f in facts.all_declared()] == ["one", "two"]
    toy("three", "y,toy_findings,n,value,d\ny,toy_findings,n,value,d\n")
    with pytest.raises(facts.FactError, match="declared twice"):
        facts.declared("three")


@pytest.mark.parametrize("text, message", [
    ("FACTS = (('x', 'toy_findings', 'n', 'value'),)\n", "every row must be 5 texts"),
    ("FACTS = (('x', 'toy_findings', 'n', 'value', 2),)\n", "every row must be 5 texts"),
    ("facts = ()\n", "cannot be read as a fact table \\(KeyError"),
    ("FACTS = (\n", "cannot be read as a fact table \\(SyntaxError"),
])
def test_a_malformed_fact_table_stops_naming_its_file(toy, tmp_path, text, message):
    (tmp_path / "bad.py").write_text(text, encoding="utf-8")
    with pytest.raises(facts.FactError, match=message) as error:
        facts.declared("bad")
    assert str(error.value).startswith("bad.py: ")


def test_the_book_fact_tables_resolve_and_are_exported():
    table = registry.registered_table("facts")
    assert list(table.columns) == ["chapter", "name", "text", "value", "table", "row", "column", "format"]
    assert not table[["chapter", "name"]].duplicated().any()
    assert (table.groupby("name")["text"].nunique() == 1).all()   # a name glued by two chapters prints alike
    assert set(table["table"]) <= set(registry.TABLES)


def test_one_number_prints_at_one_precision_on_every_page():
    """A cell glued by several chapters (the 2011 correlation of no qualifications
    with Level 4+ in the introduction, the attainment chapter and What survives)
    is declared with one format everywhere, so the reader meets one number, not
    -0.93 on one page and -0.928 on another. Read from the declarations alone."""
    formats: dict[tuple[str, str, str], dict[str, str]] = {}
    for chapter in fact_declarations.chapters():
        for fact in fact_declarations.declared(chapter):
            formats.setdefault((fact.table, fact.row, fact.column), {})[f"{chapter}:{fact.name}"] = fact.format
    several = {cell: by for cell, by in formats.items() if len(by) > 1}
    assert ("attainment_findings", "att_r_noq_l4", "value") in several
    # A count in words ("six", in running text and alt texts; "Five" opening a heading) is the same number at
    # the same precision as the count in digits: only the formats that print digits must agree.
    mixed = {cell: by for cell, by in several.items() if len(set(by.values()) - {"word", "Word"}) > 1}
    assert mixed == {}


def test_values_and_cells_for_the_guards(toy):
    toy("toy", "toy_r2,toy_findings,r2,value,.2f\n")
    assert facts.fact_value("toy_r2") == 0.6751            # the value, not the printed text
    assert facts.fact_text("toy_r2") == "0.68"             # the printed text, for a caption built in code
    assert facts.cell("toy_findings", "holds") is True     # a cell no sentence prints
    assert facts.cell("toy_findings", "group == 'c'", "share") == 3.25
    with pytest.raises(facts.FactError, match="no fact table declares 'nope'"):
        facts.fact_value("nope")
    with pytest.raises(facts.FactError, match="matches 0 rows"):
        facts.cell("toy_findings", "missing")


def used_by_guards(text: str, declared: set[str]) -> set[str]:
    """The declared facts a chapter's guards read with ``fact_value``: a literal
    name, or a name built in an f-string (``fact_value(f"is8_gse_share_{k}")``),
    which uses every declared name it can stand for."""
    used = set()
    for _quote, name in FACT_VALUE_CALL.findall(text):
        if "{" not in name:
            used.add(name)
        else:   # each {...} stands for one word of a glue name
            pattern = re.compile("".join(r"[A-Za-z0-9_]+" if part.startswith("{") else re.escape(part)
                                         for part in re.split(r"(\{[^}]*\})", name)) + "$")
            used |= {d for d in declared if pattern.match(d)}
    return used


@pytest.mark.parametrize("chapter", facts.chapters())
def test_every_glue_name_is_declared_or_glued_by_its_chapter_and_every_fact_is_used(chapter):
    """Every declared fact is printed by its chapter, or read by a guard beside the
    sentence it protects (``fact_value``); no chapter declares a fact it never uses."""
    text = (CHAPTERS / f"{chapter}.md").read_text(encoding="utf-8")
    used = set(GLUE_ROLE.findall(text)) | set(GLUE_DIRECTIVE.findall(text))
    declared = {fact.name for fact in facts.declared(chapter)}
    glued_by_calls = set(GLUE_CALL.findall(text))   # figures and images: glue("fig_x", figure_image(...))
    # Names still glued from a facts module's dictionary (a chapter not yet wholly converted): its literal keys.
    for module in re.findall(r"from placeblind\.publishing\.(facts_\w+) import", text):
        source = (PACKAGE / "publishing" / f"{module}.py").read_text(encoding="utf-8")
        glued_by_calls |= set(re.findall(r"""["']([a-z0-9_]+)["']\s*:""", source))
    assert not used - declared - glued_by_calls, f"glued but neither declared nor glued: {used - declared - glued_by_calls}"
    unused = declared - used - used_by_guards(text, declared)
    assert not unused, f"declared but neither printed nor read by a guard in {chapter}: {unused}"
    with_spec = set(re.findall(r"\{glue:text\}`([A-Za-z0-9_]+):", text)) & declared
    assert not with_spec, f"format specs in the prose (they belong in the fact table): {with_spec}"


def test_a_fact_read_only_by_a_guard_counts_as_used():
    declared = {"a_n", "a_share_fin", "a_share_pbs", "b_x"}
    text = 'require(fact_value("a_n") > 1)\nrequire(min(fact_value(f"a_share_{k}") for k in ks) > 0)\n'
    assert used_by_guards(text, declared) == {"a_n", "a_share_fin", "a_share_pbs"}
    assert used_by_guards("fact_value('b_x')", declared) == {"b_x"}
    assert used_by_guards("fact_text('b_x')", declared) == {"b_x"}
    assert used_by_guards("cell('x', 'b_x')", declared) == set()    # a cell is not a declared fact


def test_the_glue_role_pattern_finds_every_kind_of_use():
    text = "a {glue:text}`x_1` b {glue}`y` c {glue:md}`z:myst` {glue:figure}`f`\n```{glue:figure} fig_a\n```"
    assert set(GLUE_ROLE.findall(text)) | set(GLUE_DIRECTIVE.findall(text)) == {"x_1", "y", "z", "f", "fig_a"}
    assert GLUE_CALL.findall('glue("fig_a", figure_image("a"), display=False)') == ["fig_a"]


def test_every_chapter_glues_its_facts_from_its_fact_table():
    """No chapter reads a ``facts_*`` module: every glued fact comes from the chapter's fact table."""
    pages = sorted(p.stem for p in CHAPTERS.glob("*.md"))
    assert set(facts.chapters()) <= set(pages)
    still = {page for page in pages if re.search(r"from placeblind\.publishing\.facts_\w+ import",
                                                 (CHAPTERS / f"{page}.md").read_text(encoding="utf-8"))}
    assert not still, still


def test_findings_keep_each_value_s_type_and_refuse_a_repeated_quantity():
    import numpy as np

    from placeblind.analysis.findings import COLUMNS, findings

    table = findings([("n", np.int64(3), "districts", "a count"), ("r", np.float64(0.5)), ("holds", True),
                      ("who", "Cambridge")])
    assert list(table.columns) == COLUMNS
    assert [type(v) for v in table["value"]] == [int, float, bool, str]   # no count turned into 3.0
    assert table["unit"].tolist() == ["districts", "", "", ""]
    assert facts.format_value(table["value"][0], "d") == "3"
    with pytest.raises(ValueError, match="named twice"):
        findings([("n", 1), ("n", 2)])


def test_the_summary_words_follow_their_readings():
    """The introduction's 'less'/'more' is a yes/no cell printed through its fact's format."""
    fact = next(f for f in facts.declared("introduction") if f.name == "intro_link_all_districts")
    assert fact.format == "words:less|more"
    assert facts.format_value(True, fact.format) == "less" and facts.format_value(False, fact.format) == "more"
