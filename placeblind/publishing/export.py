"""``make tables`` and ``make figures``: every registered table and figure, written out."""

from __future__ import annotations

from . import figures
from .registry import FIGURES, authority_map_png, figure_png, registered_table


def export_figures() -> list[str]:
    """Every registered figure, and each combined authority's map (``authority_map_<code>``)."""
    written = [figures.save(figure_png(name), name) for name in FIGURES]
    for code in registered_table("authority_sections")["authority_code"]:
        written.append(figures.save(authority_map_png(code), f"authority_map_{code}"))
    return written
