"""``check-official``: the bundled copies against official responses served by a
stand-in Nomis API on 127.0.0.1, made from the bundle itself (so the expected
difference is none) and then altered in one known cell."""

from __future__ import annotations

import pandas as pd
import pytest
from nomis_standin import NOMIS_GROUP_LABELS, csv_bytes, serving

from placeblind.__main__ import main
from placeblind.data import official
from placeblind.data.bres import district_division_employment, district_shares_2019
from placeblind.data.census import QUALIFICATIONS
from placeblind.data.district_codes import code_in
from placeblind.data.readers import read_catalogued_csv
from placeblind.data.sectors import BROAD_GROUPS
from placeblind.errors import DataError

CELL_NAMES = {0: "All categories: Highest level of qualification", 1: "No qualifications",
              2: "Highest level of qualification: Level 1 qualifications",
              3: "Highest level of qualification: Level 2 qualifications",
              4: "Highest level of qualification: Apprenticeship",
              5: "Highest level of qualification: Level 3 qualifications",
              6: "Highest level of qualification: Level 4 qualifications and above",
              7: "Highest level of qualification: Other qualifications"}


def census_response() -> pd.DataFrame:
    """QS501EW as Nomis lays it out, from the seven bundled files (England and Wales as K04000001)."""
    frames = []
    for number in range(1, 8):
        frame = read_catalogued_csv(f"census2011_qs501_{number:03d}", ["GEOGRAPHY_CODE", "TOTAL", "COUNT"])
        codes = frame["GEOGRAPHY_CODE"].replace({"EW": "K04000001"})
        if number == 1:
            frames.append(pd.DataFrame({"GEOGRAPHY_CODE": codes, "CELL_NAME": CELL_NAMES[0],
                                        "OBS_VALUE": frame["TOTAL"]}))
        frames.append(pd.DataFrame({"GEOGRAPHY_CODE": codes, "CELL_NAME": CELL_NAMES[number],
                                    "OBS_VALUE": frame["COUNT"]}))
    out = pd.concat(frames, ignore_index=True)
    return out.assign(GEOGRAPHY_NAME="", RURAL_URBAN_NAME="Total")


def bres_divisions_response() -> pd.DataFrame:
    """BRES 2015-2017 by division as Nomis serves it today: districts of April 2023 (merged districts summed)."""
    cells = district_division_employment()
    cells = cells.assign(code=cells["code"].map(lambda c: code_in(c, 2023)))
    summed = cells.groupby(["year", "code", "division"], as_index=False)["employment"].sum()
    return pd.DataFrame({"DATE_NAME": summed["year"].astype(str), "GEOGRAPHY_CODE": summed["code"],
                         "GEOGRAPHY_NAME": "", "INDUSTRY_NAME": summed["division"].map(lambda d: f"{d:02d} : SIC {d}"),
                         "OBS_VALUE": summed["employment"].astype(str)})


def bres_2019_response() -> pd.DataFrame:
    shares = district_shares_2019()
    labels = dict(zip(BROAD_GROUPS, NOMIS_GROUP_LABELS))
    return pd.DataFrame({"geography_code": shares["code"], "geography_name": shares["name"],
                         "industry_name": shares["sector"].astype(str).map(labels),
                         "obs_value": shares["share_pct"].map(lambda x: f"{x:.1f}")})


@pytest.fixture
def api(monkeypatch):
    with serving() as state:
        monkeypatch.setenv("NOMIS_API", state.root)
        census, divisions, shares = (csv_bytes(f()) for f in (census_response, bres_divisions_response,
                                                             bres_2019_response))
        state.responses["NM_554_1"] = census
        state.responses["NM_189_1"] = lambda query: divisions if query["date"] == ["2015,2016,2017"] else shares
        yield state


def test_the_catalogue_records_each_official_query(monkeypatch):
    monkeypatch.delenv("NOMIS_API", raising=False)
    ids = official.checkable_ids()
    assert {"bres_lad_2015_2017_div", "bres_lad_2019_broad_pct"} <= set(ids)
    assert {f"census2011_qs501_{k:03d}" for k in range(1, 8)} <= set(ids)
    for file_id in ids:
        assert official.official_query(file_id).startswith("https://www.nomisweb.co.uk/api/v01/dataset/NM_")
    assert official.official_query("is8_definitions") is None


