"""Census highest-qualification tables: 2011 QS501EW and 2021 TS067.

Both parsers return one row per area with counts and percentages of usual
residents aged 16 and over, in the same columns, so the two years compare.
"""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..errors import DataError
from .catalogue import entry
from .geography import ENGLAND_AND_WALES, study_codes
from .readers import read_catalogued_csv, require_codes, require_unique

# Category key -> (label, QS501EW file number, TS067 category code)
QUALIFICATIONS: dict[str, tuple[str, int, int]] = {
    "no_qualifications": ("No qualifications", 1, 0),
    "level1": ("Level 1", 2, 1),
    "level2": ("Level 2", 3, 2),
    "apprenticeship": ("Apprenticeship", 4, 3),
    "level3": ("Level 3", 5, 4),
    "level4_plus": ("Level 4+", 6, 5),
    "other": ("Other", 7, 6),
}
CATEGORY_KEYS = list(QUALIFICATIONS)
PCT_COLUMNS = [f"pct_{k}" for k in CATEGORY_KEYS]

# The category whose level the tables do not state ("other qualifications":
# vocational, work-related or foreign qualifications of unstated level), left out
# of the known-level denominator.
UNKNOWN_LEVEL = "other"
# What a census percentage is a percentage of.
DENOMINATORS = {"all_16plus": "every resident aged 16+",
                "known_level": "residents aged 16+ whose level is known (all but 'other qualifications')"}


def share_base(all_16plus, other, denominator: str = "all_16plus"):
    """The denominator of a census percentage (:data:`DENOMINATORS`): the residents
    16+, or those less the :data:`UNKNOWN_LEVEL` count."""
    if denominator == "all_16plus":
        return all_16plus
    if denominator == "known_level":
        return all_16plus - other
    raise ValueError(f"denominator must be one of {list(DENOMINATORS)}, not {denominator!r}")


def with_percentages(counts: pd.DataFrame, keys=CATEGORY_KEYS, denominator: str = "all_16plus") -> pd.DataFrame:
    """Add ``pct_<category>``: each category's count as a percentage of ``all_16plus``
    (for the categories ``keys``, by default every one), or of the residents whose
    level is known (``denominator`` ``known_level``). Every census percentage of
    the book is computed here."""
    out = counts.copy()
    base = share_base(out["all_16plus"], out[UNKNOWN_LEVEL] if denominator == "known_level" else None, denominator)
    for key in keys:
        out[f"pct_{key}"] = 100.0 * out[key] / base
    return out


def _qs501_files() -> str:
    """The seven QS501EW files, as one pattern (for checks that span them)."""
    first = entry("census2011_qs501_001").path
    return first.replace("QS501EW001", "QS501EW00*")


@cached(disk=True, maxsize=1, variants=False)
def qualifications_2011() -> pd.DataFrame:
    """2011 Census QS501EW by district (2020 codes) plus England and Wales (``K04000001``).

    Columns: ``code``, ``all_16plus``, the seven category counts and their
    percentages. Checks: TOTAL agrees across the seven files, the categories
    sum to TOTAL, the districts sum to the England and Wales row.
    """
    merged = None
    for key, (_label, number, _code) in QUALIFICATIONS.items():
        file_id = f"census2011_qs501_{number:03d}"
        path = entry(file_id).path
        frame = read_catalogued_csv(file_id, ["GEOGRAPHY_CODE", "TOTAL", "COUNT"], ["TOTAL", "COUNT"])
        require_unique(frame, ["GEOGRAPHY_CODE"], path)
        require_codes(frame, "GEOGRAPHY_CODE", ["EW", *study_codes()], path, "area")
        frame = frame.rename(columns={"GEOGRAPHY_CODE": "code", "TOTAL": f"total_{key}", "COUNT": key})
        if merged is None:
            merged = frame
            continue
        merged = merged.merge(frame, on="code", how="outer", indicator=True)
        if not (merged["_merge"] == "both").all():
            odd = merged.loc[merged["_merge"] != "both", "code"].tolist()[:5]
            raise DataError(path, f"areas differ from the other QS501EW files: {odd}")
        merged = merged.drop(columns="_merge")
    totals = merged[[f"total_{k}" for k in CATEGORY_KEYS]]
    differs = totals.nunique(axis=1) > 1
    if differs.any():
        raise DataError(_qs501_files(), f"TOTAL differs between files for {merged.loc[differs, 'code'].tolist()[:5]}")
    merged["all_16plus"] = totals.iloc[:, 0]
    gap = merged[CATEGORY_KEYS].sum(axis=1) != merged["all_16plus"]
    if gap.any():
        raise DataError(_qs501_files(), f"categories do not sum to TOTAL for {merged.loc[gap, 'code'].tolist()[:5]}")
    merged["code"] = merged["code"].replace({"EW": ENGLAND_AND_WALES})
    districts = merged[merged["code"] != ENGLAND_AND_WALES]
    national = merged.set_index("code").loc[ENGLAND_AND_WALES]
    for column in ["all_16plus", *CATEGORY_KEYS]:
        if districts[column].sum() != national[column]:
            raise DataError(_qs501_files(), f"districts do not sum to the England and Wales row in {column}")
    counts = merged[["code", "all_16plus", *CATEGORY_KEYS]].astype({c: "int64" for c in ["all_16plus", *CATEGORY_KEYS]})
    return with_percentages(counts).sort_values("code").reset_index(drop=True)


