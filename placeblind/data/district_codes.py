"""District code changes, in one place: which ONS code a district has in a given
year, and the aggregation of counts from one vintage of codes to another.

The sources use different vintages of district codes (2011 Census: 2020 codes;
BRES 2017: 2016 codes; BRES 2019 and Census 2021: 2021 codes; the
combined-authority lookups: 2023, 2024 and 2025 codes). A study names its
districts by the codes of one vintage; every source is carried to those codes
here. Counts are summed over the districts that merged into a study district;
a measure that cannot be summed (a published percentage) is carried only where
a district's code changed without a merge.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodeChange:
    """Districts ``old`` became district ``new`` (``name``) in April of ``year``.

    ``merge``: several districts became one (counts add up exactly).
    ``recode``: one district took a new code, here after a small boundary
    change (the statistics of the old code stand for the new one).
    """

    new: str
    name: str
    year: int
    kind: str
    old: tuple[str, ...]


# ONS code changes between the 2016 codes and the May 2025 lookup (data README;
# ONS Code History Database). Order: by year.
CODE_CHANGES: tuple[CodeChange, ...] = (
    # Scotland: boundary changes gave four council areas new codes (2021-coded BRES has them).
    CodeChange("S12000047", "Fife", 2018, "recode", ("S12000015",)),
    CodeChange("S12000048", "Perth and Kinross", 2018, "recode", ("S12000024",)),
    CodeChange("S12000049", "Glasgow City", 2019, "recode", ("S12000046",)),
    CodeChange("S12000050", "North Lanarkshire", 2019, "recode", ("S12000044",)),
    CodeChange("E06000058", "Bournemouth, Christchurch and Poole", 2019, "merge",
               ("E06000028", "E06000029", "E07000048")),
    CodeChange("E06000059", "Dorset", 2019, "merge",
               ("E07000049", "E07000050", "E07000051", "E07000052", "E07000053")),
    CodeChange("E07000244", "East Suffolk", 2019, "merge", ("E07000205", "E07000206")),
    CodeChange("E07000245", "West Suffolk", 2019, "merge", ("E07000201", "E07000204")),
    CodeChange("E07000246", "Somerset West and Taunton", 2019, "merge", ("E07000190", "E07000191")),
    CodeChange("E06000060", "Buckinghamshire", 2020, "merge", ("E07000004", "E07000005", "E07000006", "E07000007")),
    CodeChange("E06000061", "North Northamptonshire", 2021, "merge",
               ("E07000150", "E07000152", "E07000153", "E07000156")),
    CodeChange("E06000062", "West Northamptonshire", 2021, "merge", ("E07000151", "E07000154", "E07000155")),
    CodeChange("E06000063", "Cumberland", 2023, "merge", ("E07000026", "E07000028", "E07000029")),
    CodeChange("E06000064", "Westmorland and Furness", 2023, "merge", ("E07000027", "E07000030", "E07000031")),
    CodeChange("E06000065", "North Yorkshire", 2023, "merge",
               ("E07000163", "E07000164", "E07000165", "E07000166", "E07000167", "E07000168", "E07000169")),
    CodeChange("E06000066", "Somerset", 2023, "merge", ("E07000187", "E07000188", "E07000189", "E07000246")),
    CodeChange("E08000038", "Barnsley", 2025, "recode", ("E08000016",)),
    CodeChange("E08000039", "Sheffield", 2025, "recode", ("E08000019",)),
)

# The year of the district codes each source uses (the year the codes were in force).
SOURCE_CODE_YEARS: dict[str, int] = {
    "census2011": 2020, "bres2017": 2016, "bres2019": 2021, "census2021": 2021,
    "lookup2023": 2023, "lookup2024": 2024, "lookup2025": 2025,
}


def _successors() -> dict[str, CodeChange]:
    out = {}
    for change in CODE_CHANGES:
        for old in change.old:
            if old in out:
                raise ValueError(f"{old} is given two successors")
            out[old] = change
    return out


_SUCCESSORS = _successors()  # a table of this module, built once at import (no data behind it)


def change_of(code: str) -> CodeChange | None:
    """The change that ended ``code``, or None if it is still in use."""
    return _SUCCESSORS.get(code)


def code_in(code: str, year: int) -> str:
    """The code that ``code``'s district has (or is part of) in April of ``year``."""
    change = change_of(code)
    while change is not None and change.year <= year:
        code = change.new
        change = change_of(code)
    return code


def predecessors(code: str) -> set[str]:
    """Every earlier code whose district became (part of) ``code``, through any
    number of changes (Somerset: Somerset West and Taunton and its two parts too)."""
    found: set[str] = set()
    frontier = [code]
    while frontier:
        current = frontier.pop()
        for change in CODE_CHANGES:
            if change.new == current:
                for old in change.old:
                    if old not in found:
                        found.add(old)
                        frontier.append(old)
    return found


def sources_of(code: str, available: set[str]) -> tuple[str, ...]:
    """The codes of a source (``available``) that make up district ``code``.

    Either the code itself, or the earlier codes that became it. Raises
    ``LookupError`` when the source has no data for the district: its code is
    newer than the source, or the source's codes are newer than the district.
    """
    if code in available:
        return (code,)
    parts = sorted(predecessors(code) & available)
    # A part that is itself made of listed parts would be counted twice.
    if parts and any(p in predecessors(q) for p in parts for q in parts):
        raise LookupError(f"{code}: the source lists a district and its own parts")
    # Parts that leave some of the district out would be summed into too small a count.
    missing = _uncovered(code, available)
    if parts and missing:
        raise LookupError(f"{code}: the source lists {', '.join(parts)} but not {', '.join(missing)}, which "
                          "became part of it too")
    if parts:
        return tuple(parts)
    change = change_of(code)
    if change is not None:
        raise LookupError(f"{code} became part of {change.new} ({change.name}) in {change.year}")
    raise LookupError(f"{code} is not in the source")


def _uncovered(code: str, available: set[str]) -> list[str]:
    """The earliest codes of ``code``'s district that neither the source lists
    nor any listed code stands for (empty when the listed codes make it up whole)."""
    if code in available:
        return []
    made_of = [change for change in CODE_CHANGES if change.new == code]
    if not made_of:
        return [code]
    return sorted(part for change in made_of for old in change.old for part in _uncovered(old, available))


def is_exact_for_shares(parts: tuple[str, ...], code: str) -> bool:
    """Whether a published share of ``parts`` stands for ``code``: only when one
    district's code changed (no merge), so nothing needs adding up."""
    return len(parts) == 1 and (parts[0] == code or change_of(parts[0]).kind == "recode")
