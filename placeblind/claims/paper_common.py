"""What the paper's claims share: where their data come from and how a claim
graded in the two vintages becomes one row (the rules are in :mod:`.rules`).
"""

from __future__ import annotations

import pandas as pd

from ..analysis.education_fits import education_sector_fits, fit_lookup
from ..analysis.sector_measures import wide
from ..analysis.sector_readings import composition_facts, lq_facts
from ..analysis.vintages import MEAN_OF, MEAN_VINTAGE, available_vintages, by_kind, vintage_label
from ..data.bres import DISTRICT_VINTAGES
from ..data.study import paper_study_size
from ..text import and_join
from .framework import PAPER, Claim
from .rules import PAPER_VINTAGE, numeric_verdict

CENSUS = "2011 Census"


CLAIMS_SOURCE = ("Nurse and Sykes (2020) for the published figures; Office for National Statistics (BRES via Nomis, "
                 "2011 Census), licensed under the Open Government Licence v3.0, for the official data")


# The two bundled vintages the claims are graded on (MEAN_OF), each with what it
# measures, from the vintage registry: "2017 (employment) and 2019 (employees)".
MEASURED = and_join([f"{year} ({DISTRICT_VINTAGES[year].measure})" for year in MEAN_OF])


BRES_SHARES = f"BRES {MEASURED}"


BRES = f"{BRES_SHARES}; Great Britain base"


def fits_source() -> str:
    """The source line of the claims on Table 4's fits (the count of districts from the data)."""
    return (f"BRES {and_join([str(v) for v in MEAN_OF])} shares on {CENSUS} education; {paper_study_size()[0]} study "
            "districts")


# The paper used BRES 2018 (PAPER_VINTAGE); the bundle brackets it with 2017 and 2019 (MEAN_OF).
ABOUT_VINTAGES = (f"The paper used BRES {PAPER_VINTAGE}, which lies between the two vintages here; {MEAN_OF[0]} "
                  f"counts employment (employees and working owners), {MEAN_OF[1]} employees.")


ABOUT_PAPER_VINTAGE = (f"Judged on BRES {PAPER_VINTAGE}, the paper's own vintage, fetched from Nomis; {MEASURED} are "
                       "shown beside it.")


def claim_vintages() -> tuple:
    """The vintages the paper's sector claims are read on, in the order shown:
    the paper's own 2018 first when it was fetched, then the bundle's 2017 and
    2019, then their mean (:data:`MEAN_VINTAGE`, graded once: :func:`deciding_vintage`)."""
    return measured_vintages() + (MEAN_VINTAGE,)


def measured_vintages() -> tuple[int, ...]:
    """:func:`claim_vintages` without the mean: the years measured."""
    return ((PAPER_VINTAGE,) if PAPER_VINTAGE in available_vintages() else ()) + MEAN_OF


def deciding_vintage():
    """The vintage whose grade is a sector claim's verdict: the paper's own 2018
    when it was fetched, otherwise the mean of the 2017 and 2019 values, graded
    once (the rule set, :func:`rules.rule_table`)."""
    return PAPER_VINTAGE if PAPER_VINTAGE in available_vintages() else MEAN_VINTAGE


def vintage_claim(claim_id: str, statement: str, published: str, values: dict, verdicts: dict, unit: str,
                   reason: str, vintage: str = BRES, rule: str = "") -> Claim:
    """A claim graded in each vintage of :func:`claim_vintages` (the years
    measured and the mean of :data:`MEAN_OF`); the verdict is the grade of
    :func:`deciding_vintage`. ``by_vintage`` keeps every grade (the ledger's long
    table ``claims_by_vintage``, and the source of its per-vintage columns)."""
    shown = claim_vintages()
    decides = deciding_vintage()
    reproduced = "; ".join(f"{v}: {values[v]}" for v in shown)
    graded = "; ".join(f"{v} {verdicts[v]}" for v in shown)
    per_vintage = {"rule": rule, "by_vintage": tuple((str(v), str(values[v]), verdicts[v], v == decides) for v in shown)}
    if decides == PAPER_VINTAGE:  # the paper's own year decides; the others are context
        return Claim(claim_id, PAPER, statement, published, reproduced, unit,
                     f"{vintage_label(PAPER_VINTAGE)}, first; {vintage}", verdicts[PAPER_VINTAGE],
                     f"Per vintage: {graded}. {reason.replace(ABOUT_VINTAGES, ABOUT_PAPER_VINTAGE)}".strip(),
                     **per_vintage)
    return Claim(claim_id, PAPER, statement, published, reproduced, unit, f"{vintage}; graded on {MEAN_VINTAGE}",
                 verdicts[MEAN_VINTAGE], f"Per vintage: {graded}. {reason}".strip(), **per_vintage)


