"""The paper's district and authority counts in the book's texts come from the
data (data.study.paper_study_size), never typed by hand: with a perturbed study
every text that states them says the new counts."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path

import pytest

import placeblind
from placeblind import cache
from placeblind.data import study
from placeblind.data.geography import STUDY_AUTHORITIES
from placeblind.text import number_word

PACKAGE = Path(placeblind.__file__).resolve().parent
DROPPED = "West of England"  # an authority of three districts


@pytest.fixture
def fresh_caches():
    """In-process results computed under a perturbed study must not outlive the test."""
    cache.clear()
    yield
    cache.clear()


def smaller_study(real: study.Study) -> study.Study:
    """The paper's study less the districts of :data:`DROPPED` (34 districts, five authorities)."""
    keep = [i for i, a in enumerate(real.authorities) if a != DROPPED]
    pick = lambda values: tuple(values[i] for i in keep)  # noqa: E731
    return replace(real, codes=pick(real.codes), names=pick(real.names), authorities=pick(real.authorities),
                   authority_codes=pick(real.authority_codes))


def test_the_counts_are_the_hand_counted_membership():
    # 6 + 10 + 6 + 5 + 3 + 7 districts, as the module lists them by name.
    assert study.paper_study_size() == (37, 6)
    assert study.paper_study_size() == (sum(len(v) for v in STUDY_AUTHORITIES.values()), len(STUDY_AUTHORITIES))
    assert study.paper_districts_label() == "the paper's 37 districts"
    assert study.paper_study().description == "the 37 districts of the six original mayoral combined authorities"


@pytest.mark.parametrize("n, word", [(0, "no"), (1, "one"), (6, "six"), (10, "ten"), (11, "11"), (37, "37")])
def test_number_word(n, word):
    assert number_word(n) == word


def test_number_word_refuses_a_negative_count():
    with pytest.raises(ValueError, match="not a count"):
        number_word(-1)


def test_study_size_counts_no_authority_for_districts_outside_one():
    lone = study.Study("x", ("E1", "E2", "E3"), ("a", "b", "c"), ("A", "", "A"), ("E47A", "", "E47A"), code_year=2023)
    assert study.study_size(lone) == (3, 1)


def test_the_description_follows_the_districts(monkeypatch):
    districts = study.study_districts()
    monkeypatch.setattr(study, "study_districts", lambda: districts[districts["authority"] != DROPPED])
    assert study.paper_study.uncached().description == (
        "the 34 districts of the five original mayoral combined authorities")


def test_every_text_follows_a_perturbed_study(monkeypatch, fresh_caches):
    from placeblind.analysis import decade, fit_inference, specifications
    from placeblind.analysis.attainment import attainment_2011
    from placeblind.claims.paper_common import fits_source
    from placeblind.claims.paper_composition import population_claim
    from placeblind.publishing.figures import attainment_polarisation

    table = attainment_2011()  # the real table; only the title's counts are at stake
    real = {"fits": fits_source(), "moran": fit_inference.moran_sample_labels()["study_districts"],
            "decade": decade.convergence_sample_labels()["paper_districts"],
            "title": attainment_polarisation(table).axes[0].get_title(),
            "claim": population_claim("P12")}
    assert "37 study districts" in real["fits"]
    assert real["moran"] == real["decade"] == "the paper's 37 districts"
    # read once under the real study, so a lookup kept past cache.clear() would show below
    assert specifications.weighed_as("decade_sample", "paper_districts") == "the paper's 37 districts"
    assert "37 districts of six combined authorities" in real["title"]
    assert real["claim"].statement == "Population of the six combined authorities"
    assert "in the 37 districts" in real["claim"].reason

    smaller = smaller_study(study.paper_study())
    monkeypatch.setattr(study, "paper_study", lambda: smaller)
    cache.clear()
    assert study.paper_study_size() == (34, 5)
    assert "34 study districts" in fits_source()
    assert fit_inference.moran_sample_labels()["study_districts"] == "the paper's 34 districts"
    assert decade.convergence_sample_labels()["paper_districts"] == "the paper's 34 districts"
    space = specifications.dimensions().set_index(["dimension", "value"])
    assert space.loc[("decade_sample", "paper_districts"), "label"] == "the paper's 34 districts"
    assert space.loc[("decade_sample", "paper_districts"), "weighed_as"] == "the paper's 34 districts"
    assert specifications.weighed_as("decade_sample", "paper_districts") == "the paper's 34 districts"
    assert "34 districts of five combined authorities" in attainment_polarisation(table).axes[0].get_title()
    claim = population_claim("P12")
    assert claim.statement == "Population of the five combined authorities"
    assert "in the 34 districts" in claim.reason and "37" not in claim.reason


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes (words about code, not output)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_no_string_of_the_package_types_the_paper_s_counts():
    """No string the package can print (docstrings aside) spells the paper's
    district count as a numeral, or its authorities' count in words."""
    n_districts, n_authorities = study.paper_study_size()
    typed = re.compile(rf"(?<![\w.#]){n_districts}(?![\w.])|\b{number_word(n_authorities)} "
                       r"(original |mayoral )*combined authorit", re.IGNORECASE)
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                    and typed.search(node.value)):
                wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value[:70]!r}")
    assert not wrong, "counts typed by hand:\n" + "\n".join(wrong)
