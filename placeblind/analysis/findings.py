"""The chapters' findings as long tables: one ``quantity`` per row with its
``value``, ``unit`` and a short ``description``, so every number or word a
chapter states is a cell of a registered table (the chapters' fact tables,
``placeblind/publishing/fact_tables``, point at these cells).

A quantity is named by the glue name the chapter prints it under, so a name seen
on a page can be found here and in the exported CSV with grep. Values keep their
Python type (whole numbers, decimals, yes/no, words); the fact table decides how
a page prints them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..config import verify_mode
from ..data.bres import ENGLAND_ITL1
from ..data.catalogue import catalogue, verify_all
from ..data.census import QUALIFICATIONS, qualifications_2021
from ..data.district_codes import change_of, predecessors
from ..data.geography import ENGLAND_AND_WALES, STUDY_AUTHORITIES, study_districts
from ..data.sectors import DIGITAL, MANUFACTURING, PROFESSIONAL
from ..data.study import CENSUS_YEARS
from ..measures import correlation
from ..measures.correlations import SIGNIFICANCE, interval_level_pct
from ..text import number_word
from .attainment import (
    attainment_2011,
    attainment_change_2011_2021,
    attainment_facts,
    top_two_displacements,
)
from .authorities import LATER, ORIGINAL, authority_profiles
from .education_fits import CAMBRIDGE_DISTRICTS
from .is8_comparisons import CITY_YEAR
from .is8_regions import APPROX_YEAR, EXACT_YEAR
from .lq_rounding import rounding_facts
from .places import LOOKUP_YEAR
from .sector_measures import (
    BROAD_GROUPS, KEY_SECTOR_NAMES, PRIORITISED_SECTORS, PRIVATE_SECTORS, england_base_effect, reference_facts,
    reference_table, wide)
from .vintages import MEAN_OF, PAPER_VINTAGE, PRIMARY_VINTAGE
from .vintage_noise import NOISE_YEARS
from .sector_readings import (
    CAMBRIDGESHIRE,
    CITIES,
    HEALTH_EDUCATION_BAND,
    NEAR_TIE_PP,
    composition_facts,
    lq_facts,
    manufacturing_largest,
    movement_facts,
    prioritised_by_authority,
)

COLUMNS = ["quantity", "value", "unit", "description"]

# The words for the correlation of the no-qualifications and Level 4+ shares:
# "almost in lockstep" (the attainment chapter), "almost perfectly", "real and
# sharp" (What survives) when r is below LOCKSTEP_R; "tightly and negatively
# related", "the same geography a decade on" (2021) when below TIGHT_R.
LOCKSTEP_R = -0.9
TIGHT_R = -0.8
# "nearly half with degrees" (the alt text of the attainment figure): the highest
# Level 4+ share within this range (% of residents 16+).
NEARLY_HALF_PCT = (40.0, 50.0)
# "Yet the districts keep their order" (the sector-composition chapter): every key
# sector's rank correlation of its 2017 and 2019 LQs above this.
ORDER_KEPT_RANK = 0.7
# "a narrow majority" (the LQ chapter's manufacturing outside the cities): more
# than half and at most this share.
NARROW_MAJORITY = 0.6
# "around the Great Britain figure" (the sector-composition chapter): the other
# authorities' prioritised share within this many percentage points of it.
NEAR_GB_PP = 5.0


def findings(rows: Iterable[tuple]) -> pd.DataFrame:
    """A findings table from ``(quantity, value[, unit[, description]])`` rows.
    The value column keeps each value's own type (object dtype), so a count stays
    whole and a yes/no stays yes/no."""
    out = []
    for row in rows:
        quantity, value, *rest = row
        unit, description = (list(rest) + ["", ""])[:2]
        if hasattr(value, "item"):   # a NumPy scalar: its plain Python value
            value = value.item()
        out.append([quantity, value, unit, description])
    frame = pd.DataFrame({name: pd.Series([row[i] for row in out], dtype=object if name == "value" else None)
                          for i, name in enumerate(COLUMNS)}, columns=COLUMNS)
    repeated = frame["quantity"][frame["quantity"].duplicated()].tolist()
    if repeated:
        raise ValueError(f"quantities named twice: {repeated}")
    return frame


def listed(names: Iterable[str]) -> str:
    """Names as a comma-separated list."""
    return ", ".join(names)


def named_years() -> str:
    """The study's years that the chapters' prose names as text ("the 2011 and 2021
    Censuses", "BRES 2017 and 2019", ...), each from the constant that sets it: a
    year in running text names a source, so it is typed, and every chapter's first
    cell guards it against this row (``publishing.guards.require_named_years``).
    A bundled vintage outside the paper's bracket changes none of them."""
    years = {"censuses": CENSUS_YEARS, "BRES either side of the paper's year": MEAN_OF,
             "the paper's BRES year": (PAPER_VINTAGE,), "the district file's years": NOISE_YEARS,
             "IS-8 exact definitions": (EXACT_YEAR,), "IS-8 two-digit approximation": (APPROX_YEAR,),
             "the city comparison": (CITY_YEAR,), "the combined authorities' lookup": (LOOKUP_YEAR,)}
    return "; ".join(f"{what} {', '.join(str(y) for y in ys)}" for what, ys in years.items())


def data_findings() -> pd.DataFrame:
    """The data-and-methods chapter: files read, their licences, the study geography."""
    entries = list(catalogue().values())
    geography = study_districts()
    unchanged = all(change_of(code) is None and not predecessors(code) for code in geography["code"])
    return findings([
        ("n_files", len(verify_all()), "files", "input files read and verified"),
        ("n_files_used", sum(e.role == "used" for e in entries), "files", "files whose numbers the book uses"),
        ("n_files_ogl", sum(e.licence.startswith("Open Government Licence") for e in entries), "files",
         "files under the Open Government Licence"),
        ("n_files_mit", sum(e.licence.startswith("MIT licence") for e in entries), "files",
         "files under the MIT licence (hex-map layouts)"),
        ("n_files_own", sum(e.licence.startswith("CC BY 4.0") for e in entries), "files",
         "the book's own compilations, under CC BY 4.0 (the university districts of P47)"),
        ("files_licences_complete", sum(e.licence.startswith(("Open Government Licence", "MIT licence", "CC BY 4.0"))
                                        for e in entries) == len(entries), "",
         "every file under one of the three licences the chapter names"),
        ("n_files_maps", sum(e.role == "maps" for e in entries), "files", "files used for maps only"),
        ("verify_mode", verify_mode(), "", "checksum mode of this build"),
        ("n_districts", len(geography), "districts", "the paper's study districts"),
        ("n_authorities", int(geography["authority"].nunique()), "authorities", "their combined authorities"),
        ("districts_unchanged", unchanged, "", "no study district changed boundary or code 2011-2023"),
        ("primary_vintage", PRIMARY_VINTAGE, "", "the BRES year the book's main readings use"),
        ("n_censuses", len(CENSUS_YEARS), "censuses", "the censuses the book reads"),
        ("n_qualification_groups", len(QUALIFICATIONS), "groups",
         "the census's highest-qualification groups (their sum is every resident aged 16+)"),
        ("named_years", named_years(), "", "the study's years the chapters name in their text, by what they date"),
        # From the book's one level (measures.SIGNIFICANCE), which every fit's and
        # bootstrap's interval reads (INTERVAL_PERCENTILES is derived from it too).
        ("interval_level_pct", interval_level_pct(), "%",
         "the level of every interval the book gives: 100 x (1 - the significance level)"),
        ("significance_pct", 100 * SIGNIFICANCE, "%",
         "the level every test of the book is read at: a p-value below it is distinguishable from chance"),
    ])


def attainment_findings() -> pd.DataFrame:
    """The attainment chapter (the paper's Table 1, and 2021 beside it)."""
    table = attainment_2011()
    facts = attainment_facts(table)
    change = attainment_change_2011_2021()
    ew = change[change["code"] == ENGLAND_AND_WALES].iloc[0]
    districts = change[change["code"] != ENGLAND_AND_WALES]
    r_2021 = correlation(districts["pct_no_qualifications_2021"], districts["pct_level4_plus_2021"])
    d = table[table["code"] != ENGLAND_AND_WALES].set_index("name")
    n = facts["n_districts"]
    pp = "% of residents 16+"
    return findings([
        ("att_not_top_two_detail", top_two_displacements(table), "", "which group outnumbers which where the "
         "two groups are not the largest"),
        ("att_combined_max", facts["combined_max"], pp, "largest share of the two groups together"),
        ("att_combined_min", facts["combined_min"], pp, "smallest share of the two groups together"),
        ("att_max_l4", facts["max_l4"], pp, "highest Level 4+ share"),
        ("att_max_l4_name", facts["max_l4_name"], "", "district with the highest Level 4+ share"),
        ("att_max_noq", facts["max_noq"], pp, "highest no-qualifications share"),
        ("att_max_noq_name", facts["max_noq_name"], "", "district with the highest no-qualifications share"),
        ("att_min_l4", facts["min_l4"], pp, "lowest Level 4+ share"),
        ("att_min_l4_name", facts["min_l4_name"], "", "district with the lowest Level 4+ share"),
        ("att_n_above_national", facts["n_above_national"], "districts", "more polarised than England and Wales"),
        ("att_n_districts", n, "districts", ""),
        ("att_n_noq_larger", facts["n_noq_larger"], "districts", "no qualifications the larger of the two"),
        ("att_r2_noq_l4", facts["r2_noq_l4"], "", "r squared, no qualifications against Level 4+, 2011"),
        ("att_r_noq_l4", facts["r_noq_l4"], "", "correlation, no qualifications against Level 4+, 2011"),
        ("att_n_top_two", n - len(facts["not_top_two"]), "districts", "the two groups are the largest two"),
        ("att_not_top_two", listed(facts["not_top_two"]), "", "districts where they are not"),
        ("att_exceptions", listed(facts["exceptions"]), "", "districts not more polarised than the nation"),
        ("att_n_exceptions", len(facts["exceptions"]), "districts", ""),
        ("att_r_2021", r_2021, "", "correlation of the two shares, 2021"),
        ("att_top_two_mostly", bool(facts["not_top_two"]) and n - len(facts["not_top_two"]) > n / 2, "",
         "the two groups are the largest in most districts but not all"),
        ("att_max_l4_fewest_noq", bool(d.loc[d["pct_level4_plus"].idxmax(), "pct_no_qualifications"]
                                       == d["pct_no_qualifications"].min()), "",
         "the district with the highest Level 4+ share has the lowest no-qualifications share"),
        ("att_lockstep_2011", bool(facts["r_noq_l4"] < LOCKSTEP_R), "",
         f"the two shares move in opposite directions almost in lockstep (r below {LOCKSTEP_R}), 2011"),
        ("att_tight_2021", bool(r_2021 < TIGHT_R), "",
         f"the two shares remain tightly and negatively related (r below {TIGHT_R}), 2021"),
        ("att_mostly_beyond_national", facts["n_above_national"] > n / 2, "",
         "most districts are polarised beyond the national norm (the larger group above its England and Wales "
         "rate in more than half)"),
        ("att_max_l4_nearly_half", bool(NEARLY_HALF_PCT[0] <= facts["max_l4"] <= NEARLY_HALF_PCT[1]), "",
         f"the highest Level 4+ share is nearly half ({NEARLY_HALF_PCT[0]:.0f}-{NEARLY_HALF_PCT[1]:.0f}%)"),
        ("att_shifted_up", bool(ew["pct_no_qualifications_2021"] < ew["pct_no_qualifications_2011"]
                                and ew["pct_level4_plus_2021"] > ew["pct_level4_plus_2011"]), "",
         "England and Wales moved towards higher qualifications 2011-2021"),
    ])


def rounding_findings() -> pd.DataFrame:
    """The 2019 shares that do not add up to 100, and how far rescaling them moves
    the study's 2019 LQs (glued by the data, LQ and ledger chapters)."""
    facts = rounding_facts()
    pct = "% of employees"
    return findings([
        ("round_study_sum_min", facts["study_sum_min"], pct, "smallest sum of a study district's published shares"),
        ("round_study_sum_max", facts["study_sum_max"], pct, "largest sum of a study district's published shares"),
        ("round_n_study", facts["n_study"], "districts", "study districts with 2019 shares"),
        ("round_n_study_off", facts["n_study_off"], "districts", "study districts whose sum is off 100"),
        ("round_gb_sum_min", facts["gb_sum_min"], pct, "smallest sum, Great Britain's districts"),
        ("round_gb_sum_max", facts["gb_sum_max"], pct, "largest sum, Great Britain's districts"),
        ("round_n_gb", facts["n_gb"], "districts", "Great Britain's districts"),
        ("round_n_gb_off", facts["n_gb_off"], "districts", "Great Britain's districts whose sum is off 100"),
        ("round_off_by_pp", facts["off_by_pp"], "percentage points", "how far off 100 counts as off"),
        ("round_lq_change_min", facts["lq_change_min_pct"], "%", "smallest change of a 2019 LQ by rescaling"),
        ("round_lq_change_max", facts["lq_change_max_pct"], "%", "largest change of a 2019 LQ by rescaling"),
    ])


def prefixed(prefix: str, values: dict, keys: Iterable[str], lower: Iterable[str] = ()) -> list[tuple]:
    """Rows ``(prefix + key, values[key])`` for ``keys``; the keys in ``lower``
    (sector names inside a sentence) in lower case."""
    lower = set(lower)
    return [(prefix + key, values[key].lower() if key in lower else values[key]) for key in keys]


def sector_composition_findings() -> pd.DataFrame:
    """The sector-composition chapter (the paper's Table 2) for both vintages."""
    # the glue names keep '17' and '19' (sec_17_...): the bracketing vintages of the registry
    c17, c19 = (composition_facts(v) for v in MEAN_OF)
    movement = movement_facts()
    prioritised = prioritised_by_authority(PRIMARY_VINTAGE).set_index("authority")
    others_near_gb = bool(prioritised.drop(index=CAMBRIDGESHIRE)["difference_pp"].abs().max()
                          < NEAR_GB_PP)
    return findings([
        *prefixed("sec_17_", c17, [
            "authorities_without_manufacturing_largest", "he_above_25", "he_max", "he_max_name", "he_min",
            "he_min_name", "largest_business", "largest_education", "largest_professional", "manufacturing_largest",
            "n_authorities_with_manufacturing_largest", "n_districts", "n_he_20_25", "n_he_above_25",
            "n_largest_health", "n_largest_manufacturing", "n_largest_professional", "prioritised_cp",
            "prioritised_gb", "prioritised_others_max", "prioritised_others_min"]),
        *prefixed("sec_19_", c19, [
            "authorities_without_manufacturing_largest", "largest_business", "n_largest_business",
            "n_largest_health", "n_tied", "tied", "n_districts"]),
        *prefixed("sec_mv_", movement, [
            "largest_swapped", "largest_tie_only", "mean_abs_lq_diff_max", "mean_abs_lq_diff_min",
            "mean_abs_share_diff_max", "mean_abs_share_diff_max_sector", "mean_abs_share_diff_min",
            "n_largest_changed", "n_largest_swapped", "n_largest_tie_only", "rank_correlation_min",
            "rank_correlation_min_sector", "top_mover", "top_mover_2017", "top_mover_2019"],
            lower=["mean_abs_share_diff_max_sector", "rank_correlation_min_sector"]),
        ("sec_n_key", len(KEY_SECTOR_NAMES), "sectors", "the paper's key sectors"),
        ("sec_n_groups", len(BROAD_GROUPS), "groups", "broad industrial groups"),
        ("sec_n_authorities", len(STUDY_AUTHORITIES), "authorities", "the study's combined authorities"),
        ("sec_n_other_authorities", len(STUDY_AUTHORITIES) - 1, "authorities", "those other than Cambridgeshire"),
        ("sec_n_prioritised", len(PRIORITISED_SECTORS), "sectors", "sectors the 2017 strategy put first"),
        ("sec_band_low", HEALTH_EDUCATION_BAND[0], "%", "the paper's health and education band, low end"),
        ("sec_band_high", HEALTH_EDUCATION_BAND[1], "%", "the paper's health and education band, high end"),
        ("sec_near_tie", NEAR_TIE_PP, "percentage points", "how close counts as a near tie"),
        ("sec_n_private", len(PRIVATE_SECTORS), "sectors", "private sectors"),
        ("sec_prioritised_others_near_gb", others_near_gb, "",
         f"the {number_word(len(STUDY_AUTHORITIES) - 1)} other authorities' prioritised share within "
         f"{NEAR_GB_PP:g} points of Great Britain's"),
        ("sec_health_largest_most", c17["n_largest_health"] > c17["n_districts"] / 2
         and c19["n_largest_health"] > c19["n_districts"] / 2, "",
         "health is the largest group in more than half the districts, both years"),
        ("sec_he_band_minority", c17["n_he_20_25"] <= c17["n_districts"] / 2, "",
         f"at most half the districts have health and education in the paper's band, {MEAN_OF[0]}"),
        ("sec_mv_order_kept", movement["rank_correlation_min"] > ORDER_KEPT_RANK, "",
         f"every key sector's rank correlation of its {MEAN_OF[0]} and {MEAN_OF[1]} LQs above {ORDER_KEPT_RANK}"),
    ])


# The two districts the LQ chapter names as above 1 in digital beside the paper's three.
DIGITAL_WEST = ("Bath and North East Somerset", "Bristol, City of")


def england_crossing_distance(vintage: int = PRIMARY_VINTAGE) -> float:
    """The largest distance from 1 of a key-sector LQ (Great Britain as the base) that
    crosses 1 when England is the base instead, in ``vintage``."""
    effect = england_base_effect()
    factor = effect[effect["vintage"] == vintage].set_index("sector")["factor"]
    gb = wide(vintage, "lq")[KEY_SECTOR_NAMES]
    england = gb * factor.reindex(KEY_SECTOR_NAMES).to_numpy()
    crossing = (gb > 1) != (england > 1)
    return float((gb[crossing].stack() - 1).abs().max())


def location_quotient_findings() -> pd.DataFrame:
    """The location-quotient chapter (the paper's Table 3) for both vintages and both bases."""
    lq17, lq19 = (lq_facts(v) for v in MEAN_OF)  # the glue names keep '17' and '19' (lq_17_...)
    ref = reference_facts()
    year = PRIMARY_VINTAGE  # the heatmap's year (figures_sectors.lq_heatmap) and the readings' without a glue year
    lq_primary = wide(year, "lq").set_index("name")
    outside_cities = lq_primary.drop(index=list(CITIES))[MANUFACTURING]
    named = [*CAMBRIDGE_DISTRICTS, "Manchester", "Bristol, City of"]  # the districts the chapter names beside the heatmap
    heatmap_reading = (bool((outside_cities > 1).sum() > len(outside_cities) / 2)
                       and all(int((lq_primary[s] > 1).sum()) < len(lq_primary) / 2 for s in (DIGITAL, PROFESSIONAL))
                       and bool((lq_primary.loc[named, [DIGITAL, PROFESSIONAL]] > 1).any(axis=1).all()))
    references = reference_table().set_index("sector").loc[KEY_SECTOR_NAMES]
    effect = england_base_effect()
    first = effect[effect["vintage"] == year].set_index("sector")
    return findings([
        *prefixed("lq_17_", lq17, [
            "above_scambs_prof", "band_high", "band_low", "cambridge_manufacturing_lq", "city_manufacturing",
            "digital_above_one", "digital_top3", "manufacturing_below_one_not_city", "manufacturing_largest_lq_max",
            "manufacturing_largest_lq_min", "n_above_scambs_prof", "n_digital_above_one", "n_education_neutral",
            "n_health_neutral", "n_manufacturing_other", "n_manufacturing_other_above_one", "n_prof_below_one",
            "n_digital_below_one",
            "n_public_neutral", "n_retail_neutral", "prof_min", "prof_min_name", "retail_outside",
            "scambs_prof_lq", "scambs_ratio_max", "scambs_ratio_min", "trio_prof", "trio_prof_mean",
            "top_key_lq_name", "top_key_lq_sector"]),
        ("lq_17_n_manufacturing_largest", len(manufacturing_largest(MEAN_OF[0])), "districts",
         f"districts where manufacturing is the largest group, {MEAN_OF[0]}"),
        *prefixed("lq_19_", lq19, [
            "cambridge_manufacturing_lq", "digital_above_one", "digital_top3", "manufacturing_largest_lq_max",
            "manufacturing_largest_lq_min", "n_digital_above_one", "scambs_prof_lq", "top_key_lq",
            "top_key_lq_name", "top_key_lq_sector", "trio_prof"], lower=["top_key_lq_sector"]),
        *prefixed("lq_ref_", ref, [
            "agriculture_gb_2017", "agriculture_gb_2019", "england_factor_max", "england_factor_max_sector",
            "england_factor_min", "england_factor_min_sector", "england_max_abs_change",
            "england_max_abs_change_district", "england_n_cross_one", "gb_employees_2019", "gb_employment_2017",
            "n_english_districts", "n_gb_districts"],
            lower=["england_factor_max_sector", "england_factor_min_sector"]),
        ("lq_n_districts", len(wide(year)), "districts", ""),
        ("lq_n_key", len(KEY_SECTOR_NAMES), "sectors", "the paper's key sectors"),
        ("lq_n_cities", len(CITIES), "districts", "the cities the paper names"),
        ("lq_n_groups", len(BROAD_GROUPS), "groups", "broad industrial groups"),
        ("lq_n_english_regions", len(ENGLAND_ITL1), "regions", "England's ITL1 regions"),
        ("lq_heatmap_reading", heatmap_reading, "", f"manufacturing above 1 in most districts outside the "
         f"{number_word(len(CITIES))} cities; digital and professional above 1 in fewer than half, the "
         f"{number_word(len(named))} named districts among them"),
        ("lq_references_agree", bool(((references["gb_2017"] - references["gb_2019"]).abs() < 1).all()), "",
         "the two Great Britain references differ by less than a point in every key sector"),
        ("lq_bath_bristol_digital", bool((lq_primary.loc[list(DIGITAL_WEST),
                                                      DIGITAL] > 1).all()), "",
         f"Bath and North East Somerset and Bristol above 1 in information & communication, {year}"),
        ("lq_cities_low_cambridge_lowest", bool((lq_primary.loc[list(CITIES), MANUFACTURING] < 0.7).all())
         and lq_primary[MANUFACTURING].idxmin() == "Cambridge", "",
         f"the {number_word(len(CITIES))} cities' manufacturing LQs below 0.7, Cambridge's the lowest, {year}"),
        ("lq_england_base_direction", bool((first.loc[[DIGITAL, PROFESSIONAL], "factor"] < 1).all()
                                           and first.loc["Public administration & defence", "factor"] > 1), "",
         f"against England the service sectors' LQs fall and public administration's rises, {year}"),
        ("lq_crossing_max_distance", england_crossing_distance(year), "",
         f"largest distance from 1 of a district-sector LQ that crosses 1 with England as the base, {year}"),
        ("lq_17_prof_mostly_below_one", lq17["n_prof_below_one"] > len(lq_primary) / 2, "",
         f"professional services' LQ below 1 in more than half the districts, {MEAN_OF[0]}"),
        ("lq_17_digital_mostly_below_one", lq17["n_digital_below_one"] > len(lq_primary) / 2, "",
         f"information & communication's LQ below 1 in more than half the districts, {MEAN_OF[0]}"),
        ("lq_17_manufacturing_narrow_majority", lq17["n_manufacturing_other"] / 2
         < lq17["n_manufacturing_other_above_one"] <= NARROW_MAJORITY * lq17["n_manufacturing_other"], "",
         f"manufacturing above 1 in more than half and at most {NARROW_MAJORITY:.0%} of the districts where it is "
         f"not the largest group, {MEAN_OF[0]}"),
    ])


def short_names(frame: pd.DataFrame, n: int = 3) -> str:
    return ", ".join(f"{row.name} ({row.authority})" for row in frame.head(n).itertuples())


def authorities_findings() -> pd.DataFrame:
    """The chapter on the combined authorities of May 2025: the authorities and
    their districts (May 2025 codes) and the later districts most like the paper's
    two extremes (the fits are rows of ``education_sector_fit``, sample
    ``authorities_2025``; the pattern is ``authorities_2025_pattern``)."""
    ew = qualifications_2021().set_index("code").loc[ENGLAND_AND_WALES]
    profiles = authority_profiles()
    groups = profiles.groupby("group")
    later = profiles[profiles["group"] == LATER]
    behind = later[(later["pct_no_qualifications_2021"] > ew["pct_no_qualifications"])
                   & (later["professional_lq"] < 1) & (later["digital_lq"] < 1)]
    behind = behind.sort_values("pct_no_qualifications_2021", ascending=False, kind="stable")
    like_cambridge = later[later["professional_lq"] > 1].sort_values("pct_level4_plus_2021", ascending=False,
                                                                   kind="stable")
    return findings([
        ("ca_n_north_yorkshire", len(predecessors("E06000065")), "districts", "districts merged into North Yorkshire"),
        ("ca_n_districts", int(len(profiles)), "districts",
         f"districts of the {profiles['authority'].nunique()} authorities"),
        ("ca_n_original", int(groups["authority"].nunique()[ORIGINAL]), "authorities", "those the paper studied"),
        ("ca_n_districts_original", int(groups.size()[ORIGINAL]), "districts", "their districts"),
        ("ca_n_districts_later", int(groups.size()[LATER]), "districts", "the later authorities' districts"),
        ("ca_n_behind", int(len(behind)), "districts", "later districts behind on both qualifications and sectors"),
        ("ca_behind_names", short_names(behind), "", "the three furthest behind"),
        ("ca_n_like_cambridge", int(len(like_cambridge)), "districts", "later districts with a professional LQ above 1"),
        ("ca_like_cambridge_names", short_names(like_cambridge), "", "the three with the most graduates"),
    ])
