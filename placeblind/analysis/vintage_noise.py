"""How much a district's location quotient moves from one year to the next,
measured on the three years (2015-2017) of the district BRES file: the
calibration of the rule that combines the 2017 and 2019 verdicts.

If year-to-year movement were a trend, the middle of three years would lie
between the other two and one year's change would be about half of two
years'. If it is noise, the middle year lies between its neighbours in about a
third of cases (each of three independent values is equally likely to be the
middle one) and one year moves about as far as two.
"""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..data.bres import district_broad_group_employment
from ..data.geography import study_codes
from ..data.sectors import KEY_SECTOR_NAMES
from ..measures.location_quotients import location_quotient
from .sector_measures import COUNT_YEARS, wide
from .vintages import MEAN_OF

# The three years of the counts file (the primary vintage and the years its file also holds).
NOISE_YEARS = COUNT_YEARS


def key_sector_lqs(year: int) -> pd.Series:
    """Each study district's key-sector LQ in ``year`` (GB base), indexed by code and sector."""
    table = district_broad_group_employment(year)
    table["lq"] = location_quotient(table)
    table = table[table["code"].isin(study_codes()) & table["sector"].isin(KEY_SECTOR_NAMES)]
    return table.set_index(["code", "sector"])["lq"].rename(year)


@cached(maxsize=1)
def vintage_noise() -> dict:
    """The calibration, as plain values: ``n_pairs`` (district-sector pairs),
    ``share_middle_between`` (share of pairs whose 2016 LQ lies between its
    2015 and 2017 values), ``median_one_year`` and ``median_two_year``
    (median absolute change in LQ over one and two years) and
    ``median_2017_2019`` (the same between the two vintages the claims use)."""
    first, middle, last = (key_sector_lqs(y) for y in NOISE_YEARS)
    frame = pd.concat([first, middle, last], axis=1).dropna()
    a, b, c = (frame[y] for y in NOISE_YEARS)
    between = ((b - a) * (c - b)) >= 0
    one_year = pd.concat([(b - a).abs(), (c - b).abs()])
    lq17, lq19 = (wide(v, "lq").drop(columns=["name", "authority"])[list(KEY_SECTOR_NAMES)].stack() for v in MEAN_OF)
    return {
        "n_pairs": int(len(frame)),
        "share_middle_between": float(between.mean()),
        "median_one_year": float(one_year.median()),
        "median_two_year": float((c - a).abs().median()),
        "median_2017_2019": float((lq19 - lq17).abs().median()),
    }
