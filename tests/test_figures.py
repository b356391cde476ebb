"""The figure helpers of placeblind.publishing.figures, on small figures made
here (the registered figures are compared across processes in test_sector_analysis
and test_itl3_and_maps)."""

from __future__ import annotations

import io

import numpy as np
import pytest

from placeblind.publishing import figures


def _savefig(fig) -> bytes:
    """What matplotlib's own savefig writes (its extra layout draw included)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _constrained(label: str = "a long label that constrained layout makes room for"):
    fig, ax = figures.new_figure(4.0, 3.0)
    ax.plot(np.arange(10), np.arange(10) ** 2, label="squares")
    ax.set_xlabel(label)
    ax.set_ylabel("values (count)")
    ax.set_title("a title")
    ax.legend(loc="best")
    fig.colorbar(ax.scatter([1, 2], [3, 4], c=[0.1, 0.9]), ax=ax, location="bottom")
    fig.suptitle("a figure title")
    return fig


def _shared():
    fig, _ = figures.new_figure(5.0, 3.0)
    fig.clear()
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[2, 1])
    top.scatter(np.arange(40), np.sin(np.arange(40)))
    bottom.set_yticks(range(4), ["first choice", "second", "third choice of four", "last"], fontsize=6)
    return fig


def _fixed():
    fig, _ = figures.new_figure(3.0, 2.0)
    fig.clear()
    fig.set_layout_engine(None)
    fig.add_axes((0.1, 0.1, 0.8, 0.8)).plot([0, 1], [1, 0])
    return fig


@pytest.mark.parametrize("make", [_constrained, _shared, _fixed])
def test_png_bytes_are_savefigs_own(make):
    """Laying the figure out once, outside savefig's extra draw, gives savefig's bytes."""
    assert figures.png_bytes(make()) == _savefig(make())


# A figure of each kind the book draws, from the book's own data: a map
# (geopandas polygons and a legend), a heatmap (a phone-width grid of cells with
# a colour bar) and a scatter (labelled points and a fitted line).
BOOK_FIGURES = ["authorities_2025_map", "sectors_lq_heatmap", "decade_convergence"]


@pytest.mark.parametrize("name", BOOK_FIGURES)
def test_png_bytes_are_savefigs_own_for_the_books_figures(name):
    """png_bytes repeats savefig's layout step (figures.saved): if matplotlib
    changes how savefig lays a figure out, the bytes part here."""
    from placeblind.publishing import registry

    draw = registry.figure_builder(name)
    fig = draw()
    assert fig.get_layout_engine() is not None  # the shortcut is taken, not bypassed
    assert figures.png_bytes(fig) == _savefig(draw())


def test_the_shortcut_is_checked_against_the_installed_matplotlib():
    """figures.saved takes its shortcut only under the matplotlib release it was
    checked with; a new pin fails here until the byte tests above are read and
    MATPLOTLIB_CHECKED is moved (else every figure silently goes the slow way)."""
    import matplotlib

    from placeblind import config

    pins = (config.REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert f"matplotlib=={figures.MATPLOTLIB_CHECKED}" in pins
    assert matplotlib.__version__ == figures.MATPLOTLIB_CHECKED


def _engine_seen_by_savefig(fig) -> bool:
    """png_bytes of ``fig``: does savefig get the figure with its layout engine
    (plain savefig) or without (figures.saved laid it out itself)?"""
    seen, save = [], fig.savefig

    def recording(*args, **kwargs):
        seen.append(fig.get_layout_engine() is not None)
        return save(*args, **kwargs)

    fig.savefig = recording
    figures.png_bytes(fig)
    return seen == [True]


def test_png_bytes_fall_back_to_savefig_when_the_shortcut_does_not_apply(monkeypatch):
    """Another matplotlib release, or a tight bounding box: plain savefig."""
    import matplotlib

    assert not _engine_seen_by_savefig(_constrained())
    with matplotlib.rc_context({"savefig.bbox": "tight"}):
        assert _engine_seen_by_savefig(_constrained())
        assert figures.png_bytes(_constrained()) == _savefig(_constrained())
    monkeypatch.setattr(figures, "MATPLOTLIB_CHECKED", "0.0")
    assert _engine_seen_by_savefig(_constrained())


def test_png_bytes_leave_the_figure_as_it_was():
    """The engine, canvas and resolution come back, so a second save is savefig's
    second save (constrained layout starts from where the first left the axes, so
    even savefig's second picture of a figure can differ from its first)."""
    fig, reference = _constrained(), _constrained()
    engine, canvas, dpi = fig.get_layout_engine(), fig.canvas, fig.dpi
    assert figures.png_bytes(fig) == _savefig(reference)
    assert fig.get_layout_engine() is engine and fig.canvas is canvas and fig.dpi == dpi
    assert fig._repr_png_() == _savefig(reference)


def test_png_bytes_follow_the_layout():
    """Not a stale picture: a longer label moves the axes, so the bytes change."""
    assert figures.png_bytes(_constrained("short")) != figures.png_bytes(_constrained())


def test_drawn_png_pauses_the_collector_only_while_it_draws():
    import gc

    seen = []

    def draw():
        seen.append(gc.isenabled())
        return _shared()

    assert gc.isenabled()
    assert figures.drawn_png(draw) == figures.png_bytes(_shared())
    assert seen == [False] and gc.isenabled()

    def broken():
        raise ValueError("no figure")

    with pytest.raises(ValueError, match="no figure"):
        figures.drawn_png(broken)
    assert gc.isenabled()
    gc.disable()  # a caller that had it off keeps it off
    try:
        figures.drawn_png(draw)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_figure_that_makes_its_own_grid_starts_without_axes():
    fig, ax = figures.new_figure(3.0, 2.0, axes=False)
    assert ax is None and not fig.axes and fig.get_layout_engine() is not None
    fig, ax = figures.new_figure(3.0, 2.0)
    assert fig.axes == [ax]


@pytest.mark.parametrize("make", [_fixed, _constrained])
def test_a_palette_png_from_the_raw_pixels_is_the_one_from_the_full_colour_png(make):
    """drawn_palette_png quantizes the raw pixels; decoding the full-colour PNG
    first (the picture a reader would otherwise get) gives the same bytes."""
    from PIL import Image

    full = Image.open(io.BytesIO(figures.png_bytes(make())))
    assert full.size == figures.saved_size(make())
    buffer = io.BytesIO()
    full.convert("RGB").quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buffer, format="PNG", optimize=True)
    assert figures.drawn_palette_png(make, colours=16) == buffer.getvalue()
    assert Image.open(io.BytesIO(buffer.getvalue())).mode == "P"



