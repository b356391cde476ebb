"""Table 4 of the paper: the fit of each key sector's share of employment on an
education share (2011 Census), across the study districts and across every
district of England and Wales.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cache import cached
from ..data.census import qualifications_2011, with_percentages
from ..data.district_codes import SOURCE_CODE_YEARS, code_in
from ..data.geography import ENGLAND_AND_WALES
from ..data.sectors import DIGITAL, KEY_SECTOR_NAMES, MANUFACTURING, PROFESSIONAL
from ..data.study import Study, paper_study
from ..errors import DataError
from ..measures import CORRELATION_MARGIN, education_sector_fit, least_squares, shares
from .attainment import census_for_study
from .sector_measures import wide
from .shares_2019 import district_shares, varies_with_shares
from .vintages import (
    COUNTS, PRIMARY_VINTAGE, VINTAGES, available_vintages, check_vintage, district_counts, district_vintage)

# The district codes of the 2011 Census file (2020 codes).
CENSUS_CODE_YEAR = SOURCE_CODE_YEARS["census2011"]

EDUCATION_MEASURES = {"level4_plus": "pct_level4_plus", "no_qualifications": "pct_no_qualifications"}


EDUCATION_LABELS = {"level4_plus": "Level 4+", "no_qualifications": "No qualifications"}


SAMPLES = ("study_districts", "all_districts")


# Sectors the paper finds (nearly) unrelated to education.
WEAK_SECTORS = ("Health", "Retail", "Business administration & support", "Public administration & defence")


# How the book words a fit's r² (written once: the findings test these and print them, and the paper's
# "modest" (claims.paper_fits.P38) reads the same band). A sector's share tracks education closely
# from CLOSE_FIT_R2 up; "modest" is r² from the first bound up to (not including) the second.
CLOSE_FIT_R2 = 0.5
MODEST_FIT_R2 = (0.1, CLOSE_FIT_R2)
# "Almost none": r² below this (business administration's fits; the paper's P40 read strictly).
NO_FIT_R2 = 0.05
# The r² the paper gives health and education (claims.paper_fits.P41's published value), which
# the book's own finding reads against too.
HEALTH_EDUCATION_R2 = 0.25
# The scatter's reading: a steep rise is r above STEEP_R; a weak sector's r² is below WEAK_R2;
# a mirror image is |r| within MIRROR_R of the other measure's r.
STEEP_R = 0.6
WEAK_R2 = 0.2
MIRROR_R = 0.1


def _census_2011(code_year: int | None = None) -> pd.DataFrame:
    """2011 QS501EW counts by district (no national row), optionally carried to
    the district codes of ``code_year`` (merged districts summed), with
    percentages recomputed from the sums."""
    census = qualifications_2011()
    census = census[census["code"] != ENGLAND_AND_WALES]
    counts = census[["code", "all_16plus", "no_qualifications", "level4_plus"]].copy()
    if code_year is not None:
        counts["code"] = counts["code"].map(lambda code: code_in(code, code_year))
        counts = counts.groupby("code", as_index=False).sum()
    return with_percentages(counts, keys=list(EDUCATION_MEASURES))


def _join(bres: pd.DataFrame, census: pd.DataFrame, vintage: int, file: str) -> tuple[pd.DataFrame, dict]:
    """Inner-join district shares to the census on code; report and check the join."""
    bres_codes, census_codes = set(bres["code"].tolist()), set(census["code"].tolist())
    report = {"vintage": vintage, "n_bres": len(bres_codes), "n_census": len(census_codes),
              "n_joined": len(bres_codes & census_codes),
              "bres_unjoined": ", ".join(sorted(bres_codes - census_codes)),
              "census_unjoined": ", ".join(sorted(census_codes - bres_codes))}
    lost = [c for c in paper_study().codes if c not in bres_codes & census_codes]
    if lost:
        raise DataError(file, f"study district(s) {lost} do not join the 2011 Census in {vintage}")
    joined = bres.merge(census, on="code", how="inner", validate="many_to_one")
    return joined, report


def ew_districts(vintage: int) -> tuple[pd.DataFrame, dict]:
    """Every district in England and Wales with its sector shares for ``vintage``
    and its 2011 education shares, on common codes.

    A counts vintage: both sides carried to the later of the file's district
    codes and the census's (2017: BRES 2016 codes to the census's 2020 codes; a
    fetched year: both to 2023 codes) and counts summed over merged districts
    before shares and percentages are taken. A shares vintage: the published
    shares cannot be summed, so the census is carried to the file's codes (2019:
    2021 codes, Northamptonshire) and its counts summed before percentages are
    taken; the shares are rescaled to 100 in each district as for the study
    (:mod:`.shares_2019`, :mod:`placeblind.data.district_codes`). Scotland has
    no census here and is left out.

    Returns the joined frame (``code``, ``sector``, ``share_pct``,
    ``all_16plus``, ``no_qualifications``, ``level4_plus``,
    ``pct_no_qualifications``, ``pct_level4_plus``) and a join report
    (``n_bres``, ``n_census``, ``n_joined``, and the codes that failed to join).
    """
    check_vintage(vintage)
    entry = district_vintage(vintage)
    if entry.kind == COUNTS:
        code_year = max(entry.code_year, CENSUS_CODE_YEAR)
        table = district_counts(vintage)
        table = table[table["code"].str[0].isin(["E", "W"])].copy()
        table["code"] = table["code"].map(lambda code: code_in(code, code_year))
        table["sector"] = table["sector"].astype(str)
        table = table.groupby(["code", "sector"], as_index=False)["count"].sum()
        table["share_pct"] = shares(table, value="count")
        bres = table[["code", "sector", "share_pct"]]
    else:
        code_year = entry.code_year
        table = district_shares(vintage)
        table = table[table["code"].str[0].isin(["E", "W"])]
        bres = table[["code", "sector", "share_pct"]].assign(sector=lambda f: f["sector"].astype(str))
    census = _census_2011(None if code_year == CENSUS_CODE_YEAR else code_year)
    return _join(bres, census, vintage, entry.path)


def join_report() -> pd.DataFrame:
    """One row per vintage: districts in BRES (England and Wales), in the census,
    joined, and any codes that did not join."""
    return pd.DataFrame([ew_districts(v)[1] for v in VINTAGES])


def _fit_inputs(sample: str, vintage: int) -> pd.DataFrame:
    """Wide frame (one row per district) of key-sector shares and education shares."""
    if sample == "study_districts":
        shares_wide = wide(vintage, "share_pct", sectors=KEY_SECTOR_NAMES)
        census = _census_2011().set_index("code")
        frame = shares_wide.join(census[list(EDUCATION_MEASURES.values())], how="left")
    elif sample == "all_districts":
        joined, _ = ew_districts(vintage)
        frame = joined.pivot(index="code", columns="sector", values="share_pct")[KEY_SECTOR_NAMES]
        frame = frame.join(joined.drop_duplicates("code").set_index("code")[list(EDUCATION_MEASURES.values())])
    else:
        raise ValueError(f"sample must be one of {SAMPLES}, not {sample!r}")
    return frame


def study_fit_inputs(study: Study, vintage: int, census: int = 2011) -> pd.DataFrame:
    """One row per district of ``study`` with a share in ``vintage`` (index
    ``code``): ``name``, ``authority``, key-sector shares (per cent) and the
    education shares of ``census``, counts carried to the study's districts."""
    shares_wide = wide(vintage, "share_pct", sectors=KEY_SECTOR_NAMES, study=study)
    education = census_for_study(census, study).set_index("code")
    return shares_wide.join(education[list(EDUCATION_MEASURES.values())], how="left")


