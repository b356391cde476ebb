"""``make tables`` and ``make figures``: every registered table and figure, written out."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

# Importing a module registers its tables and figures; claims_ledger imports
# every module that contributes claims.
from . import claims_ledger, figures, is8, tables  # noqa: E402,F401
from .publish import write_csv  # noqa: E402


def export_tables() -> list[str]:
    # Build every table before writing any, so bad input leaves no partial set.
    frames = {name: builder() for name, builder in tables.EXPORTS.items()}
    return [write_csv(frame, name) for name, frame in frames.items()]


def export_figures() -> list[str]:
    return [figures.save(builder(), name) for name, builder in figures.EXPORTS.items()]
