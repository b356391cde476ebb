"""The BRES vintages of a build: the bundle's 2017 and 2019, and any year
fetched from Nomis into ``DATA_DIR/nomis`` (``python -m placeblind fetch``).

Everything that loops over vintages asks :func:`available_vintages`, so a
fetched year flows into the exported tables without further change, and a
build without fetched files has exactly the bundle's two.
"""

from __future__ import annotations

import pandas as pd

from ..data.bres import BUNDLED_VINTAGES, DISTRICT_VINTAGES
from ..data.fetched import FOLDER
from ..data.geography import GREAT_BRITAIN
from ..data.nomis import fetched_bres_vintages, fetched_district_counts
from ..data.study import Study, carry_counts, paper_study
from ..measures import location_quotient_from_shares

# The vintages of the data bundle (the data layer's one list of them).
VINTAGES = BUNDLED_VINTAGES


PRIMARY_VINTAGE = 2017


# The mean of the bundle's two vintages, a derived vintage the claims are graded
# on (issue 17): the book's own calibration (analysis.vintage_noise) finds
# year-to-year moves to be noise around a stable value, so the best estimate of
# the paper's 2018 is the mean of the 2017 and 2019 values. It is served by the
# functions that build the study measures (each value the mean of the two
# vintages' values), never listed among the available vintages, so no exported
# table gains rows from it.
MEAN_VINTAGE = "the 2017-2019 mean"
MEAN_OF = VINTAGES


VINTAGE_LABELS = {year: vintage.label for year, vintage in DISTRICT_VINTAGES.items()}


BASES = ("GB", "England")


def fetched_vintages() -> tuple[int, ...]:
    """Years fetched from Nomis into ``DATA_DIR/nomis`` that the bundle does not
    hold (a fetched 2017 or 2019 is left to ``check-official``: the bundled
    files stay the book's); empty when nothing was fetched."""
    return tuple(sorted(set(fetched_bres_vintages()) - set(VINTAGES)))


def available_vintages() -> tuple[int, ...]:
    """The BRES vintages of this build, oldest first: 2017, 2019 and every fetched year."""
    return tuple(sorted(set(VINTAGES) | set(fetched_vintages())))


def vintage_label(vintage: int) -> str:
    """What a vintage measures, in words."""
    if vintage == MEAN_VINTAGE:
        return "BRES 2017 and 2019, the mean of the two vintages' values"
    if vintage in VINTAGE_LABELS:
        return VINTAGE_LABELS[vintage]
    check_vintage(vintage)
    measure = fetched_bres_vintages()[vintage][1]
    what = "employment (employees and working owners)" if measure == "employment" else "employees"
    return f"BRES {vintage}, {what}, fetched from Nomis"


def check_vintage(vintage: int) -> None:
    available = available_vintages()
    if vintage not in available:
        raise ValueError(f"vintage must be one of {available}, not {vintage!r}")


def fetched_counts(vintage: int, base: str = "GB") -> tuple[pd.DataFrame, pd.Series]:
    """A fetched vintage's district counts (``code``, ``name``, ``sector``, ``count``;
    every GB district) and the reference counts by sector: the published Great
    Britain total, or the sum of the English districts."""
    counts = fetched_district_counts(vintage)
    districts = counts[counts["code"] != GREAT_BRITAIN].drop(columns=["year", "measure"])
    if base == "GB":
        reference = counts[counts["code"] == GREAT_BRITAIN]
    elif base == "England":
        reference = districts[districts["code"].str.startswith("E")]
    else:
        raise ValueError(f"base must be one of {BASES}, not {base!r}")
    return districts.reset_index(drop=True), reference.groupby("sector", observed=True)["count"].sum()


def pooled_lq_fetched(vintage: int, sector: str, study: Study | None = None) -> float:
    """LQ of a study's districts taken together (counts summed), GB base, for a fetched vintage."""
    districts, reference = fetched_counts(vintage)
    study = study or paper_study()
    counts = carry_counts(districts[["code", "sector", "count"]], study, ["count"],
                          f"{FOLDER}/{fetched_bres_vintages()[vintage][0]}", by=["sector"])
    by_sector = counts.groupby("sector", observed=True)["count"].sum()
    return float(location_quotient_from_shares(by_sector[sector] / by_sector.sum(),
                                               reference[sector] / reference.sum()))
