"""Bad input never yields a number.

Each test builds an altered copy of the real bundle (symlinks to every file,
a real copy of the one altered), points ``DATA_DIR`` at it and expects a
:class:`DataError` that names the file and the problem. In strict mode (the
default) any alteration stops at the checksum, so the later checks are
exercised with ``DATA_VERIFY=warn``, where a :class:`DataWarning` naming the
changed file must also be issued.

Also here: the data directory and verify-mode settings, ``verify_all`` and the
catalogue against the bundle README.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re

import numpy as np
import pandas as pd
import pytest
from conftest import REAL_DATA_DIR, clear_caches, fails, read_text, rel_path

from placeblind import config
from placeblind.data import bres, catalogue, census, geography
from placeblind.data.readers import require_codes, require_unique, to_numbers
from placeblind.errors import DataError, DataWarning

CAMBRIDGE = "E07000008"  # a study district (Cambridgeshire and Peterborough)
CITY_OF_LONDON = "E09000001"  # not a study district
NOT_A_DISTRICT = "E07999999"

BRES17 = "bres_lad_2015_2017_div"
BRES17_HEADER = 6  # six lines of Nomis preamble before the header
QS501_NONE = "census2011_qs501_001"
QS501_L4 = "census2011_qs501_006"
TS067 = "census2021_ts067"
TS067_CODE = "Lower Tier Local Authorities Code"
TS067_CAT = "Highest level of qualification (8 categories) Code"
GM = "census2021_ts067_gm"
SHARES19 = "bres_lad_2019_broad_pct"
SECTIONS = "bres_itl_sections_2015_2022"
FIVE_DIGIT = "bres_itl2_5digit_2015_2021"
ITL2_2023 = "bres_itl2_2digit_2023"
CAUTH = "lad23_cauth_lookup"
ITL_LOOKUP = "lad23_itl_lookup"
ITL2_NAMES = "itl2_names"

# Each cached parser (and the uncached GM cross-check) with the file it reads first.
PARSERS = {
    QS501_L4: census.qualifications_2011,
    QS501_NONE: census.qualifications_2011,
    TS067: census.qualifications_2021,
    GM: census.cross_check_2021_greater_manchester,
    BRES17: bres.district_division_employment,
    SHARES19: bres.district_shares_2019,
    SECTIONS: bres.itl_section_employees,
    FIVE_DIGIT: bres.itl2_subclass_employment,
    ITL2_2023: bres.itl2_division_employment_2023,
    CAUTH: geography.study_districts,
    ITL_LOOKUP: geography.itl_lookup,
    ITL2_NAMES: geography.itl2_names,
}
ALL_FILES = list(PARSERS)
SMALL_FILES = [f for f in ALL_FILES if f != FIVE_DIGIT]  # the 5-digit file takes ~1 s to parse


def _warned_files(record) -> set[str]:
    return {str(w.message).split(": ", 1)[0] for w in record if issubclass(w.category, DataWarning)}


# ==========================================================================
# Missing files and checksums


@pytest.mark.parametrize("file_id", ALL_FILES)
def test_missing_file_is_an_error_naming_the_file(bundle, file_id):
    bundle.delete(file_id)
    with fails(file_id, "not found", changed=False) as excinfo:
        PARSERS[file_id]()
    assert str(bundle.root.resolve()) in str(excinfo.value)


@pytest.mark.parametrize("file_id", ALL_FILES)
def test_checksum_mismatch_stops_strict_mode(bundle, file_id):
    # A blank line at the end changes no value, yet strict mode must refuse the file.
    bundle.append_newline(file_id)
    with fails(file_id, "sha256", changed=False) as excinfo:
        PARSERS[file_id]()
    message = str(excinfo.value)
    assert catalogue.entry(file_id).sha256 in message
    actual = hashlib.sha256(bundle.path(file_id).read_bytes()).hexdigest()
    assert actual in message
    assert "DATA_VERIFY=warn" in message


def test_strict_is_the_default_and_explicit_strict_behaves_the_same(bundle, monkeypatch):
    bundle.append_newline(QS501_L4)
    with fails(QS501_L4, "sha256", changed=False):
        census.qualifications_2011()
    monkeypatch.setenv("DATA_VERIFY", "strict")
    with fails(QS501_L4, "sha256", changed=False):
        census.qualifications_2011()


@pytest.mark.parametrize("file_id", ALL_FILES)
def test_warn_mode_proceeds_with_a_warning_and_unchanged_values(bundle, real, file_id):
    """A byte change that alters no value: warn mode warns, naming the file, and the result is unchanged."""
    bundle.append_newline(file_id)
    bundle.warn_mode()
    parser = PARSERS[file_id]
    with pytest.warns(DataWarning, match=re.escape(rel_path(file_id))) as record:
        result = parser()
    assert _warned_files(record) == {rel_path(file_id)}
    pd.testing.assert_frame_equal(result, real.get(parser))


def test_warn_mode_changed_bres_value_flows_through(bundle, real):
    """Change one district's division cell in the BRES 2015-2017 file: the new number is what is parsed."""
    header, rows = bundle.real_rows(BRES17, header_row=BRES17_HEADER)
    cambridge_2017 = [r for r in rows if r[header.index("timestep")] == "2017" and r[header.index("lad16cd")] == CAMBRIDGE]
    assert len(cambridge_2017) == 1
    old = int(cambridge_2017[0][header.index("62")])
    new = old + 1234
    bundle.set_cells(BRES17, {"timestep": "2017", "lad16cd": CAMBRIDGE}, "62", str(new), header_row=BRES17_HEADER)
    bundle.warn_mode()

    with pytest.warns(DataWarning, match=re.escape(rel_path(BRES17))):
        altered = bres.district_division_employment()
    original = real.get(bres.district_division_employment)
    key = (altered["year"] == 2017) & (altered["code"] == CAMBRIDGE) & (altered["division"] == 62)
    assert key.sum() == 1
    assert altered.loc[key, "employment"].item() == new
    assert original.loc[key, "employment"].item() == old
    # Nothing else moved.
    pd.testing.assert_frame_equal(altered.loc[~key], original.loc[~key])

    # ... and on into the broad groups (division 62 is in Information & communication).
    groups = bres.district_broad_group_employment(2017)
    before = real.get(bres.district_broad_group_employment, 2017)
    row = (groups["code"] == CAMBRIDGE) & (groups["sector"] == "Information & communication")
    assert groups.loc[row, "employment"].item() - before.loc[row, "employment"].item() == 1234


