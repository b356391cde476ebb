"""Moran's I of values over areas, with a permutation p-value.

Written here rather than taken from esda/libpysal: the book needs one statistic
on at most a few dozen areas, the formula is a few lines, and those packages
would add a dependency stack for it. The tests check it against cases worked
by hand.
"""

from __future__ import annotations

import numpy as np

MORAN_PERMUTATIONS = 9999
MORAN_SEED = 20200702  # fixed so every build draws the same permutations


def row_standardised(adjacency: np.ndarray) -> np.ndarray:
    """Each row of a 0/1 adjacency matrix divided by its sum; an area with no
    neighbour (an island) keeps a row of zeros and so adds nothing to Moran's I."""
    adjacency = np.asarray(adjacency, dtype=float)
    if adjacency.ndim != 2 or adjacency.shape[0] != adjacency.shape[1]:
        raise ValueError("the adjacency matrix must be square")
    if not np.allclose(adjacency, adjacency.T):
        raise ValueError("the adjacency matrix must be symmetric")
    if np.any(np.diag(adjacency) != 0):
        raise ValueError("an area cannot be its own neighbour")
    sums = adjacency.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(sums > 0, adjacency / sums, 0.0)


def morans_i(values: np.ndarray, weights: np.ndarray) -> float:
    """Moran's I = (n / S0) * z'Wz / z'z, z the deviations from the mean, S0 the sum of the weights."""
    z = np.asarray(values, dtype=float) - np.mean(values)
    weights = np.asarray(weights, dtype=float)
    if weights.shape != (len(z), len(z)):
        raise ValueError("weights must be an n by n matrix for n values")
    if weights.sum() <= 0 or not np.any(z):
        raise ValueError("Moran's I needs some weight and some variation")
    return float(len(z) / weights.sum() * (z @ weights @ z) / (z @ z))


def morans_i_test(values: np.ndarray, weights: np.ndarray, permutations: int = MORAN_PERMUTATIONS,
                  seed: int = MORAN_SEED) -> tuple[float, float, float]:
    """Moran's I, its expectation under no spatial pattern (-1/(n-1)) and a
    one-sided permutation p-value for positive autocorrelation: the share of
    random reassignments of the values to the areas whose I is at least the
    observed one, counting the observed one (so p is never 0).

    One-sided because positive autocorrelation (neighbours alike) is what makes
    independent-error p-values too small; negative autocorrelation does not.
    """
    values = np.asarray(values, dtype=float)
    observed = morans_i(values, weights)
    rng = np.random.default_rng(seed)
    z = values - values.mean()
    shuffled = np.array([rng.permutation(z) for _ in range(permutations)])
    simulated = len(z) / weights.sum() * np.einsum("ij,jk,ik->i", shuffled, weights, shuffled) / (z @ z)
    at_least = np.sum(simulated >= observed - 1e-12)
    return observed, -1.0 / (len(z) - 1), float((at_least + 1) / (permutations + 1))
