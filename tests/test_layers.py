"""The package's layers, as its folders name them, and the one direction its
imports may point: data -> measures -> analysis -> claims -> publishing."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "placeblind"
LAYERS = ("data", "measures", "analysis", "claims", "publishing")
# Modules outside the layers: configuration and errors (used by every layer), the package's cache
# reset and the command line (which may use every layer).
FOUNDATION = {"config", "errors"}
TOP = {"__init__", "__main__"}
MAX_LINES = 450


def layer_of(module: str) -> str:
    """``placeblind.analysis.is8_regions`` -> ``analysis``; ``placeblind.config`` -> ``config``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imported_modules(path: Path) -> list[str]:
    """Every placeblind module ``path`` imports, resolved to absolute names."""
    package = ["placeblind", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("placeblind"):
                if node.module is None or target.count(".") == 0:
                    found += [f"{target}.{alias.name}" for alias in node.names]
                else:
                    found.append(target)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("placeblind")]
    return found


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ".".join(["placeblind", *path.relative_to(PACKAGE).with_suffix("").parts])


def test_every_module_sits_in_a_layer_folder():
    for path, module in modules():
        relative = path.relative_to(PACKAGE)
        if len(relative.parts) == 1:
            assert path.stem in FOUNDATION | TOP, f"{module} is outside the layer folders {LAYERS}"
        else:
            assert relative.parts[0] in LAYERS, module


def test_imports_point_down_the_layers_only():
    order = {layer: i for i, layer in enumerate(LAYERS)}
    wrong = []
    for path, module in modules():
        here = layer_of(module)
        if here in TOP:
            continue
        for target in imported_modules(path):
            there = layer_of(target)
            if there in FOUNDATION:
                continue
            if here in FOUNDATION or there in TOP or order[there] > order[here]:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_no_analysis_module_imports_the_registry_or_a_figure():
    for path, module in modules():
        if layer_of(module) in ("data", "measures", "analysis", "claims"):
            source = path.read_text()
            assert "matplotlib" not in source and "seaborn" not in source, module


def test_modules_stay_small():
    for path, module in modules():
        n = len(path.read_text().splitlines())
        assert n <= MAX_LINES, f"{module} has {n} lines: split it by what it does"


def test_glue_names_are_literal_and_every_glued_name_is_defined():
    """A name seen on a page can be found with grep: no glue name is assembled
    from pieces, and every name the prose uses is a literal string in the
    package's facts modules or in the chapter's own code."""
    chapters = Path(__file__).resolve().parent.parent / "chapters" / "myst"
    facts = "".join(p.read_text() for p in (PACKAGE / "publishing").glob("facts_*.py"))
    # The fact tables' names count as literals (each row names one glue name).
    facts += "".join(f'"{line.split(",", 1)[0]}"' for p in (PACKAGE / "publishing" / "fact_tables").glob("*.csv")
                     for line in p.read_text().splitlines()[1:])
    for page in sorted(chapters.glob("*.md")):
        text = page.read_text()
        assert not re.search(r"glue\(\s*f[\"']", text), f"{page.name} glues a name built with an f-string"
        used = {re.sub(r":.*", "", name) for name in re.findall(r"\{glue(?::\w+)?\}`([^`]+)`", text)}
        used |= set(re.findall(r"```\{glue:figure\}\s+(\S+)", text))
        missing = [n for n in sorted(used) if f'"{n}"' not in facts and f'glue("{n}"' not in text]
        assert not missing, f"{page.name}: glue names defined nowhere as literals: {missing}"
    assert not re.search(r"\bf[\"'][a-z_]*\{[^}]+\}[a-z_]*[\"']\s*:", facts), "a facts key is built with an f-string"
