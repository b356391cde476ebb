"""The range of true values a rounded figure allows, and the shares and
location quotients that follow (interval arithmetic).

Open-access BRES counts are rounded by Nomis by size (Nomis, "Rounding of
Business Register and Employment Survey estimates", article 1103; the
bundle's ``bres/PROVENANCE.md``): a true count from 1 to 49 is published to
the nearest 5, 50-249 to the nearest 25, 250-499 to 50, 500-999 to 100,
1,000-2,499 to 250, 2,500-4,999 to 500 and 5,000 or more to 1,000 (the
"relaxed" rounding of non-disclosive cells; every count in the bundle's
district and ITL2 files is a value this rule can give, which the functions
check). So a published 1,000 may be a true 950-999 (nearest 100) or
1,000-1,125 (nearest 250). Shares published to one decimal allow the true
share to lie 0.05 either side.

A share is a part over the part plus the rest, which rises with the part and
falls with the rest, so its lowest value is the lowest part over that part
plus the highest rest, and its highest the reverse. A location quotient is a
share over a reference share, so its bounds are the share's bounds over the
reference share (the reference is taken as given by the callers; they say why).
"""

from __future__ import annotations

import numpy as np

# (smallest true count of the band, largest, rounding base): Nomis' public-access rule.
BRES_ROUNDING_BANDS = ((1, 49, 5), (50, 249, 25), (250, 499, 50), (500, 999, 100), (1000, 2499, 250),
                       (2500, 4999, 500), (5000, np.inf, 1000))
SHARE_DECIMALS = 1   # the 2019 district shares


def rounded_count_bounds(published, check: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The lowest and highest whole true counts that Nomis' rounding turns into
    each ``published`` count (0 stays 0 or came from 1 or 2). A negative or
    fractional value is an error, and so is one that is not a multiple of its
    band's base unless ``check`` is False (for a file whose cells may be sums of
    rounded figures: each is then bounded as if rounded once)."""
    values = np.asarray(published, dtype=float)
    if np.any(~np.isfinite(values)) or np.any(values < 0) or np.any(values != np.round(values)):
        raise ValueError("published counts must be whole and not negative")
    low = np.where(values == 0, 0.0, np.inf)
    high = np.where(values == 0, 2.0, -np.inf)
    for smallest, largest, base in BRES_ROUNDING_BANDS:
        # true t in [smallest, largest] rounds to v when |t - v| <= base / 2 (a tie may go either way)
        lo = np.maximum(smallest, np.ceil(values - base / 2))
        hi = np.minimum(largest, np.floor(values + base / 2))
        possible = ((values % base == 0) | (not check)) & (lo <= hi) & (values > 0)
        low = np.where(possible, np.minimum(low, lo), low)
        high = np.where(possible, np.maximum(high, hi), high)
    impossible = ~np.isfinite(low)
    if impossible.any():
        raise ValueError(f"count(s) {sorted(set(values[impossible].tolist()))[:5]} cannot come from Nomis' rounding")
    return low, high


def published_share_bounds(published, decimals: int = SHARE_DECIMALS) -> tuple[np.ndarray, np.ndarray]:
    """The true shares (per cent) a share published to ``decimals`` allows (never below 0)."""
    values = np.asarray(published, dtype=float)
    half = 0.5 * 10.0 ** -decimals
    return np.maximum(values - half, 0.0), values + half


def share_bounds(part_low, part_high, rest_low, rest_high) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest share (per cent) of a part in a whole = part + rest, each given as bounds."""
    part_low, part_high = np.asarray(part_low, float), np.asarray(part_high, float)
    rest_low, rest_high = np.asarray(rest_low, float), np.asarray(rest_high, float)
    if np.any(part_low > part_high) or np.any(rest_low > rest_high) or np.any(part_low < 0) or np.any(rest_low < 0):
        raise ValueError("bounds must be ordered and not negative")
    with np.errstate(invalid="ignore", divide="ignore"):
        low = np.where(part_low + rest_high > 0, 100.0 * part_low / (part_low + rest_high), np.nan)
        high = np.where(part_high + rest_low > 0, 100.0 * part_high / (part_high + rest_low), np.nan)
    return low, high


def straddles(low, high, cutoff: float = 1.0) -> np.ndarray:
    """True where the interval [low, high] holds values on both sides of ``cutoff``
    (some at or below it, some above), so a reading 'above the cut-off' cannot be settled."""
    low, high = np.asarray(low, float), np.asarray(high, float)
    return (low <= cutoff) & (high > cutoff)
