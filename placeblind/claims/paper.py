"""Claims of Nurse and Sykes (2020), checked against the official data.

Published figures are quoted from the pre-publication text in shared/seeds;
statements are paraphrased in the book's own words. One module per table of
the paper; this one assembles them.
"""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..data.study import paper_study_size
from ..text import number_word
from .claim import CountClaim
from .framework import PAPER, Claim, ledger_frame
from .paper_attainment import attainment_claims, attainment_pattern_claims, no_qualifications_majority_claim
from .paper_common import ClaimData
from .paper_composition import composition_claims, population_claim, digital_small_claim, university_towns_claim
from .paper_fits import fit_claims
from .paper_lq import lq_claims


# The Conclusion's count of the authorities the paper analysed.
P43 = CountClaim("P43", 5, ties=False)


def sector_claims(d: ClaimData | None = None) -> list[Claim]:
    """The paper's claims on sector composition, location quotients and the
    education-sector relation (Tables 2-4), ids P12-P43, read from ``d`` (a new
    :class:`ClaimData` when not given)."""
    d = ClaimData() if d is None else d
    claims = [population_claim("P12")]
    claims += composition_claims(d)
    claims += lq_claims(d)
    claims += fit_claims(d)
    n_districts, n_authorities = paper_study_size()
    verdict = P43.grade((n_authorities,)).verdict
    claims.append(Claim(
        "P43", PAPER, "Number of original mayoral combined authorities analysed (Conclusion)",
        number_word(P43.published),
        f"{n_authorities} authorities, {n_districts} districts", "authorities",
        "2017 membership (the data's README; ONS 2023 lookup)", verdict,
        "" if verdict == "reproduced" else
        f"The study districts belong to {n_authorities} combined authorities in the ONS lookup, and the paper's "
        f"Methods and tables cover all of them; the Conclusion's '{number_word(P43.published)}' reads as a slip "
        "in the text.",
        rule=P43.rule))
    return claims


@cached(disk=True, maxsize=1)
def paper_claim_objects() -> tuple[Claim, ...]:
    """Every numeric claim of the paper as a :class:`Claim` (with its per-vintage grades)."""
    d = ClaimData()  # built once for both readers (building it took half a second)
    return tuple(attainment_claims() + sector_claims(d) + attainment_pattern_claims()
                 + [university_towns_claim(d), no_qualifications_majority_claim(), digital_small_claim()])


@cached(maxsize=1)
def paper_claims() -> pd.DataFrame:
    """Every numeric claim of the paper with its verdict (columns as ``claims.COLUMNS``)."""
    return ledger_frame(list(paper_claim_objects()))
