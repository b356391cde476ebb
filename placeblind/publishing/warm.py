"""Compute, ahead of the chapters, the results several of them share.

The book's chapters run one after another in one kernel each, so a build uses
one core of two. While they run, the Sphinx extension starts this in a second
process, which computes the shared results (the claims, the fits, the IS-8
facts, every figure) into the disk cache (:mod:`placeblind.data.memo`). A
chapter that asks for a result the warmer is still computing waits for it; one
that asks first computes it itself. The results are the same either way: only
the time they take differs.
"""

from __future__ import annotations

PARTS = ("all",)


def warm(part: str = "all") -> None:
    """Compute the shared results in the order the chapters need them (they run
    alphabetically), so the warmer stays ahead of the chapter kernels."""
    import matplotlib

    matplotlib.use("Agg")  # no screen: figures are drawn to PNG only
    from . import (
        facts_authorities,
        facts_decade,
        facts_robustness,
    )
    from .facts import chapter_facts
    from .registry import FIGURES, figure_png, registered_table

    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    # The specification curves first: the ledger (the third chapter) and the
    # robustness chapter both need them, and they take the longest.
    steps = [facts_robustness.robustness_chapter_facts,
             facts_authorities.authorities_chapter_facts, lambda: figure_png("authorities_2025_map"),
             lambda: registered_table("authorities_2025"),
             lambda: chapter_facts("attainment"), lambda: figure_png("attainment_polarisation"),
             lambda: chapter_facts("claims_ledger"), lambda: chapter_facts("data_and_methods"), facts_decade.decade_chapter_facts,
             lambda: figure_png("decade_level4_hexmap"), lambda: figure_png("decade_convergence"),
             lambda: registered_table("education_sector_fit_2011_2021"), lambda: registered_table("education_sector_fit"),
             lambda: chapter_facts("education_and_sectors"),
             lambda: figure_png("sectors_education_scatter"), lambda: chapter_facts("is8_regions"),
             lambda: registered_table("is8_service_correlations"),
             lambda: figure_png("is8_lq_heatmap"), lambda: figure_png("is8_specialism_counts"),
             lambda: figure_png("is8_specialism_map"),
             lambda: chapter_facts("location_quotients"), lambda: figure_png("sectors_lq_heatmap"),
             *[lambda name=name: figure_png(name) for name in FIGURES if name.startswith("robustness_")],
             lambda: chapter_facts("sector_composition"), lambda: figure_png("sectors_shares_2017_2019"),
             lambda: chapter_facts("what_survives"), lambda: chapter_facts("introduction")]
    for step in steps:
        step()
    for name in FIGURES:  # any figure a later chapter adds
        figure_png(name)
