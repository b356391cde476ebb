"""Study geography: the districts of the original mayoral combined
authorities (2017), and the ITL lookups.

Membership is stated by name (as in the bundle README) and resolved to codes
through the ONS April 2023 district-to-combined-authority lookup, so a name
that the lookup does not place in that authority stops the build.
"""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..errors import DataError
from .catalogue import entry
from .readers import read_catalogued_csv, require_unique

# The six original mayoral combined authorities and their districts, by the
# names the ONS lookup uses. Order: as the paper discusses them.
STUDY_AUTHORITIES: dict[str, tuple[str, ...]] = {
    "Cambridgeshire and Peterborough": (
        "Cambridge", "East Cambridgeshire", "Fenland", "Huntingdonshire",
        "Peterborough", "South Cambridgeshire"),
    "Greater Manchester": (
        "Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford",
        "Stockport", "Tameside", "Trafford", "Wigan"),
    "Liverpool City Region": (
        "Halton", "Knowsley", "Liverpool", "St. Helens", "Sefton", "Wirral"),
    "Tees Valley": (
        "Darlington", "Hartlepool", "Middlesbrough", "Redcar and Cleveland",
        "Stockton-on-Tees"),
    "West of England": (
        "Bath and North East Somerset", "Bristol, City of", "South Gloucestershire"),
    "West Midlands": (
        "Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall",
        "Wolverhampton"),
}

ENGLAND_AND_WALES = "K04000001"
GREAT_BRITAIN = "K03000001"

@cached(maxsize=1, variants=False)
def study_districts() -> pd.DataFrame:
    """The study districts: ``code``, ``name``, ``authority``, ``authority_code``.

    Checked against the ONS April 2023 lookup: every named district must be
    there once, in its authority, and each authority must have no other member.
    """
    file_id = "lad23_cauth_lookup"
    lookup = read_catalogued_csv(file_id, ["LAD23CD", "LAD23NM", "CAUTH23CD", "CAUTH23NM"])
    path = entry(file_id).path
    require_unique(lookup, ["LAD23CD"], path)
    rows = []
    for authority, names in STUDY_AUTHORITIES.items():
        members = lookup[lookup["CAUTH23NM"] == authority]
        if members.empty:
            raise DataError(path, f"combined authority {authority!r} not found")
        listed = sorted(members["LAD23NM"])
        if listed != sorted(names):
            raise DataError(path, f"{authority} members are {listed}, expected {sorted(names)}")
        for name in names:
            match = members[members["LAD23NM"] == name].iloc[0]
            rows.append({"code": match["LAD23CD"], "name": name, "authority": authority,
                         "authority_code": match["CAUTH23CD"]})
    return pd.DataFrame(rows)


def study_codes() -> list[str]:
    return study_districts()["code"].tolist()


# The ONS LAU1 (2021) / LAD (April 2023) to ITL lookup, one row per LAU1: read once,
# then viewed by district (itl_lookup) and by LAU1 (itl3_units).
ITL_LOOKUP_COLUMNS = ["LAD23CD", "LAD23NM", "LAU121CD", "LAU121NM", "ITL321CD", "ITL321NM", "ITL221CD", "ITL221NM",
                      "ITL121CD", "ITL121NM"]


@cached(maxsize=1, variants=False)
def _itl_lookup_rows() -> pd.DataFrame:
    frame = read_catalogued_csv("lad23_itl_lookup", ITL_LOOKUP_COLUMNS)
    require_unique(frame, ["LAU121CD"], entry("lad23_itl_lookup").path)
    return frame[ITL_LOOKUP_COLUMNS]


@cached(maxsize=1, variants=False)
def itl_lookup() -> pd.DataFrame:
    """ONS LAD (April 2023) to ITL3/ITL2/ITL1 (January 2021), one row per LAD and ITL2.

    Two Scottish districts straddle two ITL2s and so appear twice.
    """
    return (_itl_lookup_rows().drop(columns=["LAU121CD", "LAU121NM"])
            .drop_duplicates(["LAD23CD", "ITL221CD"]).reset_index(drop=True))


