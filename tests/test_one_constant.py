"""One constant, every user: for each rule or year kept in one place, changing
that one constant (monkeypatched) changes every value and every word that reads
it, both the computed side and the description a reader sees."""

from __future__ import annotations

import pytest

from placeblind.analysis import vintages
from placeblind.analysis.findings import england_crossing_distance
from placeblind.analysis.sector_measures import wide
from placeblind.claims import chapter_findings
from placeblind.claims.paper_lq import P34_PUBLISHED
from placeblind.claims.rules import LQ_MARGIN


def _flags():
    return {name: (value, description) for name, value, _unit, description in chapter_findings.lq_paper_flags()}


@pytest.mark.parametrize("year", vintages.VINTAGES)
def test_the_lq_flags_read_the_primary_vintage(monkeypatch, year):
    """The LQ chapter's flags about Cambridge and the crossings read one year, the
    book's single-vintage reading (PRIMARY_VINTAGE), in the value and the words."""
    if year == vintages.PRIMARY_VINTAGE:
        assert _flags()["lq_cambridge_one_fifth"][1].endswith(f", {year}")
    monkeypatch.setattr(chapter_findings, "PRIMARY_VINTAGE", year)
    flags = _flags()
    cambridge = float(wide(year, "lq").set_index("name").loc["Cambridge", "Manufacturing"])
    assert flags["lq_cambridge_one_fifth"] == (abs(cambridge - P34_PUBLISHED) <= LQ_MARGIN,
                                              f"Cambridge's manufacturing LQ within {LQ_MARGIN:g} of the paper's "
                                              f"'one fifth', {year}")
    assert flags["lq_crossings_close"][0] == (england_crossing_distance(year) < LQ_MARGIN)
    assert flags["lq_crossings_close"][1].endswith(f"within {LQ_MARGIN:g} of 1, {year}")


SECTOR_CONSTANTS = ("PROFESSIONAL", "DIGITAL", "MANUFACTURING")


def _string_constants(path):
    """The string constants of a module, docstrings left out (line, value)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_the_three_sectors_are_named_once():
    """The analysis and the claims name the professional, digital and manufacturing
    groups through data.sectors' constants, never by a string of their own."""
    from pathlib import Path

    import placeblind
    from placeblind.data import sectors

    names = {getattr(sectors, c) for c in SECTOR_CONSTANTS}
    package = Path(placeblind.__file__).resolve().parent
    typed = [f"{path.relative_to(package)}:{line}" for folder in ("analysis", "claims")
             for path in sorted((package / folder).glob("*.py")) for line, value in _string_constants(path)
             if value in names]
    assert typed == []


def test_a_renamed_sector_reaches_every_user():
    """Every module that holds one of the three constants holds data.sectors' own
    (imported, not retyped; the test above finds any retyped string), so renaming the
    group there renames it everywhere."""
    import importlib
    import pkgutil

    import placeblind
    from placeblind.data import sectors

    holders = []
    for info in pkgutil.walk_packages(placeblind.__path__, "placeblind."):
        if info.name.startswith(("placeblind.analysis.", "placeblind.claims.", "placeblind.publishing.")):
            module = importlib.import_module(info.name)
            for constant in SECTOR_CONSTANTS:
                if hasattr(module, constant):
                    assert getattr(module, constant) is getattr(sectors, constant), (info.name, constant)
                    holders.append(info.name)
    assert {"placeblind.analysis.authorities", "placeblind.analysis.robustness",
            "placeblind.claims.chapter_findings"} <= set(holders)