def study_fits(study: Study) -> pd.DataFrame:
    """:func:`education_sector_fits` for any study: ``sample`` = ``selected_districts``,
    one row per census year of the study, vintage, key sector and education
    measure (no row for a vintage with fewer than three districts, where no line
    can be fitted). Columns: :data:`CENSUS_FIT_COLUMNS`."""
    rows = []
    for census in study.census_years:
        for vintage in study.bres_vintages:
            frame = study_fit_inputs(study, vintage, census)
            if len(frame) < 3:
                continue
            rows += [{"census": census, **row} for row in fit_rows(frame, "selected_districts", vintage)]
    return pd.DataFrame(rows, columns=CENSUS_FIT_COLUMNS)


def fit_inputs(sample: str, vintage: int) -> pd.DataFrame:
    """Public form of the fit inputs: one row per district with ``code``, key-sector
    shares (per cent) and ``pct_level4_plus``, ``pct_no_qualifications``."""
    return _fit_inputs(sample, vintage).reset_index()


@cached(disk=True, maxsize=1)
def education_sector_fits() -> pd.DataFrame:
    """OLS of each key sector's share of employment on an education share,
    across districts (Table 4).

    Columns: ``sample`` (``study_districts``, ``all_districts`` = England and
    Wales), ``vintage``, ``sector``, ``education`` (``no_qualifications``,
    ``level4_plus``), ``n``, ``r``, ``r2``, ``slope`` (percentage points of
    employment per percentage point of residents), ``p_value`` (slope,
    two-sided), ``r2_ci_low``, ``r2_ci_high`` (95%, from the interval for r:
    :func:`placeblind.measures.fits.r2_interval_from_r`), ``r_ci_low``,
    ``r_ci_high`` (percentile bootstrap 95%), ``p_value_hc3`` (slope, HC3 errors).
    """
    rows = []
    for sample in SAMPLES:
        for vintage in available_vintages():
            rows += _sample_fit_rows(vintage, sample)
    return pd.DataFrame(rows, columns=FIT_COLUMNS)


