"""Figures of the IS-8 chapter: the LQ heatmap and the specialisms per region.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..analysis.is8_regions import EXACT, EXACT_YEAR, WEST_MIDLANDS_METRO, is8_lq_itl2, lq_wide, specialisms
from ..claims.blog import ALL_EIGHT_REGIONS, NO_SPECIALISM_REGIONS
from ..data.is8_definitions import IS8_SECTORS, SHORT_NAMES
from ..text import number_word
from .figures import OKABE_ITO, new_figure
from .figures import lq_heatmap as lq_heatmap_figure


def _region_order(wide: pd.DataFrame) -> pd.DataFrame:
    """Regions in ITL code order, which groups them by ITL1 region (north to south, then Wales, Scotland)."""
    return wide.sort_index(level="itl2_code")


def lq_heatmap(lq: pd.DataFrame | None = None) -> Figure:
    """Heatmap of 2021 exact IS-8 LQs, regions (grouped by ITL1) by measurable sector,
    coloured on a log scale centred on 1 and annotated with the values."""
    lq = is8_lq_itl2(EXACT_YEAR, EXACT) if lq is None else lq
    wide = _region_order(lq_wide(lq))
    values = wide.set_axis([SHORT_NAMES[s] for s in wide.columns], axis=1)
    values.index = [f"{name} ({code})" for code, name in wide.index]
    # Drawn for a phone's column (figures.lq_heatmap): long region names on two
    # lines, the colour bar below the map rather than beside it.
    fig, _ = lq_heatmap_figure(
        values, [code[:3] for code, _ in wide.index], title="IS-8 location quotients by ITL2 region, 2021",
        xlabel="IS-8 sector (exact SIC definition)", ylabel="ITL2 region (grouped by ITL1 region)",
        max_ratio=8.0, height=16.0, wrap=30,
        colorbar={"orientation": "horizontal", "shrink": 0.8, "pad": 0.015, "aspect": 30, "fraction": 0.03,
                  "label": "Location quotient (GB = 1, log scale)"})
    return fig


def specialism_counts(lq: pd.DataFrame | None = None) -> Figure:
    """Ranked bars: number of measurable IS-8 sectors with LQ > 1 in each ITL2 region (2021, exact);
    regions the blog names are coloured."""
    lq = is8_lq_itl2(EXACT_YEAR, EXACT) if lq is None else lq
    table = specialisms(lq).sort_values(["n_specialisms", "itl2_code"], ascending=[True, False], kind="stable")
    named = {**NO_SPECIALISM_REGIONS, WEST_MIDLANDS_METRO: "West Midlands"}
    colours = [OKABE_ITO[5] if c in named else OKABE_ITO[4] if c in ALL_EIGHT_REGIONS else "#BBBBBB"
               for c in table["itl2_code"]]
    fig, ax = new_figure(7.5, 9.5)
    positions = np.arange(len(table))
    ax.barh(positions, table["n_specialisms"], color=colours, edgecolor="black", linewidth=0.4)
    ax.set_yticks(positions, [f"{n} ({c})" for n, c in zip(table["itl2_name"], table["itl2_code"])], fontsize=8)
    for label, colour in zip(ax.get_yticklabels(), colours):
        if colour != "#BBBBBB":
            label.set_color(colour)
            label.set_fontweight("bold")
    n_measured = int(table["n_measured"].max())
    ax.set_xlim(0, n_measured + 0.4)
    ax.set_xticks(range(n_measured + 1))
    ax.set_xlabel(f"IS-8 sectors with LQ > 1 (number, of {n_measured} measurable)")
    ax.set_ylabel("ITL2 region")
    ax.set_title("IS-8 specialisms per ITL2 region, 2021")
    for y, n in zip(positions, table["n_specialisms"]):
        ax.text(n + 0.08, y, str(int(n)), va="center", fontsize=8)
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(color=OKABE_ITO[5], label="named by the blog as having no specialism"),
                       Patch(color=OKABE_ITO[4],
                             label=f"named by the blog as specialised in all {number_word(len(IS8_SECTORS))}"),
                       Patch(color="#BBBBBB", label="other regions")],
              loc="lower right", fontsize=8, frameon=False)
    return fig