def test_warn_mode_consistent_census_change_flows_through(bundle):
    """Move 100 Cambridge residents (and 100 in the England and Wales row) from 'no
    qualifications' to 'Level 4+': every internal check still holds, both files
    warn, and the new counts are what is parsed."""
    moved = 100
    counts = {}
    for file_id, delta in ((QS501_NONE, -moved), (QS501_L4, +moved)):
        header, rows = bundle.real_rows(file_id)
        by_code = {r[0]: r for r in rows}
        counts[file_id] = {code: int(by_code[code][header.index("COUNT")]) for code in (CAMBRIDGE, "EW")}
        total = int(by_code[CAMBRIDGE][header.index("TOTAL")])

        def edit(header, data, delta=delta):
            for row in data:
                if row[0] in (CAMBRIDGE, "EW"):
                    row[header.index("COUNT")] = str(int(row[header.index("COUNT")]) + delta)
        bundle.edit_rows(file_id, edit)
    bundle.warn_mode()

    with pytest.warns(DataWarning) as record:
        table = census.qualifications_2011().set_index("code")
    assert _warned_files(record) == {rel_path(QS501_NONE), rel_path(QS501_L4)}
    assert table.loc[CAMBRIDGE, "no_qualifications"] == counts[QS501_NONE][CAMBRIDGE] - moved
    assert table.loc[CAMBRIDGE, "level4_plus"] == counts[QS501_L4][CAMBRIDGE] + moved
    assert table.loc["K04000001", "level4_plus"] == counts[QS501_L4]["EW"] + moved
    assert table.loc[CAMBRIDGE, "pct_level4_plus"] == pytest.approx(100 * (counts[QS501_L4][CAMBRIDGE] + moved) / total)


def test_warn_mode_on_verify_all(bundle):
    bundle.append_newline(SHARES19)
    with pytest.raises(DataError, match="sha256"):
        catalogue.verify_all()
    bundle.warn_mode()
    with pytest.warns(DataWarning, match=re.escape(rel_path(SHARES19))):
        results = catalogue.verify_all()
    assert len(results) == len(catalogue.catalogue())


def test_edited_file_is_hashed_again(bundle):
    """The hash cache must not hide an edit made after a file was first verified."""
    catalogue.verified_path(QS501_L4)  # verified and cached (caches are NOT cleared below)
    bundle.replace_text(QS501_L4, f"{CAMBRIDGE},106007,50169\n", f"{CAMBRIDGE},106007,50168\n")  # same size
    with fails(QS501_L4, "sha256", changed=False):
        catalogue.verified_path(QS501_L4)


# ==========================================================================
# Warn mode: every other check still applies


TRUNCATABLE = [QS501_L4, TS067, GM, BRES17, SHARES19, SECTIONS, ITL2_2023, CAUTH, ITL_LOOKUP, ITL2_NAMES]


@pytest.mark.parametrize("file_id", TRUNCATABLE)
def test_truncated_file_is_an_error_even_in_warn_mode(bundle, file_id):
    bundle.drop_last_lines(file_id, 3)
    bundle.warn_mode()
    expected = catalogue.entry(file_id).data_rows
    with fails(file_id, rf"has {expected - 3} data rows, expected {expected}"):
        PARSERS[file_id]()


def test_header_only_file_is_an_error(bundle):
    bundle.edit_text(QS501_L4, lambda text: text.splitlines(keepends=True)[0])
    bundle.warn_mode()
    with fails(QS501_L4, "has 0 data rows"):
        census.qualifications_2011()


def test_extra_rows_are_an_error(bundle):
    bundle.edit_text(ITL2_NAMES, lambda text: text + "TLZ9,Nowhere,TLZ,Nowhere,0\n")
    bundle.warn_mode()
    with fails(ITL2_NAMES, "has 42 data rows, expected 41"):
        geography.itl2_names()


RENAMED = [
    (QS501_L4, "COUNT", "COUNTS", 0),
    (QS501_NONE, "TOTAL", "Total", 0),
    (TS067, "Observation", "Observations", 0),
    (GM, "value", "values", 0),
    (BRES17, "lad16cd", "lad17cd", BRES17_HEADER),
    (BRES17, "62", "62.0", BRES17_HEADER),
    (SHARES19, "value", "pct", 0),
    (SECTIONS, "industry.code", "industry", 0),
    (ITL2_2023, "JOBCOUNT", "JOBS", 0),
    (CAUTH, "LAD23NM", "LAD24NM", 0),
    (CAUTH, "LAD23CD", "LAD23CODE", 0),  # the first column, behind the byte-order mark
    (ITL_LOOKUP, "ITL221CD", "ITL225CD", 0),
    (ITL2_NAMES, "ITL221NM", "NAME", 0),
]


