"""The claims ledger: every numeric statement of the two texts, its published
value, what the official data give, and a verdict.

Published values are transcribed from the texts (they are the claims); every
reproduced value is computed from the data in the same run.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from .rules import VERDICTS

# The last three columns came later and are appended (another branch lays the
# table out): the verdict in each BRES vintage (empty when a claim does not
# rest on BRES) and the rule of :mod:`placeblind.claims.rules` the claim is
# graded by, with its reading where it needs one.
COLUMNS = ["claim_id", "source", "statement", "published", "reproduced", "unit", "vintage", "verdict", "reason",
           "verdict_2017", "verdict_2019", "rule"]
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
    verdict_2017: str = ""
    verdict_2019: str = ""
    rule: str = ""
    # Every grade of a claim read on several vintages, as (vintage, value,
    # verdict, decides) tuples: the long table ``claims_by_vintage``. Not a
    # column of the ledger.
    by_vintage: tuple = ()

    def __post_init__(self):
        for verdict in (self.verdict, self.verdict_2017 or self.verdict, self.verdict_2019 or self.verdict):
            if verdict not in VERDICTS:
                raise ValueError(f"{self.claim_id}: verdict must be one of {VERDICTS}, not {verdict!r}")


def decimals_of(published: str) -> int:
    """Decimal places a published figure was given to ('47.33' -> 2, '0.3' -> 1, '8' -> 0)."""
    text = published.strip().lstrip("-")
    return len(text.split(".")[1]) if "." in text else 0


def ledger_frame(claims: list[Claim]) -> pd.DataFrame:
    frame = pd.DataFrame([asdict(c) for c in claims], columns=COLUMNS)
    duplicated = frame["claim_id"][frame["claim_id"].duplicated()]
    if not duplicated.empty:
        raise ValueError(f"claim ids used twice: {duplicated.tolist()}")
    return frame
