"""The IS-8 regions' side of the specifications of :mod:`.robustness`: the sector
definitions a specification may choose, the reference regions of each base, the
regional LQ frame of each choice (each distinct sector measured once) and the
service sectors' co-location table over a sample of regions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cache import cached
from ..data.bres import ENGLAND_ITL1
from ..data.geography import itl2_names
from ..data.is8_definitions import (
    DCMS_PAIRS,
    IS8_SECTORS,
    SERVICE_SECTORS,
    covered_subclasses as _covered,
    bres_subclasses,
    dcms_lists,
    is8_definitions,
    measurable_sectors,
    subclasses_for,
)
from ..measures import location_quotient_from_shares, percent_of
from .is8_comparisons import service_correlations
from .is8_regions import APPROX, EXACT, approx_2digit_divisions, is8_lq_itl2, lq_with_columns
from .specifications import main_value

LONDON_REGIONS = "TLI"     # ITL1 London: its ITL2 regions' codes begin so
# Bootstrap resamples for the co-location intervals of each specification: none
# (no interval is computed), because the claim's rule (BandClaim) grades the
# coefficients alone and no interval of a specification is used; the main
# specification's grade is tested to equal the ledger's.
COLOCATION_RESAMPLES = 0


def _non_frontier(sector: str) -> frozenset[str]:
    defs = is8_definitions()
    part = defs[(defs["sector"] == sector) & defs["sic_code"].notna() & ~defs["is_frontier"]]
    return _covered(part["sic_code"], bres_subclasses())


def sector_subclasses(frontier_codes: str, lists: str, overlap: str) -> dict[str, tuple[str, ...]]:
    """Each measurable IS-8 sector's subclasses under one choice of definition: with
    or without the frontier-industry codes, creative and digital from the IS-8 or
    the DCMS lists, and the four service sectors overlapping or made disjoint
    (a subclass two of them share is left out of both)."""
    sets = {s: (subclasses_for(s) if frontier_codes == "included" else _non_frontier(s))
            for s in measurable_sectors()}
    if lists == "dcms":
        dcms = dcms_lists()
        for sector, dcms_sector in DCMS_PAIRS.items():
            sets[sector] = _covered(dcms.loc[dcms["dcms_sector"] == dcms_sector, "sic_code"], bres_subclasses())
    if overlap == "disjoint":
        counts = pd.Series([s for sector in SERVICE_SECTORS for s in sets[sector]]).value_counts()
        shared = set(counts.index[counts > 1])
        for sector in SERVICE_SECTORS:
            sets[sector] = sets[sector] - shared
    return {sector: tuple(sorted(subs)) for sector, subs in sets.items()}


@cached(maxsize=1, variants=False)  # read by every co-location table over England's regions
def english_regions() -> tuple[str, ...]:
    names = itl2_names()
    return tuple(names.loc[names["itl1_code"].isin(ENGLAND_ITL1), "itl2_code"])


@cached(maxsize=1, variants=False)
def regions_without_london() -> tuple[str, ...]:
    """Every ITL2 region of Great Britain (BRES's coverage: Northern Ireland, ITL1
    TLN, is not in it) but London's."""
    codes = itl2_names()["itl2_code"]
    return tuple(codes[~codes.str.startswith((LONDON_REGIONS, "TLN"))])


# The regions whose employment is the reference of each base (None: every region, Great Britain).
REFERENCE_REGIONS = {"GB": lambda: None, "England": english_regions, "GB_without_London": regions_without_london}


REGION_KEYS = ("region_year", "sector_definition", "frontier_codes", "creative_digital_lists", "sector_overlap",
                "base")


def region_key(spec: dict) -> tuple[str, ...]:
    """The choices an IS-8 LQ frame depends on (a dimension a finding lacks takes its main value)."""
    return tuple(spec.get(d, main_value(d)) for d in REGION_KEYS)


