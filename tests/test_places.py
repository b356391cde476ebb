"""Find your place: every district's row, checked by hand against the raw files,
the authorities' placing sentences on both sides, and the page's pieces."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from placeblind.analysis import places
from placeblind.data.readers import read_catalogued_csv
from placeblind.publishing import places_page

HULL, BARNSLEY, HARROGATE, CORNWALL = "E06000010", "E08000016", "E07000165", "E06000052"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return places.places().set_index("code")


def test_one_row_per_district_of_england_and_wales(table):
    census = read_catalogued_csv("census2021_ts067", ["Lower Tier Local Authorities Code"])
    assert set(table.index) == set(census["Lower Tier Local Authorities Code"])
    assert table.index.is_unique
    assert list(places.places().columns) == places.place_columns()


def test_hulls_level4_share_by_hand(table):
    """The 2021 share from the raw census counts: Level 4+ over all residents 16+."""
    from placeblind.data.census import qualifications_2021

    row = qualifications_2021().set_index("code").loc[HULL]
    assert f"{100 * row['level4_plus'] / row['all_16plus']:.1f}" == f"{table.loc[HULL, 'pct_level4_plus_2021']:.1f}"
    assert table.loc[HULL, "name"] == "Kingston upon Hull, City of"
    assert table.loc[HULL, "authority_2025"] == "Hull and East Yorkshire"
    assert f"{table.loc[HULL, 'change_level4_plus_pp']:.6f}" == \
        f"{table.loc[HULL, 'pct_level4_plus_2021'] - table.loc[HULL, 'pct_level4_plus_2011']:.6f}"


def test_codes_of_2021_and_2025(table):
    assert table.loc[BARNSLEY, "code_2025"] == "E08000038"
    assert table.loc[BARNSLEY, "authority_2025"] == "South Yorkshire"
    assert table.loc[HARROGATE, "code_2025"] == "E06000065"
    assert table.loc[HARROGATE, "authority_2025"] == "York and North Yorkshire"
    assert table.loc[HULL, "code_2025"] == HULL


def test_a_district_in_no_authority(table):
    cornwall = table.loc[CORNWALL]
    assert cornwall["name"] == "Cornwall" and cornwall["authority_2025"] == "" and cornwall["section"] == ""
    assert cornwall["itl2_code"] == "TLK3"
    assert cornwall["region_is8_n"] == 0 and cornwall["region_is8_specialisms"] == ""


def test_largest_sector_is_the_largest_share():
    vintage = places.newest_vintage()
    from placeblind.analysis.sector_measures import study_measures
    from placeblind.data.study import england_and_wales_study

    measures = study_measures(vintage, "GB", england_and_wales_study(2025))
    hull = measures[measures["code"] == HULL].set_index("sector")["share_pct"]
    row = places.places().set_index("code").loc[HULL]
    assert row[f"largest_sector_{vintage}"] == str(hull.idxmax())
    assert row[f"largest_sector_pct_{vintage}"] == hull.max()


def test_itl2_of_an_unknown_code_stops():
    from placeblind.errors import DataError

    with pytest.raises(DataError, match="E99999999"):
        places.itl2_of(["E99999999"])


def test_placing_words_on_both_sides():
    assert places.placing(40.0, 33.8, 1, 15).startswith("above England and Wales (33.8%), the highest")
    assert places.placing(20.0, 33.8, 15, 15).startswith("below England and Wales (33.8%), the lowest")
    assert places.placing(30.0, 33.8, 2, 15).endswith("the 2nd highest of the 15 authorities")
    assert places.placing(30.0, 33.8, 14, 15).endswith("the 2nd lowest of the 15 authorities")
    assert places.placing(33.8, 33.8, 8, 15).startswith("level with")
    assert [places.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]


def test_a_tie_in_the_ranks_stops_the_sentence():
    sections = places.authority_sections().copy()
    places.check_no_ties(sections)
    sections.loc[1, "rank_level4_plus_2021"] = sections.loc[0, "rank_level4_plus_2021"]
    with pytest.raises(ValueError, match="tied"):
        places.check_no_ties(sections)


def test_authority_sections_count_districts_in_both_code_years():
    sections = places.authority_sections().set_index("authority")
    assert sections.loc["York and North Yorkshire", "districts_2025"] == 2
    assert sections.loc["York and North Yorkshire", "districts_2021"] == 8
    assert (sections.drop(index="York and North Yorkshire")["districts_2025"]
            == sections.drop(index="York and North Yorkshire")["districts_2021"]).all()
    west = sections.loc["West of England"]
    assert west["rank_level4_plus_2021"] == 1 and "the highest of the 15 authorities" in west["sentence"]
    assert f"{west['pct_level4_plus_2021']:.1f}%" in west["sentence"]


def test_section_anchor():
    assert places.section_anchor("Hull and East Yorkshire") == "authority-hull-and-east-yorkshire"
    assert places.section_anchor("") == ""


def test_the_page_table_keeps_every_district_and_prints_as_rounded():
    frame = places_page.places_display()
    assert len(frame) == len(places.places())
    hull = frame[frame["District"] == "Kingston upon Hull, City of"].iloc[0]
    assert hull["Level 4+ 2021 (%)"] == f"{places.places().set_index('code').loc[HULL, 'pct_level4_plus_2021']:.1f}"
    assert hull["Manuf. LQ 2017"] == f"{places.places().set_index('code').loc[HULL, 'manufacturing_lq_2017']:.2f}"
    assert 'href="#authority-hull-and-east-yorkshire"' in hull["Combined authority 2025"]


def test_the_page_table_sends_each_number_once():
    """The numbers reach the page as printed text (DataTables sorts them as
    numbers), not as itables' pairs of display text and float."""
    import re

    markup = places_page.places_table().data
    assert 'id="places-table"' in markup
    assert not re.search(r'\[\\"-?\d+\.\d+\\", -?\d', markup), "a number sent twice"
    assert "Kingston upon Hull, City of" in markup


