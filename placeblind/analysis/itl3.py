"""The paper's Table 4 at ITL3 level on the newest employment here: BRES 2023
employees by SIC section for the ITL3 areas of England and Wales, against the
2011 and 2021 Censuses added up from districts to ITL3 areas.

District counts are added up, never their percentages. Every 2021 district is a
whole LAU1 or a union of LAU1s inside one ITL3 area, so each lies in exactly
one area and the counts add up without splitting any district
(:func:`placeblind.data.geography.itl3_of_districts`). The districts of 2023 that
straddle two ITL3 areas (the two Cumbrian unitaries) post-date both censuses
and play no part.
"""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..data.bres import itl3_section_employees_2023
from ..data.catalogue import entry
from ..data.census import CATEGORY_KEYS, with_percentages
from ..data.geography import itl3_of_districts
from ..data.sectors import BROAD_GROUP_SECTIONS, KEY_SECTOR_NAMES
from ..data.study import england_and_wales_study
from ..errors import DataError
from ..measures import percent_of
from .attainment import census_for_study
from .education_fits import CENSUS_FIT_COLUMNS, EDUCATION_MEASURES, fit_rows

ITL3_VINTAGE = 2023
# Key sectors that are whole SIC sections can be measured from the section file;
# retail is one division of section G and cannot.
ITL3_SECTORS = [s for s in KEY_SECTOR_NAMES if s in BROAD_GROUP_SECTIONS]


@cached(maxsize=2)
def itl3_census(year: int) -> pd.DataFrame:
    """Highest qualification of residents 16+ by ITL3 area of England and Wales,
    census ``year``: district counts (2021 codes) summed, percentages recomputed.

    Columns: ``itl3_code``, ``n_districts``, ``all_16plus``, the category counts
    and ``pct_<category>``.
    """
    districts = census_for_study(year, england_and_wales_study())
    districts = districts.assign(itl3_code=districts["code"].map(itl3_of_districts(districts["code"])))
    counts = districts.groupby("itl3_code").agg(n_districts=("code", "size"), all_16plus=("all_16plus", "sum"),
                                                **{k: (k, "sum") for k in CATEGORY_KEYS})
    return with_percentages(counts.reset_index())


@cached(maxsize=1)
def itl3_sector_shares() -> pd.DataFrame:
    """Each key sector's share of employees (%) by ITL3 area in BRES 2023, from
    whole SIC sections, over the total of all 21 sections. One row per area:
    ``itl3_code``, ``itl3_name``, ``employees``, one column per sector in :data:`ITL3_SECTORS`."""
    sections = itl3_section_employees_2023()
    by_area = sections.pivot(index=["itl3_code", "itl3_name"], columns="section", values="employees")
    total = by_area.sum(axis=1)
    out = pd.DataFrame({"employees": total})
    for sector in ITL3_SECTORS:
        out[sector] = percent_of(by_area[list(BROAD_GROUP_SECTIONS[sector])].sum(axis=1), total)
    return out.reset_index()


def itl3_fit_inputs(census_year: int) -> pd.DataFrame:
    """One row per ITL3 area of England and Wales (index ``itl3_code``): the key
    sectors' shares of BRES 2023 employees and the education shares of census
    ``census_year``. Every area with residents must have employees."""
    census = itl3_census(census_year).set_index("itl3_code")
    sectors = itl3_sector_shares().set_index("itl3_code")
    missing = sorted(set(census.index) - set(sectors.index))
    if missing:
        raise DataError(entry("bres_itl3_sections_2023").path, f"ITL3 area(s) {missing[:5]} of England and "
                        "Wales have no employees")
    return sectors[["itl3_name", *ITL3_SECTORS]].join(census[list(EDUCATION_MEASURES.values())], how="inner")


# On disk: the decade chapter shows these fits, and reading them there spares its
# kernel loading statsmodels (about a second) to refit what the build has fitted.
@cached(disk=True, maxsize=1)
def itl3_fits() -> pd.DataFrame:
    """Table 4 across the ITL3 areas of England and Wales: BRES 2023 key-sector
    shares on 2011 and on 2021 education. Columns: those of the district fits with
    ``census`` (``sample`` = ``itl3``, ``vintage`` = 2023)."""
    rows = []
    for census in (2011, 2021):
        rows += [{"census": census, **row}
                 for row in fit_rows(itl3_fit_inputs(census), "itl3", ITL3_VINTAGE, ITL3_SECTORS)]
    return pd.DataFrame(rows, columns=CENSUS_FIT_COLUMNS)


def itl3_fit_table_inputs() -> pd.DataFrame:
    """The data behind the ITL3 fits, one row per ITL3 area of England and Wales:
    ``itl3_code``, ``itl3_name``, the districts in it, BRES 2023 employees and
    key-sector shares (%), and the Level 4+ and no-qualifications shares of
    residents 16+ in 2011 and 2021 (%)."""
    sectors = itl3_sector_shares().set_index("itl3_code")
    out = None
    for year in (2011, 2021):
        census = itl3_census(year).set_index("itl3_code")
        part = census[["pct_level4_plus", "pct_no_qualifications"]].add_suffix(f"_{year}")
        out = census[["n_districts"]].join(part) if out is None else out.join(part)
    out = sectors[["itl3_name", "employees", *ITL3_SECTORS]].join(out, how="inner")
    return out.reset_index()[["itl3_code", "itl3_name", "n_districts", "employees", *ITL3_SECTORS,
                              "pct_level4_plus_2011", "pct_no_qualifications_2011",
                              "pct_level4_plus_2021", "pct_no_qualifications_2021"]]