def test_the_book_s_level_and_margin_are_the_measures_own():
    """The 5% level and the correlations' margin are defined once (measures.correlations);
    every module that holds them, under its own name too, holds that very object (floats
    typed twice would be two objects), so editing the one definition changes them all."""
    from placeblind import measures
    from placeblind.analysis import authorities, decade, decade_bases, education_fits, fit_inference, findings_decade
    from placeblind.claims import inference_findings, paper_composition, robustness_null, rules
    from placeblind.measures import correlations, fits

    level, margin = correlations.SIGNIFICANCE, correlations.CORRELATION_MARGIN
    assert level == 0.05 and margin == 0.1  # the values the chapters state
    for held in (measures.SIGNIFICANCE, fits.SIGNIFICANCE, fit_inference.SIGNIFICANCE, authorities.NULL_LEVEL,
                 decade.SIGNIFICANCE, decade_bases.SIGNIFICANCE, findings_decade.SIGNIFICANCE,
                 robustness_null.CHANCE_LEVEL, paper_composition.SIGNIFICANCE, inference_findings.SIGNIFICANCE):
        assert held is level
    for held in (measures.CORRELATION_MARGIN, rules.CORRELATION_MARGIN, rules.MARGINS["correlation"],
                 education_fits.RESTS_ON_R2):
        assert held is margin
    assert correlations.INTERVAL_PERCENTILES == (2.5, 97.5)


def test_no_module_types_the_level_or_the_interval_again():
    """No module of the measures, the analysis or the claims types 0.05, 2.5 or 97.5
    beside the one definition (an r² threshold that is 0.05 by another reasoning aside)."""
    from pathlib import Path

    import placeblind

    package = Path(placeblind.__file__).resolve().parent
    allowed = {("measures/correlations.py", "SIGNIFICANCE = 0.05"), ("analysis/education_fits.py", "NO_FIT_R2 = 0.05")}
    typed = []
    for folder in ("measures", "analysis", "claims"):
        for path in sorted((package / folder).glob("*.py")):
            lines = path.read_text(encoding="utf-8").splitlines()
            name = str(path.relative_to(package))
            typed += [(name, lines[line - 1].strip()) for line, value in _float_constants(path)
                      if value in (0.05, 2.5, 97.5)]
    assert [t for t in typed if t not in allowed] == []


def _float_constants(path):
    import ast

    return [(node.lineno, node.value) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and type(node.value) is float]


def test_the_leave_out_sentence_reads_its_year(monkeypatch):
    """The leave-out sentence fits the year it names: PRIMARY_VINTAGE, in both."""
    from placeblind.analysis import findings_fits
    from placeblind.analysis.education_fits import leave_out_fits

    assert f"out of the {vintages.PRIMARY_VINTAGE} fits" in findings_fits.leave_out_sentence()
    other = next(v for v in vintages.VINTAGES if v != vintages.PRIMARY_VINTAGE)
    monkeypatch.setattr(findings_fits, "PRIMARY_VINTAGE", other)
    sentence = findings_fits.leave_out_sentence()
    assert f"out of the {other} fits" in sentence
    table = leave_out_fits(other)
    assert f"r² is {table['r2_all'].iloc[0]:.2f} over all" in sentence


def test_the_paper_s_published_lqs_are_read_by_grade_and_words(monkeypatch):
    """P25, P26 and P27's published values are written once: the published column, the
    grade and the reason's arithmetic all move with them."""
    from placeblind.claims import paper_lq
    from placeblind.claims.paper_common import ClaimData

    data = ClaimData()
    plain = {c.claim_id: c for c in paper_lq.lq_claims(data)}
    assert (plain["P25"].published, plain["P26"].published, plain["P27"].published) == (
        "about 0.33 (a third)", "8", "2.84")
    assert "give 2.84 / (1/3) = 8.5" in plain["P26"].reason
    assert plain["P27"].verdict != "differs"
    monkeypatch.setattr(paper_lq, "P27_PUBLISHED", 4.0)
    monkeypatch.setattr(paper_lq, "P25_PUBLISHED", 1 / 4)
    moved = {c.claim_id: c for c in paper_lq.lq_claims(data)}
    assert moved["P27"].published == "4" and moved["P27"].verdict == "differs"
    assert moved["P25"].published == "about 0.25 (a third)" and "compared with 1/4" in moved["P25"].reason
    assert "give 4 / (1/4) = 16.0" in moved["P26"].reason


