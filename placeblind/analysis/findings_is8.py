"""The IS-8 chapter's findings (the 2025 strategy's eight sectors at ITL2), as a
long table like :mod:`placeblind.analysis.findings`: every number the chapter
prints and the yes/no readings its typed words rest on (its guards read them).
The quantities the blog's claims decide are in :mod:`placeblind.claims.chapter_findings`."""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..data.geography import itl2_names
from ..data.is8_definitions import (
    IS8_SECTORS,
    SERVICE_SECTORS,
    WELL_DEFINED,
    bres_subclasses,
    is8_coverage,
    is8_definitions,
    measurable_sectors,
    unmatched_codes,
)
from ..measures import BOOTSTRAP_RESAMPLES
from .findings import findings
from .is8_comparisons import (
    SERVICE_PAIRS,
    city_summary,
    dcms_comparison,
    dcms_summary,
    sector_overlaps,
    service_correlations,
)
from .is8_regions import (
    APPROX,
    APPROX_THRESHOLD,
    APPROX_YEAR,
    EXACT,
    EXACT_YEAR,
    GREATER_MANCHESTER,
    GREATER_SOUTH_EAST_ITL1,
    WEST_MIDLANDS_ITL1,
    WEST_MIDLANDS_METRO,
    approx_rule_table,
    approx_vs_exact,
    definition_summary,
    frontier_codes_outside,
    group_lq,
    gse_shares,
    is8_lq_itl2,
    lq_by_year,
    lq_of,
    lq_wide,
    peak_region,
    specialism_changes,
    specialisms,
)

INNER_LONDON = ("TLI3", "TLI4")
# The chapter's words, each threshold written once: a partial sector is "small"
# under this fraction of Professional and Business Services' jobs; an LQ above 1
# "narrowly" below NARROWLY; a share of a division "just short of half" within
# JUST_SHORT points below the two-digit rule's threshold; a net change "small"
# within SMALL_NET_PCT per cent.
SMALL_FRACTION = 0.1
NARROWLY = 1.1
JUST_SHORT = 10.0
SMALL_NET_PCT = 5.0


def _readings(exact: pd.DataFrame, approx23: pd.DataFrame, spec: pd.DataFrame) -> list[tuple]:
    """The yes/no readings behind the chapter's typed words and its figures' alt texts."""
    wide = lq_wide(exact).droplevel("itl2_name")
    london = wide.loc[list(INNER_LONDON)]
    names = itl2_names().set_index("itl2_code")
    north = wide.loc[wide.index.isin(names.index[names["itl1_code"].isin(["TLC", "TLD", "TLE", "TLF", "TLG"])])]
    red = (north["Advanced Manufacturing"] > 1) | (north["Life Sciences"] > 1)
    top = spec["n_specialisms"]
    pearson = service_correlations(exact).set_index(["sector_a", "sector_b"])["pearson"]
    without = service_correlations(exact[~exact["itl2_code"].isin(INNER_LONDON)]).set_index(
        ["sector_a", "sector_b"])["pearson"]
    approx21 = is8_lq_itl2(EXACT_YEAR, APPROX)
    fin = "Financial Services"
    return [
        ("is8_inner_london_reading", bool((london[list(SERVICE_SECTORS)] > 1.5).all().all()
                                          and (london["Advanced Manufacturing"] < 0.5).all()), "",
         "Inner London's service LQs above 1.5 and its Advanced Manufacturing LQ below 0.5"),
        ("is8_north_reading", bool(red.sum() > len(north) / 2), "",
         "most northern and Midland regions above 1 in Advanced Manufacturing or Life Sciences"),
        ("is8_specialism_count_reading", top.idxmax() == "TLK1" and int((top == top.max()).sum()) == 1
         and int((top == 0).sum()) > 1, "", "the Bristol area alone has the most specialisms; several regions "
         "have none"),
        ("is8_only_clean_energy_unmeasured", set(IS8_SECTORS) - set(measurable_sectors()) == {"Clean Energy Industries"},
         "", "Clean Energy Industries is the only IS-8 sector without a SIC code"),
        ("is8_frontier_outside_am_creative",
         {"Advanced Manufacturing", "Creative Industries"} <= set(frontier_codes_outside()["sector"]), "",
         "frontier codes outside the sector's definition in Advanced Manufacturing and Creative Industries"),
        ("is8_wm_service_lq_max", max(lq_of(exact, WEST_MIDLANDS_METRO, s) for s in SERVICE_SECTORS), "LQ",
         "the West Midlands' highest service-sector LQ"),
        ("is8_pearson_leans_on_inner_london", bool((without < pearson).all()), "",
         "every service pair's Pearson correlation is lower without the two Inner London regions"),
        ("is8_gm_fin_lost_to_year", lq_of(exact, GREATER_MANCHESTER, fin) > 1 > lq_of(approx23, GREATER_MANCHESTER, fin)
         and abs(lq_of(approx21, GREATER_MANCHESTER, fin) - lq_of(exact, GREATER_MANCHESTER, fin)) < 1e-9, "",
         "Greater Manchester's Financial Services specialism goes with the year (2023), not the definition"),
    ]


