"""ONS boundary files (TopoJSON, ultra-generalised) as GeoDataFrames in British
National Grid, repaired and checked, for drawing maps.

geopandas reads TopoJSON through GDAL. The files carry no CRS tag: their
coordinates are WGS84 longitude and latitude (the publisher requested
``outSR=4326``), so the CRS is set, not guessed, before projecting to British
National Grid (EPSG:27700), in which Great Britain is drawn without stretching.
A few polygons are invalid after quantisation; ``make_valid`` repairs them.
"""

from __future__ import annotations

import warnings

import pandas as pd

from ..cache import cached
from ..errors import DataError
from .catalogue import entry, verified_path

SOURCE_CRS = "EPSG:4326"
DRAWING_CRS = "EPSG:27700"
# The attribution ONS asks for on any map drawn from these files (geography/PROVENANCE.md).
BOUNDARY_ATTRIBUTION = ("Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
                        "Contains OS data © Crown copyright and database right 2024")


# On disk: reading, repairing and projecting a file takes a tenth of a second or more,
# and the build's processes that draw maps each need the same files (a pickled frame
# loads in a millisecond, geometries exactly as read).
@cached(disk=True, maxsize=4, variants=False)
def boundaries(file_id: str):
    """The areas of a catalogued boundary file: ``code``, ``name``, ``geometry``
    (valid polygons, EPSG:27700), one row per area, sorted by code."""
    import geopandas as gpd  # heavy; only map-drawing code needs it

    path = entry(file_id).path
    local = verified_path(file_id)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's note that no CRS is declared
            frame = gpd.read_file(local)
    except Exception as exc:  # pyogrio raises its own DataSourceError and friends
        raise DataError(path, f"cannot be read as TopoJSON ({type(exc).__name__}: {exc})") from exc
    missing = [c for c in ("AREACD", "AREANM") if c not in frame.columns]
    if missing:
        raise DataError(path, f"missing field(s) {missing}; fields found: {list(frame.columns)}")
    if frame.empty or frame.geometry.isna().any() or frame.geometry.is_empty.any():
        raise DataError(path, "has an area with no geometry")
    if frame["AREACD"].duplicated().any():
        raise DataError(path, f"area code {frame.loc[frame['AREACD'].duplicated(), 'AREACD'].iloc[0]} appears twice")
    bounds = frame.total_bounds
    if not (-9 <= bounds[0] and bounds[2] <= 3 and 49 <= bounds[1] and bounds[3] <= 61):
        raise DataError(path, f"coordinates {bounds.round(2).tolist()} are not longitude and latitude in the UK")
    frame = frame.set_crs(SOURCE_CRS, allow_override=True)
    # "structure" keeps areas only: the default can leave stray lines in a GeometryCollection.
    frame["geometry"] = frame.geometry.make_valid(method="structure", keep_collapsed=False)
    out = frame.rename(columns={"AREACD": "code", "AREANM": "name"})[["code", "name", "geometry"]]
    out = out.to_crs(DRAWING_CRS).sort_values("code").reset_index(drop=True)
    return out


def area_codes(file_id: str) -> pd.Series:
    """The codes of a boundary file's areas."""
    return boundaries(file_id)["code"]
