"""The robustness chapter's summary table as shown: each estimate printed in its
finding's unit, and each finding against its permutation null."""

from __future__ import annotations

import pandas as pd

from ..analysis.specifications import DIMENSION_LABELS, dimensions
from ..claims.findings import finding
from ..claims.robustness import robustness_summary, sceptic_inventory
from ..text import capitalised
from .displays import breakable, with_group_rows
from .ledger_page import page_text


def summary_display() -> pd.DataFrame:
    """One row per finding (:func:`robustness_summary`), as the chapter shows it."""
    rows = []
    for row in robustness_summary().itertuples():
        value = finding(row.finding).value_text
        rows.append({"Claim": row.claim_id or "(the book's own)", "Finding": row.title, "Published": page_text(row.published),
                     "Main estimate": value(row.main_estimate),
                     "Range": f"{value(row.min_estimate)} to {value(row.max_estimate)}",
                     "Holds in (%)": 100 * row.share_supporting, "Distinct": row.n_distinct,
                     "Holds, equal weight (%)": 100 * row.share_equal_weight,
                     "Decisive single choice": row.decisive_choice,
                     "With no relation (%)": (f"{100 * row.null_mean_share:.0f} (p = {row.null_p_value:.2f})"
                                              if row.has_null else "no null")})
    return pd.DataFrame(rows)


def sceptic_display() -> pd.DataFrame:
    """:func:`sceptic_inventory` as the chapter shows it: one row per finding, one
    column per choice, each cell how it enters the curve (with its number of
    specifications) or why it does not."""
    inventory = sceptic_inventory()
    cells = inventory.assign(cell=[f"yes, {r.n_specifications} specifications ({r.as_choice})" if r.applies
                                   else f"no: {r.why_not}" for r in inventory.itertuples()])
    order = list(dict.fromkeys(inventory["choice"]))
    table = cells.pivot(index="finding", columns="choice", values="cell").reindex(
        list(dict.fromkeys(inventory["finding"])))[order]
    names = inventory.drop_duplicates("finding").set_index("finding")
    table.insert(0, "Finding", [f"{names.loc[f, 'title']}" + (f" ({names.loc[f, 'claim_id']})"
                                                              if names.loc[f, "claim_id"] else "")
                                for f in table.index])
    return table.reset_index(drop=True).rename(columns={c: capitalised(c) for c in order})


def dimensions_display(space: pd.DataFrame | None = None) -> pd.DataFrame:
    """The specification space (:func:`dimensions`, the CSV ``robustness_dimensions``)
    as the chapter shows it: one heading row per choice, named in words, above the
    values it takes, as the attainment tables are grouped by authority (the choice's
    name on every row took a column of its own)."""
    space = dimensions() if space is None else space
    # a heading begins with a capital ("Reference area"); the labels continue a phrase elsewhere
    heading = {key: capitalised(label) for key, label in DIMENSION_LABELS.items()}
    shown = space.assign(dimension=space["dimension"].map(heading), value=space["value"].map(breakable))
    shown = shown[["dimension", "value", "label", "main", "weighed_as"]].rename(columns={
        "value": "Value (in the CSV)", "label": "Meaning", "main": "The book's main choice",
        "weighed_as": "Weighed as"})
    return with_group_rows(shown, "dimension", "Value (in the CSV)")
