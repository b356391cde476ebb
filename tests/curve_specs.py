"""One specification of a robustness finding and its estimate, for the curve tests."""

from __future__ import annotations

import pandas as pd

from placeblind.analysis import specifications as space
from placeblind.claims import findings


def spec(finding_id: str, **changes) -> dict:
    """The finding's main specification with ``changes`` (each a dimension it has)."""
    item = findings.finding(finding_id)
    main = {d: space.main_value(d) for d in item.dimensions}
    assert set(changes) <= set(main), set(changes) - set(main)
    return {**main, **changes}


def estimate(graded, finding_id: str, **changes) -> float:
    """The estimate of the one specification :func:`spec` names, from ``graded`` (finding -> curve)."""
    frame = graded[finding_id]
    chosen_spec = spec(finding_id, **changes)
    chosen = frame[(frame[list(chosen_spec)] == pd.Series(chosen_spec)).all(axis=1)]
    assert len(chosen) == 1
    return float(chosen["estimate"].iloc[0])