def test_bundled_copies_match_their_official_equivalents(api):
    summary, differences = official.check_official()
    assert differences.empty, differences.head()
    assert (summary["differences"] == 0).all()
    # Every census file holds 337 areas: 337 totals and 337 counts each.
    census = summary[summary["id"].str.startswith("census")]
    assert (census["cells"] == 2 * 337).all()
    # BRES: 3 years x 87 divisions x the 380 districts of 2016 carried to the 350 of 2023.
    districts_2023 = {code_in(c, 2023) for c in district_division_employment()["code"]}
    assert len(districts_2023) == 350
    assert summary.set_index("id").loc["bres_lad_2015_2017_div", "cells"] == 3 * 87 * 350
    # Seven census files, one query: sent once. BRES 2015-2017: 91,350 rows, four pages of at most 25,000.
    assert len([r for r in api.requests if "NM_554_1" in r]) == 1
    divisions = [r for r in api.requests if "date=2015,2016,2017" in r]
    assert [r.partition("RecordOffset=")[2] for r in divisions] == ["", "25000", "50000", "75000"]


def test_a_changed_official_cell_is_reported(api, capsys):
    census = census_response()
    hit = (census["GEOGRAPHY_CODE"] == "E07000008") & (census["CELL_NAME"] == CELL_NAMES[6])
    census.loc[hit, "OBS_VALUE"] = "50170"  # Cambridge Level 4+: 50,169 in the bundle
    api.responses["NM_554_1"] = csv_bytes(census)
    summary, differences = official.check_official(["census2011_qs501_006", "census2011_qs501_001"])
    assert differences[["id", "key", "bundled", "official", "note"]].values.tolist() == [
        ["census2011_qs501_006", "E07000008 / COUNT", 50169.0, 50170.0, "value differs"]]
    assert main(["placeblind", "check-official", "census2011_qs501_006"]) == 1
    out = capsys.readouterr().out
    assert "census2011_qs501_006: 674 cells, 1 differ" in out and "E07000008 / COUNT" in out


def test_a_district_only_one_side_has_is_reported(api):
    census = census_response()
    api.responses["NM_554_1"] = csv_bytes(census[census["GEOGRAPHY_CODE"] != "E08000028"])  # Sandwell
    _, differences = official.check_official(["census2011_qs501_001"])
    assert set(differences["note"]) == {"only in the bundled copy"}
    assert sorted(differences["key"]) == ["E08000028 / COUNT", "E08000028 / TOTAL"]


def test_merged_districts_differ_only_by_rounding(api):
    response = bres_divisions_response()
    bucks = (response["GEOGRAPHY_CODE"] == "E06000060") & (response["INDUSTRY_NAME"] == "62 : SIC 62") & \
        (response["DATE_NAME"] == "2017")
    response.loc[bucks, "OBS_VALUE"] = (response.loc[bucks, "OBS_VALUE"].astype(int) + 100).astype(str)
    divisions = csv_bytes(response)
    api.responses["NM_189_1"] = lambda query: divisions
    summary, differences = official.check_official(["bres_lad_2015_2017_div"])
    assert differences["note"].tolist() == ["rounding"] and differences["key"].tolist() == ["2017 / E06000060 / 62"]
    assert main(["placeblind", "check-official", "bres_lad_2015_2017_div"]) == 0  # rounding alone is no failure


def test_unknown_id_and_bad_official_response(api, capsys):
    with pytest.raises(ValueError, match="no official query recorded for \\['is8_definitions'\\]"):
        official.check_official(["is8_definitions"])
    assert main(["placeblind", "check-official", "nonsense"]) == 1
    api.responses["NM_554_1"] = csv_bytes(census_response().drop(columns="CELL_NAME"))
    with pytest.raises(DataError, match=r"missing column\(s\) \['CELL_NAME'\]"):
        official.check_official(["census2011_qs501_001"])
    api.misbehave = "html"
    with pytest.raises(DataError, match="HTML"):
        official.check_official(["census2011_qs501_001"])


def test_every_qualification_cell_is_named():
    # The phrases map each of Nomis's cell names to one QS501EW file (or the total).
    for number, name in CELL_NAMES.items():
        matched = next(k for phrase, k in official.CELL_PHRASES if phrase in name.lower())
        expected = "total" if number == 0 else next(k for k, v in QUALIFICATIONS.items() if v[1] == number)
        assert matched == expected
