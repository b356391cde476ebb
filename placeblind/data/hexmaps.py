"""Hex cartograms (Open Innovations HexJSON): one hexagon per area, placed so
that every district is visible, London's boroughs included.

A HexJSON file has a ``layout`` (``odd-r``: pointy-topped hexagons, odd rows
shifted half a hexagon right) and ``hexes`` keyed by area code, each with a
column ``q`` and a row ``r`` (rows count northwards). No GIS library is needed:
a hexagon's centre follows from ``q``, ``r`` and the layout.
"""

from __future__ import annotations

import json
import math

import pandas as pd

from ..cache import cached
from ..errors import DataError
from .catalogue import entry, verified_path

LAYOUTS = ("odd-r", "even-r")


@cached(maxsize=3, variants=False)
def hex_layout(file_id: str) -> pd.DataFrame:
    """The hexes of a catalogued HexJSON file: ``code``, ``name``, ``q``, ``r`` and
    the centre ``x``, ``y`` (in hexagon widths; ``y`` grows northwards)."""
    path = entry(file_id).path
    try:
        document = json.loads(verified_path(file_id).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(path, f"is not valid JSON ({exc})") from exc
    if not isinstance(document, dict) or document.get("layout") not in LAYOUTS:
        raise DataError(path, f"layout must be one of {LAYOUTS}, not {document.get('layout')!r}")
    hexes = document.get("hexes")
    if not isinstance(hexes, dict) or not hexes:
        raise DataError(path, "has no hexes")
    rows = []
    for code, cell in hexes.items():
        if not isinstance(cell, dict) or not all(isinstance(cell.get(k), int) for k in ("q", "r")):
            raise DataError(path, f"hex {code!r} has no whole-number q and r")
        rows.append({"code": code, "name": str(cell.get("n", "")), "q": cell["q"], "r": cell["r"]})
    frame = pd.DataFrame(rows)
    clash = frame[frame.duplicated(["q", "r"], keep=False)]
    if not clash.empty:
        raise DataError(path, f"two areas share a hex: {clash['code'].tolist()[:4]}")
    odd = frame["r"] % 2 == 1
    shift = 0.5 if document["layout"] == "odd-r" else -0.5
    frame["x"] = frame["q"] + odd * shift
    frame["y"] = frame["r"] * math.sqrt(3) / 2
    return frame
