"""The facts the decade-on chapter glues into its prose, under literal glue names."""

from __future__ import annotations

from ..analysis.decade import attainment_change, convergence, divide, fits_2011_2021, link_change
from ..analysis.decade_bases import SCALE_DEPENDENT, convergence_bases, divide_bases, qualifications_redesign
from ..analysis.itl3 import itl3_census, itl3_fits
from ..cache import cached
from ..data.geography import ENGLAND_AND_WALES, straddling_districts
from .guards import require


@cached(disk=True)
def decade_chapter_facts() -> dict:
    """Qualifications in England and Wales, 2011 to 2021: the national shares, the
    divide between districts, and whether districts converged."""
    change = attainment_change()
    ew = change[change["code"] == ENGLAND_AND_WALES].iloc[0]
    districts = change[change["code"] != ENGLAND_AND_WALES]
    graduates, unqualified = divide("level4_plus"), divide("no_qualifications")
    slopes = convergence().set_index("sample")
    fits = fits_2011_2021()
    professional = link_change(fits, "Professional, scientific & technical")
    digital = link_change(fits, "Information & communication")
    manufacturing = link_change(fits, "Manufacturing", "no_qualifications")
    guard_bases()
    top = districts.loc[districts["change_level4_plus_pp"].idxmax()]
    bottom = districts.loc[districts["change_level4_plus_pp"].idxmin()]
    return {
        "dec_n_districts": int(len(districts)),
        "dec_n_ca_districts": int((districts["authority_2025"] != "").sum()),
        "dec_ew_l4_2011": float(ew["pct_level4_plus_2011"]),
        "dec_ew_l4_2021": float(ew["pct_level4_plus_2021"]),
        "dec_ew_l4_change": float(ew["change_level4_plus_pp"]),
        "dec_ew_noq_2011": float(ew["pct_no_qualifications_2011"]),
        "dec_ew_noq_2021": float(ew["pct_no_qualifications_2021"]),
        "dec_ew_noq_change": float(ew["change_no_qualifications_pp"]),
        "dec_n_l4_rose": int((districts["change_level4_plus_pp"] > 0).sum()),
        "dec_n_noq_fell": int((districts["change_no_qualifications_pp"] < 0).sum()),
        "dec_max_gain_name": str(top["name"]),
        "dec_max_gain": float(top["change_level4_plus_pp"]),
        "dec_min_gain_name": str(bottom["name"]),
        "dec_min_gain": float(bottom["change_level4_plus_pp"]),
        "dec_l4_gap_2011": graduates["gap_2011"],
        "dec_l4_gap_2021": graduates["gap_2021"],
        "dec_l4_sd_2011": graduates["sd_2011"],
        "dec_l4_sd_2021": graduates["sd_2021"],
        "dec_l4_divide": graduates["reading"],
        "dec_noq_gap_2011": unqualified["gap_2011"],
        "dec_noq_gap_2021": unqualified["gap_2021"],
        "dec_noq_sd_2011": unqualified["sd_2011"],
        "dec_noq_sd_2021": unqualified["sd_2021"],
        "dec_noq_divide": unqualified["reading"],
        "dec_conv_all_n": int(slopes.loc["all_districts", "n"]),
        "dec_conv_all_slope": float(slopes.loc["all_districts", "slope"]),
        "dec_conv_all_low": float(slopes.loc["all_districts", "slope_ci_low"]),
        "dec_conv_all_high": float(slopes.loc["all_districts", "slope_ci_high"]),
        "dec_conv_all_r": float(slopes.loc["all_districts", "r"]),
        "dec_conv_all_reading": str(slopes.loc["all_districts", "reading"]),
        "dec_conv_ca_n": int(slopes.loc["authorities_2025", "n"]),
        "dec_conv_ca_slope": float(slopes.loc["authorities_2025", "slope"]),
        "dec_conv_ca_low": float(slopes.loc["authorities_2025", "slope_ci_low"]),
        "dec_conv_ca_high": float(slopes.loc["authorities_2025", "slope_ci_high"]),
        "dec_conv_ca_reading": str(slopes.loc["authorities_2025", "reading"]),
        "dec_conv_paper_n": int(slopes.loc["paper_districts", "n"]),
        "dec_conv_paper_slope": float(slopes.loc["paper_districts", "slope"]),
        "dec_conv_paper_low": float(slopes.loc["paper_districts", "slope_ci_low"]),
        "dec_conv_paper_high": float(slopes.loc["paper_districts", "slope_ci_high"]),
        "dec_conv_paper_reading": str(slopes.loc["paper_districts", "reading"]),
        "dec_fit_n": int(fits["n"].iloc[0]),
        "dec_prof_r2_2011": professional["r2_2011"], "dec_prof_r2_2021": professional["r2_2021"],
        "dec_prof_low_2011": professional["low_2011"], "dec_prof_high_2011": professional["high_2011"],
        "dec_prof_low_2021": professional["low_2021"], "dec_prof_high_2021": professional["high_2021"],
        "dec_prof_reading": professional["reading"], "dec_prof_overlap": professional["overlap"],
        "dec_digital_r2_2011": digital["r2_2011"], "dec_digital_r2_2021": digital["r2_2021"],
        "dec_digital_low_2011": digital["low_2011"], "dec_digital_high_2011": digital["high_2011"],
        "dec_digital_low_2021": digital["low_2021"], "dec_digital_high_2021": digital["high_2021"],
        "dec_digital_reading": digital["reading"], "dec_digital_overlap": digital["overlap"],
        "dec_manuf_r2_2011": manufacturing["r2_2011"], "dec_manuf_r2_2021": manufacturing["r2_2021"],
        "dec_manuf_reading": manufacturing["reading"], "dec_manuf_overlap": manufacturing["overlap"],
        **itl3_facts(),
    }


