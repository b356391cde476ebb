"""Which verdicts of the ledger the rescaling of the 2019 shares decides: the
ledger built again with the shares as published, set against the book's."""

from __future__ import annotations

import pandas as pd

from ..analysis.shares_2019 import published_2019_shares
from ..analysis.vintages import SHARES, district_vintage
from ..cache import cached
from ..text import and_join
from .framework import graded_vintages, verdict_column
from .ledger import claim_verdicts

AS_PUBLISHED = "_as_published"  # the suffix of a column read with the shares as published


def rescaled_vintages() -> tuple[int, ...]:
    """The ledger's vintages (:func:`~.framework.graded_vintages`) whose readings
    the rescaling can change: those that publish shares (today 2019); a counts
    vintage reads no published shares."""
    return tuple(v for v in graded_vintages() if district_vintage(v).kind == SHARES)


def verdict_columns_compared() -> list[str]:
    """The ledger's verdict columns the two ledgers are compared on: the overall
    verdict and the verdict in each graded vintage."""
    return ["verdict", *(verdict_column(v) for v in graded_vintages())]


@cached(disk=True)
def verdicts_changed_by_rescaling() -> pd.DataFrame:
    """One row per claim whose verdict (overall or in a vintage) differs when the
    published shares are used as published. Columns: ``claim_id``, ``verdict``,
    ``verdict_as_published``, then for each vintage of :func:`rescaled_vintages`
    ``verdict_<year>`` and ``verdict_<year>_as_published`` (today
    ``verdict_2019``, ``verdict_2019_as_published``)."""
    rescaled = claim_verdicts().set_index("claim_id")
    with published_2019_shares():
        as_published = claim_verdicts().set_index("claim_id")
    if list(as_published.index) != list(rescaled.index):
        raise AssertionError("the ledger has other claims when the 2019 shares are used as published")
    columns = verdict_columns_compared()
    changed = (rescaled[columns] != as_published[columns]).any(axis=1)
    shown = ["verdict", *(verdict_column(v) for v in rescaled_vintages())]
    out = pd.DataFrame({name: frame.loc[changed, column] for column in shown
                        for name, frame in ((column, rescaled), (column + AS_PUBLISHED, as_published))})
    return out.reset_index()


def rescaling_sentence(changes: pd.DataFrame) -> str:
    """The changed verdicts in words, for the chapters: per claim, the verdict in
    each rescaled vintage (:func:`rescaled_vintages`) both ways, then the overall verdict."""
    if changes.empty:
        return "changes no verdict of the claims ledger"
    parts = []
    for _, row in changes.iterrows():
        overall = (f"overall {row['verdict']} rather than {row['verdict' + AS_PUBLISHED]}"
                   if row["verdict"] != row["verdict" + AS_PUBLISHED] else f"overall still {row['verdict']}")
        years = [f"{v} {row[verdict_column(v)]} rather than {row[verdict_column(v) + AS_PUBLISHED]}"
                 for v in rescaled_vintages() if verdict_column(v) in row.index]
        parts.append(f"{row['claim_id']} ({'; '.join([*years, overall])})")
    count = f"{len(parts)} claim{'s' if len(parts) > 1 else ''}"
    return f"changes the verdict of {count}: {and_join(parts)}"
