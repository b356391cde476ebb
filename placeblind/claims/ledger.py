"""The whole ledger: the paper's claims and the blog's, in one table."""

from __future__ import annotations

import pandas as pd

from .blog import blog_claims
from .framework import VERDICTS
from .paper import paper_claims
from .robustness import ledger_robustness


def claims_ledger() -> pd.DataFrame:
    """Every claim; ``robustness`` says, for a claim with a specification curve,
    the share of specifications under which it holds and whether one choice
    overturns its verdict (empty for the other claims)."""
    ledger = pd.concat([paper_claims(), blog_claims()], ignore_index=True)
    notes = ledger_robustness()
    return ledger.assign(robustness=ledger["claim_id"].map(notes).fillna(""))


def claims_summary() -> pd.DataFrame:
    return verdict_counts(claims_ledger())


def verdict_counts(ledger: pd.DataFrame) -> pd.DataFrame:
    """Claims per source and verdict (every verdict shown, zeros included)."""
    counts = pd.crosstab(ledger["source"], pd.Categorical(ledger["verdict"], VERDICTS), dropna=False)
    counts.columns = [str(c) for c in counts.columns]
    return counts.reset_index()
