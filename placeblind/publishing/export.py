"""``make tables`` and ``make figures``: every registered table and figure, written out."""

from __future__ import annotations

from . import figures
from .registry import FIGURES, authority_map_codes, authority_map_png, figure_png


def export_figures() -> list[str]:
    """Every registered figure, and each combined authority's map (``authority_map_<code>``)."""
    written = [figures.save(figure_png(name), name) for name in FIGURES]
    for code in authority_map_codes():
        written.append(figures.save(authority_map_png(code), f"authority_map_{code}"))
    return written
