"""The claim objects read off the IS-8 LQs of the ITL2 regions (the blog's), and
their views (see :mod:`.claim`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..analysis.is8_regions import lq_wide
from ..data.is8_definitions import SERVICE_SECTORS, SHORT_NAMES
from .claim import ClaimRule, Grade
from .rules import CORRELATION_MARGIN, LIST_MARGIN, LQ_MARGIN, list_verdict, pattern_verdict, worst


@dataclass
class RegionView:
    """IS-8 LQs by ITL2 region (the columns of ``is8_lq_itl2``) divided by an LQ
    cut-off (LQ > c is LQ / c > 1, so every rule reads its cut-off as 1). ``wide``
    (region by sector, already divided) may be passed in when the caller has it."""

    source: pd.DataFrame
    cutoff: float = 1.0
    given_wide: pd.DataFrame | None = None
    _lq: pd.DataFrame | None = field(default=None, repr=False)
    _rows: dict = field(default_factory=dict, repr=False)

    @property
    def lq(self) -> pd.DataFrame:
        if self._lq is None:
            self._lq = self.source if self.cutoff == 1 else self.source.assign(lq=self.source["lq"] / self.cutoff)
        return self._lq

    @property
    def wide(self) -> pd.DataFrame:
        if self.given_wide is None:
            self.given_wide = lq_wide(self.lq).droplevel("itl2_name")
        return self.given_wide

    def row(self, code: str) -> pd.Series:
        """The region's row of :attr:`wide` less the sectors not measured there (kept:
        a claim's ``grade`` and ``reads`` both read it, for every specification that shares the view)."""
        if code not in self._rows:
            self._rows[code] = self.wide.loc[code].dropna()
        return self._rows[code]


def fmt_lqs(row: pd.Series) -> str:
    row = row.dropna() if row.hasnans else row
    return ", ".join(f"{SHORT_NAMES[s]} {v:.2f}" for s, v in zip(row.index.tolist(), row.tolist()))


def near_none_above(row: pd.Series, margin: float = LQ_MARGIN) -> str:
    """A region with no specialism: none of its LQs above 1 strictly; loosely,
    every one above 1 within ``margin`` of it (``row`` holds measured sectors only)."""
    values = row.to_numpy(float)
    above = values[values > 1]
    return pattern_verdict(above.size == 0, bool((above < 1 + margin).all()))


class ExceptionsNearOne(ClaimRule):
    """A claim about LQs on one side of 1: strictly as stated; loosely, every
    exception within ``margin`` of 1."""

    @property
    def rule(self) -> str:
        return f"pattern: strictly as stated; loosely, every exception within {self.margin:g} of 1"


@dataclass(frozen=True)
class NoSpecialismClaim(ExceptionsNearOne):
    """Each named region (ITL2 code -> name) has no LQ above 1 in any measured
    sector. ``value``: with one region, its sectors above 1; with several, the
    regions with none above 1."""

    claim_id: str
    regions: dict[str, str]
    margin: float = LQ_MARGIN

    @property
    def reference(self) -> tuple[float, float]:
        value = 0.0 if len(self.regions) == 1 else float(len(self.regions))
        return (value, value)

    def reads(self, view: RegionView) -> tuple:
        return tuple(tuple(zip(row.index.tolist(), row.tolist())) for row in map(view.row, self.regions))

    def grade(self, view: RegionView) -> Grade:
        rows = {code: view.row(code) for code in self.regions}
        verdict = worst(near_none_above(row, self.margin) for row in rows.values())
        above = {code: row[row.to_numpy(float) > 1] for code, row in rows.items()}
        if len(self.regions) == 1:
            (code, row), = rows.items()
            detail = (f"{self.regions[code]} ({code}): LQ > 1 in {len(above[code])} of {len(row)} measurable "
                      f"sectors ({fmt_lqs(row)}).")
            return Grade(verdict, float(len(above[code])), detail)
        parts = [f"{self.regions[code]} ({code}) {len(above[code])} [{fmt_lqs(above[code]) or 'none'}]"
                 for code in rows]
        clear = sum(1 for code in rows if above[code].empty)
        detail = (f"{clear} of {len(self.regions)} regions have no LQ above 1. "
                  f"Specialisms per region: " + "; ".join(parts) + ".")
        return Grade(verdict, float(clear), detail)


