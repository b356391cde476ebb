"""One voice: the registry of the book's key quantities, and no page that
contradicts it.

The registry (``key_quantities``, :mod:`placeblind.publishing.key_quantities`)
holds the counts whose code year matters (the fifteen authorities' districts are
106 under 2025 codes and 112 under 2021 codes), the decade link's reading and
every claim's verdict. The tests read the glued outputs of every committed
chapter notebook (what the pages print) and check them against it, so a chapter
that glues a count or a verdict from anywhere else, or types one, fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from committed_glues import committed_glues

from placeblind.analysis import places
from placeblind.data import district_codes
from placeblind.data.readers import read_catalogued_csv
from placeblind.publishing.key_quantities import GLUED_AS
from placeblind.publishing.registry import TABLES

ROOT = Path(__file__).resolve().parent.parent


def glued_outputs() -> dict[str, tuple[str, str]]:
    """Every glue of every committed chapter notebook: name -> (chapter, printed text)."""
    return {name: (chapter, text.strip("'\"")) for chapter, name, text in committed_glues()}


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    return TABLES["key_quantities"]().set_index("quantity")


@pytest.fixture(scope="module")
def glued() -> dict[str, tuple[str, str]]:
    return glued_outputs()


def test_the_authority_district_counts_by_code_year_from_the_raw_lookup(registry):
    """Hand check from the raw files: the May 2025 lookup lists each district once
    under its 2025 code; the 2021 Census's districts placed in an authority by
    their 2025 code give the other count. They differ by North Yorkshire's
    parts less North Yorkshire itself."""
    lookup = read_catalogued_csv("lad25_cauth_lookup", ["LAD25CD", "CAUTH25CD"])
    census = read_catalogued_csv("census2021_ts067", ["Lower Tier Local Authorities Code"])
    codes_2021 = set(census["Lower Tier Local Authorities Code"])
    in_authority = {c for c in codes_2021 if district_codes.code_in(c, 2025) in set(lookup["LAD25CD"])}
    assert registry.loc["authorities_2025_districts_2025_codes", "value"] == str(lookup["LAD25CD"].nunique())
    assert registry.loc["authorities_2025_districts_2021_codes", "value"] == str(len(in_authority))
    north_yorkshire = [c for c in district_codes.CODE_CHANGES if c.name == "North Yorkshire"][0]
    assert len(in_authority) - lookup["LAD25CD"].nunique() == len(north_yorkshire.old) - 1
    assert registry.loc["authorities_2025_districts_2025_codes", "code_year"] == "2025"
    assert registry.loc["authorities_2025_districts_2021_codes", "code_year"] == "2021"


def test_without_the_merger_the_two_counts_agree(monkeypatch):
    """The other side: were North Yorkshire one district on the 2021 codes too,
    the two counts would agree (the merger is their whole difference)."""
    table = places.places()
    merged = table[table["code_2025"] == "E06000065"]
    assert len(merged) > 1
    monkeypatch.setattr(places, "places", lambda: table.drop(index=merged.index[1:]))
    counts = places.key_quantities.uncached().set_index("quantity")["value"]
    assert counts["authorities_2025_districts_2021_codes"] == counts["authorities_2025_districts_2025_codes"]


def listed_names(registry: pd.DataFrame) -> dict[str, str]:
    """Glue name -> the quantity it prints (the registry's ``glued_as``: fact-table
    declarations and :data:`GLUED_AS`)."""
    return {name: quantity for quantity, names in registry["glued_as"].items() for name in names.split()}


def test_every_listed_glue_prints_the_registry_value(registry, glued):
    wrong, missing = {}, []
    for name, quantity in listed_names(registry).items():
        if name not in glued:
            missing.append(name)
        elif glued[name][1] != registry.loc[quantity, "value"]:
            wrong[f"{glued[name][0]}:{name}"] = (glued[name][1], registry.loc[quantity, "value"])
    assert wrong == {}, "pages that contradict the key-quantities registry"
    assert missing == [], "names no chapter glues any more: stale entries in GLUED_AS or a fact table"


def test_the_registry_lists_the_fact_tables_names_and_glued_as():
    """``glued_as`` holds both the facts declared from the registry's cells and
    GLUED_AS's cross-checks (so a name is listed once, where it is declared)."""
    names = listed_names(TABLES["key_quantities"]().set_index("quantity"))
    assert names["pl_n_districts"] == "districts_england_wales_2021_codes"      # fact_tables/places.py
    assert names["intro_n_ew"] == "districts_england_wales_2020_codes"          # fact_tables/introduction.py
    assert names["fit_ew_n"] == "districts_england_wales_2020_codes"            # GLUED_AS: the fit's own count
    assert not set(names) & {"pl_n_districts", "intro_n_ew"} & {n for v in GLUED_AS.values() for n in v}


