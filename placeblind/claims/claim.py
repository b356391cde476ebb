"""A claim as one object: its parameters (the published value, the margins of
:mod:`.rules`, the named region or districts), its ``grade(view)`` and its rule
text, built from those same parameters.

The ledger grades a claim by calling ``grade`` on the view the official data
give; the robustness chapter calls the same ``grade`` on the view each
specification gives; the ledger's ``rule`` column and the chapters print
``rule``. Nothing else states a claim's rule, so the three cannot drift apart.

A *view* is what the rule reads, and nothing more: a correlation coefficient,
a series of district LQs, the LQs of the ITL2 regions by sector
(:class:`RegionView`), a table of correlations (:class:`CorrelationView`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..analysis.is8_regions import lq_wide
from ..data.is8_definitions import SERVICE_SECTORS, SHORT_NAMES
from .rules import (
    CORRELATION_MARGIN,
    DATE_RULE,
    LIST_MARGIN,
    LQ_MARGIN,
    VERDICTS,
    correlation_verdict,
    date_verdict,
    list_verdict,
    more_than_half,
    pattern_verdict,
    worst,
)

# A specification supports a claim when its claim's rule grades it one of these.
SUPPORTING = ("reproduced", "close")


@dataclass(frozen=True)
class Grade:
    """A claim's verdict on one view, the value the rule graded, and the detail
    the ledger prints."""

    verdict: str
    value: float
    detail: str = ""

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, not {self.verdict!r}")

    @property
    def supports(self) -> bool:
        return self.verdict in SUPPORTING


class ClaimRule:
    """What every claim object has: an id, a rule text and ``grade``."""

    claim_id: str

    @property
    def rule(self) -> str:
        raise NotImplementedError

    @property
    def margins(self) -> tuple[float, ...]:
        """The margins ``grade`` uses (each one printed in :attr:`rule`)."""
        return ()

    @property
    def reference(self) -> tuple[float, float]:
        """The published value (low = high) or band, in the unit a curve plots
        (the robustness figures draw it)."""
        raise NotImplementedError

    def grade(self, view) -> Grade:
        raise NotImplementedError


# --- correlations and fits ---------------------------------------------------------------------------------

def correlation_rule() -> str:
    """The rule text of a published correlation (also the start of P41's)."""
    return (f"correlation: a published r-squared read as r and as r-squared, graded on the nearer reading; "
            f"close within {CORRELATION_MARGIN:g}")


@dataclass(frozen=True)
class CorrelationClaim(ClaimRule):
    """A published correlation (r, or r-squared as printed); the view is r.
    Graded by :func:`rules.correlation_verdict` on the reading nearer the
    published value; ``value`` is that reading, ``detail`` its name ('r' or 'r2')."""

    claim_id: str
    published: float
    decimals: int = 2

    @property
    def rule(self) -> str:
        return correlation_rule()

    @property
    def margins(self) -> tuple[float, ...]:
        return (CORRELATION_MARGIN,)

    @property
    def reference(self) -> tuple[float, float]:
        return (self.published, self.published)

    def grade(self, r: float) -> Grade:
        verdict, reading = correlation_verdict(self.published, r, self.decimals)
        value = r * r if reading == "r2" else (r if self.published < 0 else abs(r))
        return Grade(verdict, float(value), reading)


@dataclass(frozen=True)
class ModestFitClaim(ClaimRule):
    """'Positive but modest': a positive r with r-squared in [low, high); the view is r."""

    claim_id: str
    low: float
    high: float

    @property
    def rule(self) -> str:
        return (f"pattern: 'modest' = r2 from {self.low:g} to {self.high:g} with a positive slope; "
                "no looser reading")

    @property
    def reference(self) -> tuple[float, float]:
        return (self.low, self.high)

    def grade(self, r: float) -> Grade:
        r2 = r * r
        return Grade(pattern_verdict(bool(r > 0 and self.low <= r2 < self.high)), float(r2), f"r {r:+.2f}")


# --- district LQs ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MajorityBelowClaim(ClaimRule):
    """'Under-represented in many districts': more than half of the districts'
    LQs below 1. The view is the districts' LQs (divided by a cut-off, if any);
    ``value`` is the per cent below."""

    claim_id: str

    @property
    def rule(self) -> str:
        return "pattern: 'many' = more than half; no looser reading"

    @property
    def reference(self) -> tuple[float, float]:
        return (50.0, 100.0)  # per cent of the districts: more than half

    def grade(self, lq: pd.Series) -> Grade:
        lq = lq.dropna()
        below = int((lq < 1).sum())
        return Grade(pattern_verdict(more_than_half(below, len(lq))), 100.0 * below / len(lq),
                     f"{below} of {len(lq)} districts below 1")


@dataclass(frozen=True)
class CombinedBelowClaim(ClaimRule):
    """'Under-represented in the combined authorities': the districts' combined
    LQ below 1. The view is that LQ: the districts' employment pooled where
    counts are published, the median district where only shares are."""

    claim_id: str

    @property
    def rule(self) -> str:
        return "pattern: the combined LQ below 1; no looser reading"

    @property
    def reference(self) -> tuple[float, float]:
        return (1.0, 1.0)

    def grade(self, combined_lq: float) -> Grade:
        return Grade(pattern_verdict(bool(combined_lq < 1)), float(combined_lq), f"combined LQ {combined_lq:.2f}")


@dataclass(frozen=True)
class LeadClaim(ClaimRule):
    """'The largest sector in at least one district of every authority but
    ``exceptions``'. The view is (authorities without such a district with the
    sector the outright largest, the same counting ties); ``value`` is the first."""

    claim_id: str
    exceptions: int = 1

    @property
    def rule(self) -> str:
        return "pattern: strictly, with manufacturing the outright largest; loosely, counting ties"

    @property
    def reference(self) -> tuple[float, float]:
        return (float(self.exceptions), float(self.exceptions))

    def grade(self, counts: tuple[int, int]) -> Grade:
        strict, with_ties = counts
        return Grade(pattern_verdict(strict == self.exceptions, with_ties == self.exceptions), float(strict),
                     f"{strict} authorities without an outright lead, {with_ties} counting ties")


# --- ITL2 regions ------------------------------------------------------------------------------------------

@dataclass
class RegionView:
    """IS-8 LQs by ITL2 region (the columns of ``is8_lq_itl2``) divided by an LQ
    cut-off (LQ > c is LQ / c > 1, so every rule reads its cut-off as 1). ``wide``
    (region by sector, already divided) may be passed in when the caller has it."""

    source: pd.DataFrame
    cutoff: float = 1.0
    given_wide: pd.DataFrame | None = None
    _lq: pd.DataFrame | None = field(default=None, repr=False)

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


def fmt_lqs(row: pd.Series) -> str:
    return ", ".join(f"{SHORT_NAMES[s]} {v:.2f}" for s, v in row.dropna().items())


def near_none_above(row: pd.Series, margin: float = LQ_MARGIN) -> str:
    """A region with no specialism: none of its LQs above 1 strictly; loosely,
    every one above 1 within ``margin`` of it (``row`` holds measured sectors only)."""
    values = row.to_numpy(float)
    above = values[values > 1]
    return pattern_verdict(above.size == 0, bool((above < 1 + margin).all()))


@dataclass(frozen=True)
class NoSpecialismClaim(ClaimRule):
    """Each named region (ITL2 code -> name) has no LQ above 1 in any measured
    sector. ``value``: with one region, its sectors above 1; with several, the
    regions with none above 1."""

    claim_id: str
    regions: dict[str, str]
    margin: float = LQ_MARGIN

    @property
    def rule(self) -> str:
        return f"pattern: strictly as stated; loosely, every exception within {self.margin:g} of 1"

    @property
    def margins(self) -> tuple[float, ...]:
        return (self.margin,)

    @property
    def reference(self) -> tuple[float, float]:
        value = 0.0 if len(self.regions) == 1 else float(len(self.regions))
        return (value, value)

    def grade(self, view: RegionView) -> Grade:
        wide = view.wide
        rows = {code: wide.loc[code].dropna() for code in self.regions}
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
    def margins(self) -> tuple[float, ...]:
        return (self.margin,)

    @property
    def reference(self) -> tuple[float, float]:
        return (1.0, 1.0)

    def grade(self, view: RegionView) -> Grade:
        lq = float(view.wide.loc[self.region, self.sector])
        detail = f"{self.sector} LQ {lq:.2f} in the {self.region_name} ({self.region})"
        detail += (f"; {self.context(view)}." if self.context else ".")
        return Grade(pattern_verdict(lq > 1, lq > 1 - self.margin), lq, detail)


@dataclass(frozen=True)
class SectorsBelowClaim(ClaimRule):
    """The named region's LQ is below 1 in each of ``sectors``; loosely, each
    below 1 + ``margin``. ``value``: the highest of those LQs."""

    claim_id: str
    region: str
    sectors: tuple[str, ...] = SERVICE_SECTORS
    margin: float = LQ_MARGIN

    @property
    def rule(self) -> str:
        return f"pattern: strictly as stated; loosely, every exception within {self.margin:g} of 1"

    @property
    def margins(self) -> tuple[float, ...]:
        return (self.margin,)

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
    def rule(self) -> str:
        return (f"pattern: all {self.what} in {self.low:g}-{self.high:g} strictly, within {self.margin:g} of "
                "that range loosely")

    @property
    def margins(self) -> tuple[float, ...]:
        return (self.margin,)

    @property
    def reference(self) -> tuple[float, float]:
        return (self.low, self.high)

    def grade(self, view: CorrelationView) -> Grade:
        values = view.table[view.column]
        inside = values.between(self.low, self.high)
        near = values.between(self.low - self.margin, self.high + self.margin)
        distance = (self.low - values).clip(lower=0) + (values - self.high).clip(lower=0)
        farthest = float(values.loc[distance.idxmax()])
        detail = f"{int(inside.sum())} of {len(values)} in {self.low:g}-{self.high:g}"
        return Grade(pattern_verdict(bool(inside.all()), bool(near.all())), farthest, detail)


@dataclass(frozen=True)
class TestedClaim(ClaimRule):
    """A claim whose rule reads more than one view can hold (the Greater South
    East's shares, DBT's ratings, overlapping definitions): ``test`` grades the
    view, ``rule_text`` states the rule in words."""

    claim_id: str
    test: Callable[..., Grade]
    rule_text: str

    @property
    def rule(self) -> str:
        return self.rule_text

    def grade(self, view) -> Grade:
        return self.test(view)


# --- dates -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DateClaim(ClaimRule):
    """A published date (``published``, to the month: the day is ignored),
    graded against the date a data record gives (the view, a ``datetime.date``)
    by :func:`rules.date_verdict`. ``value``: the record's date minus the
    published one, in months."""

    claim_id: str
    published: datetime.date

    @property
    def rule(self) -> str:
        return (f"date: reproduced in {DATE_RULE['reproduced']}; close in {DATE_RULE['close']}; "
                f"differs in {DATE_RULE['differs']}")

    @property
    def reference(self) -> tuple[float, float]:
        return (0.0, 0.0)

    def grade(self, found: datetime.date) -> Grade:
        months = (found.year - self.published.year) * 12 + found.month - self.published.month
        return Grade(date_verdict(self.published, found), float(months),
                     f"{found:%B %Y} ({months:+d} months from the published {self.published:%B %Y})")
