"""How robust each verdict is: every headline finding graded under every
specification, the share of specifications under which the published claim
holds, and the single choices that move it.

Estimates come from :mod:`placeblind.analysis.robustness`. A specification
*supports* the published claim when the claim's own rule grades it
'reproduced' or 'close': the blog's claims by their rules in
:mod:`placeblind.claims.blog` (read off each specification's LQs, and tested
to agree with the claims' own tests on every specification); the paper's
through the ledger's rules (its margins, its readings of 'many' and 'modest').
The decade-on findings test no published claim but the book's own main reading
(the decade chapter's): a specification supports it when the decade chapter's
reading rule, applied to the specification, gives the same word.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.decade import convergence, divide, divide_reading, fits_2011_2021, link_change, strength_reading
from ..analysis.is8_regions import WEST_MIDLANDS_ITL1, WEST_MIDLANDS_METRO, group_lq
from ..analysis.robustness import ADVANCED_MANUFACTURING, DECADE_LINK, REGION_COUNTS, Inputs, all_estimates
from ..analysis.specifications import DIMENSION_LABELS, DIMENSIONS, FINDINGS, finding, main_value
from ..cache import cached
from ..data.geography import itl2_names
from .blog import ALL_EIGHT_REGIONS, NO_SPECIALISM_REGIONS
from .blog import _claims as blog_claim_list
from .rules import LQ_MARGIN as MARGIN
from .rules import correlation_verdict, list_verdict

SUPPORTING = ("reproduced", "close")


# A finding is robust when no single choice overturns its main verdict and at
# least this share of all specifications agree with it.
ROBUST_SHARE = 0.8


# Findings graded by a blog claim's own test, on the specification's LQs.
BLOG_TESTED = {"greater_manchester_none", "west_midlands_none", "west_midlands_manufacturing",
               "five_without_specialism", "all_eight"}


def band_verdict(values: pd.Series, lows: pd.Series, highs: pd.Series, low: float, high: float) -> str:
    """The co-location rule of the ledger (claim B06): reproduced when every
    coefficient lies in the band, close when every interval overlaps it."""
    if values.between(low, high).all():
        return "reproduced"
    return "close" if ((highs >= low) & (lows <= high)).all() else "differs"


@cached(maxsize=1)
def main_readings() -> dict[str, str]:
    """The decade chapter's own readings, which the decade-on findings test."""
    return {"decade_divide": divide("level4_plus")["reading"],
            "decade_convergence": str(convergence().set_index("sample").loc["all_districts", "reading"]),
            "decade_link": link_change(fits_2011_2021(), *DECADE_LINK)["reading"]}


def specification_reading(inputs: Inputs, finding_id: str, spec: dict, estimate: float) -> str:
    """The decade chapter's reading rule applied to one specification: the divide
    by the one spread it measures, convergence by the slope's interval, the link by
    its two r-squared values."""
    if finding_id == "decade_divide":
        return divide_reading(estimate > 0, estimate > 0)
    if finding_id == "decade_convergence":
        return inputs.convergence(spec)["reading"]
    if finding_id == "decade_link":
        return strength_reading(*inputs.link(spec))
    raise ValueError(f"{finding_id!r} is not one of the book's own readings")


def _supports(inputs: Inputs, finding_id: str, spec: dict, estimate: float, direction: float) -> bool:
    item = finding(finding_id)
    if item.own_reading:
        return specification_reading(inputs, finding_id, spec, estimate) == main_readings()[finding_id]
    if finding_id == "attainment_divide":  # the estimate is r
        return correlation_verdict(item.published_low, estimate, 2)[0] in SUPPORTING
    if finding_id in ("professional_below_one", "digital_below_one"):
        return estimate > item.published_low  # more than half of the districts
    if finding_id in ("table4_professional", "table4_digital"):  # the estimate is r-squared, the sign direction
        r = direction * estimate ** 0.5
        return correlation_verdict(item.published_low, r, 2)[0] in SUPPORTING
    if finding_id == "manufacturing_no_qualifications":
        return direction > 0 and item.published_low <= estimate < item.published_high
    if finding_id == "manufacturing_largest":
        return estimate == item.published_low
    if finding_id == "service_colocation":
        table = inputs.services(spec)
        column = spec["estimator"]
        return band_verdict(table[column], table[f"{column}_low"], table[f"{column}_high"],
                            item.published_low, item.published_high) in SUPPORTING
    if finding_id in BLOG_TESTED:
        return blog_rule_supports(inputs, finding_id, spec)
    raise ValueError(f"no rule for finding {finding_id!r}")


