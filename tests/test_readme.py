"""The README as a replication package (issue 19): its list of every table and
figure is generated from the registry and the chapters, and stays so."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from placeblind import config
from placeblind.publishing import contents, registry

README = config.REPO_ROOT / "README.md"


def test_the_readme_list_of_tables_and_figures_is_up_to_date():
    """Run ``python tools/readme_tables.py`` after changing the registry or a chapter's tables."""
    result = subprocess.run([sys.executable, "tools/readme_tables.py", "check"], cwd=config.REPO_ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    block = README.read_text(encoding="utf-8").split(contents.BEGIN, 1)[1].split(contents.END, 1)[0]
    assert contents.markdown_block() == contents.BEGIN + block + contents.END


def test_the_list_holds_every_registered_table_and_figure_once_or_per_showing():
    items = contents.items()
    assert {i.name for i in items if i.kind == "Table"} == set(registry.TABLES)
    assert {i.name for i in items if i.kind == "Fig."} == set(registry.FIGURES)
    numbered = [(i.kind, i.number) for i in items if i.number]
    assert len(numbered) == len(set(numbered)), "a number given twice"
    assert all(i.function and i.csv for i in items)
    # every CSV named is one `make tables` writes
    assert {i.csv for i in items} <= set(registry.TABLES)


def test_numbers_follow_the_chapters_and_document_order():
    items = [i for i in contents.items() if i.number]
    chapter_numbers = {file: prefix for file, prefix in contents.chapters()}
    for kind in ("Table", "Fig."):
        by_chapter: dict[str, list[int]] = {}
        for item in items:
            if item.kind == kind:
                prefix = chapter_numbers[item.chapter]
                assert item.number.startswith(prefix)
                by_chapter.setdefault(item.chapter, []).append(int(item.number.removeprefix(prefix)))
        for chapter, numbers in by_chapter.items():
            assert numbers == list(range(1, len(numbers) + 1)), (kind, chapter)


def test_replace_block_needs_both_markers_once():
    text = f"a\n{contents.BEGIN}\nold\n{contents.END}\nb\n"
    assert contents.replace_block(text, "NEW") == "a\nNEW\nb\n"
    with pytest.raises(ValueError, match="markers"):
        contents.replace_block("no markers", "NEW")
    with pytest.raises(ValueError, match="markers"):
        contents.replace_block(text + contents.BEGIN, "NEW")


def test_the_numbers_are_the_built_sites(built_site):
    """Where the list's numbers come from (chapter order and document order in the
    notebooks) is checked against Sphinx's own numbering on every page."""
    for item in contents.items():
        if not item.number:
            continue
        html = (built_site / f"{item.chapter}.html").read_text(encoding="utf-8")
        tag = "table" if item.kind == "Table" else "figure"
        element = re.search(rf'<{tag}[^>]*\bid="{re.escape(item.label)}"(.*?)</{tag}>', html, flags=re.S)
        assert element, f"{item.label} not found in {item.chapter}.html"
        shown = re.search(r'<span class="caption-number">([^<]*)</span>', element.group(1))
        assert shown and shown.group(1).strip() == f"{item.kind} {item.number}", (item.label, shown)


def _readme_commands() -> list[str]:
    """The commands of the README's first code block (its first lines: the whole set-up)."""
    block = README.read_text(encoding="utf-8").split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]


def test_the_readme_opens_with_its_two_commands():
    assert _readme_commands() == ["make book", "make test"]


def test_the_pages_workflow_runs_the_readme_s_commands_and_standard_actions_only():
    import yaml

    workflow = yaml.safe_load((config.REPO_ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    # git must trust the container's workspace before anything reads the commit
    trust = 'git config --system --add safe.directory "$GITHUB_WORKSPACE"'
    assert [step["run"] for step in steps if "run" in step] == [trust, *_readme_commands()]
    used = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    assert used == {"actions/checkout", "actions/upload-pages-artifact", "actions/deploy-pages"}
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"


def test_ci_runs_the_readme_s_test_command():
    script = (config.REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == _readme_commands()[1]


def test_the_readme_s_pins_are_the_requirements():
    pins = set((config.REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").split())
    named = re.findall(r"\b([A-Za-z][\w.-]*==[\w.]+[\w])", README.read_text(encoding="utf-8"))
    assert named and set(named) <= pins, set(named) - pins
