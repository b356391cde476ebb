"""Figures of Tables 2-4: the key-sector LQ heatmap, the education scatter
plots and the 2017-2019 comparison.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

from ..analysis.education_fits import EDUCATION_MEASURES, _fit_inputs
from ..analysis.sector_measures import PRIMARY_VINTAGE, wide
from ..analysis.sector_readings import vintage_differences
from ..data.sectors import KEY_SECTOR_NAMES, SHORT_LABELS
from .figures import AUTHORITY_COLOURS, AUTHORITY_MARKERS, DIVERGING_CMAP, new_figure

# Districts labelled on the scatter plots.
NOTABLE_DISTRICTS = ("Cambridge", "South Cambridgeshire", "Salford", "Manchester", "Trafford",
                     "Sandwell", "Knowsley", "Fenland", "Middlesbrough", "Bristol, City of")


def _short_name(name: str) -> str:
    return name.replace(", City of", "").replace("Bath and North East Somerset", "Bath & NE Somerset")


def lq_heatmap(vintage: int = PRIMARY_VINTAGE) -> Figure:
    """Heatmap of key-sector LQs (GB = 1), the 37 districts grouped by
    authority, on a log colour scale centred on 1, each cell annotated."""
    table = wide(vintage, "lq", sectors=KEY_SECTOR_NAMES)
    values = table[KEY_SECTOR_NAMES].to_numpy(float)
    extent = float(np.max(np.abs(np.log(values))))
    extent = min(max(extent, np.log(2.0)), np.log(4.0))
    vmin, vmax = float(np.exp(-extent)), float(np.exp(extent))
    fig, ax = new_figure(7.5, 9.8)
    image = ax.imshow(np.clip(values, vmin, vmax), cmap=DIVERGING_CMAP, norm=LogNorm(vmin=vmin, vmax=vmax),
                      aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            dark = abs(np.log(np.clip(values[i, j], vmin, vmax))) > 0.6 * extent
            ax.text(j, i, f"{values[i, j]:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
    ax.set_xticks(range(len(KEY_SECTOR_NAMES)), [SHORT_LABELS[s] for s in KEY_SECTOR_NAMES],
                  rotation=30, ha="right")
    ax.set_yticks(range(len(table)), [_short_name(n) for n in table["name"]], fontsize=8)
    authorities = table["authority"].tolist()
    starts = [0] + [i for i in range(1, len(authorities)) if authorities[i] != authorities[i - 1]]
    for i in starts[1:]:
        ax.axhline(i - 0.5, color="black", linewidth=1.0)
    ends = starts[1:] + [len(authorities)]
    for start, end in zip(starts, ends):
        ax.annotate(authorities[start].replace(" and ", " and\n", 1) if end - start < 4 else authorities[start],
                    xy=(1.02, (start + end - 1) / 2), xycoords=("axes fraction", "data"),
                    fontsize=8, va="center", ha="left", color="black", fontweight="bold")
    ax.set_xlabel("Key sector (BRES broad industrial group)")
    ax.set_ylabel("District, grouped by combined authority")
    ax.set_title(f"Location quotients of the key sectors, {vintage} (Great Britain = 1)")
    ax.spines[["top", "right"]].set_visible(True)
    bar = fig.colorbar(image, ax=ax, shrink=0.6, pad=0.01, location="bottom", aspect=40)
    ticks = [t for t in (0.25, 0.5, 1, 2, 4) if vmin * 0.999 <= t <= vmax * 1.001]
    bar.ax.minorticks_off()
    bar.set_ticks(ticks, labels=[f"{t:g}" for t in ticks])
    bar.ax.minorticks_off()
    bar.set_label("Location quotient (log scale; blue below 1, red above)")
    return fig


def _ols_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope), float(intercept)


def education_scatter(vintage: int = PRIMARY_VINTAGE, education: str = "level4_plus") -> Figure:
    """Small multiples: each key sector's share of employment on the share of
    residents with Level 4+ (or no) qualifications, the 37 districts coloured
    by authority, with the OLS line and r-squared."""
    frame = _fit_inputs("study_districts", vintage)
    column = EDUCATION_MEASURES[education]
    fig, axes = new_figure(7.5, 8.4)
    fig.clear()
    grid = fig.subplots(4, 2, sharex=True)
    for ax, sector in zip(grid.flat, KEY_SECTOR_NAMES):
        x, y = frame[column].to_numpy(float), frame[sector].to_numpy(float)
        for authority, group in frame.groupby("authority", sort=False):
            ax.scatter(group[column], group[sector], s=18, color=AUTHORITY_COLOURS[authority],
                       marker=AUTHORITY_MARKERS[authority], edgecolor="black", linewidth=0.3,
                       label=authority, zorder=3)
        slope, intercept = _ols_line(x, y)
        xs = np.array([x.min(), x.max()])
        ax.plot(xs, intercept + slope * xs, color="black", linewidth=1, zorder=2)
        r2 = float(np.corrcoef(x, y)[0, 1] ** 2)
        x_cut = x.min() + 0.7 * (x.max() - x.min())
        for _, row in _notable_rows(frame, sector).iterrows():
            right = row[column] > x_cut
            ax.annotate(_short_name(row["name"]), (row[column], row[sector]), xytext=(-4 if right else 4, 0),
                        textcoords="offset points", fontsize=6.5, ha="right" if right else "left", va="center")
        ax.set_title(f"{SHORT_LABELS[sector]} (r² = {r2:.2f})", fontsize=9)
        ax.set_ylabel("Share of jobs (%)", fontsize=8)
        ax.tick_params(labelsize=7)
    label = "Residents 16+ with Level 4+ qualifications, 2011 (%)" if education == "level4_plus" else \
        "Residents 16+ with no qualifications, 2011 (%)"
    for ax in grid[-1]:
        ax.set_xlabel(label, fontsize=8)
    handles, labels = grid.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=7, frameon=False)
    fig.suptitle(f"Key-sector share of employment against education, 37 districts (BRES {vintage})", fontsize=10)
    return fig


def _notable_rows(frame: pd.DataFrame, sector: str) -> pd.DataFrame:
    """The notable districts to label in one panel: of ``NOTABLE_DISTRICTS``,
    the two with the largest share and the one with the smallest, so labels
    mark the ends of the cloud without piling up."""
    notable = frame[frame["name"].isin(NOTABLE_DISTRICTS)].sort_values(sector, kind="stable")
    return pd.concat([notable.iloc[:1], notable.iloc[-2:]])


def shares_vintage_scatter() -> Figure:
    """Small multiples: each key sector's share in 2019 (employees) against 2017
    (employment), the 37 districts, with the line of equality."""
    diffs = vintage_differences()
    fig, _ = new_figure(7.5, 8.0)
    fig.clear()
    grid = fig.subplots(4, 2)
    for ax, sector in zip(grid.flat, KEY_SECTOR_NAMES):
        group = diffs[diffs["sector"] == sector]
        for authority, part in group.groupby("authority", sort=False):
            ax.scatter(part["share_2017"], part["share_2019"], s=16, color=AUTHORITY_COLOURS[authority],
                       marker=AUTHORITY_MARKERS[authority], edgecolor="black", linewidth=0.3, label=authority,
                       zorder=3)
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
    handles, labels = grid.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=7, frameon=False)
    fig.suptitle("Key-sector shares in the 37 districts, BRES 2019 against 2017 (dashed: no change)",
                 fontsize=10)
    return fig