def _heatmap(rows: int = 6, height: float = 3.0):
    import pandas as pd

    values = pd.DataFrame(np.linspace(0.3, 3.2, rows * 3).reshape(rows, 3),
                          index=[f"district {i}" for i in range(rows)], columns=["first", "second", "third"])
    fig, _ = figures.lq_heatmap(values, ["a"] * (rows // 2) + ["b"] * (rows - rows // 2), title="a heatmap",
                                xlabel="sector", ylabel="district", max_ratio=4.0, height=height,
                                colorbar={"location": "bottom", "label": "LQ"})
    return fig


def _as_seaborn_labels_it(monkeypatch) -> None:
    """From here on, lq_heatmap as it was: seaborn labels the rows and columns
    itself (testing its labels for overlap to turn them; lq_heatmap then turns
    them as the book does) and the values in the cells take part in the layout."""
    import seaborn

    heatmap = seaborn.heatmap

    def labelled_by_seaborn(*args, xticklabels=None, yticklabels=None, annot_kws=None, **kwargs):
        assert xticklabels is False and yticklabels is False and annot_kws["in_layout"] is False
        return heatmap(*args, annot_kws={key: value for key, value in annot_kws.items() if key != "in_layout"},
                       **kwargs)

    monkeypatch.setattr(seaborn, "heatmap", labelled_by_seaborn)


def test_a_heatmap_is_the_picture_seaborn_would_label(monkeypatch):
    """lq_heatmap labels each row and column in the cells' middles itself and
    leaves the values out of the layout: the same bytes as seaborn's own labels
    with the values laid out."""
    fig = _heatmap()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"district {i}" for i in range(6)]
    assert list(ax.get_yticks()) == [i + 0.5 for i in range(6)]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["first", "second", "third"]
    assert len(ax.texts) == 18 and not any(text.get_in_layout() for text in ax.texts)
    ours = figures.png_bytes(fig)
    _as_seaborn_labels_it(monkeypatch)
    theirs = _heatmap()
    assert all(text.get_in_layout() for text in theirs.axes[0].texts)
    assert figures.png_bytes(theirs) == ours


def test_a_heatmap_labels_every_row_even_where_seaborn_would_skip_some():
    """Rows too short for seaborn's "auto" labels (it would label every sixth
    here): lq_heatmap labels every row and column all the same, each once."""
    fig = _heatmap(rows=40, height=2.0)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"district {i}" for i in range(40)]
    assert len(ax.get_xticklabels()) == 3 and len(ax.texts) == 120


def _with_text(inside: bool, in_layout: bool):
    fig = _constrained()
    fig.axes[0].text(0.5 if inside else 1.15, 0.5, "a note", transform=fig.axes[0].transAxes, in_layout=in_layout)
    return fig


def test_a_text_inside_its_axes_can_stay_out_of_the_layout():
    """Why the heatmaps' values and the verdict tiles' letters are drawn with
    in_layout=False: a text within its axes changes nothing of the layout, so
    the picture is the same without measuring it; a text beyond the axes does
    (the layout makes room for it), so there it could not be left out."""
    assert figures.png_bytes(_with_text(True, False)) == figures.png_bytes(_with_text(True, True))
    assert figures.png_bytes(_with_text(False, False)) != figures.png_bytes(_with_text(False, True))


@pytest.mark.parametrize("name", ["claims_verdicts", "is8_lq_heatmap"])
def test_the_books_texts_left_out_of_the_layout_change_nothing(name):
    """The book's figures whose texts inside the axes are left out of the layout
    (every value of a heatmap, the ids and letters of the verdict tiles): laid
    out with them, the same bytes."""
    from placeblind.publishing import registry

    draw = registry.figure_builder(name)
    fig, reference = draw(), draw()
    left_out = [text for text in reference.axes[0].texts if not text.get_in_layout()]
    assert len(left_out) >= 40
    for text in left_out:
        text.set_in_layout(True)
    assert figures.png_bytes(fig) == figures.png_bytes(reference)
