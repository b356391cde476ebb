"""What taking London out of Great Britain's reference does to the other
districts' location quotients (the sceptic's ``base=GB_without_London``
choice of :mod:`.robustness`): the reference without London, and per sector
whether every other district's LQ rises, from one year's district counts (so a
perturbed copy of the counts can be read the same way)."""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..data.bres import district_broad_group_employment
from ..measures import location_quotient_from_shares, percent_of, shares

LONDON_DISTRICTS = "E09"   # the code prefix of London's 32 boroughs and the City


# Kept in the process: each count year's reference is read for every district
# universe and again for the mean of the three years (twelve reads, three values).
@cached(maxsize=4)
def reference_without_london(year: int) -> pd.Series:
    """Great Britain's share of employment in each broad group with London's
    districts left out (per cent, by sector name): the sum of every other GB
    district's BRES counts (a count year only: 2019 publishes shares)."""
    return london_lift(district_broad_group_employment(year)).set_index("sector")["without_london_pct"]


def london_lift(counts: pd.DataFrame) -> pd.DataFrame:
    """What leaving London out of the reference does to every other district's
    LQ, from one year's counts by district and broad group (``code``, ``sector``,
    ``employment``: :func:`~placeblind.data.bres.district_broad_group_employment`).

    One row per sector: ``london_share_pct`` (London's share of its jobs in the
    sector), ``gb_share_pct`` (Great Britain's, London included: the reference),
    ``without_london_pct`` (the reference without London), ``n_other`` (districts
    outside London), ``n_none`` (of those, districts with none of the sector's
    jobs, whose LQ is 0 either way) and ``n_higher`` (of those, districts whose
    LQ is higher without London). The reference is a mean of London's share and
    the rest's, so it falls without London, and every other district with any of
    the sector's jobs gains, exactly when London's share exceeds Great Britain's.
    """
    london = counts["code"].str.startswith(LONDON_DISTRICTS)
    sector = counts["sector"].astype(str)

    def reference(part: pd.Series) -> pd.Series:
        jobs = counts.loc[part, "employment"].groupby(sector[part]).sum()
        return percent_of(jobs, jobs.sum())

    with_london, without, in_london = reference(pd.Series(True, index=counts.index)), reference(~london), reference(london)
    local = shares(counts, value="employment")[~london]
    other_sector = sector[~london]
    others = pd.DataFrame({
        "sector": other_sector, "none": local <= 0,
        "higher": location_quotient_from_shares(local, other_sector.map(without))
        > location_quotient_from_shares(local, other_sector.map(with_london))})
    counted = others.groupby("sector", sort=False).agg(n_other=("none", "size"), n_none=("none", "sum"),
                                                       n_higher=("higher", "sum"))
    out = pd.concat([pd.DataFrame({"london_share_pct": in_london, "gb_share_pct": with_london,
                                   "without_london_pct": without}), counted], axis=1)
    return out.rename_axis("sector").reset_index()
