"""Each combined authority in one row: residents, qualifications in 2021 and
their change since 2011, the range of the promoted service sectors' LQs across
its districts, and its largest sector (BRES 2017, its districts pooled)."""

from __future__ import annotations

import pandas as pd

from ..data.census import CATEGORY_KEYS, with_percentages
from ..data.study import Study
from .attainment import census_for_study
from .sector_measures import study_employment_2017, study_measures

PROFESSIONAL = "Professional, scientific & technical"
DIGITAL = "Information & communication"


def authority_summary(study: Study) -> pd.DataFrame:
    """One row per authority of ``study``.

    Columns: ``authority_code``, ``authority``, ``districts``, ``residents_16plus_2021``,
    ``pct_level4_plus_2021``, ``pct_no_qualifications_2021``, ``change_level4_plus_pp`` and
    ``change_no_qualifications_pp`` (since 2011; every percentage from the authority's
    summed counts), ``professional_lq_min``/``_max`` and ``digital_lq_min``/``_max``
    (BRES 2017, Great Britain = 1, across its districts), ``largest_sector`` and
    ``largest_sector_pct`` (its districts' 2017 employment pooled).
    """
    districts = study.frame()[["code", "authority", "authority_code"]]
    by_year = {}
    for year in (2011, 2021):
        counts = census_for_study(year, study).merge(districts, on="code")
        pooled = counts.groupby(["authority_code", "authority"], sort=False)[["all_16plus", *CATEGORY_KEYS]].sum()
        by_year[year] = with_percentages(pooled.reset_index())
    first, second = (by_year[y].set_index("authority_code") for y in (2011, 2021))
    out = second[["authority"]].copy()
    out["districts"] = districts.groupby("authority_code", sort=False).size()
    out["residents_16plus_2021"] = second["all_16plus"]
    for key in ("level4_plus", "no_qualifications"):
        out[f"pct_{key}_2021"] = second[f"pct_{key}"]
        out[f"change_{key}_pp"] = second[f"pct_{key}"] - first[f"pct_{key}"]
    lq = study_measures(2017, "GB", study).merge(districts[["code", "authority_code"]], on="code")
    for sector, stem in ((PROFESSIONAL, "professional"), (DIGITAL, "digital")):
        values = lq[lq["sector"] == sector].groupby("authority_code")["lq"]
        out[f"{stem}_lq_min"], out[f"{stem}_lq_max"] = values.min(), values.max()
    employment = study_employment_2017(study).merge(districts[["code", "authority_code"]], on="code")
    pooled = employment.groupby(["authority_code", "sector"], observed=True)["employment"].sum()
    share = 100.0 * pooled / pooled.groupby(level="authority_code").transform("sum")
    top = share.groupby(level="authority_code").idxmax()
    out["largest_sector"] = top.map(lambda key: str(key[1]))
    out["largest_sector_pct"] = share.groupby(level="authority_code").max()
    return out.reset_index()
