"""The robustness chapter's findings as data: every number and sentence its
prose (and the conclusion's) glues, one ``quantity`` row each (a findings table
like :mod:`placeblind.analysis.findings`), computed here from the graded curves
(:mod:`.robustness`) and declared for the pages in
``placeblind/publishing/fact_tables/robustness.py``. A sentence is built from
the declared findings (:data:`~placeblind.claims.findings.FINDINGS`), so its
words change when the data do."""

from __future__ import annotations

import pandas as pd

from ..analysis.decade import SAME_STRENGTH_R2
from ..analysis.findings import findings
from ..analysis.london_reference import london_lift
from ..data.sectors import DIGITAL, PROFESSIONAL
from ..analysis.sector_measures import COUNT_YEARS
from ..analysis.robustness_null import NULL_PERMUTATIONS
from ..data.bres import district_broad_group_employment
from ..analysis.specifications import LEAVE_OUT_SAMPLES, dimensions
from ..cache import cached
from .findings import FINDINGS, SCEPTIC_CHOICES, finding
from .robustness import (
    ROBUST_SHARE,
    choice_label,
    graded_estimates,
    leave_out_summary,
    one_at_a_time,
    robustness_summary,
)
from .robustness_null import CHANCE_LEVEL


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


def _name(row) -> str:
    return f"{row.title} ({row.claim_id})" if row.claim_id else row.title


def titles(summary: pd.DataFrame, readings: tuple[str, ...], column: str = "reading") -> str:
    """The findings whose ``column`` is one of ``readings``, '; '-joined (or 'none')."""
    chosen = summary[summary[column].isin(readings)]
    return "; ".join(_name(r) for r in chosen.itertuples()) or "none"


def own_readings_sentence(summary: pd.DataFrame) -> str:
    """How far the book's own decade-on readings carry across their specifications."""
    parts = []
    for row in summary[summary["own_reading"]].itertuples():
        # The curves grade point estimates; whether a change is larger than
        # resampling the areas gives is the decade chapter's interval reading.
        text = (f"the point estimates' reading of {row.title[0].lower()}{row.title[1:]}, '{row.main_reading}', "
                f"holds in {100 * row.share_supporting:.0f}% of its {row.n_specifications} specifications")
        if row.single_choices_that_flip:
            text += f" and turns with one choice ({row.single_choices_that_flip})"
        else:
            text += " and no single choice turns it"
        parts.append(text)
    if not parts:
        raise ValueError("the summary has none of the book's own readings")
    return "; ".join(parts)


def null_sentence(summary: pd.DataFrame) -> str:
    """Each finding with a null: the observed share of supporting specifications,
    the share expected with no relation, the p-value and what that says."""
    parts = [f"{_name(r)}: {100 * r.share_supporting:.0f}% observed against {100 * r.null_mean_share:.0f}% "
             f"expected with no relation (p = {r.null_p_value:.2f}), {r.chance_reading}"
             for r in summary[summary["has_null"]].itertuples()]
    if not parts:
        raise ValueError("no finding has a null")
    return "; ".join(parts)


def lifts_every_other_lq(lift: pd.DataFrame) -> bool:
    """From one year's :func:`~placeblind.analysis.robustness.london_lift`: whether
    London's share of jobs in the professional and the digital sector exceeds
    Great Britain's, so that every other district with any of their jobs has a
    higher LQ in them with London left out of the reference."""
    rows = lift.set_index("sector").loc[[PROFESSIONAL, DIGITAL]]
    return bool((rows["london_share_pct"] > rows["gb_share_pct"]).all()
                and (rows["n_higher"] == rows["n_other"] - rows["n_none"]).all())


def london_lifts_lqs(years: tuple[int, ...] = COUNT_YEARS) -> bool:
    """:func:`lifts_every_other_lq` in every year whose reference London can be
    taken out of (the count years, BRES 2015-2017)."""
    return all(lifts_every_other_lq(london_lift(district_broad_group_employment(y))) for y in years)


def own_dimensions(space: pd.DataFrame) -> tuple[int, int, bool]:
    """The choices that bear on the book's own readings only, counted; the choices
    they share with the claims' findings, counted; and whether the first are the
    last of the space's table (:func:`dimensions`), as the chapter's caption says."""
    own = {d for f in FINDINGS if f.own_reading for d in f.dimensions}
    claimed = {d for f in FINDINGS if not f.own_reading for d in f.dimensions}
    only_own = own - claimed
    order = list(dict.fromkeys(space["dimension"]))
    return len(only_own), len(own & claimed), bool(only_own) and set(order[-len(only_own):]) == only_own


def space_counts(space: pd.DataFrame) -> tuple[int, int, int, int, int, int]:
    """What the chapter says of the specification space, counted from it: the
    samples that leave a few districts out and the whole samples beside them; the
    thresholds of the 2-digit approximation (the sector definitions weighed as one
    choice apart from the book's own); the first and last of the adjacent BRES years
    weighed as one choice with the book's own year, and the year weighed against them."""
    samples = space.loc[space["dimension"] == "sample", "value"]
    n_leave_out = int(samples.isin(LEAVE_OUT_SAMPLES).sum())
    definitions = space[space["dimension"] == "sector_definition"]
    own_definition = definitions.loc[definitions["main"], "weighed_as"].iloc[0]
    n_approx = int((definitions["weighed_as"] != own_definition).sum())
    years = space[space["dimension"] == "bres_year"]
    own_years = years[years["weighed_as"] == years.loc[years["main"], "weighed_as"].iloc[0]]
    numbers = [int(value) for value in own_years["value"] if str(value).isdigit()]
    other = [int(value) for value in years.loc[~years.index.isin(own_years.index), "value"] if str(value).isdigit()]
    return n_leave_out, int(len(samples)) - n_leave_out, n_approx, min(numbers), max(numbers), max(other)


