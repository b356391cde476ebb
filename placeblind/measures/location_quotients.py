"""Shares and the location quotient: the formula is written once, in
:func:`location_quotient_from_shares`; every LQ in the book goes through it."""

from __future__ import annotations

import pandas as pd


def percent_of(part, whole):
    """``part`` as a percentage of ``whole`` (numbers, or series that align): every
    share of the book is computed here, so each is rounded the same way."""
    return 100.0 * part / whole


def shares(table: pd.DataFrame, area: str = "code", value: str = "employment") -> pd.Series:
    """Each row's ``value`` as a percentage of its area's total (sums to 100 per area)."""
    totals = table.groupby(area, observed=True)[value].transform("sum")
    return percent_of(table[value], totals)


def location_quotient_from_shares(local_share: pd.Series | float, reference_share: pd.Series | float):
    """The location quotient: an area's share of its employment in a sector over
    the reference area's share in the same sector (both in the same unit)."""
    return local_share / reference_share


def location_quotient(
    table: pd.DataFrame,
    area: str = "code",
    sector: str = "sector",
    value: str = "employment",
    reference: pd.Series | None = None,
) -> pd.Series:
    """Location quotient of each area-sector row: its share of the area's
    employment divided by the sector's share in the reference area.

    ``reference`` is employment (or shares) by sector for the reference area,
    indexed by sector; by default the sum over all areas in ``table``, which is
    Great Britain when ``table`` holds every GB district.
    """
    local_share = shares(table, area, value)
    if reference is None:
        reference = table.groupby(sector, observed=True)[value].sum()
    reference_share = percent_of(reference, reference.sum())
    return location_quotient_from_shares(local_share, table[sector].map(reference_share).astype(float))
