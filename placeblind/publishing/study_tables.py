"""The paper's tables for any study (``python -m placeblind tables --authority ...``):
the same file names and columns as the book's own, each row carrying its
district's authority, and a note for every district left out of a vintage."""

from __future__ import annotations

import pandas as pd

from ..analysis.attainment import attainment_table
from ..analysis.education_fits import study_fits
from ..analysis.lq_rounding import with_lq_bounds
from ..analysis.sector_measures import study_measures, vintage_exclusions
from ..data.study import Study

STUDY_TABLE_NAMES = ("study_districts", "attainment_2011", "attainment_2021", "sector_shares",
                     "location_quotients", "education_sector_fit", "study_notes")


def study_tables(study: Study) -> dict[str, pd.DataFrame]:
    """Every table of a study, by CSV name (see ``STUDY_TABLE_NAMES``)."""
    measures = pd.concat([study_measures(v, study.reference, study) for v in study.bres_vintages],
                         ignore_index=True)
    fits = study_fits(study)
    tables = {
        "study_districts": study.frame(),
        "attainment_2011": attainment_table(2011, study),
        "attainment_2021": attainment_table(2021, study),
        "sector_shares": measures[["code", "name", "authority", "vintage", "sector", "share_pct"]],
        "location_quotients": with_lq_bounds(measures[["code", "name", "authority", "vintage", "sector", "lq"]],
                                             study, study.reference),
        "education_sector_fit": fits,
        "study_notes": study_notes(study, fits),
    }
    assert tuple(tables) == STUDY_TABLE_NAMES
    return tables


def study_notes(study: Study, fits: pd.DataFrame) -> pd.DataFrame:
    """What the tables leave out and why: ``code``, ``name``, ``table``, ``vintage``, ``note``."""
    rows = [{"code": r.code, "name": r.name, "table": "sector_shares, location_quotients, education_sector_fit",
             "vintage": r.vintage, "note": r.reason} for r in vintage_exclusions(study).itertuples()]
    for vintage in study.bres_vintages:
        if not (fits["vintage"] == vintage).any():
            rows.append({"code": "", "name": "", "table": "education_sector_fit", "vintage": vintage,
                         "note": "fewer than three districts with data: no line can be fitted"})
    return pd.DataFrame(rows, columns=["code", "name", "table", "vintage", "note"])
