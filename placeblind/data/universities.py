"""The study districts that hold a university's main campus: the book's reading
of the paper's "university towns" (P47), compiled for the book and catalogued
(``university_main_campuses``), read and checked like every input."""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..errors import DataError
from .catalogue import entry
from .geography import study_districts
from .readers import read_catalogued_csv, require_unique

FILE_ID = "university_main_campuses"
COLUMNS = ["district_code", "district_name", "institution", "main_campus", "register", "checked"]


@cached(maxsize=1, variants=False)
def university_main_campuses() -> pd.DataFrame:
    """One row per institution: ``district_code``, ``district_name``,
    ``institution``, ``main_campus``, ``register`` (the register it is to be
    checked against) and ``checked`` (whether and how it was). Every district
    must be a study district under its study name; no cell may be empty."""
    path = entry(FILE_ID).path
    frame = read_catalogued_csv(FILE_ID, COLUMNS)[COLUMNS]
    empty = frame.apply(lambda column: column.str.strip() == "").any(axis=1)
    if empty.any():
        raise DataError(path, f"empty cell in data row {int(empty.to_numpy().argmax()) + 1}")
    require_unique(frame, ["district_code", "institution"], path)
    names = study_districts().set_index("code")["name"]
    unknown = sorted(set(frame["district_code"]) - set(names.index))
    if unknown:
        raise DataError(path, f"district code(s) {unknown} are not study districts")
    wrong = frame[frame["district_name"] != frame["district_code"].map(names)]
    if not wrong.empty:
        row = wrong.iloc[0]
        raise DataError(path, f"district {row['district_code']} is named {row['district_name']!r}, the study names it "
                              f"{names[row['district_code']]!r}")
    return frame.reset_index(drop=True)


def university_districts() -> tuple[str, ...]:
    """The study names of the districts in :func:`university_main_campuses`, in study order."""
    codes = set(university_main_campuses()["district_code"])
    districts = study_districts()
    return tuple(districts.loc[districts["code"].isin(codes), "name"])
