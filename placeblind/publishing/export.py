"""``make tables`` and ``make figures``: every registered table and figure, written out."""

from __future__ import annotations

from . import figures
from .registry import FIGURES, figure_png


def export_figures() -> list[str]:
    return [figures.save(figure_png(name), name) for name in FIGURES]
