"""``make tables`` and ``make figures``: every registered table and figure, written out."""

from __future__ import annotations

from . import figures
from .registry import FIGURES, TABLES, figure_png
from .tables import write_csv


def export_tables() -> list[str]:
    # Build every table before writing any, so bad input leaves no partial set.
    frames = {name: builder() for name, builder in TABLES.items()}
    return [write_csv(frame, name) for name, frame in frames.items()]


def export_figures() -> list[str]:
    return [figures.save(figure_png(name), name) for name in FIGURES]
