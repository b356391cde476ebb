"""The decade-on chapter's ITL3 refit and the maps: the BRES 2023 ITL3 parser on
the real file and on broken copies, districts placed in ITL3 areas, census
counts conserved when added up, the combined fit export, and the geography
files (every area of the statistics has a hex and a boundary, or a stated
reason). Expected values are read from the raw files."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import REAL_DATA_DIR

from placeblind.analysis import education_fits, fit_samples, itl3
from placeblind.data import boundaries, bres, geography, hexmaps
from placeblind.data.census import qualifications_2011, qualifications_2021
from placeblind.data.study import authority_lookup
from placeblind.errors import DataError, DataWarning
from placeblind.publishing import figures, registry

ITL3_FILE = REAL_DATA_DIR / "bres" / "bres2023_gb_itl3_section_employees_long_camfoley.csv"
LOOKUP = REAL_DATA_DIR / "reference" / "LAD23_LAU121_ITL321_ITL221_ITL121_UK_lookup.csv"
TS067 = REAL_DATA_DIR / "census" / "TS067-2021-1_ltla_ons_custom_download__callumscoby_drugmisusedeaths.csv"
EW = "K04000001"


def raw_itl3() -> pd.DataFrame:
    return pd.read_csv(ITL3_FILE)


def raw_lookup() -> pd.DataFrame:
    return pd.read_csv(LOOKUP, encoding="utf-8-sig")


def raw_ew_itl3_areas() -> set[str]:
    """The ITL3 areas of England and Wales, read from the raw lookup."""
    lookup = raw_lookup()
    return set(lookup.loc[lookup["LAU121CD"].str[0].isin(["E", "W"]), "ITL321CD"])


def raw_2021_districts() -> set[str]:
    """The district codes of the raw 2021 Census file (TS067)."""
    return set(pd.read_csv(TS067).iloc[:, 0])


# --- the BRES 2023 ITL3 file -----------------------------------------------------------

def test_itl3_parser_keeps_every_cell_of_the_file():
    raw = raw_itl3()
    parsed = bres.itl3_section_employees_2023()
    assert len(parsed) == len(raw) == raw["itl321cd"].nunique() * 21
    assert parsed["employees"].sum() == raw["value"].sum()
    cell = raw[(raw["itl321cd"] == "TLC11") & raw["industry"].str.startswith("C :")]["value"].item()
    assert parsed.set_index(["itl3_code", "section"]).loc[("TLC11", "C"), "employees"] == cell


@pytest.mark.parametrize("alter, message", [
    (lambda h, rows: rows.__setitem__(0, [*rows[0][:2], "Percentage", *rows[0][3:]]), "column 'measure'"),
    (lambda h, rows: rows.__setitem__(0, [*rows[0][:1], "Employment", *rows[0][2:]]), "employment_status"),
    (lambda h, rows: rows.__setitem__(2, [*rows[2][:5], "Manufacturing", *rows[2][6:]]), "not a SIC section"),
    (lambda h, rows: rows.__setitem__(2, [*rows[2][:6], "-5", *rows[2][7:]]), "negative"),
    (lambda h, rows: rows.__setitem__(2, list(rows[1])), "duplicate"),
])
def test_a_broken_itl3_file_stops_with_its_name(bundle, alter, message):
    bundle.warn_mode()
    bundle.edit_rows("bres_itl3_sections_2023", alter)
    with pytest.warns(DataWarning), pytest.raises(DataError, match=message) as excinfo:
        bres.itl3_section_employees_2023()
    assert "bres2023_gb_itl3_section_employees_long_camfoley.csv" in str(excinfo.value)


def test_an_itl3_area_without_every_section_stops(bundle):
    bundle.warn_mode()
    bundle.edit_rows("bres_itl3_sections_2023", lambda h, rows: rows.__setitem__(
        0, [*rows[0][:3], "TLZ99", *rows[0][4:]]))  # one row moved to an area of its own
    with pytest.warns(DataWarning), pytest.raises(DataError, match="has 20 sections, expected 21"):
        bres.itl3_section_employees_2023()


# --- districts in ITL3 areas ---------------------------------------------------------------

def test_every_2021_district_lies_in_one_itl3_area():
    codes = [c for c in qualifications_2021()["code"] if c != EW]
    placed = geography.itl3_of_districts(codes)
    assert set(placed.index) == set(codes) == raw_2021_districts()
    lookup = raw_lookup()
    # a district that is an LAU1 is placed by the lookup's own row
    assert placed["E06000001"] == lookup.loc[lookup["LAU121CD"] == "E06000001", "ITL321CD"].item()
    # North Northamptonshire (2021) is four LAU1s, all in one ITL3 area
    parts = lookup.loc[lookup["LAD23CD"] == "E06000061", "ITL321CD"]
    assert len(parts) == 4 and placed["E06000061"] == parts.iloc[0] == parts.iloc[-1]


def test_a_straddling_or_unknown_district_cannot_be_placed():
    lookup = raw_lookup()
    cumberland = lookup[lookup["LAD23CD"] == "E06000063"]
    assert cumberland["ITL321CD"].nunique() == 2  # the case the rule exists for
    with pytest.raises(DataError, match="straddles"):
        geography.itl3_of_districts(["E06000063"])
    with pytest.raises(DataError, match="no ITL3 area"):
        geography.itl3_of_districts(["E09999999"])
    straddling = geography.straddling_districts()
    assert {"E06000063", "E06000064"} <= set(straddling["lad23_code"])
    assert straddling["itl3_codes"].str.contains(",").all()


@pytest.mark.parametrize("year, parser", [(2011, qualifications_2011), (2021, qualifications_2021)])
def test_census_counts_are_conserved_when_added_up_to_itl3(year, parser):
    areas = itl3.itl3_census(year)
    national = parser().set_index("code").loc[EW]
    assert areas["all_16plus"].sum() == national["all_16plus"]
    assert areas["level4_plus"].sum() == national["level4_plus"]
    assert areas["n_districts"].sum() == len(raw_2021_districts())
    assert set(areas["itl3_code"]) == raw_ew_itl3_areas()
    # Hartlepool and Stockton-on-Tees is exactly those two districts
    districts = parser().set_index("code")
    one = areas.set_index("itl3_code").loc["TLC11"]
    expected = districts.loc[["E06000001", "E06000004"], ["all_16plus", "level4_plus"]].sum()
    assert one["n_districts"] == 2
    assert one["level4_plus"] == expected["level4_plus"]
    assert one["pct_level4_plus"] == pytest.approx(100 * expected["level4_plus"] / expected["all_16plus"])


def test_itl3_sector_shares_are_section_counts_over_all_sections():
    raw = raw_itl3()
    area = raw[raw["itl321cd"] == "TLC11"]
    manufacturing = area.loc[area["industry"].str.startswith("C :"), "value"].item()
    shares = itl3.itl3_sector_shares().set_index("itl3_code")
    assert shares.loc["TLC11", "Manufacturing"] == pytest.approx(100 * manufacturing / area["value"].sum())
    assert "Retail" not in itl3.ITL3_SECTORS  # one division of section G: not measurable here


def test_itl3_fit_is_the_hand_computed_correlation():
    raw = raw_itl3()
    totals = raw.groupby("itl321cd")["value"].sum()
    professional = raw[raw["industry"].str.startswith("M :")].set_index("itl321cd")["value"] / totals * 100
    census = itl3.itl3_census(2021).set_index("itl3_code")["pct_level4_plus"]
    professional = professional.reindex(census.index)
    expected = np.corrcoef(census, professional)[0, 1] ** 2
    fits = itl3.itl3_fits()
    row = fits[(fits["census"] == 2021) & (fits["sector"] == "Professional, scientific & technical")
               & (fits["education"] == "level4_plus")].iloc[0]
    assert row["n"] == len(census) == len(raw_ew_itl3_areas())
    assert row["r2"] == pytest.approx(expected, rel=1e-9)


# --- the combined export ---------------------------------------------------------------

def test_the_fit_export_keeps_the_paper_rows_and_adds_samples_and_census():
    table = fit_samples.all_education_sector_fits()
    assert list(table.columns) == education_fits.CENSUS_FIT_COLUMNS
    assert set(table["sample"]) == set(fit_samples.FIT_SAMPLES)
    assert set(table["census"]) == {2011, 2021}
    paper = education_fits.education_sector_fits()
    kept = table[(table["census"] == 2011) & table["sample"].isin(["study_districts", "all_districts"])]
    pd.testing.assert_frame_equal(kept.drop(columns="census").reset_index(drop=True), paper)
    assert not table.duplicated(["sample", "vintage", "census", "sector", "education"]).any()
    n = table.groupby("sample")["n"].first()
    assert n["itl3"] == len(raw_ew_itl3_areas()) and n["study_districts"] == 37
    assert n["authorities_2025"] == len(authority_lookup(2025))


# --- the geography files -----------------------------------------------------------------

def test_every_district_of_the_2021_census_has_a_hex_and_a_boundary():
    codes = set(qualifications_2021()["code"]) - {EW}
    assert codes <= set(boundaries.area_codes("boundaries_lad_dec2021"))
    assert codes <= set(hexmaps.hex_layout("hexmap_lad2021")["code"])


def test_every_district_of_the_2025_authorities_has_a_boundary_or_its_predecessor_has():
    lookup = authority_lookup(2025)
    drawn = set(boundaries.area_codes("boundaries_lad_dec2024"))
    missing = set(lookup["code"]) - drawn
    # Barnsley and Sheffield were recoded in April 2025; the December 2024 file
    # draws them under the codes every statistic here still uses.
    assert missing == {"E08000038", "E08000039"}
    assert {"E08000016", "E08000019"} <= drawn


def test_every_itl2_region_and_authority_has_a_boundary():
    regions = set(boundaries.area_codes("boundaries_itl2_jan2021"))
    assert set(geography.itl2_names()["itl2_code"]) <= regions
    assert set(boundaries.area_codes("boundaries_cauth_may2025")) == set(authority_lookup(2025)["authority_code"])


def test_boundaries_are_valid_polygons_in_british_national_grid():
    for file_id in ("boundaries_itl2_jan2021", "boundaries_lad_dec2021", "boundaries_cauth_may2025"):
        frame = boundaries.boundaries(file_id)
        assert frame.crs.to_epsg() == 27700
        assert frame.is_valid.all() and set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    # Great Britain's districts cover about 230,000 square kilometres
    gb = boundaries.boundaries("boundaries_lad_dec2021").area.sum() / 1e6
    assert 220_000 < gb < 240_000


@pytest.mark.parametrize("alter, message", [
    (lambda text: text[: len(text) // 2], "cannot be read"),
    (lambda text: text.replace('"AREACD"', '"CODE"'), "missing field"),
])
def test_a_broken_boundary_file_stops_with_its_name(bundle, alter, message):
    bundle.warn_mode()
    bundle.edit_text("boundaries_cauth_may2025", alter)
    with pytest.warns(DataWarning), pytest.raises(DataError, match=message) as excinfo:
        boundaries.boundaries("boundaries_cauth_may2025")
    assert "cauth_may2025_en_buc_ons_topojson_henryjameslau.json" in str(excinfo.value)


def test_boundaries_outside_the_uk_are_refused(bundle):
    bundle.warn_mode()

    def shift(text):
        document = json.loads(text)
        document["transform"]["translate"][0] += 40  # move every point 40 degrees east
        return json.dumps(document)
    bundle.edit_text("boundaries_cauth_may2025", shift)
    with pytest.warns(DataWarning), pytest.raises(DataError, match="not longitude and latitude in the UK"):
        boundaries.boundaries("boundaries_cauth_may2025")


@pytest.mark.parametrize("name", ["is8_specialism_map", "authorities_2025_map"])
def test_maps_are_titled_and_deterministic(name, figures_from_another_process):
    fig = registry.figure_builder(name)()
    assert fig.axes[0].get_title() or fig.get_suptitle()
    assert figures.png_bytes(fig) == figures_from_another_process[name]


def test_is8_map_names_every_region_once_and_no_two_names_overlap():
    """The ITL2 map's names (printed in their regions, or called out to the sea
    with a leader line where a region is too small) never overlap one another, lie
    inside the picture, and name every region outside London once (London once)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from placeblind.analysis.is8_regions import EXACT, EXACT_YEAR, is8_lq_itl2, specialisms
    from placeblind.publishing.figures_maps import short_region_name

    fig = registry.figure_builder("is8_specialism_map")()
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer, ax = canvas.get_renderer(), fig.axes[0]
    texts = [t for t in ax.texts if t.get_text().strip()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    overlapping = [(texts[i].get_text(), texts[j].get_text()) for i in range(len(boxes)) for j in range(i)
                   if boxes[i].overlaps(boxes[j])]
    assert overlapping == []
    frame = fig.bbox  # the picture (a column in the sea may lie beyond the map's axes, which have no frame)
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    regions = specialisms(is8_lq_itl2(EXACT_YEAR, EXACT))
    expected = sorted(["London", *(short_region_name(n) for c, n in zip(regions["itl2_code"], regions["itl2_name"])
                                   if not c.startswith("TLI"))])
    assert sorted(t.get_text().replace("\n", " ") for t in texts) == expected
    # the names called out (left- or right-aligned in a column) are drawn with a leader line each
    called_out = [t for t in texts if t.get_horizontalalignment() != "center"]
    assert called_out and len(ax.lines) >= len(called_out)
    # and every name printed over the map lies (FITS_INSIDE) in its own region, not on a neighbour's
    from shapely.geometry import box

    from placeblind.publishing.figures_maps import FITS_INSIDE

    shapes = boundaries.boundaries("boundaries_itl2_jan2021")
    own = {short_region_name(n): g for c, n, g in zip(shapes["code"], shapes["name"], shapes.geometry)
           if not c.startswith("TLI")}
    own["London"] = shapes[shapes["code"].str.startswith("TLI")].union_all()
    to_data = ax.transData.inverted()
    elsewhere = []
    for t in texts:
        if t.get_horizontalalignment() == "center":
            (x0, y0), (x1, y1) = to_data.transform(t.get_window_extent(renderer).get_points())
            name_box = box(x0, y0, x1, y1)
            if own[t.get_text().replace("\n", " ")].intersection(name_box).area < FITS_INSIDE * name_box.area - 1:
                elsewhere.append(t.get_text())
    assert elsewhere == []
