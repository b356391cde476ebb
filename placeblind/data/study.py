"""The places a study covers: which districts (by code), how they group into
authorities, and the vintages and reference area it uses.

The paper's study is one instance (the districts of the original mayoral
combined authorities, 2017 membership; :func:`paper_study_size` counts them). Others are built from the ONS
district-to-combined-authority lookups (2023, 2024, 2025) by authority name or
code, or from a plain list of district codes. Everything downstream takes a
:class:`Study`, so any of them runs through the same code.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields, replace

import pandas as pd

from ..cache import cached
from ..errors import DataError, SettingsError
from ..text import number_word
from . import district_codes
from .bres import BUNDLED_VINTAGES, district_division_employment
from .catalogue import entry
from .geography import itl_lookup, study_districts
from .readers import read_catalogued_csv, require_unique

LOOKUPS = {2023: "lad23_cauth_lookup", 2024: "lad24_cauth_lookup", 2025: "lad25_cauth_lookup"}
LOOKUP_LABELS = {2023: "April 2023", 2024: "May 2024", 2025: "May 2025"}
CENSUS_YEARS = (2011, 2021)


class StudyError(SettingsError):
    """A study names a place that does not exist (one line, with the nearest valid names)."""


@dataclass(frozen=True)
class Study:
    """Districts (``codes``, with ``names``, ``authorities`` and ``authority_codes``
    in the same order), the year of their codes, and what to measure them with."""

    label: str
    codes: tuple[str, ...]
    names: tuple[str, ...]
    authorities: tuple[str, ...]
    authority_codes: tuple[str, ...]
    code_year: int
    census_years: tuple[int, ...] = CENSUS_YEARS
    bres_vintages: tuple[int, ...] = BUNDLED_VINTAGES
    reference: str = "GB"
    description: str = field(default="", compare=False)

    def __post_init__(self):
        lengths = {len(self.codes), len(self.names), len(self.authorities), len(self.authority_codes)}
        if len(lengths) != 1:
            raise ValueError("codes, names and authorities must have the same length")
        if not self.codes:
            raise StudyError("a study needs at least one district")
        repeated = sorted({c for c in self.codes if self.codes.count(c) > 1})
        if repeated:
            raise StudyError(f"district(s) named twice: {', '.join(repeated)}")

    def cache_key(self) -> tuple:
        """What a cached result of this study depends on (:mod:`placeblind.cache`):
        every compared field (the description is words about them)."""
        return tuple(getattr(self, f.name) for f in fields(self) if f.compare)

    def frame(self) -> pd.DataFrame:
        """``code``, ``name``, ``authority``, ``authority_code``: one row per district, in study order."""
        return pd.DataFrame({"code": self.codes, "name": self.names, "authority": self.authorities,
                             "authority_code": self.authority_codes})


def study_size(study: Study) -> tuple[int, int]:
    """How many districts ``study`` has and how many combined authorities they
    belong to (districts outside any authority not counted as one)."""
    return len(study.codes), len({c for c in study.authority_codes if c})


@cached(maxsize=1, variants=False)
def paper_study() -> Study:
    """The paper's districts of the original mayoral combined authorities (2017
    membership); the description counts them from the data."""
    districts = study_districts()
    study = Study("paper", *(tuple(districts[c]) for c in ("code", "name", "authority", "authority_code")),
                  code_year=2023)
    n_districts, n_authorities = study_size(study)
    return replace(study, description=f"the {n_districts} districts of the {number_word(n_authorities)} original "
                                      "mayoral combined authorities")


def paper_study_size() -> tuple[int, int]:
    """The paper's study in numbers: (districts, combined authorities), counted
    from :func:`paper_study`. Every text that states either count takes it from
    here (never typed by hand), so a study with a district less says so."""
    return study_size(paper_study())


def paper_districts_label() -> str:
    """"the paper's 37 districts", the count from :func:`paper_study_size` (the
    label of the paper's districts as a sample, in tables and figures)."""
    return f"the paper's {paper_study_size()[0]} districts"


@cached(maxsize=3, variants=False)
def authority_lookup(year: int) -> pd.DataFrame:
    """The ONS district-to-combined-authority lookup of ``year``: ``code``, ``name``,
    ``authority_code``, ``authority`` (codes of that year)."""
    if year not in LOOKUPS:
        raise StudyError(f"no combined-authority lookup for {year}; choose one of {sorted(LOOKUPS)}")
    file_id = LOOKUPS[year]
    yy = year % 100
    columns = [f"LAD{yy}CD", f"LAD{yy}NM", f"CAUTH{yy}CD", f"CAUTH{yy}NM"]
    frame = read_catalogued_csv(file_id, columns)
    require_unique(frame, [f"LAD{yy}CD"], entry(file_id).path)
    return frame[columns].set_axis(["code", "name", "authority_code", "authority"], axis=1)


def _nearest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.5) or \
        difflib.get_close_matches(word.lower(), [c.lower() for c in choices], n=3, cutoff=0.5)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def study_from_authorities(names_or_codes: list[str], lookup_year: int = 2025) -> Study:
    """Every district of the named combined authorities (names or E47 codes, any
    case), as the ONS lookup of ``lookup_year`` has them."""
    lookup = authority_lookup(lookup_year)
    authorities = lookup.drop_duplicates("authority_code")
    by_key = {**{n.casefold(): c for n, c in zip(authorities["authority"], authorities["authority_code"])},
              **{c.casefold(): c for c in authorities["authority_code"]}}
    chosen = []
    for given in names_or_codes:
        code = by_key.get(given.strip().casefold())
        if code is None:
            valid = list(authorities["authority"])
            raise StudyError(f"no combined authority {given!r} in the {LOOKUP_LABELS[lookup_year]} lookup"
                             f"{_nearest(given, valid)} (valid: {', '.join(valid)})")
        if code not in chosen:
            chosen.append(code)
    members = pd.concat([lookup[lookup["authority_code"] == c] for c in chosen], ignore_index=True)
    names = ", ".join(authorities.set_index("authority_code").loc[chosen, "authority"])
    return Study(names, *(tuple(members[c]) for c in ("code", "name", "authority", "authority_code")),
                 code_year=lookup_year, description=f"{names} ({LOOKUP_LABELS[lookup_year]} membership)")


