"""Inference under the null for the specification curves of the findings that
are a relation between two variables across districts: the three Table 4 fits
and the qualifications divide (Simonsohn, Simmons and Nelson 2020; ``specr``'s
``boot_null``). The other findings are counts or LQs against a cut-off, or the
book's own decade readings, with no relation for a permutation to break (the
claims layer says so for each).

A curve says under how many specifications a finding holds; on its own it
cannot say whether that share is more than chance gives. So the outcome (the
sector's share of jobs; for the divide, the Level 4+ share) is permuted across the areas, which keeps every
district's jobs and every district's qualifications but breaks any link
between them, and the whole curve is re-run: every specification of the
finding re-estimated and re-graded on the permuted data. Repeated
``permutations`` times from a fixed seed, this gives the share of
supporting specifications expected with no relation, and a p-value for the
observed share: the share of permutations whose curve supports the claim at
least as often, counting the observed one (so p is never 0).

One permutation is a relabelling of the districts: it moves each district's
shares, in every year, sector and scale, to another district of the same
universe (the paper's 37, or every district of England and Wales), and every
specification of the draw uses it; a specification over fewer districts keeps
its districts' permuted values.

Speed. Re-running a curve through :func:`placeblind.claims.findings.finding_estimates`
with permuted inputs (:class:`PermutedInputs`, kept as the reference) fits 550
lines per finding with statsmodels, about 2.5 seconds a draw here, so a
hundred draws of three findings would take minutes. The same estimates for all
draws at once are a few matrix products (:func:`curve_estimates`): r-squared of
a least-squares line is the squared (weighted) correlation, and Spearman's rho
is the correlation of ranks. The tests check that both paths give the same
estimate for every specification, unpermuted and permuted.
"""

from __future__ import annotations

import dataclasses
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..cache import cached
from ..measures import log_of_positive, row_correlations, weighted_row_correlations
from .robustness import FITS, Inputs

NULL_PERMUTATIONS = 99      # measured: see the README (the robustness chapter's build-time budget)
NULL_SEED = 20200703        # fixed so every build draws the same permutations
# The choices a fit's specification makes (the dimensions of the fit findings).
FIT_CHOICES = ("bres_year", "census_year", "sample", "outcome_scale", "estimator", "weighting", "denominator")
# The qualifications divide: r between the no-qualifications and Level 4+ shares.
DIVIDE = "attainment_divide"
DIVIDE_CHOICES = ("census_year", "sample", "estimator", "weighting", "denominator")
# Every finding with a null, and the choices its specifications make.
NULL_CHOICES = {**{f: FIT_CHOICES for f in FITS}, DIVIDE: DIVIDE_CHOICES}
# What each null permutes across the areas (its outcome), in words.
PERMUTED = {**{f: "the sector's share of jobs" for f in FITS}, DIVIDE: "the Level 4+ share"}
# The universes a fit's sample is drawn from (its districts are relabelled within them).
UNIVERSES = ("paper_37", "england_and_wales")


def universe_of(inputs: Inputs, sample: str) -> str:
    """The universe (of :data:`UNIVERSES`) whose districts include every district of ``sample``."""
    codes = inputs.samples(sample)
    for universe in UNIVERSES:
        if codes <= inputs.samples(universe):
            return universe
    raise ValueError(f"sample {sample!r} lies in no universe of {UNIVERSES}")


@dataclass(frozen=True)
class SpecData:
    """What one specification of a fit finding fits: x, the outcome y, the
    weights (or None) and the estimator, with the areas' codes and the universe
    whose relabelling permutes y (its areas and their outcome)."""

    x: np.ndarray
    y: np.ndarray
    weights: np.ndarray | None
    estimator: str
    log: bool
    codes: tuple[str, ...]
    universe_codes: tuple[str, ...]
    universe_y: np.ndarray
    residents: np.ndarray | None = None   # residents 16+ of the areas, the weights when weighted


