"""What rounding does to the LQs: how far the published 2019 shares are from
adding up to 100 and the 2019 LQs rescaled and as published (:mod:`.shares_2019`);
and, for every LQ, the lowest and highest value the rounded inputs allow, with the
readings that rounding leaves too close to call (:mod:`.lq_readings`).

Within a district the rescaling multiplies every 2019 share, so every 2019 LQ,
by the same factor, 100 over the sum of its published shares.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.bres import itl2_subclass_employment
from ..data.district_codes import is_exact_for_shares
from ..data.is8_definitions import subclasses_for
from ..data.study import Study, carry_counts, paper_study, source_codes
from ..measures.rounding_bounds import published_share_bounds, rounded_count_bounds, share_bounds, straddles
from .is8_regions import APPROX, APPROX_YEAR, EXACT, EXACT_YEAR, approx_2digit_divisions, is8_location_quotients, is8_lq_itl2
from .sector_measures import location_quotients, reference_shares, study_measures
from .shares_2019 import district_shares, district_shares_2019_for_lq, published_2019_shares, rescaling_2019
from .vintages import COUNTS, count_cells, district_vintage

# The frames of is8_location_quotients (year, definition), in its order.
IS8_FRAMES = ((EXACT_YEAR, EXACT), (EXACT_YEAR, APPROX), (APPROX_YEAR, APPROX))

# A district's published shares are called "off" when they add up to further
# from 100 than this many percentage points.
OFF_BY_PP = 1.0


def lq_2019_both_ways() -> pd.DataFrame:
    """The study districts' 2019 shares and LQs (GB base), rescaled and as published.

    Columns: ``code``, ``name``, ``authority``, ``sector``, ``published_share_pct``,
    ``published_sum_pct``, ``share_pct`` (rescaled), ``lq_as_published``, ``lq``
    (rescaled, the book's), ``lq_change_pct`` (rescaled over as published, minus 1, in per cent).
    """
    rescaled = study_measures(2019)
    with published_2019_shares():
        as_published = study_measures(2019)
    keys = ["code", "sector"]
    sums = district_shares_2019_for_lq()[["code", "published_sum_pct"]].drop_duplicates("code")
    out = rescaled[["code", "name", "authority", "sector", "share_pct", "lq"]].merge(
        as_published[keys + ["share_pct", "lq"]].rename(columns={"share_pct": "published_share_pct",
                                                                   "lq": "lq_as_published"}),
        on=keys, validate="one_to_one")
    # Study codes are the 2019 codes for every study district with a 2019 share.
    out = out.merge(sums, on="code", how="left", validate="many_to_one")
    # The factor itself, so a sector with no employees (LQ 0 both ways) has one too.
    out["lq_change_pct"] = 100.0 * (100.0 / out["published_sum_pct"] - 1.0)
    columns = ["code", "name", "authority", "sector", "published_share_pct", "published_sum_pct", "share_pct",
               "lq_as_published", "lq", "lq_change_pct"]
    return out[columns]


def rounding_facts() -> dict:
    """How far the published 2019 shares are from 100, over the study districts and
    over Great Britain, and how far the rescaling moves the study's 2019 LQs."""
    gb = district_shares_2019_for_lq().drop_duplicates("code")
    study = lq_2019_both_ways()
    study_sums = study.drop_duplicates("code")["published_sum_pct"]
    return {
        "n_study": int(study["code"].nunique()),
        "n_study_districts": len(paper_study().codes),
        "study_sum_min": float(study_sums.min()),
        "study_sum_max": float(study_sums.max()),
        "n_study_off": int(((study_sums - 100).abs() > OFF_BY_PP).sum()),
        "gb_sum_min": float(gb["published_sum_pct"].min()),
        "gb_sum_max": float(gb["published_sum_pct"].max()),
        "n_gb": int(len(gb)),
        "n_gb_off": int(((gb["published_sum_pct"] - 100).abs() > OFF_BY_PP).sum()),
        "off_by_pp": OFF_BY_PP,
        "lq_change_min_pct": float(study["lq_change_pct"].min()),
        "lq_change_max_pct": float(study["lq_change_pct"].max()),
    }


# --- bounds from rounding ------------------------------------------------------------------------------------
#
# Every LQ of the book is computed from rounded figures: the 2017 (and 2015-2016)
# district counts and the ITL2 5-digit counts are Nomis-rounded cells, the 2019
# district shares are published to one decimal. The bounds below are the lowest
# and highest LQ those figures allow (placeblind.measures.rounding_bounds): every
# cell of the area anywhere in its range, the sector's cells at one end and the
# rest of the area's cells at the other. The reference share (Great Britain or
# England) is taken as computed: it is a sum over hundreds of districts or tens of
# thousands of cells (2017, ITL2), whose rounding errors cancel rather than add up,
# or Great Britain's section totals of hundreds of thousands of employees and
# more (2019), so its rounding moves an LQ far less than the area's own.
# The 2023 ITL2 file gives 2-digit sums of 5-digit cells whose number is not
# published, so its LQs have no bounds (empty).

def _count_cell_bounds(cells: pd.DataFrame, value: str, check: bool = True) -> pd.DataFrame:
    low, high = rounded_count_bounds(cells[value], check)
    return cells.assign(low=low, high=high)


def _bounds_from_counts(counts: pd.DataFrame, reference: pd.Series, value: str) -> pd.DataFrame:
    """LQ bounds from per-area, per-sector counts with ``low`` and ``high``: the
    sector at one end and the rest of the area at the other."""
    totals = counts.groupby("code", sort=False)[[value, "low", "high"]].transform("sum")
    share_low, share_high = share_bounds(counts["low"], counts["high"], totals["low"] - counts["low"],
                                         totals["high"] - counts["high"])
    ref = counts["sector"].astype(str).map(reference).astype(float).to_numpy()
    return pd.DataFrame({"code": counts["code"].to_numpy(), "sector": counts["sector"].astype(str).to_numpy(),
                         "lq_low": share_low / ref, "lq_high": share_high / ref})


def study_lq_bounds(vintage: int, base: str = "GB", study: Study | None = None) -> pd.DataFrame:
    """The lowest and highest LQ the rounded inputs allow for each district of
    ``study`` (the paper's 37 by default) and broad group: ``code``, ``sector``,
    ``lq_low``, ``lq_high``. A counts vintage: every published cell of the district
    (for the bundled 2015-2017 file a division; its source districts' cells, for a
    merged district) in its rounding range. A shares vintage: every published share
    0.05 either side, the shares then rescaled to 100 as the book does (the share
    at one end, the other 17 at the other)."""
    study = study or paper_study()
    reference = reference_shares(vintage, base)
    entry = district_vintage(vintage)
    if entry.kind == COUNTS:
        # A fetched file is checked as Nomis serves it; a hand-over may hold sums of rounded cells.
        cells = _count_cell_bounds(count_cells(vintage), "count", check=entry.cells_as_published)
        by_sector = cells.groupby(["code", "sector"], as_index=False, observed=True)[["count", "low", "high"]].sum()
        counts = carry_counts(by_sector, study, ["count", "low", "high"], entry.path, by=["sector"])
        out = _bounds_from_counts(counts, reference, "count")
    else:
        published = district_shares(vintage)
        low, high = published_share_bounds(published["published_share_pct"])
        frame = published.assign(low=low, high=high)
        if rescaling_2019():
            out = _bounds_from_counts(frame.rename(columns={"published_share_pct": "value"}), reference, "value")
        else:
            ref = frame["sector"].astype(str).map(reference).astype(float)
            out = pd.DataFrame({"code": frame["code"], "sector": frame["sector"].astype(str),
                                "lq_low": frame["low"] / ref, "lq_high": frame["high"] / ref})
        parts = source_codes(study, set(out["code"]), entry.path)
        exact = {members[0]: code for code, members in parts.items() if is_exact_for_shares(members, code)}
        out = out[out["code"].isin(exact)].assign(code=lambda f: f["code"].map(exact))
    if base == "England":
        out = out[out["code"].str.startswith("E")]
    return out.reset_index(drop=True)


def lq_too_close(table: pd.DataFrame, cutoff: float = 1.0) -> pd.DataFrame:
    """``table`` (any rows with ``lq_low`` and ``lq_high``) with ``too_close``:
    True where the rounding allows an LQ on both sides of ``cutoff``, so a reading
    'above' or 'below' it cannot be told apart with these data. Rows without
    bounds are not too close by this test (their ``too_close`` is False)."""
    missing = {"lq_low", "lq_high"} - set(table.columns)
    if missing:
        raise KeyError(f"the table needs columns {sorted(missing)}")
    return table.assign(too_close=straddles(table["lq_low"], table["lq_high"], cutoff))


def with_lq_bounds(frame: pd.DataFrame, study: Study | None = None, base: str = "GB") -> pd.DataFrame:
    """``frame`` (rows of :func:`study_measures` of ``study``: ``code``, ``vintage``,
    ``sector``, ...) with ``lq_low`` and ``lq_high`` (:func:`study_lq_bounds`)."""
    bounds = pd.concat([study_lq_bounds(int(v), base, study).assign(vintage=v) for v in frame["vintage"].unique()],
                       ignore_index=True)
    out = frame.assign(sector=frame["sector"].astype(str)).merge(bounds, on=["code", "vintage", "sector"],
                                                                 how="left", validate="one_to_one")
    return out.assign(sector=frame["sector"].to_numpy())


def location_quotients_with_bounds() -> pd.DataFrame:
    """:func:`placeblind.analysis.sector_measures.location_quotients` with
    ``lq_low`` and ``lq_high`` (:func:`study_lq_bounds`)."""
    return with_lq_bounds(location_quotients())


def _itl2_cells(year: int) -> pd.DataFrame:
    cells = itl2_subclass_employment()
    cells = cells[cells["year"] == year]
    return _count_cell_bounds(cells, "employment")


def is8_lq_bounds(year: int, definition: str) -> pd.DataFrame:
    """Bounds of the IS-8 LQs of :func:`is8_lq_itl2` (``itl2_code``, ``sector``,
    ``lq_low``, ``lq_high``) from the 5-digit cells: exact, or grouped into the
    2-digit approximation's divisions; empty for the 2023 2-digit file."""
    lq = is8_lq_itl2(year, definition)
    if year == APPROX_YEAR and definition == APPROX:
        return lq[["itl2_code", "sector"]].assign(lq_low=np.nan, lq_high=np.nan)
    cells = _itl2_cells(year)
    region = cells.groupby("itl2_code")[["low", "high"]].sum()
    rows = []
    for sector, part in lq.groupby("sector", sort=False):
        if definition == EXACT:
            inside = cells["subclass"].isin(set(subclasses_for(sector)))
        else:
            inside = cells["subclass"].str[:2].astype(int).isin(set(approx_2digit_divisions(sector)))
        sums = cells[inside].groupby("itl2_code")[["low", "high"]].sum().reindex(region.index, fill_value=0)
        share_low, share_high = share_bounds(sums["low"], sums["high"], region["low"] - sums["low"],
                                             region["high"] - sums["high"])
        # The reference share is the LQ's own: Great Britain, the sum of the regions in the frame.
        part = part.set_index("itl2_code")
        reference = 100.0 * part["employment"].sum() / part["region_total"].sum()
        rows.append(pd.DataFrame({"itl2_code": part.index, "sector": sector,
                                  "lq_low": pd.Series(share_low, region.index).reindex(part.index) / reference,
                                  "lq_high": pd.Series(share_high, region.index).reindex(part.index) / reference}))
    return pd.concat(rows, ignore_index=True)


def is8_location_quotients_with_bounds() -> pd.DataFrame:
    """:func:`placeblind.analysis.is8_regions.is8_location_quotients` with ``lq_low``
    and ``lq_high`` (:func:`is8_lq_bounds`; empty for the 2023 2-digit file)."""
    lq = is8_location_quotients()
    bounds = pd.concat([is8_lq_bounds(y, d).assign(year=y, definition=d) for y, d in IS8_FRAMES], ignore_index=True)
    return lq.merge(bounds, on=["itl2_code", "year", "definition", "sector"], how="left", validate="one_to_one")
