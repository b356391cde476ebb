"""The introduction's headline figure: every claim of the two texts as a tile,
coloured and marked by its verdict, so the ledger reads at a glance."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from ..claims.framework import VERDICTS
from ..claims.ledger import claims_ledger
from .figures import PHONE_WIDTH, new_figure, phone_points

# Colour-blind-safe fills (Okabe-Ito) and a letter in each tile, so the verdict
# never rests on colour alone.
VERDICT_STYLE = {
    "reproduced": ("#009E73", "R"),
    "close": ("#E69F00", "C"),
    "differs": ("#D55E00", "D"),
    "cannot be tested": ("#BBBBBB", "?"),
}
# Drawn for a phone's column like the LQ heatmaps (figures.PHONE_WIDTH, every text
# at least figures.PHONE_TEXT_PX there; the chapter gives the figure the class
# "phone-legible"): ten tiles a row keep each claim's id legible at 390 px.
TILES_PER_ROW = 10


def verdict_tiles(ledger: pd.DataFrame | None = None) -> Figure:
    """One row block per source; within it the claims ordered by verdict
    (in the ledger's verdict order, reproduced first) and id, each tile labelled with its id."""
    ledger = claims_ledger() if ledger is None else ledger
    sources = list(ledger["source"].drop_duplicates())
    order = {v: i for i, v in enumerate(VERDICTS)}
    blocks = []
    for source in sources:
        rows = ledger[ledger["source"] == source].copy()
        rows["rank"] = rows["verdict"].map(order)
        blocks.append((source, rows.sort_values(["rank", "claim_id"], kind="stable")))
    n_rows = sum(-(-len(rows) // TILES_PER_ROW) for _, rows in blocks)
    text = phone_points()
    tile = PHONE_WIDTH / TILES_PER_ROW  # inches: the tiles span the figure's width
    fig, ax = new_figure(PHONE_WIDTH, tile * (n_rows + 1.3 * len(blocks) - 0.35) + 0.75)
    y = 0.0
    for source, rows in blocks:
        counts = rows["verdict"].value_counts()
        summary = ", ".join(f"{counts[v]} {v}" for v in VERDICTS if v in counts)
        # the source and its count on one line, the verdicts' counts on the next (one line would run off a phone's column)
        ax.text(0, y - 0.15, f"{source}: {len(rows)} claims\n{summary}", fontsize=text + 1, fontweight="bold",
                va="bottom", linespacing=1.1)
        for i, (_, claim) in enumerate(rows.iterrows()):
            colour, letter = VERDICT_STYLE[claim["verdict"]]
            x, row_y = i % TILES_PER_ROW, y + 1 + i // TILES_PER_ROW
            ax.add_patch(Rectangle((x + 0.04, row_y - 0.96), 0.92, 0.92, facecolor=colour, edgecolor="black",
                                   linewidth=0.5))
            # inside its tile, so left out of the layout (which would measure every text of the axes, twice)
            ax.text(x + 0.5, row_y - 0.66, claim["claim_id"], ha="center", va="center", fontsize=text,
                    in_layout=False)
            ax.text(x + 0.5, row_y - 0.3, letter, ha="center", va="center", fontsize=text, fontweight="bold",
                    in_layout=False)
        y += 1.3 + (len(rows) - 1) // TILES_PER_ROW + 1
    ax.set_xlim(0, TILES_PER_ROW)
    ax.set_ylim(y - 1.3, -0.95)
    ax.set_aspect("equal")
    ax.axis("off")
    handles = [Patch(facecolor=VERDICT_STYLE[v][0], edgecolor="black", label=f"{VERDICT_STYLE[v][1]}: {v}")
               for v in VERDICTS]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=text, frameon=False)
    return fig