@cached(maxsize=1, variants=False)
def qualifications_2021() -> pd.DataFrame:
    """2021 Census TS067 by lower-tier authority (2021 codes), plus England and Wales.

    The England and Wales row is the sum of the 331 authorities (Census 2021
    cells are perturbed, so it may differ slightly from the ONS national figure).
    Category ``-8`` (aged 15 and under) is excluded.
    """
    file_id = "census2021_ts067"
    path = entry(file_id).path
    code_col = "Lower Tier Local Authorities Code"
    cat_col = "Highest level of qualification (8 categories) Code"
    frame = read_catalogued_csv(
        file_id, [code_col, "Lower Tier Local Authorities", cat_col, "Observation"], [cat_col, "Observation"],
        signed_columns=[cat_col])  # category -8 is "does not apply (aged 15 and under)"
    require_unique(frame, [code_col, cat_col], path)
    expected = {-8, *(c for _l, _n, c in QUALIFICATIONS.values())}
    found = set(frame[cat_col].astype(int))
    if found != expected:
        raise DataError(path, f"qualification category codes are {sorted(found)}, expected {sorted(expected)}")
    adults = frame[frame[cat_col] != -8]
    wide = adults.pivot(index=code_col, columns=cat_col, values="Observation")
    wide = wide.rename(columns={c: k for k, (_l, _n, c) in QUALIFICATIONS.items()})[CATEGORY_KEYS]
    incomplete = wide.index[wide.isna().any(axis=1)].tolist()
    if incomplete:
        raise DataError(path, f"areas without a row for every qualification category: {incomplete[:5]}")
    wide = wide.reset_index().rename(columns={code_col: "code"})
    require_codes(wide, "code", study_codes(), path, "study district")
    wide["all_16plus"] = wide[CATEGORY_KEYS].sum(axis=1)
    national = wide[["all_16plus", *CATEGORY_KEYS]].sum().to_frame().T
    national.insert(0, "code", ENGLAND_AND_WALES)
    counts = pd.concat([wide[["code", "all_16plus", *CATEGORY_KEYS]], national], ignore_index=True)
    counts = counts.astype({c: "int64" for c in ["all_16plus", *CATEGORY_KEYS]})
    return with_percentages(counts).sort_values("code").reset_index(drop=True)


def cross_check_2021_greater_manchester() -> pd.DataFrame:
    """TS067 counts for the 10 Greater Manchester districts from the independent
    Nomis API copy, beside the ONS download: returns both and the difference."""
    file_id = "census2021_ts067_gm"
    frame = read_catalogued_csv(file_id, ["area_code", "highest_qualification", "value"], ["value"])
    labels = {
        "No qualifications": "no_qualifications", "Level 1 and entry level qualifications": "level1",
        "Level 2 qualifications": "level2", "Apprenticeship": "apprenticeship",
        "Level 3 qualifications": "level3", "Level 4 qualifications or above": "level4_plus",
        "Other qualifications": "other"}
    unknown = set(frame["highest_qualification"]) - set(labels)
    if unknown:
        raise DataError(entry(file_id).path, f"unexpected qualification labels {sorted(unknown)}")
    frame["category"] = frame["highest_qualification"].map(labels)
    nomis = frame.pivot(index="area_code", columns="category", values="value")[CATEGORY_KEYS]
    ons = qualifications_2021().set_index("code").loc[nomis.index, CATEGORY_KEYS]
    return (nomis - ons).abs()
