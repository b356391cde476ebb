"""The decade-on chapter's findings (qualifications in England and Wales, 2011 to
2021: the national shares, the divide between districts, whether districts
converged, the education-sector links refitted, and the ITL3 refit), as a long
table like :mod:`placeblind.analysis.findings`; with the yes/no readings the
chapter's guards rest on."""

from __future__ import annotations

import pandas as pd

from ..data.geography import ENGLAND_AND_WALES, straddling_districts
from ..data.sectors import DIGITAL, MANUFACTURING, PROFESSIONAL
from ..measures import SIGNIFICANCE
from .decade import attainment_change, convergence, divide, fits_2011_2021, link_change
from .decade_bases import convergence_bases, divide_bases, qualifications_redesign
from .findings import findings
from .itl3 import itl3_census, itl3_fits


# Most quantities come in families that share a prefix: ``<prefix>_<name>``, each
# name read off one row (a dict of :func:`link_change`, a row of a table). The
# full glue names are listed in ``placeblind/publishing/fact_tables/decade.py``
# and in the exported ``decade_findings.csv``.

def _named(prefix: str, values, keys) -> dict:
    """``{prefix_name: values[key]}`` for ``keys``, in order: each key a name read
    under itself, or a ``(name, key)`` pair."""
    out = {}
    for key in keys:
        name, source = (key, key) if isinstance(key, str) else key
        out[f"{prefix}_{name}"] = values[source]
    return out


# The education-sector links whose change the chapter reads: stem -> (sector, education).
LINKS = {"prof": (PROFESSIONAL, "level4_plus"),
         "digital": (DIGITAL, "level4_plus"),
         "manuf": (MANUFACTURING, "no_qualifications")}
# What a link gives: r-squared in both years, with the two bootstrap intervals
# where the chapter prints them, the reading and whether the intervals overlap.
LINK_KEYS = ("r2_2011", "r2_2021", "low_2011", "high_2011", "low_2021", "high_2021", "reading", "overlap")
LINK_POINT_KEYS = ("r2_2011", "r2_2021", "reading", "overlap")


def _link_values(prefix: str, fits: pd.DataFrame, with_intervals: tuple[str, ...]) -> dict:
    """:data:`LINKS` read off ``fits`` (:func:`link_change`) as ``<prefix>_<stem>_<key>``;
    the intervals only for the stems in ``with_intervals``."""
    out = {}
    for stem, (sector, education) in LINKS.items():
        keys = LINK_KEYS if stem in with_intervals else LINK_POINT_KEYS
        out.update(_named(f"{prefix}_{stem}", link_change(fits, sector, education), keys))
    return out


# The convergence samples the chapter reads: stem -> (sample, whether r is printed).
SLOPES = {"all": ("all_districts", True), "ca": ("authorities_2025", False), "paper": ("paper_districts", False)}
SLOPE_KEYS = ("n", "slope", ("low", "slope_ci_low"), ("high", "slope_ci_high"), "r", "reading")
# The two shares whose divide the chapter reads: stem -> share.
SHARES = {"l4": "level4_plus", "noq": "no_qualifications"}
DIVIDE_KEYS = ("gap_2011", "gap_2021", "sd_2011", "sd_2021", ("divide", "reading"))



def _itl3_values() -> dict:
    """The ITL3 refit: areas, how districts were placed, and r-squared with 2011
    and 2021 education against BRES 2023."""
    fits = itl3_fits()
    areas = itl3_census(2021)
    straddling = straddling_districts()
    straddling = straddling[straddling["lad23_code"].str[0].isin(["E", "W"])]
    facts = {
        "dec_itl3_n": int(fits["n"].iloc[0]),
        "dec_itl3_n_districts": int(areas["n_districts"].sum()),
        "dec_itl3_n_single": int((areas["n_districts"] == 1).sum()),
        "dec_itl3_max_districts": int(areas["n_districts"].max()),
        "dec_itl3_n_straddling": int(len(straddling)),
        "dec_itl3_straddling_names": "; ".join(straddling["lad23_name"]),
    }
    facts.update(_link_values("dec_itl3", fits, with_intervals=("prof",)))
    facts["dec_itl3_straddling_cumbria_only"] = set(straddling["lad23_name"]) <= {"Cumberland",
                                                                                "Westmorland and Furness"}
    return facts


def _readings() -> list[tuple]:
    """The yes/no readings behind the chapter's sentences about its bases."""
    slopes = convergence_bases().set_index("basis")
    divides = divide_bases().set_index(["share", "basis"])
    redesign = qualifications_redesign().set_index("quantity")["ci_low"]
    return [
        ("dec_residuals_cluster", float(slopes.loc["absolute", "morans_p"]) < SIGNIFICANCE
         and float(slopes.loc["absolute", "morans_i"]) > 0, "",
         f"the absolute fit's residuals cluster in space (Moran's I positive, p below {SIGNIFICANCE:g})"),
        ("dec_other_to_level4", float(redesign["r_other_fall_l4_gain"]) > 0, "",
         "where more people left 'other', more arrived at Level 4+ (interval above 0)"),
        ("dec_relative_in_step", divides.loc[("level4_plus", "relative"), "reading"] == "narrowed"
         and slopes.loc["relative", "reading"] == "converging", "",
         "the relative divide narrowed and the relative fit converges"),
        ("dec_scale_dependent", len(set(slopes["reading"])) > 1
         and slopes.loc["absolute", "reading"] != slopes.loc["without_london", "reading"], "",
         "the convergence reading depends on the scale and on London"),
    ]


def decade_findings() -> pd.DataFrame:
    """Every number and word the decade chapter glues from its own findings."""
    change = attainment_change()
    ew = change[change["code"] == ENGLAND_AND_WALES].iloc[0]
    districts = change[change["code"] != ENGLAND_AND_WALES]
    slopes = convergence().set_index("sample")
    fits = fits_2011_2021()
    top = districts.loc[districts["change_level4_plus_pp"].idxmax()]
    bottom = districts.loc[districts["change_level4_plus_pp"].idxmin()]
    values = {
        "dec_n_districts": int(len(districts)),
        "dec_n_ca_districts": int((districts["authority_2025"] != "").sum()),
    }
    for stem, key in SHARES.items():
        values.update(_named(f"dec_ew_{stem}", ew, (("2011", f"pct_{key}_2011"), ("2021", f"pct_{key}_2021"),
                                                    ("change", f"change_{key}_pp"))))
    values.update({
        "dec_n_l4_rose": int((districts["change_level4_plus_pp"] > 0).sum()),
        "dec_n_noq_fell": int((districts["change_no_qualifications_pp"] < 0).sum()),
        "dec_max_gain_name": str(top["name"]),
        "dec_max_gain": float(top["change_level4_plus_pp"]),
        "dec_min_gain_name": str(bottom["name"]),
        "dec_min_gain": float(bottom["change_level4_plus_pp"]),
    })
    for stem, key in SHARES.items():
        values.update(_named(f"dec_{stem}", divide(key), DIVIDE_KEYS))
    for stem, (sample, with_r) in SLOPES.items():
        keys = [k for k in SLOPE_KEYS if with_r or k != "r"]
        values.update(_named(f"dec_conv_{stem}", slopes.loc[sample], keys))
    values["dec_fit_n"] = int(fits["n"].iloc[0])
    values.update(_link_values("dec", fits, with_intervals=("prof", "digital")))
    values.update(_itl3_values())
    return findings([*values.items(), *_readings()])
