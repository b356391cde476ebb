"""Outputs carry their provenance (issue 19): ``MANIFEST.csv`` beside the tables,
and a notice on every page of a build from data that do not match the catalogue."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

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


def _tiny_site(tmp_path, env) -> list[str]:
    """A two-page Sphinx site built with the book's extension and theme; the pages' HTML."""
    source = tmp_path / "site"
    source.mkdir()
    (source / "conf.py").write_text(SPHINX_CONF)
    (source / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   other\n")
    (source / "other.rst").write_text("Other\n=====\n\nText.\n")
    out = tmp_path / "html"
    result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(out)],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return [(out / f"{page}.html").read_text(encoding="utf-8") for page in ("index", "other")]


@pytest.mark.parametrize("changed", [False, True])
def test_every_page_of_a_build_from_changed_data_carries_the_notice(bundle, tmp_path, changed):
    import os

    env = {**os.environ, "DATA_DIR": str(bundle.root)}
    if changed:
        bundle.append_newline(ITL2_NAMES)
        env["DATA_VERIFY"] = "warn"
    for html in _tiny_site(tmp_path, env):
        assert ("Not the published results" in html) == changed
        assert ("reference/ITL2_2021_codes_names_UK.csv" in html) == changed
