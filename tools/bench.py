"""``make bench``: how long a rebuilder waits, in seconds, on this machine.

Prints the clean build of the book and of the toolchain floor (an otherwise
empty book with the same configuration and chapters, each notebook one cell
that imports pandas and matplotlib), their ratio, the part of each clean build
spent computing the book's results, beside Sphinx (the line
``placeblind.publishing.prepare`` prints), the no-change rebuild, the test
suite (the README's test command) and the machine's load average while they
ran (the figures mean little on a busy machine), and the clean build's pages
alone (every result on disk: the part of the build that is not the computing).
``python tools/bench.py N``
alternates floor and clean build N times (default 3).

The floor is built as ``make book`` builds the book (``python -m placeblind
build``: Sphinx reading the chapters in ``BOOK_JOBS`` processes), so the ratio
compares like with like; the floor built by the plain ``jupyter-book build``, one
chapter at a time, is printed beside it for comparison with earlier figures.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from placeblind.publishing.book_build import jobs as book_jobs
from placeblind.publishing.prepare import REPORT

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERIAL_BUILD = [str(BIN / "jupyter-book"), "build", "-W", "--keep-going", "."]
PARALLEL_BUILD = [sys.executable, "-c", "from pathlib import Path; from placeblind.publishing.book_build import build;"
                  " build(source=Path.cwd())"]
# The book as a reader builds it.
BOOK = ["make", "--no-print-directory", "book"]


def timed(command: list[str], cwd: Path = ROOT, label: str = "", outputs: list | None = None) -> float:
    """Seconds ``command`` took (its output appended to ``outputs``); on failure its
    output's tail is printed and the bench stops."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed (status {result.returncode}):\n{result.stdout[-6000:]}")
    seconds = time.perf_counter() - start
    print(f"  {label or ' '.join(command[-3:])} in {cwd.name}: {seconds:.1f} s", flush=True)
    if outputs is not None:
        outputs.append(result.stdout)
    return seconds


def computing_seconds(output: str) -> float | None:
    """The seconds a clean build spent computing the book's results (beside Sphinx),
    from the line ``publishing.prepare`` prints (None if it printed none)."""
    pattern = (re.escape(REPORT).replace(r"\{count\}", r"\d+").replace(r"\{workers\}", r"\d+")
               .replace(r"\{seconds:\.1f\}", r"([0-9.]+)"))
    found = re.search(pattern, output)
    return float(found.group(1)) if found else None


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
            lines = nbformat.read(page, 4).cells[0].source.splitlines()
            title = next(line for line in lines if line.startswith("# "))  # after any label line
            notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(title),
                                                       nbformat.v4.new_code_cell("import pandas, matplotlib")])
            notebook.metadata = nbformat.read(page, 4).metadata
            nbformat.write(notebook, target / "chapters" / page.name)
    return target


def pages_only() -> float:
    """Seconds ``make book`` takes with every result on disk but nothing of Sphinx's
    kept: ``_build`` emptied except the cache and the fetched-data state (the
    ``.placeblind*`` entries). So the clean build's time splits into the pages (this)
    and the computing."""
    for entry in (ROOT / "_build").iterdir():
        if not entry.name.startswith(".placeblind"):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    return timed(BOOK, label="pages alone")


def main(repeat: int = 3) -> None:
    """The floor and the clean build alternate ``repeat`` times (this machine's
    speed drifts by a fifth from minute to minute); medians and ranges are printed."""
    floors, serial_floors, cleans, outputs = [], [], [], []
    loads = [os.getloadavg()[0]]
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            floors.append(timed(PARALLEL_BUILD, floor_book(Path(folder)), "floor, as make book builds"))
        with tempfile.TemporaryDirectory() as folder:
            serial_floors.append(timed(SERIAL_BUILD, floor_book(Path(folder)), "floor, jupyter-book build"))
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
        cleans.append(timed(BOOK, outputs=outputs))
    loads.append(os.getloadavg()[0])
    rebuild = timed(BOOK)
    pages = [pages_only() for _ in range(2)]
    tests = timed(["make", "test"])
    loads.append(os.getloadavg()[0])
    ratios = [c / f for c, f in zip(cleans, floors)]
    serial_ratios = [c / f for c, f in zip(cleans, serial_floors)]
    span = lambda values: f"{statistics.median(values):6.1f} s  (range {min(values):.1f}-{max(values):.1f})"  # noqa: E731
    print(f"toolchain floor (empty book): {span(floors)}  (as make book builds, {book_jobs()} processes)")
    print(f"  ... one chapter at a time:  {span(serial_floors)}  (jupyter-book build)")
    print(f"clean build:                  {span(cleans)}")
    computing = [seconds for seconds in map(computing_seconds, outputs) if seconds is not None]
    if computing:
        print(f"  ... of which computing the results, beside Sphinx: {span(computing)}")
    print(f"  ... its pages alone:        {span(pages)}  (the results on disk, Sphinx and the kernels clean)")
    for label, values in (("by jupyter-book build", serial_ratios), (f"as make book builds it, in {book_jobs()} processes", ratios)):
        print(f"clean build / floor:          {statistics.median(values):6.2f}    (range {min(values):.2f}-{max(values):.2f},"
              f" {repeat} alternating runs; the floor built {label})")
    print(f"no-change rebuild:            {rebuild:6.1f} s")
    print(f"test suite (make test):       {tests:6.1f} s")
    print(f"load average (1 min) at the start, after the builds, at the end: "
          f"{', '.join(f'{load:.1f}' for load in loads)} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
