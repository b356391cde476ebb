"""The registry of the book's key quantities: one table (registered as
``key_quantities``) that every page's glued words and numbers for them must
agree with.

It puts together what the layers below compute, without computing anything:

- the key counts, each with the year of the district codes it counts in
  (:func:`placeblind.analysis.places.key_quantities`: the fifteen authorities'
  districts are 106 under 2025 codes and 112 under the 2021 codes, England
  and Wales's are 336 under the 2020 codes of the 2011 Census and 331 under
  the 2021 codes, and each is right for the codes it names);
- the decade-on reading of the degrees-professional link (ITL3 areas, BRES 2023,
  2011 against 2021 education, the paired change in r²: the registered
  ``decade_link_change``) and the summary word the introduction and the
  conclusion print for it (``summary_findings``);
- every claim's verdict (:func:`placeblind.claims.ledger.claims_ledger`).

``glued_as`` names the glue names (any chapter) that print the quantity: the
facts declared from this table (``key_quantities,<quantity>,value`` in a
chapter's fact table) and the names in :data:`GLUED_AS`, which glue the same
number from the table that computes it (a fit's count of districts, say) and so
check it against the registry. ``tests/test_key_quantities.py`` reads every
chapter's glued outputs and fails when one of them prints something else, when
a page prints a count of all the districts of a source without naming the year
of its codes, and when any glued verdict of a claim (a glue name ending
``verdict_<claim id>``) differs from the ledger's.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..analysis.places import key_quantities
from ..claims.ledger import claims_ledger
from ..data.sectors import PROFESSIONAL

# Glue names that print a key quantity from another table than this one (literal, so a name seen on a
# page can be found with grep): each is checked against the registry. A quantity may be glued by
# several chapters. The names that glue the registry's own cell are read from the fact tables.
GLUED_AS: dict[str, tuple[str, ...]] = {
    "authorities_2025": ("ca_n_authorities", "end_ca_n_authorities"),
    "authorities_2025_districts_2025_codes": ("ca_n_districts", "ca_fit_n"),
    "authorities_2025_districts_2021_codes": ("dec_conv_ca_n",),
    "districts_england_wales_2021_codes": ("dec_n_districts", "dec_rd_n_districts", "dec_conv_all_n", "dec_fit_n",
                                           "dec_itl3_n_districts", "fit_join_n_joined_2019", "inf_moran_ew_n"),
    "districts_england_wales_2020_codes": ("fit_ew_n",),
    "districts_great_britain_2016_codes": ("lq_ref_n_gb_districts",),
    "districts_england_2016_codes": ("lq_ref_n_english_districts",),
    "decade_link_reading": ("dec_pl_itl3_prof_reading",),
    "decade_link_summary": ("intro_dec_itl3_summary", "end_dec_itl3_prof_summary"),
}



def key_quantities_table(links: pd.DataFrame, summary: pd.DataFrame, declared: Iterable = ()) -> pd.DataFrame:
    """``links`` and ``summary``: the registered ``decade_link_change`` and
    ``summary_findings``; ``declared``: every chapter's declared facts
    (:func:`placeblind.publishing.fact_declarations.all_declared`); all passed in by the
    registry, which this module may not import.

    Columns ``quantity``, ``value`` (as the pages print it), ``code_year`` (the
    year of the district codes a count uses; empty where none applies),
    ``meaning`` and ``glued_as`` (the glue names, space-separated)."""
    counts = key_quantities()
    rows = [{"quantity": r.quantity, "value": str(r.value),
             "code_year": "" if pd.isna(r.code_year) else str(int(r.code_year)), "meaning": r.meaning}
            for r in counts.itertuples()]
    link = links[(links["sample"] == "itl3") & (links["sector"] == PROFESSIONAL)
                 & (links["education"] == "level4_plus")].iloc[0]
    summary = summary.set_index("quantity").loc["dec_itl3_prof_summary", "value"]
    rows += [{"quantity": "decade_link_reading", "value": str(link["reading"]), "code_year": "",
              "meaning": "the link between degrees and professional jobs across ITL3 areas (BRES 2023): the "
                         "paired change in r² from 2011 to 2021 education, stronger, weaker or about as strong"},
             {"quantity": "decade_link_summary", "value": str(summary), "code_year": "",
              "meaning": "the words the introduction and the conclusion use for that change"}]
    ledger = claims_ledger()
    rows += [{"quantity": f"verdict_{row.claim_id.lower()}", "value": row.verdict, "code_year": "",
              "meaning": f"the claims ledger's verdict on {row.claim_id}"} for row in ledger.itertuples()]
    out = pd.DataFrame(rows, columns=["quantity", "value", "code_year", "meaning"])
    unknown = set(GLUED_AS) - set(out["quantity"])
    if unknown:
        raise ValueError(f"GLUED_AS names quantities the registry does not have: {sorted(unknown)}")
    from_facts: dict[str, list[str]] = {}
    for fact in declared:
        if fact.table == "key_quantities" and fact.column == "value":
            from_facts.setdefault(fact.row, []).append(fact.name)
    out["glued_as"] = out["quantity"].map(
        lambda q: " ".join(dict.fromkeys([*from_facts.get(q, ()), *GLUED_AS.get(q, ())])))
    return out
