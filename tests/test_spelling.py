"""One spelling for one thing: the built text (the chapters' MyST sources with
their captions, every glued text the committed notebooks record, and the
captions and headings the publishing layer writes) uses the book's spelling of
each term, the one the glossary (chapters/glossary.md) gives or, for a name,
the one its publisher uses.

Each listed variant fails the test wherever it appears. The glossary is left
out: it names a term's other spellings on purpose (R-squared beside r²).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from committed_glues import committed_glues

ROOT = Path(__file__).resolve().parent.parent

# variant (a regular expression) -> the book's spelling
VARIANTS: dict[str, str] = {
    r"\bCensus\s+(?:2011|2021)\b": "2011 Census, 2021 Census (the year first)",
    r"\b[Ll]evel\s+4\s+(?:qualifications?\s+)?(?:and|or)\s+(?:above|higher)\b": "Level 4+",
    r"\b[Ll]evel\s+4(?![+\d])": "Level 4+",
    r"\blevel\s+4\+": "Level 4+",
    r"Cambridgeshire\s*&\s*Peterborough": "Cambridgeshire and Peterborough (the ONS name)",
    r"\bIS\s?8\b": "IS-8",
    r"\bper\s+cent\b": "%",
    r"\b[rR]-squared\b": "r²",
    r"England\s*&\s*Wales": "England and Wales",
    r"\baged\s+16\s+and\s+over\b": "aged 16+",
    # the BRES broad groups' names, as the tables print them
    r"(?i)\bprofessional,\s+scientific\s+and\s+technical\b": "professional, scientific & technical",
    r"(?i)\binformation\s+and\s+communication\b": "information & communication",
}

def variants_in(text: str) -> list[str]:
    """Every listed variant in ``text``, as it is written there."""
    return [m.group(0) for pattern in VARIANTS for m in re.finditer(pattern, text)]


def prose_sources() -> dict[str, str]:
    """The chapters' MyST sources and the hand-written chapters (not the glossary,
    not the bibliography)."""
    sources = sorted((ROOT / "chapters" / "myst").glob("*.md"))
    sources += [p for p in sorted((ROOT / "chapters").glob("*.md")) if p.stem not in ("glossary", "references")]
    return {p.name: p.read_text(encoding="utf-8") for p in sources}


def glued_texts() -> dict[str, str]:
    """Every glued text of every committed notebook: '<chapter>:<name>' -> text."""
    return {f"{chapter}:{name}": text for chapter, name, text in committed_glues()}


def package_strings(layers=("analysis", "claims", "publishing")) -> dict[str, str]:
    """The string literals of the layers that write words a page or an export
    prints (the findings' and claims' texts, the ledger's rule texts, captions,
    headings, labels), docstrings left out: module path -> the strings joined."""
    out = {}
    for path in sorted(p for layer in layers for p in (ROOT / "placeblind" / layer).glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                   and isinstance(node.value, str) and id(node) not in docstrings]
        out[f"{path.parent.name}/{path.name}"] = "\n".join(strings)
    return out


def test_the_pages_use_one_spelling_per_thing():
    found = {name: sorted(set(variants_in(text))) for name, text in prose_sources().items() if variants_in(text)}
    assert found == {}, f"variant spellings (the book's: {VARIANTS})"


def test_the_glued_texts_use_one_spelling_per_thing():
    found = {name: variants_in(text) for name, text in glued_texts().items() if variants_in(text)}
    assert found == {}


def test_the_package_s_texts_use_one_spelling_per_thing():
    """Captions and headings (publishing), the claims' texts and rule texts (claims:
    the ledger prints them) and the findings' words (analysis)."""
    found = {name: variants_in(text) for name, text in package_strings().items() if variants_in(text)}
    assert found == {}


def test_an_abbreviation_follows_its_spelt_out_first_use():
    """A chapter's first "LQ" comes after "location quotient" is spelt out (as
    "location quotient (LQ)" or before), and "pp" after "percentage point"."""
    late = []
    for name, text in prose_sources().items():
        prose = re.sub(r"^```\{code-cell\}.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
        for short, full in ((r"\bLQs?\b", r"[Ll]ocation\s+quotient"), (r"\bpp\b", r"percentage\s+point")):
            first_short, first_full = re.search(short, prose), re.search(full, prose)
            if first_short and (not first_full or first_full.start() > first_short.start()):
                late.append((name, short))
    assert late == []


def test_west_midlands_says_which():
    """"West Midlands" names the metropolitan region (ITL2), the ITL1 region or the
    combined authority: each sentence that uses it says which."""
    vague = []
    for name, text in prose_sources().items():
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            if "West Midlands" in sentence and not re.search(
                    r"metropolitan region|ITL[123]|TLG3?\b|combined authorit", sentence):
                vague.append(f"{name}: {sentence[:120]}")
    assert vague == []


@pytest.mark.parametrize("text, expected", [
    ("from the Census 2021 and the 2011 Census", ["Census 2021"]),
    ("Level 4 or above, Level 4 qualifications, level 4+, Level 4+ and Level 4+ qualifications",
     ["Level 4 or above", "Level 4", "Level 4", "level 4+"]),
    ("IS8 and IS 8 but IS-8", ["IS8", "IS 8"]),
    ("r-squared, R-squared and r²", ["r-squared", "R-squared"]),
    ("Cambridgeshire & Peterborough, Cambridgeshire and Peterborough", ["Cambridgeshire & Peterborough"]),
    ("Information and communication; information & communication", ["Information and communication"]),
    ("residents aged 16 and\nover, residents aged 16+", ["aged 16 and\nover"]),
    ("12 per cent, 12%, a column 'percent'", ["per cent"]),
])
def test_the_variants_are_found_and_the_book_s_spellings_are_not(text, expected):
    assert sorted(variants_in(text)) == sorted(expected)