@pytest.mark.parametrize("file_id, old, new, header_row", RENAMED)
def test_renamed_column_is_an_error(bundle, file_id, old, new, header_row):
    bundle.rename_column(file_id, old, new, header_row=header_row)
    bundle.warn_mode()
    with fails(file_id, "missing column") as excinfo:
        PARSERS[file_id]()
    assert repr([old]) in str(excinfo.value)


NON_NUMERIC = [
    (QS501_L4, {"GEOGRAPHY_CODE": CAMBRIDGE}, "COUNT", "x", 0),
    (QS501_NONE, {"GEOGRAPHY_CODE": "EW"}, "TOTAL", "..", 0),
    (QS501_NONE, {"GEOGRAPHY_CODE": CAMBRIDGE}, "COUNT", "", 0),
    (TS067, {TS067_CODE: "E06000001", TS067_CAT: "0"}, "Observation", "", 0),
    (TS067, {TS067_CODE: "E06000001", TS067_CAT: "5"}, TS067_CAT, "five", 0),
    (GM, {"area_code": "E08000001", "highest_qualification": "No qualifications"}, "value", "NA", 0),
    (BRES17, {"timestep": "2017", "lad16cd": CAMBRIDGE}, "62", "..", BRES17_HEADER),
    (BRES17, {"timestep": "2016", "lad16cd": CITY_OF_LONDON}, "timestep", "2016a", BRES17_HEADER),
    (SHARES19, {"area_code": CAMBRIDGE, "group": "Education"}, "value", "-", 0),
    (SECTIONS, {"dates.date": "2019-01-01", "geography.code": "UK", "industry.code": "G"}, "value", "*", 0),
    (ITL2_2023, {"ITL221CD": "TLH2", "SIC_2DIGIT_CODE_NUMERIC": "62"}, "JOBCOUNT", "c", 0),
]


@pytest.mark.parametrize("file_id, where, column, bad, header_row", NON_NUMERIC)
def test_non_numeric_cell_is_an_error_naming_the_column(bundle, file_id, where, column, bad, header_row):
    [index] = bundle.set_cells(file_id, where, column, bad, header_row=header_row)
    bundle.warn_mode()
    with fails(file_id, "non-numeric value") as excinfo:
        PARSERS[file_id]()
    message = str(excinfo.value)
    assert f"in column {column!r}" in message
    assert repr(bad) in message
    assert f"at data row {index + 1}" in message


@pytest.mark.parametrize("line_pattern", [
    # Outside the known gap: an English region ...
    r"^2015,Tees Valley and Durham,UKC1,01000 : [^\n]*,01000,\d+$",
    # ... and a Scottish region in a year (2018) the gap does not cover.
    r"^2018,[^\n,]+,UKM5,01000 : [^\n]*,01000,\d+$",
])
def test_blank_count_outside_the_scottish_farm_gap_is_an_error(bundle, line_pattern):
    def blank(text):
        changed, n = re.subn(line_pattern, lambda m: m.group(0).rsplit(",", 1)[0] + ",", text, flags=re.M)
        assert n == 1
        return changed
    bundle.edit_text(FIVE_DIGIT, blank)
    bundle.warn_mode()
    with fails(FIVE_DIGIT, "non-numeric value '' in column 'COUNT'"):
        bres.itl2_subclass_employment()


def test_five_digit_file_with_a_code_that_is_not_nuts2016_is_an_error(bundle):
    def recode(text):
        old = "\n2015,Tees Valley and Durham,UKC1,01120 : Growing of rice,01120,0\n"
        assert text.count(old) == 1
        return text.replace(old, old.replace(",UKC1,", ",TLC1,"))
    bundle.edit_text(FIVE_DIGIT, recode)
    bundle.warn_mode()
    with fails(FIVE_DIGIT, "not a NUTS 2016 level-2 code: 'TLC1'"):
        bres.itl2_subclass_employment()


# ==========================================================================
# Study districts missing or duplicated


MISSING_DISTRICT = [
    (QS501_L4, {"GEOGRAPHY_CODE": CAMBRIDGE}, "GEOGRAPHY_CODE", 1, "area missing", 0),
    (TS067, {TS067_CODE: CAMBRIDGE}, TS067_CODE, 8, "study district missing", 0),
    (BRES17, {"timestep": "2017", "lad16cd": CAMBRIDGE}, "lad16cd", 1, "study district in 2017 missing", BRES17_HEADER),
    (SHARES19, {"area_code": CAMBRIDGE}, "area_code", 18, "study district missing", 0),
]


@pytest.mark.parametrize("file_id, where, column, rows, match, header_row", MISSING_DISTRICT)
def test_missing_study_district_is_an_error(bundle, file_id, where, column, rows, match, header_row):
    # Recode the district (rather than delete its rows) so the row-count check passes.
    bundle.set_cells(file_id, where, column, NOT_A_DISTRICT, header_row=header_row, expect=rows)
    bundle.warn_mode()
    with fails(file_id, match) as excinfo:
        PARSERS[file_id]()
    assert repr([CAMBRIDGE]) in str(excinfo.value)


