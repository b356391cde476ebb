"""Which areas are neighbours: queen contiguity (two areas are neighbours when
their boundaries meet, even at a point) of the ONS December 2021 district
boundaries, built once with libpysal, and the contiguity of areas built from
those districts. Every Moran's I of the book uses these weights.

Other areas are built from the districts by aggregating their contiguity, not
by dissolving boundaries: an ITL3 area is a union of whole 2021 districts
(:func:`placeblind.data.geography.itl3_of_districts`), and two ITL3 areas are
neighbours when a district of one borders a district of the other (what
dissolving would give); a district that later merged into a 2021 district (the
seven Northamptonshire districts of the 2017 data) takes its successor's
neighbours and neighbours the other parts of that successor.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..cache import cached
from ..data.boundaries import boundaries
from ..data.district_codes import code_in, predecessors
from ..data.geography import itl3_of_districts
from ..measures.spatial import binary_weights

BOUNDARIES = "boundaries_lad_dec2021"   # 2021 codes, the study's and the 2021 Census's
BOUNDARY_CODE_YEAR = 2021


# On disk: the neighbours are found once (reading the boundaries and libpysal's
# Queen, about half a second, and libpysal's import, over a second) for every process
# of a build and every build on the same boundaries; the processes that only need
# who borders whom (an adjacency matrix, a count of links) then load neither
# geopandas nor libpysal. Plain tuples: the cache hands them out without copying.
@cached(disk=True, maxsize=1, variants=False)
def _queen_links() -> tuple[tuple[str, tuple[str, ...]], ...]:
    from libpysal.weights import Queen  # heavy; loaded only when the neighbours are found

    areas = boundaries(BOUNDARIES).set_index("code")
    queen = Queen.from_dataframe(areas, use_index=True, silence_warnings=True)
    return tuple((code, tuple(sorted(queen.neighbors[code]))) for code in areas.index)


def district_neighbours() -> dict[str, tuple[str, ...]]:
    """Queen contiguity of every district of the ONS December 2021 boundaries
    (libpysal's ``Queen``; keys the 2021 codes in code order, each with its
    neighbours, sorted): neighbours when their boundaries meet."""
    return dict(_queen_links())


def district_weights():
    """:func:`district_neighbours` as a libpysal ``W``."""
    return binary_weights(district_neighbours())


def district_area_neighbours(codes) -> dict[str, list[str]]:
    """Contiguity among district ``codes`` (any vintage, in that order; each with its
    neighbours, sorted): a 2021 district's own neighbours; a district without a 2021
    boundary takes those of the 2021 districts it is made of: its 2021 successor
    (merged since; it then neighbours the successor's other parts) or its 2021
    predecessors (a later merger, such as Cumberland in 2023, of whole 2021 districts)."""
    codes = list(codes)
    if len(set(codes)) != len(codes):
        raise ValueError("a district code appears twice")
    base = district_neighbours()
    parts: dict[str, set[str]] = {}
    for code in codes:
        successor = code if code in base else code_in(code, BOUNDARY_CODE_YEAR)
        parts[code] = {successor} if successor in base else predecessors(code) & set(base)
        if not parts[code]:
            raise KeyError(f"district {code} has no boundary in {BOUNDARIES}")
    owners: dict[str, set[str]] = {}  # each 2021 district: the codes it is part of
    for code, pieces in parts.items():
        for piece in pieces:
            owners.setdefault(piece, set()).add(code)
    neighbours = {}
    for code in codes:
        near = {other for piece in parts[code] for area in (piece, *base[piece])
                for other in owners.get(area, ())}
        near.discard(code)
        neighbours[code] = sorted(near)
    return neighbours


def district_area_weights(codes) -> object:
    """:func:`district_area_neighbours` as a libpysal ``W`` (ids ``codes``, in that order)."""
    return binary_weights(district_area_neighbours(codes))


def itl3_neighbours(itl3_codes) -> dict[str, list[str]]:
    """Contiguity among ITL3 areas (in the order given; each with its neighbours,
    sorted), aggregated from their 2021 districts: two areas are neighbours when a
    district of one borders a district of the other (the same as dissolving the
    districts' boundaries into areas)."""
    itl3_codes = list(itl3_codes)
    base = district_neighbours()
    wanted = set(itl3_codes)
    districts = [c for c in base if c[0] in "EW"]
    area_of = itl3_of_districts(districts)
    area_of = area_of[area_of.isin(wanted)].to_dict()
    missing = wanted - set(area_of.values())
    if missing:
        raise KeyError(f"ITL3 area(s) {sorted(missing)[:5]} have no 2021 district")
    neighbours = {code: set() for code in itl3_codes}
    for district, area in area_of.items():
        for other in base[district]:
            if other in area_of and area_of[other] != area:
                neighbours[area].add(area_of[other])
    return {code: sorted(near) for code, near in neighbours.items()}


def itl3_weights(itl3_codes) -> object:
    """:func:`itl3_neighbours` as a libpysal ``W`` (ids in the order given)."""
    return binary_weights(itl3_neighbours(itl3_codes))


def adjacency_matrix(neighbours) -> pd.DataFrame:
    """The 0/1 matrix of ``neighbours`` (area -> its neighbours, such as
    :func:`district_area_neighbours` or a libpysal ``W``'s ``neighbors``; index and
    columns: the areas, in that order)."""
    codes = list(neighbours)
    position = {c: i for i, c in enumerate(codes)}
    matrix = np.zeros((len(codes), len(codes)), dtype=int)
    for code, near in neighbours.items():
        matrix[position[code], [position[n] for n in near]] = 1
    return pd.DataFrame(matrix, index=codes, columns=codes)
