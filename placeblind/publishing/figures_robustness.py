"""Specification curves: for one finding, the estimate under every specification,
sorted, with the published figure and the book's main specification marked, and
beneath it which choice each specification made. One figure per finding of
:data:`placeblind.claims.findings.FINDINGS`, registered from that list."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..analysis.specifications import dimensions, values_of
from ..claims.findings import finding
from ..claims.robustness import graded_estimates
from .figures import new_figure

SUPPORTS = "#0072B2"      # Okabe-Ito blue: the published claim holds
DIFFERS = "#D55E00"       # Okabe-Ito vermillion: it does not
PUBLISHED = "#009E73"     # Okabe-Ito bluish green: the published figure


def specification_curve(finding_id: str) -> Figure:
    """The specification curve of ``finding_id`` (see the module note)."""
    item = finding(finding_id)
    frame = graded_estimates()[finding_id]
    frame = frame[frame["curve"] == "main"]  # the leave-out samples are a sensitivity of their own
    frame = frame.sort_values(["estimate", "specification_id"], kind="stable").reset_index(drop=True)
    rows = [(d, v) for d in item.dimensions for v in values_of(d) if (frame[d] == v).any()]
    rows = [(d, v) for d, v in rows if frame[d].nunique() > 1]
    fig, _ = new_figure(7.5, 2.6 + 0.13 * len(rows), axes=False)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[2.4, 0.13 * len(rows)])
    x = np.arange(len(frame))
    main = frame.index[frame["main"]][0]
    # The book's own readings have no published figure: the line marks where the reading turns.
    reference = f"reading turns: {item.published}" if item.own_reading else f"published: {item.published}"
    low, high = item.reference
    if low == high:
        top.axhline(low, color=PUBLISHED, linewidth=1.2, linestyle="--", label=reference)
    else:
        top.axhspan(low, high, color=PUBLISHED, alpha=0.15, linewidth=0, label=reference)
    holds = frame["supports_published"].to_numpy(bool)
    size = 10 if len(frame) < 100 else 4
    top.scatter(x[holds], frame["estimate"][holds], s=size, color=SUPPORTS, marker="o", linewidths=0,
                label="reading holds" if item.own_reading else "claim holds", zorder=3)
    top.scatter(x[~holds], frame["estimate"][~holds], s=size + 4, color=DIFFERS, marker="x", linewidths=0.8,
                label="reading does not hold" if item.own_reading else "claim does not hold", zorder=3)
    top.scatter([main], [frame.loc[main, "estimate"]], s=90, facecolor="none", edgecolor="black", linewidths=1.4,
                label="the book's main specification", zorder=4)
    if np.allclose(frame["estimate"], frame["estimate"].round()):
        top.yaxis.set_major_locator(MaxNLocator(integer=True))  # a count: whole ticks only
    top.set_ylabel(item.estimate_label, fontsize=8)
    name = f"{item.title} ({item.claim_id})" if item.claim_id else item.title
    n_distinct = int((frame["duplicate_of"] == "").sum())
    count = f"{len(frame)} specifications" + (f" ({n_distinct} distinct)" if n_distinct < len(frame) else "")
    top.set_title(f"{name}: {count}", fontsize=10)
    top.legend(fontsize=7, frameon=False, loc="best", ncol=2)
    labels = dimensions().set_index(["dimension", "value"])["label"]
    # each mark's colour as RGBA numbers: matplotlib would convert a colour name per mark
    # (thousands of marks a figure), to the same numbers
    colours = np.where(holds[:, None], to_rgba(SUPPORTS), to_rgba(DIFFERS))
    for i, (dimension, value) in enumerate(rows):
        chosen = (frame[dimension] == value).to_numpy()
        bottom.scatter(x[chosen], np.full(chosen.sum(), i), s=2 if len(frame) >= 100 else 6, marker="s",
                       color=colours[chosen], linewidths=0)
        if i and rows[i - 1][0] != dimension:
            bottom.axhline(i - 0.5, color="grey", linewidth=0.5)
    bottom.axvline(main, color="black", linewidth=0.6, alpha=0.5)
    bottom.set_yticks(range(len(rows)), [labels[(d, v)] for d, v in rows], fontsize=6)
    bottom.set_ylim(len(rows) - 0.5, -0.5)
    bottom.set_xlim(-1, len(frame))
    bottom.set_xlabel("specifications, sorted by the estimate", fontsize=8)
    bottom.xaxis.set_major_locator(MaxNLocator(integer=True))  # specifications are counted
    bottom.tick_params(axis="x", labelsize=7)
    top.tick_params(axis="both", labelsize=7)
    return fig
