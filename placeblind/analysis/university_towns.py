"""P47's reading against a null: is the health and education share of the
university districts higher than a random set of as many study districts would
give? The university label is permuted across the study districts (seeded), and
the same gap is computed for education alone, which teaching hospitals (mostly
in university cities, and a large part of health jobs) cannot inflate."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..data.universities import university_districts

# Seed of the permutations (a fixed seed: the same p-value in every build).
UNIVERSITY_PERMUTATION_SEED = 20200047
N_PERMUTATIONS = 9999


def median_gaps(values: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Median of ``values`` where ``labels`` is True minus the median where it is
    False, for each row of ``labels`` (one labelling per row; every row labels as
    many areas, as relabellings of one labelling do, and at least one on each side)."""
    values = np.asarray(values, dtype=float)
    labels = np.atleast_2d(np.asarray(labels, dtype=bool))
    counts = labels.sum(axis=1)
    if np.isnan(values).any():
        raise ValueError("the values must not be missing")
    if (counts != counts[0]).any() or not 0 < counts[0] < labels.shape[1]:
        raise ValueError("every labelling must label as many areas, and leave some unlabelled")
    # Each side gathered as one row per labelling (a boolean selection keeps each row's
    # values together, in order) and NumPy's median taken along the rows: the
    # medians nanmedian gives of the same values with the other side set to NaN, to
    # the last digit (tested), in a quarter of its time (its masked arrays took a
    # second of make tables' 9,999-draw nulls).
    every = np.broadcast_to(values, labels.shape)
    return (np.median(every[labels].reshape(len(labels), -1), axis=1)
            - np.median(every[~labels].reshape(len(labels), -1), axis=1))


def permutation_p(values: pd.Series, labelled: pd.Series, n: int = N_PERMUTATIONS,
                  seed: int = UNIVERSITY_PERMUTATION_SEED) -> tuple[float, float]:
    """The observed median gap (labelled minus the rest) and its one-sided
    permutation p-value: the share of random relabellings (the same number of
    districts labelled, ``n`` draws, seeded) whose gap is at least as large,
    counting the observed labelling itself ((1 + k) / (1 + n))."""
    x = values.to_numpy(float)
    label = labelled.reindex(values.index).to_numpy(bool)
    observed = float(median_gaps(x, label)[0])
    rng = np.random.default_rng(seed)
    draws = rng.permuted(np.tile(label, (n, 1)), axis=1)
    k = int((median_gaps(x, draws) >= observed - 1e-12).sum())
    return observed, (1 + k) / (1 + n)


def university_gap(shares: pd.DataFrame, towns: Iterable[str] | None = None) -> dict:
    """For a district (rows, by name) by sector table of shares (per cent of
    jobs; one vintage, or the 2017-2019 mean) and the university districts
    (default: the catalogued list): ``n_university``, ``n_other``, the median
    health and education share in each group, ``gap_pp`` and ``p_value``
    (health and education together), and ``education_gap_pp`` and
    ``education_p_value`` (education alone)."""
    towns = university_districts() if towns is None else tuple(towns)
    missing = sorted(set(towns) - set(shares.index))
    if missing:
        raise KeyError(f"university districts {missing} are not in the shares table")
    town = pd.Series(shares.index.isin(towns), index=shares.index)
    combined = shares["Health"] + shares["Education"]
    gap, p = permutation_p(combined, town)
    education_gap, education_p = permutation_p(shares["Education"], town)
    return {"n_university": int(town.sum()), "n_other": int((~town).sum()),
            "university_median_pct": float(combined[town].median()),
            "other_median_pct": float(combined[~town].median()),
            "gap_pp": gap, "p_value": p, "education_gap_pp": education_gap, "education_p_value": education_p,
            "n_permutations": N_PERMUTATIONS}