def rereferenced(lq: pd.DataFrame, regions: tuple[str, ...]) -> pd.DataFrame:
    """An IS-8 LQ frame (columns of :func:`is8_lq_itl2`) cut to ``regions``, whose
    sum becomes the reference: each region's share of its employment in a sector
    over the regions' pooled share, pooled over the regions measured in that
    sector, as :func:`lq_with_columns` computes it with ``regions`` (tested equal).
    Only the reference changes with the base, so the employment need not be
    gathered again (a third of the robustness chapter's time, before)."""
    part = lq[lq["itl2_code"].isin(regions)].reset_index(drop=True)
    grouped = part.groupby("sector", sort=False)
    reference = percent_of(grouped["employment"].transform("sum"), grouped["region_total"].transform("sum"))
    local = percent_of(part["employment"], part["region_total"])
    return part.assign(lq=location_quotient_from_shares(local, reference))


def region_lq(key: tuple[str, ...], definitions: dict | None = None, measured: dict | None = None) -> pd.DataFrame:
    """IS-8 LQs by ITL2 region (the columns of :func:`is8_lq_itl2`) under one
    ``region_key``; ``definitions`` (from :func:`sector_subclasses`) saves recomputing
    them; ``measured``: the sectors already measured (see :func:`_by_sector`)."""
    year, definition, frontier_codes, lists, overlap, base = key
    regions = REFERENCE_REGIONS[base]()
    if definition == "exact":
        if key == tuple(main_value(d) for d in REGION_KEYS):
            return is8_lq_itl2(int(year), EXACT)  # the book's own frame (its cached result), not measured again
        columns = definitions if definitions is not None else sector_subclasses(frontier_codes, lists, overlap)
        return _by_sector(int(year), EXACT, columns, regions, {} if measured is None else measured)
    threshold = int(definition.removeprefix("approx_")) / 100
    sectors = list(definitions) if definitions is not None else measurable_sectors()
    columns = {s: approx_2digit_divisions(s, threshold) for s in sectors}
    return _by_sector(int(year), APPROX, columns, regions, {} if measured is None else measured)


def _by_sector(year: int, definition: str, columns: dict[str, tuple], regions: tuple[str, ...] | None,
               measured: dict) -> pd.DataFrame:
    """:func:`lq_with_columns` for the sectors of ``columns`` (in the IS-8 order, a
    sector without a column left out, as it leaves them), each sector measured once:
    a sector's LQs depend on its own columns alone, and the specifications' 24
    frames hold some 60 distinct sectors. ``measured`` (sector's key -> its rows)
    holds those measured already and takes the new ones."""
    keys = {s: (year, definition, s, tuple(columns[s]), regions) for s in IS8_SECTORS if columns.get(s)}
    missing = [s for s, k in keys.items() if k not in measured]
    if missing:
        frame = lq_with_columns(year, definition, {s: columns[s] for s in missing}, regions, sectors=missing)
        for sector, part in frame.groupby("sector", sort=False):
            measured[keys[sector]] = part
    return pd.concat([measured[k] for k in keys.values()], ignore_index=True)


def service_table(wide: pd.DataFrame, region_sample: str, lq_scale: str = "lq") -> pd.DataFrame:
    """:func:`service_correlations` over the regions of ``region_sample`` (``wide``:
    LQs by region code and sector, :meth:`Inputs.region_wide`), of the LQs or
    (``log_lq``) of their logarithms (the relative scale: London's very high LQs
    then weigh as ratios, not as distances)."""
    services = wide[list(SERVICE_SECTORS)]
    if lq_scale == "log_lq":
        # A region without one of the four service sectors (an LQ of 0) has no log LQ
        # and leaves the correlations, as a district without the sector leaves a log fit.
        # (what is left is positive, or missing where a sector is not measured, which stays missing)
        services = np.log(services[~(services <= 0).any(axis=1)])
    elif lq_scale != "lq":
        raise ValueError(f"unknown LQ scale {lq_scale!r}")
    if region_sample == "without_london":
        services = services[~services.index.str.startswith(LONDON_REGIONS)]
    elif region_sample == "england":
        services = services[services.index.isin(english_regions())]
    elif region_sample != "all":
        raise ValueError(f"unknown region sample {region_sample!r}")
    return service_correlations(wide=services, resamples=COLOCATION_RESAMPLES)