def test_the_claims_source_lines_are_built_from_the_vintage_registry():
    """The paper's claims name their BRES vintages from the registry (MEAN_OF, each
    vintage's measure, PAPER_VINTAGE): checked by hand against the bundle."""
    from placeblind.claims import paper_common

    assert paper_common.BRES_SHARES == "BRES 2017 (employment) and 2019 (employees)"
    assert paper_common.BRES == "BRES 2017 (employment) and 2019 (employees); Great Britain base"
    assert paper_common.ABOUT_VINTAGES.startswith(f"The paper used BRES {vintages.PAPER_VINTAGE}, ")
    assert paper_common.ABOUT_PAPER_VINTAGE == ("Judged on BRES 2018, the paper's own vintage, fetched from Nomis; "
                                                "2017 (employment) and 2019 (employees) are shown beside it.")
    assert paper_common.fits_source().startswith("BRES 2017 and 2019 shares on 2011 Census education; ")


def test_the_districts_the_paper_names_are_written_once(monkeypatch):
    """P20's three districts are one tuple: its grade, its statement and published
    value read it, and the LQ chapter's flags read that grade; renaming one turns
    the grade over."""
    from placeblind.analysis import education_fits, findings_fits, robustness
    from placeblind.claims import paper_lq
    from placeblind.claims.paper_common import ClaimData

    assert not hasattr(chapter_findings, "P20_NAMED")  # the LQ chapter's flags read P20's own grade (test above)
    assert robustness.CAMBRIDGE_DISTRICTS is education_fits.CAMBRIDGE_DISTRICTS is findings_fits.CAMBRIDGE_DISTRICTS
    from placeblind.analysis import sector_readings
    assert paper_lq.THIRD_DISTRICTS is sector_readings.THIRD_DISTRICTS
    data = ClaimData()
    plain = {c.claim_id: c for c in paper_lq.lq_claims(data)}["P20"]
    assert plain.statement == "Cambridge, South Cambridgeshire and Salford are the strongest digital districts"
    assert plain.published == "Cambridge, South Cambridgeshire, Salford" and plain.verdict != "differs"
    monkeypatch.setattr(paper_lq, "P20_NAMED", ("Oldham", "Wigan", "Bolton"))
    moved = {c.claim_id: c for c in paper_lq.lq_claims(data)}["P20"]
    assert moved.statement.startswith("Oldham, Wigan and Bolton are") and moved.published == "Oldham, Wigan, Bolton"
    assert moved.verdict == "differs"


def test_the_lq_chapter_s_readings_without_a_glue_year_read_the_heatmap_s_year(monkeypatch):
    """The LQ chapter's readings whose glue names carry no year read PRIMARY_VINTAGE,
    the year the heatmap draws, in their values and their words."""
    import inspect

    from placeblind.analysis import findings
    from placeblind.publishing import figures_sectors

    assert inspect.signature(figures_sectors.lq_heatmap).parameters["vintage"].default == vintages.PRIMARY_VINTAGE
    other = next(v for v in vintages.VINTAGES if v != vintages.PRIMARY_VINTAGE)
    monkeypatch.setattr(findings, "PRIMARY_VINTAGE", other)
    table = findings.location_quotient_findings().set_index("quantity")
    assert float(table.loc["lq_crossing_max_distance", "value"]) == pytest.approx(england_crossing_distance(other))
    assert table.loc["lq_crossing_max_distance", "description"].endswith(f", {other}")
    assert int(table.loc["lq_n_districts", "value"]) == len(wide(other))


def test_the_lq_chapter_s_words_on_p20_and_p22_follow_the_claims_own_grades(monkeypatch):
    """The LQ chapter's flags about the paper's top three and the districts beyond
    them read P20's and P22's grades in each vintage, not copies of their rules."""
    real = chapter_findings.paper_claims()
    assert _flags()["lq_digital_top3_as_paper"][0] and _flags()["lq_digital_beyond_named"][0]
    turned = real.copy()
    turned.loc[turned["claim_id"] == "P20", "verdict_2019"] = "differs"
    turned.loc[turned["claim_id"] == "P22", "verdict_2017"] = "reproduced"
    monkeypatch.setattr(chapter_findings, "paper_claims", lambda: turned)
    assert not _flags()["lq_digital_top3_as_paper"][0] and not _flags()["lq_digital_beyond_named"][0]
