"""Boundary maps: the IS-8 specialisms of the ITL2 regions and the fifteen
combined authorities of May 2025, drawn from the ONS boundary files in British
National Grid. Colour scales are viridis (sequential, colour-blind-safe)."""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib import patheffects
from matplotlib.colors import BoundaryNorm, Normalize
from matplotlib.figure import Figure

from ..analysis.authorities import authorities_2025_study, authority_summary
from ..cache import cached
from ..analysis.is8_regions import EXACT, EXACT_YEAR, is8_lq_itl2, specialisms
from ..claims.blog import ALL_EIGHT_REGIONS, NO_SPECIALISM_REGIONS
from ..data.boundaries import boundaries
from ..data.geography import STUDY_AUTHORITIES
from ..data.is8_definitions import IS8_SECTORS
from ..text import number_word
from .figures import OKABE_ITO, new_figure

LONDON_ITL1 = "TLI"
NORTHERN_IRELAND_ITL2 = "TLN0"  # no BRES here: BRES covers Great Britain


def _frame_map(ax) -> None:
    ax.set_aspect("equal")
    ax.set_axis_off()


def short_region_name(name: str) -> str:
    """An ITL2 name short enough to print on the map: the words before a comma
    or the first " and " ("Northumberland, and Tyne and Wear" -> "Northumberland
    and Tyne and Wear" keeps its sense, so only long names are cut)."""
    name = name.replace(", and ", " and ").replace(",", "")
    return name


def london_region_name(name: str) -> str:
    """A London ITL2 region's name as the map's London inset prints it, the
    inset's title saying London: "Outer London - East and North East" -> "Outer
    East and North East"."""
    return name.replace("London - ", "")


def is8_specialism_map() -> Figure:
    """ITL2 regions of Great Britain coloured by the number of measurable IS-8
    sectors with an LQ above 1 (BRES 2021, exact definitions), London enlarged in
    an inset, and the regions the blog names outlined."""
    counts = specialisms(is8_lq_itl2(EXACT_YEAR, EXACT)).set_index("itl2_code")
    regions = boundaries("boundaries_itl2_jan2021")
    regions = regions[regions["code"] != NORTHERN_IRELAND_ITL2].copy()
    missing = sorted(set(counts.index) ^ set(regions["code"]))
    if missing:
        raise ValueError(f"ITL2 regions in only one of the counts and the boundaries: {missing}")
    regions["n_specialisms"] = regions["code"].map(counts["n_specialisms"])
    n_measured = int(counts["n_measured"].max())
    cmap = matplotlib.colormaps["viridis"].resampled(n_measured + 1)
    norm = BoundaryNorm(np.arange(-0.5, n_measured + 1.5), cmap.N)
    fig, ax = new_figure(7.5, 9.5)
    named_none = regions[regions["code"].isin(list(NO_SPECIALISM_REGIONS))]
    named_all = regions[regions["code"].isin(list(ALL_EIGHT_REGIONS))]
    london = regions[regions["code"].str.startswith(LONDON_ITL1)]
    inset = ax.inset_axes([0.66, 0.6, 0.34, 0.3])  # over the North Sea
    for axes in (ax, inset):
        regions.plot(column="n_specialisms", cmap=cmap, norm=norm, edgecolor="white", linewidth=0.4, ax=axes)
        named_none.plot(facecolor="none", edgecolor=OKABE_ITO[5], linewidth=2.0, ax=axes)
        named_all.plot(facecolor="none", edgecolor=OKABE_ITO[0], linewidth=2.0, linestyle="--", ax=axes)
        _frame_map(axes)
    xmin, ymin, xmax, ymax = london.total_bounds
    inset.set_xlim(xmin - 2000, xmax + 2000)
    inset.set_ylim(ymin - 2000, ymax + 2000)
    inset.set_title("London, enlarged", fontsize=8)
    ax.indicate_inset_zoom(inset, edgecolor="black", linewidth=0.6)
    bar = fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, location="bottom",
                       shrink=0.7, pad=0.02, aspect=35, ticks=range(n_measured + 1))
    bar.set_label(f"IS-8 sectors with a location quotient above 1 (number, of {n_measured} measurable)")
    from matplotlib.lines import Line2D
    ax.legend(handles=[Line2D([], [], color=OKABE_ITO[5], linewidth=2, label="named by the blog: no specialism"),
                       Line2D([], [], color=OKABE_ITO[0], linewidth=2, linestyle="--",
                              label=f"named by the blog: all {number_word(len(IS8_SECTORS))}")],
              loc="upper left", fontsize=8, frameon=False)
    ax.set_title(f"IS-8 specialisms of the ITL2 regions of Great Britain, {EXACT_YEAR}")
    # last, once the layout is final: every region named on the main map (London's five once, as "London": the inset shows them)
    # smallest first: a small region's name has least room to move, a large one's moves within its own area
    outside = regions[~regions["code"].str.startswith(LONDON_ITL1)]
    outside = outside.iloc[outside.geometry.area.argsort(kind="stable")]
    shapes = [london.union_all(), *outside.geometry]
    names = ["London", *(short_region_name(name) for name in outside["name"])]
    region_labels(ax, shapes, names, land=regions.union_all(), fontsize=6, wrap=16)
    # and each of London's five regions named in the inset, with its count (smallest first, as above)
    london = london.iloc[london.geometry.area.argsort(kind="stable")]
    place_labels(inset, [(p.x, p.y, f"{london_region_name(name)}: {int(n)}") for p, name, n in
                         zip(london.geometry.representative_point(), london["name"], london["n_specialisms"])],
                 fontsize=6, wrap=14)
    return fig