@cached(maxsize=1, variants=False)
def itl2_names() -> pd.DataFrame:
    """ITL2 (January 2021) codes, names and ITL1 parents for the UK (41 areas)."""
    frame = read_catalogued_csv("itl2_names", ["ITL221CD", "ITL221NM", "ITL121CD", "ITL121NM"])
    require_unique(frame, ["ITL221CD"], entry("itl2_names").path)
    return frame[["ITL221CD", "ITL221NM", "ITL121CD", "ITL121NM"]].rename(
        columns={"ITL221CD": "itl2_code", "ITL221NM": "itl2_name", "ITL121CD": "itl1_code", "ITL121NM": "itl1_name"})


def nuts2016_to_itl2(code: str) -> str:
    """NUTS 2016 level-2 codes (UKC1 ...) became ITL2 2021 codes (TLC1 ...) unchanged but for the prefix."""
    if not (len(code) == 4 and code.startswith("UK")):
        raise ValueError(f"not a NUTS 2016 level-2 code: {code!r}")
    return "TL" + code[2:]


@cached(maxsize=1, variants=False)
def itl3_units() -> pd.DataFrame:
    """The building blocks of the ITL3 areas (January 2021): one row per LAU1
    (2021), with its April 2023 district and its ITL3 area.

    Columns: ``lau1_code``, ``lau1_name``, ``lad23_code``, ``lad23_name``,
    ``itl3_code``, ``itl3_name``. ITL3 areas are unions of whole LAU1s, so a
    district of 2021 (an LAU1, or a 2021 merger of LAU1s within one ITL3) lies in
    one ITL3 area; a district of 2023 can straddle two (see :func:`straddling_districts`).
    """
    return _itl_lookup_rows().rename(columns={"LAU121CD": "lau1_code", "LAU121NM": "lau1_name", "LAD23CD": "lad23_code",
                                 "LAD23NM": "lad23_name", "ITL321CD": "itl3_code", "ITL321NM": "itl3_name"})[
        ["lau1_code", "lau1_name", "lad23_code", "lad23_name", "itl3_code", "itl3_name"]]


def straddling_districts() -> pd.DataFrame:
    """Districts of April 2023 whose LAU1s lie in more than one ITL3 area:
    ``lad23_code``, ``lad23_name``, ``itl3_codes`` (comma-separated)."""
    units = itl3_units()
    spread = units.groupby(["lad23_code", "lad23_name"])["itl3_code"].agg(lambda s: ", ".join(sorted(set(s))))
    spread = spread[spread.str.contains(",")]
    return spread.rename("itl3_codes").reset_index()


def itl3_of_districts(codes) -> pd.Series:
    """The ITL3 area of each district code (index: the codes).

    A code is found as an LAU1 (2021) or, for a district formed by merging whole
    LAU1s (the Northamptonshire unitaries of 2021), as a 2023 district whose LAU1s
    all lie in one ITL3 area. A code found neither way, or a 2023 district that
    straddles ITL3 areas, is an error: its counts cannot be placed in one area.
    """
    units = itl3_units()
    by_lau1 = units.set_index("lau1_code")["itl3_code"]
    by_lad23 = units.groupby("lad23_code")["itl3_code"].agg(lambda s: sorted(set(s)))
    out = {}
    for code in codes:
        if code in by_lau1.index:
            out[code] = by_lau1[code]
        elif code in by_lad23.index and len(by_lad23[code]) == 1:
            out[code] = by_lad23[code][0]
        elif code in by_lad23.index:
            raise DataError(entry("lad23_itl_lookup").path,
                            f"district {code} straddles ITL3 areas {by_lad23[code]}; aggregate its parts instead")
        else:
            raise DataError(entry("lad23_itl_lookup").path, f"district {code} is in no ITL3 area of the lookup")
    return pd.Series(out, name="itl3_code", dtype=str)