@cached(maxsize=16, variants=varies_with_shares)  # a method variant refits only the vintages it changes
def _sample_fit_rows(vintage: int, sample: str) -> list[dict]:
    return fit_rows(_fit_inputs(sample, vintage), sample, vintage)


FIT_COLUMNS = ["sample", "vintage", "sector", "education", "n", "r", "r2", "slope", "p_value",
               "r2_ci_low", "r2_ci_high", "r_ci_low", "r_ci_high", "p_value_hc3"]
# The same with the census year whose education is used (2011 or 2021).
CENSUS_FIT_COLUMNS = [*FIT_COLUMNS[:2], "census", *FIT_COLUMNS[2:]]


def fit_rows(frame: pd.DataFrame, sample: str, vintage: int, sectors=KEY_SECTOR_NAMES) -> list[dict]:
    """One fit per sector (the key sectors unless given) and education measure over
    the areas in ``frame``."""
    rows = []
    for sector in sectors:
        for education, column in EDUCATION_MEASURES.items():
            fit = education_sector_fit(frame[column], frame[sector])
            rows.append({"sample": sample, "vintage": vintage, "sector": sector, "education": education,
                         "n": fit.n, "r": fit.r, "r2": fit.r2, "slope": fit.slope, "p_value": fit.p_value,
                         "r2_ci_low": fit.r2_ci_low, "r2_ci_high": fit.r2_ci_high, "r_ci_low": fit.r_ci_low,
                         "r_ci_high": fit.r_ci_high, "p_value_hc3": fit.p_value_hc3})
    return rows


def fit_lookup(fits: pd.DataFrame, sample: str, vintage: int, sector: str, education: str) -> pd.Series:
    """The one row of ``fits`` for a sample, vintage, sector and education measure."""
    hit = fits[(fits["sample"] == sample) & (fits["vintage"] == vintage) & (fits["sector"] == sector)
               & (fits["education"] == education)]
    if len(hit) != 1:
        raise KeyError(f"no single fit for {sample}, {vintage}, {sector}, {education}")
    return hit.iloc[0]


