"""The claims ledger: every numeric statement of the two texts, its published
value, what the official data give, and a verdict.

Published values are transcribed from the texts (they are the claims); every
reproduced value is computed from the data in the same run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..analysis import vintages as vintage_registry
from .rules import VERDICTS

# The ledger's columns, in order: the fields of :class:`Claim` up to the reason,
# then (they came later and are appended) the verdict in each vintage the claims
# are graded on (:func:`verdict_columns`, derived from ``by_vintage``; empty
# when a claim does not rest on BRES) and the rule of
# :mod:`placeblind.claims.rules` the claim is graded by.
BASE_COLUMNS = ["claim_id", "source", "statement", "published", "reproduced", "unit", "vintage", "verdict", "reason"]
PAPER = "Nurse and Sykes (2020)"
BLOG = "Riley (2026) blog"


@dataclass(frozen=True)
class Text:
    """A text whose claims the ledger grades: its name in the ledger's ``source``
    column and how a source line cites it. The ledger's list of texts
    (:data:`placeblind.claims.ledger.TEXTS`) is the one registry of them."""
    source: str
    citation: str


PAPER_TEXT = Text(PAPER, "Nurse and Sykes (2020)")
BLOG_TEXT = Text(BLOG, "Riley (2026)")
BLOG_SOURCE = (f"{BLOG_TEXT.citation} for the published statements; Office for National Statistics (BRES via Nomis) "
               "and the DBT sector definitions, licensed under the Open Government Licence v3.0, for the official data")


@dataclass(frozen=True)
class Claim:
    claim_id: str
    source: str
    statement: str
    published: str
    reproduced: str
    unit: str
    vintage: str
    verdict: str
    reason: str
    rule: str = ""
    # Every grade of a claim read on several vintages, as (vintage, value,
    # verdict, decides) tuples, the vintage as text ('2017', 'the 2017-2019
    # mean'): the long table ``claims_by_vintage``, and the one source of the
    # ledger's per-vintage columns (:func:`verdict_columns`).
    by_vintage: tuple = ()

    def __post_init__(self):
        for verdict in (self.verdict, *(row[2] for row in self.by_vintage)):
            if verdict not in VERDICTS:
                raise ValueError(f"{self.claim_id}: verdict must be one of {VERDICTS}, not {verdict!r}")
        shown = [row[0] for row in self.by_vintage]
        if len(set(shown)) != len(shown):
            raise ValueError(f"{self.claim_id}: a vintage graded twice: {shown}")

    def verdict_in(self, vintage: int | str) -> str:
        """The claim's grade in ``vintage`` (a year or the mean), from
        ``by_vintage``; '' when the claim is not graded in it."""
        return next((row[2] for row in self.by_vintage if row[0] == str(vintage)), "")


def graded_vintages() -> tuple[int, ...]:
    """The vintages the ledger shows a verdict column for: the bundled years that
    bracket the paper's (:data:`placeblind.analysis.vintages.MEAN_OF`), which
    every sector claim is graded in, in every build (a fetched year is graded
    too, and kept in the long table ``claims_by_vintage``, but gives no column,
    so the ledger's layout does not depend on what was fetched). Read from the
    registry on each call."""
    return tuple(vintage_registry.MEAN_OF)


def verdict_column(vintage: int | str) -> str:
    """The name of the ledger's column of the verdicts in ``vintage``: 'verdict_2017'."""
    return f"verdict_{vintage}"


def verdict_columns(claims: Iterable[Claim], vintages: Iterable[int] | None = None) -> pd.DataFrame:
    """The per-vintage verdicts side by side, derived from each claim's
    ``by_vintage`` (the one place they are kept): one row per claim, in the order
    given, one column per vintage (:func:`graded_vintages` unless given) named by
    :func:`verdict_column`, '' where a claim is not graded in that vintage. Every
    wide table of per-vintage verdicts (the ledger, ``claims_vintage_rule``, the
    rounding table) is built by this function."""
    years = tuple(graded_vintages() if vintages is None else vintages)
    claims = list(claims)
    return pd.DataFrame({verdict_column(v): [c.verdict_in(v) for c in claims] for v in years},
                        index=pd.RangeIndex(len(claims)), columns=[verdict_column(v) for v in years])


def ledger_columns(vintages: Iterable[int] | None = None) -> list[str]:
    """The ledger's columns in order (:data:`BASE_COLUMNS`, then the verdict in
    each of ``vintages``, :func:`graded_vintages` unless given, then ``rule``)."""
    years = tuple(graded_vintages() if vintages is None else vintages)
    return [*BASE_COLUMNS, *(verdict_column(v) for v in years), "rule"]


def decimals_of(published: str) -> int:
    """Decimal places a published figure was given to ('47.33' -> 2, '0.3' -> 1, '8' -> 0)."""
    text = published.strip().lstrip("-")
    return len(text.split(".")[1]) if "." in text else 0


def ledger_frame(claims: list[Claim], vintages: Iterable[int] | None = None) -> pd.DataFrame:
    """The claims as ledger rows (:func:`ledger_columns`), the per-vintage
    verdicts from :func:`verdict_columns`."""
    years = tuple(graded_vintages() if vintages is None else vintages)
    own = [*BASE_COLUMNS, "rule"]  # fields of Claim
    frame = pd.DataFrame([[getattr(c, name) for name in own] for c in claims], columns=own, dtype=object)
    frame = pd.concat([frame, verdict_columns(claims, years)], axis=1)[ledger_columns(years)]
    duplicated = frame["claim_id"][frame["claim_id"].duplicated()]
    if not duplicated.empty:
        raise ValueError(f"claim ids used twice: {duplicated.tolist()}")
    return frame
