"""The "find your place" page: every district in one searchable, sortable table
(itables, offline: the DataTables code shipped in the pinned itables package is
served from the site's own ``_static/itables/``, so it works with the network
blocked and under ``file://``), and one section per combined authority of May
2025, all from one template (:func:`authority_section`).

The numbers come from the registered tables ``places`` and
``authority_sections`` (:mod:`placeblind.analysis.places`); this module only
formats them for the page.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown

from .. import config
from ..analysis.places import SECTOR_STEMS, place_vintages, places
from .tables import publish_csv

TABLE_ID = "places-table"  # fixed, so the page's HTML is the same on every build
# Every district's own place on the page, from its 2021 ONS code (stable across builds
# and as long as the code lives): a district of a combined authority has its row in
# its authority's table (AUTHORITY_ROW, in the page's HTML); every other district's
# row is in the interactive table (TABLE_ROW: its row takes the id when the loader
# draws it, and the loader shows that row when the page's address names it).
AUTHORITY_ROW = "district-"
TABLE_ROW = "place-"
SHORT_SECTOR = {"manufacturing": "Manuf.", "digital": "Digital", "professional": "Prof."}


def _printed(values: pd.Series, digits: int) -> list[str]:
    """Numbers as the page prints them. The table receives the printed text, not
    floats: DataTables reads a column of numbers written as text as numeric and
    sorts it so, while a float column would travel to the page twice (itables
    pairs each float's display text with its value), doubling the page's data."""
    return [f"{value:.{digits}f}" for value in values]


def places_display() -> pd.DataFrame:
    """The page's view of ``places``: one row per district, short headers with
    units, numbers printed as on the page (1 decimal for %, 2 for LQs; sorting is
    numeric), the district's authority linked to its section. The columns a
    reader comes for first (the 2021 shares, their change and the largest
    sector), so that a phone, which shows three or four columns before the table
    scrolls sideways, shows them beside the name; the code last."""
    table = places()
    earliest, newest = place_vintages()
    measures = (("level4_plus", "Level 4+"), ("no_qualifications", "No qual."))
    out = pd.DataFrame()
    out["District"] = table["name"]
    for key, label in measures:
        out[f"{label} 2021 (%)"] = _printed(table[f"pct_{key}_2021"], 1)
        out[f"{label} change (pp)"] = _printed(table[f"change_{key}_pp"], 1)
    out[f"Largest sector {newest}"] = [f"{s} ({v:.1f}%)" for s, v in
                                       zip(table[f"largest_sector_{newest}"], table[f"largest_sector_pct_{newest}"])]
    authority = table["authority_2025"].where(table["authority_2025"] != "", "none")
    out["Combined authority 2025"] = [
        f'<a href="#{html.escape(anchor)}">{html.escape(name)}</a>' if anchor else name
        for name, anchor in zip(authority, table["section"])]
    out["ITL2 region"] = table["itl2_name"]
    for key, label in measures:
        out[f"{label} 2011 (%)"] = _printed(table[f"pct_{key}_2011"], 1)
    out[f"Largest sector {earliest}"] = table[f"largest_sector_{earliest}"]
    for stem in SECTOR_STEMS.values():
        for vintage in (newest, earliest):
            out[f"{SHORT_SECTOR[stem]} share {vintage} (%)"] = _printed(table[f"{stem}_pct_{vintage}"], 1)
            out[f"{SHORT_SECTOR[stem]} LQ {vintage}"] = _printed(table[f"{stem}_lq_{vintage}"], 2)
    out["Region's IS-8 specialisms"] = [f"{s or 'none'} ({n} of {m})" for s, n, m in zip(
        table["region_is8_specialisms"], table["region_is8_n"], table["region_is8_measured"])]
    out["Code 2021"] = table["code"]
    return out


# Where the site keeps itables' DataTables code and style, from its root; copied
# there at every build by placeblind.publishing.sphinx_site (from the pinned package).
ITABLES_STATIC = "_static/itables"
ITABLES_SOURCE_GLOBAL = "placeblindTableCode"  # the bundle's text, as a classic script defines it


def itables_bundle_files() -> dict[str, str]:
    """The files the site serves under ``ITABLES_STATIC``: itables' stylesheet as
    it is, and its DataTables module (an ES module) as a classic script that
    holds the module's text. A classic script loads under ``file://`` where a
    module file would not; the loader (:func:`itables_init`) imports the text
    as a module, as itables' own offline mode does with the copy it inlines."""
    from itables import options

    bundle = Path(options.dt_bundle)
    source = bundle.read_text(encoding="utf-8")
    return {
        "dt_bundle.css": bundle.with_suffix(".css").read_text(encoding="utf-8"),
        "dt_bundle.js": (f"/* DataTables and its extensions as bundled by itables {itables_version()} (MIT; the "
                         "licences are in the text below). Its text is held here, to be imported as a module. */\n"
                         f"window.{ITABLES_SOURCE_GLOBAL} = {json.dumps(source)};\n"),
    }


def itables_version() -> str:
    from itables.version import __version__

    return __version__


# The loader: the stylesheet and the code from the site's own files (found from
# the page's content root, so the page may sit anywhere in the site), resolved
# under the name and event itables' tables wait for. After a site search, the
# search's words are put in the table's box when they find a district (Sphinx
# keeps them for the page the reader opens; read here before Sphinx clears them).
# Each row drawn takes its district's id (TABLE_ROW and its code), and an address
# naming one (#place-E06000052, from the region list) shows that district's row.
_LOADER = """<script>
(() => {
  const ready = "itables-VERSION-ready", key = "_itables_" + "VERSION".replaceAll(".", "_");
  const searched = localStorage.getItem("sphinx_highlight_terms")
    || new URLSearchParams(window.location.search).get("highlight") || "";
  if (window[key]) return;
  const root = document.documentElement.dataset.content_root || "";
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = root + "STATIC/dt_bundle.css";
  document.head.appendChild(style);
  window[key] = new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = root + "STATIC/dt_bundle.js";
    script.onerror = () => reject(new Error("the table's code did not load from " + script.src));
    script.onload = () => {
      const url = URL.createObjectURL(new Blob([window.GLOBAL], {type: "text/javascript"}));
      delete window.GLOBAL;
      import(url).then(module => { URL.revokeObjectURL(url); resolve(module); }, reject);
    };
    document.head.appendChild(script);
  });
  window[key].then(({jQuery: $}) => {
    $(document).on("init.dt", (event, settings) => {
      if (settings.nTable.id !== "TABLE_ID") return;
      const table = new $.fn.dataTable.Api(settings);
      // each row drawn carries its district's id, ROW_PREFIX and its 2021 code (the last column)
      const mark = () => table.rows({page: "current"}).every(function () {
        const data = this.data();
        this.node().id = "ROW_PREFIX" + data[data.length - 1];
      });
      table.on("draw", mark);
      // an address naming a district's row (the region list's links) shows that row
      const show = () => {
        const id = decodeURIComponent(window.location.hash.slice(1));
        if (!id.startsWith("ROW_PREFIX")) return false;
        table.search(id.slice("ROW_PREFIX".length)).draw();
        const row = document.getElementById(id);
        if (row) {
          document.querySelectorAll("#TABLE_ID tr.place-shown").forEach(r => r.classList.remove("place-shown"));
          row.classList.add("place-shown");
          row.scrollIntoView({block: "center"});
        }
        return true;
      };
      window.addEventListener("hashchange", show);
      mark();
      if (show() || !searched) return;
      table.search(searched).draw();
      if (!table.rows({search: "applied"}).count()) table.search("").draw();
    });
    window.dispatchEvent(new Event(ready));
  });
})();
</script>"""


def itables_init() -> HTML:
    """itables' offline set-up, once per page, without a copy of DataTables in the
    page: the loader reads the site's own copy (:func:`itables_bundle_files`),
    which keeps the page light (the code alone is about 0.7 MB, 1 MB inlined
    as itables' base64) and lets a browser cache it. The page needs the built
    site around it; in a notebook the table shows only after ``make book``."""
    from itables import options

    options.display_logo_when_loading = False  # the logo's link is to another host
    loader = (_LOADER.replace("VERSION", itables_version()).replace("STATIC", ITABLES_STATIC)
              .replace("GLOBAL", ITABLES_SOURCE_GLOBAL).replace("TABLE_ID", TABLE_ID)
              .replace("ROW_PREFIX", TABLE_ROW))
    return HTML(loader)


def places_table() -> HTML:
    """The searchable, sortable table of every district (and its CSV written
    where the page's download link finds it)."""
    from itables import javascript

    for name in ("places", "district_code_changes", "key_quantities"):  # the page's download links
        publish_csv(name)
    frame = places_display()
    markup = javascript.to_html_datatable(
        frame, table_id=TABLE_ID, connected=False, allow_html=True, display_logo_when_loading=False,
        classes="display nowrap compact", style="font-size:0.85rem", scrollX=True, fixedColumns={"start": 1}, paging=True, pageLength=10,
        lengthMenu=[10, 25, 50, 100, len(frame)], order=[], showIndex=False, autoWidth=False,
        maxBytes=0,  # never downsample: every district is in the table
        language={"search": "Find your district:", "searchPlaceholder": "name, code or region"},
        warn_on_undocumented_option=False)
    return HTML(markup)


def maps_dir():
    """Where the authorities' map PNGs are written for the page (beside the tables)."""
    path = config.REPO_ROOT / "_build" / "maps"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write_if_changed(path, data: bytes) -> None:
    # A new modification time would make the next build re-read the page.
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def authority_table(code: str) -> str:
    """The paper's four measures for an authority's districts, as a pipe table:
    Level 4+ and no qualifications in 2021 (with the change since 2011), and the
    newest vintage's share and LQ of the three prioritised sectors."""
    from .tables import markdown_table

    table = places()
    _, newest = place_vintages()
    rows = table[table["authority_2025_code"] == code]
    frame = pd.DataFrame({
        # each district's row anchored (district_target): an empty element, so its text stays the name
        "District": [f'<span id="{AUTHORITY_ROW}{c}"></span>{html.escape(n)}' for c, n in zip(rows["code"], rows["name"])],
        "Level 4+ 2021 (%)": rows["pct_level4_plus_2021"],
        "Level 4+ change (pp)": rows["change_level4_plus_pp"],
        "No qual. 2021 (%)": rows["pct_no_qualifications_2021"],
        "No qual. change (pp)": rows["change_no_qualifications_pp"],
        **{f"{SHORT_SECTOR[s]} share / LQ {newest}": [f"{p:.1f} / {q:.2f}" for p, q in
                                                      zip(rows[f"{s}_pct_{newest}"], rows[f"{s}_lq_{newest}"])]
           for s in SECTOR_STEMS.values()},
    })
    return markdown_table(frame, {c: 1 for c in frame.columns})


def png_width(data: bytes) -> int:
    """A PNG's width in pixels, from its header (the IHDR chunk, always first: four
    bytes at a fixed place, read without opening the image)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big")


def authority_map_alt(authority_code: str) -> str:
    """Alt text of an authority's map (``figures_maps.authority_map``): what it shows
    and every district it names. Read from the authority's membership, not from the
    drawn map's boundaries: the page then loads neither geopandas nor matplotlib
    when the maps are already drawn."""
    from ..analysis.places import authority_members, authority_sections

    districts = authority_members(authority_code)
    name = authority_sections().set_index("authority_code").loc[authority_code, "authority"]
    return (f"Map of {name}'s {len(districts)} districts, each named and coloured by its share of residents "
            f"with a degree-level qualification in 2021: {', '.join(sorted(districts['name']))}.")


def authority_section(row: pd.Series) -> str:
    """One authority's section (the template every authority goes through): an
    anchored heading, the computed sentence, its labelled map and its table."""
    from .registry import authority_map_png  # drawn once per build, kept on disk

    code = row["authority_code"]
    png = maps_dir() / f"authority_{code}.png"
    data = authority_map_png(code)
    _write_if_changed(png, data)
    _, newest = place_vintages()
    count = (f"{row['districts_2025']} districts under 2025 codes" if row["districts_2025"] == row["districts_2021"]
             else f"{row['districts_2025']} districts under 2025 codes, {row['districts_2021']} under the 2021 "
                  "codes the censuses use ([why](#district-codes))")
    return "\n".join([
        f'<h3 id="{row["section"]}" class="authority-section">{html.escape(row["authority"])}</h3>',
        "",
        f"{row['authority']} ({code}; {count}). {row['sentence']}",
        "",
        f"```{{figure}} /{png.relative_to(config.REPO_ROOT).as_posix()}",
        f":alt: {authority_map_alt(code)}",
        # at its own width, or the column's if narrower (_static/tables.css): its names read at 1280 px
        f":width: {png_width(data)}px",
        # fifteen maps on one page: each loads as the reader reaches it, in a box of
        # its own shape from the start (_static/tables.css), so links into the page land true
        ":loading: lazy",
        ":class: authority-map",
        "",
        # the boundaries' source and licence are said once, above the sections (MAPS_NOTE)
        f"{row['authority']}'s districts, named, shaded by the share of residents aged 16+ with Level 4+ "
        "qualifications in 2021 (%; one colour scale, beneath the map, for every authority's map, from the "
        "lowest district of any authority to the highest); neighbouring districts in grey.",
        "```",
        "",
        # a colon fence: a backtick fence's opening line may not hold the caption's {download} role
        f":::{{table}} {row['authority']}: the paper's four measures for its districts. Level 4+ and no "
        "qualifications: share of residents aged 16+ (%), 2021 Census, and the change since 2011 in percentage "
        f"points; sectors: share of jobs (%) and location quotient (Great Britain = 1), BRES {newest}. "
        "Source: ONS (Census, BRES). Data: {download}`CSV </_build/tables/places.csv>`.",
        "",
        authority_table(code),
        ":::",
        "",
    ])


# Said once for the page's fifteen maps, above them, rather than under each.
MAPS_NOTE = ("Every map below: district boundaries from the Office for National Statistics, December 2024, "
             "licensed under the Open Government Licence v3.0; contains OS data © Crown copyright and "
             "database right 2024. Level 4+ shares: ONS, 2021 Census (TS067).")


def authority_sections_markdown() -> Markdown:
    """Every authority's section, in name order, after a list linking to each and
    the maps' source and licence (:data:`MAPS_NOTE`), said once for all of them."""
    from .registry import registered_table

    sections = registered_table("authority_sections")
    publish_csv("authority_sections")
    # raw links: the sections' ids are HTML ids, not Sphinx labels
    links = " · ".join(f'<a href="#{anchor}">{html.escape(name)}</a>'
                       for name, anchor in zip(sections["authority"], sections["section"]))
    return Markdown("\n".join([links, "", f'<p class="maps-note">{html.escape(MAPS_NOTE)}</p>', "",
                               *(authority_section(row) for _, row in sections.iterrows())]))


def districts_by_region_markdown() -> Markdown:
    """Every district's name as page text, grouped by ITL2 region: the site's
    search indexes page text, not the interactive table's data, so this is what
    lets a reader's search for a district find this page. Each name links to
    the district's own row on the page (:func:`district_target`)."""
    table = places()
    lines = []
    for region, part in table.groupby("itl2_name", sort=True):
        links = (f'<a href="#{district_target(row)}">{html.escape(row["name"])}</a>'
                 for _, row in part.sort_values("name").iterrows())
        lines.append(f"- **{region}**: {', '.join(links)}.")
    return Markdown("\n".join(lines))


def district_target(row: pd.Series) -> str:
    """The id of a district's own row on the page (``row``: one of ``places``):
    its row in its authority's table, the most precise place that holds it
    without the interactive table's code, else its row in the interactive table."""
    return f"{AUTHORITY_ROW if row['authority_2025_code'] else TABLE_ROW}{row['code']}"
