"""Text helpers that know no domain: how the book writes a count in words.

Beside :mod:`placeblind.config`, :mod:`placeblind.errors` and
:mod:`placeblind.cache`, below every layer, so the data layer (a study's
description), the claims (a claim's statement), the figures and the facts
(``format`` ``word``) all call the one copy. Labels that name a domain object
(``data.study.paper_districts_label``: "the paper's 37 districts") stay with
that object, which counts what they print.
"""

from __future__ import annotations

# Small counts are written in words in running text ("six combined authorities").
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    """``n`` in words up to ten ("six"), as a numeral above."""
    if n < 0:
        raise ValueError(f"not a count: {n}")
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


# Round counts in running text ("about forty regions"), for a count that moves
# between specifications (some leave London's regions out).
TENS_WORDS = ("", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def about_count(n: int) -> str:
    """``n`` rounded to the nearest ten, in words: "about forty" for 36 to 44
    (halves round up); a count under five or from 95 up has no round word."""
    if n < 5 or n >= 95:
        raise ValueError(f"no round word for {n}: write the count itself")
    return "about " + TENS_WORDS[int((n + 5) // 10)]


def capitalised(text: str) -> str:
    """``text`` with its first letter a capital and the rest as it was
    ("the nine later" -> "The nine later"; ``str.capitalize`` would lower "England")."""
    return text[:1].upper() + text[1:]


def and_join(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if not parts:
        raise ValueError("nothing to join")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
