"""The whole ledger: the claims of every text it grades, in one table."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ..cache import cached
from ..text import and_join, number_word
from .blog import blog_claims
from .framework import BLOG_TEXT, PAPER_TEXT, VERDICTS, Text
from .paper import paper_claims
from .robustness import ledger_robustness

# The texts the ledger grades, in its order, each with the function giving its
# claims (a frame of :func:`~.framework.ledger_columns`). A new text adds one entry here;
# the ledger's wording ("the two texts") and its source line follow from this list.
TEXTS: tuple[tuple[Text, Callable[[], pd.DataFrame]], ...] = ((PAPER_TEXT, paper_claims), (BLOG_TEXT, blog_claims))


def texts_phrase(texts: tuple[Text, ...] | None = None) -> str:
    """'the two texts', the number in words (from :data:`TEXTS` unless given)."""
    n = len(texts if texts is not None else TEXTS)
    if n == 0:
        raise ValueError("the ledger grades no text")
    return "the text" if n == 1 else f"the {number_word(n)} texts"


def ledger_source(texts: tuple[Text, ...] | None = None) -> str:
    """The ledger tables' source line: the texts' citations (from :data:`TEXTS`
    unless given), then the official data."""
    citations = [t.citation for t in (texts if texts is not None else [text for text, _ in TEXTS])]
    return (f"{and_join(citations)} for the published figures; Office for National Statistics (Census, BRES via "
            "Nomis) and DBT/DCMS definitions, licensed under the Open Government Licence v3.0, for the official data")


LEDGER_SOURCE = ledger_source()


def claim_verdicts() -> pd.DataFrame:
    """Every claim with its verdicts, without the robustness notes (which need
    every specification curve): what a comparison of verdicts reads."""
    frames = []
    for text, claims in TEXTS:
        frame = claims()
        other = sorted(set(frame["source"]) - {text.source})
        if other:
            raise ValueError(f"the claims of {text.citation} name another source: {other}")
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


@cached(disk=True, maxsize=2)  # read by the ledger chapter, its tables and findings, the key quantities and a figure
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