@cached(maxsize=1, variants=False)
def known_districts() -> pd.DataFrame:
    """Every district code the data know, with its one name: columns ``code``, ``name``.

    The one source of district names for the whole book (one spelling per
    code): the ONS name in the newest ONS lookup that lists the code (the
    combined-authority lookups of 2025, 2024 and 2023, then the April 2023
    district-to-ITL lookup, which covers the whole UK); for a code retired
    before April 2023, the 2021 Census's name, then the 2016-coded BRES file's.
    So Hull is "Kingston upon Hull, City of" everywhere, as ONS names it.
    """
    file_id = "census2021_ts067"
    census = read_catalogued_csv(file_id, ["Lower Tier Local Authorities Code", "Lower Tier Local Authorities"])
    frames = [authority_lookup(y)[["code", "name"]] for y in sorted(LOOKUPS, reverse=True)]
    frames.append(_itl_lookup_names())
    frames.append(pd.DataFrame([(c.new, c.name) for c in district_codes.CODE_CHANGES], columns=["code", "name"]))
    frames.append(census.iloc[:, :2].set_axis(["code", "name"], axis=1))
    frames.append(_retired_names())
    return pd.concat(frames, ignore_index=True).drop_duplicates("code").reset_index(drop=True)


def district_names() -> pd.Series:
    """:func:`known_districts` as a Series: code -> the book's name for it."""
    return known_districts().set_index("code")["name"]


def _itl_lookup_names() -> pd.DataFrame:
    """The April 2023 districts of the whole UK, with their ONS names."""
    return itl_lookup()[["LAD23CD", "LAD23NM"]].drop_duplicates("LAD23CD").set_axis(["code", "name"], axis=1)


def _retired_names() -> pd.DataFrame:
    """Names of districts that merged before 2021, from the 2016-coded BRES file."""
    cells = district_division_employment()
    return cells[["code", "name"]].drop_duplicates("code")


def study_from_districts(codes: list[str], lookup_year: int = 2025) -> Study:
    """A study of the given district codes (of any vintage the data know); each
    district's authority is its combined authority in the ``lookup_year`` lookup, if any."""
    known = known_districts().set_index("code")["name"]
    lookup = authority_lookup(lookup_year).set_index("code")
    codes = [c.strip().upper() for c in codes if c.strip()]
    for code in codes:
        if code not in known.index:
            raise StudyError(f"unknown district code {code!r}{_nearest(code, list(known.index))}")
    authorities = [lookup.loc[c, "authority"] if c in lookup.index else "" for c in codes]
    authority_codes = [lookup.loc[c, "authority_code"] if c in lookup.index else "" for c in codes]
    years = [_code_year(c) for c in codes]
    return Study("selected districts", tuple(codes), tuple(known[c] for c in codes), tuple(authorities),
                 tuple(authority_codes), code_year=max(years), description=f"{len(codes)} selected districts")


