"""The two-vintage rule in view: every grade of each sector claim, one row per
claim and vintage (the 2017-2019 mean, graded once, decides: :mod:`.rules`), and
which verdicts the former rule, the mean grade of the two years, would have
decided otherwise."""

from __future__ import annotations

import pandas as pd

from ..analysis.vintages import MEAN_OF
from .paper import paper_claim_objects
from .rules import mean_grade

BY_VINTAGE_COLUMNS = ["claim_id", "vintage", "value", "verdict", "decides"]


def claims_by_vintage() -> pd.DataFrame:
    """One row per sector claim of the paper and vintage it is read on: the
    years measured (2017, 2019 and any fetched year) and the 2017-2019 mean.
    Columns: ``claim_id``, ``vintage`` (a year, or 'the 2017-2019 mean'),
    ``value`` (what the data give, as the ledger prints it), ``verdict``,
    ``decides`` (True on the row whose verdict is the ledger's)."""
    rows = [dict(zip(BY_VINTAGE_COLUMNS, (c.claim_id, *row))) for c in paper_claim_objects() for row in c.by_vintage]
    return pd.DataFrame(rows, columns=BY_VINTAGE_COLUMNS)


def vintage_rule_changes() -> pd.DataFrame:
    """One row per claim graded in both bundled vintages: the grade in each year,
    the verdict the former rule gives (``mean_grade``: the mean grade of the two
    years, a half rounded towards differs), the grade of the 2017-2019 mean
    (``mean_values``), the ledger's verdict and ``decided_otherwise`` (the two
    rules disagree)."""
    long = claims_by_vintage()
    wide = long.pivot(index="claim_id", columns="vintage", values="verdict")
    wide = wide.loc[long["claim_id"].unique()]  # ledger order
    first, second = (str(v) for v in MEAN_OF)
    mean_column = [c for c in wide.columns if c not in {first, second} and not c.isdigit()]
    if len(mean_column) != 1:
        raise ValueError(f"claims_by_vintage has no single mean vintage: {list(wide.columns)}")
    decides = long[long["decides"]].set_index("claim_id")["verdict"]
    out = pd.DataFrame({
        "claim_id": wide.index,
        f"verdict_{first}": wide[first].to_numpy(),
        f"verdict_{second}": wide[second].to_numpy(),
        "mean_grade": [mean_grade(a, b) for a, b in zip(wide[first], wide[second])],
        "mean_values": wide[mean_column[0]].to_numpy(),
        "verdict": decides.reindex(wide.index).to_numpy(),
    })
    out["decided_otherwise"] = out["mean_grade"] != out["mean_values"]
    return out.reset_index(drop=True)
