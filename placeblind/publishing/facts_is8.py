"""The facts the IS-8 chapter glues into its prose: plain Python values under
literal glue names (grep a name seen on the page to find it here)."""

from __future__ import annotations

from ..analysis.is8_comparisons import (
    city_summary,
    dcms_comparison,
    dcms_summary,
    sector_overlaps,
    service_correlations,
)
from ..analysis.is8_regions import (
    APPROX,
    APPROX_YEAR,
    EXACT,
    EXACT_YEAR,
    GREATER_MANCHESTER,
    WEST_MIDLANDS_ITL1,
    WEST_MIDLANDS_METRO,
    approx_rule_table,
    approx_vs_exact,
    definition_summary,
    frontier_codes_outside,
    group_lq,
    gse_codes,
    is8_lq_itl2,
    lq_by_year,
    lq_of,
    lq_wide,
    peak_region,
    specialism_changes,
    specialisms,
)
from ..cache import cached
from ..claims.blog import BLOG_UNMEASURABLE, NO_SPECIALISM_REGIONS, blog_claims, claim_verdicts
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
from .guards import require


def _blog_four_sentence(coverage) -> str:
    """How the blog's four unmeasurable sectors sit in DBT's ratings, in words chosen from the ratings."""
    rating = coverage.set_index("sector")["dbt_rating"]
    not_easy = [s for s in rating.index if rating[s].startswith("Not easily")]
    proxies = [s for s in rating.index if rating[s] != WELL_DEFINED and s not in not_easy]
    blog = list(BLOG_UNMEASURABLE)
    counted = [s for s in proxies if s in blog]
    left = [s for s in proxies if s not in blog]
    grades = {s: ("not easily represented" if s in not_easy else "a proxy" if s in proxies else "well defined")
              for s in blog}
    text = "The blog's four as DBT rates them: " + "; ".join(f"{s}, {g}" for s, g in grades.items()) + ". "
    if counted and left:
        return text + (f"So the blog counts {' and '.join(counted)} but not {' and '.join(left)}, which DBT rates "
                       "the same way.")
    if set(blog) == set(not_easy):
        return text + "They are exactly the sectors DBT rates as not easily represented by SIC."
    return text + "Every sector DBT rates below well defined is among them." if not left else text


INNER_LONDON = ("TLI3", "TLI4")


def _guard_alt_texts(exact, spec) -> None:
    """The figures' alt texts are fixed strings (a directive option cannot be
    glued), so the chapter stops if the data no longer support them."""
    wide = lq_wide(exact).droplevel("itl2_name")
    london = wide.loc[list(INNER_LONDON)]
    require(bool((london[list(SERVICE_SECTORS)] > 1.5).all().all() and (london["Advanced Manufacturing"] < 0.5).all()),
            "alt text of fig-is8-heatmap: Inner London is deep red for the service sectors and blue for manufacturing")
    names = itl2_names().set_index("itl2_code")
    north = wide.loc[wide.index.isin(names.index[names["itl1_code"].isin(["TLC", "TLD", "TLE", "TLF", "TLG"])])]
    red = (north["Advanced Manufacturing"] > 1) | (north["Life Sciences"] > 1)
    require(bool(red.sum() > len(north) / 2),
            "alt text of fig-is8-heatmap: many northern and Midland regions are red mainly for Advanced "
            "Manufacturing and Life Sciences")
    top = spec["n_specialisms"]
    require(top.idxmax() == "TLK1" and int((top == top.max()).sum()) == 1 and int((top == 0).sum()) == 6,
            "alt text of fig-is8-specialisms: the Bristol area is highest and six regions have none")


