"""The computation in view (issue 19): each chapter that computes one of the
paper's tables, the IS-8 location quotients or the decade change shows one
visible code cell, right after the table (or map) it checks, that recomputes one
row from the parsed inputs and asserts it equals the published table. The
assertion itself runs in every build and in nbval; this checks that the cell is
there, visible, self-contained and in its place."""

from __future__ import annotations

import re

import pytest

from placeblind import config

# chapter -> the label of the table or figure its visible cell checks, and that table's registered name
CHECKED = {
    "attainment": ("tbl-attainment", "attainment_2011"),
    "sector_composition": ("tbl-sector-shares-2017", "sector_shares"),
    "location_quotients": ("tbl-lq-2017", "location_quotients"),
    "education_and_sectors": ("tbl-fit-study", "education_sector_fit"),
    "is8_regions": ("fig-is8-heatmap", "is8_location_quotients"),
    "decade": ("fig-decade-hexmap", "attainment_change"),
}
CELL = re.compile(r"```\{code-cell\} ipython3\n(?P<body>.*?)\n```\n", re.S)


def _cells(text: str) -> list[re.Match]:
    return list(CELL.finditer(text))


def _visible(cell: re.Match) -> bool:
    """No hide or remove tag (MyST writes tags as `:tags:` or in a `---` header)."""
    head = cell["body"].split("\n---\n", 1)[0] if cell["body"].startswith("---\n") else cell["body"][:200]
    return not re.search(r"tags:.*(hide|remove)", head.split("\n\n", 1)[0])


@pytest.mark.parametrize("chapter", sorted(CHECKED))
def test_one_visible_asserted_cell_right_after_its_table(chapter):
    label, table = CHECKED[chapter]
    text = (config.REPO_ROOT / "chapters" / "myst" / f"{chapter}.md").read_text(encoding="utf-8")
    visible = [c for c in _cells(text) if _visible(c)]
    assert len(visible) == 1, f"{chapter}: {len(visible)} visible code cells"
    cell = visible[0]
    body = cell["body"]
    assert "assert " in body and f'registered_table("{table}")' in body
    assert "from placeblind.data." in body  # the parsed inputs, not the analysis function that made the table
    lines = [line for line in body.splitlines() if line.strip()]
    assert len(lines) <= 20, f"{chapter}: {len(lines)} lines"
    # self-contained: every name it uses is imported in the cell or built in
    imported = set(re.findall(r"import (?:\w+, )*(\w+)", body)) | {
        name.strip() for group in re.findall(r"from \S+ import (.+)", body) for name in group.split(",")}
    for called in {"registered_table", "qualifications_2011", "district_broad_group_employment",
                   "itl2_subclass_employment", "subclasses_for", "study_districts", "qualifications_2021"}:
        if called + "(" in body:
            assert called in imported, (chapter, called)
    # placed right after the table or figure it checks, with one paragraph between
    before = text[:cell.start()]
    at = before.rindex(label)
    between = before[at:].split("```\n", 1)[1]  # after the end of the table's cell or the figure's fence
    assert "```" not in between, f"{chapter}: another cell between the table and its check"
    paragraphs = [p for p in between.split("\n\n") if p.strip()]
    assert len(paragraphs) == 1 and paragraphs[0].lstrip().startswith("The cell below"), (chapter, paragraphs)
