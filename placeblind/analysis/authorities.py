"""Each combined authority in one row: residents, qualifications in 2021 and
their change since 2011, the range of the promoted service sectors' LQs across
its districts, and its largest sector (BRES 2017, its districts pooled)."""

from __future__ import annotations

import pandas as pd

from ..data.census import CATEGORY_KEYS, qualifications_2021, with_percentages
from ..data.geography import ENGLAND_AND_WALES, STUDY_AUTHORITIES
from ..data.study import Study, authority_lookup, study_from
from ..measures import percent_of
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
    share = percent_of(pooled, pooled.groupby(level="authority_code").transform("sum"))
    top = share.groupby(level="authority_code").idxmax()
    out["largest_sector"] = top.map(lambda key: str(key[1]))
    out["largest_sector_pct"] = share.groupby(level="authority_code").max()
    return out.reset_index()


ORIGINAL = "the original six"
LATER = "the nine later"


def district_profiles(study: Study, original: tuple[str, ...]) -> pd.DataFrame:
    """Each district of ``study`` with the paper's measures: ``code``, ``name``,
    ``authority``, ``group`` (one of the ``original`` authorities, or a later
    one), the 2021 shares with Level 4+ and with no qualifications (%), and the
    2017 LQs (Great Britain = 1) of the professional, digital and manufacturing
    sectors."""
    census = census_for_study(2021, study).set_index("code")
    lq = study_measures(2017, "GB", study).pivot(index="code", columns="sector", values="lq")
    frame = study.frame()[["code", "name", "authority"]].set_index("code")
    frame["group"] = frame["authority"].map(lambda a: ORIGINAL if a in original else LATER)
    frame["pct_level4_plus_2021"] = census["pct_level4_plus"]
    frame["pct_no_qualifications_2021"] = census["pct_no_qualifications"]
    frame["professional_lq"] = lq[PROFESSIONAL].astype(float)
    frame["digital_lq"] = lq[DIGITAL].astype(float)
    frame["manufacturing_lq"] = lq["Manufacturing"].astype(float)
    return frame.reset_index()


def pattern_by_group(profiles: pd.DataFrame, ew_level4: float) -> pd.DataFrame:
    """The paper's pattern, group by group: how many districts have both the
    qualified residents (a Level 4+ share above England and Wales) and the promoted
    service sectors (professional and digital LQs above 1), and how many have
    manufacturing above 1. ``holds``: those with both are a minority and fewer
    than those with manufacturing above 1."""
    rows = []
    for group, part in profiles.groupby("group", sort=False):
        both = (part["pct_level4_plus_2021"] > ew_level4) & (part["professional_lq"] > 1) & (part["digital_lq"] > 1)
        manufacturing = part["manufacturing_lq"] > 1
        rows.append({"group": group, "authorities": int(part["authority"].nunique()), "districts": int(len(part)),
                     "districts_with_both": int(both.sum()), "pct_with_both": 100.0 * float(both.mean()),
                     "districts_manufacturing_above_1": int(manufacturing.sum()),
                     "pct_manufacturing_above_1": 100.0 * float(manufacturing.mean()),
                     "holds": bool(both.mean() < 0.5 and both.sum() < manufacturing.sum())})
    return pd.DataFrame(rows)


def authorities_2025_study() -> Study:
    """Every district of the fifteen combined authorities of May 2025."""
    return study_from(list(authority_lookup(2025)["authority"].unique()), None, 2025)


def authority_profiles() -> pd.DataFrame:
    """:func:`district_profiles` of the May 2025 authorities (the original six as the paper's)."""
    return district_profiles(authorities_2025_study(), tuple(STUDY_AUTHORITIES))


def authority_pattern() -> pd.DataFrame:
    """:func:`pattern_by_group` of the May 2025 authorities, against England and Wales in 2021."""
    ew = qualifications_2021().set_index("code").loc[ENGLAND_AND_WALES]
    return pattern_by_group(authority_profiles(), float(ew["pct_level4_plus"]))
