"""A copy of the repository in an empty folder builds the book's tables with
nothing beside it (issue 19: the data travel with the book).

The copy (``clone_run`` in conftest) holds exactly the files git tracks, as they
are in the working tree (on CI's fresh clone: the clone), in a temporary folder
with no ``../shared`` beside it. It runs ``python -m placeblind tables`` with
this test run's interpreter (the same pinned packages; the package itself is
imported from the copy) and no setting at all: no ``DATA_DIR``, an empty result
cache, ``HOME`` and ``TMPDIR`` inside the temporary folder. Every file the
process opens or lists is recorded by a Python audit hook.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from placeblind import config
from placeblind.data import catalogue
from placeblind.publishing import manifest, registry

# Outside the copy, a run may read only the interpreter's own files and the system's
# (shared libraries, fonts, time zones, locale, /proc and /dev).
SYSTEM_ROOTS = ("/usr", "/lib", "/lib64", "/etc", "/proc", "/sys", "/dev")


def _inside(path: str, roots) -> bool:
    return any(path == str(root) or path.startswith(str(root).rstrip("/") + "/") for root in roots)


def test_the_copy_holds_every_catalogued_file_and_nothing_is_beside_it(clone_run):
    assert not (clone_run.root.parent / "shared").exists()
    for item in catalogue.catalogue().values():
        assert (clone_run.root / "data" / item.path).is_file(), f"{item.path} is not tracked by git"


def test_the_copy_runs_make_tables_without_any_setting(clone_run):
    assert clone_run.returncode == 0, clone_run.stderr[-3000:]
    written = {p.stem for p in clone_run.tables.glob("*.csv")}
    assert written == {*registry.TABLES, manifest.NAME}


def test_the_copy_reads_nothing_outside_itself(clone_run):
    roots = [clone_run.root, clone_run.root.parent, Path(sys.prefix), Path(sys.base_prefix),
             Path(sys.exec_prefix), *map(Path, SYSTEM_ROOTS)]
    roots = [r.resolve() for r in roots] + roots
    outside = sorted({p for p in clone_run.opened if not _inside(p, roots)})
    assert not outside, f"the copy read files outside itself: {outside[:10]}"
    # The package came from the copy, not from the checkout the interpreter was installed from.
    package = [p for p in clone_run.opened if p.endswith("/placeblind/__init__.py")]
    assert package and all(_inside(p, [clone_run.root]) for p in package), package
    checkout = config.REPO_ROOT.resolve()
    venv = Path(sys.prefix).resolve()
    assert not [p for p in clone_run.opened if _inside(p, [checkout]) and not _inside(p, [venv])]
    # ... and every catalogued file was read from the copy's data/.
    for item in catalogue.catalogue().values():
        assert str(clone_run.root / "data" / item.path) in clone_run.opened, item.path


def test_the_copy_s_tables_are_the_exports_byte_for_byte(clone_run, book_tables):
    assert clone_run.returncode == 0, clone_run.stderr[-3000:]
    for name in registry.TABLES:
        ours = (book_tables / f"{name}.csv").read_bytes()
        assert (clone_run.tables / f"{name}.csv").read_bytes() == ours, name


def test_the_copy_s_manifest_records_the_same_inputs_from_its_own_data(clone_run, book_tables):
    theirs = pd.read_csv(clone_run.tables / "MANIFEST.csv", dtype=str, keep_default_na=False)
    ours = pd.read_csv(book_tables / "MANIFEST.csv", dtype=str, keep_default_na=False)
    same = ["input", "path", "sha256", "expected_sha256", "matches", "data_verify", "package_version"]
    pd.testing.assert_frame_equal(theirs[same], ours[same])
    assert set(theirs["matches"]) == {"True"}
    assert set(theirs["data_dir"]) == {"data"}  # the copy's own data/, by default
    assert set(theirs["git_commit"]) == {""}  # a copy of the files without .git
