"""The BRES 2019 district shares, rescaled so each district's 18 add up to 100.

Nomis publishes the 2019 shares as percentages of each district's employees to
one decimal place, computed from counts it has rounded (to 5, 25, 50, 100, 250,
500 or 1,000 by size), so a district's 18 shares add up to anything from about
94 to 104. Left as they are, a district whose shares add up to 96 has every
2019 LQ about 4% too low against a reference whose shares add up to 100 exactly,
and its 2019 LQs would not compare with its 2017 LQs (counts, whose shares add
up to 100 by construction). The book therefore divides each district's shares
by their sum (:func:`placeblind.measures.shares`) before any 2019 LQ or fit:
the rescaled share is the group's share of the employees the 18 groups count.

The published figures stay available: :func:`published_2019_shares` computes
everything inside its block with the shares as published (a named method
variant, cached apart), so the book can show what the choice changes.
"""

from __future__ import annotations

import contextlib

import pandas as pd

from ..cache import cached, current_variant, method_variant
from ..measures import shares
from .vintages import SHARES, district_vintage, read_vintage

AS_PUBLISHED = "BRES 2019 district shares as published, not rescaled to 100"


def rescaling_2019() -> bool:
    """True unless inside :func:`published_2019_shares`."""
    return current_variant() != AS_PUBLISHED


def varies_with_shares(vintage=None, *_args, **_kwargs) -> bool:
    """Whether a reading of ``vintage`` (the first argument of a cached function,
    as its ``variants`` test) can differ inside :func:`published_2019_shares`: for
    a shares vintage, a derived one (the mean) or a year this build does not list,
    yes; a counts vintage reads no published shares, so the book's own reading of
    it serves the variant too, and the variant recomputes only what it changes."""
    if not isinstance(vintage, int):
        return True
    try:
        return district_vintage(vintage).kind == SHARES
    except ValueError:  # not a vintage of this build: the function's own check reports it
        return True


@contextlib.contextmanager
def published_2019_shares():
    """Compute everything inside the block with the 2019 shares as published."""
    with method_variant(AS_PUBLISHED):
        yield


def district_shares(vintage: int) -> pd.DataFrame:
    """A shares vintage's district shares as the book uses them (``code``, ``name``,
    ``year``, ``sector``, ``share_pct``): rescaled to add up to 100 in each district
    (as published inside :func:`published_2019_shares`), with ``published_share_pct``
    and ``published_sum_pct`` (the district's published shares added up) beside it."""
    return _district_shares(vintage, rescaling_2019())


def district_shares_2019_for_lq() -> pd.DataFrame:
    """:func:`district_shares` of the bundle's 2019 (the rounding tables are about its published sums)."""
    return district_shares(2019)


@cached(maxsize=4)
def _district_shares(vintage: int, rescale: bool) -> pd.DataFrame:
    entry = district_vintage(vintage)
    if entry.kind != SHARES:
        raise ValueError(f"BRES {vintage} publishes {entry.kind}, not shares")
    frame = read_vintage(entry).assign(year=vintage).rename(columns={"share_pct": "published_share_pct"})
    # Sums of one-decimal figures, rounded to one decimal so that float noise
    # cannot put a sum of exactly 101.0 on the wrong side of a one-point test.
    frame["published_sum_pct"] = frame.groupby("code")["published_share_pct"].transform("sum").round(1)
    frame["share_pct"] = shares(frame, value="published_share_pct") if rescale else frame["published_share_pct"]
    return frame[["code", "name", "year", "sector", "share_pct", "published_share_pct", "published_sum_pct"]]
