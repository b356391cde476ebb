"""Which verdicts of the ledger the rescaling of the 2019 shares decides: the
ledger built again with the shares as published, set against the book's."""

from __future__ import annotations

import pandas as pd

from ..analysis.shares_2019 import published_2019_shares
from ..cache import cached
from ..text import and_join
from .ledger import claim_verdicts

VERDICT_COLUMNS = ("verdict", "verdict_2017", "verdict_2019")


@cached(disk=True)
def verdicts_changed_by_rescaling() -> pd.DataFrame:
    """One row per claim whose verdict (overall or in a vintage) differs when the
    2019 shares are used as published. Columns: ``claim_id``, ``verdict``,
    ``verdict_as_published``, ``verdict_2019``, ``verdict_2019_as_published``."""
    rescaled = claim_verdicts().set_index("claim_id")
    with published_2019_shares():
        as_published = claim_verdicts().set_index("claim_id")
    if list(as_published.index) != list(rescaled.index):
        raise AssertionError("the ledger has other claims when the 2019 shares are used as published")
    columns = list(VERDICT_COLUMNS)
    changed = (rescaled[columns] != as_published[columns]).any(axis=1)
    out = pd.DataFrame({
        "verdict": rescaled.loc[changed, "verdict"],
        "verdict_as_published": as_published.loc[changed, "verdict"],
        "verdict_2019": rescaled.loc[changed, "verdict_2019"],
        "verdict_2019_as_published": as_published.loc[changed, "verdict_2019"],
    })
    return out.reset_index()


def rescaling_sentence(changes: pd.DataFrame) -> str:
    """The changed verdicts in words, for the chapters."""
    if changes.empty:
        return "changes no verdict of the claims ledger"
    parts = []
    for _, row in changes.iterrows():
        overall = (f"overall {row['verdict']} rather than {row['verdict_as_published']}"
                   if row["verdict"] != row["verdict_as_published"] else f"overall still {row['verdict']}")
        parts.append(f"{row['claim_id']} (2019 {row['verdict_2019']} rather than "
                     f"{row['verdict_2019_as_published']}; {overall})")
    count = f"{len(parts)} claim{'s' if len(parts) > 1 else ''}"
    return f"changes the verdict of {count}: {and_join(parts)}"
