"""How robust each verdict is: every headline finding graded under every
specification, the share of specifications under which the published claim
holds, and the single choices that move it.

Estimates come from :mod:`placeblind.analysis.robustness`. A specification
*supports* the published claim when the claim's own object (:mod:`.claim`; the
same object, with the same parameters, that grades the claim in the ledger)
grades the specification's view 'reproduced' or 'close'. The decade-on findings
test no published claim but the book's own main reading (the decade chapter's):
a specification supports it when the decade chapter's reading rule, applied to
the specification, gives the same word.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analysis.robustness import Inputs
from ..analysis.robustness_null import PERMUTED
from ..analysis.specifications import DIMENSION_LABELS, LEAVE_OUT_SAMPLES, weighed_as
from ..analysis.specifications import dimensions as space_dimensions
from ..cache import cached
from . import blog
from .claim import SUPPORTING, ClaimRule, Grade  # noqa: F401  (SUPPORTING: read from here)
from .claim_regions import CorrelationView  # noqa: F401  (read from here)
from .findings import FINDINGS, SCEPTIC_CHOICES, SCEPTIC_NOT_APPLIED, Finding, finding, finding_estimates
from .robustness_null import COLUMNS as NULL_COLUMNS
from .robustness_null import NULL_FINDINGS, chance_reading, finding_null, main_curve

# Every claim object, by id (the findings' claims and the blog's others): the ledger's own objects.
CLAIMS: dict[str, ClaimRule] = {**{f.claim_id: f.claim for f in FINDINGS if f.claim is not None},
                                **{c.claim_id: c for c in blog.CLAIM_OBJECTS}}


# A finding is robust when no single choice overturns its main verdict and at
# least this share of all specifications agree with it.
ROBUST_SHARE = 0.8


def claim_of(finding_id: str) -> ClaimRule:
    """The claim object a finding tests (an error for the book's own readings)."""
    item = finding(finding_id)
    if item.claim is None:
        raise ValueError(f"finding {finding_id!r} tests no claim of the ledger")
    return item.claim


@cached(disk=True, maxsize=1)
def main_readings() -> dict[str, str]:
    """The decade chapter's own readings, which the decade-on findings test."""
    return {f.finding: f.main_reading() for f in FINDINGS if f.own_reading}


def specification_reading(inputs: Inputs, finding_id: str, spec: dict, estimate: float) -> str:
    """The decade chapter's reading rule applied to one specification (the finding's ``reading``)."""
    item = finding(finding_id)
    if not item.own_reading:
        raise ValueError(f"{finding_id!r} is not one of the book's own readings")
    return item.reading(inputs, spec, estimate)


def grade_specification(inputs: Inputs, item: Finding, spec: dict, estimate: float, direction: float) -> Grade:
    """The finding's claim object's grade of the view the specification gives."""
    return item.claim.grade(item.view(inputs, spec, estimate, direction))


@cached(disk=True, maxsize=1)
def curves() -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """:func:`graded_estimates` and :func:`robustness_null`, computed together: the
    null re-runs four of the curves on permuted data, from the same inputs (one
    :class:`Inputs`), which it would otherwise gather again."""
    inputs = Inputs()
    graded = _graded(inputs)
    return graded, _null(graded, inputs)


def graded_estimates() -> dict[str, pd.DataFrame]:
    """Every finding's specifications with ``estimate``, ``direction``, ``verdict``
    (the claim's grade; empty for the book's own readings), ``graded_value`` (the
    value the claim's rule graded) and ``supports_published``."""
    return curves()[0]


def _graded(inputs: Inputs) -> dict[str, pd.DataFrame]:
    out = {}
    for item in FINDINGS:
        frame = finding_estimates(item, inputs)
        dims = list(item.dimensions)
        specs = [dict(zip(dims, values)) for values in frame[dims].itertuples(index=False)]
        if item.own_reading:
            main = main_readings()[item.finding]
            frame["verdict"] = ""
            frame["graded_value"] = frame["estimate"]
            frame["supports_published"] = [item.reading(inputs, spec, est) == main
                                           for spec, est in zip(specs, frame["estimate"])]
            reads = [None] * len(specs)
        else:
            views = [item.view(inputs, spec, est, sign)
                     for spec, est, sign in zip(specs, frame["estimate"], frame["direction"])]
            grades = [item.claim.grade(view) for view in views]
            frame["verdict"] = [g.verdict for g in grades]
            frame["graded_value"] = [g.value for g in grades]
            frame["supports_published"] = [g.supports for g in grades]
            reads = [item.claim.reads(view) for view in views]
        frame["curve"] = ["leave out" if spec.get("sample") in LEAVE_OUT_SAMPLES else "main" for spec in specs]
        frame["duplicate_of"] = duplicates(frame["specification_id"], reads, frame["curve"])
        out[item.finding] = frame
    return out


def duplicates(ids: pd.Series, reads: list, curves: pd.Series) -> list[str]:
    """For each specification, the first one of the same curve whose claim reads
    exactly the same values (one specification counted again: say, two 2-digit
    thresholds that give the same division lists), else ''. ``reads`` of None
    (a count, which cannot tell) never matches."""
    first: dict = {}
    out = []
    for spec_id, read, curve in zip(ids, reads, curves):
        if read is None:
            out.append("")
            continue
        key = (curve, read)
        if key in first:
            out.append(first[key])
        else:
            first[key] = spec_id
            out.append("")
    return out


def equal_weights(frame: pd.DataFrame, dimensions: list[str]) -> np.ndarray:
    """Weights (summing to 1) under which every choice of every dimension that
    varies carries the same total weight (near-duplicate values weighed as one,
    :func:`weighed_as`): iterative proportional fitting (raking) of one weight
    per specification to equal margins. Hand-written: a few lines of numpy, where
    a survey-weighting package would be a dependency for one loop."""
    weights = np.ones(len(frame))
    codes = []
    for dimension in dimensions:
        values = frame[dimension]   # each value looked up once (a cached call each), not once per row
        groups = values.map({value: weighed_as(dimension, value) for value in values.unique()})
        if groups.nunique() > 1:
            codes.append(pd.factorize(groups)[0])
    for _ in range(500):
        before = weights.copy()
        for code in codes:
            totals = np.bincount(code, weights=weights)
            weights = weights * (weights.sum() / len(totals) / totals)[code]
        # np.allclose(weights, before, rtol=1e-12, atol=0) for finite weights, without its
        # checks for infinities (a third of each step's time, and 500 steps where no finding converges)
        if (np.abs(weights - before) <= 1e-12 * np.abs(before)).all():
            break
    return weights / weights.sum()


def robustness_table() -> pd.DataFrame:
    """One row per finding and specification: ``finding``, ``specification_id``, one
    column per dimension (empty where the dimension does not bear on the
    finding), ``main``, ``estimate``, ``verdict`` (the claim's grade, empty for the
    book's own readings), ``graded_value`` (what the claim's rule graded),
    ``supports_published``, ``curve`` ('main', or 'leave out' for the samples
    that leave one authority or Cambridge out, counted apart) and
    ``duplicate_of`` (the earlier specification of the same curve whose claim
    reads exactly the same values, else empty)."""
    dimensions = list(dict.fromkeys(space_dimensions()["dimension"]))
    frames = [frame.assign(finding=finding_id) for finding_id, frame in graded_estimates().items()]
    table = pd.concat(frames, ignore_index=True)
    for dimension in dimensions:
        table[dimension] = table[dimension].fillna("") if dimension in table else ""
    return table[["finding", "specification_id", *dimensions, "main", "estimate", "verdict", "graded_value",
                  "supports_published", "curve", "duplicate_of"]]


def one_at_a_time(frame: pd.DataFrame, dimensions: list[str]) -> pd.DataFrame:
    """The specifications that differ from the main one in exactly one choice:
    ``dimension``, ``value``, ``estimate``, ``change`` (from the main estimate),
    ``graded_value`` (what the claim's rule graded there), ``flips`` (support
    differs from the main specification's)."""
    main = frame[frame["main"]].iloc[0]
    differs = frame[dimensions].ne(main[dimensions])
    single = frame[differs.sum(axis=1) == 1]
    rows = []
    for index, spec in single.iterrows():
        dimension = differs.columns[differs.loc[index]][0]
        rows.append({"dimension": dimension, "value": spec[dimension], "estimate": float(spec["estimate"]),
                     "change": float(spec["estimate"] - main["estimate"]),
                     "graded_value": float(spec.get("graded_value", spec["estimate"])),
                     "flips": bool(spec["supports_published"] != main["supports_published"])})
    return pd.DataFrame(rows, columns=["dimension", "value", "estimate", "change", "graded_value", "flips"])


def choice_label(dimension: str, value: str) -> str:
    space = space_dimensions()
    label = space.loc[(space["dimension"] == dimension) & (space["value"] == value), "label"]
    return f"{DIMENSION_LABELS[dimension]}: {label.iloc[0]}"


def reading(main_supports: bool, share: float, flips: list[str]) -> str:
    """What the curve says about a finding, from its main verdict, its share of
    supporting specifications and the single choices that overturn it."""
    if main_supports:
        if flips:
            return "holds, but rests on one choice"
        return "robust" if share >= ROBUST_SHARE else "holds, but not across combinations of choices"
    if flips:
        return "does not hold, but one choice would reverse that"
    return "robustly not supported" if share <= 1 - ROBUST_SHARE else "does not hold in the main specification"


def summarise(frame: pd.DataFrame, dimensions: list[str]) -> dict:
    """One finding's row of the summary (see :func:`robustness_summary`), from
    its main curve (the specifications with ``curve`` 'main', if marked)."""
    if "curve" in frame:
        frame = frame[frame["curve"] == "main"]
    main = frame[frame["main"]].iloc[0]
    single = one_at_a_time(frame, dimensions)
    share = float(frame["supports_published"].mean())
    distinct = frame[frame["duplicate_of"] == ""] if "duplicate_of" in frame else frame
    supports = distinct["supports_published"].to_numpy(bool)
    flips = [choice_label(r.dimension, r.value) for r in single[single["flips"]].itertuples()]
    if single.empty:
        decisive, decisive_estimate, decisive_graded = "", float("nan"), float("nan")
    else:
        # The flipping choices first, then the largest move of the estimate.
        top = single.assign(size=single["change"].abs()).sort_values(["flips", "size"], ascending=False,
                                                                      kind="stable").iloc[0]
        decisive, decisive_estimate = choice_label(top["dimension"], top["value"]), float(top["estimate"])
        decisive_graded = float(top["graded_value"])
    return {"n_specifications": len(frame), "n_distinct": len(distinct),
            "share_distinct": float(supports.mean()),
            "share_equal_weight": float((equal_weights(distinct, dimensions) * supports).sum()),
            "main_estimate": float(main["estimate"]),
            "min_estimate": float(frame["estimate"].min()), "max_estimate": float(frame["estimate"].max()),
            "share_supporting": share, "main_supports": bool(main["supports_published"]),
            "main_verdict": str(main.get("verdict", "")),
            "main_graded_value": float(main.get("graded_value", main["estimate"])),
            "decisive_choice": decisive, "decisive_estimate": decisive_estimate,
            "decisive_graded_value": decisive_graded,
            "single_choices_that_flip": "; ".join(flips),
            "reading": reading(bool(main["supports_published"]), share, flips)}


def robustness_null() -> pd.DataFrame:
    """One row per finding with a null (:data:`NULL_FINDINGS`): ``finding``,
    ``n_specifications``, ``observed_share`` (of specifications supporting the
    claim, as in ``robustness_summary``), ``null_mean_share`` (the share expected
    with no relation: the mean over permutations of the outcome across areas),
    ``null_share_p95`` (95th percentile of those shares), ``p_value`` (share of
    permutations supporting at least as often as observed, the observed curve
    counted), ``n_permutations`` and ``seed``."""
    return curves()[1]


def _null(graded: dict[str, pd.DataFrame], inputs: Inputs) -> pd.DataFrame:
    rows = []
    for finding_id in NULL_FINDINGS:
        real = graded[finding_id]
        real = real[real["curve"] == "main"]
        if list(real["specification_id"]) != list(main_curve(finding_id)["specification_id"]):
            raise ValueError(f"{finding_id}: the null's specifications are not the chapter's")
        rows.append(finding_null(finding_id, real["supports_published"].to_numpy(bool), inputs=inputs))
    return pd.DataFrame(rows, columns=NULL_COLUMNS)


@cached(disk=True, maxsize=1)  # read by the chapter's facts, its table, the ledger's notes and the exports
def robustness_summary() -> pd.DataFrame:
    """One row per finding, over its main curve (the leave-out samples are
    :func:`leave_out_summary`): ``finding``, ``claim_id`` (empty for the book's own
    readings), ``title``, ``published`` (for a finding with ``own_reading``, the
    book's main reading), ``own_reading``, ``main_reading`` (that reading's word,
    else empty), ``estimate_label``, ``n_specifications``, ``main_estimate``,
    ``n_distinct`` (specifications left when one whose claim reads exactly what
    an earlier one reads is counted once), ``share_distinct`` (the share over
    those), ``share_equal_weight`` (over those, each choice of each dimension
    given equal weight, :func:`equal_weights`), ``min_estimate``,
    ``max_estimate``, ``share_supporting``, ``main_supports``,
    ``main_verdict`` (the claim's grade at the main specification, the ledger's;
    empty for the book's own readings), ``main_graded_value`` (the value that
    rule graded), ``decisive_choice`` (the single change from the main
    specification that overturns its verdict, or else that moves the estimate
    most) with ``decisive_estimate`` (the estimate under it) and
    ``decisive_graded_value``, ``single_choices_that_flip`` and ``reading``;
    against the permutation null (:func:`robustness_null`, for the findings that
    are a relation between two variables): ``has_null``, ``null_mean_share`` (the
    share of supporting specifications expected with no relation),
    ``null_share_p95``, ``null_p_value``, ``null_permutations``, ``chance_reading``
    (''more than chance would give'' when p < 0.05, ''no more than chance would
    give'' otherwise, empty without a null) and ``null_note`` (what is permuted,
    or why the finding has no null)."""
    graded = graded_estimates()
    own = main_readings()
    nulls = robustness_null().set_index("finding")
    rows = []
    for item in FINDINGS:
        published = f"the book's reading: {own[item.finding]}" if item.own_reading else item.published
        row = {"finding": item.finding, "claim_id": item.claim_id, "title": item.title, "published": published,
               "own_reading": item.own_reading, "main_reading": own.get(item.finding, ""),
               "estimate_label": item.estimate_label}
        row.update(summarise(graded[item.finding], list(item.dimensions)))
        row.update(null_columns(item, nulls, row["share_supporting"]))
        rows.append(row)
    return pd.DataFrame(rows)


NAN = float("nan")


def null_columns(item: Finding, nulls: pd.DataFrame, share: float) -> dict:
    """A finding's columns against the null (see :func:`robustness_summary`)."""
    if item.finding not in NULL_FINDINGS:
        return {"has_null": False, "null_mean_share": NAN, "null_share_p95": NAN, "null_p_value": NAN,
                "null_permutations": 0, "chance_reading": "", "null_note": item.null_reason()}
    row = nulls.loc[item.finding]
    if abs(row["observed_share"] - share) > 1e-12:
        raise ValueError(f"{item.finding}: the null's observed share is not the summary's")
    return {"has_null": True, "null_mean_share": float(row["null_mean_share"]),
            "null_share_p95": float(row["null_share_p95"]), "null_p_value": float(row["p_value"]),
            "null_permutations": int(row["n_permutations"]), "chance_reading": chance_reading(row["p_value"]),
            "null_note": f"{PERMUTED[item.finding]} permuted across districts, {int(row['n_permutations'])} times"}


@cached(maxsize=1)  # read by the chapter's findings and by its own registered table: computed once
def leave_out_summary() -> pd.DataFrame:
    """The sensitivity to leaving a few of the paper's districts out, one row per
    finding with such samples: ``finding``, ``claim_id``, ``title``,
    ``n_specifications``, ``share_supporting`` (over those specifications),
    ``samples_that_flip`` (the samples whose single change from the main
    specification overturns its verdict, '; '-joined)."""
    graded = graded_estimates()  # (each call hands out a copy of every curve: read once)
    rows = []
    for item in FINDINGS:
        frame = graded[item.finding]
        out = frame[frame["curve"] == "leave out"]
        if out.empty:
            continue
        main = frame[frame["main"]].iloc[0]
        others = [d for d in item.dimensions if d != "sample"]
        single = out[(out[others] == main[others]).all(axis=1)]
        flips = single[single["supports_published"] != main["supports_published"]]
        rows.append({"finding": item.finding, "claim_id": item.claim_id, "title": item.title,
                     "n_specifications": len(out), "share_supporting": float(out["supports_published"].mean()),
                     "samples_that_flip": "; ".join(choice_label("sample", v) for v in flips["sample"])})
    return pd.DataFrame(rows, columns=["finding", "claim_id", "title", "n_specifications", "share_supporting",
                                       "samples_that_flip"])


def sceptic_inventory() -> pd.DataFrame:
    """Where the sceptic's three choices (:data:`SCEPTIC_CHOICES`: London left out,
    the relative scale, the known-level denominator) are choices of a finding's
    curve: one row per finding and choice, ``finding``, ``claim_id``, ``title``,
    ``choice``, ``applies``, ``as_choice`` (the dimensions and values that make it),
    ``n_specifications`` (of the finding's specifications, those that take it)
    and ``why_not`` (where it is not a choice, :data:`SCEPTIC_NOT_APPLIED`)."""
    graded = graded_estimates()  # (each call hands out a copy of every curve: read once)
    rows = []
    for item in FINDINGS:
        frame = graded[item.finding]
        for choice, values in SCEPTIC_CHOICES.items():
            taken = [(d, v) for d, v in values if d in frame and (frame[d] == v).any()]
            reason = SCEPTIC_NOT_APPLIED.get((item.finding, choice), "")
            if bool(taken) == bool(reason):
                raise ValueError(f"{item.finding}: the choice {choice!r} must be taken or have a reason, not "
                                 f"{'both' if taken else 'neither'}")
            chosen = np.zeros(len(frame), dtype=bool)
            for d, v in taken:
                chosen |= (frame[d] == v).to_numpy()
            rows.append({"finding": item.finding, "claim_id": item.claim_id, "title": item.title, "choice": choice,
                         "applies": bool(taken), "as_choice": "; ".join(choice_label(d, v) for d, v in taken),
                         "n_specifications": int(chosen.sum()), "why_not": reason})
    return pd.DataFrame(rows, columns=["finding", "claim_id", "title", "choice", "applies", "as_choice",
                                       "n_specifications", "why_not"])


def claim_support_shares() -> dict[str, float]:
    """Claim id -> share of its finding's specifications under which it holds."""
    summary = robustness_summary()
    claims = summary[~summary["own_reading"]]  # the book's own readings are not in the ledger
    return dict(zip(claims["claim_id"], claims["share_supporting"]))


def ledger_robustness() -> dict[str, str]:
    """Claim id -> the ledger's robustness note: the share of specifications under
    which the claim holds and, when one choice overturns the verdict, which."""
    notes = {}
    for row in robustness_summary().itertuples():
        if row.own_reading:
            continue  # not a claim of the ledger
        note = (f"holds in {100 * row.share_supporting:.0f}% of {row.n_specifications} specifications "
                f"({100 * row.share_equal_weight:.0f}% with each choice given equal weight")
        if row.has_null:
            note += (f"; {100 * row.null_mean_share:.0f}% expected with no relation, p = {row.null_p_value:.2f}: "
                     f"{row.chance_reading}")
        else:
            note += f"; no permutation null: {row.null_note}"
        note += f"); {row.reading}"
        if row.single_choices_that_flip:
            note += f" ({row.single_choices_that_flip})"
        notes[row.claim_id] = note
    return notes