def _code_year(code: str) -> int:
    """A year in which ``code`` was in force (the year it was created, or 2021)."""
    for change in district_codes.CODE_CHANGES:
        if change.new == code:
            return change.year
    return 2021 if district_codes.change_of(code) is None else district_codes.change_of(code).year - 1


def source_codes(study: Study, available: set[str], file: str) -> dict[str, tuple[str, ...]]:
    """For each study district, the codes of a source that make it up; a district
    the source cannot provide stops with a :class:`DataError` naming it."""
    out = {}
    for code, name in zip(study.codes, study.names):
        try:
            out[code] = district_codes.sources_of(code, available)
        except LookupError as exc:
            raise DataError(file, f"no data for {name} ({exc})") from None
    return out


def carry_counts(frame: pd.DataFrame, study: Study, counts: list[str], file: str,
                 by: list[str] | None = None) -> pd.DataFrame:
    """Counts of a source carried to the study's districts: each district's rows
    are the sums of the rows of the source codes that make it up.

    ``frame`` has a ``code`` column, the ``counts`` columns and optionally
    further keys ``by`` (such as ``sector``). Returns those columns with
    ``code`` = the study's codes, in study order.
    """
    by = by or []
    # (``tolist``: iterating a text column itself costs about a microsecond a cell)
    parts = source_codes(study, set(frame["code"].tolist()), file)
    mapping = {part: code for code, members in parts.items() for part in members}
    chosen = frame[frame["code"].isin(mapping)].assign(code=lambda f: f["code"].map(mapping))
    summed = chosen.groupby(["code", *by], sort=False, observed=True)[counts].sum().reset_index()
    order = {code: i for i, code in enumerate(study.codes)}
    return summed.sort_values("code", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


@cached(maxsize=2, variants=False)
def england_and_wales_study(lookup_year: int = 2025) -> Study:
    """Every district of the 2021 Census (England and Wales, 2021 codes), each with
    its combined authority in the ``lookup_year`` lookup (empty where it has none;
    a district whose code changed since 2021 is placed by its later code)."""
    file_id = "census2021_ts067"
    census = read_catalogued_csv(file_id, ["Lower Tier Local Authorities Code", "Lower Tier Local Authorities"])
    districts = census.iloc[:, :2].set_axis(["code", "name"], axis=1).drop_duplicates("code")
    districts["name"] = districts["code"].map(district_names())  # the book's one spelling
    lookup = authority_lookup(lookup_year).set_index("code")
    later = [district_codes.code_in(code, lookup_year) for code in districts["code"]]
    authorities = tuple(lookup.loc[c, "authority"] if c in lookup.index else "" for c in later)
    authority_codes = tuple(lookup.loc[c, "authority_code"] if c in lookup.index else "" for c in later)
    return Study("England and Wales", tuple(districts["code"]), tuple(districts["name"]), authorities,
                 authority_codes, code_year=2021,
                 description=f"every district of England and Wales ({LOOKUP_LABELS[lookup_year]} authorities)")


def study_from(authorities: list[str] | None = None, districts: list[str] | None = None,
               lookup_year: int = 2025) -> Study:
    """A study of the named authorities' districts and of the listed district codes, together."""
    parts = []
    if authorities:
        parts.append(study_from_authorities(authorities, lookup_year))
    if districts:
        parts.append(study_from_districts(districts, lookup_year))
    if not parts:
        raise StudyError("name at least one authority or district")
    if len(parts) == 1:
        return parts[0]
    first, second = parts
    extra = [i for i, code in enumerate(second.codes) if code not in first.codes]
    pick = lambda values: tuple(values[i] for i in extra)  # noqa: E731
    return Study(f"{first.label} and {len(extra)} more districts", first.codes + pick(second.codes),
                 first.names + pick(second.names), first.authorities + pick(second.authorities),
                 first.authority_codes + pick(second.authority_codes),
                 code_year=max(first.code_year, second.code_year),
                 description=f"{first.description} and {len(extra)} selected districts")
