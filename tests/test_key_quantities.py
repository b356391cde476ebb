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

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from placeblind.analysis import places
from placeblind.data import district_codes
from placeblind.data.readers import read_catalogued_csv
from placeblind.publishing.key_quantities import GLUED_AS
from placeblind.publishing.registry import TABLES

ROOT = Path(__file__).resolve().parent.parent
RECORD = "application/papermill.record/text/plain"


def glued_outputs() -> dict[str, tuple[str, str]]:
    """Every glue of every committed chapter notebook: name -> (chapter, printed text)."""
    out = {}
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                scrap = output.get("metadata", {}).get("scrapbook")
                if scrap and RECORD in output.get("data", {}):
                    text = output["data"][RECORD]
                    out[scrap["name"]] = (notebook.stem, text.strip("'\""))
    return out


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


def test_every_listed_glue_prints_the_registry_value(registry, glued):
    wrong, missing = {}, []
    for quantity, names in GLUED_AS.items():
        for name in names:
            if name not in glued:
                missing.append(name)
            elif glued[name][1] != registry.loc[quantity, "value"]:
                wrong[f"{glued[name][0]}:{name}"] = (glued[name][1], registry.loc[quantity, "value"])
    assert wrong == {}, "pages that contradict the key-quantities registry"
    # a listed name no chapter glues any more is a stale entry in GLUED_AS
    assert len(missing) < sum(len(n) for n in GLUED_AS.values()), missing


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
