"""The fact tables' declarations, read and resolved against whatever tables
they are handed (see :mod:`placeblind.publishing.facts` for the mechanism).

This module imports no registry: the registry builds its ``facts`` table and
reads the key quantities' glue names from here, and :mod:`.facts` hands the
registry's tables to :func:`resolve` for the chapters, so no import loops back.
"""

from __future__ import annotations

import math
import runpy
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..cache import cached
from ..text import capitalised, number_word

FACT_TABLES = Path(__file__).resolve().parent / "fact_tables"
COLUMNS = ["name", "table", "row", "column", "format"]
KEY_COLUMN = "quantity"


class FactError(ValueError):
    """A fact that cannot be resolved: the message names the fact and its table."""


@dataclass(frozen=True)
class Fact:
    chapter: str
    name: str
    table: str
    row: str
    column: str
    format: str

    def where(self) -> str:
        return f"fact {self.name!r} (chapter {self.chapter}: table {self.table!r}, row {self.row!r}, column {self.column!r})"


def chapters() -> list[str]:
    """The chapters with a fact table."""
    return sorted(p.stem for p in FACT_TABLES.glob("*.py"))


def declared(chapter: str) -> tuple[Fact, ...]:
    """The facts of one chapter, in the order of its table."""
    path = FACT_TABLES / f"{chapter}.py"
    if not path.is_file():
        raise FactError(f"no fact table for chapter {chapter!r} (expected {path})")
    stat = path.stat()
    return _declared(chapter, str(path), stat.st_size, stat.st_mtime_ns)


# A guard's fact_value reads every table; a chapter's kernel asks dozens of times.
# Keyed on the file's path, size and time, so an edited table is read again. A
# tuple of frozen facts, so the cache hands it out as it is instead of copying it.
@cached(inputs=False, maxsize=64)
def _declared(chapter: str, path: str, _size: int, _mtime_ns: int) -> tuple[Fact, ...]:
    """A fact table is a module of the package holding one tuple, ``FACTS``, of
    rows (``COLUMNS``, all text): source, like the chapter it serves, not data.
    Read by path (``runpy``), so a table is found by its chapter's name alone."""
    path = Path(path)
    try:
        rows = runpy.run_path(str(path))["FACTS"]
    except Exception as error:  # noqa: BLE001 - any failure to read it is the table's fault
        raise FactError(f"{path.name}: cannot be read as a fact table ({type(error).__name__}: {error})") from error
    bad = [row for row in rows if not (isinstance(row, tuple) and len(row) == len(COLUMNS)
                                       and all(isinstance(v, str) for v in row))]
    if bad:
        raise FactError(f"{path.name}: every row must be {len(COLUMNS)} texts ({', '.join(COLUMNS)}), not {bad[0]!r}")
    names = [row[0].strip() for row in rows]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise FactError(f"{path.name}: glue names declared twice: {repeated}")
    return tuple(Fact(chapter, *(v.strip() for v in row)) for row in rows)


def _source(fact: Fact) -> tuple[str, str, str, str]:
    return fact.table, fact.row, fact.column, fact.format


def all_declared() -> list[Fact]:
    """Every chapter's facts. A name glued by several chapters (the 2019
    rounding facts are glued by three) must be declared alike in each, so it
    prints the same everywhere."""
    facts = [fact for chapter in chapters() for fact in declared(chapter)]
    seen: dict[str, Fact] = {}
    for fact in facts:
        first = seen.setdefault(fact.name, fact)
        if _source(first) != _source(fact):
            raise FactError(f"glue name {fact.name!r} declared in both {first.chapter} and {fact.chapter}, "
                            f"differently: {_source(first)} and {_source(fact)}")
    return facts


def _select(frame: pd.DataFrame, fact: Fact) -> pd.Series:
    return _with_column(_selected_row(frame, fact), frame, fact)


def _with_column(row: pd.Series, frame: pd.DataFrame, fact: Fact) -> pd.Series:
    if fact.column not in row.index:
        raise FactError(f"{fact.where()}: no such column (the table has {list(frame.columns)})")
    return row


