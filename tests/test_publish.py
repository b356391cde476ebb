"""Putting tables on the page: formatting, captions, and the CSV written beside them."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from placeblind.publishing import table_files, tables


def test_markdown_table_formats_numbers_per_column_and_leaves_text():
    frame = pd.DataFrame({"District": ["A", "B"], "Count": [1234.0, 5.0], "Share (%)": [12.345, float("nan")]})
    text = tables.markdown_table(frame, {"Count": 0, "Share (%)": 2})
    lines = text.splitlines()
    assert lines[0] == "| District | Count | Share (%) |"
    assert lines[1] == "|:---|---:|---:|"  # text left, numbers right
    assert lines[2] == "| A | 1,234 | 12.35 |"
    assert lines[3] == "| B | 5 | – |"  # a missing value shows the dash, not 'nan' or a blank


def test_whole_numbers_and_flags_are_not_shown_as_decimals():
    assert tables.format_number(20) == "20"  # a count of claims, not 20.0
    assert tables.format_number(2017) == "2017"  # a year keeps no separator
    assert tables.format_number(106007, digits=0) == "106,007"
    assert tables.format_number(True) == "yes" and tables.format_number(False) == "no"
    assert tables.format_number(float("nan")) == tables.format_number(None) == tables.format_number("") == "–"
    assert tables.format_number(0.125, digits=2) == "0.12"


def test_write_csv_rewrites_only_on_change(tmp_path, monkeypatch):
    monkeypatch.setenv("TABLES_DIR", str(tmp_path))
    frame = pd.DataFrame({"code": ["E1"], "value": [1.5]})
    path = table_files.write_csv(frame, "t")
    os.utime(path, (1, 1))  # an old mtime, so a rewrite would show
    table_files.write_csv(frame.copy(), "t")
    assert os.stat(path).st_mtime == 1
    table_files.write_csv(frame.assign(value=2.5), "t")
    assert os.stat(path).st_mtime != 1
    assert pd.read_csv(path)["value"].tolist() == [2.5]


def test_show_table_refuses_an_unregistered_csv_name(tmp_path, monkeypatch):
    monkeypatch.setenv("TABLES_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="not registered"):
        tables.show_table(pd.DataFrame({"a": [1]}), "Caption.", "tbl-x", "no_such_table")
    assert not list(tmp_path.iterdir())


def test_show_table_caption_carries_source_and_csv_link(tmp_path, monkeypatch):
    monkeypatch.setenv("TABLES_DIR", str(tmp_path))
    shown = tables.show_table(pd.DataFrame({"a": [1]}), "Study districts.", "tbl-x", "study_districts")
    first_line = shown.data.splitlines()[0]
    assert first_line.startswith(":::{table} Study districts. Source: ")
    assert "{download}`CSV </_build/tables/study_districts.csv>`" in first_line
    assert (tmp_path / "study_districts.csv").is_file()


def test_a_missing_number_shows_a_dash_and_a_group_heading_row_stays_blank():
    import numpy as np

    frame = pd.DataFrame({"District": ["**Tees Valley**", "Darlington", "Hartlepool"],
                          "Level 4+ (%)": [np.nan, 27.1, np.nan], "Jobs": [np.nan, 10.0, 12.0]})
    rows = tables.markdown_table(frame).splitlines()[2:]
    assert rows == ["| **Tees Valley** |  |  |", "| Darlington | 27.1 | 10.0 |", "| Hartlepool | – | 12.0 |"]


def test_publish_csv_writes_the_registered_tables_own_csv(tmp_path, monkeypatch):
    """The CSV text kept once per build (registry.registered_csv) is the table's csv_text."""
    from placeblind.publishing import registry

    monkeypatch.setenv("TABLES_DIR", str(tmp_path))
    tables.publish_csv("study_districts")
    expected = table_files.csv_text(registry.registered_table("study_districts"))
    assert (tmp_path / "study_districts.csv").read_text(encoding="utf-8") == expected
    assert registry.registered_csv("study_districts") == expected
    with pytest.raises(ValueError, match="not registered"):
        tables.publish_csv("no_such_table")