DUPLICATED_DISTRICT = [
    (QS501_L4, {"GEOGRAPHY_CODE": CITY_OF_LONDON}, "GEOGRAPHY_CODE", CAMBRIDGE, 1, 0),
    (TS067, {TS067_CODE: CITY_OF_LONDON}, TS067_CODE, CAMBRIDGE, 8, 0),
    (BRES17, {"timestep": "2016", "lad16cd": CITY_OF_LONDON}, "lad16cd", CAMBRIDGE, 1, BRES17_HEADER),
    (SHARES19, {"area_code": CITY_OF_LONDON}, "area_code", CAMBRIDGE, 18, 0),
    (CAUTH, {"LAD23CD": "E08000016"}, "LAD23CD", "E08000001", 1, 0),  # Barnsley recoded as Bolton
    (ITL2_NAMES, {"ITL221CD": "TLC2"}, "ITL221CD", "TLC1", 1, 0),
    (SECTIONS, {"dates.date": "2015-01-01", "geography.code": "TLC11", "industry.code": "A"}, "geography.code", "TLC12", 1, 0),
    (ITL2_2023, {"ITL221CD": "TLH2", "SIC_2DIGIT_CODE_NUMERIC": "2"}, "SIC_2DIGIT_CODE_NUMERIC", "1", 1, 0),
]


@pytest.mark.parametrize("file_id, where, column, value, rows, header_row", DUPLICATED_DISTRICT)
def test_duplicated_row_is_an_error(bundle, file_id, where, column, value, rows, header_row):
    bundle.set_cells(file_id, where, column, value, header_row=header_row, expect=rows)
    bundle.warn_mode()
    with fails(file_id, "duplicated") as excinfo:
        PARSERS[file_id]()
    assert value in str(excinfo.value)


def test_study_district_moved_to_another_authority_is_an_error(bundle):
    bundle.set_cells(CAUTH, {"LAD23CD": CAMBRIDGE}, "CAUTH23NM", "Greater Manchester")
    bundle.warn_mode()
    with fails(CAUTH, "Cambridgeshire and Peterborough members are") as excinfo:
        geography.study_districts()
    assert "Cambridge" in str(excinfo.value)


def test_study_district_renamed_is_an_error(bundle):
    bundle.set_cells(CAUTH, {"LAD23CD": CAMBRIDGE}, "LAD23NM", "Cambridge City")
    bundle.warn_mode()
    with fails(CAUTH, "members are") as excinfo:
        geography.study_districts()
    assert "Cambridge City" in str(excinfo.value)


def test_extra_member_of_a_study_authority_is_an_error(bundle):
    bundle.set_cells(CAUTH, {"LAD23CD": "E08000016"}, "CAUTH23NM", "Tees Valley")  # Barnsley joins Tees Valley
    bundle.warn_mode()
    with fails(CAUTH, "Tees Valley members are") as excinfo:
        geography.study_districts()
    assert "Barnsley" in str(excinfo.value)


def test_study_authority_absent_is_an_error(bundle):
    bundle.set_cells(CAUTH, {"CAUTH23NM": "Tees Valley"}, "CAUTH23NM", "Tees Valley Combined Authority", expect=5)
    bundle.warn_mode()
    with fails(CAUTH, "combined authority 'Tees Valley' not found"):
        geography.study_districts()


def test_recoded_study_district_in_the_lookup_stops_every_data_parser(bundle):
    """A wrong code in the lookup is taken as the district's code, so the data files must then fail on it."""
    bundle.set_cells(CAUTH, {"LAD23CD": CAMBRIDGE}, "LAD23CD", NOT_A_DISTRICT)
    bundle.warn_mode()
    for file_id, parser in ((QS501_NONE, census.qualifications_2011), (TS067, census.qualifications_2021),
                            (BRES17, bres.district_division_employment), (SHARES19, bres.district_shares_2019)):
        clear_caches()
        with pytest.warns(DataWarning, match=re.escape(rel_path(CAUTH))):
            with fails(file_id, "missing", changed=False) as excinfo:
                parser()
        assert NOT_A_DISTRICT in str(excinfo.value)


# ==========================================================================
# Malformed files


def test_binary_garbage_is_an_error(bundle):
    garbage = bytes(np.random.default_rng(1).integers(0, 256, 5000, dtype=np.uint8))
    bundle.write_bytes(QS501_L4, b"\xff\xfe\x00\x81" + garbage)
    bundle.warn_mode()
    with fails(QS501_L4, "cannot be parsed as CSV"):
        census.qualifications_2011()


def test_empty_file_is_an_error(bundle):
    bundle.write_bytes(BRES17, b"")
    bundle.warn_mode()
    with fails(BRES17, "cannot be parsed as CSV"):
        bres.district_division_employment()


def test_unbalanced_quote_is_an_error(bundle):
    # Drop the closing quote of one quoted group label (Cambridge's): the quoted field never ends.
    old = f'{CAMBRIDGE},Cambridge,Employment by sector,"Agriculture, forestry & fishing",'
    bundle.replace_text(SHARES19, old, old[:-2] + ",")
    bundle.warn_mode()
    with fails(SHARES19, "cannot be parsed as CSV"):
        bres.district_shares_2019()


def test_row_with_an_extra_field_is_an_error(bundle):
    bundle.replace_text(QS501_L4, f"\n{CAMBRIDGE},106007,50169\n", f"\n{CAMBRIDGE},106007,50169,1\n")
    bundle.warn_mode()
    with fails(QS501_L4, "cannot be parsed as CSV"):
        census.qualifications_2011()


def test_row_with_a_missing_field_is_an_error(bundle):
    bundle.replace_text(QS501_L4, f"\n{CAMBRIDGE},106007,50169\n", f"\n{CAMBRIDGE},106007\n")
    bundle.warn_mode()
    with fails(QS501_L4, "non-numeric value '' in column 'COUNT'"):
        census.qualifications_2011()


