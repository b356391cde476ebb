"""The facts the decade-on chapter glues into its prose, under literal glue names."""

from __future__ import annotations

from ..analysis.decade import attainment_change, convergence, divide
from ..data.geography import ENGLAND_AND_WALES
from ..data.memo import disk_cached


@disk_cached
def decade_chapter_facts() -> dict:
    """Qualifications in England and Wales, 2011 to 2021: the national shares, the
    divide between districts, and whether districts converged."""
    change = attainment_change()
    ew = change[change["code"] == ENGLAND_AND_WALES].iloc[0]
    districts = change[change["code"] != ENGLAND_AND_WALES]
    graduates, unqualified = divide("level4_plus"), divide("no_qualifications")
    fits = convergence().set_index("sample")
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
        "dec_conv_all_n": int(fits.loc["all_districts", "n"]),
        "dec_conv_all_slope": float(fits.loc["all_districts", "slope"]),
        "dec_conv_all_low": float(fits.loc["all_districts", "slope_ci_low"]),
        "dec_conv_all_high": float(fits.loc["all_districts", "slope_ci_high"]),
        "dec_conv_all_r": float(fits.loc["all_districts", "r"]),
        "dec_conv_all_reading": str(fits.loc["all_districts", "reading"]),
        "dec_conv_ca_n": int(fits.loc["authorities_2025", "n"]),
        "dec_conv_ca_slope": float(fits.loc["authorities_2025", "slope"]),
        "dec_conv_ca_low": float(fits.loc["authorities_2025", "slope_ci_low"]),
        "dec_conv_ca_high": float(fits.loc["authorities_2025", "slope_ci_high"]),
        "dec_conv_ca_reading": str(fits.loc["authorities_2025", "reading"]),
        "dec_conv_paper_n": int(fits.loc["paper_districts", "n"]),
        "dec_conv_paper_slope": float(fits.loc["paper_districts", "slope"]),
        "dec_conv_paper_low": float(fits.loc["paper_districts", "slope_ci_low"]),
        "dec_conv_paper_high": float(fits.loc["paper_districts", "slope_ci_high"]),
        "dec_conv_paper_reading": str(fits.loc["paper_districts", "reading"]),
    }
