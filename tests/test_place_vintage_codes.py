"""The key quantities' district vintages carry the code year the vintage registry
(placeblind.analysis.vintages) serves, for a bundled and a fetched year alike:
no fallback to the lookup's year (2025) for a year outside the hand-written
SOURCE_CODE_YEARS."""

from __future__ import annotations

import pytest

from placeblind.analysis import places, vintages
from placeblind.data.bres import COUNTS, DistrictVintage
from placeblind.data.nomis import FETCHED_CODE_YEAR


def _with(monkeypatch, *extra: DistrictVintage):
    registry = vintages.district_vintages()
    monkeypatch.setattr(vintages, "district_vintages",
                        lambda: dict(sorted({**registry, **{v.year: v for v in extra}}.items())))


def test_the_bundled_vintages_code_years():
    rows = places.district_vintage_rows(2017, 2019)
    assert [(q, v, y) for q, v, y, _ in rows] == [("district_vintage_earliest", 2017, 2016),
                                                  ("district_vintage_newest", 2019, 2021)]


def test_a_year_on_2023_codes_is_served_its_own_code_year(monkeypatch):
    """A vintage on 2023 codes that SOURCE_CODE_YEARS does not list: 2023, where
    the fallback gave the lookup's 2025."""
    _with(monkeypatch, DistrictVintage(2023, COUNTS, "employees", 2023, "BRES 2023, test", fetched_file="t.csv"))
    newest = places.district_vintage_rows(2017, 2023)[1]
    assert newest[:3] == ("district_vintage_newest", 2023, 2023)
    assert places.LOOKUP_YEAR != 2023


def test_a_fetched_year_is_served_the_registry_s_code_year(monkeypatch):
    from placeblind.data import nomis

    monkeypatch.setattr(nomis, "fetched_bres_vintages", lambda: {2024: ("bres_2024.csv", "employees")})
    monkeypatch.setattr(vintages, "fetched_district_vintages", nomis.fetched_district_vintages)
    # The query asks for Nomis's districts "as of April 2023" (TYPE424): Barnsley and
    # Sheffield come on their pre-2025 codes, so the year is labelled 2023, not 2025.
    assert places.district_vintage_rows(2017, 2024)[1][2] == FETCHED_CODE_YEAR == 2023


def test_a_year_the_registry_lacks_is_an_error_naming_it():
    with pytest.raises(ValueError, match="2031"):
        places.district_vintage_rows(2017, 2031)


def test_the_key_quantities_use_the_registry_rows():
    table = places.key_quantities().set_index("quantity")
    for quantity, value, code_year, _ in places.district_vintage_rows(*places.place_vintages()):
        assert (table.loc[quantity, "value"], table.loc[quantity, "code_year"]) == (value, code_year)