def fit_facts(fits: pd.DataFrame) -> dict:
    """Numbers the Table 4 chapter states, as plain Python values (keys name
    sample, vintage, sector and measure in short form)."""
    short = {MANUFACTURING: "manuf", DIGITAL: "digital",
             PROFESSIONAL: "prof", "Health": "health", "Education": "educ",
             "Retail": "retail", "Business administration & support": "busadmin",
             "Public administration & defence": "pubadmin"}
    facts: dict = {}
    for _, row in fits.iterrows():
        stem = ("" if row["sample"] == "study_districts" else "ew_") + \
            f"{short[row['sector']]}_{'l4' if row['education'] == 'level4_plus' else 'noq'}_{row['vintage']}"
        for column in ("r", "r2", "slope", "p_value", "r2_ci_low", "r2_ci_high", "r_ci_low", "r_ci_high"):
            facts[f"{stem}_{column}"] = float(row[column])
    for sample, prefix in (("study_districts", ""), ("all_districts", "ew_")):
        facts[f"{prefix}n"] = int(fits.loc[(fits["sample"] == sample) & (fits["vintage"] == PRIMARY_VINTAGE), "n"]
                                  .iloc[0])
    study = fits[(fits["sample"] == "study_districts") & (fits["vintage"] == PRIMARY_VINTAGE)]
    width = study["r2_ci_high"] - study["r2_ci_low"]
    facts["ci_width_min"] = float(width.min())
    facts["ci_width_max"] = float(width.max())
    facts["n_ci_includes_zero"] = int(((study["r_ci_low"] <= 0) & (study["r_ci_high"] >= 0)).sum())
    facts["n_fits_study"] = int(len(study))
    weak = study[study["sector"].isin(WEAK_SECTORS)]
    facts["weak_high_max"] = float(weak["r2_ci_high"].max())
    facts["weak_high_max_sector"] = str(weak.loc[weak["r2_ci_high"].idxmax(), "sector"])
    for sector, key in ((PROFESSIONAL, "prof"), (DIGITAL, "digital")):
        facts[f"{key}_low_min"] = float(study.loc[study["sector"] == sector, "r2_ci_low"].min())
    ew = fits[(fits["sample"] == "all_districts") & (fits["vintage"] == PRIMARY_VINTAGE)].set_index(
        ["sector", "education"])
    st = study.set_index(["sector", "education"])
    facts["n_weaker_in_ew"] = int((ew["r2"] < st["r2"]).sum())
    facts["n_same_sign_ew"] = int((np.sign(ew["r"]) == np.sign(st["r"])).sum())
    return facts


def join_facts() -> dict:
    """The all-districts joins as plain values."""
    report = join_report().set_index("vintage")
    facts = {}
    for vintage in VINTAGES:
        row = report.loc[vintage]
        facts[f"n_bres_{vintage}"] = int(row["n_bres"])
        facts[f"n_census_{vintage}"] = int(row["n_census"])
        facts[f"n_joined_{vintage}"] = int(row["n_joined"])
        unjoined = [c for c in (row["bres_unjoined"], row["census_unjoined"]) if c]
        facts[f"unjoined_{vintage}"] = "; ".join(unjoined) if unjoined else "none"
    return facts


# Districts the text asks about: does the fit rest on them?
CAMBRIDGE_DISTRICTS = ("Cambridge", "South Cambridgeshire")
LEAVE_OUTS = {"both Cambridge districts": CAMBRIDGE_DISTRICTS, "Salford": ("Salford",)}


# A fit is said to rest on some districts when leaving them out lowers r2 by
# more than this (the measures' margin for a correlation, the ledger's too).
RESTS_ON_R2 = CORRELATION_MARGIN


def leave_out_fits(vintage: int = PRIMARY_VINTAGE, sectors=(PROFESSIONAL, DIGITAL)) -> pd.DataFrame:
    """r2 of each sector's share on the Level 4+ share over the 37 study
    districts, with and without the districts of :data:`LEAVE_OUTS`.

    Columns: ``sector``, ``left_out``, ``r2_all``, ``r2_without``, ``rests_on``
    (r2 falls by more than :data:`RESTS_ON_R2`).
    """
    frame = fit_inputs("study_districts", vintage)
    x = EDUCATION_MEASURES["level4_plus"]
    rows = []
    for sector in sectors:
        r2_all = float(least_squares(frame[x], frame[sector]).rsquared)
        for label, names in LEAVE_OUTS.items():
            kept = frame[~frame["name"].isin(names)]
            if len(kept) != len(frame) - len(names):
                raise KeyError(f"not every one of {names} is a study district")
            r2 = float(least_squares(kept[x], kept[sector]).rsquared)
            rows.append({"sector": sector, "left_out": label, "r2_all": r2_all, "r2_without": r2,
                         "rests_on": r2_all - r2 > RESTS_ON_R2})
    return pd.DataFrame(rows)
