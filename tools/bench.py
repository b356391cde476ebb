"""``make bench``: clean build, no-change rebuild and test-suite times, in seconds."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    build = [str(BIN / "jupyter-book"), "build", "-W", "--keep-going", "."]
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    clean = timed(build)
    rebuild = timed(build)
    tests = timed([sys.executable, "-m", "pytest", "tests", "chapters", "--nbval",
                   "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-q"])
    print(f"clean build:       {clean:6.1f} s")
    print(f"no-change rebuild: {rebuild:6.1f} s")
    print(f"test suite:        {tests:6.1f} s")


if __name__ == "__main__":
    main()