def numeric_grades(published: float, values: dict[int, float], decimals: int, kind: str) -> dict[int, str]:
    """:func:`rules.numeric_verdict` in each vintage given."""
    return {v: numeric_verdict(published, values[v], decimals, kind) for v in values}


def mean_value(values: dict) -> float:
    """The mean of the two vintages' values (:data:`MEAN_OF`) of a number a claim reads."""
    return sum(float(values[v]) for v in MEAN_OF) / len(MEAN_OF)


def bracketed(published: float, values: dict[int, float]) -> str:
    low, high = sorted(values[v] for v in MEAN_OF)
    return (f" The published {published:g} lies between the {MEAN_OF[0]} and {MEAN_OF[1]} values." if low <= published <= high
            else "")


def how_read(phrases: dict[str, str], sep: str = "; ") -> str:
    """How each bracketing vintage (:data:`MEAN_OF`) is read, from what it holds
    (:func:`~placeblind.analysis.vintages.by_kind`): "2017 pools each
    authority's districts; 2019 publishes shares only, so ..."."""
    return sep.join(f"{year} {how}" for year, how in by_kind(phrases))


def short_names(names) -> str:
    return ", ".join(n.replace(", City of", "") for n in names)


class VintageTables(dict):
    """District by sector tables by vintage; the entry for :data:`MEAN_VINTAGE`
    is not stored but computed on each reading as the mean of the two vintages'
    tables (:data:`MEAN_OF`), so a changed year changes the mean the claim is
    graded on (the same numbers as the analysis layer's mean vintage)."""

    def __missing__(self, key):
        if key != MEAN_VINTAGE:
            raise KeyError(key)
        first, second = (self[v] for v in MEAN_OF)
        return (first + second.loc[first.index, first.columns]) / 2


class ClaimData:
    """Everything the sector claims read, computed once."""

    def __init__(self):
        self.vintages = claim_vintages()
        measured = measured_vintages()
        self.lq = VintageTables({v: wide(v, "lq").set_index("name").drop(columns="authority") for v in measured})
        self.shares = VintageTables({v: wide(v, "share_pct").set_index("name").drop(columns="authority")
                                     for v in measured})
        self.lq_facts = {v: lq_facts(v) for v in self.vintages}
        self.comp = {v: composition_facts(v) for v in self.vintages}
        self.fits = education_sector_fits()

    def fit(self, vintage, sector: str, education: str) -> pd.Series:
        """A fit's row; for :data:`MEAN_VINTAGE`, r, r2 and the slope are each
        the mean of the two vintages' values (a claim graded on r reads the mean
        r, one graded on r2 the mean r2), with no interval or p-value (a mean of
        two has none)."""
        if vintage != MEAN_VINTAGE:
            return fit_lookup(self.fits, "study_districts", vintage, sector, education)
        rows = [fit_lookup(self.fits, "study_districts", v, sector, education) for v in MEAN_OF]
        out = rows[0].copy()
        for column in out.index:
            if column in ("r", "r2", "slope"):
                out[column] = mean_value({v: row[column] for v, row in zip(MEAN_OF, rows)})
            elif column in ("r2_ci_low", "r2_ci_high", "r_ci_low", "r_ci_high", "p_value", "p_value_hc3"):
                out[column] = float("nan")
        out["vintage"] = MEAN_VINTAGE
        return out
