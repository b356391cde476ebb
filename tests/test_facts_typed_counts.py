"""No count typed by hand in what a reader sees (issue 16, item 3): a number word
in a chapter's prose, captions, alt texts or admonitions is either glued (a
cell of a registered table, so a change in the data or the configuration
changes the word) or listed below with the reason it is not a count of the
data: a quotation of a text, a count the sentence itself enumerates, the
structure of the book's own argument, or a count fixed by construction.

Checked over the chapter sources (``chapters/myst``) with code cells, glued
values, roles and inline code removed, and over the captions and column names
the chapters' shown code cells build (their string literals, an f-string's
fields counted as computed). Numerals are checked the same way against
:data:`NAMED_NUMERALS`. "one", "both", "all" and the ordinals
are left out: in English they are mostly not counts ("one by one", "the one
at the 10th"). Years, table numbers and labels such as "Level 4+" are names,
not counts, and are not number words."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

MYST = Path(__file__).resolve().parents[1] / "chapters" / "myst"

NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "dozen")
NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)

PAIR = "MEAN_OF, the bundled vintages on either side of the paper's year (analysis.vintages._bracket): a pair by construction"

# (chapter, or "*" for every chapter; the words around the number word as the
# reader sees them, a glued value shown as «G», matched in any case) -> why the
# number is not glued.
ALLOWED = {
    ('claims_ledger', 'Two BRES vintages: what is graded'):
        PAIR,
    ('claims_ledger', 'two vintages'):
        PAIR,
    ('claims_ledger', 'the former two-vintage rule'):
        PAIR,
    ('decade', "The decade's two readings on every basis"):
        "a caption that names the two readings next (Spread: ..., Convergence: ...)",
    ('is8_regions', 'its two lists cover the same subclasses'):
        "the comparison is of two lists by construction: the IS-8 definition and DCMS's",
    ('sector_composition', "the two years' LQs"):
        PAIR,
    ('*', 'two-sided'):
        'a statistical term (a two-sided test), not a count',
    ('*', 'two digits'):
        'a level of the SIC hierarchy (divisions), named by its code length',
    ('*', 'five digits'):
        'a level of the SIC hierarchy (subclasses), named by its code length',
    ('*', 'two-digit'):
        'a level of the SIC hierarchy (divisions), named by its code length',
    ('*', 'five-digit'):
        'a level of the SIC hierarchy (subclasses), named by its code length',
    ('*', 'two variables'):
        'a relation, correlation or fit is between two variables by definition',
    ('*', "the two years' verdicts"):
        PAIR,
    ('*', "its two years' verdicts"):
        PAIR,
    ('attainment', 'Two polarised groups'):
        "the paper's Table 1 pair: no qualifications and Level 4+",
    ('attainment', 'The two groups the paper puts forward'):
        "the paper's Table 1 pair: no qualifications and Level 4+",
    ('attainment', 'the two largest of'):
        "the paper's Table 1 pair: no qualifications and Level 4+",
    ('attainment', 'Together the two groups'):
        "the paper's Table 1 pair: no qualifications and Level 4+",
    ('attainment', 'the larger of the two groups'):
        "the paper's Table 1 pair: no qualifications and Level 4+",
    ('attainment', 'The two shares'):
        "the paper's Table 1 pair: no qualifications and Level 4+",
    ('attainment', 'the two shares'):
        "the paper's Table 1 pair: no qualifications and Level 4+",
    ('claims_ledger', 'a ratio of two location quotients'):
        'what a ratio is: one LQ over another',
    ('claims_ledger', 'Two readings are applied'):
        'enumerates the two readings the sentence goes on to state',
    ('claims_ledger', "Two vintages for the paper's 2018"):
        PAIR,
    ('claims_ledger', 'as in two ('):
        'a lag of two years set against a lag of one, not a count of the data',
    ('claims_ledger', 'the two years'):
        PAIR,
    ('claims_ledger', 'the mean of the two values'):
        PAIR,
    ('claims_ledger', 'the worse of the two,'):
        PAIR,
    ('claims_ledger', 'whose two years disagree'):
        PAIR,
    ('claims_ledger', 'where there are two)'):
        PAIR,
    ('data_and_methods', 'the two nearest vintages it holds'):
        PAIR,
    ('decade', 'Two measures of how far apart'):
        'enumerates the two measures the paragraph then names',
    ('decade', 'the same two measures'):
        'the two measures named in the paragraph before',
    ('decade', 'Whether two intervals overlap'):
        'a general remark on comparing intervals, not a count of the data',
    ('decade', 'straddle two ITL3 areas'):
        "'two' as 'more than one': a district in two areas at once",
    ('education_and_sectors', 'Joining the two sources'):
        'the two sources of every fit: BRES jobs and census residents',
    ('education_and_sectors', 'The two sources do not even count'):
        'the two sources of every fit: BRES jobs and census residents',
    ('education_and_sectors', 'Two cautions apply'):
        'enumerates the cautions the paragraphs then give (The first ..., The second ...)',
    ('education_and_sectors', 'Three checks stand beside'):
        'enumerates the checks the paragraph then gives (The first ..., The second ..., The third ...)',
    ('education_and_sectors', 'two count as neighbours'):
        'defines neighbours: a pair of areas',
    ('introduction', 'England has had two industrial strategies'):
        'bibliographic: the 2017 and 2025 strategies, both cited',
    ('introduction', 'the two commands that matter'):
        'enumerates the two commands the sentence names',
    ('is8_regions', "The 2025 strategy's eight sectors at ITL2"):
        "the chapter's title names the IS-8 (a glued value cannot stand in a title)",
    ('is8_regions', 'The two measures also place'):
        'the exact and the two-digit measures, named in the paragraph',
    ('is8_regions', 'The two city-regions.'):
        "the blog's two named city-regions (B01, B02), named in the paragraph",
    ('is8_regions', '"all eight"'):
        "a quotation of the blog's words (B08)",
    ('is8_regions', 'The blog counts four sectors'):
        "the blog's published count (B09's published value)",
    ('is8_regions', 'the two core cities'):
        'Manchester and Birmingham, named in the sentence',
    ('location_quotients', 'the two years'):
        PAIR,
    ('location_quotients', 'The two references'):
        "the references of the two vintages, MEAN_OF, the bundled vintages on either side of the paper's year (analysis.vintages._bracket): a pair by construction",
    ('location_quotients', 'the two references'):
        "the references of the two vintages, MEAN_OF, the bundled vintages on either side of the paper's year (analysis.vintages._bracket): a pair by construction",
    ('location_quotients', 'lies between the two.'):
        PAIR,
    ('location_quotients', 'The three strongest digital districts are the ones the paper names'):
        "the paper's three named cities (P20's list); guarded by lq_digital_top3_as_paper",
    ('places', "the three sectors the paper reads as the 2017 strategy's"):
        'enumerates the three sectors the sentence names',
    ('places', "the paper's four measures (the two qualification shares"):
        'enumerates the measures the sentence names',
    ('robustness', 'three things keep the count honest'):
        'enumerates the three the paragraph then gives (First, Second, Third)',
    ('robustness', 'where two specifications feed'):
        "'two' as 'more than one': specifications that coincide",
    ('robustness', '(two thresholds'):
        'an example of coinciding specifications',
    ('robustness', "the decade chapter's three:"):
        'enumerates the three samples the sentence names',
    ('robustness', '(those two,'):
        'the two measures named before it',
    ('robustness', 'one of the two ('):
        'the two variables of a relation',
    ('sector_composition', 'the two years'):
        PAIR,
    ('sector_composition', 'two groups often have the same value'):
        "'two' as 'more than one': ties",
    ('sector_composition', 'the two sectors'):
        'health and education, named before (P47)',
    ('sector_composition', 'The paper says that in three authorities'):
        "the paper's published count, quoted (its claim's published value)",
    ('what_survives', 'not eight times'):
        "the paper's published factor (P26's published value, a text in its claims table), guarded against it",
    ('what_survives', 'those three stand'):
        'Middlesbrough, Hartlepool and Oldham, named in the sentence',
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
        if where in (chapter, "*"):
            text = re.sub(re.escape(phrase), lambda m: " " * len(m.group()), text, flags=re.IGNORECASE)
    return [text[max(0, m.start() - 40):m.end() + 40].strip() for m in NUMBER_WORD.finditer(text)]


def chapters() -> list[str]:
    return sorted(p.stem for p in MYST.glob("*.md"))


@pytest.mark.parametrize("chapter", chapters())
def test_no_count_is_typed_in_a_chapter(chapter):
    found = typed_counts(chapter, reader_text((MYST / f"{chapter}.md").read_text(encoding="utf-8")))
    assert not found, (f"{chapter}: a number word typed in the prose; glue it from a registered table (README, "
                       f"'Facts as data') or add it to ALLOWED with its reason: {found}")


def test_every_allowed_phrase_is_still_in_its_chapter():
    sources = {c: (MYST / f"{c}.md").read_text(encoding="utf-8") for c in chapters()}
    texts = {c: reader_text(source) + " " + shown_strings(source) for c, source in sources.items()}
    stale = [(c, p) for (c, p) in ALLOWED
             if not any(p.lower() in t.lower() for name, t in texts.items() if c in (name, "*"))]
    assert not stale, f"allowed phrases no chapter has any more (drop them): {stale}"


def test_every_allowed_phrase_holds_a_number_word_and_a_reason():
    assert all(NUMBER_WORD.search(p) and reason.strip() for (_c, p), reason in ALLOWED.items())


@pytest.mark.parametrize("source, found", [
    ("The seven qualification groups add up.\n", ["seven"]),
    ("The {glue:text}`dm_n_groups` qualification groups add up.\n", []),
    ("A Two-sided test.\n", []),                                     # allowed everywhere
    ("Between the two censuses.\n", ["two"]),
    ("```{code-cell} ipython3\nrequire(x, 'the two censuses')\n```\nText.\n", []),   # code is not prose
    ("---\ntitle: two\n---\nText.\n", []),                           # nor is the front matter
    (":alt: Three maps of {glue:text}`n` districts.\n", ["Three"]),  # alt texts are read
    ("See {numref}`fig-rob-five` and `five`.\n", []),                # a role's target, inline code
    ("The two sources\ndo not even count.\n", []),                   # a phrase may wrap
])
def test_the_check_finds_a_typed_count_and_only_that(source, found):
    words = [NUMBER_WORD.search(hit).group() for hit in typed_counts("education_and_sectors", reader_text(source))]
    assert words == found


# Numerals a reader sees that are names or definitions, not results: years
# (a census, a BRES vintage, a strategy, a lookup: each names a source), labels
# (Level 4+, aged 16+, IS-8, the paper's Table 3, SIC divisions and groups,
# SHA-256, CC BY 4.0, OGL v.3.0), the parity of a location quotient (1) and the
# whole of a share (100), the zero of a correlation, and the grades' scores the
# ledger's former rule averaged. Each pattern is matched where it stands; any
# other numeral must be glued.
NAMED_NUMERALS = re.compile("|".join([
    r"\b(19|20)\d\d\b",                                    # a year
    r"Level \d\+?", r"aged 16\+", r"[Rr]esidents 16\+", r"IS-8", r"Tables? \d", r"SHA-256", r"CC BY 4\.0", r"v\.3\.0",
    r"\b[25]-digit", r"divisions? \d\d(, \d\d)*( and \d\d)?", r"group \d\d\.\d",
    r"(above|below|cross|crosses|from|of|equal|exactly|Britain =|GB =|LQ >) 1\b", r"\b1 \(", r"average exactly 1",
    r"\b1 = the",
    r"(to|from) 100\b", r"100 \\times", r"rescaled to 100",
    r"(at|contains|never|from) 0\b", r"0 for no pattern, 1 for", r"2 means twice",
    r"reproduced 0, close 1, differs 2",
    r"90th|10th|90-10",
    # A percentile of a null distribution named by its rank (not the level of an
    # interval: that is glued, ``interval_level_pct``, from measures.SIGNIFICANCE).
    r"95th percentile",
]))


# A numeral standing alone (not part of an identifier such as P08, ITL2, KS501EW or HC3).
NUMERAL = re.compile(r"(?<![\w.#/-])\d+(?:[.,]\d+)*(?!\w)")


@pytest.mark.parametrize("chapter", chapters())
def test_no_numeral_is_typed_in_a_chapter(chapter):
    text = reader_text((MYST / f"{chapter}.md").read_text(encoding="utf-8"))
    text = NAMED_NUMERALS.sub(lambda m: " " * len(m.group()), text)
    found = [text[max(0, m.start() - 40):m.end() + 40].strip() for m in NUMERAL.finditer(text)]
    assert not found, f"{chapter}: a numeral typed in the prose; glue it, or name the pattern it is: {found}"


@pytest.mark.parametrize("source, typed", [
    ("The 37 districts.", True), ("The {glue:text}`n` districts.", False), ("The 2011 Census.", False),
    ("An LQ above 1.", False), ("r = 0.93 in 2011.", True), ("a 90% interval", True),
    ("the 95% interval", True), ("a 95% bootstrap interval", True),     # the level of an interval is glued, not typed
    ("the {glue:text}`interval_level_pct`% interval", False), ("its 95th percentile", False),
    ("claim P08, ITL2 regions, KS501EW, HC3 errors", False),           # identifiers hold digits, they are not numerals
])
def test_the_numeral_check_tells_a_name_from_a_typed_number(source, typed):
    text = NAMED_NUMERALS.sub(lambda m: " " * len(m.group()), reader_text(source))
    assert bool(NUMERAL.search(text)) is typed


def shown_strings(source: str) -> str:
    """The texts of a chapter that its code cells show a reader (a table's caption,
    a column's name): every string literal of each code cell not removed from the
    page, an f-string's fields as «G» (computed), joined by spaces. Guards' cells
    (``remove-cell``) show nothing."""
    out, cell, in_code = [], [], False
    for line in source.splitlines():
        if line.startswith("```{code-cell}"):
            in_code, cell = True, []
        elif in_code and line.startswith("```"):
            in_code = False
            if not any(option.startswith(":tags:") and "remove-cell" in option for option in cell):
                code = "\n".join(option for option in cell if not option.startswith(":"))
                for token in tokenize.generate_tokens(io.StringIO(code).readline):
                    if token.type == tokenize.STRING:
                        body = re.sub(r"^[rbfuRBFU]*('\'\'|\"\"\"|'|\")", "", token.string)[:-1].strip("'\"")
                        out.append(re.sub(r"\{[^{}]*\}", "«G»", body))
        elif in_code:
            cell.append(line)
    return " ".join(out)


@pytest.mark.parametrize("chapter", chapters())
def test_no_count_is_typed_in_a_caption_built_in_code(chapter):
    text = shown_strings((MYST / f"{chapter}.md").read_text(encoding="utf-8"))
    assert typed_counts(chapter, text) == [], f"{chapter}: a number word typed in a caption built in code"
    text = NAMED_NUMERALS.sub(lambda m: " " * len(m.group()), text)
    found = [text[max(0, m.start() - 40):m.end() + 40].strip() for m in NUMERAL.finditer(text)]
    assert found == [], f"{chapter}: a numeral typed in a caption built in code: {found}"


@pytest.mark.parametrize("cell, typed", [
    ('show_table(t, "r² with a 95% interval.")', True),
    ('show_table(t, f"r² with a {fact_text(\'interval_level_pct\')}% interval.")', False),
    ('t.rename(columns={"ci_low": "95% interval, low"})', True),
])
def test_a_typed_interval_level_in_a_caption_or_column_built_in_code_is_found(cell, typed):
    text = NAMED_NUMERALS.sub(lambda m: " " * len(m.group()), shown_strings(f"```{{code-cell}} ipython3\n{cell}\n```\n"))
    assert bool(NUMERAL.search(text)) is typed


def test_captions_built_in_code_are_read_and_guards_are_not():
    source = ("```{code-cell} ipython3\n:tags: [hide-input]\n\nshow_table(t, f\"Seven groups, {n} districts, \"\n"
              "           \"2011 Census.\")\n```\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n\n"
              "require(x, \"the two censuses\")\n```\n")
    assert shown_strings(source) == "Seven groups, «G» districts,  2011 Census."
    assert [NUMBER_WORD.search(hit).group() for hit in typed_counts("x", shown_strings(source))] == ["Seven"]


def typed_levels(source: str) -> list[str]:
    """The string literals of a module's code (docstrings aside: a reader never sees
    them) that type the interval level ("95%") instead of reading it
    (measures.correlations.interval_level_pct); an f-string's fields are computed."""
    import ast

    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and "95%" in node.value]


def test_no_module_types_the_interval_level_in_a_text_a_reader_sees():
    """Column names, claim texts, rules and captions built in the package print the
    level from the one constant, so a changed level changes every one of them."""
    package = Path(__file__).resolve().parents[1] / "placeblind"
    typed = {str(path.relative_to(package)): found for path in sorted(package.rglob("*.py"))
             if (found := typed_levels(path.read_text(encoding="utf-8")))}
    assert typed == {}


@pytest.mark.parametrize("source, found", [
    ('x = {"95% interval, low": 1}\n', ["95% interval, low"]),
    ('x = f"r2 (95% {low}-{high})"\n', ["r2 (95% "]),
    ('x = f"r2 ({interval_level_pct():g}% {low}-{high})"\n', []),
    ('def f():\n    """Its 95% interval."""\n', []),                  # a docstring is not shown
])
def test_the_level_check_finds_a_typed_level_and_only_that(source, found):
    assert typed_levels(source) == found