def test_html_error_page_instead_of_csv_is_an_error(bundle):
    bundle.write_text(ITL2_2023, "<html><head><title>503</title></head><body>Service unavailable</body></html>\n")
    bundle.warn_mode()
    with fails(ITL2_2023, "missing column"):
        bres.itl2_division_employment_2023()


# ==========================================================================
# Parser-specific consistency checks (warn mode)


def test_2011_total_differing_between_files_is_an_error(bundle):
    bundle.replace_text(QS501_L4, f"\n{CAMBRIDGE},106007,50169\n", f"\n{CAMBRIDGE},106008,50169\n")
    bundle.warn_mode()
    with fails(QS501_L4, "TOTAL differs between files", names="census/qs501ew_2011_QS501EW00*") as excinfo:
        census.qualifications_2011()
    assert CAMBRIDGE in str(excinfo.value)


def test_2011_categories_not_summing_to_total_is_an_error(bundle):
    # Raise TOTAL by one for Cambridge and for England and Wales in all seven files:
    # TOTAL agrees across files and districts still sum to EW, but the categories fall one short.
    numbers = range(1, 8)
    for number in numbers:
        def bump(header, data):
            for row in data:
                if row[0] in (CAMBRIDGE, "EW"):
                    row[1] = str(int(row[1]) + 1)
        bundle.edit_rows(f"census2011_qs501_{number:03d}", bump)
    bundle.warn_mode()
    with pytest.warns(DataWarning) as record:
        with fails(QS501_NONE, "categories do not sum to TOTAL", changed=False, names="census/qs501ew_2011_QS501EW00*") as excinfo:
            census.qualifications_2011()
    assert _warned_files(record) == {rel_path(f"census2011_qs501_{n:03d}") for n in numbers}
    assert CAMBRIDGE in str(excinfo.value)


def test_2011_districts_not_summing_to_england_and_wales_is_an_error(bundle):
    # Move 10 Cambridge residents between categories without touching the EW row.
    header, rows = bundle.real_rows(QS501_NONE)
    none_count = int(next(r for r in rows if r[0] == CAMBRIDGE)[2])
    bundle.set_cells(QS501_NONE, {"GEOGRAPHY_CODE": CAMBRIDGE}, "COUNT", str(none_count - 10))
    bundle.replace_text(QS501_L4, f"\n{CAMBRIDGE},106007,50169\n", f"\n{CAMBRIDGE},106007,50179\n")
    bundle.warn_mode()
    with pytest.warns(DataWarning):
        with fails(QS501_L4, "districts do not sum to the England and Wales row in no_qualifications",
                   changed=False, names="census/qs501ew_2011_QS501EW00*"):
            census.qualifications_2011()


def test_2011_areas_differing_between_files_is_an_error(bundle):
    bundle.set_cells(QS501_L4, {"GEOGRAPHY_CODE": CITY_OF_LONDON}, "GEOGRAPHY_CODE", "E09999999")
    bundle.warn_mode()
    with fails(QS501_L4, "areas differ from the other QS501EW files") as excinfo:
        census.qualifications_2011()
    assert CITY_OF_LONDON in str(excinfo.value) or "E09999999" in str(excinfo.value)


def test_2021_unknown_category_code_is_an_error(bundle):
    bundle.set_cells(TS067, {TS067_CODE: "E06000001", TS067_CAT: "6"}, TS067_CAT, "7")
    bundle.warn_mode()
    with fails(TS067, "qualification category codes are"):
        census.qualifications_2021()


def test_2021_area_without_every_category_is_an_error(bundle):
    # Cambridge's Level 4+ row is given to a new area: same row count, no duplicate,
    # the same set of category codes - but Cambridge now lacks a category.
    bundle.set_cells(TS067, {TS067_CODE: CAMBRIDGE, TS067_CAT: "5"}, TS067_CODE, NOT_A_DISTRICT)
    bundle.warn_mode()
    with fails(TS067, "areas without a row for every qualification category") as excinfo:
        census.qualifications_2021()
    assert CAMBRIDGE in str(excinfo.value) or NOT_A_DISTRICT in str(excinfo.value)


def test_gm_cross_check_unknown_label_is_an_error(bundle):
    bundle.set_cells(GM, {"area_code": "E08000001", "highest_qualification": "Apprenticeship"},
                     "highest_qualification", "Apprenticeships")
    bundle.warn_mode()
    with fails(GM, "unexpected qualification labels"):
        census.cross_check_2021_greater_manchester()


def test_2019_unknown_group_label_is_an_error(bundle):
    bundle.set_cells(SHARES19, {"area_code": CAMBRIDGE, "group": "Property"}, "group", "Real estate")
    bundle.warn_mode()
    with fails(SHARES19, r"unknown broad group label\(s\) \['Real estate'\]"):
        bres.district_shares_2019()


def test_2019_district_without_all_groups_is_an_error(bundle):
    bundle.set_cells(SHARES19, {"area_code": CITY_OF_LONDON, "group": "Property"}, "area_code", "E09999999")
    bundle.warn_mode()
    with fails(SHARES19, "districts without all 18 groups") as excinfo:
        bres.district_shares_2019()
    assert CITY_OF_LONDON in str(excinfo.value) or "E09999999" in str(excinfo.value)


def test_2019_shares_far_from_100_are_an_error(bundle):
    bundle.set_cells(SHARES19, {"area_code": CAMBRIDGE, "group": "Education"}, "value", "60.0")
    bundle.warn_mode()
    with fails(SHARES19, "shares do not sum to 100") as excinfo:
        bres.district_shares_2019()
    assert CAMBRIDGE in str(excinfo.value)


