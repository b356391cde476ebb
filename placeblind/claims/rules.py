"""The rule set of the claims ledger, in one place: what "reproduced", "close",
"differs" and "cannot be tested" mean for each kind of claim, the margins as
named constants, and how the verdicts of the two BRES vintages combine.

Every claim is graded by one of the functions here; the ledger chapter prints
:func:`rule_table`, so a margin changed here changes the page. A claim that
needs a reading of its own (what "most" or "roughly" means) says so in its
``rule`` column; it never carries a margin of its own.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable

import pandas as pd

from ..analysis.vintages import COUNTS, MEAN_OF, MEAN_VINTAGE, PAPER_VINTAGE, SHARES, by_kind
from ..measures import CORRELATION_MARGIN
from ..text import and_join

VERDICTS = ("reproduced", "close", "differs", "cannot be tested")
UNTESTABLE = "cannot be tested"


# Margins for "close", absolute, in the unit of the claim. Half a percentage
# point for shares: Nomis rounds counts, and the 2019 file publishes shares to
# one decimal. A tenth for LQs and for correlations (r or r²): about the
# year-to-year movement of a district LQ (see analysis.vintage_noise). One for
# a ratio of two LQs: a tenth on each LQ moves a ratio near 8 by about one.
# The correlations' margin is the measures' (measures.correlations), which the
# analysis reads too.
SHARE_MARGIN_PP = 0.5
LQ_MARGIN = 0.1
RATIO_MARGIN = 1.0
MARGINS = {"share": SHARE_MARGIN_PP, "lq": LQ_MARGIN, "correlation": CORRELATION_MARGIN, "ratio": RATIO_MARGIN}


# A list of districts is close when it differs from the published list by at
# most this many names missing and this many names extra (one substitution).
LIST_MARGIN = 1


def _check_verdict(verdict: str) -> str:
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}, not {verdict!r}")
    return verdict


def numeric_verdict(published: float, value: float, decimals: int, kind: str) -> str:
    """A share, an LQ, a correlation or a ratio: ``reproduced`` when ``value``
    rounds to the published figure at the precision the text gives it,
    ``close`` within the kind's margin (:data:`MARGINS`), ``differs`` otherwise."""
    if kind not in MARGINS:
        raise ValueError(f"kind must be one of {sorted(MARGINS)}, not {kind!r}")
    if value is None or math.isnan(value):
        return UNTESTABLE
    if round(value, decimals) == round(published, decimals):
        return "reproduced"
    if abs(value - published) <= MARGINS[kind] + 1e-12:
        return "close"
    return "differs"


def correlation_verdict(published: float, r: float, decimals: int) -> tuple[str, str]:
    """A published correlation, graded as r and as r² (the paper prints
    r under the label r² at least once: a negative 'r²', P08).
    Returns the verdict under the reading nearer the published value, and that
    reading ('r' or 'r2'); r² only when the published value is not negative."""
    # A printed r² carries no sign, so under the r reading a positive
    # published value is compared with the size of r.
    # (Plain comparisons, not a min over a dict: the permutation nulls grade 84,000 views.)
    if published < 0:
        reading, value = "r", r
    elif abs(r * r - published) < abs(abs(r) - published):  # r² only when strictly nearer: a tie reads r
        reading, value = "r2", r * r
    else:
        reading, value = "r", abs(r)
    return numeric_verdict(published, value, decimals, "correlation"), reading


def count_verdict(published: int, strict: int, with_ties: int | None = None) -> str:
    """A count of districts (or authorities): ``reproduced`` when the count is
    exact; ``close`` when the published count lies between the strict count
    and the count with near ties included; ``differs`` otherwise."""
    if strict == published:
        return "reproduced"
    if with_ties is not None and min(strict, with_ties) <= published <= max(strict, with_ties):
        return "close"
    return "differs"


def list_verdict(published: Iterable[str], found: Iterable[str]) -> str:
    """A list of districts: ``reproduced`` when the sets agree; ``close`` when
    at most :data:`LIST_MARGIN` published names are missing and at most as many
    are extra; ``differs`` otherwise."""
    published, found = set(published), set(found)
    if published == found:
        return "reproduced"
    if len(published - found) <= LIST_MARGIN and len(found - published) <= LIST_MARGIN:
        return "close"
    return "differs"


DATE_RULE = {"reproduced": "the same month and year", "close": "the same year, another month",
             "differs": "another year"}


def date_verdict(published: datetime.date, found: datetime.date) -> str:
    """A date: ``reproduced`` in the same month and year, ``close`` in the same
    year, ``differs`` otherwise (:data:`DATE_RULE`)."""
    if not isinstance(published, datetime.date) or not isinstance(found, datetime.date):
        raise TypeError(f"dates must be datetime.date, not {type(published).__name__} and {type(found).__name__}")
    if (published.year, published.month) == (found.year, found.month):
        return "reproduced"
    return "close" if published.year == found.year else "differs"


def pattern_verdict(strict: bool, loose: bool = False) -> str:
    """A qualitative pattern: ``reproduced`` when it holds as read strictly,
    ``close`` when it holds only under the looser reading the row states,
    ``differs`` when it holds under neither."""
    if strict:
        return "reproduced"
    return "close" if loose else "differs"


def more_than_half(count: int, total: int) -> bool:
    """'Most' and 'many' are read as more than half."""
    if total <= 0:
        raise ValueError("a majority of nothing is undefined")
    return count > total / 2


