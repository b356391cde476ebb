"""The two-vintage rule in view: every grade of each sector claim, one row per
claim and vintage (the mean of the vintages either side of the paper's year,
graded once, decides: :mod:`.rules`), and which verdicts the former rule, the
mean grade of those years, would have decided otherwise."""

from __future__ import annotations

import pandas as pd

from .framework import graded_vintages, verdict_columns
from .paper import paper_claim_objects
from .rules import mean_grade

BY_VINTAGE_COLUMNS = ["claim_id", "vintage", "value", "verdict", "decides"]


def claims_by_vintage() -> pd.DataFrame:
    """One row per sector claim of the paper and vintage it is read on: the
    years measured (:func:`~.paper_common.measured_vintages`: the bundled years
    either side of the paper's and any fetched year) and their mean.
    Columns: ``claim_id``, ``vintage`` (a year, or the mean's name),
    ``value`` (what the data give, as the ledger prints it), ``verdict``,
    ``decides`` (True on the row whose verdict is the ledger's)."""
    rows = [dict(zip(BY_VINTAGE_COLUMNS, (c.claim_id, *row))) for c in paper_claim_objects() for row in c.by_vintage]
    return pd.DataFrame(rows, columns=BY_VINTAGE_COLUMNS)


def vintage_rule_changes() -> pd.DataFrame:
    """One row per claim graded in the bundled vintages either side of the
    paper's year (:func:`~.framework.graded_vintages`, today 2017 and 2019): the
    grade in each (``verdict_<year>``, :func:`~.framework.verdict_columns`), the
    verdict the former rule gives (``mean_grade``: the mean grade of those
    years, a half rounded towards differs), the grade of their mean
    (``mean_values``), the ledger's verdict and ``decided_otherwise`` (the two
    rules disagree). With more bracketing vintages in the registry, one column
    per vintage and the mean grade over all of them."""
    claims = [c for c in paper_claim_objects() if c.by_vintage]  # ledger order
    wide = verdict_columns(claims)
    years = list(wide.columns)
    ungraded = [c.claim_id for c, row in zip(claims, wide.itertuples(index=False)) if "" in row]
    if ungraded:
        raise ValueError(f"claims not graded in every vintage of {list(graded_vintages())}: {ungraded}")
    means = [[row for row in c.by_vintage if not row[0].isdigit()] for c in claims]
    if any(len(m) != 1 for m in means):
        raise ValueError(f"claims_by_vintage has no single mean vintage: {sorted({r[0] for m in means for r in m})}")
    out = pd.DataFrame({
        "claim_id": [c.claim_id for c in claims],
        **{column: wide[column].to_numpy() for column in years},
        "mean_grade": [mean_grade(*row) for row in wide.itertuples(index=False)],
        "mean_values": [m[0][2] for m in means],
        "verdict": [c.verdict for c in claims],  # the deciding vintage's grade (paper_common.vintage_claim)
    })
    out["decided_otherwise"] = out["mean_grade"] != out["mean_values"]
    return out
