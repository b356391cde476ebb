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

from ..data.memo import disk_cached
from ..data.study import paper_study
from .authorities import authorities_2025_study
from .decade import fits_2011_2021
from .education_fits import CENSUS_FIT_COLUMNS, education_sector_fits, study_fits
from .itl3 import itl3_fits

FIT_SAMPLES = ("study_districts", "all_districts", "authorities_2025", "itl3")


@disk_cached
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
