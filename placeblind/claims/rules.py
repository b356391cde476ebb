"""The rule set of the claims ledger, in one place: what "reproduced", "close",
"differs" and "cannot be tested" mean for each kind of claim, the margins as
named constants, and how the verdicts of the two BRES vintages combine.

Every claim is graded by one of the functions here; the ledger chapter prints
:func:`rule_table`, so a margin changed here changes the page. A claim that
needs a reading of its own (what "most" or "roughly" means) says so in its
``rule`` column; it never carries a margin of its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

VERDICTS = ("reproduced", "close", "differs", "cannot be tested")
UNTESTABLE = "cannot be tested"


# Margins for "close", absolute, in the unit of the claim. Half a percentage
# point for shares: Nomis rounds counts, and the 2019 file publishes shares to
# one decimal. A tenth for LQs and for correlations (r or r-squared): about the
# year-to-year movement of a district LQ (see analysis.vintage_noise). One for
# a ratio of two LQs: a tenth on each LQ moves a ratio near 8 by about one.
SHARE_MARGIN_PP = 0.5
LQ_MARGIN = 0.1
CORRELATION_MARGIN = 0.1
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
    """A published correlation, graded as r and as r-squared (the paper prints
    r under the label r-squared at least once: a negative 'r-squared', P08).
    Returns the verdict under the reading nearer the published value, and that
    reading ('r' or 'r2'); r-squared only when the published value is not negative."""
    # A printed r-squared carries no sign, so under the r reading a positive
    # published value is compared with the size of r.
    readings = {"r": r} if published < 0 else {"r": abs(r), "r2": r * r}
    reading = min(readings, key=lambda k: abs(readings[k] - published))
    return numeric_verdict(published, readings[reading], decimals, "correlation"), reading


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
# moves about as far in one year as in two (analysis.vintage_noise), so neither
# vintage is the better estimate of 2018 and 2018 need not lie between them.
# The overall verdict is therefore the mean grade of the two years
# (reproduced 0, close 1, differs 2), a half rounded towards the stricter grade.

GRADED = VERDICTS[:3]


def combine_vintages(first: str, second: str) -> str:
    """The overall verdict of a claim graded in two vintages (see the note above)."""
    first, second = _check_verdict(first), _check_verdict(second)
    if UNTESTABLE in (first, second):
        return first if second == UNTESTABLE else second
    mean = (GRADED.index(first) + GRADED.index(second)) / 2
    return GRADED[math.ceil(mean)]


def better_of(first: str, second: str) -> str:
    """The rule this ledger used before (for the count of claims it lowers)."""
    return min((_check_verdict(first), _check_verdict(second)), key=VERDICTS.index)


def rule_table() -> pd.DataFrame:
    """The rule set as the ledger chapter prints it: one row per kind of claim."""
    rows = [
        ("Share (% of residents or of jobs)",
         "rounds to the published figure at its precision",
         f"within {SHARE_MARGIN_PP:g} percentage points", "otherwise"),
        ("Location quotient",
         "rounds to the published figure at its precision", f"within {LQ_MARGIN:g}", "otherwise"),
        ("Ratio of two location quotients",
         "rounds to the published figure at its precision", f"within {RATIO_MARGIN:g}", "otherwise"),
        ("Correlation (r or r-squared)",
         "rounds to the published figure at its precision; a published r-squared is read both as r and as "
         "r-squared, and graded on the reading nearer to it",
         f"within {CORRELATION_MARGIN:g}", "otherwise"),
        ("Count of districts or authorities", "exact",
         "the published count lies between the count without and with near ties", "otherwise"),
        ("List of districts", "the same districts",
         f"at most {LIST_MARGIN} named district missing and {LIST_MARGIN} extra", "otherwise"),
        ("Qualitative pattern ('most', 'every', 'strong')",
         "holds as read strictly ('most' = more than half; the row states the reading)",
         "holds only under the looser reading the row states", "holds under neither reading"),
        ("Two BRES vintages (2017 and 2019)", "mean grade of the two years",
         "mean grade of the two years", "mean grade, a half rounded towards differs"),
    ]
    frame = pd.DataFrame(rows, columns=["kind", "reproduced", "close", "differs"])
    frame["cannot be tested"] = "none of the data files used here measures it"
    return frame
