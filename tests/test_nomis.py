"""Fetching BRES from the Nomis API, against a stand-in on 127.0.0.1 (no test
touches the internet): the query, paging, every bad response, an interrupted
download, the record and its verification, and the fetched vintage in the
book's tables."""

from __future__ import annotations

import hashlib
import math
import socket
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
from nomis_standin import broad_group_rows, csv_bytes, serving

from placeblind.__main__ import main
from placeblind.analysis import education_fits, vintages
from placeblind.data import fetched, nomis
from placeblind.data.geography import GREAT_BRITAIN
from placeblind.errors import DataError, DataWarning

YEAR = 2018
NAME = "bres_2018_lad_broadgroups_employment.csv"


@pytest.fixture(scope="module")
def good_rows():
    """The bundle's 2017 district employment as Nomis would serve it for 'YEAR'."""
    return broad_group_rows(YEAR)


@pytest.fixture
def api(bundle, monkeypatch):
    """A running stand-in serving ``good_rows``, with NOMIS_API pointing at it."""
    with serving() as state:
        monkeypatch.setenv("NOMIS_API", state.root)
        yield state


def serve(api, rows: pd.DataFrame) -> bytes:
    api.responses["NM_189_1"] = body = csv_bytes(rows)
    return body


def nomis_folder_listing(bundle) -> list[str]:
    folder = bundle.root / "nomis"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_query_is_the_documented_one(monkeypatch):
    monkeypatch.delenv("NOMIS_API", raising=False)
    query = nomis.bres_districts_query(2018)
    assert query.startswith("https://www.nomisweb.co.uk/api/v01/dataset/NM_189_1.data.csv?")
    for part in ("geography=2092957698,TYPE424", "date=2018", "industry=163577857...163577874",
                 "employment_status=4", "measure=1", "measures=20100"):
        assert part in query.split("?", 1)[1].split("&") or part in query
    assert "employment_status=1" in nomis.bres_districts_query(2018, "employees")
    monkeypatch.setenv("NOMIS_API", "http://mirror.example/api/v01/")
    assert nomis.bres_districts_query(2024).startswith("http://mirror.example/api/v01/dataset/NM_189_1")
    for bad_year in (2014, datetime.now(timezone.utc).year + 1):
        with pytest.raises(ValueError, match="2015 onwards"):
            nomis.bres_districts_query(bad_year)
    with pytest.raises(ValueError, match="status"):
        nomis.bres_districts_query(2018, "jobs")


