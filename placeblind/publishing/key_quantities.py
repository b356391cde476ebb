"""The registry of the book's key quantities: one table (registered as
``key_quantities``) that every page's glued words and numbers for them must
agree with.

It puts together what the layers below compute, without computing anything:

- the key counts, each with the year of the district codes it counts in
  (:func:`placeblind.analysis.places.key_quantities`: the fifteen authorities'
  districts are 106 under 2025 codes and 112 under the 2021 codes, and both
  are right);
- the decade-on reading of the degrees-professional link (ITL3 areas, BRES 2023,
  2011 against 2021 education: :func:`placeblind.analysis.decade.link_change`);
- every claim's verdict (:func:`placeblind.claims.ledger.claims_ledger`).

``glued_as`` names the glue names (any chapter) that print the quantity;
``tests/test_key_quantities.py`` reads every chapter's glued outputs and fails
when one of them prints something else, and when any glued verdict of a claim
(a glue name ending ``verdict_<claim id>``) differs from the ledger's.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.decade import link_change
from ..analysis.itl3 import itl3_fits
from ..analysis.places import key_quantities
from ..claims.ledger import claims_ledger

# Which glue names print which key quantity (literal, so a name seen on a page
# can be found with grep). A quantity may be glued by several chapters.
GLUED_AS: dict[str, tuple[str, ...]] = {
    "authorities_2025": ("ca_n_authorities", "pl_n_authorities"),
    "authorities_2025_districts_2025_codes": ("ca_n_districts", "pl_n_ca_2025"),
    "authorities_2025_districts_2021_codes": ("dec_n_ca_districts", "dec_conv_ca_n", "pl_n_ca_2021"),
    "districts_england_wales_2021_codes": ("dec_n_districts", "pl_n_districts"),
    "districts_recoded_2025": ("pl_n_recoded_2025",),
    "districts_merged_2023": ("pl_n_merged_2023",),
    "districts_merged_into_2023": ("pl_n_merged_into_2023",),
    "decade_link_reading": ("dec_itl3_prof_reading", "end_dec_itl3_prof_reading"),
    "decade_link_intervals": ("dec_itl3_prof_overlap", "end_dec_itl3_prof_overlap"),
}

PROFESSIONAL = "Professional, scientific & technical"


def key_quantities_table() -> pd.DataFrame:
    """Columns ``quantity``, ``value`` (as the pages print it), ``code_year`` (the
    year of the district codes a count uses; empty where none applies),
    ``meaning`` and ``glued_as`` (the glue names, space-separated)."""
    counts = key_quantities()
    rows = [{"quantity": r.quantity, "value": str(r.value),
             "code_year": "" if pd.isna(r.code_year) else str(int(r.code_year)), "meaning": r.meaning}
            for r in counts.itertuples()]
    link = link_change(itl3_fits(), PROFESSIONAL)
    rows += [{"quantity": "decade_link_reading", "value": link["reading"], "code_year": "",
              "meaning": "the link between degrees and professional jobs across ITL3 areas (BRES 2023), "
                         "r-squared with 2021 education against 2011: stronger, weaker or about as strong"},
             {"quantity": "decade_link_intervals", "value": link["overlap"], "code_year": "",
              "meaning": "whether the two r-squared bootstrap intervals of that link overlap (if they do, "
                         "the change is within what resampling areas gives)"}]
    ledger = claims_ledger()
    rows += [{"quantity": f"verdict_{row.claim_id.lower()}", "value": row.verdict, "code_year": "",
              "meaning": f"the claims ledger's verdict on {row.claim_id}"} for row in ledger.itertuples()]
    out = pd.DataFrame(rows, columns=["quantity", "value", "code_year", "meaning"])
    unknown = set(GLUED_AS) - set(out["quantity"])
    if unknown:
        raise ValueError(f"GLUED_AS names quantities the registry does not have: {sorted(unknown)}")
    out["glued_as"] = out["quantity"].map(lambda q: " ".join(GLUED_AS.get(q, ())))
    return out
