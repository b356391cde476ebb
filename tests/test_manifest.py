"""Outputs carry their provenance (issue 19): ``MANIFEST.csv`` beside the tables,
and a notice on every page of a build from data that do not match the catalogue."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd

import placeblind
from placeblind import config
from placeblind.data import catalogue
from placeblind.publishing import manifest
from placeblind.publishing.table_files import write_tables

ITL2_NAMES = "itl2_names"  # a small file that every table build reads


def test_manifest_on_the_real_data_lists_every_input_matching(monkeypatch):
    frame = manifest.manifest()
    assert list(frame.columns) == manifest.COLUMNS
    assert frame["input"].tolist() == list(catalogue.catalogue())
    assert frame["path"].tolist() == [e.path for e in catalogue.catalogue().values()]
    assert frame["matches"].all() and (frame["sha256"] == frame["expected_sha256"]).all()
    assert set(frame["data_verify"]) == {"strict"}
    assert set(frame["package_version"]) == {placeblind.__version__}
    assert len(set(frame["git_commit"])) == 1


def test_manifest_names_the_data_folder_relative_to_the_repository(monkeypatch):
    monkeypatch.delenv("DATA_DIR")
    assert set(manifest.manifest()["data_dir"]) == {"data"}


def test_a_changed_file_is_a_row_that_does_not_match(bundle):
    bundle.warn_mode()
    bundle.append_newline(ITL2_NAMES)
    frame = manifest.manifest().set_index("input")
    assert not frame.loc[ITL2_NAMES, "matches"]
    assert frame.loc[ITL2_NAMES, "sha256"] == catalogue.sha256_of(bundle.path(ITL2_NAMES))
    assert frame.loc[ITL2_NAMES, "expected_sha256"] == catalogue.entry(ITL2_NAMES).sha256
    assert frame.drop(index=ITL2_NAMES)["matches"].all()
    assert set(frame["data_verify"]) == {"warn"}
    assert set(frame["data_dir"]) == {str(bundle.root.resolve())}
    assert manifest.changed_inputs() == [catalogue.entry(ITL2_NAMES).path]


def test_a_missing_file_does_not_match(bundle):
    bundle.delete(ITL2_NAMES)
    frame = manifest.input_states().set_index("input")
    assert frame.loc[ITL2_NAMES, "sha256"] == "" and not frame.loc[ITL2_NAMES, "matches"]


def test_fetched_files_are_inputs_too(bundle):
    folder = bundle.root / "nomis"
    folder.mkdir()
    (folder / "bres_2018.csv").write_text("a\n1\n")
    digest = catalogue.sha256_of(folder / "bres_2018.csv")
    (folder / "FETCHED.csv").write_text("file,query,retrieved_utc,data_rows,sha256\n"
                                        f"bres_2018.csv,https://example/q,2026-01-01T00:00:00Z,1,{digest}\n")
    rows = manifest.input_states().query("input == 'fetched'")
    assert rows["path"].tolist() == ["nomis/bres_2018.csv"] and rows["matches"].all()
    (folder / "bres_2018.csv").write_text("a\n2\n")
    assert manifest.changed_inputs() == ["nomis/bres_2018.csv"]


def test_git_commit_is_empty_outside_a_checkout_and_a_commit_inside(tmp_path):
    assert manifest.git_commit(tmp_path) == ""
    if (config.REPO_ROOT / ".git").exists():
        assert re.fullmatch(r"[0-9a-f]{40}(-dirty)?", manifest.git_commit())


def test_the_banner_names_the_changed_files_and_is_empty_when_none_changed():
    assert manifest.banner_html([]) == ""
    text = manifest.banner_html(["reference/ITL2_2021_codes_names_UK.csv"])
    assert "Not the published results" in text and "reference/ITL2_2021_codes_names_UK.csv" in text
    assert "MANIFEST.csv" in text


def test_make_tables_writes_the_manifest_beside_the_tables_and_warns_on_changed_data(bundle, tmp_path, monkeypatch):
    """The command's own path: the manifest is one more file of the all-or-nothing set."""
    from placeblind.__main__ import main

    frames = {"a": pd.DataFrame({"x": [1]}), manifest.NAME: manifest.manifest()}
    written = write_tables(frames, tmp_path / "t")
    assert [p.name for p in written] == ["a.csv", "MANIFEST.csv"]
    bundle.warn_mode()
    bundle.append_newline(ITL2_NAMES)  # the same table, other bytes: the build proceeds with a warning
    out = tmp_path / "ne"
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["placeblind", "tables", "--authority", "Tees Valley", "--out", str(out)]) == 0
    shown = pd.read_csv(out / "MANIFEST.csv", keep_default_na=False).set_index("input")
    assert shown.loc[ITL2_NAMES, "matches"] == False  # noqa: E712 (a CSV cell read back)
    assert set(shown["data_verify"]) == {"warn"}


SPHINX_CONF = """
extensions = ["placeblind.publishing.sphinx_site"]
html_theme = "sphinx_book_theme"
html_theme_options = {}
"""


# Both sites are built in one process (one start of Python, placeblind and Sphinx, about 1.3 s
# of processor time, instead of one per case): the site from unchanged data first, so a notice
# left over from one build to the next could only fail the second.
_BUILD_SITES = """
import json, os, sys
from sphinx.cmd.build import build_main
for data_dir, verify, source, out in json.loads(sys.argv[1]):
    os.environ["DATA_DIR"] = data_dir
    os.environ.pop("DATA_VERIFY", None)
    if verify:
        os.environ["DATA_VERIFY"] = verify
    status = build_main(["-q", "-b", "html", source, out])
    if status:
        sys.exit(f"the site from {data_dir} (DATA_VERIFY={verify}): Sphinx's status {status}")
"""


def _tiny_sites(tmp_path, cases) -> list[list[str]]:
    """A two-page Sphinx site built with the book's extension and theme from each
    ``(data folder, DATA_VERIFY)`` of ``cases``, in one process; each build's pages' HTML."""
    import json

    source = tmp_path / "site"
    source.mkdir()
    (source / "conf.py").write_text(SPHINX_CONF)
    (source / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   other\n")
    (source / "other.rst").write_text("Other\n=====\n\nText.\n")
    outs = [tmp_path / f"html{i}" for i in range(len(cases))]
    builds = [(str(data), verify, str(source), str(out)) for (data, verify), out in zip(cases, outs)]
    result = subprocess.run([sys.executable, "-c", _BUILD_SITES, json.dumps(builds)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return [[(out / f"{page}.html").read_text(encoding="utf-8") for page in ("index", "other")] for out in outs]


def test_every_page_of_a_build_from_changed_data_carries_the_notice(tmp_path, monkeypatch):
    """A build from an unaltered copy of the data carries no notice; a build from a
    changed copy (warn mode) carries it on every page, naming the changed file.
    (Once two cases, ``[False]`` and ``[True]``; one process now builds both.)"""
    from conftest import Bundle

    unchanged, changed = Bundle(tmp_path / "unchanged", monkeypatch), Bundle(tmp_path / "changed", monkeypatch)
    changed.append_newline(ITL2_NAMES)
    sites = _tiny_sites(tmp_path, [(unchanged.root, None), (changed.root, "warn")])
    for is_changed, pages in zip((False, True), sites):
        for html in pages:
            assert ("Not the published results" in html) == is_changed, f"changed={is_changed}"
            assert ("reference/ITL2_2021_codes_names_UK.csv" in html) == is_changed, f"changed={is_changed}"