def n_measurable_partial(coverage: pd.DataFrame, measurable) -> int:
    """The sectors SIC can measure but captures only in part: those of ``measurable``
    that DBT rates "Not easily represented by SIC" (``coverage``: ``sector``, ``dbt_rating``)."""
    return int((coverage["dbt_rating"].str.startswith("Not easily") & coverage["sector"].isin(measurable)).sum())


def n_measured_regions(exact: pd.DataFrame | None = None) -> int:
    """The ITL2 regions the exact definitions measure (``is8_n_regions``; the B06
    finding's "about forty regions" rounds it)."""
    if exact is None:
        exact = is8_lq_itl2(EXACT_YEAR, EXACT)
    return int(exact["itl2_code"].nunique())


# Read by the summary chapter and by its own registered table, which a build's
# chapters compute in different processes: kept on disk, computed once.
@cached(disk=True, maxsize=1)
def is8_findings() -> pd.DataFrame:
    """Every number the IS-8 chapter's prose quotes, keyed by glue name."""
    exact = is8_lq_itl2(EXACT_YEAR, EXACT)
    approx23 = is8_lq_itl2(APPROX_YEAR, APPROX)
    spec = specialisms(exact).set_index("itl2_code")
    spec23 = specialisms(approx23).set_index("itl2_code")
    summary = definition_summary().set_index("sector")
    coverage = is8_coverage()
    defs = is8_definitions()
    versus = approx_vs_exact().set_index("sector")
    rules = approx_rule_table().set_index(["sector", "division"])
    corr = service_correlations(exact)
    corr23 = service_correlations(approx23)
    dcms = dcms_summary().set_index("is8_sector")
    dcms_rows = dcms_comparison().set_index("sic_code")
    city = city_summary().set_index("area_code")
    changes = specialism_changes()
    names = itl2_names()
    wm_members = names.loc[names["itl1_code"] == WEST_MIDLANDS_ITL1, "itl2_code"].tolist()
    gse_regions = names.loc[names["itl1_code"].isin(GREATER_SOUTH_EAST_ITL1), "itl2_code"].tolist()
    gse = gse_shares(exact)
    regions = exact.drop_duplicates("itl2_code")
    not_well = coverage[coverage["dbt_rating"] != WELL_DEFINED]
    history = lq_by_year().set_index(["itl2_code", "sector"])
    gm_fin, gm_pbs = history.loc[(GREATER_MANCHESTER, "Financial Services")], \
        history.loc[(GREATER_MANCHESTER, "Professional and Business Services")]
    values = {
        "is8_n_sectors": len(IS8_SECTORS),
        "is8_n_measurable": len(measurable_sectors()),
        "is8_n_regions": n_measured_regions(exact),
        "is8_n_codes": int(defs["sic_code"].notna().sum()),
        "is8_n_distinct_codes": int(defs["sic_code"].dropna().nunique()),
        "is8_n_unmatched": len(unmatched_codes()),
        "is8_n_frontier_codes": int(defs.loc[defs["is_frontier"] & defs["sic_code"].notna(), "sic_code"].nunique()),
        "is8_n_frontier_outside": len(frontier_codes_outside()),
        "is8_n_subclasses_bres": len(bres_subclasses()),
        "is8_n_frontier_nocode": int(summary["n_frontier_without_sic"].sum()),
        "is8_n_well_defined": int((coverage["dbt_rating"] == WELL_DEFINED).sum()),
        "is8_n_not_well_defined": len(not_well),
        "is8_n_not_easily": int(coverage["dbt_rating"].str.startswith("Not easily").sum()),
        "is8_n_proxy": int(coverage["dbt_rating"].str.startswith("Proxy").sum()),
        "is8_n_measurable_partial": n_measurable_partial(coverage, measurable_sectors()),
        "is8_n_inner_london": len(INNER_LONDON),
        "is8_gb_total_2021": int(regions["region_total"].sum()),
        "is8_gb_total_2023": int(approx23.drop_duplicates("itl2_code")["region_total"].sum()),
        "is8_pbs_gb_2021": int(summary.loc["Professional and Business Services", "gb_employment_2021"]),
        "is8_defence_gb_2021": int(summary.loc["Defence", "gb_employment_2021"]),
        "is8_ls_gb_2021": int(summary.loc["Life Sciences", "gb_employment_2021"]),
        "is8_ls_n_subclasses": int(summary.loc["Life Sciences", "n_subclasses"]),
        "is8_gm_n_specialisms": int(spec.loc[GREATER_MANCHESTER, "n_specialisms"]),
        "is8_gm_n_specialisms_2023": int(spec23.loc[GREATER_MANCHESTER, "n_specialisms"]),
        "is8_gm_lq_fin": lq_of(exact, GREATER_MANCHESTER, "Financial Services"),
        "is8_gm_lq_pbs": lq_of(exact, GREATER_MANCHESTER, "Professional and Business Services"),
        "is8_gm_lq_fin_max_2018_2020": float(gm_fin[[2018, 2019, 2020]].max()),
        "is8_gm_lq_pbs_min_2018_2021": float(gm_pbs[[2018, 2019, 2020, 2021]].min()),
        "is8_gm_lq_fin_2023": lq_of(approx23, GREATER_MANCHESTER, "Financial Services"),
        "is8_gm_lq_pbs_2023": lq_of(approx23, GREATER_MANCHESTER, "Professional and Business Services"),
        "is8_wm_n_specialisms": int(spec.loc[WEST_MIDLANDS_METRO, "n_specialisms"]),
        "is8_wm_lq_am": lq_of(exact, WEST_MIDLANDS_METRO, "Advanced Manufacturing"),
        "is8_wm_lq_am_2023": lq_of(approx23, WEST_MIDLANDS_METRO, "Advanced Manufacturing"),
        "is8_wm_itl1_lq_am": float(group_lq(exact, wm_members)["Advanced Manufacturing"]),
        "is8_wm_itl1_lq_am_2023": float(group_lq(approx23, wm_members)["Advanced Manufacturing"]),
        "is8_wm_lq_pbs": lq_of(exact, WEST_MIDLANDS_METRO, "Professional and Business Services"),
        "is8_wm_lq_creative": lq_of(exact, WEST_MIDLANDS_METRO, "Creative Industries"),
        "is8_lancs_lq_am": lq_of(exact, "TLD4", "Advanced Manufacturing"),
        "is8_wy_lq_am": lq_of(exact, "TLE4", "Advanced Manufacturing"),
        "is8_wy_lq_fin": lq_of(exact, "TLE4", "Financial Services"),
        "is8_n_regions_none": int((spec["n_specialisms"] == 0).sum()),
        "is8_max_specialisms": int(spec["n_specialisms"].max()),
        "is8_service_peaks": "; ".join(
            f"{sector} in {peak_region(exact, sector)}" for sector in SERVICE_SECTORS),
        "is8_am_peak": peak_region(exact, "Advanced Manufacturing"),
        "is8_corr_pearson_min": float(corr["pearson"].min()),
        "is8_corr_pearson_max": float(corr["pearson"].max()),
        "is8_corr_spearman_min": float(corr["spearman"].min()),
        "is8_corr_spearman_max": float(corr["spearman"].max()),
        "is8_corr_low_min": float(corr["pearson_low"].min()),
        "is8_corr_pearson_max_2023": float(corr23["pearson"].max()),
        "is8_gse_share": 100.0 * float(gse["all"]),
        "is8_gse_n_regions": len(gse_regions),
        "is8_gse_share_creative": 100.0 * float(gse["Creative Industries"]),
        "is8_gse_share_digital": 100.0 * float(gse["Digital and Technologies"]),
        "is8_gse_share_fin": 100.0 * float(gse["Financial Services"]),
        "is8_gse_share_pbs": 100.0 * float(gse["Professional and Business Services"]),
        "is8_n_all_measured": int(spec["all_measured"].sum()),
        "is8_bristol_n": int(spec.loc["TLK1", "n_specialisms"]),
        "is8_bristol_n_2023": int(spec23.loc["TLK1", "n_specialisms"]),
        "is8_n_measured_2023": int(spec23["n_measured"].max()),
        "is8_edinburgh_n": int(spec.loc["TLM7", "n_specialisms"]),
        "is8_edinburgh_n_2023": int(spec23.loc["TLM7", "n_specialisms"]),
        "is8_n_regions_count_changes": int((changes["n_exact_2021"] != changes["n_approx_2023"]).sum()),
        "is8_n_region_sector_flips": int((changes["gained"] != "").sum() + (changes["lost"] != "").sum()),
        "is8_ls_approx_pct": float(versus.loc["Life Sciences", "percent"]),
        "is8_ls_lost_pct": 100.0 * float(versus.loc["Life Sciences", "lost"] / versus.loc["Life Sciences", "exact"]),
        "is8_ls_div32_share": 100.0 * float(rules.loc[("Life Sciences", 32), "share_covered"]),
        "is8_defence_div25_share": 100.0 * float(rules.loc[("Defence", 25), "share_covered"]),
        "is8_defence_div30_share": 100.0 * float(rules.loc[("Defence", 30), "share_covered"]),
        "is8_creative_added": int(versus.loc["Creative Industries", "added"]),
        "is8_creative_lost": int(versus.loc["Creative Industries", "lost"]),
        "is8_creative_approx_pct": float(versus.loc["Creative Industries", "percent"]),
        "is8_digital_approx_pct": float(versus.loc["Digital and Technologies", "percent"]),
        "is8_am_approx_pct": float(versus.loc["Advanced Manufacturing", "percent"]),
        "is8_creative_dcms_n": int(dcms.loc["Creative Industries", "n_shared"]),
        "is8_creative_emp": int(dcms.loc["Creative Industries", "employment_is8"]),
        "is8_creative_dcms_diff": int(dcms.loc["Creative Industries", "employment_is8"]
                                      - dcms.loc["Creative Industries", "employment_dcms"]),
        "is8_digital_emp": int(dcms.loc["Digital and Technologies", "employment_is8"]),
        "is8_digital_dcms_emp": int(dcms.loc["Digital and Technologies", "employment_dcms"]),
        "is8_digital_extra": int(dcms.loc["Digital and Technologies", "employment_is8_only"]),
        "is8_digital_extra_pct": float(dcms.loc["Digital and Technologies", "percent_difference"]),
        "is8_digital_dcms_only": int(dcms.loc["Digital and Technologies", "employment_dcms_only"]),
        "is8_digital_eng_emp": int(dcms_rows.loc["7112", "gb_employment"]),
        "is8_manchester_n": int(city.loc["E08000003", "n_specialisms"]),
        "is8_gm_city_n": int(city.loc[GREATER_MANCHESTER, "n_specialisms"]),
        "is8_birmingham_n": int(city.loc["E08000025", "n_specialisms"]),
        "is8_wm_city_n": int(city.loc[WEST_MIDLANDS_METRO, "n_specialisms"]),
        "is8_city_n_measured": int(city["n_measured"].max()),
        "is8_manchester_lq_fin": float(city.loc["E08000003", "Financial Services"]),
        "is8_manchester_lq_pbs": float(city.loc["E08000003", "Professional and Business Services"]),
        "is8_gm_city_lq_fin": float(city.loc[GREATER_MANCHESTER, "Financial Services"]),
        "is8_gm_city_lq_pbs": float(city.loc[GREATER_MANCHESTER, "Professional and Business Services"]),
        "is8_birmingham_lq_fin": float(city.loc["E08000025", "Financial Services"]),
        "is8_birmingham_lq_am": float(city.loc["E08000025", "Advanced Manufacturing"]),
        "is8_wm_city_lq_am": float(city.loc[WEST_MIDLANDS_METRO, "Advanced Manufacturing"]),
        "is8_wm_city_lq_fin": float(city.loc[WEST_MIDLANDS_METRO, "Financial Services"]),
    }
    # One region's row: the wide table is indexed by (code, name), so select by
    # code level, or the region's name would stand where the sectors belong.
    bristol = lq_wide(exact).xs("TLK1", level="itl2_code").iloc[0]
    missed = bristol[bristol <= 1]
    values["is8_bristol_missing"] = "; ".join(f"{sector} (LQ {lq:.2f})" for sector, lq in missed.items())
    values["is8_gm_specialism_names"] = spec.loc[GREATER_MANCHESTER, "specialisms"]
    values["is8_corr_resamples"] = BOOTSTRAP_RESAMPLES
    others = [values[f"is8_gse_share_{key}"] for key in ("creative", "digital", "pbs")]
    values["is8_gse_share_others_min"], values["is8_gse_share_others_max"] = min(others), max(others)
    values["is8_n_service_sectors"] = len(SERVICE_SECTORS)
    values["is8_n_service_pairs"] = len(SERVICE_PAIRS)
    values["is8_gse_concentrated"] = min([*others, values["is8_gse_share_fin"]]) > values["is8_gse_share"]
    half = 100.0 * APPROX_THRESHOLD
    values["is8_partial_small"] = (max(values["is8_defence_gb_2021"], values["is8_ls_gb_2021"])
                                   < SMALL_FRACTION * values["is8_pbs_gb_2021"])
    values["is8_wy_narrowly"] = (values["is8_lancs_lq_am"] > 1 and 1 < values["is8_wy_lq_am"] < NARROWLY
                                 and 1 < values["is8_wy_lq_fin"] < NARROWLY)
    values["is8_defence_none_ls_short_of_half"] = (
        values["is8_defence_div25_share"] < half and values["is8_defence_div30_share"] < half
        and half - JUST_SHORT < values["is8_ls_div32_share"] < half)
    values["is8_creative_net_small_gross_swaps"] = (abs(values["is8_creative_approx_pct"]) < SMALL_NET_PCT
                                                    and values["is8_creative_added"] > 0
                                                    and values["is8_creative_lost"] > 0)
    overlap = sector_overlaps().set_index(["sector", "also_in"])["share_pct"]
    values["is8_creative_in_digital_pct"] = float(overlap[("Creative Industries", "Digital and Technologies")])
    values["is8_digital_in_creative_pct"] = float(overlap[("Digital and Technologies", "Creative Industries")])
    return findings([*values.items(), *_readings(exact, approx23, spec)])
