"""Alt texts that print glued facts, so a count in a figure's description is
computed like the numbers in its caption, never typed.

MyST-NB's ``glue:figure`` takes its ``:alt:`` option as literal text (a role
in an option is not parsed), so a count written there ("the fifteen combined
authorities") would be typed by hand. :class:`GluedAltFigure` is that directive
with one addition: ``{glue:text}`name``` in the alt text is replaced by the glued
text of ``name``, exactly as the role prints it in the caption. A name the
chapter has not glued fails the build like a missing glue in prose. Glue names
stay literal in the chapter's source, so ``tests/test_facts.py`` counts them as
used and a reader can grep them.

Registered over ``glue:figure`` by :mod:`placeblind.publishing.sphinx_site`.
"""

from __future__ import annotations

import re

from myst_nb.core.variables import RetrievalError, format_plain_text
from myst_nb.ext.glue.directives import PasteFigureDirective
from myst_nb.ext.glue.utils import retrieve_glue_data

# The glue:text role as the chapters write it, with an optional format spec.
GLUE_TEXT = re.compile(r"\{glue:text\}`([A-Za-z0-9_]+)(?::([^`]*))?`")


def glued_alt(alt: str, text_of) -> str:
    """``alt`` with every ``{glue:text}`name[:spec]``` replaced by ``text_of(name, spec)``."""
    return GLUE_TEXT.sub(lambda m: text_of(m.group(1), m.group(2) or ""), alt)


class GluedAltFigure(PasteFigureDirective):
    """``glue:figure`` whose ``:alt:`` may print glued facts."""

    def run(self):
        if "alt" in self.options:
            def text_of(name: str, spec: str) -> str:
                try:
                    data = retrieve_glue_data(self.document, name).data
                except RetrievalError as error:
                    raise self.error(f"alt text of {self.arguments[0]!r}: {error}") from error
                if "text/plain" not in data:
                    raise self.error(f"alt text of {self.arguments[0]!r}: {name!r} has no text to print")
                return format_plain_text(data["text/plain"], spec)

            self.options["alt"] = glued_alt(self.options["alt"], text_of)
        return super().run()


def _override_glue_figure(app, _config) -> None:
    """Once every extension is set up (MyST-NB may load after this one), put
    :class:`GluedAltFigure` in the place of ``glue:figure``; a build without
    MyST-NB (no glue domain) has no figure to change."""
    if "glue" in app.registry.domains:
        app.add_directive_to_domain("glue", "figure", GluedAltFigure, override=True)


def setup(app) -> dict:
    """A directive keeps no state between pages: safe to read them in parallel."""
    app.connect("config-inited", _override_glue_figure)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
