"""Figures of Tables 2-4: the key-sector LQ heatmap, the education scatter
plots and the 2017-2019 comparison.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..analysis.education_fits import EDUCATION_MEASURES, education_sector_fits, fit_inputs, fit_lookup
from ..analysis.sector_measures import wide
from ..analysis.vintages import PRIMARY_VINTAGE
from ..analysis.sector_readings import vintage_differences
from ..data.sectors import KEY_SECTOR_NAMES, SHORT_LABELS
from ..data.study import paper_study_size
from .figures import authority_legend, authority_scatter, new_figure, phone_points
from .figures import lq_heatmap as lq_heatmap_figure

# Districts labelled on the scatter plots.
NOTABLE_DISTRICTS = ("Cambridge", "South Cambridgeshire", "Salford", "Manchester", "Trafford",
                     "Sandwell", "Knowsley", "Fenland", "Middlesbrough", "Bristol, City of")


def _short_name(name: str) -> str:
    return name.replace(", City of", "").replace("Bath and North East Somerset", "Bath & NE Somerset")


def lq_heatmap(vintage: int = PRIMARY_VINTAGE) -> Figure:
    """Heatmap of key-sector LQs (GB = 1), the paper's districts grouped by
    authority, on a log colour scale centred on 1, each cell annotated."""
    table = wide(vintage, "lq", sectors=KEY_SECTOR_NAMES)
    values = table[KEY_SECTOR_NAMES].set_axis([SHORT_LABELS[s] for s in KEY_SECTOR_NAMES], axis=1)
    values.index = [_short_name(n) for n in table["name"]]
    authorities = table["authority"].tolist()
    # Drawn for a phone's column (figures.lq_heatmap): each authority's name runs down
    # beside its districts, on two lines where its few rows are shorter than the name.
    fig, ax = lq_heatmap_figure(
        values, authorities, title=f"Location quotients of the key sectors, {vintage}\n(Great Britain = 1)",
        xlabel="Key sector (BRES broad industrial group)", ylabel="District, grouped by combined authority",
        max_ratio=4.0, height=12.5,
        colorbar={"shrink": 0.8, "pad": 0.015, "location": "bottom", "aspect": 30, "fraction": 0.03,
                  "label": "Location quotient (log scale; blue below 1, red above)"})
    starts = [0] + [i for i in range(1, len(authorities)) if authorities[i] != authorities[i - 1]]
    for start, end in zip(starts, starts[1:] + [len(authorities)]):
        name = "\n".join(textwrap.wrap(authorities[start], max(7, int(3.2 * (end - start))), break_long_words=False))
        ax.annotate(name, xy=(1.01, (start + end) / 2), xycoords=("axes fraction", "data"), rotation=270,
                    fontsize=phone_points(), va="center", ha="left", ma="center", color="black", fontweight="bold",
                    linespacing=0.95)
    return fig


def education_scatter(vintage: int = PRIMARY_VINTAGE, education: str = "level4_plus") -> Figure:
    """Small multiples: each key sector's share of employment on the share of
    residents with Level 4+ (or no) qualifications, the paper's districts coloured
    by authority, with the OLS line and the r-squared of the book's fit."""
    import seaborn as sns  # loaded only by the chapters that draw it

    frame = fit_inputs("study_districts", vintage).set_index("code")
    fits = education_sector_fits()
    column = EDUCATION_MEASURES[education]
    fig, _ = new_figure(7.5, 8.4, axes=False)
    grid = fig.subplots(4, 2, sharex=True)
    for ax, sector in zip(grid.flat, KEY_SECTOR_NAMES):
        authority_scatter(ax, frame, column, sector, size=18, legend=ax is grid.flat[0])  # one legend for all
        sns.regplot(data=frame, x=column, y=sector, ax=ax, scatter=False, ci=None, truncate=True,
                    line_kws={"color": "black", "linewidth": 1, "zorder": 2})
        r2 = float(fit_lookup(fits, "study_districts", vintage, sector, education)["r2"])
        x = frame[column].to_numpy(float)
        x_cut = x.min() + 0.7 * (x.max() - x.min())
        notable = _notable_rows(frame, sector).sort_values(sector, ascending=False)
        y = frame[sector].to_numpy(float)
        placed: list[tuple[float, float]] = []
        for _, row in notable.iterrows():
            right = row[column] > x_cut
            # A label goes above its point, or below it when a label already placed
            # sits close above (two labelled neighbours would otherwise collide).
            near = any(abs(row[column] - px) < 0.15 * np.ptp(x) and 0 <= py - row[sector] < 0.12 * np.ptp(y)
                       for px, py in placed)
            placed.append((row[column], row[sector]))
            # On a pale box drawn under the markers: text stays legible, no point is hidden.
            ax.annotate(_short_name(row["name"]), (row[column], row[sector]),
                        xytext=(-3 if right else 3, -3 if near else 3), textcoords="offset points", fontsize=6.5,
                        ha="right" if right else "left", va="top" if near else "bottom", zorder=2.5,
                        bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7})
        ax.set_title(f"{SHORT_LABELS[sector]} (r² = {r2:.2f})", fontsize=9)
        ax.set_xlabel("")
        ax.set_ylabel("Share of jobs (%)", fontsize=8)
        ax.tick_params(labelsize=7)
    label = "Residents 16+ with Level 4+ qualifications, 2011 (%)" if education == "level4_plus" else \
        "Residents 16+ with no qualifications, 2011 (%)"
    for ax in grid[-1]:
        ax.set_xlabel(label, fontsize=8)
    authority_legend(fig, grid.flat[0], loc="outside lower center", ncol=3, fontsize=7, frameon=False)
    fig.suptitle(f"Key-sector share of employment against education, {paper_study_size()[0]} districts "
                 f"(BRES {vintage})", fontsize=10)
    return fig