# A name "fits" its area when this share of its box lies inside it (a ragged
# coast or an island chain leaves some sea under the name of a large area).
FITS_INSIDE = 0.8


def region_labels(ax, shapes: list, names: list[str], *, land, fontsize: float, wrap: int) -> None:
    """Name areas on a map where many are too small for their names (the ITL2
    regions of northern England and the Midlands): a name whose box fits inside
    its area (``FITS_INSIDE``) is printed there (``place_labels``); every other name is called out
    to a column in the sea beside the coast nearer its area (left or right of
    ``land``), in the order of the areas from north to south, with a leader line
    to a dot in the area. Which names are called out is measured, not listed."""
    import textwrap

    from shapely.geometry import LineString, box

    figure = ax.figure
    if figure.get_layout_engine() is not None:
        figure.get_layout_engine().execute(figure)
    ax.apply_aspect()
    if not hasattr(figure.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(figure)
    renderer = figure.canvas.get_renderer()
    to_data = ax.transData.inverted()
    inside, callouts = [], []
    for shape, name in zip(shapes, names):
        # a point inside the area's largest part (West Wales's would otherwise fall on Anglesey)
        point = max(getattr(shape, "geoms", [shape]), key=lambda part: part.area).representative_point()
        label = "\n".join(textwrap.wrap(name, wrap, break_long_words=False)) or name
        probe = ax.text(point.x, point.y, label, ha="center", va="center", fontsize=fontsize, linespacing=0.95)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        (x0, y0), (x1, y1) = to_data.transform([(extent.x0 - 1, extent.y0 - 1), (extent.x1 + 1, extent.y1 + 1)])
        name_box = box(x0, y0, x1, y1)
        if shape.intersection(name_box).area >= FITS_INSIDE * name_box.area:
            inside.append((point.x, point.y, name))
        else:
            callouts.append((point, label, extent.width, extent.height))
    place_labels(ax, inside, fontsize=fontsize, wrap=wrap)
    frame = ax.get_window_extent(renderer)
    xmin, _, xmax, _ = land.bounds
    sides: dict[str, list] = {"left": [], "right": []}
    for point, label, width, height in callouts:
        coast = LineString([(xmin - 1, point.y), (xmax + 1, point.y)]).intersection(land).bounds
        sides["left" if point.x - coast[0] < coast[2] - point.x else "right"].append((point, label, width, height))
    gap = 0.4 * fontsize / 72 * figure.dpi  # between called-out names, in pixels
    for side, items in sides.items():
        if not items:
            continue
        items.sort(key=lambda item: -item[0].y)  # north first
        bounds = [LineString([(xmin - 1, p.y), (xmax + 1, p.y)]).intersection(land).bounds for p, *_ in items]
        margin = 4 * fontsize / 72 * figure.dpi  # the column's distance from the coast, in pixels
        if side == "left":
            edge = ax.transData.transform((min(b[0] for b in bounds), 0))[0] - margin
        else:
            edge = ax.transData.transform((max(b[2] for b in bounds), 0))[0] + margin
        wanted = [ax.transData.transform((p.x, p.y))[1] for p, *_ in items]
        heights = [h for *_, h in items]
        placed = [wanted[0]]
        for i in range(1, len(items)):  # downwards, each below the one above it
            placed.append(min(wanted[i], placed[-1] - (heights[i - 1] + heights[i]) / 2 - gap))
        shift = sum(w - p for w, p in zip(wanted, placed)) / len(placed)  # centred on where they point
        shift = min(shift, frame.y1 - heights[0] / 2 - placed[0])
        shift = max(shift, frame.y0 + heights[-1] / 2 - placed[-1])
        for (point, label, width, _), y in zip(items, placed):
            tx, ty = to_data.transform((edge, y + shift))
            ax.text(tx, ty, label, ha="right" if side == "left" else "left", va="center", fontsize=fontsize,
                    color="black", linespacing=0.95, zorder=7,
                    path_effects=[patheffects.withStroke(linewidth=2.2, foreground="white")])
            ax.plot([tx, point.x], [ty, point.y], color="black", linewidth=0.6, zorder=6,
                    solid_capstyle="butt")
            ax.plot([point.x], [point.y], marker="o", markersize=2.2, color="black", markeredgecolor="white",
                    markeredgewidth=0.5, zorder=6)


def authorities_2025_map() -> Figure:
    """The fifteen combined authorities of May 2025 on the districts of England,
    coloured by their share of residents 16+ with Level 4+ in 2021, numbered,
    the paper's original ones with a solid outline and the later ones with a dashed one."""
    summary = authority_summary(authorities_2025_study()).sort_values("authority_code").reset_index(drop=True)
    areas = boundaries("boundaries_cauth_may2025").merge(
        summary[["authority_code", "authority", "pct_level4_plus_2021"]], left_on="code", right_on="authority_code",
        how="outer", indicator=True, validate="one_to_one")
    if not (areas["_merge"] == "both").all():
        raise ValueError(f"authorities in only one of the boundaries and the lookup: "
                         f"{areas.loc[areas['_merge'] != 'both', ['code', 'authority_code']].values.tolist()}")
    districts = boundaries("boundaries_lad_dec2024")
    england = districts[districts["code"].str.startswith("E")]
    fig, ax = new_figure(6.5, 7.2)
    england.plot(facecolor="#EEEEEE", edgecolor="white", linewidth=0.3, ax=ax)
    norm = Normalize(areas["pct_level4_plus_2021"].min(), areas["pct_level4_plus_2021"].max())
    areas.plot(column="pct_level4_plus_2021", cmap="viridis", norm=norm, edgecolor="none", ax=ax)
    original = areas["authority"].isin(STUDY_AUTHORITIES)
    areas[original].plot(facecolor="none", edgecolor="black", linewidth=1.4, ax=ax)
    areas[~original].plot(facecolor="none", edgecolor="black", linewidth=1.2, linestyle="--", ax=ax)
    # each authority named on the map (black on a white halo reads on every fill and on the sea)
    _frame_map(ax)
    from matplotlib.lines import Line2D
    ax.legend(handles=[Line2D([], [], color="black", linewidth=1.4,
                              label=f"one of the paper's {number_word(len(STUDY_AUTHORITIES))}"),
                       Line2D([], [], color="black", linewidth=1.2, linestyle="--", label="formed later")],
              loc="upper left", fontsize=8, frameon=False)
    bar = fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap="viridis"), ax=ax, location="bottom",
                       shrink=0.6, pad=0.01, aspect=30)
    bar.set_label("Residents 16+ with Level 4+ qualifications, 2021 (%)")
    ax.set_title("The combined authorities of May 2025")
    # last, once the layout is final
    by_size = areas.iloc[areas.geometry.area.argsort(kind="stable")]  # smallest first, as on the ITL2 map
    points = [(p.x, p.y, name) for p, name in zip(by_size.geometry.representative_point(), by_size["authority"])]
    place_labels(ax, points, fontsize=7.5, wrap=16)
    return fig


