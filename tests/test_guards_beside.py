"""Guards sit beside the paragraph they protect (issue 16, item 3): each results
chapter's "In brief." paragraph is followed at once by a code cell of guards, so
the words that state a result there stop the build as soon as the data stop
supporting them, without relying on guards further down the chapter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

MYST = Path(__file__).resolve().parents[1] / "chapters" / "myst"
IN_BRIEF = "**In brief.**"
CODE_CELL = re.compile(r"^```\{code-cell\}")


def paragraph_and_next_cell(text: str, opening: str = IN_BRIEF) -> tuple[str, list[str], str]:
    """The paragraph that starts with ``opening``, the lines between its end and
    the next code cell (only blank lines when the cell follows at once), and the
    body of that code cell ('' when there is none)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(opening))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    opening_cell = next((i for i in range(end, len(lines)) if CODE_CELL.match(lines[i])), None)
    if opening_cell is None:
        return "\n".join(lines[start:end]), lines[end:], ""
    closing = next(i for i in range(opening_cell + 1, len(lines)) if lines[i].startswith("```"))
    return "\n".join(lines[start:end]), lines[end:opening_cell], "\n".join(lines[opening_cell + 1:closing])


def in_brief_chapters() -> list[str]:
    return sorted(p.stem for p in MYST.glob("*.md") if IN_BRIEF in p.read_text(encoding="utf-8"))


def test_the_results_chapters_open_with_their_answer():
    # The browser test checks these seven pages' answer on the first screen.
    assert in_brief_chapters() == sorted(["attainment", "authorities_2025", "decade", "education_and_sectors",
                                          "is8_regions", "location_quotients", "sector_composition"])


@pytest.mark.parametrize("chapter", in_brief_chapters())
def test_each_in_brief_paragraph_is_followed_by_its_guards(chapter):
    paragraph, between, cell = paragraph_and_next_cell((MYST / f"{chapter}.md").read_text(encoding="utf-8"))
    assert paragraph
    assert all(not line.strip() for line in between), f"{chapter}: text between the paragraph and its guards"
    assert "require(" in cell, f"{chapter}: the cell after the 'In brief.' paragraph holds no guard"
    assert ":tags: [remove-cell]" in cell, f"{chapter}: the guards' cell is shown to the reader"
    assert "In brief" in cell, f"{chapter}: the guard does not quote the paragraph it protects"


def test_the_introductions_answer_is_followed_by_its_guards():
    paragraph, between, cell = paragraph_and_next_cell((MYST / "introduction.md").read_text(encoding="utf-8"),
                                                       "**The answer, in brief.**")
    assert "in most" in paragraph and all(not line.strip() for line in between)
    assert "require(" in cell and ":tags: [remove-cell]" in cell and "The answer, in brief" in cell


@pytest.mark.parametrize("text, ok", [
    ("**In brief.** Words.\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n\nrequire(x, 'In brief: Words')\n```\n",
     True),
    ("**In brief.** Words.\n\nMore prose.\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n\n"
     "require(x, 'In brief: Words')\n```\n", False),
    ("**In brief.** Words.\n\n```{code-cell} ipython3\n:tags: [hide-input]\n\nshow_table(t)\n```\n", False),
    ("**In brief.** Words.\n", False),
])
def test_the_check_tells_a_guard_beside_the_paragraph_from_one_further_down(text, ok):
    _paragraph, between, cell = paragraph_and_next_cell(text)
    assert (all(not line.strip() for line in between) and "require(" in cell) is ok


def run_guards(body: str, cells: dict, values: dict) -> None:
    """Run a guard cell's code with ``cell`` and ``fact_value`` read from the dictionaries given."""
    from placeblind.publishing.guards import require

    code = "\n".join(line for line in body.splitlines() if not line.startswith(":"))   # the cell's options
    exec(code, {"require": require, "cell": lambda table, row="", column="value": cells[(table, row)],
                "fact_value": values.__getitem__})


def test_the_closing_paragraph_of_what_survives_is_guarded_and_each_reading_turns_it_over():
    """The closing paragraph restates the chapter's findings ("firm ground in its
    direction", "confirm", "do not confirm"): the cell beside it reads the same flags,
    and each flag, false, stops the build."""
    from placeblind.publishing.guards import StaleSentence

    text = (MYST / "what_survives.md").read_text(encoding="utf-8")
    paragraph, between, body = paragraph_and_next_cell(text, "The place-blind reading of the 2017 strategy")
    assert "firm ground" in paragraph and all(not line.strip() for line in between) and "require(" in body
    flags = {("location_quotient_findings", "lq_17_prof_mostly_below_one"): True,
             ("location_quotient_findings", "lq_17_digital_mostly_below_one"): True,
             ("summary_findings", "heart_sectors_rise_with_degrees"): True,
             ("summary_findings", "manufacturing_most_above_one"): True,
             ("summary_findings", "published_r2_nearer_r"): True,
             ("is8_findings", "is8_gse_concentrated"): True}
    cells = {**flags, ("claims_table3", "claim_id == 'P26'"): "8"}
    values = {"end_scambs_ratio_max": 6.0, "end_gm_n": 2, "end_five_n_none": 3, "end_five_n": 5}
    run_guards(body, cells, values)
    for key in flags:
        with pytest.raises(StaleSentence):
            run_guards(body, {**cells, key: False}, values)
    for name, value in {"end_scambs_ratio_max": 8.5, "end_gm_n": 0, "end_five_n_none": 5}.items():
        with pytest.raises(StaleSentence):
            run_guards(body, cells, {**values, name: value})