def _selected_row(frame: pd.DataFrame, fact: Fact) -> pd.Series:
    """The one row of ``frame`` the fact's row selector picks."""
    if not fact.row:
        rows = frame
    elif any(op in fact.row for op in ("==", "!=", "<", ">", " in ", " and ", " or ")):
        try:
            rows = frame.query(fact.row, engine="python")
        except Exception as error:  # noqa: BLE001 - any query failure is the declaration's fault
            raise FactError(f"{fact.where()}: the row query fails: {error}") from error
    elif KEY_COLUMN in frame.columns:
        rows = frame[frame[KEY_COLUMN].astype(str) == fact.row]
    else:
        raise FactError(f"{fact.where()}: a bare row key needs a {KEY_COLUMN!r} column in the table")
    if len(rows) != 1:
        raise FactError(f"{fact.where()}: the row selector matches {len(rows)} rows, not one")
    return rows.iloc[0]


def _native(value):
    """A plain Python value (glue and format specs want no NumPy scalars)."""
    if isinstance(value, np.generic):
        return value.item()
    return value


def format_value(value, spec: str, where: str = "a fact") -> str:
    """The text a page prints for ``value`` under ``spec`` (see the module note)."""
    value = _native(value)
    if spec in ("word", "Word"):
        if isinstance(value, float) and value == int(value):
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise FactError(f"{where}: {spec!r} prints a count, not {value!r}")
        word = number_word(value)
        return capitalised(word) if spec == "Word" else word
    if spec.startswith("words:"):
        words = spec[len("words:"):].split("|")
        if len(words) != 2 or not isinstance(value, bool):
            raise FactError(f"{where}: 'words:' needs two words and a yes/no value, not {value!r}")
        return words[0] if value else words[1]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise FactError(f"{where}: the value is missing")
    if not spec:
        return str(value)
    try:
        if spec.endswith("d") and isinstance(value, float):
            if value != int(value):
                raise FactError(f"{where}: {value!r} is not a whole number, so it cannot print as {spec!r}")
            value = int(value)
        return format(value, spec)
    except (TypeError, ValueError) as error:
        raise FactError(f"{where}: cannot print {value!r} as {spec!r}: {error}") from error


def resolve(fact: Fact, tables, table, select=_select) -> tuple[object, str]:
    """The fact's value (plain Python) and the text the page prints; ``tables``:
    the registered names, ``table``: a function from a name to its frame;
    ``select``: :func:`_select`, or a caller's own that keeps what it selected."""
    if fact.table not in tables:
        raise FactError(f"{fact.where()}: {fact.table!r} is not a registered table")
    value = _native(select(table(fact.table), fact)[fact.column])
    return value, format_value(value, fact.format, fact.where())


def _value_text(value) -> str:
    """The value as the CSV holds it: ten significant digits for a float (the
    column mixes numbers and words, so pandas' float format does not reach it)."""
    return f"{value:.10g}" if isinstance(value, float) else str(value)


def facts_table(tables, table) -> pd.DataFrame:
    """Every glued fact of the book with its printed text, its value and where it
    comes from (registered as ``facts``: any number on a page traces to a cell)."""
    rows = []
    # Each table read, and each row selected, once: the facts name far fewer tables and
    # distinct rows than they number (a row query costs a few milliseconds).
    frames: dict[str, pd.DataFrame] = {}
    selected: dict[tuple[str, str], pd.Series] = {}

    def read(name: str) -> pd.DataFrame:
        if name not in frames:
            frames[name] = table(name)
        return frames[name]

    def select(frame: pd.DataFrame, fact: Fact) -> pd.Series:
        key = (fact.table, fact.row)
        if key not in selected:
            selected[key] = _selected_row(frame, fact)
        return _with_column(selected[key], frame, fact)

    for fact in all_declared():
        value, text = resolve(fact, tables, read, select)
        rows.append({"chapter": fact.chapter, "name": fact.name, "text": text, "value": _value_text(value),
                     "table": fact.table, "row": fact.row, "column": fact.column, "format": fact.format})
    return pd.DataFrame(rows, columns=["chapter", "name", "text", "value", "table", "row", "column", "format"])
