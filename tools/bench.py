"""``make bench``: how long a rebuilder waits, in seconds, on this machine.

Prints the clean build of the book, the same for the toolchain floor (an
otherwise empty book with the same configuration and chapters, each notebook
one cell that imports pandas and matplotlib), their ratio, the no-change
rebuild and the test suite (the README's test command).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUILD = [str(BIN / "jupyter-book"), "build", "-W", "--keep-going", "."]


def timed(command: list[str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def floor_book(target: Path) -> Path:
    """The book's configuration, table of contents, prose pages and bibliography,
    with every chapter notebook replaced by a title and one cell of imports."""
    for name in ("_config.yml", "_toc.yml", "references.bib"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "_static", target / "_static")
    (target / "chapters").mkdir()
    for page in (ROOT / "chapters").iterdir():
        if page.suffix == ".md":
            shutil.copy2(page, target / "chapters" / page.name)
        elif page.suffix == ".ipynb":
            title = nbformat.read(page, 4).cells[0].source.splitlines()[0]
            notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(title),
                                                       nbformat.v4.new_code_cell("import pandas, matplotlib")])
            notebook.metadata = nbformat.read(page, 4).metadata
            nbformat.write(notebook, target / "chapters" / page.name)
    return target


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        floor = timed(BUILD, floor_book(Path(folder)))
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    clean = timed(BUILD)
    rebuild = timed(BUILD)
    tests = timed(["make", "test"])
    print(f"toolchain floor (empty book): {floor:6.1f} s")
    print(f"clean build:                  {clean:6.1f} s  ({clean / floor:.2f} x the floor)")
    print(f"no-change rebuild:            {rebuild:6.1f} s")
    print(f"test suite (make test):       {tests:6.1f} s")


if __name__ == "__main__":
    main()