def test_sections_wrong_employment_status_is_an_error(bundle):
    bundle.set_cells(SECTIONS, {"dates.date": "2019-01-01", "geography.code": "UK", "industry.code": "G"},
                     "employment.status.name", "Employment")
    bundle.warn_mode()
    with fails(SECTIONS, "employment status"):
        bres.itl_section_employees()


def test_sections_unknown_section_is_an_error(bundle):
    bundle.set_cells(SECTIONS, {"dates.date": "2019-01-01", "geography.code": "UK", "industry.code": "U"},
                     "industry.code", "V")
    bundle.warn_mode()
    with fails(SECTIONS, r"unknown SIC section code\(s\) \['V'\]"):
        bres.itl_section_employees()


def test_sections_unreadable_date_is_an_error(bundle):
    bundle.set_cells(SECTIONS, {"dates.date": "2019-01-01", "geography.code": "UK", "industry.code": "G"},
                     "dates.date", "2019-13-01")
    bundle.warn_mode()
    with fails(SECTIONS, "unreadable date"):
        bres.itl_section_employees()


def test_sections_unknown_geography_type_is_an_error(bundle):
    bundle.set_cells(SECTIONS, {"dates.date": "2019-01-01", "geography.code": "TLC11", "industry.code": "G"},
                     "geography.type", "itl 2021 level 3")
    bundle.warn_mode()
    with fails(SECTIONS, "unknown geography type"):
        bres.itl_section_employees()


def test_sections_without_great_britain_is_an_error(bundle):
    bundle.set_cells(SECTIONS, {"geography.code": "UK"}, "geography.code", "GB", expect=8 * 22)
    bundle.warn_mode()
    with fails(SECTIONS, "no Great Britain row"):
        bres.itl_section_employees()


def test_2023_regions_with_different_division_counts_are_an_error(bundle):
    bundle.set_cells(ITL2_2023, {"ITL221CD": "TLH2", "SIC_2DIGIT_CODE_NUMERIC": "2"}, "ITL221CD", "TLZ9")
    bundle.warn_mode()
    with fails(ITL2_2023, "different numbers of divisions"):
        bres.itl2_division_employment_2023()


FRACTIONAL = [
    (BRES17, {"timestep": "2017", "lad16cd": CAMBRIDGE}, "62", "1000.5", BRES17_HEADER),
    (QS501_L4, {"GEOGRAPHY_CODE": CAMBRIDGE}, "COUNT", "50169.5", 0),
    (SECTIONS, {"dates.date": "2019-01-01", "geography.code": "UK", "industry.code": "G"}, "value", "inf", 0),
    (ITL2_2023, {"ITL221CD": "TLH2", "SIC_2DIGIT_CODE_NUMERIC": "62"}, "DATE", "2023.5", 0),
    (TS067, {TS067_CODE: "E06000001", TS067_CAT: "0"}, "Observation", "1e400", 0),
]


@pytest.mark.parametrize("file_id, where, column, bad, header_row", FRACTIONAL)
def test_count_that_is_not_a_whole_number_is_an_error(bundle, file_id, where, column, bad, header_row):
    """Counts, years and codes are whole numbers: '1000.5' or 'inf' must stop the parser,
    not be truncated (or overflow) in a later integer cast."""
    [index] = bundle.set_cells(file_id, where, column, bad, header_row=header_row)
    bundle.warn_mode()
    with fails(file_id, re.escape(f"non-integer value {bad!r} in column {column!r} at data row {index + 1}")):
        PARSERS[file_id]()


NEGATIVE = [
    (BRES17, {"timestep": "2017", "lad16cd": CAMBRIDGE}, "62", "-1000", BRES17_HEADER),
    (QS501_L4, {"GEOGRAPHY_CODE": CAMBRIDGE}, "COUNT", "-50169", 0),
    (TS067, {TS067_CODE: "E06000001", TS067_CAT: "0"}, "Observation", "-17286", 0),
]


@pytest.mark.parametrize("file_id, where, column, bad, header_row", NEGATIVE)
def test_negative_count_is_an_error(bundle, file_id, where, column, bad, header_row):
    """A negative count is a broken file, even where the sums would still balance."""
    [index] = bundle.set_cells(file_id, where, column, bad, header_row=header_row)
    bundle.warn_mode()
    with fails(file_id, re.escape(f"negative value {bad!r} in column {column!r} at data row {index + 1}")):
        PARSERS[file_id]()


def test_negative_ts067_category_code_is_allowed(real):
    """TS067's category -8 ('aged 15 and under') is a signed code, not a count, and is read."""
    assert len(real.get(census.qualifications_2021)) > 300


# ==========================================================================
# Settings


def test_data_dir_that_does_not_exist_is_an_error(tmp_path, monkeypatch):
    missing = tmp_path / "no-such-folder"
    monkeypatch.setenv("DATA_DIR", str(missing))
    for action in (config.data_dir, catalogue.verify_all, census.qualifications_2011, bres.district_shares_2019):
        with pytest.raises(DataError, match="DATA_DIR does not name an existing directory") as excinfo:
            action()
        assert excinfo.value.file == str(missing)


def test_data_dir_that_is_a_file_is_an_error(tmp_path, monkeypatch):
    a_file = tmp_path / "data.csv"
    a_file.write_text("x\n")
    monkeypatch.setenv("DATA_DIR", str(a_file))
    with pytest.raises(DataError, match="DATA_DIR does not name an existing directory"):
        geography.study_districts()


