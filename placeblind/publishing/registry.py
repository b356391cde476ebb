"""The registry of everything the book publishes: each table under the CSV name
it is exported as, each figure under its file name.

One literal list, so a reader can grep a CSV name and find the builder; the
chapters' download links and ``make tables`` both go through it, so they write
the same numbers.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import Image

from ..analysis import (
    attainment,
    findings,
    findings_decade,
    findings_fits,
    findings_is8,
    authorities,
    decade,
    decade_bases,
    decade_links,
    education_fits,
    fit_inference,
    fit_samples,
    is8_comparisons,
    is8_regions,
    itl3,
    lq_readings,
    lq_rounding,
    own_findings,
    places,
    sector_measures,
    sector_readings,
)
from ..analysis.specifications import dimensions
from ..cache import cached
from ..claims import blog, ledger, robustness, rules, vintage_rule
from ..claims import chapter_findings as claim_findings
from ..claims import inference_findings, robustness_findings
from ..claims import summary_findings
from ..claims.findings import FINDINGS
from . import displays, fact_declarations, key_quantities

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TABLES: dict[str, Callable[[], pd.DataFrame]] = {
    # Data and geography
    "data_catalogue": displays.data_catalogue,
    "study_districts": displays.study_geography,
    # The paper's Table 1
    "attainment_2011": attainment.attainment_2011,
    "attainment_2011_by_authority": attainment.attainment_by_authority,
    "attainment_2011_2021": attainment.attainment_change_2011_2021,
    # A decade on: every district of England and Wales, the authorities of May 2025
    "attainment_2021": decade.attainment_2021_all,
    "attainment_change": decade.attainment_change,
    "attainment_convergence": decade.convergence,
    "education_sector_fit_2011_2021": decade.fits_2011_2021,
    "authorities_2025": lambda: authorities.authority_summary(authorities.authorities_2025_study()),
    "authorities_2025_pattern": authorities.authority_pattern,
    "authorities_2025_districts": authorities.authority_profiles,
    "authorities_2025_pattern_regions": authorities.authority_pattern_regions,
    "authorities_2025_england_districts": authorities.england_pattern_profiles,
    # The decade's readings on every basis, and the book's own findings against their nulls
    "qualifications_redesign": decade_bases.qualifications_redesign,
    "decade_merges": decade_bases.merges_between_censuses,
    "decade_merges_summary": decade_bases.merges_summary,
    "authorities_2025_null_summary": authorities.pattern_null_summary,
    "decade_divide_bases": decade_bases.divide_bases,
    "decade_convergence_bases": decade_bases.convergence_bases,
    "decade_link_change": decade_links.link_changes,
    "own_findings_nulls": own_findings.own_findings_nulls,
    # Find your place: every district of England and Wales, every authority of May 2025
    "places": places.places,
    "authority_sections": places.authority_sections,
    "district_code_changes": places.code_changes,
    # The book's key counts, each with the year of the codes it counts in
    "key_quantities": lambda: key_quantities.key_quantities_table(registered_table("decade_link_change"),
                                                                  registered_table("summary_findings"),
                                                                  fact_declarations.all_declared()),
    # The paper's Tables 2 and 3
    "sector_shares": sector_measures.sector_shares,
    "location_quotients": lq_rounding.location_quotients_with_bounds,
    "location_quotients_england": sector_measures.location_quotients_england,
    "key_sector_mapping": sector_measures.key_sector_mapping,
    "table2_key_sector_shares_2019": lambda: sector_measures.table2_frame(2019),
    "table3_key_sector_lqs_2019": lambda: sector_measures.table3_frame(2019),
    "lq_reference_shares": sector_measures.reference_table,
    "lq_england_base_effect": sector_measures.england_base_effect,
    "location_quotients_2019_rescaling": lq_rounding.lq_2019_both_ways,
    "lq_rounding_readings": lq_readings.lq_readings_too_close,
    "retail_largest_private": sector_readings.retail_private_table,
    "sector_vintage_movement": sector_readings.vintage_movement,
    # The paper's Table 4
    "education_sector_fit": fit_samples.all_education_sector_fits,
    "education_sector_fit_inference": fit_inference.fit_inference,
    "education_sector_fit_moran": fit_inference.moran_summary,
    "itl3_education_sector_inputs": lambda: itl3.itl3_fit_table_inputs(),
    "education_sector_points": lambda: education_fits.fit_inputs("study_districts", sector_measures.PRIMARY_VINTAGE),
    "table4_all_districts": lambda: education_fits.education_sector_fits().query(
        "sample == 'all_districts'").reset_index(drop=True),
    # The IS-8 sectors at ITL2
    "is8_definition_summary": is8_regions.definition_summary,
    "is8_location_quotients": lq_rounding.is8_location_quotients_with_bounds,
    "is8_approx_vs_exact": is8_regions.approx_vs_exact,
    "is8_lq_definition_effects": is8_regions.lq_definition_effects,
    "is8_dcms_comparison": is8_comparisons.dcms_comparison,
    "is8_dcms_summary": is8_comparisons.dcms_summary,
    "is8_city_vs_region": is8_comparisons.city_vs_region,
    "is8_service_correlations": is8_comparisons.service_correlations,
    "is8_specialisms": lambda: is8_regions.specialisms(
        is8_regions.is8_lq_itl2(is8_regions.EXACT_YEAR, is8_regions.EXACT)),
    # How robust each verdict is
    "robustness": robustness.robustness_table,
    "robustness_summary": robustness.robustness_summary,
    "robustness_leave_out": robustness.leave_out_summary,
    "robustness_dimensions": dimensions,
    "robustness_null": robustness.robustness_null,
    "robustness_sceptic_choices": robustness.sceptic_inventory,
    # The claims
    "is8_blog_claims": blog.blog_claims,
    "claims": ledger.claims_ledger,
    "claims_summary": ledger.claims_summary,
    "claims_rules": rules.rule_table,
    "claims_by_vintage": vintage_rule.claims_by_vintage,
    "claims_vintage_rule": vintage_rule.vintage_rule_changes,
    "claims_table2": lambda: displays.chapter_claims("sector_composition"),
    "claims_table3": lambda: displays.chapter_claims("location_quotients"),
    "claims_table4": lambda: displays.chapter_claims("education_and_sectors"),
    # The chapters' findings, one quantity per row (the cells their fact tables point at)
    "data_findings": findings.data_findings,
    "attainment_findings": findings.attainment_findings,
    "rounding_findings": findings.rounding_findings,
    "sector_composition_findings": findings.sector_composition_findings,
    "location_quotient_findings": findings.location_quotient_findings,
    "education_findings": findings_fits.education_findings,
    "authorities_findings": findings.authorities_findings,
    "decade_findings": findings_decade.decade_findings,
    "is8_findings": findings_is8.is8_findings,
    "blog_claim_findings": claim_findings.blog_claim_findings,
    "summary_findings": summary_findings.summary_findings,
    "ledger_findings": summary_findings.ledger_findings,
    "inference_findings": inference_findings.inference_findings,
    "paper_claim_findings": claim_findings.paper_claim_findings,
    "robustness_findings": robustness_findings.robustness_findings,
    # Every glued fact of the book, with the table, row and column it comes from
    "facts": lambda: fact_declarations.facts_table(TABLES, registered_table),
}

# Figures by "module:function" within placeblind.publishing, imported only when
# one is drawn: a chapter that shows a cached figure then never loads the
# plotting stack (about 0.3 s per chapter kernel).
FIGURES: dict[str, str] = {
    "attainment_polarisation": "figures:attainment_polarisation",
    "sectors_lq_heatmap": "figures_sectors:lq_heatmap",
    "sectors_education_scatter": "figures_sectors:education_scatter",
    "sectors_shares_2017_2019": "figures_sectors:shares_vintage_scatter",
    "is8_lq_heatmap": "figures_is8:lq_heatmap",
    "is8_specialism_counts": "figures_is8:specialism_counts",
    "decade_level4_hexmap": "figures_decade:level4_hexmap",
    "decade_convergence": "figures_decade:convergence_scatter",
    "is8_specialism_map": "figures_maps:is8_specialism_map",
    "authorities_2025_map": "figures_maps:authorities_2025_map",
    "claims_verdicts": "figures_claims:verdict_tiles",
    # One specification curve per finding ("module:function:argument").
    **{item.figure: f"figures_robustness:specification_curve:{item.finding}" for item in FINDINGS},
}

# The registered table each figure draws, offered as CSV under its caption.
FIGURE_DATA: dict[str, str] = {
    "attainment_polarisation": "attainment_2011",
    "sectors_lq_heatmap": "location_quotients",
    "sectors_education_scatter": "education_sector_points",
    "sectors_shares_2017_2019": "sector_shares",
    "is8_lq_heatmap": "is8_location_quotients",
    "is8_specialism_counts": "is8_specialisms",
    "decade_level4_hexmap": "attainment_change",
    "decade_convergence": "attainment_change",
    "claims_verdicts": "claims",
    "is8_specialism_map": "is8_specialisms",
    "authorities_2025_map": "authorities_2025",
    **{item.figure: "robustness" for item in FINDINGS},
}


def figure_builder(name: str) -> Callable[[], Figure]:
    """The function that draws the registered figure ``name``."""
    module, function, *arguments = FIGURES[name].split(":")
    draw = getattr(importlib.import_module(f"{__package__}.{module}"), function)
    return functools.partial(draw, *arguments) if arguments else draw


@cached(disk=True, maxsize=None)
def figure_png(name: str) -> bytes:
    """The PNG of a registered figure, drawn once per build whichever process asks
    first (a chapter, ``make figures``, a test); the bytes carry no
    timestamp, so they depend only on the data and the library versions."""
    from .figures import drawn_png

    return drawn_png(figure_builder(name))


def figure_image(name: str) -> Image:
    """A registered figure as the chapters glue it; the CSV of the data it draws
    (``FIGURE_DATA``) is written where its caption's download link finds it."""
    from .table_files import write_csv_text

    write_csv_text(registered_csv(FIGURE_DATA[name]), FIGURE_DATA[name])
    return Image(data=figure_png(name), format="png")


