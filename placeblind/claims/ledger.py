"""The whole ledger: the paper's claims and the blog's, in one table."""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from .blog import blog_claims
from .framework import VERDICTS
from .paper import paper_claims
from .robustness import ledger_robustness


def claim_verdicts() -> pd.DataFrame:
    """Every claim with its verdicts, without the robustness notes (which need
    every specification curve): what a comparison of verdicts reads."""
    return pd.concat([paper_claims(), blog_claims()], ignore_index=True)


@cached(maxsize=2)  # read by the ledger's tables, findings, key quantities and figure in one process
def claims_ledger() -> pd.DataFrame:
    """Every claim; ``robustness`` says, for a claim with a specification curve,
    the share of specifications under which it holds and whether one choice
    overturns its verdict (empty for the other claims)."""
    ledger = claim_verdicts()
    notes = ledger_robustness()
    return ledger.assign(robustness=ledger["claim_id"].map(notes).fillna(""))


def claims_summary() -> pd.DataFrame:
    return verdict_counts(claims_ledger())


def verdict_counts(ledger: pd.DataFrame) -> pd.DataFrame:
    """Claims per source and verdict (every verdict shown, zeros included)."""
    counts = pd.crosstab(ledger["source"], pd.Categorical(ledger["verdict"], VERDICTS), dropna=False)
    counts.columns = [str(c) for c in counts.columns]
    return counts.reset_index()
