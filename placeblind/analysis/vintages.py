"""The BRES district vintages of a build, one registry: the bundle's
(:data:`placeblind.data.bres.DISTRICT_VINTAGES`) and any year fetched from Nomis
into ``DATA_DIR/nomis`` (``python -m placeblind fetch``), each a
:class:`~placeblind.data.bres.DistrictVintage` that says what it holds (counts
or published shares) and how to read it.

Everything that loops over vintages asks :func:`available_vintages`, and
everything that reads one asks :func:`district_vintage` and takes one path per
kind (:func:`district_counts`, :func:`reference_counts`), so a new year, bundled
or fetched, flows into the exported tables without further change, and a build
without fetched files has exactly the bundle's vintages.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from ..data.bres import BUNDLED_VINTAGES, COUNTS, DISTRICT_VINTAGES, SHARES, DistrictVintage, broad_group_base
from ..data.district_codes import change_of, sources_of
from ..data.geography import GREAT_BRITAIN
from ..data.nomis import fetched_district_vintages, nomis_district_counts
from ..data.study import Study, carry_counts, paper_study
from ..measures import location_quotient_from_shares

# The vintages of the data bundle (the data layer's one list of them).
VINTAGES = BUNDLED_VINTAGES


# The paper's own BRES year (Nurse and Sykes used BRES 2018), which the bundle
# does not hold at district level: the claims are graded on the bundled vintages
# on either side of it, or on it when it is fetched.
PAPER_VINTAGE = 2018


def _bracket(years: tuple[int, ...], year: int) -> tuple[int, int]:
    before, after = [y for y in years if y < year], [y for y in years if y > year]
    if not before or not after:
        raise ValueError(f"the bundled vintages {years} do not bracket the paper's {year}")
    return max(before), min(after)


# The bundled vintages nearest the paper's year on either side (2017 and 2019),
# and their mean, a derived vintage the claims are graded on (issue 17): the
# book's own calibration (analysis.vintage_noise) finds year-to-year moves to be
# noise around a stable value, so the best estimate of the paper's 2018 is the
# mean of the two values. It is served by the functions that build the study
# measures (each value the mean of the two vintages' values), never listed among
# the available vintages, so no exported table gains rows from it.
MEAN_OF = _bracket(VINTAGES, PAPER_VINTAGE)
MEAN_VINTAGE = f"the {MEAN_OF[0]}-{MEAN_OF[1]} mean"


# The vintage a single-vintage reading uses: the earlier of the two (counts).
PRIMARY_VINTAGE = MEAN_OF[0]


VINTAGE_LABELS = {year: vintage.label for year, vintage in DISTRICT_VINTAGES.items()}


BASES = ("GB", "England")


def district_vintages() -> dict[int, DistrictVintage]:
    """The registry: every vintage of this build by year, oldest first. A fetched
    year the bundle lists is left to ``check-official`` (the bundled file stays
    the book's)."""
    registry = {**fetched_district_vintages(), **DISTRICT_VINTAGES}
    return dict(sorted(registry.items()))


def district_vintage(year: int) -> DistrictVintage:
    """The registry's entry for ``year``, or a year one of its files also holds
    (``other_years``: served, not listed); any other year is an error naming it."""
    registry = district_vintages()
    if year in registry:
        return registry[year]
    for vintage in registry.values():
        if year in vintage.other_years:
            return vintage.at(year)
    also = sorted(y for v in registry.values() for y in v.other_years if y not in registry)
    raise ValueError(f"no BRES district vintage {year!r}: this build has {tuple(registry)}"
                     + (f" (and {', '.join(map(str, also))} from the same files)" if also else ""))


def fetched_vintages() -> tuple[int, ...]:
    """The vintages fetched from Nomis that this build uses; empty when nothing was fetched."""
    return tuple(year for year, vintage in district_vintages().items() if vintage.fetched_file)


def available_vintages() -> tuple[int, ...]:
    """The BRES vintages of this build, oldest first: the bundle's and every fetched year."""
    return tuple(district_vintages())


def by_kind(phrases: dict[str, str], years: tuple[int, ...] | None = None) -> list[tuple[int, str]]:
    """Each of ``years`` (:data:`MEAN_OF` unless given) with the phrase
    ``phrases`` gives for what it holds (:data:`COUNTS` or :data:`SHARES`), for
    a sentence that says how each vintage is read ("2017 pools each authority's
    districts; 2019 ... the median district"). A bundled year is looked up in
    the bundle's list, so a module may call this when it is loaded."""
    years = MEAN_OF if years is None else years
    return [(y, phrases[(DISTRICT_VINTAGES[y] if y in DISTRICT_VINTAGES else district_vintage(y)).kind])
            for y in years]


def vintage_label(vintage: int | str) -> str:
    """What a vintage measures, in words."""
    if vintage == MEAN_VINTAGE:
        return f"BRES {MEAN_OF[0]} and {MEAN_OF[1]}, the mean of the two vintages' values"
    return district_vintage(vintage).label


def check_vintage(vintage: int) -> None:
    """A listed vintage of this build, or a ValueError naming the year and the vintages there are."""
    available = available_vintages()
    if vintage not in available:
        raise ValueError(f"vintage must be one of {available}, not {vintage!r}")


def read_vintage(vintage: DistrictVintage) -> pd.DataFrame:
    """An entry's tidy frame (:class:`~placeblind.data.bres.DistrictVintage`): its
    reader's, or, without one, the layout the fetch writes, bundled or fetched."""
    return vintage.reader(vintage) if vintage.reader is not None else nomis_district_counts(vintage)


def count_cells(vintage: int) -> pd.DataFrame:
    """A counts vintage's finest published cells (``code``, ``sector``, ``count``;
    no Great Britain row): the entry's ``cells``, or its broad-group counts."""
    entry = district_vintage(vintage)
    if entry.cells is None or entry.kind != COUNTS:
        return district_counts(vintage)  # a shares vintage: the error of district_counts
    return entry.cells(entry)


def district_counts(vintage: int) -> pd.DataFrame:
    """A counts vintage's districts: ``code``, ``name``, ``sector``, ``count``
    (the file's district codes; no Great Britain row)."""
    counts = _counts(district_vintage(vintage))
    return counts[counts["code"] != GREAT_BRITAIN].reset_index(drop=True)


def _counts(vintage: DistrictVintage) -> pd.DataFrame:
    if vintage.kind != COUNTS:
        raise ValueError(f"BRES {vintage.year} publishes {vintage.kind}, not counts by district")
    return read_vintage(vintage)


def reference_counts(vintage: int, base: str = "GB") -> pd.Series:
    """Jobs by broad group (index: sector names) in the reference area, ``GB`` or
    ``England``. Counts: the file's Great Britain row when it has one, else the
    sum of its districts; for England the sum of the English districts. Shares:
    BRES employees by SIC section of the same year (:func:`broad_group_base`)."""
    if base not in BASES:
        raise ValueError(f"base must be one of {BASES}, not {base!r}")
    entry = district_vintage(vintage)
    if entry.kind == SHARES:
        totals = broad_group_base(entry.year, base).set_index("sector")["employees"]
    else:
        counts = _counts(entry)
        published = counts[counts["code"] == GREAT_BRITAIN]
        districts = counts[counts["code"] != GREAT_BRITAIN]
        if base == "England":
            chosen = districts[districts["code"].str.startswith("E")]
        else:
            chosen = published if not published.empty else districts
        totals = chosen.groupby("sector", observed=True)["count"].sum()
    totals.index = totals.index.astype(str)
    return totals


def counts_exclusions(study: Study, vintage: int) -> dict[str, str]:
    """The districts of ``study`` a counts vintage cannot provide, with the reason:
    those that merged into a district the file counts as one (a file on newer
    codes than the study's), since counts cannot be split. Any other district
    the file lacks is left to :func:`study_counts` to report as a data error."""
    available = set(district_counts(vintage)["code"].tolist())
    out = {}
    for code in study.codes:
        try:
            sources_of(code, available)
        except LookupError:
            change = change_of(code)
            if change is not None and change.kind != "recode" and _sources_or_none(change.new, available):
                out[code] = (f"BRES {vintage} counts {change.new} ({change.name}), which {code} became part of in "
                             f"{change.year}; counts cannot be split, so {vintage} is left out")
    return out


def _sources_or_none(code: str, available: set[str]) -> tuple[str, ...] | None:
    try:
        return sources_of(code, available)
    except LookupError:
        return None


def study_counts(study: Study, vintage: int) -> pd.DataFrame:
    """A counts vintage's jobs by broad group for each district of ``study`` it
    can provide (:func:`counts_exclusions`; counts carried to the study's codes,
    merged districts summed): ``code``, ``sector``, ``count``, in study order."""
    counts = district_counts(vintage)[["code", "sector", "count"]]
    excluded = counts_exclusions(study, vintage)
    if excluded:
        keep = [i for i, code in enumerate(study.codes) if code not in excluded]
        study = dataclasses.replace(study, **{field: tuple(getattr(study, field)[i] for i in keep)
                                              for field in ("codes", "names", "authorities", "authority_codes")})
    return carry_counts(counts, study, ["count"], district_vintage(vintage).path, by=["sector"])


def pooled_lq(vintage: int, sector: str, study: Study | None = None) -> float:
    """LQ of a study's districts taken together (counts summed; the paper's 37 by
    default), GB base, for a counts vintage."""
    counts = study_counts(study or paper_study(), vintage)
    by_sector = counts.groupby("sector", observed=True)["count"].sum()
    by_sector.index = by_sector.index.astype(str)
    reference = reference_counts(vintage, "GB")
    return float(location_quotient_from_shares(by_sector[sector] / by_sector.sum(),
                                               reference[sector] / reference.sum()))
