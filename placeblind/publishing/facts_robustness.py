"""The facts the robustness chapter (and the conclusion) glue into their prose,
plain Python values under literal glue names, and its summary table as shown."""

from __future__ import annotations

import pandas as pd

from ..analysis.specifications import DIMENSIONS
from ..claims.findings import FINDINGS, finding
from ..cache import cached
from ..claims.robustness import (
    ROBUST_SHARE,
    choice_label,
    graded_estimates,
    leave_out_summary,
    one_at_a_time,
    robustness_summary,
)


def _value(finding_id: str, value: float) -> str:
    return finding(finding_id).value_text(value)


def _graded(row, estimate: float, graded: float) -> str:
    """', graded on <what> <value>' where the claim's rule grades another value than the estimate printed."""
    item = finding(row.finding)
    if not item.graded_as or _value(row.finding, graded) == _value(row.finding, estimate):
        return ""
    return f", graded on {item.graded_as} {_value(row.finding, graded)}"


def finding_sentence(row, frame: pd.DataFrame) -> str:
    """What share of specifications support the published claim, how the claim's
    rule grades the main specification (the ledger's verdict), and which single
    choices overturn it, each with its own estimate (``frame``: the finding's
    graded specifications)."""
    value = lambda v: _value(row.finding, v)  # noqa: E731
    target = (f"book's main reading ('{row.main_reading}')" if row.own_reading
              else f"published claim ({row.published})")
    holds = "it holds" if row.main_supports else "it does not hold"
    verdict = holds if row.own_reading else f"which the claim's rule grades '{row.main_verdict}', so {holds}"
    first = (f"{100 * row.share_supporting:.0f}% of the {row.n_specifications} specifications support the "
             f"{target}; the main specification gives {value(row.main_estimate)}"
             f"{_graded(row, row.main_estimate, row.main_graded_value)} ({verdict}) and the estimates run from "
             f"{value(row.min_estimate)} to {value(row.max_estimate)}.")
    if row.n_distinct < row.n_specifications:
        first += (f" {row.n_specifications - row.n_distinct} of them repeat another's inputs exactly; over the "
                  f"{row.n_distinct} distinct ones the share is {100 * row.share_distinct:.0f}%, and "
                  f"{100 * row.share_equal_weight:.0f}% with each choice given equal weight.")
    else:
        first += f" With each choice given equal weight the share is {100 * row.share_equal_weight:.0f}%."
    single = one_at_a_time(frame[frame["curve"] == "main"], list(finding(row.finding).dimensions))
    flips = single[single["flips"]]
    if len(flips):
        choices = "; ".join(f"{choice_label(r.dimension, r.value)} ({value(r.estimate)}"
                            f"{_graded(row, r.estimate, r.graded_value)})" for r in flips.itertuples())
        second = f" A single change of choice overturns the main verdict: {choices}."
    else:
        second = (f" No single change of choice overturns the main verdict; the one that moves the estimate most "
                  f"is {row.decisive_choice} ({value(row.decisive_estimate)}"
                  f"{_graded(row, row.decisive_estimate, row.decisive_graded_value)}).")
    return first + second


def leave_out_sentence(table: pd.DataFrame) -> str:
    """How the findings about the paper's districts fare when one authority (or
    Cambridge and South Cambridgeshire) is left out, counted apart from the main curve."""
    parts = [f"{r.title} ({r.claim_id}) in {100 * r.share_supporting:.0f}% of {r.n_specifications}"
             for r in table.itertuples()]
    flips = [f"{r.claim_id} ({r.samples_that_flip})" for r in table.itertuples() if r.samples_that_flip]
    return ("; ".join(parts) + ". Leaving out one of these groups alone overturns the main verdict of "
            + ("; ".join(flips) if flips else "none of them"))


def _titles(summary, readings: tuple[str, ...]) -> str:
    chosen = summary[summary["reading"].isin(readings)]
    return "; ".join(f"{r.title} ({r.claim_id})" if r.claim_id else r.title for r in chosen.itertuples()) or "none"


def own_readings_sentence(summary) -> str:
    """How far the book's own decade-on readings carry across their specifications."""
    parts = []
    for row in summary[summary["own_reading"]].itertuples():
        text = (f"the book's reading of {row.title[0].lower()}{row.title[1:]}, '{row.main_reading}', holds in "
                f"{100 * row.share_supporting:.0f}% of its {row.n_specifications} specifications")
        if row.single_choices_that_flip:
            text += f" and turns with one choice ({row.single_choices_that_flip})"
        else:
            text += " and no single choice turns it"
        parts.append(text)
    if not parts:
        raise ValueError("the summary has none of the book's own readings")
    return "; ".join(parts)


@cached(disk=True)
def robustness_chapter_facts() -> dict:
    summary = robustness_summary()
    graded = graded_estimates()
    sentences = {r.finding: finding_sentence(r, graded[r.finding]) for r in summary.itertuples()}
    shares = dict(zip(summary["finding"], summary["share_supporting"]))
    if set(sentences) != {f.finding for f in FINDINGS}:
        raise ValueError("every finding needs its sentence")
    return {
        "rob_n_findings": int(len(summary)),
        "rob_n_specifications": int(sum(len(f) for f in graded.values())),
        "rob_n_dimensions": int(DIMENSIONS["dimension"].nunique()),
        "rob_n_choices": len(DIMENSIONS),
        "rob_robust_share": float(100 * ROBUST_SHARE),
        "rob_robust": _titles(summary, ("robust",)),
        "rob_n_robust": int((summary["reading"] == "robust").sum()),
        "rob_one_choice": _titles(summary, ("holds, but rests on one choice",)),
        "rob_reversible": _titles(summary, ("does not hold, but one choice would reverse that",)),
        "rob_not_supported": _titles(summary, ("robustly not supported", "does not hold in the main specification")),
        "rob_loose": _titles(summary, ("holds, but not across combinations of choices",)),
        **{finding(f).glue: sentence for f, sentence in sentences.items()},  # glue names: FINDINGS' ``glue``
        "rob_own_readings": own_readings_sentence(summary),
        "rob_leave_out": leave_out_sentence(leave_out_summary()),
        "rob_n_distinct": int(summary["n_distinct"].sum()),
        "rob_n_main_curve": int(summary["n_specifications"].sum()),
        "rob_n_own_readings": int(summary["own_reading"].sum()),
        "rob_wm_share": float(100 * shares["west_midlands_none"]),
        "rob_coloc_share": float(100 * shares["service_colocation"]),
    }


def summary_display() -> pd.DataFrame:
    """The summary as the chapter shows it: each estimate printed in its finding's unit."""
    summary = robustness_summary()
    rows = []
    for row in summary.itertuples():
        value = lambda v, f=row.finding: _value(f, v)  # noqa: E731
        rows.append({"Claim": row.claim_id or "(the book's own)", "Finding": row.title, "Published": row.published,
                     "Main estimate": value(row.main_estimate),
                     "Range": f"{value(row.min_estimate)} to {value(row.max_estimate)}",
                     "Holds in (%)": 100 * row.share_supporting, "Distinct": row.n_distinct,
                     "Holds, equal weight (%)": 100 * row.share_equal_weight,
                     "Decisive single choice": row.decisive_choice})
    return pd.DataFrame(rows)