def worst(verdicts: Iterable[str]) -> str:
    """The least favourable of several verdicts (a claim about several things
    holds only as well as its weakest part)."""
    return max((_check_verdict(v) for v in verdicts), key=VERDICTS.index)


# --------------------------------------------------------------------------
# Two vintages. The paper used BRES 2018; the bundle has 2017 and 2019. In the
# 2015-2017 file a district's key-sector LQ in the middle year lies between its
# values in the years either side about as often as chance would have it, and
# moves about as far in one year as in two (analysis.vintage_noise): year-to-year
# moves are noise around a stable value, so the best estimate of a quantity in
# 2018 is the mean of its 2017 and 2019 values. A sector claim is therefore
# graded once, by the rule of its kind, on the mean of the two vintages' values
# (MEAN_VINTAGE); the grade in each year is shown beside it. With BRES 2018
# fetched, the paper's own year decides instead. What is averaged, per kind of
# claim: MEAN_READS (printed in the rule table).

GRADED = VERDICTS[:3]


MEAN_READS = {
    "share": "the mean of the two vintages' shares",
    "lq": "the mean of the two vintages' LQs",
    "ratio": "the ratio of the two districts' mean LQs",
    "correlation": ("the mean of the two vintages' r (under the r² reading, that mean squared); a "
                    "pattern that reads r², the mean of the two r²"),
    "count": "counted on the mean of the two vintages' share or LQ tables, whichever the claim reads",
    "list": "listed from the mean of the two vintages' share or LQ tables, whichever the claim reads",
    "pattern": ("read on the mean of the two vintages' share or LQ tables, whichever the claim reads; an "
                "authority's share, or the districts' combined LQ, is the mean of its "
                + and_join([f"{year} ({how})" for year, how in by_kind({COUNTS: "pooled", SHARES: "median district"})])
                + " values"),
}


def mean_grade(*verdicts: str) -> str:
    """The ledger's former two-vintage rule, kept to show which verdicts it
    would have decided otherwise: the mean GRADE of the vintages' verdicts
    (reproduced 0, close 1, differs 2), a half rounded towards the stricter
    grade. A vintage that cannot be tested is left out (all of them: cannot be
    tested). Written for the two vintages either side of the paper's year; with
    more, the same mean over all of them."""
    checked = [_check_verdict(v) for v in verdicts]
    if not checked:
        raise ValueError("mean_grade needs at least one verdict")
    testable = [v for v in checked if v != UNTESTABLE]
    if not testable:
        return UNTESTABLE
    return GRADED[math.ceil(sum(GRADED.index(v) for v in testable) / len(testable))]


def better_of(*verdicts: str) -> str:
    """The rule this ledger used before the mean grade (for the count of claims
    it lowers): the most favourable of the vintages' verdicts, of two or more."""
    if not verdicts:
        raise ValueError("better_of needs at least one verdict")
    return min((_check_verdict(v) for v in verdicts), key=VERDICTS.index)


def rule_table() -> pd.DataFrame:
    """The rule set as the ledger chapter prints it: one row per kind of claim;
    ``two vintages`` says what a sector claim's grade reads (:data:`MEAN_READS`)."""
    first, second = MEAN_OF
    rows = [
        ("Share (% of residents or of jobs)",
         "rounds to the published figure at its precision",
         f"within {SHARE_MARGIN_PP:g} percentage points", "otherwise", MEAN_READS["share"]),
        ("Location quotient",
         "rounds to the published figure at its precision", f"within {LQ_MARGIN:g}", "otherwise",
         MEAN_READS["lq"]),
        ("Ratio of two location quotients",
         "rounds to the published figure at its precision", f"within {RATIO_MARGIN:g}", "otherwise",
         MEAN_READS["ratio"]),
        ("Correlation (r or r²)",
         "rounds to the published figure at its precision; a published r² is read both as r and as "
         "r², and graded on the reading nearer to it",
         f"within {CORRELATION_MARGIN:g}", "otherwise", MEAN_READS["correlation"]),
        ("Count of districts or authorities", "exact",
         "the published count lies between the count without and with near ties", "otherwise",
         MEAN_READS["count"]),
        ("List of districts", "the same districts",
         f"at most {LIST_MARGIN} named district missing and {LIST_MARGIN} extra", "otherwise", MEAN_READS["list"]),
        ("Qualitative pattern ('most', 'every', 'strong')",
         "holds as read strictly ('most' = more than half; the row states the reading)",
         "holds only under the looser reading the row states", "holds under neither reading",
         MEAN_READS["pattern"]),
        ("Date", DATE_RULE["reproduced"], DATE_RULE["close"], DATE_RULE["differs"], "not read on BRES"),
        (f"Two BRES vintages ({first} and {second})",
         f"one grade: the rule of the claim's kind applied to {MEAN_VINTAGE} of the values, as the last "
         "column says; the grade in each year is shown beside it",
         f"as reproduced: the kind's own margin applies to {MEAN_VINTAGE}",
         "as reproduced; the former rule (the mean grade of the two years, a half rounded towards differs) "
         "is shown beside it where it would have decided otherwise",
         f"BRES {PAPER_VINTAGE}, the paper's own year, decides instead when fetched from Nomis"),
    ]
    frame = pd.DataFrame(rows, columns=["kind", "reproduced", "close", "differs", "two vintages"])
    frame.insert(4, "cannot be tested", "none of the data files used here measures it")
    return frame