# A page "prints a district count" when it glues a count of every district of a source: a number
# after "all" or "every" and before "districts", a number before "districts of England and Wales"
# (or Great Britain), or any glue name the registry lists for a count of districts under one
# year's codes (a quantity named ..._<year>_codes).
ALL_DISTRICTS = re.compile(r"\b(?:all|every)\s+\{glue:text\}`(\w+)`\s+(?:\w+\s+)?districts\b")
DISTRICTS_OF = re.compile(r"\{glue:text\}`(\w+)`\s+districts\s+(?:of|in)\s+(?:England and Wales|Great Britain)")
GLUE_TEXT = re.compile(r"\{glue:text\}`(\w+)`")
# "2021 codes", "May 2025 codes", "2016 district codes", "the codes of 2021"
CODE_YEAR = re.compile(r"\b(20\d\d) (?:district )?codes\b|\bcodes of (?:\w+ )?(20\d\d)\b")


def prose_paragraphs(text: str) -> list[str]:
    """A MyST source's paragraphs (code cells left out, whitespace joined)."""
    text = re.sub(r"^```\{code-cell\}.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def district_count_problems(text: str, glued_text: dict[str, str], registry: pd.DataFrame) -> list[str]:
    """Every district count in ``text`` that is not a registered count, or whose
    paragraph does not name the year of its codes (glued names rendered first,
    so a glued code year counts)."""
    listed = listed_names(registry)
    counts = {name: quantity for name, quantity in listed.items() if re.search(r"_\d{4}_codes$", quantity)}
    problems = []
    for paragraph in prose_paragraphs(text):
        found = set(ALL_DISTRICTS.findall(paragraph)) | set(DISTRICTS_OF.findall(paragraph))
        found |= {name for name in GLUE_TEXT.findall(paragraph) if name in counts}
        rendered = GLUE_TEXT.sub(lambda m: glued_text.get(m.group(1), m.group(0)), paragraph)
        years = {int(a or b) for a, b in CODE_YEAR.findall(rendered)}
        for name in sorted(found):
            if name not in counts:
                problems.append(f"{name}: a count of all districts that is not a registered key quantity")
            elif int(registry.loc[counts[name], "code_year"]) not in years:
                problems.append(f"{name}: no '{registry.loc[counts[name], 'code_year']} codes' in its paragraph")
    return problems


def test_every_district_count_is_registered_and_names_its_code_year(registry, glued):
    """One number for one thing: 336 districts of England and Wales on 2020 codes
    and 331 on 2021 codes are both right, so every page that prints either says
    which codes it counts."""
    texts = {name: text for name, (_chapter, text) in glued.items()}
    problems = [f"{source.stem}: {problem}" for source in sorted((ROOT / "chapters" / "myst").glob("*.md"))
                for problem in district_count_problems(source.read_text(encoding="utf-8"), texts, registry)]
    assert problems == []


def test_the_district_count_check_fails_both_ways(registry):
    glued_text = {"pl_n_districts": "331", "dec_fit_n": "331", "x_n": "331"}
    ok = "Every district, all {glue:text}`pl_n_districts` of them (2021 codes)."
    assert district_count_problems(ok, glued_text, registry) == []
    assert district_count_problems(ok.replace("2021 codes", "2020 codes"), glued_text, registry) == [
        "pl_n_districts: no '2021 codes' in its paragraph"]
    assert district_count_problems("Over all {glue:text}`x_n` districts (2021 codes).", glued_text, registry) == [
        "x_n: a count of all districts that is not a registered key quantity"]
    assert district_count_problems("the {glue:text}`x_n` districts of England and Wales", glued_text, registry)
    code_cell = "```{code-cell} ipython3\nall {glue:text}`x_n` districts\n```\n"
    assert district_count_problems(code_cell, glued_text, registry) == []     # code is not prose
    # a code year glued from the registry counts as named
    registry_text = {**glued_text, "pl_year": "2021"}
    assert district_count_problems("all {glue:text}`dec_fit_n` districts, on {glue:text}`pl_year` codes",
                                   registry_text, registry) == []


def test_every_glued_verdict_is_the_ledgers(registry, glued):
    """Any glue named ``..._verdict_<claim>`` or ``..._<claim>_verdict`` prints the
    ledger's verdict for that claim."""
    checked, wrong = 0, {}
    for name, (chapter, text) in glued.items():
        match = re.search(r"verdict_([pb]\d\d)$|_([pb]\d\d)_verdict$", name)
        if not match:
            continue
        claim = match.group(1) or match.group(2)
        checked += 1
        if text != registry.loc[f"verdict_{claim}", "value"]:
            wrong[f"{chapter}:{name}"] = (text, registry.loc[f"verdict_{claim}", "value"])
    assert checked > 0
    assert wrong == {}


def test_no_page_types_a_key_count_or_code():
    """The counts and codes of the registry are glued, never typed: no MyST source
    writes "106 districts", "112 districts", "15 combined authorities" or
    Barnsley's and Sheffield's codes."""
    registry = TABLES["key_quantities"]().set_index("quantity")
    typed = []
    patterns = [rf"\b{registry.loc[q, 'value']}\s+(?:districts|combined authorities|authorities)\b"
                for q in ("authorities_2025", "authorities_2025_districts_2025_codes",
                          "authorities_2025_districts_2021_codes", "districts_england_wales_2021_codes")]
    codes = [c for change in district_codes.CODE_CHANGES if change.year == 2025 for c in (change.new, *change.old)]
    for source in sorted((ROOT / "chapters" / "myst").glob("*.md")):
        text = source.read_text(encoding="utf-8")
        typed += [f"{source.name}: {m.group(0)}" for p in patterns for m in re.finditer(p, text)]
        typed += [f"{source.name}: {code}" for code in codes if code in text]
    assert typed == []


def test_the_registry_reading_is_the_decade_tables(registry):
    from placeblind.publishing.registry import registered_table

    links = registered_table("decade_link_change")
    row = links[(links["sample"] == "itl3") & (links["sector"] == "Professional, scientific & technical")
                & (links["education"] == "level4_plus")]
    assert registry.loc["decade_link_reading", "value"] == row["reading"].iloc[0]
    # the summary word follows the reading: no measurable change exactly when about as strong
    summary = registry.loc["decade_link_summary", "value"]
    assert ("not measurably" in summary) == (row["reading"].iloc[0] == "about as strong")


def test_glued_as_names_only_known_quantities(monkeypatch):
    from placeblind.publishing import key_quantities as module

    monkeypatch.setitem(module.GLUED_AS, "no_such_quantity", ("x",))
    with pytest.raises(ValueError, match="no_such_quantity"):
        TABLES["key_quantities"]()


def test_places_names_have_one_spelling():
    """One name per code, the ONS one: Hull, Bristol and Herefordshire as ONS
    spells them, in the places table and the decade table alike."""
    from placeblind.analysis.decade import attainment_change

    table = places.places().set_index("code")["name"]
    assert table["E06000010"] == "Kingston upon Hull, City of"
    assert table["E06000023"] == "Bristol, City of"
    change = attainment_change().set_index("code")["name"]
    assert (change.reindex(table.index) == table).all()