def test_data_dir_default_is_the_repositorys_data_folder(monkeypatch):
    """The data travel with the book (issue 19): no setting means the repository's data/."""
    monkeypatch.delenv("DATA_DIR")
    assert config.data_dir() == (config.REPO_ROOT / "data").resolve()
    monkeypatch.setenv("DATA_DIR", "")  # empty means unset
    assert config.data_dir() == (config.REPO_ROOT / "data").resolve()


def test_data_dir_without_default_or_setting_is_an_error(tmp_path, monkeypatch):
    monkeypatch.delenv("DATA_DIR")
    monkeypatch.setattr(config, "REPO_ROOT", tmp_path / "repo")
    with pytest.raises(DataError, match="no data directory: the repository's data/ folder is missing; set DATA_DIR"):
        config.data_dir()


def test_data_dir_override(bundle, tmp_path, monkeypatch):
    assert config.data_dir() == bundle.root.resolve()
    # Relative and home-relative settings are resolved.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", "data")
    assert config.data_dir() == bundle.root.resolve()
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("DATA_DIR", "~/data")
    assert config.data_dir() == bundle.root.resolve()
    # ... and the parsers read from it: a file missing only there is missing.
    bundle.delete(ITL2_NAMES)
    with fails(ITL2_NAMES, "not found", changed=False):
        geography.itl2_names()


@pytest.mark.parametrize("value", ["lenient", "off", "0", "strict,warn", "warning"])
def test_invalid_data_verify_is_a_value_error(monkeypatch, value):
    monkeypatch.setenv("DATA_VERIFY", value)
    with pytest.raises(ValueError, match="DATA_VERIFY must be one of"):
        config.verify_mode()


def test_invalid_data_verify_never_lets_a_changed_file_through(bundle, monkeypatch):
    bundle.append_newline(QS501_L4)
    monkeypatch.setenv("DATA_VERIFY", "lenient")
    with pytest.raises(ValueError, match="DATA_VERIFY must be one of"):
        census.qualifications_2011()


@pytest.mark.parametrize("value, mode", [("WARN", "warn"), (" warn ", "warn"), ("Strict", "strict")])
def test_data_verify_is_case_and_space_insensitive(monkeypatch, value, mode):
    monkeypatch.setenv("DATA_VERIFY", value)
    assert config.verify_mode() == mode


def test_unknown_catalogue_id_is_a_key_error():
    with pytest.raises(KeyError, match="no catalogue entry 'census2031'"):
        catalogue.entry("census2031")


# ==========================================================================
# The shared reader helpers, on small hand-made frames


def test_to_numbers_names_the_first_bad_cell():
    values = pd.Series(["1", " 2 ", "3.5", "n/a", "x"])
    with pytest.raises(DataError, match=r"f\.csv: non-numeric value 'n/a' in column 'c' at data row 4"):
        to_numbers(values, "f.csv", "c")
    assert to_numbers(pd.Series(["1", " 2 ", "3.5"]), "f.csv", "c").tolist() == [1, 2, 3.5]
    # Whole numbers only, when asked: no silent truncation of 2.5, no infinity; -8 and 3.0 are whole.
    assert to_numbers(pd.Series(["-8", "3.0", "7"]), "f.csv", "c", whole=True).tolist() == [-8, 3, 7]
    for bad in ("2.5", "inf", "-inf", "1e400"):
        with pytest.raises(DataError, match=rf"non-integer value '{re.escape(bad)}' in column 'c' at data row 2"):
            to_numbers(pd.Series(["1", bad]), "f.csv", "c", whole=True)


def test_require_unique_and_require_codes():
    frame = pd.DataFrame({"code": ["A", "B", "B", "C"], "year": [1, 1, 2, 1]})
    require_unique(frame, ["code", "year"], "f.csv")
    with pytest.raises(DataError, match=r"duplicated row for \{'code': 'B'\}"):
        require_unique(frame, ["code"], "f.csv")
    require_codes(frame, "code", ["A", "C"], "f.csv", "area")
    with pytest.raises(DataError, match=r"area missing: \['D'\]"):
        require_codes(frame, "code", ["A", "D"], "f.csv", "area")
    with pytest.raises(DataError, match=r"area duplicated: \['B'\]"):
        require_codes(frame, "code", ["A", "B"], "f.csv", "area")


# ==========================================================================
# The real bundle and the catalogue


def test_verify_all_passes_on_the_real_bundle():
    results = catalogue.verify_all()
    entries = catalogue.catalogue()
    assert results == [(item.path, "ok") for item in entries.values()]
    assert len(results) == len(entries)