@cached(disk=True, maxsize=1)
def is8_chapter_facts() -> dict[str, int | float | str]:
    """Every number the chapter's prose quotes, as plain Python values keyed by glue name."""
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
    verdicts = claim_verdicts()
    claims = blog_claims()
    city = city_summary().set_index("area_code")
    changes = specialism_changes()
    wm_members = itl2_names().loc[lambda f: f["itl1_code"] == WEST_MIDLANDS_ITL1, "itl2_code"].tolist()
    gse = gse_codes()
    regions = exact.drop_duplicates("itl2_code")
    gse_share = regions.loc[regions["itl2_code"].isin(gse), "region_total"].sum() / regions["region_total"].sum()
    _guard_alt_texts(exact, spec)
    service_gse = {}
    for sector in SERVICE_SECTORS:
        part = exact[exact["sector"] == sector]
        service_gse[sector] = part.loc[part["itl2_code"].isin(gse), "employment"].sum() / part["employment"].sum()
    not_well = coverage[coverage["dbt_rating"] != WELL_DEFINED]
    history = lq_by_year().set_index(["itl2_code", "sector"])
    gm_fin, gm_pbs = history.loc[(GREATER_MANCHESTER, "Financial Services")], \
        history.loc[(GREATER_MANCHESTER, "Professional and Business Services")]
    n = {
        "is8_n_sectors": len(IS8_SECTORS),
        "is8_n_measurable": len(measurable_sectors()),
        "is8_n_regions": int(exact["itl2_code"].nunique()),
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
        "is8_five_n_none": int(sum((spec.loc[c, "n_specialisms"] == 0) for c in NO_SPECIALISM_REGIONS)),
        "is8_five_n": len(NO_SPECIALISM_REGIONS),
        "is8_lancs_lq_am": lq_of(exact, "TLD4", "Advanced Manufacturing"),
        "is8_wy_lq_am": lq_of(exact, "TLE4", "Advanced Manufacturing"),
        "is8_wy_lq_fin": lq_of(exact, "TLE4", "Financial Services"),
        "is8_n_regions_none": int((spec["n_specialisms"] == 0).sum()),
        "is8_max_specialisms": int(spec["n_specialisms"].max()),
        "is8_service_peaks": "; ".join(
            f"{sector} in {peak_region(exact, sector)}" for sector in SERVICE_SECTORS),
        "is8_am_peak": peak_region(exact, "Advanced Manufacturing"),
        "is8_corr_n_in_range": int(corr["pearson"].between(0.6, 0.8).sum()),
        "is8_corr_pearson_min": float(corr["pearson"].min()),
        "is8_corr_pearson_max": float(corr["pearson"].max()),
        "is8_corr_spearman_min": float(corr["spearman"].min()),
        "is8_corr_spearman_max": float(corr["spearman"].max()),
        "is8_corr_low_min": float(corr["pearson_low"].min()),
        "is8_corr_n_in_range_2023": int(corr23["pearson"].between(0.6, 0.8).sum()),
        "is8_corr_pearson_max_2023": float(corr23["pearson"].max()),
        "is8_gse_share": 100.0 * float(gse_share),
        "is8_gse_n_regions": len(gse),
        "is8_gse_share_creative": 100.0 * float(service_gse["Creative Industries"]),
        "is8_gse_share_digital": 100.0 * float(service_gse["Digital and Technologies"]),
        "is8_gse_share_fin": 100.0 * float(service_gse["Financial Services"]),
        "is8_gse_share_pbs": 100.0 * float(service_gse["Professional and Business Services"]),
        "is8_n_all_measured": int(spec["all_measured"].sum()),
        "is8_bristol_n": int(spec.loc["TLK1", "n_specialisms"]),
        "is8_bristol_n_2023": int(spec23.loc["TLK1", "n_specialisms"]),
        "is8_n_measured_2023": int(spec23["n_measured"].max()),
        "is8_edinburgh_n": int(spec.loc["TLM7", "n_specialisms"]),
        "is8_edinburgh_n_2023": int(spec23.loc["TLM7", "n_specialisms"]),
        "is8_n_claims": len(claims),
        "is8_n_reproduced": int((claims["verdict"] == "reproduced").sum()),
        "is8_n_close": int((claims["verdict"] == "close").sum()),
        "is8_n_differs": int((claims["verdict"] == "differs").sum()),
        "is8_n_verdict_changes": int(verdicts["changes_2023"].sum()),
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
    five_none = [name for code, name in NO_SPECIALISM_REGIONS.items() if spec.loc[code, "n_specialisms"] == 0]
    n["is8_five_none_names"] = " and ".join(five_none) if five_none else "none of them"
    n["is8_five_some_names"] = ", ".join(name for name in NO_SPECIALISM_REGIONS.values() if name not in five_none)
    # One region's row: the wide table is indexed by (code, name), so select by
    # code level, or the region's name would stand where the sectors belong.
    bristol = lq_wide(exact).xs("TLK1", level="itl2_code").iloc[0]
    missed = bristol[bristol <= 1]
    n["is8_bristol_missing"] = "; ".join(f"{sector} (LQ {lq:.2f})" for sector, lq in missed.items())
    n["is8_gm_specialism_names"] = spec.loc[GREATER_MANCHESTER, "specialisms"]
    n["is8_corr_resamples"] = BOOTSTRAP_RESAMPLES
    verdict = claims.set_index("claim_id")["verdict"].astype(str)
    n.update({
        "is8_verdict_b01": verdict["B01"], "is8_verdict_b02": verdict["B02"], "is8_verdict_b03": verdict["B03"],
        "is8_verdict_b04": verdict["B04"], "is8_verdict_b05": verdict["B05"], "is8_verdict_b06": verdict["B06"],
        "is8_verdict_b07": verdict["B07"], "is8_verdict_b08": verdict["B08"], "is8_verdict_b09": verdict["B09"],
        "is8_verdict_b10": verdict["B10"], "is8_verdict_b11": verdict["B11"],
    })
    n["is8_b09_mix"] = _blog_four_sentence(coverage)
    overlap = sector_overlaps().set_index(["sector", "also_in"])["share_pct"]
    n["is8_creative_in_digital_pct"] = float(overlap[("Creative Industries", "Digital and Technologies")])
    n["is8_digital_in_creative_pct"] = float(overlap[("Digital and Technologies", "Creative Industries")])
    n["is8_turns"] = _turns_sentence(verdicts)
    out = {k: (v.item() if hasattr(v, "item") else v) for k, v in n.items()}
    _guard_prose(out, exact, approx23)
    return out


def _turns_sentence(verdicts) -> str:
    """Whether any blog claim passes under one measure and fails under the other, in words."""
    failing = {c: (row["verdict_exact_2021"] == "differs", row["verdict_approx_2023"] == "differs")
               for c, row in verdicts.set_index("claim_id").iterrows()}
    turned = sorted(c for c, (first, second) in failing.items() if first != second)
    if not turned:
        return ("yet no claim turns between failing and holding: the claims that fail under one measure fail "
                "under the other")
    return "and " + ", ".join(turned) + (" turns" if len(turned) == 1 else " turn") + \
        " between failing and holding"


def _guard_prose(n: dict, exact, approx23) -> None:
    """Guards for the chapter's typed result words (each names its sentence)."""
    require(n["is8_n_regions"] == 40 and n["is8_n_measurable"] == 7 and len(NO_SPECIALISM_REGIONS) == 5,
            "alt texts of the IS-8 figures: forty ITL2 regions, seven measurable IS-8 sectors, the five regions "
            "the blog names as having no specialism")
    require(set(IS8_SECTORS) - set(measurable_sectors()) == {"Clean Energy Industries"},
            "Clean Energy Industries has no SIC code at all")
    require(max(n["is8_defence_gb_2021"], n["is8_ls_gb_2021"]) < n["is8_pbs_gb_2021"] / 10,
            "The partial sectors are small in these data")
    outside = frontier_codes_outside()
    require({"Advanced Manufacturing", "Creative Industries"} <= set(outside["sector"]),
            "in Advanced Manufacturing the automotive frontier industry brings in ... and in Creative Industries "
            "the rows the transcription flags as frontier include ...")
    require(n["is8_gm_lq_pbs_min_2018_2021"] > 1 and n["is8_gm_lq_fin_max_2018_2020"] < 1,
            "The first is steady ...; the second is not")
    require(n["is8_verdict_b03"] == "reproduced" and n["is8_wm_n_specialisms"] > 0,
            "The blog's own remark that the West Midlands over-performs in that sector is borne out ... It does sit "
            "awkwardly with the statement that the region scores above 1 nowhere")
    require(max(lq_of(exact, WEST_MIDLANDS_METRO, s) for s in SERVICE_SECTORS) < 1,
            "Its service sectors are all below 1")
    require(n["is8_lancs_lq_am"] > 1 and 1 < n["is8_wy_lq_am"] < 1.1 and 1 < n["is8_wy_lq_fin"] < 1.1,
            "Lancashire is specialised in Advanced Manufacturing and West Yorkshire, narrowly, in Advanced "
            "Manufacturing and Financial Services")
    wide = lq_wide(exact).droplevel("itl2_name")[list(SERVICE_SECTORS)]
    pairs = [(a, b) for i, a in enumerate(SERVICE_SECTORS) for b in SERVICE_SECTORS[i + 1:]]
    without = wide.drop(index=list(INNER_LONDON))
    require(all(without[a].corr(without[b]) < wide[a].corr(wide[b]) for a, b in pairs),
            "The Pearson values lean on the two Inner London regions")
    require(min(n[f"is8_gse_share_{k}"] for k in ("creative", "fin", "digital", "pbs")) > n["is8_gse_share"],
            "The concentration in the Greater South East is clear")
    require(n["is8_defence_div25_share"] < 50 and n["is8_defence_div30_share"] < 50
            and 40 < n["is8_ls_div32_share"] < 50,
            "The rule leaves Defence with nothing ... medical and dental instruments hold ... of division 32, just "
            "short of half")
    require(abs(n["is8_creative_approx_pct"]) < 5 and n["is8_creative_added"] > 0 and n["is8_creative_lost"] > 0,
            "For the larger sectors the net change is small, but it hides gross swaps")
    approx21 = is8_lq_itl2(EXACT_YEAR, APPROX)
    fin = "Financial Services"
    require(lq_of(exact, GREATER_MANCHESTER, fin) > 1 > lq_of(approx23, GREATER_MANCHESTER, fin)
            and abs(lq_of(approx21, GREATER_MANCHESTER, fin) - lq_of(exact, GREATER_MANCHESTER, fin)) < 1e-9,
            "Greater Manchester's Financial Services specialism is one of the casualties, and the year, not the "
            "definition, removes it")
    require(n["is8_creative_dcms_diff"] == 0 and n["is8_digital_dcms_only"] == 0 and n["is8_digital_extra"] > 0,
            "both cover the same subclasses ... Digital and Technologies is wider than the DCMS digital sector ... "
            "with nothing in the DCMS list left out")
    require(n["is8_birmingham_lq_fin"] > n["is8_wm_city_lq_fin"] and n["is8_birmingham_lq_am"] < n["is8_wm_city_lq_am"],
            "Financial Services is ... in the city and ... in the region, while Advanced Manufacturing goes the "
            "other way")