def authority_map_codes() -> list[str]:
    """The combined authorities that have a map (:func:`authority_map_png`), in the
    places page's order: every authority of ``authority_sections``."""
    return list(registered_table("authority_sections")["authority_code"])


@cached(disk=True, maxsize=None)
def authority_map_png(authority_code: str) -> bytes:
    """The PNG of one combined authority's map (``figures_maps.authority_map``):
    one per authority of May 2025, so drawn by code rather than listed in ``FIGURES``."""
    from .figures import drawn_palette_png
    from .figures_maps import authority_map

    return drawn_palette_png(functools.partial(authority_map, authority_code))  # fifteen on one page: kept light


@cached(disk=True, maxsize=None)
def registered_table(name: str) -> pd.DataFrame:
    """A registered table, built once per build whichever process asks first (a
    chapter's download link, ``make tables``, a test)."""
    return TABLES[name]()


@cached(disk=True, maxsize=None)
def registered_csv(name: str) -> str:
    """The CSV text (``table_files.csv_text``) of a registered table, made once per
    build whichever process asks first: the pages write the same tables' CSVs
    again and again (the robustness chapter its sixteen figures' one table), and
    printing a large frame as CSV costs more than reading the text back."""
    from .table_files import csv_text

    if name not in TABLES:
        raise ValueError(f"table {name!r} is not registered in placeblind.publishing.registry.TABLES")
    return csv_text(registered_table(name))