def test_good_fetch_writes_the_response_unmodified_and_records_it(api, bundle, good_rows):
    body = serve(api, good_rows)
    before = datetime.now(timezone.utc).replace(microsecond=0)
    record = nomis.fetch_bres_districts(YEAR)
    assert len(api.requests) == 1  # 6,318 rows: under the row limit, one request
    path = bundle.root / "nomis" / NAME
    assert path.read_bytes() == body
    assert nomis_folder_listing(bundle) == ["FETCHED.csv", NAME]  # no temporary file left
    recorded = fetched.records()[NAME]
    assert recorded == record
    assert recorded.query == nomis.bres_districts_query(YEAR)
    assert recorded.sha256 == hashlib.sha256(body).hexdigest()
    assert recorded.data_rows == len(good_rows) == 18 * good_rows["GEOGRAPHY_CODE"].nunique()
    retrieved = datetime.strptime(recorded.retrieved_utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert before <= retrieved <= datetime.now(timezone.utc) + timedelta(seconds=1)
    # Read back: verified, the Great Britain row and every district with 18 groups.
    counts = nomis.fetched_district_counts(YEAR)
    assert set(counts["measure"]) == {"employment"} and len(counts) == len(good_rows)
    gb = counts[counts["code"] == GREAT_BRITAIN]
    assert gb["count"].sum() == counts.loc[counts["code"] != GREAT_BRITAIN, "count"].sum()


def test_a_second_fetch_replaces_its_record_and_keeps_others(api, bundle, good_rows):
    serve(api, good_rows)
    nomis.fetch_bres_districts(YEAR)
    serve(api, broad_group_rows(YEAR, "employees"))
    nomis.fetch_bres_districts(YEAR, "employees")
    serve(api, good_rows)
    nomis.fetch_bres_districts(YEAR)
    assert sorted(fetched.records()) == [NAME, "bres_2018_lad_broadgroups_employees.csv"][::-1]
    assert nomis.fetched_bres_vintages() == {YEAR: (NAME, "employment")}  # employment preferred


@pytest.mark.parametrize("limit", [1000, 3159])  # 6,318 rows: 7 pages; or exactly 2 full pages and an empty one
def test_paging_with_record_offset(api, bundle, good_rows, monkeypatch, limit):
    body = serve(api, good_rows)
    api.row_limit = limit
    monkeypatch.setenv("NOMIS_ROW_LIMIT", str(limit))
    nomis.fetch_bres_districts(YEAR)
    pages = math.floor(len(good_rows) / limit) + 1
    assert len(api.requests) == pages
    assert "RecordOffset" not in api.requests[0]
    assert [r.rsplit("RecordOffset=", 1)[1] for r in api.requests[1:]] == [str(limit * i) for i in range(1, pages)]
    assert (bundle.root / "nomis" / NAME).read_bytes() == body  # pages joined under one header


def _drop_district(rows):
    return rows[rows["GEOGRAPHY_CODE"] != "E08000025"]  # Birmingham


def _unknown_code(rows):
    return rows.replace({"GEOGRAPHY_CODE": {"E08000025": "E08999999"}})


def _duplicate(rows):
    return pd.concat([rows, rows.iloc[[40]]], ignore_index=True)


def _no_total(rows):
    return rows[rows["GEOGRAPHY_CODE"] != GREAT_BRITAIN]


def _missing_group(rows):
    return rows.drop(index=rows.index[(rows["GEOGRAPHY_CODE"] == "E07000008")][:1])


def _negative(rows):
    return rows.assign(OBS_VALUE=rows["OBS_VALUE"].where(rows.index != 50, "-5"))


def _text_value(rows):
    return rows.assign(OBS_VALUE=rows["OBS_VALUE"].where(rows.index != 50, "x"))


def _no_column(rows):
    return rows.drop(columns="INDUSTRY_NAME")


def _other_year(rows):
    return rows.assign(DATE_NAME="2017")


def _other_status(rows):
    return rows.assign(EMPLOYMENT_STATUS_NAME="Employees")


def _unknown_group(rows):
    return rows.replace({"INDUSTRY_NAME": {rows["INDUSTRY_NAME"].iloc[0]: "19 : Something else"}})


def _with_own_parts(rows):
    parts = rows[rows["GEOGRAPHY_CODE"] == "E06000065"].assign(GEOGRAPHY_CODE="E07000163")  # Craven, in N Yorks
    return pd.concat([rows, parts], ignore_index=True)


BAD_CONTENT = {
    "missing district": (_drop_district, r"district\(s\) missing: \['E08000025'\]"),
    "unknown code": (_unknown_code, r"unknown district code\(s\) \['E08999999'\]"),
    "duplicate": (_duplicate, "duplicated row for"),
    "no GB total": (_no_total, "no Great Britain total"),
    "missing group": (_missing_group, r"without all 18 broad groups: \['E07000008'\]"),
    "negative": (_negative, "negative value '-5'"),
    "not a number": (_text_value, "non-numeric value 'x'"),
    "missing column": (_no_column, r"missing column\(s\) \['INDUSTRY_NAME'\]"),
    "other year": (_other_year, r"DATE_NAME is \['2017'\], expected '2018'"),
    "other status": (_other_status, "EMPLOYMENT_STATUS_NAME is"),
    "unknown group": (_unknown_group, "not one of the 18"),
    "district with its own parts": (_with_own_parts, "listed together with its own part"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONTENT))
def test_a_bad_response_stops_and_leaves_the_earlier_file(api, bundle, good_rows, case):
    good = serve(api, good_rows)
    nomis.fetch_bres_districts(YEAR)
    record_before = (bundle.root / "nomis" / "FETCHED.csv").read_bytes()
    alter, message = BAD_CONTENT[case]
    serve(api, alter(good_rows.copy()))
    with pytest.raises(DataError, match=message) as excinfo:
        nomis.fetch_bres_districts(YEAR)
    assert excinfo.value.file == nomis.bres_districts_query(YEAR)  # the error names the query
    assert "\n" not in str(excinfo.value)
    assert (bundle.root / "nomis" / NAME).read_bytes() == good
    assert (bundle.root / "nomis" / "FETCHED.csv").read_bytes() == record_before
    assert nomis_folder_listing(bundle) == ["FETCHED.csv", NAME]


@pytest.mark.parametrize("misbehave, message", [
    ("http500", "HTTP 500"),
    ("html", "HTML or XML page, not CSV"),
    ("empty", "empty response"),
    ("cut", r"cut off after \d+ bytes \(truncated"),
])
def test_a_failed_or_interrupted_download_writes_nothing(api, bundle, good_rows, misbehave, message):
    good = serve(api, good_rows)
    nomis.fetch_bres_districts(YEAR)
    api.misbehave = misbehave
    with pytest.raises(DataError, match=message) as excinfo:
        nomis.fetch_bres_districts(YEAR)
    assert excinfo.value.file == nomis.bres_districts_query(YEAR)
    assert (bundle.root / "nomis" / NAME).read_bytes() == good
    assert nomis_folder_listing(bundle) == ["FETCHED.csv", NAME]


def test_a_body_without_its_last_line_end_is_truncated(api, bundle, good_rows):
    api.responses["NM_189_1"] = csv_bytes(good_rows)[:-7]
    with pytest.raises(DataError, match="does not end with a complete line"):
        nomis.fetch_bres_districts(YEAR)
    assert nomis_folder_listing(bundle) == []


def test_no_network_says_so_and_how_to_supply_the_file(bundle, monkeypatch, tmp_path, good_rows, capsys):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    monkeypatch.setenv("NOMIS_API", f"http://127.0.0.1:{closed}/api/v01")
    assert main(["placeblind", "fetch", "bres-districts", "--year", str(YEAR)]) == 1
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert "cannot reach the Nomis API" in error and "no network" in error and "--from-file" in error
    assert nomis.bres_districts_query(YEAR) in error
    # Supplied by hand: the same checks and the same record.
    saved = tmp_path / "saved.csv"
    saved.write_bytes(csv_bytes(good_rows))
    assert main(["placeblind", "fetch", "bres-districts", "--year", str(YEAR), "--from-file", str(saved)]) == 0
    assert fetched.records()[NAME].sha256 == hashlib.sha256(saved.read_bytes()).hexdigest()
    assert fetched.records()[NAME].query == nomis.bres_districts_query(YEAR)


def test_a_changed_fetched_file_strict_and_warn(api, bundle, good_rows):
    serve(api, good_rows)
    nomis.fetch_bres_districts(YEAR)
    path = bundle.root / "nomis" / NAME
    path.write_bytes(path.read_bytes() + b"\n")  # same table, other bytes
    with pytest.raises(DataError, match="sha256 is .* records .*DATA_VERIFY=warn") as excinfo:
        nomis.fetched_district_counts(YEAR)
    assert excinfo.value.file == f"nomis/{NAME}"
    bundle.warn_mode()
    with pytest.warns(DataWarning, match=f"nomis/{NAME}"):
        counts = nomis.fetched_district_counts(YEAR)
    assert len(counts) == len(good_rows)
    # warn lets a checksum through, never a broken table
    path.write_bytes(csv_bytes(_drop_district(good_rows)))
    with pytest.warns(DataWarning), pytest.raises(DataError, match="missing"):
        nomis.fetched_district_counts(YEAR)


def test_a_recorded_file_that_is_gone_is_an_error(api, bundle, good_rows):
    serve(api, good_rows)
    nomis.fetch_bres_districts(YEAR)
    (bundle.root / "nomis" / NAME).unlink()
    with pytest.raises(DataError, match="missing from"):
        nomis.fetched_district_counts(YEAR)


def test_the_fetched_vintage_joins_the_tables(api, bundle, good_rows):
    from placeblind.publishing.registry import TABLES

    assert vintages.available_vintages() == (2017, 2019)
    without = {name: TABLES[name]() for name in ("sector_shares", "location_quotients", "education_sector_fit")}
    serve(api, good_rows)
    nomis.fetch_bres_districts(YEAR)
    assert vintages.available_vintages() == (2017, 2018, 2019)
    for name, before in without.items():
        after = TABLES[name]()
        assert YEAR not in set(before["vintage"])
        assert set(after["vintage"]) == set(before["vintage"]) | {YEAR}  # the fit export also has ITL3's 2023
        # The bundle's vintages are exactly as they were.
        pd.testing.assert_frame_equal(after[after["vintage"] != YEAR].reset_index(drop=True),
                                      before.reset_index(drop=True))
    # The stand-in's 2018 is the bundle's 2017 relabelled, and both references
    # are sums of the same districts: shares and LQs must be 2017's.
    keys = ["code", "sector"]
    lqs = TABLES["location_quotients"]()
    first, fetched_year = (lqs[lqs["vintage"] == v].set_index(keys)["lq"] for v in (2017, YEAR))
    pd.testing.assert_series_equal(first, fetched_year, check_names=False)
    fits = education_fits.education_sector_fits()
    study = fits[fits["sample"] == "study_districts"].set_index(["vintage", "sector", "education"])["r2"]
    pd.testing.assert_series_equal(study.loc[2017], study.loc[YEAR], check_names=False)
    assert vintages.vintage_label(YEAR) == "BRES 2018, employment (employees and working owners), fetched from Nomis"


def test_fetch_command_and_make_target(api, bundle, good_rows, capsys):
    serve(api, good_rows)
    assert main(["placeblind", "fetch", "bres-districts", "--year", str(YEAR)]) == 0
    out = capsys.readouterr().out
    assert nomis.bres_districts_query(YEAR) in out and f"{len(good_rows)} rows" in out
    assert main(["placeblind", "fetch", "bres-districts", "--year", "2010"]) == 1
    assert main(["placeblind", "fetch", "bres-districts"]) == 2  # --year is required
    import subprocess

    from placeblind import config
    dry = subprocess.run(["make", "-n", "fetch", "YEAR=2024", "STATUS=employees"], cwd=config.REPO_ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "-m placeblind fetch bres-districts --year 2024 --status employees" in dry


def test_the_ledger_judges_the_paper_on_its_own_2018(api, bundle, good_rows):
    from placeblind.claims import paper_common
    from placeblind.claims.paper import paper_claims

    assert paper_common.claim_vintages() == (2017, 2019, paper_common.MEAN_VINTAGE)
    before = paper_claims()
    assert not before["reproduced"].str.contains("2018:").any()
    serve(api, good_rows)
    nomis.fetch_bres_districts(YEAR)
    assert paper_common.claim_vintages() == (2018, 2017, 2019, paper_common.MEAN_VINTAGE)
    assert paper_common.deciding_vintage() == 2018
    after = paper_claims()
    judged = after[after["reproduced"].str.startswith("2018: ")]
    assert len(judged) >= 25  # every sector claim read per vintage (P13-P42 but P16)
    for claim in judged.itertuples():
        grade = claim.reason.split("Per vintage: 2018 ", 1)[1].split(";", 1)[0]
        assert claim.verdict == grade, claim.claim_id  # the paper's own year decides
        assert claim.vintage.startswith("BRES 2018, employment"), claim.claim_id
        # 2017 and 2019 are shown as before
        old = before.set_index("claim_id").loc[claim.claim_id, "reproduced"]
        assert claim.reproduced.endswith(old), claim.claim_id
    # Claims that do not read BRES by vintage are unchanged.
    untouched = before[~before["claim_id"].isin(judged["claim_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(after[~after["claim_id"].isin(judged["claim_id"])].reset_index(drop=True), untouched)


def test_readme_shows_the_exact_query(monkeypatch):
    from placeblind import config

    monkeypatch.delenv("NOMIS_API", raising=False)
    readme = (config.REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert nomis.bres_districts_query(2018) in readme
