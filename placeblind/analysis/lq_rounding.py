"""What rescaling the 2019 shares to 100 does (:mod:`.shares_2019`): how far the
published shares are from adding up to 100, and the 2019 LQs both ways.

Within a district the rescaling multiplies every 2019 share, so every 2019 LQ,
by the same factor, 100 over the sum of its published shares.
"""

from __future__ import annotations

import pandas as pd

from ..data.study import paper_study
from .sector_measures import study_measures
from .shares_2019 import district_shares_2019_for_lq, published_2019_shares

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