def _cutoff(spec: dict) -> float:
    return float(spec.get("lq_cutoff", main_value("lq_cutoff")))


def claim_test_supports(inputs: Inputs, finding_id: str, spec: dict) -> bool:
    """The blog claim's own test (:mod:`placeblind.claims.blog`) run on the
    specification's LQs: the reference :func:`blog_rule_supports` must agree with.
    LQ > c is LQ / c > 1, so the test applies a cut-off c unchanged."""
    test = {c.claim_id: c.test for c in blog_claim_list()}[finding(finding_id).claim_id]
    lq = inputs.region(spec)
    cutoff = _cutoff(spec)
    return test(lq.assign(lq=lq["lq"] / cutoff) if cutoff != 1 else lq).verdict in SUPPORTING


def _near_none_above(row: pd.Series) -> bool:
    """No LQ above 1, or every one above 1 within the margin (the claims' 'close')."""
    return bool((row[row > 1] < 1 + MARGIN).all())


def blog_rule_supports(inputs: Inputs, finding_id: str, spec: dict) -> bool:
    """The blog claims' rules (reproduced or close) read off the specification's
    region-by-sector LQs, computed once per specification set: the same grades as
    :func:`claim_test_supports` (tested on every specification), at a fraction of
    the cost, since that test pivots the LQs afresh for each call."""
    wide = inputs.region_wide(spec) / _cutoff(spec)
    if finding_id in REGION_COUNTS:
        return _near_none_above(wide.loc[REGION_COUNTS[finding_id]].dropna())
    if finding_id == "five_without_specialism":
        return all(_near_none_above(wide.loc[code].dropna()) for code in NO_SPECIALISM_REGIONS)
    if finding_id == "all_eight":
        measured, above = wide.notna().sum(axis=1), (wide > 1).sum(axis=1)
        found = set(wide.index[above == measured])
        return list_verdict(ALL_EIGHT_REGIONS, found) in SUPPORTING
    if finding_id == "west_midlands_manufacturing":
        metro = float(wide.loc[WEST_MIDLANDS_METRO, ADVANCED_MANUFACTURING])
        members = itl2_names().loc[lambda f: f["itl1_code"] == WEST_MIDLANDS_ITL1, "itl2_code"].tolist()
        wider = float(group_lq(inputs.region(spec), members)[ADVANCED_MANUFACTURING])
        return metro > 1 or wider > 1 or metro > 1 - MARGIN
    raise ValueError(f"{finding_id!r} is not a blog claim with LQs")


@cached(disk=True, maxsize=1)
def graded_estimates() -> dict[str, pd.DataFrame]:
    """Every finding's specifications with ``estimate``, ``direction`` and ``supports_published``."""
    inputs = Inputs()
    out = {}
    for finding_id, frame in all_estimates(inputs).items():
        dims = list(finding(finding_id).dimensions)
        frame["supports_published"] = [
            _supports(inputs, finding_id, dict(zip(dims, values)), est, sign)
            for values, est, sign in zip(frame[dims].itertuples(index=False), frame["estimate"], frame["direction"])]
        out[finding_id] = frame
    return out


def robustness_table() -> pd.DataFrame:
    """One row per finding and specification: ``finding``, ``specification_id``, one
    column per dimension (empty where the dimension does not bear on the
    finding), ``main``, ``estimate``, ``supports_published``."""
    dimensions = list(dict.fromkeys(DIMENSIONS["dimension"]))
    frames = [frame.assign(finding=finding_id) for finding_id, frame in graded_estimates().items()]
    table = pd.concat(frames, ignore_index=True)
    for dimension in dimensions:
        table[dimension] = table[dimension].fillna("") if dimension in table else ""
    return table[["finding", "specification_id", *dimensions, "main", "estimate", "supports_published"]]