def _notable_rows(frame: pd.DataFrame, sector: str) -> pd.DataFrame:
    """The notable districts to label in one panel: of ``NOTABLE_DISTRICTS``,
    the two with the largest share and the one with the smallest, so labels
    mark the ends of the cloud without piling up."""
    notable = frame[frame["name"].isin(NOTABLE_DISTRICTS)].sort_values(sector, kind="stable")
    return pd.concat([notable.iloc[:1], notable.iloc[-2:]])


def shares_vintage_scatter() -> Figure:
    """Small multiples: each key sector's share in 2019 (employees) against 2017
    (employment), the paper's districts, with the line of equality."""
    diffs = vintage_differences()
    fig, _ = new_figure(7.5, 8.0, axes=False)
    grid = fig.subplots(4, 2)
    for ax, sector in zip(grid.flat, KEY_SECTOR_NAMES):
        group = diffs[diffs["sector"] == sector]
        authority_scatter(ax, group, "share_2017", "share_2019", size=16, legend=ax is grid.flat[0])  # one for all
        low = float(min(group["share_2017"].min(), group["share_2019"].min()))
        high = float(max(group["share_2017"].max(), group["share_2019"].max()))
        pad = 0.05 * (high - low)
        ax.plot([low - pad, high + pad], [low - pad, high + pad], color="grey", linestyle="--", linewidth=0.8)
        ax.set_xlim(low - pad, high + pad)
        ax.set_ylim(low - pad, high + pad)
        outlier = group.loc[group["share_diff_pp"].abs().idxmax()]
        right = outlier["share_2017"] > low + 0.6 * (high - low)
        ax.annotate(_short_name(outlier["name"]), (outlier["share_2017"], outlier["share_2019"]),
                    xytext=(-5 if right else 5, 0), textcoords="offset points", fontsize=6.5,
                    ha="right" if right else "left", va="center")
        ax.set_title(SHORT_LABELS[sector], fontsize=9)
        ax.set_xlabel("2017, % of employment", fontsize=8)
        ax.set_ylabel("2019, % of employees", fontsize=8)
        ax.tick_params(labelsize=7)
    authority_legend(fig, grid.flat[0], loc="outside lower center", ncol=3, fontsize=7, frameon=False)
    fig.suptitle(f"Key-sector shares in the {paper_study_size()[0]} districts, BRES 2019 against 2017 "
                 "(dashed: no change)",
                 fontsize=10)
    return fig