# Words that state a result. A paragraph that types one (not glued) must sit beside
# a cell of guards: the code cell right before or right after it holds require(...).
RESULT_WORDS = re.compile(r"\b(lockstep|widened|narrowed|stronger|weaker|firm ground|confirms?|bears? out|in most|"
                          r"majority|most of|fewer than half|more than half|does not hold|do not hold|tightly|"
                          r"sharply)\b", re.IGNORECASE)
# Paragraphs (by their opening words) whose result words define a rule, name a claim
# or label an axis, and state no result of the data.
DEFINITIONS = {
    "claims_ledger": ["Every verdict comes from one rule set"],           # the rules: "more than half", ...
    "robustness": ["**Professional services thin in most districts**",  # P23's title, the claim's words
                   "**The graduate divide**",                           # what the decade chapter calls widened
                   "Change in the spread of the share",                 # a caption: how to read the axis
                   "A finding is called robust here"],                  # the rule; its lists are glued
}


def paragraphs_and_cells(text: str) -> list[tuple[str, str]]:
    """The chapter as ('p', paragraph) and ('c', code cell) items, in order."""
    items, paragraph, cell, in_code = [], [], [], False
    for line in text.split("\n---\n", 1)[-1].splitlines() if text.startswith("---") else text.splitlines():
        if CODE_CELL.match(line):
            if paragraph:
                items.append(("p", "\n".join(paragraph)))
                paragraph = []
            in_code, cell = True, []
        elif in_code:
            if line.startswith("```"):
                items.append(("c", "\n".join(cell)))
                in_code = False
            else:
                cell.append(line)
        elif not line.strip():
            if paragraph:
                items.append(("p", "\n".join(paragraph)))
                paragraph = []
        else:
            paragraph.append(line)
    if paragraph:
        items.append(("p", "\n".join(paragraph)))
    return items


def unguarded_result_words(text: str, definitions=()) -> list[str]:
    items = paragraphs_and_cells(text)
    found = []
    for i, (kind, body) in enumerate(items):
        typed = re.sub(r"\{glue:[a-z]+\}`[^`]*`", "", body)
        if kind != "p" or not RESULT_WORDS.search(typed) or body.startswith(tuple(definitions)):
            continue
        beside = [items[j][1] for j in (i - 1, i + 1) if 0 <= j < len(items) and items[j][0] == "c"]
        if not any("require(" in cell for cell in beside):
            found.append(body[:80])
    return found


@pytest.mark.parametrize("chapter", sorted(p.stem for p in MYST.glob("*.md")))
def test_every_typed_result_word_sits_beside_a_guard(chapter):
    text = (MYST / f"{chapter}.md").read_text(encoding="utf-8")
    assert unguarded_result_words(text, DEFINITIONS.get(chapter, ())) == []


def test_every_listed_definition_is_still_a_paragraph_of_its_chapter():
    for chapter, openings in DEFINITIONS.items():
        paragraphs = [body for kind, body in paragraphs_and_cells((MYST / f"{chapter}.md").read_text()) if kind == "p"]
        assert all(any(p.startswith(o) for p in paragraphs) for o in openings), chapter


@pytest.mark.parametrize("text, found", [
    ("The divide widened.\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n\nrequire(x, 'widened')\n```\n", 0),
    ("```{code-cell} ipython3\n:tags: [remove-cell]\n\nrequire(x, 'widened')\n```\n\nThe divide widened.\n", 0),
    ("The divide widened.\n\nMore prose.\n\n```{code-cell} ipython3\nrequire(x, 'widened')\n```\n", 1),
    ("The divide {glue:text}`dec_divide_word`.\n", 0),
    ("The divide widened.\n\n```{code-cell} ipython3\nshow_table(t)\n```\n", 1),
])
def test_the_result_word_check_tells_a_guarded_word_from_a_bare_one(text, found):
    assert len(unguarded_result_words(text)) == found


def test_every_chapter_guards_the_years_its_text_names(monkeypatch):
    """A year in running text names a source ("the 2011 Census", "BRES 2017"), so it is
    typed; every chapter that types one checks, in its first cell, that the years the
    text names are the configured ones (placeblind.publishing.guards.NAMED_YEARS): its
    first cell glues its facts, and gluing checks the years first."""
    from placeblind.publishing import facts, guards

    years = set(re.findall(r"\b(?:19|20)\d\d\b", guards.NAMED_YEARS))
    for path in sorted(MYST.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        first_cell = next(body for kind, body in paragraphs_and_cells(text) if kind == "c")
        if years & set(re.findall(r"\b(?:19|20)\d\d\b", text)):
            assert f'glue_facts("{path.stem}")' in first_cell, path.stem
    checked = []
    monkeypatch.setattr(guards, "require_named_years", checked.append)
    monkeypatch.setattr(facts, "chapter_facts", lambda chapter: {})
    facts.glue_facts("introduction")
    assert checked == [facts.cell("data_findings", "named_years")]   # gluing a chapter's facts checks the years


def test_the_years_guard_follows_the_configuration(monkeypatch):
    from placeblind.analysis import findings
    from placeblind.publishing.guards import StaleSentence, require_named_years

    require_named_years(findings.named_years())                      # the configured years are the named ones
    monkeypatch.setattr(findings, "CENSUS_YEARS", (2011, 2031))
    with pytest.raises(StaleSentence, match="censuses 2011, 2031"):
        require_named_years(findings.named_years())
    monkeypatch.setattr(findings, "CENSUS_YEARS", (2011, 2021))
    monkeypatch.setattr(findings, "MEAN_OF", (2017, 2018))
    with pytest.raises(StaleSentence, match="re-word the chapters"):
        require_named_years(findings.named_years())
