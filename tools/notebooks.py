"""Chapter notebooks: the review text (chapters/myst/*.md, MyST) is the source;
chapters/*.ipynb, with outputs, is the published record nbval checks.

    python tools/notebooks.py sync    # md -> ipynb, executed in chapters/
    python tools/notebooks.py check   # fail if an ipynb's code differs from its md
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from placeblind.publishing.sphinx_site import encrypt_kernel_channels

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
SOURCES = sorted((CHAPTERS / "myst").glob("*.md"))


def sources_of(notebook) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells]


def sync(only: list[str]) -> None:
    encrypt_kernel_channels()
    for source in SOURCES:
        if only and source.stem not in only:
            continue
        notebook = jupytext.read(source)
        notebook.metadata.pop("jupytext", None)
        # Stable cell ids and no timestamps: an unchanged chapter re-syncs to identical bytes.
        for index, cell in enumerate(notebook.cells):
            cell.id = f"{source.stem}-{index:03d}"
        NotebookClient(notebook, timeout=600, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(CHAPTERS)}}).execute()
        target = CHAPTERS / f"{source.stem}.ipynb"
        nbformat.write(notebook, target)
        print(f"wrote {target.relative_to(ROOT)}")


def check() -> int:
    stale = []
    for source in SOURCES:
        target = CHAPTERS / f"{source.stem}.ipynb"
        if not target.exists() or sources_of(jupytext.read(source)) != sources_of(nbformat.read(target, 4)):
            stale.append(target.name)
    if stale:
        print("out of date with chapters/myst (run `make notebooks`):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "sync":
        sync(sys.argv[2:])
    elif command == "check":
        sys.exit(check())
    else:
        sys.exit(__doc__)
