"""Putting tables on the page: a captioned MyST table with units, source and a
link to its CSV, and the CSV itself written where ``make tables`` writes it."""

from __future__ import annotations

import numpy as np
import pandas as pd
from IPython.display import Markdown

from . import config

OGL_SOURCE = "Office for National Statistics, licensed under the Open Government Licence v3.0"


def write_csv(frame: pd.DataFrame, name: str) -> str:
    """Write ``frame`` as ``<tables_dir>/<name>.csv`` (stable float format); returns the path."""
    path = config.tables_dir() / f"{name}.csv"
    text = frame.to_csv(index=False, float_format="%.6g", lineterminator="\n")
    # Rewrite only on change: the site's download links depend on these files,
    # and a new mtime would make the next build re-execute every chapter.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return str(path)


def format_number(value, digits: int = 1) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return f"{value:,}" if digits == 0 else str(value)  # counts and years stay whole
    if digits == 0:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def markdown_table(frame: pd.DataFrame, digits: dict[str, int] | None = None) -> str:
    """A pipe table; numbers formatted per column (``digits``), text left as it is."""
    digits = digits or {}
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    align = "|" + "|".join("---:" if pd.api.types.is_numeric_dtype(frame[c]) else ":---" for c in frame.columns) + "|"
    lines = [header, align]
    for row in frame.itertuples(index=False):
        cells = [format_number(v, digits.get(c, 1)) for c, v in zip(frame.columns, row)]
        lines.append("| " + " | ".join(cells).replace("\n", " ") + " |")
    return "\n".join(lines)


def show_table(frame: pd.DataFrame, caption: str, label: str, csv_name: str,
               digits: dict[str, int] | None = None, source: str = OGL_SOURCE) -> Markdown:
    """Render ``frame`` as a numbered, captioned table and write its CSV.

    The CSV is the table registered as ``csv_name`` (the stable, scriptable
    form of the same numbers), so the page links exactly what ``make tables``
    writes; an unregistered name is an error. The caption ends with the source
    and a download link to the CSV.
    """
    from .export import registered_tables

    builders = registered_tables()
    if csv_name not in builders:
        raise ValueError(f"table {csv_name!r} is not registered with placeblind.tables.export")
    write_csv(builders[csv_name](), csv_name)
    link = f"{{download}}`CSV </_build/tables/{csv_name}.csv>`"
    # A colon fence, because a backtick fence may not carry backticks (the
    # download role) in its first line.
    text = (f":::{{table}} {caption} Source: {source}. Download: {link}.\n"
            f":name: {label}\n:align: left\n\n{markdown_table(frame, digits)}\n:::")
    return Markdown(text)