def place_labels(ax, points: list[tuple[float, float, str]], *, fontsize: float = 7.5, wrap: int = 14,
                 dots: bool = False) -> list:
    """Name places on a map without overlap: each name at its point, black on a
    white halo (legible on any fill), long names wrapped at spaces; a name that
    would overlap one already placed (earlier points first) moves to the nearest
    free spot on rings around its point, with a line back to it. ``dots`` marks
    each point (where a name may sit beside a small area, as on the hex map).

    Hand-written rather than adjustText: that library's iterations redraw every
    label many times (several seconds a map, and the book draws eighteen maps),
    while this measures each label once and searches in screen coordinates.
    """
    import math
    import textwrap

    from matplotlib.transforms import Bbox

    if dots:
        ax.scatter([x for x, _, _ in points], [y for _, y, _ in points], s=6, color="black", zorder=6,
                   edgecolors="white", linewidths=0.5)
    texts = [ax.text(x, y, "\n".join(textwrap.wrap(name, wrap, break_long_words=False)) or name, ha="center",
                     va="center", fontsize=fontsize, color="black", linespacing=0.95,
                     path_effects=[patheffects.withStroke(linewidth=2.2, foreground="white")], zorder=7)
             for x, y, name in points]
    figure = ax.figure
    if figure.get_layout_engine() is not None:
        figure.get_layout_engine().execute(figure)  # the final axes, so screen distances are the printed ones
    ax.apply_aspect()  # and the equal aspect a map is drawn with (applied at draw time otherwise)
    if not hasattr(figure.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(figure)  # a canvas that can measure text (the PNG is drawn by Agg as well)
    renderer = figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed: list = []
    for text, (x, y, _) in zip(texts, points):
        box = text.get_window_extent(renderer)
        width, height = box.width + 2, box.height + 2
        cx, cy = ax.transData.transform((x, y))
        spot = None
        for ring in range(0, 12):
            radius = ring * 0.6 * height
            for angle in (range(0, 360, 30) if ring else (0,)):
                dx, dy = radius * math.cos(math.radians(angle)), radius * math.sin(math.radians(angle))
                candidate = Bbox.from_bounds(cx + dx - width / 2, cy + dy - height / 2, width, height)
                inside = frame.contains(candidate.x0, candidate.y0) and frame.contains(candidate.x1, candidate.y1)
                if inside and not any(candidate.overlaps(other) for other in placed):
                    spot = (dx, dy, candidate)
                    break
            if spot:
                break
        dx, dy, candidate = spot or (0.0, 0.0, Bbox.from_bounds(cx - width / 2, cy - height / 2, width, height))
        placed.append(candidate)
        if dx or dy:
            text.set_position(ax.transData.inverted().transform((cx + dx, cy + dy)))
            ax.annotate("", xy=(x, y), xytext=text.get_position(), zorder=6,
                        arrowprops={"arrowstyle": "-", "color": "black", "linewidth": 0.6,
                                    "shrinkA": 0.45 * min(width, height), "shrinkB": 1})
    return texts


def authority_districts(authority_code: str):
    """The districts of one combined authority of May 2025 (``places.authority_members``)
    on the December 2024 district boundaries: ``code`` (2025), ``name``,
    ``geometry``. A district recoded in 2025 (Barnsley, Sheffield) is drawn
    with its December 2024 boundary (:mod:`placeblind.data.district_codes`)."""
    from ..analysis.places import authority_members
    from ..data.district_codes import sources_of

    members = authority_members(authority_code)
    shapes = boundaries("boundaries_lad_dec2024").set_index("code")
    available = set(shapes.index)
    rows = [{"code": code, "name": name,
             "geometry": shapes.loc[list(sources_of(code, available)), "geometry"].union_all()}
            for code, name in zip(members["code"], members["name"])]
    import geopandas as gpd

    return gpd.GeoDataFrame(rows, geometry="geometry", crs=shapes.crs)


def authority_map(authority_code: str) -> Figure:
    """One combined authority of May 2025: its districts coloured by the share of
    residents 16+ with Level 4+ in 2021 (one viridis scale shared by every
    authority's map, so colours compare across sections), each named, and the
    surrounding districts of England in grey for where it lies."""
    from ..analysis.places import authority_sections, places

    table = places()
    sections = authority_sections().set_index("authority_code")
    districts = authority_districts(authority_code)
    # Level 4+ by 2025 code: a merged district (North Yorkshire) from its 2021 parts' summed counts
    level4 = table.groupby("code_2025")["pct_level4_plus_2021"].first()
    merged = authority_level4_by_2025_code()
    districts["level4"] = districts["code"].map(merged).fillna(districts["code"].map(level4))
    norm = Normalize(*authority_level4_range())
    # A fixed layout (no constrained layout: a map is drawn for each authority, so
    # each must be cheap): the map, and beneath it the colour scale shared by all
    # fifteen maps, its ends the lowest and highest district of any authority.
    width_in, height_in = 4.8, 4.0
    fig, _ = new_figure(width_in, height_in, axes=False)
    fig.set_layout_engine(None)
    box = (0.01, 0.19, 0.98, 0.72)  # left, bottom, width, height: the map
    ax = fig.add_axes(box)
    colour_scale(fig, fig.add_axes((0.22, 0.115, 0.56, 0.035)), norm)
    xmin, ymin, xmax, ymax = districts.total_bounds
    pad = 0.08 * max(xmax - xmin, ymax - ymin)
    width, height = xmax - xmin + 2 * pad, ymax - ymin + 2 * pad
    # the axes' shape, so the grey surroundings fill the frame
    aspect = (box[3] * height_in) / (box[2] * width_in)
    if height / width < aspect:
        grow = (aspect * width - height) / 2
        ymin, ymax = ymin - grow, ymax + grow
    else:
        grow = (height / aspect - width) / 2
        xmin, xmax = xmin - grow, xmax + grow
    england = boundaries("boundaries_lad_dec2024")
    around = england.cx[xmin - pad:xmax + pad, ymin - pad:ymax + pad]
    around.plot(facecolor="#E4E4E4", edgecolor="white", linewidth=0.5, ax=ax)
    districts.plot(column="level4", cmap="viridis", norm=norm, edgecolor="white", linewidth=0.8, ax=ax)
    ax.set_xlim(xmin - pad, xmax + pad)
    ax.set_ylim(ymin - pad, ymax + pad)
    _frame_map(ax)
    by_size = districts.iloc[districts.geometry.area.argsort(kind="stable")]  # smallest first
    points = [(p.x, p.y, name) for p, name in zip(by_size.geometry.representative_point(), by_size["name"])]
    place_labels(ax, points, fontsize=8)
    fig.suptitle(f"{sections.loc[authority_code, 'authority']}: its districts", fontsize=10, y=0.97)
    return fig


AUTHORITY_SCALE_LABEL = "Residents 16+ with Level 4+ qualifications, 2021 (%)"


def colour_scale(fig: Figure, cax, norm: Normalize):
    """The authority maps' colour bar (viridis, as the maps) in ``cax``: its ends
    the shared range, its ticks matplotlib's round numbers inside that range."""
    bar = fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap="viridis"), cax=cax, orientation="horizontal")
    bar.ax.tick_params(labelsize=7.5, length=2, pad=1.5)
    bar.set_label(AUTHORITY_SCALE_LABEL, fontsize=7.5, labelpad=2)
    return bar


@cached(maxsize=1)  # each of the fifteen maps reads it twice: put together once (a second otherwise)
def authority_level4_by_2025_code():
    """The 2021 Level 4+ share of each district of the 2025 authorities under its
    2025 code (``authorities_2025_districts``: merged districts from summed counts)."""
    from ..analysis.authorities import authority_profiles

    return authority_profiles().set_index("code")["pct_level4_plus_2021"]


def authority_level4_range() -> tuple[float, float]:
    """The colour scale's ends, shared by every authority's map."""
    values = authority_level4_by_2025_code()
    return float(values.min()), float(values.max())
