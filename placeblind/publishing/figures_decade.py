"""Figures of the decade-on chapter: a hex map of every district of England and
Wales, and the change in the graduate share against its 2011 level."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from ..analysis.decade import attainment_change, convergence
from ..data.geography import ENGLAND_AND_WALES
from ..data.hexmaps import hex_layout
from .figures import authority_legend, new_figure

HEXMAP = "hexmap_lad2021"  # 2021 codes: the districts of the 2021 Census


def _hexagon(x: float, y: float) -> list[tuple[float, float]]:
    """The corners of a pointy-topped hexagon one unit wide centred on (x, y)."""
    radius = 1 / math.sqrt(3)
    return [(x + radius * math.cos(math.radians(a)), y + radius * math.sin(math.radians(a)))
            for a in range(30, 390, 60)]


def _hex_panel(ax, hexes: pd.DataFrame, values: pd.Series, outlined: pd.Series, cmap: str, label: str,
               title: str) -> None:
    polygons = [_hexagon(x, y) for x, y in zip(hexes["x"], hexes["y"])]
    faces = PolyCollection(polygons, array=values.to_numpy(float), cmap=cmap, edgecolors="white", linewidths=0.3)
    ax.add_collection(faces)
    ring = [p for p, keep in zip(polygons, outlined) if keep]
    ax.add_collection(PolyCollection(ring, facecolors="none", edgecolors="black", linewidths=1.0))
    ax.set_xlim(hexes["x"].min() - 1, hexes["x"].max() + 1)
    ax.set_ylim(hexes["y"].min() - 1, hexes["y"].max() + 1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title, fontsize=10)
    bar = ax.figure.colorbar(faces, ax=ax, location="bottom", shrink=0.8, pad=0.01, aspect=30)
    bar.set_label(label, fontsize=8)
    bar.ax.tick_params(labelsize=7)


# The title states the fit's reading, so it changes with the data (see decade.convergence).
# The fit is in percentage points, so the title says so (on the relative scale the reading can differ).
CONVERGENCE_TITLES = {"diverging": "Districts with more graduates in 2011 gained more percentage points",
                      "converging": "Districts with fewer graduates in 2011 gained more percentage points",
                      "neither": "No clear link between the 2011 graduate share and its gain in points"}


def level4_hexmap() -> Figure:
    """Two hex maps of the districts of England and Wales: the share of residents
    16+ with Level 4+ in 2021, and its change since 2011; districts of the May
    2025 combined authorities outlined."""
    change = attainment_change()
    districts = change[change["code"] != ENGLAND_AND_WALES].set_index("code")
    hexes = hex_layout(HEXMAP)
    hexes = hexes[hexes["code"].isin(districts.index)].reset_index(drop=True)
    missing = sorted(set(districts.index) - set(hexes["code"]))
    if missing:
        raise ValueError(f"districts without a hex in {HEXMAP}: {missing[:5]}")
    outlined = hexes["code"].map(districts["authority_2025"]).ne("")
    fig, _ = new_figure(7.5, 4.6, axes=False)
    left, right = fig.subplots(1, 2)
    _hex_panel(left, hexes, hexes["code"].map(districts["pct_level4_plus_2021"]), outlined, "viridis",
               "Residents 16+ with Level 4+, 2021 (%)", "Degree-level share, 2021")
    _hex_panel(right, hexes, hexes["code"].map(districts["change_level4_plus_pp"]), outlined, "cividis",
               "Change since 2011 (percentage points)", "Change, 2011 to 2021")
    fig.suptitle("Every district of England and Wales; black outline: a combined authority of May 2025",
                 fontsize=10)
    label_hexes(left, hexes, districts)  # last, once the layout is final
    return fig


N_NAMED = 15  # the most populous districts outside London, named on the left map


def named_hexes(hexes: pd.DataFrame, districts: pd.DataFrame) -> list[tuple[float, float, str]]:
    """Where to write which name: the :data:`N_NAMED` districts with the most
    residents aged 16+ in 2021 outside London (the book's one spelling of each
    name), and "London" at the centre of its boroughs' hexes."""
    from ..analysis.decade import residents_16plus

    residents = residents_16plus(2021)
    london = hexes["code"].str.startswith("E09")
    ranked = residents.reindex(hexes.loc[~london, "code"]).sort_values(ascending=False, kind="stable")
    chosen = hexes.set_index("code").loc[ranked.index[:N_NAMED]]
    points = [(row.x, row.y, districts.loc[code, "name"].split(",")[0]) for code, row in chosen.iterrows()]
    points.append((float(hexes.loc[london, "x"].mean()), float(hexes.loc[london, "y"].mean()), "London"))
    return points


def label_hexes(ax, hexes: pd.DataFrame, districts: pd.DataFrame) -> None:
    from .figures_maps import place_labels

    place_labels(ax, named_hexes(hexes, districts), fontsize=6.5, wrap=12, dots=True)


def convergence_scatter() -> Figure:
    """Change in the Level 4+ share (pp) against its 2011 level, every district,
    the districts of the May 2025 combined authorities marked, with the OLS line
    over all districts."""
    import seaborn as sns  # loaded only by the chapters that draw it

    change = attainment_change()
    districts = change[change["code"] != ENGLAND_AND_WALES].assign(
        group=lambda f: np.where(f["authority_2025"] != "", "In a combined authority of May 2025", "Elsewhere"))
    fig, ax = new_figure(7.5, 5.0)
    sns.scatterplot(data=districts, x="pct_level4_plus_2011", y="change_level4_plus_pp", hue="group",
                    style="group", palette={"Elsewhere": "#BBBBBB", "In a combined authority of May 2025": "#0072B2"},
                    markers={"Elsewhere": "o", "In a combined authority of May 2025": "D"}, s=22, ax=ax,
                    edgecolor="black", linewidth=0.2, zorder=3)
    sns.regplot(data=districts, x="pct_level4_plus_2011", y="change_level4_plus_pp", ax=ax, scatter=False, ci=None,
                truncate=True, line_kws={"color": "black", "linewidth": 1})
    ax.set_xlabel("Residents 16+ with Level 4+ qualifications, 2011 (%)")
    ax.set_ylabel("Change in that share, 2011 to 2021 (percentage points)")
    ax.set_title(f"{CONVERGENCE_TITLES[convergence().set_index('sample').loc['all_districts', 'reading']]} "
                 "(line: OLS over all districts)")
    authority_legend(fig, ax, loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    return fig