@dataclass(frozen=True)
class SectorAboveClaim(ClaimRule):
    """The named region (``region``, an ITL2 code; its name ``region_name``) has
    an LQ above 1 in ``sector``; close when it is within ``margin`` below 1.
    ``context`` (optional) describes a wider area for the detail only: it does
    not enter the grade."""

    claim_id: str
    region: str
    region_name: str
    sector: str
    margin: float = LQ_MARGIN
    context: Callable[[RegionView], str] | None = None

    @property
    def rule(self) -> str:
        return (f"pattern: the {self.sector} LQ of the region the claim names ({self.region_name}, "
                f"{self.region}) above 1 strictly; loosely, below 1 by less than {self.margin:g}")

    @property
    def reference(self) -> tuple[float, float]:
        return (1.0, 1.0)

    def reads(self, view: RegionView) -> tuple:
        return (float(view.wide.loc[self.region, self.sector]),)

    def grade(self, view: RegionView) -> Grade:
        lq = float(view.wide.loc[self.region, self.sector])
        detail = f"{self.sector} LQ {lq:.2f} in the {self.region_name} ({self.region})"
        detail += (f"; {self.context(view)}." if self.context else ".")
        return Grade(pattern_verdict(lq > 1, lq > 1 - self.margin), lq, detail)


@dataclass(frozen=True)
class SectorsBelowClaim(ExceptionsNearOne):
    """The named region's LQ is below 1 in each of ``sectors``; loosely, each
    below 1 + ``margin``. ``value``: the highest of those LQs."""

    claim_id: str
    region: str
    sectors: tuple[str, ...] = SERVICE_SECTORS
    margin: float = LQ_MARGIN

    def reads(self, view: RegionView) -> tuple:
        return tuple(view.wide.loc[self.region, list(self.sectors)].items())

    def grade(self, view: RegionView) -> Grade:
        row = view.wide.loc[self.region, list(self.sectors)]
        verdict = pattern_verdict(bool((row < 1).all()), bool((row < 1 + self.margin).all()))
        return Grade(verdict, float(row.max()), f"Service-sector LQs in {self.region}: {fmt_lqs(row)}.")


@dataclass(frozen=True)
class AllSectorsClaim(ClaimRule):
    """Exactly the named regions have an LQ above 1 in every measured sector,
    graded as a list (:func:`rules.list_verdict`). ``value``: how many regions do."""

    claim_id: str
    regions: dict[str, str]

    @property
    def rule(self) -> str:
        return (f"list of regions: the same regions; close with at most {LIST_MARGIN} named region missing and "
                f"{LIST_MARGIN} extra")

    def found(self, view: RegionView) -> list[str]:
        wide = view.wide
        return list(wide.index[(wide > 1).sum(axis=1) == wide.notna().sum(axis=1)])

    @property
    def reference(self) -> tuple[float, float]:
        return (float(len(self.regions)), float(len(self.regions)))

    def reads(self, view: RegionView) -> tuple:
        wide = view.wide
        return (tuple(wide.index), tuple(wide.columns), wide.to_numpy(float).tobytes())

    def grade(self, view: RegionView) -> Grade:
        found = self.found(view)
        return Grade(list_verdict(self.regions, found), float(len(found)), ", ".join(found) or "none")


@dataclass(frozen=True)
class CorrelationView:
    """A table of correlations (:func:`service_correlations`) and the column graded."""

    table: pd.DataFrame
    column: str = "pearson"


@dataclass(frozen=True)
class BandClaim(ClaimRule):
    """Every coefficient in [low, high] strictly; every one within ``margin`` of
    that band loosely. ``value``: the coefficient farthest from the band (its
    distance decides the verdict)."""

    claim_id: str
    low: float
    high: float
    margin: float = CORRELATION_MARGIN
    what: str = "coefficients"

    @property
    def band(self) -> str:
        """The band as the rule and the ledger print it ("0.6-0.8")."""
        return f"{self.low:g}-{self.high:g}"

    @property
    def rule(self) -> str:
        return (f"pattern: all {self.what} in {self.band} strictly, within {self.margin:g} of "
                "that range loosely")

    @property
    def reference(self) -> tuple[float, float]:
        return (self.low, self.high)

    def reads(self, view: CorrelationView) -> tuple:
        return tuple(view.table[view.column].astype(float))

    def inside(self, values) -> np.ndarray:
        """Which of ``values`` lie in the band, both ends included: the strict
        half of the rule, the one test every count "in the band" calls."""
        values = np.asarray(values, dtype=float)
        return (values >= self.low) & (values <= self.high)

    def n_inside(self, view: CorrelationView) -> int:
        """How many of the view's coefficients lie in the band (:meth:`inside`)."""
        return int(self.inside(view.table[view.column].to_numpy(float)).sum())

    def grade(self, view: CorrelationView) -> Grade:
        # numpy on the six coefficients, not pandas: the robustness curve grades 225 tables,
        # and a Series' between, clip and idxmax took longer than the rule itself.
        values = view.table[view.column].to_numpy(float)
        inside = self.inside(values)
        near = (values >= self.low - self.margin) & (values <= self.high + self.margin)
        distance = np.clip(self.low - values, 0, None) + np.clip(values - self.high, 0, None)
        farthest = float(values[np.nanargmax(distance)])  # the first farthest, as idxmax, NaN skipped
        detail = f"{int(inside.sum())} of {len(values)} in {self.band}"
        return Grade(pattern_verdict(bool(inside.all()), bool(near.all())), farthest, detail)


