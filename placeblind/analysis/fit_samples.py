"""Every education-sector fit of the book in one frame: the paper's Table 4 and
its refits over other areas, other census years and the newest employment data.

``sample`` says over which areas a line was fitted, ``vintage`` which BRES year
gave the sector shares and ``census`` which census gave the education shares:

- ``study_districts``: the paper's 37 districts (BRES 2017, 2019; census 2011, 2021);
- ``all_districts``: every district of England and Wales (BRES 2017, 2019 with
  the 2011 census; BRES 2019 with the 2021 census);
- ``authorities_2025``: every district of the fifteen combined authorities of
  May 2025 (BRES 2017, 2019; census 2011, 2021);
- ``itl3``: the ITL3 areas of England and Wales (BRES 2023; census 2011, 2021).
"""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..data.study import england_and_wales_study, paper_study
from ..measures import correlation, least_squares, log_of_positive
from .attainment import census_for_study
from .authorities import authorities_2025_study
from .decade import DECADE_VINTAGE, WEIGHTINGS, decade_fit_inputs, fits_2011_2021
from .education_fits import CENSUS_FIT_COLUMNS, EDUCATION_MEASURES, education_sector_fits, study_fit_inputs, study_fits
from .itl3 import ITL3_VINTAGE, itl3_census, itl3_fit_inputs, itl3_fits

FIT_SAMPLES = ("study_districts", "all_districts", "authorities_2025", "itl3")


@cached(disk=True)
def all_education_sector_fits() -> pd.DataFrame:
    """One row per sample, BRES vintage, census year, sector and education
    measure (columns :data:`CENSUS_FIT_COLUMNS`). The paper's Table 4 rows are
    those of :func:`education_sector_fits` unchanged, with ``census`` = 2011."""
    paper = education_sector_fits().assign(census=2011)
    paper_2021 = study_fits(paper_study()).query("census == 2021").assign(sample="study_districts")
    districts_2021 = fits_2011_2021().query("census == 2021")
    authorities = study_fits(authorities_2025_study()).assign(sample="authorities_2025")
    frames = [paper[CENSUS_FIT_COLUMNS], paper_2021, districts_2021, authorities, itl3_fits()]
    out = pd.concat(frames, ignore_index=True)[CENSUS_FIT_COLUMNS]
    order = {sample: i for i, sample in enumerate(FIT_SAMPLES)}
    out = out.sort_values(["sample", "census", "vintage"], key=lambda s: s.map(order) if s.name == "sample" else s,
                          kind="stable")
    return out.reset_index(drop=True)


# The areas over which the decade chapter's education-sector link is refitted:
# its own (all districts, BRES 2019), the districts of the 2025 authorities
# (BRES 2019) and the ITL3 areas (BRES 2023).
LINK_GEOGRAPHIES = {"all_districts": DECADE_VINTAGE, "authorities_2025": DECADE_VINTAGE, "itl3": ITL3_VINTAGE}


# Kept in the process: the robustness chapter refits the link under 25 specifications,
# twice each, from six distinct inputs (each rebuilt from the census and BRES frames).
@cached(maxsize=8)
def link_fit_inputs(geography: str, census: int) -> pd.DataFrame:
    """The areas of ``geography`` (:data:`LINK_GEOGRAPHIES`) with the key-sector
    shares and census ``census``'s education shares that their fits in
    :func:`all_education_sector_fits` use, plus ``all_16plus`` (residents 16+)."""
    if geography == "all_districts":
        frame = decade_fit_inputs(census)
        residents = census_for_study(census, england_and_wales_study()).set_index("code")["all_16plus"]
    elif geography == "authorities_2025":
        study = authorities_2025_study()
        frame = study_fit_inputs(study, LINK_GEOGRAPHIES[geography], census)
        residents = census_for_study(census, study).set_index("code")["all_16plus"]
    elif geography == "itl3":
        frame = itl3_fit_inputs(census)
        residents = itl3_census(census).set_index("itl3_code")["all_16plus"]
    else:
        raise ValueError(f"geography must be one of {list(LINK_GEOGRAPHIES)}, not {geography!r}")
    frame = frame.assign(all_16plus=residents.reindex(frame.index))
    if frame["all_16plus"].isna().any():
        raise ValueError(f"{geography}: {int(frame['all_16plus'].isna().sum())} area(s) without residents in {census}")
    return frame


# ITL codes and district codes of London (ITL1 TLI; its boroughs and the City are E09).
LONDON_PREFIXES = ("TLI", "E09")


def link_r2(geography: str, sector: str, education: str = "level4_plus", census: int = 2021,
            weighting: str = "none", estimator: str = "pearson", london: bool = True, log: bool = False) -> float:
    """r-squared of ``sector``'s share on an education share across ``geography``:
    the least-squares fit of the main chapters (weighted by residents 16+ when
    ``weighting`` is ``residents``), or Spearman's rho squared; without London's
    areas when ``london`` is false, and of the log of the sector's share when
    ``log`` (an area without the sector has no log and is left out)."""
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {WEIGHTINGS}, not {weighting!r}")
    frame = link_fit_inputs(geography, census)
    if not london:
        frame = frame[~frame.index.astype(str).str.startswith(LONDON_PREFIXES)]
    x, y = frame[EDUCATION_MEASURES[education]].to_numpy(float), frame[sector].to_numpy(float)
    weights = frame["all_16plus"].to_numpy(float) if weighting == "residents" else None
    if log:
        y, x, weights = log_of_positive(y, x, weights)
    if estimator == "spearman":
        if weighting != "none":
            raise ValueError("Spearman's correlation is computed unweighted here")
        return correlation(x, y, "spearman") ** 2
    if estimator != "pearson":
        raise ValueError(f"estimator must be 'pearson' or 'spearman', not {estimator!r}")
    return float(least_squares(x, y, weights).rsquared)
