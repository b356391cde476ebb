"""The groups of the 2025 authorities are stable ids (``original``, ``later``,
``rest_of_england``) that every query uses; what readers see (``group_label``)
counts the authorities in the data. With one later authority dropped from the
membership the label says "eight" and every fact still finds its row."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

import placeblind
from placeblind import cache
from placeblind.analysis import authorities as ca
from placeblind.publishing import fact_declarations

DROPPED = "Hull and East Yorkshire"  # a later authority of two districts
PACKAGE = Path(placeblind.__file__).resolve().parent


@pytest.fixture
def fresh_caches():
    """In-process results computed under a perturbed membership must not outlive the test."""
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("group, n, label", [(ca.ORIGINAL, 6, "the original six"), (ca.LATER, 9, "the nine later"),
                                             (ca.LATER, 8, "the eight later"), (ca.ORIGINAL, 12, "the original 12"),
                                             (ca.OUTSIDE, 0, "the rest of England")])
def test_group_label_by_hand(group, n, label):
    assert ca.group_label(group, n) == label


def test_group_label_refuses_an_unknown_group():
    with pytest.raises(ValueError, match="unknown group"):
        ca.group_label("the nine later", 9)  # a label is not an id


def test_group_of_each_kind_of_district():
    assert ca.group_of("Greater Manchester") == ca.ORIGINAL
    assert ca.group_of(DROPPED) == ca.LATER
    assert ca.group_of("") == ca.OUTSIDE
    assert ca.group_of("Greater Manchester", original=()) == ca.LATER


def test_the_labels_count_the_real_membership():
    profiles = ca.authority_profiles()
    assert set(profiles["group"]) == {ca.ORIGINAL, ca.LATER}
    labels = profiles.groupby("group")["group_label"].unique()
    assert list(labels[ca.ORIGINAL]) == ["the original six"] and list(labels[ca.LATER]) == ["the nine later"]
    pattern = ca.authority_pattern()
    assert list(pattern["group"].unique()) == list(ca.GROUPS)
    for row in pattern.itertuples():
        assert row.group_label == ca.group_label(row.group, row.authorities)


def test_a_perturbed_membership_relabels_the_districts(monkeypatch, fresh_caches):
    lookup = ca.authority_lookup
    monkeypatch.setattr(ca, "authority_lookup", lambda year: (lambda f: f[f["authority"] != DROPPED])(lookup(year)))
    profiles = ca.authority_profiles()
    assert DROPPED not in set(profiles["authority"])
    assert set(profiles.loc[profiles["group"] == ca.LATER, "group_label"]) == {"the eight later"}
    assert set(profiles.loc[profiles["group"] == ca.ORIGINAL, "group_label"]) == {"the original six"}


def perturbed_pattern():
    """The real England profiles with :data:`DROPPED`'s districts outside any
    authority, read as the pattern is (few draws: only the rows are at stake)."""
    profiles = ca.england_pattern_profiles().drop(columns="group_label")
    profiles.loc[profiles["authority"] == DROPPED, "authority"] = ""
    profiles["group"] = [ca.group_of(a) for a in profiles["authority"]]
    profiles = ca.with_group_labels(profiles)
    newest = ca.pattern_vintages()[0]
    parts = [ca.pattern_against_null(part, 30.0, draws=20) for _, part in profiles.groupby("vintage", sort=False)]
    out = pd.concat(parts, ignore_index=True)
    out.insert(1, "newest", out["vintage"] == newest)
    return profiles, out


def test_the_queries_find_their_rows_under_a_perturbed_membership():
    profiles, pattern = perturbed_pattern()
    assert set(profiles.loc[profiles["group"] == ca.LATER, "group_label"]) == {"the eight later"}
    labels = pattern.drop_duplicates("group").set_index("group")["group_label"]
    assert labels.to_dict() == {ca.ORIGINAL: "the original six", ca.LATER: "the eight later",
                                ca.OUTSIDE: "the rest of England"}
    facts = [f for f in fact_declarations.all_declared() if f.table == "authorities_2025_pattern"]
    assert {f.chapter for f in facts} >= {"authorities_2025", "introduction", "what_survives"}
    printed = {}
    for fact in facts:  # each query selects exactly one row, or resolve raises naming the fact
        printed[fact.name] = fact_declarations.resolve(fact, {"authorities_2025_pattern"}, lambda _name: pattern)[1]
    assert printed["ca_nl_original_label"] == "the original six"
    assert printed["ca_nl_original_districts"] == "37"  # the paper's districts, untouched
    real = ca.authority_pattern().set_index(["vintage", "group"])["districts"]
    assert int(printed["ca_nl_later_districts"]) == real[(ca.pattern_vintages()[0], ca.LATER)] - 2


def test_no_string_of_the_package_types_a_group_s_label():
    """The groups' names with their counts are computed (group_label), never typed
    (docstrings and comments aside)."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and ("original six" in node.value or "nine later" in node.value)):
                wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    for page in sorted((PACKAGE.parent / "chapters" / "myst").glob("*.md")):
        text = page.read_text(encoding="utf-8").lower()
        wrong += [page.name for words in ("original six", "six original", "nine later") if words in text]
    assert not wrong, wrong


def _small_profiles():
    """Two later authorities (three districts), one original, two districts outside."""
    rows = [("A1", "Alpha", ca.LATER), ("A2", "Alpha", ca.LATER), ("B1", "Beta", ca.LATER),
            ("G1", "Greater Manchester", ca.ORIGINAL), ("O1", "", ca.OUTSIDE), ("O2", "", ca.OUTSIDE)]
    frame = pd.DataFrame([{"code": c, "name": c, "authority": a, "group": g, "itl1": "TLX", "region": "X",
                           "vintage": 2019, "pct_level4_plus_2021": 40.0, "professional_lq": 1.5,
                           "digital_lq": 1.5, "manufacturing_lq": 0.5} for c, a, g in rows])
    return frame


def test_one_place_names_and_counts_a_group(monkeypatch):
    """The pattern's tables read a group's name and count from the profiles
    (groups_of), so changing how a group is named (group_label) or counted
    (group_authorities) changes the profiles and both pattern tables alike."""
    plain = ca.with_group_labels(_small_profiles())
    by_group = ca.pattern_by_group(plain[plain["group"] != ca.OUTSIDE], 30.0).set_index("group")
    against = ca.pattern_against_null(plain, 30.0, draws=5).set_index("group")
    for table in (by_group, against):
        assert table.loc[ca.LATER, "group_label"] == "the two later" and table.loc[ca.LATER, "authorities"] == 2
        assert table.loc[ca.ORIGINAL, "group_label"] == "the original one"
    assert against.loc[ca.OUTSIDE, "authorities"] == 0
    monkeypatch.setattr(ca, "group_label", lambda group, n: f"{group}:{n}")
    monkeypatch.setattr(ca, "group_authorities", lambda frame: frame.groupby("group")["code"].nunique())
    relabelled = ca.with_group_labels(_small_profiles())
    assert set(relabelled.loc[relabelled["group"] == ca.LATER, "group_label"]) == {"later:3"}
    by_group = ca.pattern_by_group(relabelled[relabelled["group"] != ca.OUTSIDE], 30.0).set_index("group")
    against = ca.pattern_against_null(relabelled, 30.0, draws=5).set_index("group")
    for table in (by_group, against):
        assert table.loc[ca.LATER, "group_label"] == "later:3" and table.loc[ca.LATER, "authorities"] == 3
    assert against.loc[ca.OUTSIDE, ["group_label", "authorities"]].tolist() == ["rest_of_england:2", 2]
