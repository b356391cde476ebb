"""What the paper's claims share: where their data come from, the margins for
'close', and the rules that read a published figure against two vintages.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.education_fits import education_sector_fits, fit_lookup
from ..analysis.sector_measures import VINTAGES, wide
from ..analysis.sector_readings import composition_facts, lq_facts
from .framework import PAPER, VERDICTS, Claim, numeric_verdict

CENSUS = "2011 Census"


CLAIMS_SOURCE = ("Nurse and Sykes (2020) for the published figures; Office for National Statistics (BRES via Nomis, "
                 "2011 Census), licensed under the Open Government Licence v3.0, for the official data")


BRES = "BRES 2017 (employment) and 2019 (employees); Great Britain base"


BRES_SHARES = "BRES 2017 (employment) and 2019 (employees)"


FITS = "BRES 2017 and 2019 shares on 2011 Census education; 37 study districts"


# Margins for 'close' (absolute, in the claim's unit).
LQ_MARGIN = 0.1


R2_MARGIN = 0.1


# The paper used BRES 2018; the bundle brackets it with 2017 and 2019.
ABOUT_VINTAGES = ("The paper used BRES 2018, which lies between the two vintages here; 2017 counts employment "
                  "(employees and working owners), 2019 employees.")


def _better(verdicts: dict[int, str]) -> str:
    return min(verdicts.values(), key=VERDICTS.index)


def _vintage_claim(claim_id: str, statement: str, published: str, values: dict[int, str],
                   verdicts: dict[int, str], unit: str, reason: str, vintage: str = BRES) -> Claim:
    reproduced = "; ".join(f"{v}: {values[v]}" for v in VINTAGES)
    graded = "; ".join(f"{v} {verdicts[v]}" for v in VINTAGES)
    return Claim(claim_id, PAPER, statement, published, reproduced, unit, vintage, _better(verdicts),
                 f"Per vintage: {graded}. {reason}".strip())


def _numeric(published: float, values: dict[int, float], decimals: int, close_within: float) -> dict[int, str]:
    verdicts = {v: numeric_verdict(published, values[v], decimals, close_within) for v in VINTAGES}
    low, high = sorted(values[v] for v in VINTAGES)
    if _better(verdicts) == "differs" and low <= published <= high:
        # The paper's year lies between the two vintages: so may its value.
        verdicts = {v: ("close" if verdicts[v] == "differs" else verdicts[v]) for v in VINTAGES}
    return verdicts


def _bracketed(published: float, values: dict[int, float]) -> str:
    low, high = sorted(values[v] for v in VINTAGES)
    return (f" The published {published:g} lies between the 2017 and 2019 values, as a 2018 figure might."
            if low <= published <= high else "")


def _names(names) -> str:
    return ", ".join(n.replace(", City of", "") for n in names)


class _Data:
    """Everything the sector claims read, computed once."""

    def __init__(self):
        self.lq = {v: wide(v, "lq").set_index("name") for v in VINTAGES}
        self.shares = {v: wide(v, "share_pct").set_index("name") for v in VINTAGES}
        self.lq_facts = {v: lq_facts(v) for v in VINTAGES}
        self.comp = {v: composition_facts(v) for v in VINTAGES}
        self.fits = education_sector_fits()

    def fit(self, vintage: int, sector: str, education: str) -> pd.Series:
        return fit_lookup(self.fits, "study_districts", vintage, sector, education)
