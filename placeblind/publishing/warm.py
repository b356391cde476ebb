"""Compute, ahead of the chapters, the results they share.

The book's chapters run one after another in one kernel each, so a build uses
one core of two. ``make book`` runs this in a second process beside the build
(``python -m placeblind warm``), which computes into the disk cache
(:mod:`placeblind.cache`) what each chapter will ask for, from the last chapter
the build runs to the first (:func:`warm`). A chapter that asks for a result
the warmer is still computing waits for it; one that asks first computes it
itself. The results are the same either way: only the time they take differs.

The steps are read from the chapters themselves (:func:`steps`), so a new
chapter, figure or table needs no entry here. The warmer stops by itself when
the process that started it ends, however it ends.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import threading
import time

from .. import cache, config

CHAPTER_SOURCES = config.REPO_ROOT / "chapters" / "myst"
_FACTS_IMPORT = re.compile(r"^from placeblind\.publishing\.(facts_\w+) import ([\w, ]+)$", re.M)
_FIGURE = re.compile(r"\bfigure_(?:image|png)\(\s*\"(\w+)\"")
_TABLE = re.compile(r"\b(?:publish_csv|registered_table)\(\s*\"(\w+)\"")
_GLUED = re.compile(r"\bglue_facts\(\s*\"(\w+)\"")
_ZIP = re.compile(r"\bwrite_tables_zip\(\)")


def chapter_order() -> list[str]:
    """The computed chapters in the order the build executes them (Sphinx reads
    its documents sorted by name)."""
    return sorted(p.stem for p in CHAPTER_SOURCES.glob("*.md"))


REGISTRY = f"{__package__}.registry"


def steps(chapter: str) -> list[tuple[str, str, tuple]]:
    """What ``chapter`` asks the disk cache for, from its source: the chapter facts
    it imports, the tables its fact table reads (``glue_facts``), the registered
    figures it shows, the tables it publishes and the zip of every table, as ``(label, function's full
    name, arguments)`` in the order the source names them. Names, not functions:
    a build with everything on disk then never imports the modules behind them."""
    from .facts import declared

    text = (CHAPTER_SOURCES / f"{chapter}.md").read_text(encoding="utf-8")
    found = [(m.start(), f"{m.group(1)}.{name.strip()}", f"{__package__}.{m.group(1)}.{name.strip()}", ())
             for m in _FACTS_IMPORT.finditer(text) for name in m.group(2).split(",")]
    found += [(m.start(), f"figure {m.group(1)}", f"{REGISTRY}.figure_png", (m.group(1),))
              for m in _FIGURE.finditer(text)]
    found += [(m.start(), f"table {m.group(1)}", f"{REGISTRY}.registered_table", (m.group(1),))
              for m in _TABLE.finditer(text)]
    found += [(m.start(), f"table {fact.table}", f"{REGISTRY}.registered_table", (fact.table,))
              for m in _GLUED.finditer(text) for fact in declared(m.group(1))]
    found += [(m.start(), "tables zip", f"{__package__}.downloads.registered_tables_zip", ())
              for m in _ZIP.finditer(text)]
    ordered, seen = [], set()
    for _, label, name, args in sorted(found, key=lambda item: item[0]):
        if label not in seen:
            seen.add(label)
            ordered.append((label, name, args))
    return ordered


def warm(verbose: bool = False) -> int:
    """Compute every chapter's shared results that are not on disk yet, chapter
    by chapter from the last the build executes to the first; returns how many
    were computed. From the other end: the build's kernels start at the first
    chapter, so the two processes compute different results and meet in the
    middle, where in build order they asked for the same result at the same time
    and one waited for the other (an early chapter reads the summary findings,
    which need most of the book). Measured one after the other on the project's
    two shared cores (load average 8 to 13): a clean build took 615 s with the
    warmer from the end and 815 s with it in build order."""
    _stop_with_parent()
    computed = 0
    for chapter in reversed(chapter_order()):
        for label, name, args in steps(chapter):
            if cache.is_stored(name, *args):
                continue
            module, function = name.rsplit(".", 1)
            function = getattr(importlib.import_module(module), function)
            if not hasattr(function, "disk_key"):  # kept in the chapter's own process only: nothing to share
                continue
            import matplotlib

            matplotlib.use("Agg")  # no screen: figures are drawn to PNG only
            start = time.perf_counter()
            function(*args)
            computed += 1
            if verbose:
                print(f"warm: {chapter}: {label} ({time.perf_counter() - start:.1f} s)", file=sys.stderr)
    return computed


def _stop_with_parent() -> None:
    """End this process as soon as the one that started it has gone (a build
    killed with SIGKILL cannot stop its helpers itself). ``make book`` names
    itself in ``PLACEBLIND_WARM_PARENT``, so a parent that went while this
    process was still starting is noticed too."""
    parent = int(os.environ.get("PLACEBLIND_WARM_PARENT") or os.getppid())

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="stop-with-parent").start()


def chapters_with_steps() -> dict[str, list[str]]:
    """Each chapter's step labels (for the tests and for a reader's curiosity)."""
    return {chapter: [label for label, _, _ in steps(chapter)] for chapter in chapter_order()}
