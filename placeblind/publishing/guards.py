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
