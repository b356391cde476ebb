"""A decade on: attainment in 2021 for every district of England and Wales, and
its change since 2011, with each district's combined authority of May 2025.

2011 figures are carried to the 2021 codes by adding up counts
(:mod:`placeblind.data.district_codes`); every percentage is computed from counts.
"""

from __future__ import annotations

import pandas as pd

from ..data.census import qualifications_2011, qualifications_2021
from ..data.geography import ENGLAND_AND_WALES
from ..data.study import england_and_wales_study, paper_study
from .attainment import attainment_table, census_for_study

CHANGE_COLUMNS = ["code", "name", "authority_2025", "pct_level4_plus_2011", "pct_level4_plus_2021",
                  "change_level4_plus_pp", "pct_no_qualifications_2011", "pct_no_qualifications_2021",
                  "change_no_qualifications_pp"]


def attainment_2021_all() -> pd.DataFrame:
    """The 2021 Census table for every district of England and Wales and England
    and Wales itself: the columns of the paper's Table 1 (``authority`` is the
    paper's 2017 authority, empty outside its 37 districts) plus ``authority_2025``."""
    study = england_and_wales_study()
    table = attainment_table(2021, study).rename(columns={"authority": "authority_2025"})
    paper = dict(zip(paper_study().codes, paper_study().authorities))
    table.insert(2, "authority", table["code"].map(paper).fillna(""))
    return table


def attainment_change() -> pd.DataFrame:
    """Level 4+ and no qualifications in 2011 and 2021, and the change in
    percentage points, for every district (2021 codes) and England and Wales."""
    study = england_and_wales_study()
    keep = ["code", "pct_level4_plus", "pct_no_qualifications"]
    first = pd.concat([census_for_study(2011, study)[keep],
                       qualifications_2011().loc[lambda f: f["code"] == ENGLAND_AND_WALES, keep]])
    second = pd.concat([census_for_study(2021, study)[keep],
                        qualifications_2021().loc[lambda f: f["code"] == ENGLAND_AND_WALES, keep]])
    areas = pd.concat([study.frame()[["code", "name", "authority"]].rename(columns={"authority": "authority_2025"}),
                       pd.DataFrame([{"code": ENGLAND_AND_WALES, "name": "England and Wales", "authority_2025": ""}])],
                      ignore_index=True)
    out = (areas.merge(first, on="code", validate="one_to_one")
           .merge(second, on="code", suffixes=("_2011", "_2021"), validate="one_to_one"))
    out["change_level4_plus_pp"] = out["pct_level4_plus_2021"] - out["pct_level4_plus_2011"]
    out["change_no_qualifications_pp"] = out["pct_no_qualifications_2021"] - out["pct_no_qualifications_2011"]
    return out[CHANGE_COLUMNS]