def _readme_sha256() -> dict[str, str]:
    """The checksums the bundle's README lists (of the files as published), by published path."""
    text = (REAL_DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split("## sha256", 1)[1]
    block = section.split("```", 2)[1]
    listed = {}
    for line in block.splitlines():
        line = line.strip()
        if not line:
            continue
        digest, path = line.split(maxsplit=1)
        assert re.fullmatch(r"[0-9a-f]{64}", digest), line
        assert path not in listed
        listed[path] = digest
    return listed


def _published_path(path: str) -> str:
    """A stored path as the file was published (a compressed CSV without its .gz)."""
    return path.removesuffix(".gz")


def _provenance_sha256() -> dict[str, str]:
    """The sha256 lists of every folder's PROVENANCE.md, by published path."""
    published = {_published_path(item.path) for item in catalogue.catalogue().values()}
    listed = {}
    for provenance in sorted(REAL_DATA_DIR.glob("*/PROVENANCE.md")):
        text = provenance.read_text(encoding="utf-8")
        if "## sha256" not in text:
            continue
        block = text.split("## sha256", 1)[1].split("```", 2)[1]
        for line in block.splitlines():
            if line.strip():
                digest, name = line.split(maxsplit=1)
                path = f"{provenance.parent.name}/{name.rsplit('/', 1)[-1]}"
                if path in published:  # some lists name files under earlier names
                    listed[path] = digest
    return listed


def test_catalogue_original_sha256_matches_the_bundle_readme():
    """Every file the bundle README lists is catalogued with that checksum as its
    original_sha256, and so is every file a folder's PROVENANCE.md lists (the
    hex-map licence is listed only there). A file added later (a new bundled
    vintage) needs only its catalogue row, which records both checksums: the
    bundle's notes are the cross-check of the files that came with it."""
    listed = {**_provenance_sha256(), **_readme_sha256()}
    recorded = {_published_path(item.path): item.original_sha256 for item in catalogue.catalogue().values()}
    assert set(_readme_sha256()) <= set(recorded)
    assert {path: recorded.get(path) for path in listed} == listed


# What data/ holds besides the catalogued files: the catalogue, the notes, the
# licences, and what a user fetched (git ignores data/nomis/).
NOT_CATALOGUED = {"catalogue.csv", "README.md", "LICENCE"}


def test_catalogue_covers_every_data_file_in_the_data_folder():
    on_disk = {p.relative_to(REAL_DATA_DIR).as_posix() for p in REAL_DATA_DIR.rglob("*")
               if p.is_file() and p.suffix != ".md" and p.name not in NOT_CATALOGUED
               and p.relative_to(REAL_DATA_DIR).parts[0] != "nomis"}
    assert on_disk == {item.path for item in catalogue.catalogue().values()}


def test_catalogue_sha256_is_the_sha256_of_each_stored_file_and_original_sha256_of_the_published_one():
    for item in catalogue.catalogue().values():
        stored = (REAL_DATA_DIR / item.path).read_bytes()
        assert hashlib.sha256(stored).hexdigest() == item.sha256, item.path
        published = gzip.decompress(stored) if item.path.endswith(".gz") else stored
        assert hashlib.sha256(published).hexdigest() == item.original_sha256, item.path
        assert (item.sha256 == item.original_sha256) == (not item.path.endswith(".gz")), item.path


def test_only_large_csvs_are_stored_compressed_and_deterministically():
    """CSVs over 1 MB are gzip-compressed with no name and time 0 (the same bytes
    from the same file on any machine); the rest are stored as published."""
    for item in catalogue.catalogue().values():
        path = REAL_DATA_DIR / item.path
        if item.path.endswith(".gz"):
            assert item.path.endswith(".csv.gz"), item.path
            header = path.read_bytes()[:10]
            assert header[:3] == b"\x1f\x8b\x08" and header[3] == 0, item.path  # gzip, deflate, no name
            assert header[4:8] == b"\x00\x00\x00\x00", item.path  # modification time 0
            assert len(gzip.decompress(path.read_bytes())) > 1_000_000, item.path
        elif item.path.endswith(".csv"):
            assert path.stat().st_size <= 1_000_000, item.path


def test_provenance_notes_name_exactly_the_compressed_files():
    for folder in ("census", "bres", "reference", "geography"):
        text = (REAL_DATA_DIR / folder / "PROVENANCE.md").read_text(encoding="utf-8")
        note = text.split("## How these files are stored in this repository", 1)[1]
        named = set(re.findall(r"^- `([^`]+)`$", note, flags=re.M))
        compressed = {item.path.split("/", 1)[1] for item in catalogue.catalogue().values()
                      if item.path.startswith(f"{folder}/") and item.path.endswith(".gz")}
        assert named == compressed, folder


def test_data_readme_supersedes_the_bundle_rule_and_the_licence_gives_the_attributions():
    readme = (REAL_DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "~~Do not copy these files into the repository.~~ **Superseded by issue 19" in readme
    licence = (config.REPO_ROOT / "data" / "LICENCE").read_text(encoding="utf-8")
    for required in ("Open Government Licence v3.0", "Source: Office for National Statistics",
                     "Contains OS data © Crown copyright and database right", "Department for Business and Trade",
                     "Department for Culture, Media and Sport", "MIT licence", "Open Innovations",
                     "LICENSE_openinnovations_hexmaps.txt"):
        assert required in licence, required


def test_catalogue_row_counts_match_the_files():
    preamble = {"bres/bres2015_2017_lad16_sic2digit_employment_nismod_arc.csv": 6}
    for item in catalogue.catalogue().values():
        if item.data_rows is None:
            assert item.path.endswith((".xlsx", ".json", ".hexjson", ".txt")), item.path
            continue
        rows = [r for r in csv.reader(io.StringIO(read_text(REAL_DATA_DIR / item.path), newline="")) if r]
        assert len(rows) - 1 - preamble.get(item.path, 0) == item.data_rows, item.path


def test_catalogue_records_source_and_licence():
    for item in catalogue.catalogue().values():
        assert item.official_source and item.copy_of, item.id
        # The hex layouts are Open Innovations' work under the MIT licence; the book's own
        # compilation (the university districts) is CC BY 4.0; all else is OGL.
        expected = {"Open Innovations": "MIT licence", "this book (own compilation)": "CC BY 4.0"}.get(
            item.publisher, "Open Government Licence v3.0")
        assert item.licence.startswith(expected) or expected in item.licence, item.id