def spec_data(inputs: Inputs, finding_id: str, spec: dict) -> SpecData:
    """The inputs :func:`placeblind.analysis.robustness.fit_estimate` (or, for the
    divide, :func:`~placeblind.analysis.robustness.divide_estimate`) uses for one
    specification (the same :meth:`Inputs.fit_inputs` and :meth:`Inputs.census`),
    and the universe's outcome."""
    if finding_id not in NULL_CHOICES:
        raise ValueError(f"{finding_id!r} has no null; choose one of {', '.join(NULL_CHOICES)}")
    denominator = spec.get("denominator", "all_16plus")
    universe = universe_of(inputs, spec["sample"])
    if finding_id == DIVIDE:
        census = inputs.census(spec["census_year"], universe, denominator)
        whole = census[census.index.isin(inputs.samples(universe))]
        joined = whole if spec["sample"] == universe else whole[whole.index.isin(inputs.samples(spec["sample"]))]
        education, outcome = "pct_no_qualifications", "pct_level4_plus"
    else:
        sector, education = FITS[finding_id]
        outcome = "share_pct"
        whole = inputs.fit_inputs(spec["bres_year"], spec["census_year"], universe, sector, education, denominator)
        joined = whole if spec["sample"] == universe else inputs.fit_inputs(
            spec["bres_year"], spec["census_year"], spec["sample"], sector, education, denominator)
    return SpecData(x=joined[education].to_numpy(float), y=joined[outcome].to_numpy(float),
                    weights=joined["all_16plus"].to_numpy(float) if spec["weighting"] == "residents" else None,
                    estimator=spec["estimator"], log=spec.get("outcome_scale") == "log_share",
                    codes=tuple(joined.index.tolist()), universe_codes=tuple(whole.index.tolist()),
                    universe_y=whole[outcome].to_numpy(float), residents=joined["all_16plus"].to_numpy(float))


