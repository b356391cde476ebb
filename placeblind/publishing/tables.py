"""Putting tables on the page: a captioned MyST table with units, source and a
link to its CSV, and the CSV itself written where ``make tables`` writes it."""

from __future__ import annotations

import numpy as np
import pandas as pd
from IPython.display import Markdown

from .table_files import write_csv_text

OGL_SOURCE = "Office for National Statistics, licensed under the Open Government Licence v3.0"


MISSING = "–"  # what a page shows where a cell has nothing to show (the CSV keeps the empty field)


def format_number(value, digits: int = 1) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return MISSING
    if isinstance(value, str):
        return value or MISSING  # an empty text (no district named, no note) too
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return f"{value:,}" if digits == 0 else str(value)  # counts and years stay whole
    if digits == 0:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def markdown_table(frame: pd.DataFrame, digits: dict[str, int] | None = None) -> str:
    """A pipe table; numbers formatted per column (``digits``), text left as it is,
    a missing value shown as :data:`MISSING`. A row with nothing but its first cell
    is a group's heading (``displays.with_group_rows``): its other cells stay blank."""
    digits = digits or {}
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    align = "|" + "|".join("---:" if pd.api.types.is_numeric_dtype(frame[c]) else ":---" for c in frame.columns) + "|"
    lines = [header, align]
    headings = frame.iloc[:, 1:].isna().all(axis=1).to_numpy() if frame.shape[1] > 1 else [False] * len(frame)
    for heading, row in zip(headings, frame.itertuples(index=False)):
        cells = [format_number(v, digits.get(c, 1)) for c, v in zip(frame.columns, row)]
        if heading:
            cells = [cells[0], *[""] * (len(cells) - 1)]
        lines.append("| " + " | ".join(cells).replace("\n", " ") + " |")
    return "\n".join(lines)


def publish_csv(csv_name: str) -> None:
    """Write a registered table's CSV where the site's download links find it (for
    a table too long to show on the page, which the prose links, and under every
    table and figure). Returns nothing, so a chapter cell that calls it shows no
    output (a path would differ between checkouts and fail nbval)."""
    from .registry import registered_csv  # the registry imports every analysis module

    write_csv_text(registered_csv(csv_name), csv_name)


# The class that turns a table of prose into one card per row on a phone
# (_static/tables.css; _static/site.js labels each cell with its column's heading).
CARDS_CLASS = "cards-on-phone"


def show_table(frame: pd.DataFrame, caption: str, label: str, csv_name: str,
               digits: dict[str, int] | None = None, source: str = OGL_SOURCE, cards: bool = False) -> Markdown:
    """Render ``frame`` as a numbered, captioned table and write its CSV.

    The CSV is the table registered as ``csv_name`` (the stable, scriptable
    form of the same numbers), so the page links exactly what ``make tables``
    writes; an unregistered name is an error. The caption ends with the source
    and a download link to the CSV. ``cards``: a table of sentences rather than
    numbers, which a phone shows as one card per row (the first cell its title,
    every other cell under its column's heading) instead of narrow columns.
    """
    publish_csv(csv_name)
    link = f"{{download}}`CSV </_build/tables/{csv_name}.csv>`"
    # A colon fence, because a backtick fence may not carry backticks (the
    # download role) in its first line.
    text = (f":::{{table}} {caption} Source: {source}. Download: {link}.\n"
            f":name: {label}\n:align: left\n" + (f":class: {CARDS_CLASS}\n" if cards else "")
            + f"\n{markdown_table(frame, digits)}\n:::")
    return Markdown(text)
