"""Guards for sentences whose wording cannot reasonably be generated: each is
checked while the chapter runs, and a sentence the data no longer support stops
the build with a message that quotes it."""

from __future__ import annotations


class StaleSentence(AssertionError):
    """A sentence of the book that the data no longer support."""


def require(condition: bool, sentence: str) -> None:
    """Stop unless ``condition`` holds; the message names the sentence it guards."""
    if not condition:
        raise StaleSentence(f"the data no longer support this sentence of the book: {sentence!r}")


# The study's years as the chapters' text names them ("the 2011 and 2021 Censuses",
# "BRES 2017 and 2019", ...): typed there because each names a source, so written
# here once and checked by every chapter's first cell against the constants that
# set them (``data_findings``' row ``named_years``, built in placeblind.analysis).
NAMED_YEARS = ("censuses 2011, 2021; BRES either side of the paper's year 2017, 2019; the paper's BRES year 2018; "
               "the district file's years 2015, 2016, 2017; IS-8 exact definitions 2021; "
               "IS-8 two-digit approximation 2023; the city comparison 2017; the combined authorities' lookup 2025")


def require_named_years(configured: str) -> None:
    """Stop unless the years the chapters' text names are the configured ones
    (``configured``: the ``named_years`` row of ``data_findings``; every chapter's
    facts are glued after this check, :func:`placeblind.publishing.facts.glue_facts`)."""
    require(configured == NAMED_YEARS,
            f"the years the chapters name in their text ({NAMED_YEARS}); the configuration now sets "
            f"{configured}: re-word the chapters (grep each changed year) and this list")
