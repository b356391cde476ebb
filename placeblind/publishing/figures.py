"""Every figure the book shows: labelled axes with units, colour-blind-safe
palettes (Okabe-Ito for categories, a blue-red diverging map centred on an LQ of
1), no randomness, and the same picture on every build."""

from __future__ import annotations

import io

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from .. import config
from ..data.geography import ENGLAND_AND_WALES, STUDY_AUTHORITIES

# Okabe & Ito (2008) colour-blind-safe qualitative palette.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
AUTHORITY_COLOURS = dict(zip(STUDY_AUTHORITIES, ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]))
AUTHORITY_MARKERS = dict(zip(STUDY_AUTHORITIES, ["o", "s", "^", "D", "v", "P"]))
DIVERGING_CMAP = "RdBu_r"  # blue below 1, red above; readable with red-green colour blindness

STYLE = {
    "figure.dpi": 100, "savefig.dpi": 150, "font.size": 10, "axes.titlesize": 11,
    "axes.labelsize": 10, "axes.spines.top": False, "axes.spines.right": False,
    "svg.hashsalt": "placeblind", "font.family": "DejaVu Sans",
}


class BookFigure(Figure):
    """A figure outside pyplot's registry (nothing is shown unless a chapter
    glues it, no figure is left open between cells) that displays as PNG."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()


def new_figure(width: float = 7.5, height: float = 5.0):
    matplotlib.rcParams.update(STYLE)
    fig = BookFigure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots()


def save(fig: Figure, name: str) -> str:
    """Write ``figures/<name>.png`` with no timestamp or software metadata, so
    the bytes depend only on the data and the library versions."""
    path = config.figures_dir() / f"{name}.png"
    fig.savefig(path, metadata={"Software": None})
    return str(path)


def attainment_polarisation(table: pd.DataFrame | None = None, labelled: tuple[str, ...] = (
        "Cambridge", "South Cambridgeshire", "Sandwell", "Fenland", "Manchester",
        "Knowsley", "Bristol, City of", "Trafford", "Birmingham")) -> Figure:
    """No qualifications against Level 4+ per district, by authority, with the
    England and Wales rates as reference lines."""
    from ..analysis.attainment import attainment_2011
    table = attainment_2011() if table is None else table
    fig, ax = new_figure()
    districts = table[table["code"] != ENGLAND_AND_WALES]
    for authority, group in districts.groupby("authority", sort=False):
        ax.scatter(group["pct_no_qualifications"], group["pct_level4_plus"], s=48,
                   color=AUTHORITY_COLOURS[authority], marker=AUTHORITY_MARKERS[authority],
                   edgecolor="black", linewidth=0.5, label=authority, zorder=3)
    national = table[table["code"] == ENGLAND_AND_WALES].iloc[0]
    ax.axvline(national["pct_no_qualifications"], color="grey", linestyle="--", linewidth=1, zorder=1)
    ax.axhline(national["pct_level4_plus"], color="grey", linestyle="--", linewidth=1, zorder=1)
    ax.annotate("England and Wales rates", (1, national["pct_level4_plus"]), xycoords=("axes fraction", "data"),
                xytext=(-2, 3), textcoords="offset points", ha="right", fontsize=8, color="dimgrey")
    # Hand-placed offsets (points) where neighbours would collide.
    offsets = {"Knowsley": (-2, 26), "Sandwell": (4, -11)}
    for _, row in districts[districts["name"].isin(labelled)].iterrows():
        dx, dy = offsets.get(row["name"], (5, -3))
        ax.annotate(row["name"].replace(", City of", ""), (row["pct_no_qualifications"], row["pct_level4_plus"]),
                    xytext=(dx, dy), textcoords="offset points", fontsize=8, ha="left",
                    arrowprops={"arrowstyle": "-", "color": "grey", "linewidth": 0.6} if abs(dy) > 20 else None)
    ax.set_xlabel("Residents aged 16+ with no qualifications (%)")
    ax.set_ylabel("Residents aged 16+ with Level 4 qualifications or above (%)")
    ax.set_title("Two polarised groups: 2011 Census, 37 districts of six combined authorities")
    ax.legend(title="Combined authority", fontsize=8, title_fontsize=8, frameon=False, loc="upper right")
    return fig
