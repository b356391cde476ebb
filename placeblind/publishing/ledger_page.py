"""The claims ledger as a page people can read: one block per claim instead of
a nine-column table, grouped by source and verdict, each claim with an anchor of
its own (``claims_ledger.html#P04``) and its verdict as a labelled badge.

Static HTML (no script, no server): the groups are listed at the top with their
counts, so a reader can go straight to the paper's or the blog's claims, or to
only those that differ. The same rows are exported unchanged as ``claims.csv``.
Each claim's long notes (why the verdict, its rule, its robustness) are in a
disclosure open by default; on a phone ``_static/site.js`` closes them, so the
ledger reads as a list of claims with their figures, each note a tap away.
"""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from ..claims.framework import VERDICTS, graded_vintages, verdict_column

LEDGER_PAGE = "claims_ledger.html"  # the ledger chapter, as built beside the other chapters

# Verdicts most worth reading first come first on the page.
VERDICT_ORDER = ("differs", "close", "cannot be tested", "reproduced")
# A symbol with every label, so the badge never relies on colour alone.
VERDICT_SYMBOLS = {"reproduced": "\u2713", "close": "\u2248", "differs": "\u2717", "cannot be tested": "?"}
# The label of each claim's notes (why the verdict, the rule, the robustness), which on
# a phone also show the figure from the data in full.
NOTES_SUMMARY = "The full figures, why, and the rule"


# The claims' texts, and so their CSVs, write r-squared in plain letters ("r2 0.51");
# a page prints it as its prose and tables do, r². Only a free-standing "r2" (not a
# column name such as r2_ci_low).
_R_SQUARED = re.compile(r"(?<![\w.])r2(?![\w])")


def page_text(text) -> str:
    """A claim's text as a page prints it (r² for "r2")."""
    return _R_SQUARED.sub("r²", str(text))


def slug(text: str) -> str:
    """A lower-case HTML id made of the words of ``text``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def verdict_badge(verdict: str) -> str:
    """The verdict as a coloured badge that also says it in words."""
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}; expected one of {VERDICTS}")
    return (f'<span class="claim-verdict verdict-{slug(verdict)}">'
            f'<span aria-hidden="true">{VERDICT_SYMBOLS[verdict]}</span> {escape(verdict)}</span>')


def claim_link(claim_id: str) -> str:
    """A link from a chapter to a claim's block in the ledger."""
    if not re.fullmatch(r"[A-Z]+\d+", claim_id):
        raise ValueError(f"not a claim id: {claim_id!r}")
    return f'<a class="claim-link" href="{LEDGER_PAGE}#{claim_id}">{claim_id}</a>'


def _value(name: str, value) -> str:
    # The figure from the data is marked: on a phone its first lines show until the
    # claim's notes are opened (some list every coefficient and fill a screen).
    marked = ' class="claim-official"' if name == "Official data" else ""
    return f"<span{marked}><b>{name}:</b> {escape(page_text(value))}</span>"


def _claim_block(claim: pd.Series) -> str:
    values = [("Published", claim["published"]), ("Official data", claim["reproduced"]),
              ("Unit", claim["unit"]), ("Data", claim["vintage"])]
    # Sector claims are graded in each BRES vintage; the overall verdict follows the rule set.
    for year in graded_vintages():
        graded = str(claim.get(verdict_column(year), "") or "")
        if graded and graded != "nan":
            values.append((f"Verdict on {year}", graded))
    shown = "".join(_value(name, value) for name, value in values if str(value))
    # The long notes (robustness, the reason, the rule) sit in a disclosure that is
    # open in the page, so a wide screen shows everything; on a phone _static/site.js
    # closes it, and each claim is a few lines with its notes a tap away. Closed or
    # open, its text is in the page, so the site's search and find-in-page reach it.
    notes = []
    robustness = str(claim.get("robustness", "") or "")
    if robustness and robustness != "nan":
        notes.append(f'<p class="claim-robustness"><b>Across specifications:</b> {escape(page_text(robustness))}</p>')
    reason = str(claim["reason"]).strip()
    rule = str(claim.get("rule", "") or "").strip()
    if rule and rule != "nan":
        reason = f"{reason} Rule: {rule}." if reason else f"Rule: {rule}."
    if reason:
        notes.append(f'<p class="claim-reason"><b>Why:</b> {escape(page_text(reason))}</p>')
    more = (f'<details class="claim-more" open><summary>{NOTES_SUMMARY}</summary>{"".join(notes)}</details>'
            if notes else "")
    return (f'<div class="claim" id="{escape(claim["claim_id"])}">'
            f'<p class="claim-head"><a class="claim-id" href="#{escape(claim["claim_id"])}">'
            f'{escape(claim["claim_id"])}</a> {verdict_badge(claim["verdict"])} '
            f'<span class="claim-statement">{escape(page_text(claim["statement"]))}</span></p>'
            f'<p class="claim-values">{shown}</p>'
            + more + "</div>")


def _groups(ledger: pd.DataFrame):
    """(source, verdict, rows) for every non-empty group, sources in ledger order."""
    unknown = set(ledger["verdict"]) - set(VERDICT_ORDER)
    if unknown:
        raise ValueError(f"unknown verdicts {sorted(unknown)}; expected {VERDICTS}")
    for source in ledger["source"].drop_duplicates():
        for verdict in VERDICT_ORDER:
            rows = ledger[(ledger["source"] == source) & (ledger["verdict"] == verdict)]
            if len(rows):
                yield source, verdict, rows.sort_values("claim_id", kind="stable")


def ledger_html(ledger: pd.DataFrame) -> str:
    """Every claim as a block, grouped by source and then verdict, with an index
    of the groups (and their counts) at the top."""
    if ledger["claim_id"].duplicated().any():
        raise ValueError(f"duplicate claim ids: {sorted(ledger.loc[ledger['claim_id'].duplicated(), 'claim_id'])}")
    groups = list(_groups(ledger))
    index_lines = []
    for source in ledger["source"].drop_duplicates():
        links = [f'<a href="#{slug(s + " " + v)}">{verdict_badge(v)} {len(rows)}</a>'
                 for s, v, rows in groups if s == source]
        index_lines.append(f"<li><b>{escape(source)}:</b> {' '.join(links)}</li>")
    parts = [f'<nav class="ledger-index" aria-label="Claims by source and verdict"><ul>{"".join(index_lines)}'
             "</ul></nav>"]
    for source, verdict, rows in groups:
        parts.append(f'<section class="ledger-group" id="{slug(source + " " + verdict)}">'
                     f'<p class="ledger-group-title">{escape(source)}: {verdict_badge(verdict)} '
                     f'({len(rows)})</p>')
        parts += [_claim_block(claim) for _, claim in rows.iterrows()]
        parts.append("</section>")
    return '<div class="claims-ledger">' + "\n".join(parts) + "</div>"
