"""Moran's I of values over areas, with a two-sided permutation p-value
(esda's ``Moran`` on libpysal weights).

Moran's I asks whether neighbouring areas have similar values: it is the
correlation between each area's value and the average of its neighbours'
values. Near its expectation (-1/(n-1), about 0) the values are scattered with
no spatial pattern; clearly above it, neighbours are alike (clusters);
clearly below it, neighbours differ (a checkerboard).

Weights are libpysal ``W`` objects: binary contiguity (two areas are
neighbours or not), row-standardised by esda (each area's neighbours share a
weight of 1). An area with no neighbour (an island) has no weight and adds
nothing.

The permutation test reassigns the values to the areas at random
(``permutations`` times, from a fixed seed) and counts how often the shuffled
I is at least as extreme as the observed one, in each tail. The p-value is
two-sided: significant clustering and a significant checkerboard both count,
since either means the areas are not independent draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..cache import cached

MORAN_PERMUTATIONS = 999
MORAN_SEED = 20200702  # fixed so every build draws the same permutations


def binary_weights(neighbours: dict[str, list[str]]):
    """A libpysal ``W`` from ``area -> its neighbours`` (every area a key, islands
    with an empty list). Checked: no area is its own neighbour, every link runs both
    ways and names a known area."""
    from libpysal.weights import W  # heavy; loaded only when weights are built

    areas = set(neighbours)
    for area, near in neighbours.items():
        if area in near:
            raise ValueError(f"area {area!r} cannot be its own neighbour")
        unknown = set(near) - areas
        if unknown:
            raise ValueError(f"area {area!r} has unknown neighbour(s) {sorted(unknown)}")
        if any(area not in neighbours[other] for other in near):
            raise ValueError(f"the links of area {area!r} do not run both ways")
    ids = list(neighbours)
    return W({a: sorted(neighbours[a]) for a in ids}, id_order=ids, silence_warnings=True)


def weights_from_adjacency(adjacency: pd.DataFrame):
    """A libpysal ``W`` from a 0/1 matrix labelled by area (index = columns)."""
    matrix = np.asarray(adjacency, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError("the adjacency matrix must be square")
    if not np.allclose(matrix, matrix.T):
        raise ValueError("the adjacency matrix must be symmetric")
    if np.any(np.diag(matrix) != 0):
        raise ValueError("an area cannot be its own neighbour")
    labels = list(adjacency.index) if isinstance(adjacency, pd.DataFrame) else list(range(len(matrix)))
    return binary_weights({a: [labels[j] for j in np.flatnonzero(matrix[i])] for i, a in enumerate(labels)})


def subset_weights(weights, areas) -> object:
    """The weights among ``areas`` only (links to areas outside dropped), in that order."""
    keep = list(areas)
    inside = set(keep)
    missing = inside - set(weights.neighbors)
    if missing:
        raise KeyError(f"area(s) {sorted(missing)[:5]} have no weights")
    return binary_weights({a: [b for b in weights.neighbors[a] if b in inside] for a in keep})


@dataclass(frozen=True)
class MoranTest:
    """Moran's I and its permutation test (see the module note).

    ``p_upper``: share of shuffles with I at least the observed (clustering);
    ``p_lower``: share with I at most the observed (a checkerboard); each counts
    the observed arrangement, so neither is ever 0. ``p_value``: two-sided,
    twice the smaller tail, at most 1."""

    i: float
    expected: float
    p_value: float
    p_upper: float
    p_lower: float
    n: int
    n_islands: int
    permutations: int
    seed: int

    def tail(self, level: float) -> str:
        """``positive`` (neighbours alike), ``negative`` (neighbours differ) or
        ``none``: which way I departs from no pattern at two-sided ``level``."""
        if self.p_value >= level:
            return "none"
        return "positive" if self.p_upper <= self.p_lower else "negative"


# The shuffles of a test depend only on the number of areas, the number of shuffles
# and the seed (a shuffle draws positions, never values), so every test over the same
# number of areas draws the same ones: they are drawn once and kept (as bytes: an
# immutable result the cache hands out without copying). make tables runs some 150
# tests over five numbers of areas; drawing the shuffles was half of each test's time.
@cached(inputs=False, maxsize=8)
def _permutation_positions(n: int, permutations: int, seed: int) -> bytes:
    """The positions of ``permutations`` shuffles of ``n`` areas, one row each (``intp``),
    in the order esda draws them: esda 2.9.0's ``Moran`` calls
    ``numpy.random.permutation(z)`` once per shuffle on the global generator, which
    ``numpy.random.seed(seed)`` set. ``RandomState.permutation`` shuffles a copy of
    ``z`` with the same swaps, drawn from the same numbers, as it shuffles
    ``arange(n)`` (the swaps depend on the length alone, never on the values), so
    row k is the k-th draw's order, ``z[row]`` its shuffled values, for every ``n``.
    A ``RandomState`` of its own: the global generator is not touched."""
    generator = np.random.RandomState(seed)
    return np.stack([generator.permutation(n) for _ in range(permutations)]).astype(np.intp).tobytes()


def moran_test(values, weights, permutations: int = MORAN_PERMUTATIONS, seed: int = MORAN_SEED) -> MoranTest:
    """Moran's I of ``values`` (in the weights' ``id_order``) with esda, row-standardised.

    esda computes I and its expectation. The permutation test is esda's, computed
    here rather than by esda for two reasons: esda's own loop
    (``Moran(..., permutations=...)``) reads the global random state, which the
    caller would have to seed with ``numpy.random.seed`` and so change for the rest
    of the process, and it takes one sparse product per shuffle, drawing the same
    shuffles again for every test. Here the shuffles of ``n`` areas are drawn once
    (:func:`_permutation_positions`) and the statistics of all of them come from
    one sparse product, with esda's formula and order of operations
    (:func:`permuted_morans_i`), so every simulated I, and so every p-value, is the
    one esda's loop gives after ``numpy.random.seed(seed)``, to the last binary
    digit (tests/test_fit_inference.py checks it for 12, 37 and 331 areas, with
    islands). No global random state is read or changed. As in esda, ``weights``
    is row-standardised in place (its ``transform`` set to "r")."""
    from esda.moran import Moran  # heavy; loaded only when a test is run

    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or len(values) != weights.n:
        raise ValueError(f"need one value per area: {weights.n} areas, {values.shape} values")
    if not np.all(np.isfinite(values)):
        raise ValueError("Moran's I needs a finite value for every area")
    if weights.s0 <= 0 or not np.any(values - values.mean()):
        raise ValueError("Moran's I needs some weight and some variation")
    if permutations < 1:
        raise ValueError("the permutation test needs at least one permutation")
    result = Moran(values, weights, transformation="r", permutations=0)
    simulated = permuted_morans_i(values, result.w, permutations, seed)
    upper = float((np.sum(simulated >= result.I) + 1) / (permutations + 1))
    lower = float((np.sum(simulated <= result.I) + 1) / (permutations + 1))
    return MoranTest(i=float(result.I), expected=float(result.EI), p_value=min(1.0, 2 * min(upper, lower)),
                     p_upper=upper, p_lower=lower, n=len(values), n_islands=len(weights.islands),
                     permutations=permutations, seed=seed)


def permuted_morans_i(values, weights, permutations: int = MORAN_PERMUTATIONS, seed: int = MORAN_SEED) -> np.ndarray:
    """Moran's I of each of ``permutations`` shuffles of ``values`` over ``weights``
    (already transformed as the test reads them: row-standardised by esda), the
    shuffles esda draws from ``seed``: esda's ``Moran(...).sim``, all at once."""
    z = np.asarray(values, dtype=float).flatten()
    z = z - z.mean()                                   # as esda: deviations from the mean
    z2ss = (z * z).sum()
    n = len(z)
    positions = np.frombuffer(_permutation_positions(n, permutations, seed), dtype=np.intp)
    shuffled = z[positions.reshape(permutations, n)]   # one shuffle per row (C order)
    lag = np.ascontiguousarray((weights.sparse @ shuffled.T).T)  # each shuffle's spatial lag, a row each
    # Each row summed along its length, as esda sums one shuffle (numpy's pairwise sum),
    # then esda's n / S0 * sum / z'z in its order.
    return n / weights.s0 * (shuffled * lag).sum(axis=1) / z2ss