@cached(disk=True)
def robustness_findings() -> pd.DataFrame:
    """The robustness chapter's facts (``quantity``, ``value``, ``unit``, ``description``):
    counts of findings, specifications and choices, the findings by reading, one
    sentence per finding (``quantity`` its glue name, :attr:`Finding.glue`), the
    book's own readings, the leave-out sensitivity and the nulls."""
    summary = robustness_summary()
    graded = graded_estimates()
    sentences = [(f.glue, finding_sentence(row, graded[f.finding]), "", f"sentence: {f.title}")
                 for f, row in zip(FINDINGS, summary.itertuples())]
    if [f.finding for f in FINDINGS] != list(summary["finding"]):
        raise ValueError("every finding needs its sentence, in the order of FINDINGS")
    no_null = summary[~summary["has_null"]]
    space = dimensions()
    n_own, n_shared, own_last = own_dimensions(space)
    n_leave_out, n_whole, n_approx, first_year, last_year, other_year = space_counts(space)
    return findings([
        ("rob_n_findings", int(len(summary)), "findings", "headline findings with a specification curve"),
        ("rob_n_specifications", int(sum(len(f) for f in graded.values())), "specifications",
         "specifications of every finding, leave-out samples included"),
        ("rob_n_dimensions", int(space["dimension"].nunique()), "choices", "dimensions of the space"),
        ("rob_n_choices", len(space), "values", "values of those dimensions"),
        ("rob_n_own_dimensions", n_own, "choices", "choices that bear on the book's own readings only"),
        ("rob_n_own_shared", n_shared, "choices", "choices the book's own readings share with the claims' findings"),
        ("rob_own_dimensions_last", own_last, "", "the choices of the own readings alone are the table's last"),
        ("rob_n_sceptic_choices", len(SCEPTIC_CHOICES), "choices", "the choices a sceptic would vary first"),
        ("rob_n_leave_out_samples", n_leave_out, "samples", "samples that leave a few of the paper's districts out"),
        ("rob_n_whole_samples", n_whole, "samples", "samples that leave none of their districts out"),
        ("rob_n_approx_thresholds", n_approx, "thresholds", "thresholds of the 2-digit approximation"),
        ("rob_adjacent_first_year", first_year, "", "the first of the adjacent BRES years weighed as one choice"),
        ("rob_adjacent_last_year", last_year, "", "the last of them"),
        ("rob_other_bres_year", other_year, "", "the BRES year weighed as a choice against them"),
        ("rob_robust_share", float(100 * ROBUST_SHARE), "%", "share of specifications a robust finding needs"),
        ("rob_robust", titles(summary, ("robust",)), "", "the robust findings"),
        ("rob_n_robust", int((summary["reading"] == "robust").sum()), "findings", "robust findings"),
        ("rob_one_choice", titles(summary, ("holds, but rests on one choice",)), "",
         "findings that hold but rest on one choice"),
        ("rob_reversible", titles(summary, ("does not hold, but one choice would reverse that",)), "",
         "findings that do not hold but one choice would reverse"),
        ("rob_not_supported", titles(summary, ("robustly not supported", "does not hold in the main specification")),
         "", "findings that do not hold and no single choice rescues"),
        ("rob_loose", titles(summary, ("holds, but not across combinations of choices",)), "",
         "findings that hold but not across combinations"),
        *sentences,
        ("rob_own_readings", own_readings_sentence(summary), "", "the book's own decade readings"),
        ("rob_leave_out", leave_out_sentence(leave_out_summary()), "", "the leave-out sensitivity"),
        ("rob_n_distinct", int(summary["n_distinct"].sum()), "specifications", "distinct main-curve specifications"),
        ("rob_n_main_curve", int(summary["n_specifications"].sum()), "specifications",
         "specifications of the main curves"),
        ("rob_n_own_readings", int(summary["own_reading"].sum()), "findings", "the book's own readings"),
        ("rob_same_strength_r2", SAME_STRENGTH_R2, "r²", "a difference in r² under which the link reads as about "
         "as strong"),
        ("rob_null_permutations", NULL_PERMUTATIONS, "permutations", "permutations of each null"),
        ("rob_chance_level", float(100 * CHANCE_LEVEL), "%", "p below which a share is more than chance"),
        ("rob_n_with_null", int(summary["has_null"].sum()), "findings", "findings with a permutation null"),
        ("rob_null_claims", ", ".join(summary.loc[summary["has_null"], "claim_id"]), "",
         "the claims whose findings have a permutation null"),
        ("rob_null_sentence", null_sentence(summary), "", "each null finding against chance"),
        ("rob_more_than_chance", titles(summary, ("more than chance would give",), "chance_reading"), "",
         "findings whose share of support is more than chance would give"),
        ("rob_no_more_than_chance", titles(summary, ("no more than chance would give",), "chance_reading"), "",
         "findings whose share of support is no more than chance would give"),
        ("rob_n_without_null", int(len(no_null)), "findings", "findings without a permutation null"),
        ("rob_london_lifts_lqs", london_lifts_lqs(), "", "London's professional and digital shares of jobs exceed "
         "GB's (BRES 2015-2017), so every other district with any of their jobs has a higher LQ in them "
         "without London"),
    ])
