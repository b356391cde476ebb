"""The claims ledger: every numeric statement of the two texts, its published
value, what the official data give, and a verdict.

Published values are transcribed from the texts (they are the claims); every
reproduced value is computed from the data in the same run.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import pandas as pd

VERDICTS = ("reproduced", "close", "differs", "cannot be tested")
COLUMNS = ["claim_id", "source", "statement", "published", "reproduced", "unit", "vintage", "verdict", "reason"]
PAPER = "Nurse and Sykes (2020)"
BLOG = "Riley (2026) blog"
BLOG_SOURCE = ("Riley (2026) for the published statements; Office for National Statistics (BRES via Nomis) and the "
               "DBT sector definitions, licensed under the Open Government Licence v3.0, for the official data")
LEDGER_SOURCE = ("Nurse and Sykes (2020) and Riley (2026) for the published figures; Office for National Statistics "
                 "(Census, BRES via Nomis) and DBT/DCMS definitions, licensed under the Open Government Licence "
                 "v3.0, for the official data")


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

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"{self.claim_id}: verdict must be one of {VERDICTS}, not {self.verdict!r}")


def decimals_of(published: str) -> int:
    """Decimal places a published figure was given to ('47.33' -> 2, '0.3' -> 1, '8' -> 0)."""
    text = published.strip().lstrip("-")
    return len(text.split(".")[1]) if "." in text else 0


def numeric_verdict(published: float, reproduced: float, decimals: int, close_within: float) -> str:
    """``reproduced`` when the value rounds to the published figure at its own
    precision; ``close`` when within ``close_within`` (absolute, in the claim's
    unit); ``differs`` otherwise."""
    if math.isnan(reproduced):
        return "cannot be tested"
    if round(reproduced, decimals) == round(published, decimals):
        return "reproduced"
    if abs(reproduced - published) <= close_within:
        return "close"
    return "differs"


def ledger_frame(claims: list[Claim]) -> pd.DataFrame:
    frame = pd.DataFrame([asdict(c) for c in claims], columns=COLUMNS)
    duplicated = frame["claim_id"][frame["claim_id"].duplicated()]
    if not duplicated.empty:
        raise ValueError(f"claim ids used twice: {duplicated.tolist()}")
    return frame