def curve_estimates(data: SpecData, outcomes: np.ndarray,
                    outcome_ranks: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """r-squared (rho squared for Spearman) and the direction (+1 or -1) of the fit
    of each row of ``outcomes`` (draws by areas, in ``data``'s area order) on x.
    ``outcome_ranks``: the ranks of each row of ``outcomes`` (``rankdata`` along the
    rows) where the caller has them already; read by Spearman's rho on the outcomes as
    they are (not on the log scale, which ranks its own values)."""
    x, y = data.x, np.atleast_2d(np.asarray(outcomes, dtype=float))
    if data.log:
        if np.any(y <= 0):
            # A district without the sector has no log share and leaves that draw's fit (log_of_positive).
            return _masked_estimates(data, y)
        y = np.log(y)
    if data.estimator == "spearman":
        from scipy.stats import rankdata  # loaded only when rank correlations are asked for

        ranked = outcome_ranks if outcome_ranks is not None and not data.log else rankdata(y, axis=1)
        r = row_correlations(np.broadcast_to(rankdata(x), y.shape), ranked)
    elif data.weights is not None:
        r = weighted_row_correlations(x, y, data.weights)
    else:
        r = row_correlations(np.broadcast_to(x, y.shape), y)
    return r * r, np.sign(r)


def _masked_estimates(data: SpecData, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    estimates, directions = np.empty(len(y)), np.empty(len(y))
    for i, row in enumerate(y):
        log_y, x, weights = log_of_positive(row, data.x, data.weights)
        part = SpecData(x, log_y, weights, data.estimator, False, (), (), np.empty(0))
        estimates[i], directions[i] = (v[0] for v in curve_estimates(part, log_y[None, :]))
    return estimates, directions


@cached(inputs=False, maxsize=16)  # the arguments are the whole key: no data behind it
def relabellings(universe_codes: tuple[str, ...], permutations: int, seed: int) -> np.ndarray:
    """``permutations`` rows, each a permutation of the universe's areas (row i:
    area j takes the outcome of area ``rows[i, j]``). Seeded by ``seed`` and the
    areas themselves, so every specification over the same universe gets the same
    relabellings, in every build."""
    key = zlib.crc32("|".join(universe_codes).encode())
    rng = np.random.default_rng([seed, key])
    rows = rng.permuted(np.tile(np.arange(len(universe_codes)), (permutations, 1)), axis=1)
    rows.setflags(write=False)
    return rows


def permuted_outcomes(data: SpecData, permutations: int, seed: int) -> np.ndarray:
    """The specification's outcome under each relabelling of its universe (draws by areas)."""
    rows = relabellings(data.universe_codes, permutations, seed)
    position = {code: i for i, code in enumerate(data.universe_codes)}
    mine = np.array([position[c] for c in data.codes])
    return data.universe_y[rows[:, mine]]


def null_estimates(finding_id: str, specs: pd.DataFrame, permutations: int = NULL_PERMUTATIONS,
                   seed: int = NULL_SEED, inputs: Inputs | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The estimate and direction of every specification of a finding with a null
    (``specs``: one row each, with the finding's choices, :data:`NULL_CHOICES`)
    under each permutation (arrays: draws by specifications, in the order of
    ``specs``). The estimate is r-squared (rho squared), as the fits report it;
    the divide's r is the direction times its square root."""
    if finding_id not in NULL_CHOICES:
        raise ValueError(f"{finding_id!r} has no null; choose one of {', '.join(NULL_CHOICES)}")
    if permutations < 1:
        raise ValueError("the null needs at least one permutation")
    choices = NULL_CHOICES[finding_id]
    missing = set(choices) - set(specs.columns)
    if missing:
        raise ValueError(f"the specifications lack the finding's choices {sorted(missing)}")
    inputs = inputs or Inputs()
    estimates = np.empty((permutations, len(specs)))
    directions = np.empty((permutations, len(specs)))
    # Specifications that differ only in scale, estimator or weighting share their areas and
    # permuted outcomes: built once per BRES year, census year, sample and denominator.
    shared: dict[tuple, tuple[SpecData, tuple]] = {}
    # The permuted outcomes, and their ranks for Spearman's rho, once per distinct outcome
    # (areas and values): the two denominators change x alone, and a Table 4 null's 256
    # rank correlations read 76 distinct outcomes (ranking them was half the null's time).
    outcomes_of: dict[tuple, np.ndarray] = {}
    ranks_of: dict[tuple, np.ndarray] = {}
    for j, values in enumerate(specs[list(choices)].itertuples(index=False)):
        spec = dict(zip(choices, values))
        key = (spec.get("bres_year"), spec["census_year"], spec["sample"], spec["denominator"])
        if key not in shared:
            base = spec_data(inputs, finding_id, spec)
            outcome = (base.universe_codes, base.codes, base.universe_y.tobytes())
            if outcome not in outcomes_of:
                outcomes_of[outcome] = permuted_outcomes(base, permutations, seed)
            shared[key] = (base, outcome)
        base, outcome = shared[key]
        data = dataclasses.replace(base, weights=base.residents if spec["weighting"] == "residents" else None,
                                   estimator=spec["estimator"], log=spec.get("outcome_scale") == "log_share")
        ranks = None
        if data.estimator == "spearman" and not data.log:
            if outcome not in ranks_of:
                from scipy.stats import rankdata  # loaded only when rank correlations are asked for

                ranks_of[outcome] = rankdata(outcomes_of[outcome], axis=1)
            ranks = ranks_of[outcome]
        estimates[:, j], directions[:, j] = curve_estimates(data, outcomes_of[outcome], ranks)
    return estimates, directions


def null_summary(observed: np.ndarray, null: np.ndarray) -> dict:
    """The observed share of supporting specifications against the null: ``observed``
    (one bool per specification), ``null`` (draws by specifications). ``p_value`` is
    the share of draws supporting at least as often as observed, the observed curve
    counted among them."""
    observed_share = float(np.mean(observed))
    shares = np.asarray(null, dtype=bool).mean(axis=1)
    return {"n_specifications": int(np.size(observed)), "observed_share": observed_share,
            "null_mean_share": float(shares.mean()), "null_share_p95": float(np.percentile(shares, 95)),
            "p_value": float((1 + np.sum(shares >= observed_share - 1e-12)) / (1 + len(shares))),
            "n_permutations": int(len(shares))}


class PermutedInputs(Inputs):
    """:class:`Inputs` whose sector shares are relabelled across each universe's
    districts by draw ``draw`` of :func:`relabellings`: run through
    :func:`placeblind.claims.findings.finding_estimates`, it re-runs a curve on
    permuted data by the chapters' own code (slow; the reference the fast path is tested against)."""

    def __init__(self, draw: int, permutations: int = NULL_PERMUTATIONS, seed: int = NULL_SEED):
        super().__init__()
        self._draw, self._permutations, self._seed = draw, permutations, seed

    def fit_inputs(self, bres_year: str, census_year: str, sample: str, sector: str, education: str,
                   denominator: str = "all_16plus") -> pd.DataFrame:
        whole = super().fit_inputs(bres_year, census_year, universe_of(self, sample), sector, education, denominator)
        rows = relabellings(tuple(whole.index.tolist()), self._permutations, self._seed)[self._draw]
        permuted = whole.assign(share_pct=whole["share_pct"].to_numpy()[rows])
        return permuted[permuted.index.isin(self.samples(sample))]
