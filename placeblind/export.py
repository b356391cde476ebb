"""``make tables`` and ``make figures``: every registered table and figure, written out."""

from __future__ import annotations

# Importing a module registers its tables and figures; claims_ledger imports
# every module that contributes claims.
from . import attainment, claims_ledger, figures, is8, sector_analysis, tables  # noqa: F401
from .publish import write_csv


def registered_tables() -> dict:
    """Every table builder, by CSV name (importing this module registers them all)."""
    return dict(tables.EXPORTS)


def export_tables() -> list[str]:
    # Build every table before writing any, so bad input leaves no partial set.
    frames = {name: builder() for name, builder in tables.EXPORTS.items()}
    return [write_csv(frame, name) for name, frame in frames.items()]


def export_figures() -> list[str]:
    return [figures.save(builder(), name) for name, builder in figures.EXPORTS.items()]
