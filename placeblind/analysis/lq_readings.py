"""Which of the book's readings of LQs rounding leaves too close to call.

Each reading counts LQs on one side of 1: the paper's districts with
professional or digital services below 1 ("most districts"), the IS-8
specialisms of each ITL2 region (LQ above 1), and in the 2025 authorities the
districts with both promoted service sectors above 1 or with manufacturing
above 1. Every LQ has bounds from rounding (:mod:`.lq_rounding`); one whose
bounds straddle 1 is too close to call. A reading's count is then known only
to lie between the count with every LQ at its lowest and with every LQ at its
highest, and its verdict (a majority, a region's count, an authority group's
count) is settled only when it is the same at both ends.

The bounds are worst cases (every rounded cell at the end of its range at
once), so "too close to call" means the rounding could decide the reading,
not that it does.
"""

from __future__ import annotations

import pandas as pd

from ..data.census import qualifications_2021
from ..data.geography import ENGLAND_AND_WALES
from ..data.sectors import DIGITAL, PROFESSIONAL
from .authorities import authority_profiles, authorities_2025_study, pattern_by_group
from .is8_regions import EXACT, EXACT_YEAR, is8_lq_itl2, specialisms
from .lq_rounding import is8_lq_bounds, location_quotients_with_bounds, lq_too_close, study_lq_bounds
from .sector_measures import PRIORITISED_SECTORS
from .vintages import PRIMARY_VINTAGE, available_vintages

BELOW_ONE_SECTORS = {PROFESSIONAL: "professional services", DIGITAL: "digital"}
AUTHORITY_LQS = {"professional_lq": PROFESSIONAL, "digital_lq": DIGITAL,
                 "manufacturing_lq": PRIORITISED_SECTORS[0]}
COLUMNS = ["reading", "description", "chapter", "vintage", "group", "n_lqs", "n_too_close", "count", "count_low",
           "count_high", "n_verdicts", "n_verdicts_unsettled", "settled"]


def _below_one_rows() -> list[dict]:
    lq = lq_too_close(location_quotients_with_bounds())
    rows = []
    for sector, short in BELOW_ONE_SECTORS.items():
        for vintage in available_vintages():
            part = lq[(lq["sector"].astype(str) == sector) & (lq["vintage"] == vintage)]
            n = len(part)
            count, low, high = int((part["lq"] < 1).sum()), int((part["lq_high"] < 1).sum()), int(
                (part["lq_low"] < 1).sum())
            rows.append({"reading": f"{short.split()[0]}_below_one", "chapter": "location_quotients",
                         "description": f"the paper's districts with {short} below 1 (a majority?)",
                         "vintage": vintage, "group": "", "n_lqs": n, "n_too_close": int(part["too_close"].sum()),
                         "count": count, "count_low": low, "count_high": high, "n_verdicts": 1,
                         "n_verdicts_unsettled": int((low > n / 2) != (high > n / 2))})
    return rows


def _specialism_rows() -> list[dict]:
    lq = is8_lq_itl2(EXACT_YEAR, EXACT).merge(is8_lq_bounds(EXACT_YEAR, EXACT), on=["itl2_code", "sector"],
                                              validate="one_to_one")
    lq = lq_too_close(lq)
    counts = {end: specialisms(lq.assign(lq=lq[column]))["n_specialisms"]
              for end, column in (("value", "lq"), ("low", "lq_low"), ("high", "lq_high"))}
    return [{"reading": "itl2_specialisms", "chapter": "is8_regions",
             "description": "IS-8 specialisms (LQ above 1) of each ITL2 region, 5-digit definitions",
             "vintage": EXACT_YEAR, "group": "", "n_lqs": int(lq["lq"].notna().sum()),
             "n_too_close": int(lq["too_close"].sum()), "count": int(counts["value"].sum()),
             "count_low": int(counts["low"].sum()), "count_high": int(counts["high"].sum()),
             "n_verdicts": len(counts["value"]),
             "n_verdicts_unsettled": int((counts["low"] != counts["high"]).sum())}]


def _authority_rows() -> list[dict]:
    profiles = authority_profiles()
    bounds = study_lq_bounds(PRIMARY_VINTAGE, "GB", authorities_2025_study())
    ends = {}
    for end in ("lq_low", "lq_high"):
        wide = bounds.pivot(index="code", columns="sector", values=end)
        ends[end] = profiles.assign(**{c: profiles["code"].map(wide[s]) for c, s in AUTHORITY_LQS.items()})
    ew_level4 = float(qualifications_2021().set_index("code").loc[ENGLAND_AND_WALES, "pct_level4_plus"])
    value, low, high = (pattern_by_group(p, ew_level4).set_index("group")
                        for p in (profiles, ends["lq_low"], ends["lq_high"]))
    straddling = {c: lq_too_close(pd.DataFrame({"lq_low": ends["lq_low"][c], "lq_high": ends["lq_high"][c]}))[
        "too_close"] for c in AUTHORITY_LQS}
    rows = []
    for group in value.index:
        members = (profiles["group"] == group).to_numpy()
        for reading, column, lqs, words in (
                ("districts_with_both", "districts_with_both", ("professional_lq", "digital_lq"),
                 "districts with qualified residents and professional and digital services above 1"),
                ("manufacturing_above_one", "districts_manufacturing_above_1", ("manufacturing_lq",),
                 "districts with manufacturing above 1")):
            rows.append({"reading": reading, "chapter": "authorities_2025", "description": f"{words} ({value.loc[group, 'group_label']})",
                         "vintage": PRIMARY_VINTAGE, "group": group, "n_lqs": int(members.sum()) * len(lqs),
                         "n_too_close": int(sum(straddling[c][members].sum() for c in lqs)),
                         "count": int(value.loc[group, column]), "count_low": int(low.loc[group, column]),
                         "count_high": int(high.loc[group, column]), "n_verdicts": 1,
                         "n_verdicts_unsettled": int(low.loc[group, column] != high.loc[group, column])})
    return rows


def lq_readings_too_close() -> pd.DataFrame:
    """One row per reading the book makes from LQs: ``reading``, ``description``,
    ``chapter``, ``vintage``, ``group`` (authorities' group, else empty),
    ``n_lqs`` (LQs the reading turns on), ``n_too_close`` (of them, those whose
    rounding bounds straddle 1), ``count`` (LQs on the reading's side of 1),
    ``count_low`` and ``count_high`` (the fewest and most the rounding allows),
    ``n_verdicts`` (what the reading decides: a majority, a count per region, a
    group's count) and ``n_verdicts_unsettled`` (those the rounding
    could turn over), ``settled`` (none could)."""
    table = pd.DataFrame(_below_one_rows() + _specialism_rows() + _authority_rows())
    return table.assign(settled=table["n_verdicts_unsettled"] == 0)[COLUMNS]