def one_at_a_time(frame: pd.DataFrame, dimensions: list[str]) -> pd.DataFrame:
    """The specifications that differ from the main one in exactly one choice:
    ``dimension``, ``value``, ``estimate``, ``change`` (from the main estimate),
    ``flips`` (support differs from the main specification's)."""
    main = frame[frame["main"]].iloc[0]
    differs = frame[dimensions].ne(main[dimensions])
    single = frame[differs.sum(axis=1) == 1]
    rows = []
    for index, spec in single.iterrows():
        dimension = differs.columns[differs.loc[index]][0]
        rows.append({"dimension": dimension, "value": spec[dimension], "estimate": float(spec["estimate"]),
                     "change": float(spec["estimate"] - main["estimate"]),
                     "flips": bool(spec["supports_published"] != main["supports_published"])})
    return pd.DataFrame(rows, columns=["dimension", "value", "estimate", "change", "flips"])


def choice_label(dimension: str, value: str) -> str:
    label = DIMENSIONS.loc[(DIMENSIONS["dimension"] == dimension) & (DIMENSIONS["value"] == value), "label"]
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
    """One finding's row of the summary (see :func:`robustness_summary`)."""
    main = frame[frame["main"]].iloc[0]
    single = one_at_a_time(frame, dimensions)
    share = float(frame["supports_published"].mean())
    flips = [choice_label(r.dimension, r.value) for r in single[single["flips"]].itertuples()]
    if single.empty:
        decisive, decisive_estimate = "", float("nan")
    else:
        # The flipping choices first, then the largest move of the estimate.
        top = single.assign(size=single["change"].abs()).sort_values(["flips", "size"], ascending=False,
                                                                      kind="stable").iloc[0]
        decisive, decisive_estimate = choice_label(top["dimension"], top["value"]), float(top["estimate"])
    return {"n_specifications": len(frame), "main_estimate": float(main["estimate"]),
            "min_estimate": float(frame["estimate"].min()), "max_estimate": float(frame["estimate"].max()),
            "share_supporting": share, "main_supports": bool(main["supports_published"]),
            "decisive_choice": decisive, "decisive_estimate": decisive_estimate,
            "single_choices_that_flip": "; ".join(flips),
            "reading": reading(bool(main["supports_published"]), share, flips)}


def robustness_summary() -> pd.DataFrame:
    """One row per finding: ``finding``, ``claim_id`` (empty for the book's own
    readings), ``title``, ``published`` (for a finding with ``own_reading``, the
    book's main reading), ``own_reading``, ``main_reading`` (that reading's word,
    else empty), ``estimate_label``, ``n_specifications``, ``main_estimate``,
    ``min_estimate``, ``max_estimate``, ``share_supporting``, ``main_supports``, ``decisive_choice``
    (the single change from the main specification that overturns its verdict,
    or else that moves the estimate most) with ``decisive_estimate`` (the
    estimate under it), ``single_choices_that_flip`` and ``reading``."""
    graded = graded_estimates()
    own = main_readings()
    rows = []
    for item in FINDINGS:
        published = f"the book's reading: {own[item.finding]}" if item.own_reading else item.published
        row = {"finding": item.finding, "claim_id": item.claim_id, "title": item.title, "published": published,
               "own_reading": item.own_reading, "main_reading": own.get(item.finding, ""),
               "estimate_label": item.estimate_label}
        row.update(summarise(graded[item.finding], list(item.dimensions)))
        rows.append(row)
    return pd.DataFrame(rows)


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
        note = f"holds in {100 * row.share_supporting:.0f}% of {row.n_specifications} specifications; {row.reading}"
        if row.single_choices_that_flip:
            note += f" ({row.single_choices_that_flip})"
        notes[row.claim_id] = note
    return notes
