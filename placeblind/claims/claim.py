"""A claim as one object: its parameters (the published value, the margins of
:mod:`.rules`, the named region or districts), its ``grade(view)`` and its rule
text, built from those same parameters.

The ledger grades a claim by calling ``grade`` on the view the official data
give; the robustness chapter calls the same ``grade`` on the view each
specification gives; the ledger's ``rule`` column and the chapters print
``rule``. Nothing else states a claim's rule, so the three cannot drift apart.

A *view* is what the rule reads, and nothing more: a correlation coefficient,
a series of district LQs, the LQs of the ITL2 regions by sector
(:class:`.claim_regions.RegionView`), a table of correlations
(:class:`.claim_regions.CorrelationView`); the claims read off regions are in
:mod:`.claim_regions`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .rules import (
    CORRELATION_MARGIN,
    DATE_RULE,
    VERDICTS,
    correlation_verdict,
    count_verdict,
    date_verdict,
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
    """What every claim object has: an id, a rule text and ``grade``. A claim
    graded with one margin holds it as ``margin`` (a field, or a class attribute
    where every claim of the kind takes the rules' margin)."""

    claim_id: str
    margin: float | None = None

    @property
    def rule(self) -> str:
        raise NotImplementedError

    @property
    def margins(self) -> tuple[float, ...]:
        """The margins ``grade`` uses (each one printed in :attr:`rule`)."""
        return () if self.margin is None else (self.margin,)

    @property
    def reference(self) -> tuple[float, float]:
        """The published value (low = high) or band, in the unit a curve plots
        (the robustness figures draw it)."""
        raise NotImplementedError

    def grade(self, view) -> Grade:
        raise NotImplementedError

    def reads(self, view) -> tuple | None:
        """Exactly what ``grade`` reads of ``view``, as plain values: two
        specifications whose views give equal ``reads`` are one specification
        counted twice. None where that cannot be told from the view (a count)."""
        return None


class ScalarClaim(ClaimRule):
    """A claim whose view is one number: ``reads`` is that number."""

    def reads(self, value: float) -> tuple:
        return (float(value),)


# --- correlations and fits ---------------------------------------------------------------------------------

def correlation_rule() -> str:
    """The rule text of a published correlation (also the start of P41's)."""
    return (f"correlation: a published r² read as r and as r², graded on the nearer reading; "
            f"close within {CORRELATION_MARGIN:g}")


@dataclass(frozen=True)
class CorrelationClaim(ScalarClaim):
    """A published correlation (r, or r² as printed); the view is r.
    Graded by :func:`rules.correlation_verdict` on the reading nearer the
    published value; ``value`` is that reading, ``detail`` its name ('r' or 'r2')."""

    claim_id: str
    published: float
    decimals: int = 2
    margin = CORRELATION_MARGIN  # the rules' margin for every correlation (not a field: no claim sets its own)

    @property
    def rule(self) -> str:
        return correlation_rule()

    @property
    def reference(self) -> tuple[float, float]:
        return (self.published, self.published)

    def grade(self, r: float) -> Grade:
        verdict, reading = correlation_verdict(self.published, r, self.decimals)
        value = r * r if reading == "r2" else (r if self.published < 0 else abs(r))
        return Grade(verdict, float(value), reading)


@dataclass(frozen=True)
class ModestFitClaim(ScalarClaim):
    """'Positive but modest': a positive r with r² in [low, high); the view is r."""

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

    @property
    def margins(self) -> tuple[float, ...]:
        return (self.low, self.high)

    def grade(self, r: float) -> Grade:
        r2 = r * r
        return Grade(pattern_verdict(bool(r > 0 and self.low <= r2 < self.high)), float(r2), f"r {r:+.2f}")


@dataclass(frozen=True)
class WeakestCorrelationClaim(CorrelationClaim):
    """One published correlation said of several fits at once ('health and
    education both have r² around 0.25'): each fit's r is graded as a
    :class:`CorrelationClaim` (:meth:`part`) and the weakest decides. The view
    is the fits' r; ``value`` is the deciding fit's reading, ``detail`` each
    fit's reading ('r' or 'r2'), in order."""

    parts: str = "both sectors"

    @property
    def rule(self) -> str:
        return f"{correlation_rule()}; {self.parts}, the weaker decides"

    def reads(self, rs) -> tuple:
        return tuple(float(r) for r in rs)

    def part(self, r: float) -> Grade:
        """One fit graded alone (the reading nearer the published value)."""
        return CorrelationClaim.grade(self, r)

    def grade(self, rs) -> Grade:
        parts = [self.part(r) for r in rs]
        verdict = worst(g.verdict for g in parts)
        deciding = next(g for g in parts if g.verdict == verdict)
        return Grade(verdict, deciding.value, ", ".join(g.detail for g in parts))


class FitsClaim(ClaimRule):
    """A claim said of several fits at once: the view is the fits' (r, r²) pairs."""

    def reads(self, fits) -> tuple:
        return tuple((float(r), float(r2)) for r, r2 in fits)


@dataclass(frozen=True)
class StrongNegativeClaim(FitsClaim):
    """'A strong negative relation', said of several fits at once: strictly,
    every r at or below ``strong``; loosely, every r negative with r² at least
    ``loose_r2``. The view is the fits' (r, r²) pairs, r² as the fit table gives
    it (on the mean of two vintages, the mean of the two r²: :data:`rules.MEAN_READS`);
    ``value`` is the weakest (largest) r."""

    claim_id: str
    strong: float
    loose_r2: float

    @property
    def rule(self) -> str:
        return (f"pattern: 'strong' = r of {self.strong:g} or below strictly; negative with r2 of at least "
                f"{self.loose_r2:g} loosely")

    @property
    def margins(self) -> tuple[float, ...]:
        return (self.strong, self.loose_r2)

    @property
    def reference(self) -> tuple[float, float]:
        return (-1.0, self.strong)

    def grade(self, fits) -> Grade:
        fits = self.reads(fits)
        strict = all(r <= self.strong for r, _ in fits)
        loose = all(r < 0 and r2 >= self.loose_r2 for r, r2 in fits)
        weakest = max(r for r, _ in fits)
        return Grade(pattern_verdict(strict, loose), weakest, f"weakest r {weakest:+.2f}")


@dataclass(frozen=True)
class WeakFitClaim(FitsClaim):
    """A weak relation ('almost none', 'slight'), said of one or several fits:
    strictly, every r² below ``below``; loosely, below ``loose`` (None: no looser
    reading); with ``positive``, every r above zero as well. The view is the
    fits' (r, r²) pairs, r² as the fit table gives it; ``value`` is the largest r²."""

    claim_id: str
    word: str
    below: float
    loose: float | None = None
    positive: bool = False

    @property
    def rule(self) -> str:
        what = "a positive r with r2" if self.positive else "r2"
        looser = "; no looser reading" if self.loose is None else f" strictly, below {self.loose:g} loosely"
        return f"pattern: '{self.word}' = {what} below {self.below:g}{looser}"

    @property
    def margins(self) -> tuple[float, ...]:
        return (self.below,) if self.loose is None else (self.below, self.loose)

    @property
    def reference(self) -> tuple[float, float]:
        return (0.0, self.below)

    def _holds(self, fits: tuple, limit: float) -> bool:
        return all((r > 0 or not self.positive) and r2 < limit for r, r2 in fits)

    def grade(self, fits) -> Grade:
        fits = self.reads(fits)
        loose = self.loose is not None and self._holds(fits, self.loose)
        largest = max(r2 for _, r2 in fits)
        return Grade(pattern_verdict(self._holds(fits, self.below), loose), largest, f"largest r2 {largest:.3f}")


# --- counts ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CountClaim(ClaimRule):
    """A published count: exact strictly. With ``ties`` (a count of districts
    where a group is the largest), close when reached only by counting the
    districts where it ties for the top (:func:`rules.count_verdict`). The view
    is the count (with ``ties``: the count where it leads outright, and the count
    with ties); ``value`` is the first."""

    claim_id: str
    published: int
    ties: bool = True

    @property
    def rule(self) -> str:
        if not self.ties:
            return "count: exact"
        return "count: exact strictly; close when reached only by counting districts where the group ties for the top"

    @property
    def reference(self) -> tuple[float, float]:
        return (float(self.published), float(self.published))

    def reads(self, counts: tuple[int, ...]) -> tuple:
        return tuple(int(c) for c in counts)

    def grade(self, counts: tuple[int, ...]) -> Grade:
        counts = self.reads(counts)
        strict, with_ties = (counts[0], counts[1] if self.ties else None)
        detail = f"{strict} outright, {with_ties} counting ties" if self.ties else str(strict)
        return Grade(count_verdict(self.published, strict, with_ties), float(strict), detail)


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

    def reads(self, lq: pd.Series) -> tuple:
        lq = lq.dropna()
        return tuple(zip(lq.index.tolist(), lq.tolist()))  # (``items()`` iterates the text index cell by cell)

    def grade(self, lq: pd.Series) -> Grade:
        lq = lq.dropna()
        below = int((lq < 1).sum())
        return Grade(pattern_verdict(more_than_half(below, len(lq))), 100.0 * below / len(lq),
                     f"{below} of {len(lq)} districts below 1")


@dataclass(frozen=True)
class CombinedBelowClaim(ScalarClaim):
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
