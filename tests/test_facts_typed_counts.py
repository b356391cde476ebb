"""No count typed by hand in what a reader sees (issue 16, item 3): a number word
in a chapter's prose, captions, alt texts or admonitions is either glued (a
cell of a registered table, so a change in the data or the configuration
changes the word) or listed below with the reason it is not a count of the
data: a quotation of a text, a count the sentence itself enumerates, the
structure of the book's own argument, or a count fixed by construction.

Checked over the chapter sources (``chapters/myst``) with code cells, glued
values, roles and inline code removed. "one", "both", "all" and the ordinals
are left out: in English they are mostly not counts ("one by one", "the one
at the 10th"). Years, table numbers and labels such as "Level 4+" are names,
not counts, and are not number words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

MYST = Path(__file__).resolve().parents[1] / "chapters" / "myst"

NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "dozen")
NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)

# (chapter, the words around the number word as the reader sees them, with a
# glued value shown as «G») -> why the number is not glued.
ALLOWED = {
}


def reader_text(source: str) -> str:
    """A chapter source as a reader reads it: code cells and front matter
    dropped, a glued value replaced by «G», a role's target and inline code by
    «R», link targets dropped, whitespace collapsed (a phrase may wrap)."""
    lines, keep, in_code, front = source.splitlines(), [], False, False
    for i, line in enumerate(lines):
        if i == 0 and line == "---":
            front = True
            continue
        if front:
            front = line != "---"
            continue
        if line.startswith("```{code-cell}"):
            in_code = True
            continue
        if in_code:
            in_code = not line.startswith("```")
            continue
        keep.append(line)
    text = "\n".join(keep)
    text = re.sub(r"\{glue:[a-z]+\}`[^`]*`", "«G»", text)
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", "«R»", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"`[^`]*`", "«R»", text)
    text = re.sub(r"^:(name|label|width|align|class|tags):.*$", "", text, flags=re.MULTILINE)
    return re.sub(r"\s+", " ", text)


def typed_counts(chapter: str, text: str, allowed: dict = ALLOWED) -> list[str]:
    """The number words of ``text`` not inside a phrase ``allowed`` for ``chapter``, each with its context."""
    for (where, phrase) in allowed:
        if where == chapter:
            text = text.replace(phrase, " " * len(phrase))
    return [text[max(0, m.start() - 40):m.end() + 40].strip() for m in NUMBER_WORD.finditer(text)]


def chapters() -> list[str]:
    return sorted(p.stem for p in MYST.glob("*.md"))


@pytest.mark.parametrize("chapter", chapters())
def test_no_count_is_typed_in_a_chapter(chapter):
    found = typed_counts(chapter, reader_text((MYST / f"{chapter}.md").read_text(encoding="utf-8")))
    assert not found, (f"{chapter}: a number word typed in the prose; glue it from a registered table (README, "
                       f"'Facts as data') or add it to ALLOWED with its reason: {found}")


def test_every_allowed_phrase_is_still_in_its_chapter():
    texts = {c: reader_text((MYST / f"{c}.md").read_text(encoding="utf-8")) for c in chapters()}
    stale = [(c, p) for (c, p) in ALLOWED if p not in texts.get(c, "")]
    assert not stale, f"allowed phrases no chapter has any more (drop them): {stale}"


def test_every_allowed_phrase_holds_a_number_word_and_a_reason():
    assert all(NUMBER_WORD.search(p) and reason.strip() for (_c, p), reason in ALLOWED.items())