def itl3_facts() -> dict:
    """The ITL3 refit: areas, how districts were placed, and r-squared with 2011
    and 2021 education against BRES 2023."""
    fits = itl3_fits()
    areas = itl3_census(2021)
    straddling = straddling_districts()
    straddling = straddling[straddling["lad23_code"].str[0].isin(["E", "W"])]
    require(set(straddling["lad23_name"]) <= {"Cumberland", "Westmorland and Furness"},
            "The districts that do straddle two ITL3 areas ... were created in 2023 from Cumbria's six districts")
    facts = {
        "dec_itl3_n": int(fits["n"].iloc[0]),
        "dec_itl3_n_districts": int(areas["n_districts"].sum()),
        "dec_itl3_n_single": int((areas["n_districts"] == 1).sum()),
        "dec_itl3_max_districts": int(areas["n_districts"].max()),
        "dec_itl3_n_straddling": int(len(straddling)),
        "dec_itl3_straddling_names": "; ".join(straddling["lad23_name"]),
    }
    professional = link_change(fits, "Professional, scientific & technical")
    digital = link_change(fits, "Information & communication")
    manufacturing = link_change(fits, "Manufacturing", "no_qualifications")
    facts.update({
        "dec_itl3_prof_r2_2011": professional["r2_2011"], "dec_itl3_prof_r2_2021": professional["r2_2021"],
        "dec_itl3_prof_low_2011": professional["low_2011"], "dec_itl3_prof_high_2011": professional["high_2011"],
        "dec_itl3_prof_low_2021": professional["low_2021"], "dec_itl3_prof_high_2021": professional["high_2021"],
        "dec_itl3_prof_reading": professional["reading"], "dec_itl3_prof_overlap": professional["overlap"],
        "dec_itl3_digital_r2_2011": digital["r2_2011"], "dec_itl3_digital_r2_2021": digital["r2_2021"],
        "dec_itl3_digital_reading": digital["reading"], "dec_itl3_digital_overlap": digital["overlap"],
        "dec_itl3_manuf_r2_2011": manufacturing["r2_2011"], "dec_itl3_manuf_r2_2021": manufacturing["r2_2021"],
        "dec_itl3_manuf_reading": manufacturing["reading"], "dec_itl3_manuf_overlap": manufacturing["overlap"],
    })
    return facts


def guard_bases() -> None:
    """Guards for the decade chapter's sentences about its bases that cannot
    reasonably be generated; each names the sentence it protects."""
    slopes = convergence_bases().set_index("basis")
    divides = divide_bases().set_index(["share", "basis"])
    redesign = qualifications_redesign().set_index("quantity")["ci_low"]
    require(float(slopes.loc["absolute", "morans_p"]) < 0.05 and float(slopes.loc["absolute", "morans_i"]) > 0,
            "For the residuals of the fit over all districts it is ... so the independent intervals are too narrow")
    require(float(redesign["r_other_fall_l4_gain"]) > 0,
            "Where more people left \"other\", more arrived at Level 4+")
    require(divides.loc[("level4_plus", "relative"), "reading"] == "narrowed"
            and slopes.loc["relative", "reading"] == "converging",
            "the usual test of \"beta convergence\" ... in step with the coefficient of variation above")
    readings = set(slopes["reading"])
    require(len(readings) > 1 and slopes.loc["absolute", "reading"] != slopes.loc["without_london", "reading"],
            f"the answer depends on the scale and on London ({SCALE_DEPENDENT})")
