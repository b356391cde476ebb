"""Every page links each glossary term where its prose first uses it.

The glossary (``chapters/glossary.md``) explains the statistical and official
terms in plain words; a reader may open any page first, so on every page the
first use of a term in running text (a paragraph, a list item, a caption)
becomes a link to its entry, unless the page already links that term itself
(a ``{term}`` role written in the chapter). Done once here, as a Sphinx
transform, rather than by hand in every chapter: a new page or a reworded
sentence is linked without anyone remembering to.

``GLOSSARY_LINKS`` pairs each glossary entry with the pattern that finds it in
prose; ``tests/test_site.py`` checks that every entry named here exists in the
glossary and that a hand-made page is linked as described.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

# (glossary entry, pattern of its uses in prose), in no particular order: on a
# page each term is linked at its own first use.
GLOSSARY_LINKS: tuple[tuple[str, str], ...] = (
    ("BRES", r"\bBRES\b"),
    ("ONS", r"\bONS\b"),
    ("Nomis", r"\bNomis\b"),
    ("Greater South East", r"\bGreater South East\b"),
    ("SIC", r"\bSIC\b"),
    ("Broad industrial group", r"\bbroad (?:industrial )?groups?\b"),
    ("Level 4+", r"\bLevel 4\+"),
    ("Combined authority", r"\b[Cc]ombined authorit(?:y|ies)\b"),
    ("ITL2", r"\bITL[23]\b"),
    ("Location quotient", r"\b(?:[Ll]ocation quotients?|LQs?)\b"),
    ("IS-8", r"\bIS-8\b"),
    ("Specialism", r"\bspecialisms?\b"),
    ("Percentage point", r"\bpercentage points?\b"),
    ("r", r"\bPearson[’']s (?:correlation|r)\b|\bPearson[’']s\b"),
    ("r²", r"(?<![\w])r²"),
    ("OLS", r"\b(?:OLS|[Oo]rdinary least squares|least squares)\b"),
    ("Huber line", r"\bHuber\b"),
    # "95% interval" as typed, or "% interval" after a glued level (interval_level_pct: the
    # number is a node of its own, so only the word "interval" is linked)
    ("Confidence interval", r"\b(?:[Cc]onfidence interval|\d+% interval)s?\b|(?<=%\s)intervals?\b"),
    ("p-value", r"(?<![\w-])p-values?\b"),
    ("Bootstrap", r"\b[Bb]ootstrap(?:ped)?\b"),
    ("HC3", r"\bHC3\b"),
    ("Moran's I", r"\bMoran[’']s I\b"),
    ("Permutation test", r"\b[Pp]ermutation(?: test| null| p-value)?s?\b"),
    ("Specification curve", r"\b[Ss]pecification curves?\b"),
    ("Rounding bounds", r"\brounding bounds?\b"),
)

# Pages that are not linked: the glossary itself and the list of references.
UNLINKED_PAGES = ("chapters/glossary", "chapters/references")

# Text inside these is never linked: links and code, headings, maths, tables
# (their headers are short labels; the caption above a table is linked), raw HTML.
_SKIP = (nodes.reference, addnodes.pending_xref, nodes.literal, nodes.literal_block, nodes.title,
         nodes.math, nodes.math_block, nodes.raw, nodes.table, nodes.term, nodes.rubric,
         nodes.FixedTextElement, nodes.target)
_PROSE = (nodes.paragraph, nodes.caption)


def _linkable(text: nodes.Text) -> bool:
    prose = False
    for parent in _ancestors(text):
        if isinstance(parent, _SKIP):
            return False
        prose = prose or isinstance(parent, _PROSE)
    return prose


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _term_link(text: str, entry: str, docname: str) -> addnodes.pending_xref:
    """What the ``{term}`` role makes: a cross-reference Sphinx resolves to the entry."""
    link = addnodes.pending_xref("", refdomain="std", reftype="term", reftarget=entry.lower(),
                                 refexplicit=True, refwarn=True, refdoc=docname)
    link += nodes.inline(text, text, classes=["xref", "std", "std-term"])
    return link


def link_first_uses(doctree: nodes.Node, docname: str, links=GLOSSARY_LINKS) -> list[str]:
    """Link, in ``doctree``, the first prose use of each term the page does not
    already link; return the entries linked, in page order."""
    already = {node["reftarget"].lower() for node in doctree.findall(addnodes.pending_xref)
               if node.get("reftype") == "term"}
    # a source line may break anywhere between the words of a term
    waiting = [(entry, re.compile(pattern.replace(" ", r"\s+"))) for entry, pattern in links
               if entry.lower() not in already]
    _join_text_runs(doctree)
    linked: list[str] = []
    replaced: set[int] = set()  # Text nodes already split (ids), skipped when met later in the list
    for node in list(doctree.findall(lambda n: isinstance(n, (nodes.Text, nodes.emphasis)))):
        if not waiting:
            break
        if id(node) in replaced or not _linkable(node):
            continue
        if isinstance(node, nodes.emphasis):
            if entry := _emphasised_symbol(node, [e for e, _ in waiting]):
                replaced.add(id(node.parent[_index(node.parent, node) + 1]))
                _link_emphasised_symbol(node, entry, docname)
                waiting = [(e, p) for e, p in waiting if e != entry]
                linked.append(entry)
            continue
        parent, rest, pieces = node.parent, str(node), []
        while waiting:
            found = [(m.start(), m.end(), entry) for entry, pattern in waiting
                     if (m := pattern.search(rest))]
            if not found:
                break
            start, end, entry = min(found)
            pieces += [nodes.Text(rest[:start]), _term_link(rest[start:end], entry, docname)]
            rest = rest[end:]
            waiting = [(e, p) for e, p in waiting if e != entry]
            linked.append(entry)
        if pieces:
            index = _index(parent, node)
            del parent.children[index]
            for offset, piece in enumerate([*pieces, nodes.Text(rest)]):
                parent.insert(index + offset, piece)
    return linked


def _join_text_runs(doctree: nodes.Node) -> None:
    """Join neighbouring Text nodes into one (MyST keeps each source line break as
    a Text node of its own), so a term broken across lines is found; the page
    reads the same."""
    for element in list(doctree.findall(nodes.Element)):
        index = 0
        while index < len(element.children) - 1:
            first, second = element.children[index], element.children[index + 1]
            if isinstance(first, nodes.Text) and isinstance(second, nodes.Text):
                # by position: docutils finds a Text child by its value (Text is a str), so
                # remove()/replace() took an equal Text elsewhere in the paragraph (a line
                # break after a bold heading once moved before it, and the words ran together)
                joined = nodes.Text(first.astext() + second.astext())
                joined.parent = element
                element.children[index:index + 2] = [joined]
            else:
                index += 1


def _index(parent: nodes.Element, child: nodes.Node) -> int:
    """``child``'s position in ``parent`` (the node itself; ``parent.index`` finds
    the first child equal to it, and Text nodes are equal by their text)."""
    return next(i for i, node in enumerate(parent.children) if node is child)


# Symbols the chapters write in italics with a suffix in plain text: *r*², *p*-value.
EMPHASISED_SYMBOLS = {("r", "²"): "r²", ("p", "-value"): "p-value"}


def _emphasised_symbol(node: nodes.emphasis, waiting: list[str]) -> str | None:
    """The glossary entry an italic symbol and the text right after it spell, if waiting."""
    parent = node.parent
    index = _index(parent, node)
    after = parent[index + 1] if index + 1 < len(parent) else None
    if not isinstance(after, nodes.Text):
        return None
    for (symbol, suffix), entry in EMPHASISED_SYMBOLS.items():
        if node.astext() == symbol and after.astext().startswith(suffix) and entry in waiting:
            return entry
    return None


def _link_emphasised_symbol(node: nodes.emphasis, entry: str, docname: str) -> None:
    """Wrap the italic symbol and its suffix in one link to ``entry``."""
    parent = node.parent
    index = _index(parent, node)
    after = parent[index + 1]
    suffix = next(s for (sym, s), e in EMPHASISED_SYMBOLS.items() if e == entry)
    link = addnodes.pending_xref("", refdomain="std", reftype="term", reftarget=entry.lower(),
                                 refexplicit=True, refwarn=True, refdoc=docname)
    inner = nodes.inline("", "", classes=["xref", "std", "std-term"])
    del parent.children[index:index + 2]  # the symbol and the text after it (by position, as above)
    inner += node
    inner += nodes.Text(suffix)
    link += inner
    parent.insert(index, nodes.Text(after.astext()[len(suffix):]))
    parent.insert(index, link)


class LinkGlossaryTerms(SphinxTransform):
    """Run on every page as it is read (after MyST and MyST-NB have made its nodes)."""

    default_priority = 880

    def apply(self, **kwargs) -> None:
        if self.env.docname not in UNLINKED_PAGES:
            link_first_uses(self.document, self.env.docname)
