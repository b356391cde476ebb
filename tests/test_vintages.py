"""The vintage registry (issue 16 item 5): every BRES district vintage, bundled
or fetched, is one :class:`DistrictVintage` entry, and the analysis serves each
kind through the same functions, whatever its year or origin."""

from __future__ import annotations

import csv
import dataclasses
import hashlib

import numpy as np
import pandas as pd
import pytest
from conftest import clear_caches
from nomis_standin import broad_group_rows, csv_bytes

from placeblind import config
from placeblind.analysis import education_fits, sector_measures, shares_2019, vintages
from placeblind.analysis.vintages import COUNTS, SHARES, DistrictVintage
from placeblind.data import bres, nomis
from placeblind.errors import DataError
from placeblind.data.sectors import BROAD_GROUPS

# Years no file holds, for entries added by the tests.
NEW_COUNTS, NEW_SHARES, UNKNOWN = 2031, 2018, 2042


def relabelled_counts(vintage: DistrictVintage) -> pd.DataFrame:
    """The bundle's 2017 counts, as a new file would give them."""
    return vintages.read_vintage(bres.DISTRICT_VINTAGES[2017])


def relabelled_shares(vintage: DistrictVintage) -> pd.DataFrame:
    """The bundle's 2019 shares, as a new file would give them."""
    return vintages.read_vintage(bres.DISTRICT_VINTAGES[2019])


@pytest.fixture
def registry(monkeypatch):
    """The registry with one new entry of each kind (the 2018 shares entry is read
    against BRES by section of 2018, which the bundle holds)."""
    added = {
        NEW_COUNTS: DistrictVintage(NEW_COUNTS, COUNTS, "employment", 2016, f"BRES {NEW_COUNTS}, a test copy",
                                    file_id="bres_lad_2015_2017_div", reader=relabelled_counts),
        NEW_SHARES: DistrictVintage(NEW_SHARES, SHARES, "employees", 2021, f"BRES {NEW_SHARES}, a test copy",
                                    file_id="bres_lad_2019_broad_pct", reader=relabelled_shares),
    }
    monkeypatch.setattr(vintages, "DISTRICT_VINTAGES", {**bres.DISTRICT_VINTAGES, **added})
    clear_caches()
    yield added
    clear_caches()


def test_the_bundle_registers_each_vintage_once_with_its_kind():
    assert vintages.available_vintages() == bres.BUNDLED_VINTAGES
    assert {2017: COUNTS, 2019: SHARES}.items() <= {v: vintages.district_vintage(v).kind
                                                     for v in bres.BUNDLED_VINTAGES}.items()
    assert vintages.MEAN_OF == (2017, 2019)  # the bundled years either side of the paper's 2018
    assert vintages.MEAN_VINTAGE == "the 2017-2019 mean"


def test_a_new_entry_of_either_kind_is_served_by_the_same_functions(registry):
    assert vintages.available_vintages() == tuple(sorted((*bres.BUNDLED_VINTAGES, NEW_SHARES, NEW_COUNTS)))
    # Counts: the same numbers as 2017's, through the same path.
    first, new = (sector_measures.study_measures(v) for v in (2017, NEW_COUNTS))
    columns = ["code", "sector", "share_pct", "reference_share_pct", "lq"]
    pd.testing.assert_frame_equal(first[columns], new[columns])
    assert set(new["vintage"]) == {NEW_COUNTS}
    pd.testing.assert_series_equal(vintages.reference_counts(NEW_COUNTS, "England"),
                                   vintages.reference_counts(2017, "England"))
    # Shares: 2019's shares, each LQ the share over 2018's reference share.
    shares_19, shares_new = (sector_measures.study_measures(v) for v in (2019, NEW_SHARES))
    pd.testing.assert_series_equal(shares_19["share_pct"], shares_new["share_pct"])
    reference = sector_measures.reference_shares(NEW_SHARES)
    assert not np.allclose(reference.to_numpy(), sector_measures.reference_shares(2019).to_numpy())
    expected = shares_new["share_pct"] / shares_new["sector"].astype(str).map(reference)
    np.testing.assert_allclose(shares_new["lq"].to_numpy(float), expected.to_numpy(float), rtol=1e-12)
    # Every table that loops over vintages picks both up.
    every = {*bres.BUNDLED_VINTAGES, NEW_SHARES, NEW_COUNTS}
    assert set(sector_measures.sector_shares()["vintage"]) == every
    assert set(sector_measures.england_base_effect()["vintage"]) == every
    joined, report = education_fits.ew_districts(NEW_COUNTS)
    assert report["n_joined"] == education_fits.ew_districts(2017)[1]["n_joined"]
    assert vintages.vintage_label(NEW_SHARES) == f"BRES {NEW_SHARES}, a test copy"


def test_a_kind_is_served_only_by_its_own_path(registry):
    with pytest.raises(ValueError, match=f"BRES {NEW_SHARES} publishes shares, not counts"):
        vintages.district_counts(NEW_SHARES)
    with pytest.raises(ValueError, match=f"BRES {NEW_COUNTS} publishes counts, not shares"):
        shares_2019.district_shares(NEW_COUNTS)
    with pytest.raises(ValueError, match="publishes shares, not counts"):
        vintages.pooled_lq(2019, "Retail")


