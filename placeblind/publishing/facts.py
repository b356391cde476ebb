"""The facts a chapter glues, as data: every glued number or word is one cell of
a registered table, named in one declarative table per chapter.

``placeblind/publishing/fact_tables/<chapter>.py`` holds one tuple, ``FACTS``,
with one row per fact (``name, table, row, column, format``)::

    ("ca_n_later", "authorities_2025_pattern", "group == 'later'", "authorities", "d"),

- ``name``: the glue name the chapter's text uses (literal, so a name seen on a
  page can be found with grep);
- ``table``: a table of :data:`placeblind.publishing.registry.TABLES` (so the
  number is also in that table's CSV, and :func:`facts_table` can say where);
- ``row``: which row: a pandas query (``sample == 'itl3' and census == 2021``),
  a bare key for a table with a ``quantity`` column (``l4_change_ew`` means
  ``quantity == 'l4_change_ew'``), or empty for a table of one row;
- ``column``: the column holding the value;
- ``format``: how the page prints it: a Python format spec (``.2f``, ``,d``,
  ``+.1f``, ``.0%``), ``words:TRUE|FALSE`` for a yes/no cell printed as one of
  two words (``words:holds|does not hold``), ``word`` for a count in words up to
  ten (``six``; :func:`placeblind.text.number_word`), ``Word`` for the same
  at the start of a sentence or heading (``Five``), or empty for text as it is.

The value is glued as the printed text, so a number reads the same wherever it
is glued and the notebooks record what a reader sees, not binary digits. A row
selector that matches no row or several, an unknown table or column, or a
format that does not fit the value stops the build naming the fact.

A fact that is not yet a cell of a registered table becomes a column (or a
``quantity`` row) computed in :mod:`placeblind.analysis`, never here.

Every declared fact is used where its chapter needs it: printed by the
chapter's text, or read by a guard beside the sentence it protects
(``fact_value``); ``tests/test_facts.py`` fails on a declaration nothing uses.

Why the fact tables live in the package, not in ``data/``: they are
declarations, not data. A row holds no observation and no number; it says which
cell of which registered table a sentence prints, and how, much as
:data:`placeblind.publishing.registry.TABLES` says which function makes which
table. So they belong with the chapters and the code that read them:

- they change when a chapter's sentence changes, never when an input does, and
  are reviewed with the chapter in the same commit;
- ``data/`` holds the catalogued inputs only: every file there is a row of
  ``data/catalogue.csv`` with its provenance and checksum, checked by
  ``make verify``, and ``DATA_DIR`` may point at another folder (a revised
  release); declarations kept there would be uncatalogued files, or would need
  a checksum that changes with every sentence, and would go missing when the
  data are pointed elsewhere;
- they are package data (``pyproject.toml``), installed with the code that
  resolves them.

They are CSV rather than Python so that each fact is one line of five plain
fields: a reader can grep a glue name seen on a page, and a diff shows a
changed fact as one changed line.
"""

from __future__ import annotations

import pandas as pd

from . import fact_declarations
from .fact_declarations import (  # noqa: F401  (the chapters' and the tests' names, kept here)
    COLUMNS, FACT_TABLES, KEY_COLUMN, Fact, FactError, all_declared, chapters, declared, format_value)


def _registry():
    """The registry, imported when a fact is first resolved (reading the declarations needs none)."""
    from . import registry

    return registry


def resolve(fact: Fact) -> tuple[object, str]:
    """The fact's value (plain Python) and the text the page prints, from the registered tables."""
    registry = _registry()
    return fact_declarations.resolve(fact, registry.TABLES, registry.registered_table)


def declaration(name: str) -> Fact:
    """The declaration of the fact ``name`` (the first of the chapters that declare it:
    every declaration of one name has one format, ``tests/test_facts.py``)."""
    fact = next((fact for fact in all_declared() if fact.name == name), None)
    if fact is None:
        raise FactError(f"no fact table declares {name!r}")
    return fact


def fact_value(name: str):
    """The value (plain Python, before formatting) of the declared fact ``name``,
    for the guards a chapter keeps beside the sentence they protect."""
    return resolve(declaration(name))[0]


def fact_text(name: str) -> str:
    """The text the page prints for the declared fact ``name`` (its format applied),
    for a caption built in a code cell ("the four service sectors")."""
    return resolve(declaration(name))[1]


def cell(table: str, row: str = "", column: str = "value"):
    """One cell of a registered table, chosen as a fact's row and column are (for
    a guard that reads a finding no sentence prints)."""
    return resolve(Fact("(guard)", f"{table}[{row}]", table, row, column, ""))[0]


def chapter_facts(chapter: str) -> dict[str, str]:
    """Glue name -> printed text, for every fact of ``chapter``."""
    return {fact.name: resolve(fact)[1] for fact in declared(chapter)}


def glue_facts(chapter: str) -> None:
    """Glue every fact of ``chapter`` (the chapters' first cell calls this), after
    checking that the years the chapters' text names are the configured ones
    (:func:`~placeblind.publishing.guards.require_named_years`: a year in running
    text names a source, so it is typed). Returns nothing, so the cell shows nothing."""
    from myst_nb import glue

    from .guards import require_named_years

    require_named_years(cell("data_findings", "named_years"))
    for name, text in chapter_facts(chapter).items():
        glue(name, text, display=False)


def facts_table() -> pd.DataFrame:
    """Every glued fact with its text, value and source (the registered ``facts``)."""
    registry = _registry()
    return fact_declarations.facts_table(registry.TABLES, registry.registered_table)
