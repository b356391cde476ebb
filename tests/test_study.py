"""Any place, any vintage: the study parameter, the district code changes and
``python -m placeblind tables`` for any combined authority or list of districts.

Expected values are read here from the raw files with plain pandas (counts
summed by hand over the districts that merged), or are identities that must
hold whatever the data; none is copied from the package's output.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import REAL_DATA_DIR

from placeblind.__main__ import main
from placeblind.analysis import attainment, education_fits, sector_measures
from placeblind.data import district_codes
from placeblind.data.study import StudyError, paper_study, study_from, study_from_authorities, study_from_districts
from placeblind.errors import DataError
from placeblind.publishing import registry
from placeblind.publishing.study_tables import study_tables
from placeblind.publishing.table_files import csv_text, write_tables

QS501 = REAL_DATA_DIR / "census" / "qs501ew_2011_QS501EW00{n}_lad20_ew_rows__jtrim-ons_census-2011-data.csv"
BRES_2017 = REAL_DATA_DIR / "bres" / "bres2015_2017_lad16_sic2digit_employment_nismod_arc.csv"
BRES_2019 = REAL_DATA_DIR / "bres" / "bres2019_lad_broadgroup_employees_pct_rcatlord.csv"
REPO = Path(__file__).resolve().parent.parent
TS067 = REAL_DATA_DIR / "census" / "TS067-2021-1_ltla_ons_custom_download__callumscoby_drugmisusedeaths.csv"
NORTH_YORKSHIRE = "E06000065"
NORTH_YORKSHIRE_2021 = ["E07000163", "E07000164", "E07000165", "E07000166", "E07000167", "E07000168", "E07000169"]
BARNSLEY_2025, BARNSLEY = "E08000038", "E08000016"
RETAIL_DIVISIONS = ("47",)


def raw_census_2011(number: int) -> pd.DataFrame:
    return pd.read_csv(str(QS501).format(n=number)).set_index("GEOGRAPHY_CODE")


def raw_bres_2017() -> pd.DataFrame:
    frame = pd.read_csv(BRES_2017, skiprows=6)
    return frame[frame["timestep"] == 2017].set_index("lad16cd").drop(columns=["timestep", "lad16nm"])


def run_cli(capsys, *args: str) -> subprocess.CompletedProcess:
    """The command line, run in this process (its caches are shared with the other tests)."""
    capsys.readouterr()
    code = main(["placeblind", *args])
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, captured.out, captured.err)



# --- district code changes ---------------------------------------------------

def test_code_in_follows_every_change_up_to_the_year():
    # Taunton Deane became Somerset West and Taunton in 2019, which became Somerset in 2023.
    assert district_codes.code_in("E07000190", 2018) == "E07000190"
    assert district_codes.code_in("E07000190", 2019) == "E07000246"
    assert district_codes.code_in("E07000190", 2023) == "E06000066"
    assert district_codes.code_in(BARNSLEY, 2024) == BARNSLEY and district_codes.code_in(BARNSLEY, 2025) == BARNSLEY_2025
    assert district_codes.code_in("E08000003", 2025) == "E08000003"  # Manchester never changed


def test_predecessors_reach_through_two_changes():
    assert district_codes.predecessors("E06000066") == {
        "E07000187", "E07000188", "E07000189", "E07000246", "E07000190", "E07000191"}
    assert district_codes.predecessors(NORTH_YORKSHIRE) == set(NORTH_YORKSHIRE_2021)


def test_a_source_without_the_district_is_named():
    with pytest.raises(LookupError, match="E06000060"):
        district_codes.sources_of("E07000004", {"E06000060"})  # Aylesbury Vale merged into Buckinghamshire
    with pytest.raises(LookupError, match="own parts"):
        district_codes.sources_of("E06000066", {"E07000246", "E07000190"})


# --- studies -------------------------------------------------------------------

def test_the_paper_study_is_the_six_authorities():
    study = paper_study()
    assert len(study.codes) == 37
    assert len(set(study.authorities)) == 6


def test_an_unknown_authority_is_named_with_the_nearest_names():
    with pytest.raises(StudyError, match="'Nort East'.*did you mean 'North East'"):
        study_from_authorities(["Nort East"], 2025)


def test_an_authority_is_matched_by_code_and_case():
    by_name = study_from_authorities(["tees valley"], 2025)
    by_code = study_from_authorities(["E47000006"], 2025)
    assert by_name.codes == by_code.codes and len(by_name.codes) == 5


def test_an_unknown_district_code_is_named_with_the_nearest_codes():
    with pytest.raises(StudyError, match="'E0800003'.*did you mean"):
        study_from_districts(["E08000021", "E0800003"])


def test_a_district_with_no_data_in_a_source_stops_with_its_name():
    study = study_from_districts(["E07000004"])  # Aylesbury Vale: merged in 2020, gone from the 2021 Census
    with pytest.raises(DataError, match="Aylesbury Vale.*E06000060"):
        attainment.attainment_table(2021, study)


def test_authorities_and_districts_combine_without_repeats():
    study = study_from(["Tees Valley"], ["E06000001", "E08000021"], 2025)
    assert study.codes.count("E06000001") == 1 and "E08000021" in study.codes


# --- a hand-checked study: Tees Valley, unchanged in every source -----------------

def test_tees_valley_attainment_is_the_raw_census():
    study = study_from_authorities(["Tees Valley"], 2025)
    table = attainment.attainment_table(2011, study).set_index("code")
    none, level4 = raw_census_2011(1), raw_census_2011(6)
    for code in study.codes:
        assert table.loc[code, "all_16plus"] == none.loc[code, "TOTAL"]
        assert table.loc[code, "pct_level4_plus"] == pytest.approx(
            100 * level4.loc[code, "COUNT"] / level4.loc[code, "TOTAL"], rel=1e-12)
    assert "K04000001" in table.index  # the England and Wales row, as in the book's table


def test_tees_valley_retail_lq_is_the_hand_computed_one():
    study = study_from_authorities(["Tees Valley"], 2025)
    measures = sector_measures.study_measures(2017, "GB", study)
    raw = raw_bres_2017()
    retail, total = raw[list(RETAIL_DIVISIONS)].sum(axis=1), raw.sum(axis=1)
    for code in study.codes:
        got = measures[(measures["code"] == code) & (measures["sector"] == "Retail")]["lq"].iloc[0]
        assert got == pytest.approx((retail[code] / total[code]) / (retail.sum() / total.sum()), rel=1e-12)


def test_a_district_has_the_same_numbers_in_every_study_it_is_part_of():
    alone = sector_measures.study_measures(2019, "GB", study_from_authorities(["Tees Valley"], 2025))
    paper = sector_measures.study_measures(2019, "GB")
    together = paper[paper["authority"] == "Tees Valley"]
    order = ["code", "sector"]
    pd.testing.assert_frame_equal(alone.sort_values(order).reset_index(drop=True),
                                  together.sort_values(order).reset_index(drop=True))


# --- a 2023 merger: North Yorkshire ----------------------------------------------------

def test_north_yorkshire_counts_are_the_sums_of_its_former_districts():
    study = study_from_authorities(["York and North Yorkshire"], 2025)
    assert NORTH_YORKSHIRE in study.codes
    census = attainment.census_for_study(2011, study).set_index("code")
    none = raw_census_2011(1)
    assert census.loc[NORTH_YORKSHIRE, "no_qualifications"] == none.loc[NORTH_YORKSHIRE_2021, "COUNT"].sum()
    assert census.loc[NORTH_YORKSHIRE, "all_16plus"] == none.loc[NORTH_YORKSHIRE_2021, "TOTAL"].sum()
    measures = sector_measures.study_measures(2017, "GB", study)
    raw = raw_bres_2017()
    parts = raw.loc[NORTH_YORKSHIRE_2021]
    got = measures[(measures["code"] == NORTH_YORKSHIRE) & (measures["sector"] == "Retail")]["share_pct"].iloc[0]
    assert got == pytest.approx(100 * parts["47"].sum() / parts.sum(axis=1).sum(), rel=1e-12)


def test_counts_are_conserved_when_carried_to_merged_districts():
    study = study_from_authorities(["York and North Yorkshire"], 2025)
    census = attainment.census_for_study(2011, study)
    raw = raw_census_2011(6)
    former = [c for code in study.codes for c in (district_codes.predecessors(code) or {code}) if c in raw.index]
    assert census["level4_plus"].sum() == raw.loc[former, "COUNT"].sum()


def test_north_yorkshire_has_no_2019_share_and_says_why():
    study = study_from_authorities(["York and North Yorkshire"], 2025)
    measures = sector_measures.study_measures(2019, "GB", study)
    assert NORTH_YORKSHIRE not in set(measures["code"]) and "E06000014" in set(measures["code"])
    notes = sector_measures.vintage_exclusions(study)
    assert notes["code"].tolist() == [NORTH_YORKSHIRE]
    assert "cannot be added up" in notes["reason"].iloc[0]


# --- the 2025 recoding: Barnsley and Sheffield ------------------------------------------

def test_barnsley_2025_code_carries_the_old_code_s_data():
    study = study_from_authorities(["South Yorkshire"], 2025)
    assert BARNSLEY_2025 in study.codes and BARNSLEY not in study.codes
    census = attainment.census_for_study(2011, study).set_index("code")
    assert census.loc[BARNSLEY_2025, "all_16plus"] == raw_census_2011(1).loc[BARNSLEY, "TOTAL"]
    published = pd.read_csv(BRES_2019)
    barnsley = published[published["area_code"] == BARNSLEY]
    # the published share, rescaled so Barnsley's 18 add up to 100
    expected = 100 * barnsley.loc[barnsley["group"] == "Retail", "value"].iloc[0] / barnsley["value"].sum()
    measures = sector_measures.study_measures(2019, "GB", study)
    got = measures[(measures["code"] == BARNSLEY_2025) & (measures["sector"] == "Retail")]["share_pct"].iloc[0]
    assert got == pytest.approx(expected, rel=1e-12)


# --- the default study through the general path -----------------------------------------

def test_the_paper_study_through_the_study_path_gives_the_book_s_tables_byte_for_byte():
    tables = study_tables(paper_study())
    for name in ("sector_shares", "location_quotients"):
        assert csv_text(tables[name].drop(columns="authority")) == csv_text(registry.TABLES[name]())
    assert csv_text(tables["attainment_2011"]) == csv_text(registry.TABLES["attainment_2011"]())
    book = registry.TABLES["education_sector_fit"]()
    book = book[book["sample"] == "study_districts"].drop(columns="sample").reset_index(drop=True)
    assert set(book["census"]) == {2011, 2021}
    assert csv_text(tables["education_sector_fit"].drop(columns="sample")) == csv_text(book)


def test_study_fits_need_three_districts():
    small = study_from_districts(["E08000003", "E08000025"])
    assert education_fits.study_fits(small).empty
    tables = study_tables(small)
    assert "no line can be fitted" in " ".join(tables["study_notes"]["note"])


# --- the command line --------------------------------------------------------------------

def test_cli_writes_a_2025_authority_s_tables(tmp_path, capsys):
    result = run_cli(capsys, "tables", "--authority", "North East", "--out", str(tmp_path / "ne"))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "ne").iterdir())
    assert written == sorted(f"{n}.csv" for n in ("study_districts", "attainment_2011", "attainment_2021",
                                                   "sector_shares", "location_quotients", "education_sector_fit",
                                                   "study_notes", "MANIFEST"))
    shares = pd.read_csv(tmp_path / "ne" / "sector_shares.csv")
    assert set(shares["authority"]) == {"North East"}
    assert shares.groupby(["code", "vintage"])["share_pct"].sum().between(94, 106).all()
    fits = pd.read_csv(tmp_path / "ne" / "education_sector_fit.csv")
    assert set(fits["sample"]) == {"selected_districts"} and (fits["n"] == 7).all()


def test_cli_without_a_study_writes_the_book_s_tables(tmp_path, capsys):
    result = run_cli(capsys, "tables", "--out", str(tmp_path / "book"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.stem for p in (tmp_path / "book").iterdir()) == sorted([*registry.TABLES, "MANIFEST"])


@pytest.mark.parametrize("args, message", [
    (("tables", "--authority"), "expected one argument"),
    (("tables", "--bogus"), "unrecognized arguments: --bogus"),
    (("table",), "invalid choice: 'table'"),
    ((), "required"),
    (("tables", "--lookup-year", "2022"), "invalid choice: 2022"),
])
def test_cli_rejects_what_it_does_not_know_with_the_usage(args, message, capsys):
    result = run_cli(capsys, *args)
    assert result.returncode == 2
    assert "usage:" in result.stderr and message in result.stderr


def test_cli_names_an_unknown_authority_in_one_line(tmp_path, capsys):
    result = run_cli(capsys, "tables", "--authority", "Greater Manchster", "--out", str(tmp_path / "x"))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Greater Manchester" in errors[0]
    assert not (tmp_path / "x").exists()


def test_a_failed_run_leaves_no_stale_tables(tmp_path, bundle, capsys):
    out = tmp_path / "ne"
    assert run_cli(capsys, "tables", "--authority", "North East", "--out", str(out)).returncode == 0
    bundle.delete("census2021_ts067")
    result = run_cli(capsys, "tables", "--authority", "North East", "--out", str(out))  # DATA_DIR: the altered bundle
    assert result.returncode == 1 and "TS067" in result.stderr
    assert not list(out.glob("*.csv")), "the earlier run's tables would look current"


def test_write_tables_is_all_or_nothing(tmp_path):
    out = tmp_path / "t"
    write_tables({"a": pd.DataFrame({"x": [1]})}, out)

    class Broken(pd.DataFrame):
        def to_csv(self, *args, **kwargs):
            raise OSError("disk full")

    with pytest.raises(OSError):
        write_tables({"a": pd.DataFrame({"x": [2]}), "b": Broken({"x": [3]})}, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t"]  # no staging folder left behind
    assert (out / "a.csv").read_text() == "x\n1\n" and not (out / "b.csv").exists()


def test_write_tables_keeps_the_time_of_an_unchanged_file(tmp_path):
    out = tmp_path / "t"
    write_tables({"a": pd.DataFrame({"x": [1]}), "b": pd.DataFrame({"x": [1]})}, out)
    os.utime(out / "a.csv", (1_000_000, 1_000_000))
    write_tables({"a": pd.DataFrame({"x": [1]}), "b": pd.DataFrame({"x": [2]})}, out)
    assert (out / "a.csv").stat().st_mtime == 1_000_000 and (out / "b.csv").read_text() == "x\n2\n"


def test_write_tables_refuses_a_folder_it_does_not_own(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="other than tables"):
        write_tables({"a": pd.DataFrame({"x": [1]})}, tmp_path)


def test_every_2025_authority_gets_complete_tables():
    """All fifteen authorities of May 2025 at once: every district has both
    censuses, 2017 shares that sum to 100, and a 2019 share unless it is a merger
    of 2021 districts (then a note says so)."""
    lookup = pd.read_csv(REAL_DATA_DIR / "reference" / "LAD25_CAUTH25_EN_lookup_May2025.csv", encoding="utf-8-sig")
    study = study_from(sorted(set(lookup["CAUTH25NM"])), None, 2025)
    assert len(study.codes) == len(lookup) and len(set(study.authorities)) == 15
    tables = study_tables(study)
    for year in ("attainment_2011", "attainment_2021"):
        assert set(tables[year]["code"]) == set(study.codes) | {"K04000001"}
        assert tables[year]["all_16plus"].gt(0).all()
    shares = tables["sector_shares"]
    totals = shares[shares["vintage"] == 2017].groupby("code")["share_pct"].sum()
    assert set(totals.index) == set(study.codes) and totals.sub(100).abs().max() < 1e-9
    missing_2019 = set(study.codes) - set(shares.loc[shares["vintage"] == 2019, "code"])
    merged = {c for c in study.codes if len(district_codes.predecessors(c)) > 1}
    assert missing_2019 == {c for c in merged if c not in set(pd.read_csv(BRES_2019)["area_code"])}
    assert set(tables["study_notes"]["code"]) == missing_2019


def test_make_tables_takes_an_authority(tmp_path):
    """The README's make target, as a reader types it."""
    result = subprocess.run(["make", "tables", "AUTHORITY=Tees Valley", f"OUT={tmp_path / 'tv'}"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert set(pd.read_csv(tmp_path / "tv" / "attainment_2021.csv")["authority"].dropna()) == {"Tees Valley"}