def test_the_table_code_is_the_sites_own_copy():
    """The page loads DataTables from the site's own files (copied from the pinned
    itables package at every build), not inlined, and the copy holds the package's
    code unchanged."""
    import json

    from itables import options

    files = places_page.itables_bundle_files()
    assert set(files) == {"dt_bundle.js", "dt_bundle.css"}
    held = files["dt_bundle.js"].split(" = ", 1)[1].rstrip().rstrip(";")
    assert json.loads(held) == Path(options.dt_bundle).read_text(encoding="utf-8")
    loader = places_page.itables_init().data
    assert f"{places_page.ITABLES_STATIC}/dt_bundle.js" in loader and len(loader) < 5000
    assert f'"itables-{places_page.itables_version()}-ready"' in loader


def test_the_offline_table_asks_no_other_host():
    """Outside what only a browser without JavaScript shows (noscript), the table
    and its set-up name no other host: the DataTables code is the site's own."""
    import re

    for markup in (places_page.places_table().data, places_page.itables_init().data):
        shown = re.sub(r"<noscript>.*?</noscript>", "", markup, flags=re.S)
        # links to itables' help may stand in the placeholder; nothing is loaded from another host
        assert not re.search(r"(src|import|url)\s*[=(]\s*['\"]?https?://", shown)
    assert 'id="places-table"' in places_page.places_table().data


def test_each_authority_map_names_its_districts():
    from placeblind.publishing.figures_maps import authority_districts
    from placeblind.publishing.places_page import authority_map_alt

    alt = authority_map_alt("E47000002")
    for name in ("Barnsley", "Doncaster", "Rotherham", "Sheffield"):
        assert name in alt
    districts = authority_districts("E47000012")
    assert sorted(districts["name"]) == ["North Yorkshire", "York"]
    with pytest.raises(ValueError, match="E47999999"):
        authority_districts("E47999999")


def test_each_authority_map_has_the_shared_numeric_scale_from_the_data():
    """Beneath each authority's map, a colour bar in % whose ends are the lowest and
    highest district of any authority (the data, not typed numbers) and whose
    numbered ticks lie inside them; the same scale on every map."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from placeblind.publishing.figures_maps import (AUTHORITY_SCALE_LABEL, authority_level4_by_2025_code,
                                                    authority_map)

    values = authority_level4_by_2025_code()
    low, high = float(values.min()), float(values.max())
    scales = []
    for code in ("E47000001", "E47000016"):
        fig = authority_map(code)
        FigureCanvasAgg(fig).draw()
        bar = [ax for ax in fig.axes if ax.get_xlabel() == AUTHORITY_SCALE_LABEL]
        assert len(bar) == 1 and "(%)" in AUTHORITY_SCALE_LABEL
        assert bar[0].get_xlim() == pytest.approx((low, high))
        # the numbered ticks a reader sees (matplotlib also lists some beyond the bar's ends, not drawn)
        ticks = [(t.get_position()[0], t.get_text()) for t in bar[0].get_xticklabels()
                 if t.get_text() and low <= t.get_position()[0] <= high]
        assert len(ticks) >= 3 and all(float(text) == pytest.approx(x) for x, text in ticks)
        scales.append(ticks)
    assert scales[0] == scales[1]


def test_map_labels_do_not_overlap():
    """The label placer's promise, on a crowded case: twelve names at one point."""
    from matplotlib.transforms import Bbox

    from placeblind.publishing.figures import new_figure
    from placeblind.publishing.figures_maps import place_labels

    fig, ax = new_figure(4, 4)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    texts = place_labels(ax, [(5, 5, f"Place number {i}") for i in range(12)])
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i) if Bbox.intersection(boxes[i], boxes[j])
                and boxes[i].overlaps(boxes[j])]
    assert overlaps == []


@pytest.mark.parametrize("code", ["E47000001", "E47000012"])
def test_authority_maps_are_the_same_in_another_process(code, figures_from_another_process):
    """``make figures`` (another process, an empty cache) draws each authority's map
    to the same bytes as this process."""
    from placeblind.publishing.registry import authority_map_png

    assert authority_map_png.uncached(code) == figures_from_another_process[f"authority_map_{code}"]
