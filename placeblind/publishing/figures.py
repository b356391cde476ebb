"""Every figure the book shows: labelled axes with units, colour-blind-safe
palettes (Okabe-Ito for categories, a blue-red diverging map centred on an LQ of
1), no randomness, and the same picture on every build."""

from __future__ import annotations

import contextlib
import gc
import io
from collections.abc import Callable

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

from .. import config
from ..data.geography import ENGLAND_AND_WALES, STUDY_AUTHORITIES
from ..data.study import paper_study_size
from ..text import number_word

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
        return png_bytes(self)


# The matplotlib release ``saved``'s shortcut was read against and checked with
# (tests/test_figures.py): under any other release ``saved`` is plain ``savefig``.
MATPLOTLIB_CHECKED = "3.11.2"


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG, with no timestamp or software metadata (``saved``)."""
    return saved(fig, "png", metadata={"Software": None})


def saved(fig: Figure, fmt: str, **options) -> bytes:
    """``fig.savefig`` into bytes in format ``fmt`` ("png", or "rgba": the raw
    pixels, ``saved_size`` wide and high): savefig's own bytes, in about an eighth
    less time for a figure with constrained layout (a second of processor time
    over ``make figures``' 42 figures, 8.4 s -> 7.3 s of saving).

    Why it is not plain ``savefig``: for a figure with a layout engine,
    matplotlib's ``FigureCanvasBase.print_figure`` (3.11.2) first draws the
    whole figure with the output switched off (``renderer._draw_disabled``),
    only so that ``Figure.draw`` runs the engine, then sets the engine to
    "none" and draws again for real. Here the engine is run directly, once,
    and the figure saved without it, so every tick and text is measured and
    placed once fewer. This repeats, and relies on, these internals of
    matplotlib ``MATPLOTLIB_CHECKED``:

    - ``print_figure`` lays out (the extra draw) only when the figure has a
      layout engine or ``savefig.bbox`` is "tight", at the saved resolution
      (``savefig.dpi``; "figure" meaning the figure's ``_original_dpi``), and
      prints straight away when the engine is ``None``;
    - ``Figure.draw`` runs the engine only for a figure with axes, and
      ignores a ``ValueError`` from it (a figure too small for its decorations
      keeps its positions);
    - the Agg canvas keeps one renderer per size and resolution
      (``FigureCanvasAgg.get_renderer``), and text sizes are cached per
      renderer, so the layout measured here on the Agg canvas at the saved
      resolution is measured as ``print_png`` draws;
    - ``Figure.set_layout_engine(None)`` falls back to the rcParams
      ``figure.autolayout`` and ``figure.constrained_layout.use``.

    Under another matplotlib release, with ``savefig.bbox`` "tight", or with
    options that change the layout (``bbox_inches``, ``dpi``), it is plain
    ``savefig``. tests/test_figures.py compares the bytes with savefig's on a
    map, a heatmap, a scatter and small figures, and fails when the installed
    matplotlib is not ``MATPLOTLIB_CHECKED``."""
    buffer = io.BytesIO()
    engine = fig.get_layout_engine()
    if (engine is None or not fig.axes or matplotlib.__version__ != MATPLOTLIB_CHECKED
            or matplotlib.rcParams["savefig.bbox"] == "tight" or {"bbox_inches", "dpi"} & set(options)):
        fig.savefig(buffer, format=fmt, **options)
        return buffer.getvalue()
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    # One Agg canvas for the layout and the drawing: its renderer, and so every
    # text measurement cached against it, serves both (as within ``savefig``).
    shown_canvas, shown_dpi = fig.canvas, fig.dpi
    try:
        if not isinstance(shown_canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)  # becomes fig.canvas until the end
        fig.dpi = saved_dpi(fig)  # savefig lays out at the printed pixels
        try:
            engine.execute(fig)
        except ValueError:  # as Figure.draw
            pass
        finally:
            fig.dpi = shown_dpi
        with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
            fig.set_layout_engine(None)  # no engine (not "none": a placeholder, which savefig still lays out for)
        fig.savefig(buffer, format=fmt, **options)
    finally:
        fig.set_layout_engine(engine)
        fig.set_canvas(shown_canvas)
    return buffer.getvalue()


def saved_dpi(fig: Figure) -> float:
    """The resolution ``savefig`` prints ``fig`` at (``savefig.dpi``; "figure":
    the figure's resolution before any screen's pixel ratio, as ``print_figure``)."""
    dpi = matplotlib.rcParams["savefig.dpi"]
    return getattr(fig, "_original_dpi", fig.dpi) if dpi == "figure" else dpi


def saved_size(fig: Figure) -> tuple[int, int]:
    """Width and height in pixels of ``fig`` as ``savefig`` prints it (the Agg canvas's own rounding)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    shown_canvas, shown_dpi = fig.canvas, fig.dpi
    fig.dpi = saved_dpi(fig)
    try:
        return FigureCanvasAgg(fig).get_width_height(physical=True)
    finally:
        fig.dpi = shown_dpi
        fig.set_canvas(shown_canvas)


@contextlib.contextmanager
def cyclic_gc_paused():
    """Python's cyclic garbage collector off inside the block, on again after.

    A figure is some hundred thousand small objects that live until it is saved;
    as they pile up they set off full collections, each of which walks every
    object of the process (the loaded frames, pandas, matplotlib), about a tenth
    of the time of drawing a figure. Paused, the figure's objects are freed once,
    by the first collection after the block. Nothing drawn depends on it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def drawn_png(draw: Callable[[], Figure]) -> bytes:
    """The PNG (``png_bytes``) of the figure that ``draw()`` returns, drawn and
    saved with the cyclic garbage collector paused (``cyclic_gc_paused``)."""
    with cyclic_gc_paused():
        return png_bytes(draw())


def drawn_palette_png(draw: Callable[[], Figure], colours: int = 128) -> bytes:
    """The figure that ``draw()`` returns as a PNG with a palette of at most
    ``colours`` (Pillow, median cut, no dithering, so the same picture gives the
    same bytes): a map of a few flat fills and text loses nothing visible and
    about two thirds of its weight. Drawn as ``drawn_png`` draws, and quantized
    from the raw pixels (a full-colour PNG made only to be decoded again would
    cost as much as the quantizing: tests/test_figures.py checks the bytes are
    the same)."""
    from PIL import Image

    with cyclic_gc_paused():
        fig = draw()
        pixels, size = saved(fig, "rgba"), saved_size(fig)
    image = Image.frombuffer("RGBA", size, pixels, "raw", "RGBA", 0, 1).convert("RGB")
    buffer = io.BytesIO()
    image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def new_figure(width: float = 7.5, height: float = 5.0, axes: bool = True):
    """A figure in the book's style with constrained layout, and its one axes;
    ``axes=False``: none yet (``None`` in its place), for a figure that makes its
    own grid (an axes made only to be cleared away costs a tenth of a small figure)."""
    matplotlib.rcParams.update(STYLE)
    fig = BookFigure(figsize=(width, height), layout="constrained")
    return fig, (fig.subplots() if axes else None)


# Figures of many small labels (the two LQ heatmaps, the claim tiles of Fig. 1)
# are drawn for a phone: a phone shows a figure across its text column, about 358
# CSS pixels at 390 px, so the figure is PHONE_WIDTH inches wide and its text is
# sized for that column (the site shows it no wider than 34rem on a wide screen:
# _static/tables.css, figure class "phone-legible"). PHONE_TEXT_PX is the smallest
# text, in CSS pixels, that the phone then shows.
PHONE_COLUMN_PX = 358
PHONE_WIDTH = 5.6
PHONE_TEXT_PX = 9.0


def phone_pixels(fig: Figure, points: float) -> float:
    """How tall text of ``points`` is on a phone that shows ``fig`` across its column."""
    return points / 72 * PHONE_COLUMN_PX / fig.get_figwidth()


def phone_points(pixels: float = PHONE_TEXT_PX, width: float = PHONE_WIDTH) -> float:
    """The font size (points) that a phone shows ``pixels`` tall in a figure ``width`` inches wide."""
    return pixels * 72 * width / PHONE_COLUMN_PX


def lq_heatmap(values: pd.DataFrame, groups: list[str], *, title: str, xlabel: str, ylabel: str,
               max_ratio: float, height: float, colorbar: dict, wrap: int = 0):
    """Location quotients (rows: areas, columns: sectors) as a seaborn heatmap on a
    log colour scale centred on 1 (blue below, red above), each cell annotated
    with its value, every row and column labelled, and a line between
    consecutive rows of different ``groups``.

    Drawn ``PHONE_WIDTH`` inches wide and ``height`` tall, every text at least
    ``PHONE_TEXT_PX`` on a phone (the values one size larger); row labels longer
    than ``wrap`` characters are broken over two lines. The scale spans the largest
    ratio in the data, at least 2 and at most ``max_ratio`` either way (values
    beyond are drawn at the end colour, their annotation still exact). Returns the
    figure and its axes.
    """
    import textwrap

    import seaborn as sns  # loaded only by the chapters that draw a heatmap

    data = values.to_numpy(float)
    extent = float(np.nanmax(np.abs(np.log(np.clip(data, 1e-3, None)))))
    extent = min(max(extent, np.log(2.0)), np.log(max_ratio))
    vmin, vmax = float(np.exp(-extent)), float(np.exp(extent))
    text = phone_points()
    fig, ax = new_figure(PHONE_WIDTH, height)
    labels = ["\n".join(textwrap.wrap(str(name), wrap, break_long_words=False)) if wrap else str(name)
              for name in values.index]
    if any(label.count("\n") > 1 for label in labels):  # a third line would run into the next row's
        raise ValueError(f"row labels wrapped at {wrap} characters take more than two lines: "
                         f"{[label for label in labels if label.count(chr(10)) > 1]}")
    # The values sit inside their cells, so the layout leaves them out (it would
    # measure every text of the axes, twice). No tick labels from seaborn: every
    # row and column is labelled below, in the cell's middle, as seaborn labels
    # them; seaborn's own would first be tested for overlap (to turn them), each
    # measured on a renderer made for it alone, and then be turned below anyway.
    # Both save a tenth of a heatmap's drawing, with the same picture
    # (tests/test_figures.py).
    sns.heatmap(pd.DataFrame(np.clip(data, vmin, vmax), index=labels, columns=values.columns), ax=ax,
                cmap=DIVERGING_CMAP, norm=LogNorm(vmin=vmin, vmax=vmax), mask=np.isnan(data),
                annot=data, fmt=".2f", annot_kws={"fontsize": text + 1, "in_layout": False}, cbar_kws=colorbar,
                xticklabels=False, yticklabels=False)
    for i in range(1, len(groups)):
        if groups[i] != groups[i - 1]:
            ax.axhline(i, color="black", linewidth=1.0)
    ax.set_yticks(np.arange(len(labels)) + 0.5, labels, fontsize=text, linespacing=0.95, va="center")
    ax.set_xticks(np.arange(values.shape[1]) + 0.5, [str(column) for column in values.columns], rotation=40,
                  ha="right", rotation_mode="anchor", fontsize=text)
    ax.tick_params(length=2, pad=2)
    fig.suptitle(title, fontsize=text + 1)  # centred on the figure: over the cells it would run off the edge
    ax.set_xlabel(xlabel, fontsize=text)
    ax.set_ylabel(ylabel, fontsize=text)
    bar = ax.collections[0].colorbar
    bar.ax.tick_params(labelsize=text)
    bar.ax.xaxis.label.set_fontsize(text)
    bar.ax.yaxis.label.set_fontsize(text)
    ticks = [t for t in (0.125, 0.25, 0.5, 1, 2, 4, 8) if vmin * 0.999 <= t <= vmax * 1.001]
    bar.ax.minorticks_off()
    bar.set_ticks(ticks, labels=[f"{t:g}" for t in ticks])
    bar.ax.minorticks_off()
    return fig, ax


def authority_scatter(ax, frame: pd.DataFrame, x: str, y: str, size: float, edge: float = 0.3,
                      legend: bool = True) -> None:
    """Districts as points coloured and shaped by authority (colour-blind-safe
    colours, a distinct marker each, so neither alone carries the grouping), with
    a legend of every authority unless ``legend`` is false (a panel of small
    multiples that shares another panel's legend)."""
    import seaborn as sns  # loaded only by the chapters that draw a scatter plot

    sns.scatterplot(data=frame, x=x, y=y, hue="authority", style="authority", ax=ax, s=size,
                    palette=AUTHORITY_COLOURS, markers=AUTHORITY_MARKERS, edgecolor="black", linewidth=edge,
                    legend="full" if legend else False, zorder=3)
    ax.set_xlabel("")
    ax.set_ylabel("")


def authority_legend(fig: Figure, ax, **kwargs) -> None:
    """One legend for the whole figure from the points of ``ax`` (which then loses its own)."""
    handles, labels = ax.get_legend_handles_labels()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    fig.legend(handles, labels, **kwargs)


def save(png: bytes, name: str) -> str:
    """Write ``figures/<name>.png``."""
    path = config.figures_dir() / f"{name}.png"
    path.write_bytes(png)
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
    authority_scatter(ax, districts, "pct_no_qualifications", "pct_level4_plus", size=48, edge=0.5)
    national = table[table["code"] == ENGLAND_AND_WALES].iloc[0]
    ax.axvline(national["pct_no_qualifications"], color="grey", linestyle="--", linewidth=1, zorder=1)
    ax.axhline(national["pct_level4_plus"], color="grey", linestyle="--", linewidth=1, zorder=1)
    ax.annotate("England and Wales rates", (1, national["pct_level4_plus"]), xycoords=("axes fraction", "data"),
                xytext=(-2, 3), textcoords="offset points", ha="right", fontsize=8, color="dimgrey")
    # Hand-placed offsets (points) where neighbours would collide.
    offsets = {"Knowsley": (-2, 26), "Sandwell": (4, -11), "Birmingham": (-22, 7)}
    for _, row in districts[districts["name"].isin(labelled)].iterrows():
        dx, dy = offsets.get(row["name"], (5, -3))
        ax.annotate(row["name"].replace(", City of", ""), (row["pct_no_qualifications"], row["pct_level4_plus"]),
                    xytext=(dx, dy), textcoords="offset points", fontsize=8, ha="left", zorder=2.5,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
                    arrowprops={"arrowstyle": "-", "color": "grey", "linewidth": 0.6} if abs(dy) > 20 else None)
    ax.set_xlabel("Residents aged 16+ with no qualifications (%)")
    ax.set_ylabel("Residents aged 16+ with Level 4+ qualifications (%)")
    n_districts, n_authorities = paper_study_size()
    ax.set_title(f"Two polarised groups: 2011 Census, {n_districts} districts of {number_word(n_authorities)} "
                 "combined authorities")
    ax.legend(title="Combined authority", fontsize=8, title_fontsize=8, frameon=False, loc="upper right")
    return fig