@pytest.mark.parametrize("call", [
    vintages.district_vintage,
    vintages.vintage_label,
    vintages.district_counts,
    lambda year: vintages.reference_counts(year, "GB"),
    sector_measures.study_measures,
    sector_measures.reference_shares,
    education_fits.ew_districts,
])
def test_an_unknown_vintage_is_an_error_naming_it(call):
    with pytest.raises(ValueError, match=str(UNKNOWN)) as excinfo:
        call(UNKNOWN)
    assert "2017" in str(excinfo.value) and "2019" in str(excinfo.value)  # and the vintages there are


def test_other_years_of_a_file_are_served_not_listed():
    entry = vintages.district_vintage(2015)
    assert (entry.year, entry.kind, entry.other_years) == (2015, COUNTS, ())
    assert entry.label == "BRES 2015, employment (employees and working owners)"
    assert 2015 not in vintages.available_vintages()
    assert set(vintages.district_counts(2015)["sector"].astype(str)) == set(BROAD_GROUPS)
    with pytest.raises(ValueError, match="2014"):
        vintages.district_vintage(2017).at(2014)


def test_a_bad_entry_is_refused():
    entry = bres.DISTRICT_VINTAGES[2017]
    with pytest.raises(ValueError, match="kind must be"):
        dataclasses.replace(entry, kind="percentages")
    with pytest.raises(ValueError, match="either a catalogued file_id or a fetched_file"):
        dataclasses.replace(entry, fetched_file="bres_2017_lad_broadgroups_employment.csv")
    with pytest.raises(ValueError, match="a shares file needs its reader"):
        dataclasses.replace(bres.DISTRICT_VINTAGES[2019], reader=None)


def test_reference_counts_use_a_published_total_when_the_file_has_one():
    # The bundled 2017 file has no Great Britain row: its GB reference is the sum of its districts.
    counts = vintages.district_counts(2017)
    summed = counts.groupby("sector", observed=True)["count"].sum()
    summed.index = summed.index.astype(str)
    pd.testing.assert_series_equal(vintages.reference_counts(2017, "GB"), summed, check_names=False)


def test_a_bundled_file_in_the_fetch_layout_is_served_as_a_fetched_one(bundle, monkeypatch, tmp_path):
    """A new bundled year in the layout ``fetch`` writes needs its file, its
    catalogue row and its entry, no reader; it is read, checked and served as a
    fetched year is (here both are the stand-in's copy of the bundle's 2017)."""
    bundled, fetched_year = 2020, 2022
    body = csv_bytes(broad_group_rows(bundled))
    (bundle.root / "bres" / "bres2020_test.csv").write_bytes(body)
    with open(config.CATALOGUE_PATH, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    row = {**rows[0], "id": "bres_lad_2020_test", "path": "bres/bres2020_test.csv",
           "data_rows": str(len(body.splitlines()) - 1), "sha256": hashlib.sha256(body).hexdigest(),
           "original_sha256": hashlib.sha256(body).hexdigest()}
    catalogue_copy = tmp_path / "catalogue.csv"
    with open(catalogue_copy, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows([*rows, row])
    monkeypatch.setattr(config, "CATALOGUE_PATH", catalogue_copy)
    entry = DistrictVintage(bundled, COUNTS, "employment", 2023, "BRES 2020, a test copy", file_id=row["id"])
    monkeypatch.setattr(vintages, "DISTRICT_VINTAGES", {**bres.DISTRICT_VINTAGES, bundled: entry})
    saved = tmp_path / "saved.csv"
    saved.write_bytes(csv_bytes(broad_group_rows(fetched_year)))
    nomis.fetch_bres_districts(fetched_year, from_file=str(saved))

    assert vintages.available_vintages() == tuple(sorted((*bres.BUNDLED_VINTAGES, bundled, fetched_year)))
    assert vintages.fetched_vintages() == (fetched_year,)
    served = {v: vintages.district_vintage(v) for v in (bundled, fetched_year)}
    assert {v.reader for v in served.values()} == {None}  # one reader, the fetch layout's
    assert served[bundled].path == "bres/bres2020_test.csv"
    assert served[fetched_year].path == "nomis/bres_2022_lad_broadgroups_employment.csv"
    columns = ["code", "sector", "share_pct", "reference_share_pct", "lq"]
    first, new, fetched_one = (sector_measures.study_measures(v)[columns] for v in (2017, bundled, fetched_year))
    pd.testing.assert_frame_equal(new, first)
    pd.testing.assert_frame_equal(fetched_one, first)
    assert vintages.pooled_lq(bundled, "Retail") == pytest.approx(vintages.pooled_lq(2017, "Retail"), rel=1e-12)
    # A changed bundled file is caught by the catalogue, as a changed fetched file by its record.
    (bundle.root / "bres" / "bres2020_test.csv").write_bytes(body + b"\n")
    with pytest.raises(DataError, match="bres2020_test.csv"):
        vintages.district_counts(bundled)
