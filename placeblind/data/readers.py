"""Reading a catalogued CSV with the checks every parser shares.

Each check raises :class:`DataError` naming the file and the problem, so a
malformed file can never yield a number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from ..errors import DataError
from .catalogue import entry, verified_path


def read_catalogued_csv(
    file_id: str,
    required_columns: Iterable[str],
    numeric_columns: Iterable[str] = (),
    skiprows: int = 0,
    blank_allowed: Callable[[pd.DataFrame], pd.Series] | None = None,
    decimal_columns: Iterable[str] = (),
    signed_columns: Iterable[str] = (),
) -> pd.DataFrame:
    """Read a catalogued CSV as text, then check columns, row count and numeric cells.

    Numeric columns are converted to numbers; any cell that is empty or not a
    number is an error, except empty cells in the rows ``blank_allowed``
    selects (known gaps in the source), which become missing values. Numeric
    cells must be whole numbers (counts, years, codes) unless their column is
    in ``decimal_columns``, and not negative unless it is in ``signed_columns``
    (a negative count is a broken file).
    """
    item = entry(file_id)
    path = verified_path(file_id)
    try:
        frame = pd.read_csv(path, dtype=str, skiprows=skiprows, encoding="utf-8-sig",
                            keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(item.path, f"cannot be parsed as CSV ({exc})") from exc
    required = list(required_columns)
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataError(item.path, f"missing column(s) {missing}; columns found: {list(frame.columns)[:12]}")
    if item.data_rows is not None and len(frame) != item.data_rows:
        raise DataError(item.path, f"has {len(frame)} data rows, expected {item.data_rows} (truncated or altered file)")
    allowed = blank_allowed(frame) if blank_allowed is not None else pd.Series(False, index=frame.index)
    decimals, signed = set(decimal_columns), set(signed_columns)
    for column in numeric_columns:
        # A known gap: an empty cell in a row ``blank_allowed`` selects (only those rows' cells
        # stripped: stripping a large file's whole column took a fifth of its reading).
        known_gap = np.zeros(len(frame), dtype=bool)
        chosen = np.asarray(allowed, dtype=bool)
        known_gap[chosen] = (frame.loc[chosen, column].str.strip() == "").to_numpy(bool)
        numbers = to_numbers(frame.loc[~known_gap, column], item.path, column,
                             whole=column not in decimals, nonnegative=column not in signed)
        frame[column] = numbers.reindex(frame.index)
    return frame


def to_numbers(values: pd.Series, file: str, column: str, whole: bool = False,
               nonnegative: bool = False) -> pd.Series:
    """Convert a text column to numbers, naming the first bad cell if any.

    With ``whole``, a value that is not a whole number (``12.5``, ``inf``) is
    an error too, rather than being truncated later by an integer cast.
    """
    # Parse each distinct text once: the large files repeat a few thousand values.
    distinct = pd.unique(values)
    parsed = pd.to_numeric(pd.Series(distinct, dtype=object).astype(str).str.strip(), errors="coerce")
    numbers = values.map(dict(zip(distinct, parsed))).astype(float)
    bad = numbers.isna()
    if bad.any():
        first = bad[bad].index[0]
        raise DataError(file, f"non-numeric value {values[first]!r} in column {column!r} at data row {first + 1}")
    if whole:
        fractional = ~np.isfinite(numbers) | (numbers != np.round(numbers))
        if fractional.any():
            first = fractional[fractional].index[0]
            raise DataError(file, f"non-integer value {values[first]!r} in column {column!r} at data row {first + 1}")
    negative = numbers < 0
    if nonnegative and negative.any():
        first = negative[negative].index[0]
        raise DataError(file, f"negative value {values[first]!r} in column {column!r} at data row {first + 1}")
    return numbers


def require_unique(frame: pd.DataFrame, keys: list[str], file: str) -> None:
    """Duplicated keys would double count: stop on the first one."""
    duplicated = frame.duplicated(keys, keep=False)
    if duplicated.any():
        example = frame.loc[duplicated, keys].iloc[0].tolist()
        raise DataError(file, f"duplicated row for {dict(zip(keys, example))}")


def require_codes(frame: pd.DataFrame, code_column: str, codes: Iterable[str], file: str, what: str) -> None:
    """Every code in ``codes`` must appear exactly once in ``frame[code_column]``."""
    counts = frame[code_column].value_counts()
    wanted = list(codes)
    missing = [c for c in wanted if c not in counts.index]
    if missing:
        raise DataError(file, f"{what} missing: {missing}")
    repeated = [c for c in wanted if counts[c] > 1]
    if repeated:
        raise DataError(file, f"{what} duplicated: {repeated}")
