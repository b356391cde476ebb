"""Tables as the pages show them: readable headings, units in the headings,
long tables grouped by authority. Each takes or builds the tidy frame that is
exported as CSV; none computes a measure.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from ..analysis.education_fits import EDUCATION_LABELS, EDUCATION_MEASURES
from ..analysis.fit_inference import confidence
from ..analysis.sector_measures import key_sector_mapping, table2_frame, table3_frame
from ..analysis.sector_readings import NEAR_TIE_PP
from ..claims.paper import paper_claims
from ..data.catalogue import catalogue
from ..data.census import PCT_COLUMNS, QUALIFICATIONS
from ..data.geography import study_districts
from ..data.sectors import KEY_SECTOR_NAMES, SHORT_LABELS
from ..measures.correlations import interval_level_pct
from .ledger_page import claim_link, page_text, verdict_badge


def data_catalogue() -> pd.DataFrame:
    """The catalogue of input files, as the provenance table shows it."""
    rows = [{"id": e.id, "path": e.path, "title": e.title, "publisher": e.publisher,
             "official_source": e.official_source, "copy_of": e.copy_of, "vintage": e.vintage,
             "geography": e.geography, "measure": e.measure, "licence": e.licence,
             "role": e.role, "sha256": e.sha256, "original_sha256": e.original_sha256}
            for e in catalogue().values()]
    return pd.DataFrame(rows)


def study_geography() -> pd.DataFrame:
    return study_districts().copy()


def with_group_rows(frame: pd.DataFrame, group: str, label: str) -> pd.DataFrame:
    """Drop the ``group`` column and put each group's name in a row of its own
    above its members (in ``label``), so a long table reads by authority."""
    pieces = []
    for name, members in frame.groupby(group, sort=False):
        if name:
            pieces.append(pd.DataFrame([{label: f"**{name}**"}]))
        pieces.append(members)
    return pd.concat(pieces, ignore_index=True).drop(columns=group)


def attainment_display(table: pd.DataFrame) -> pd.DataFrame:
    """Table 1 as the page shows it: percentages, the two foremost first, grouped by authority."""
    labels = {f"pct_{k}": f"{label} (%)" for k, (label, _n, _c) in QUALIFICATIONS.items()}
    shown = table[["name", "authority", "all_16plus", "pct_no_qualifications", "pct_level4_plus",
                   *[c for c in PCT_COLUMNS if c not in ("pct_no_qualifications", "pct_level4_plus")]]]
    shown = shown.rename(columns={"name": "District", "all_16plus": "Residents 16+ (persons)", **labels})
    return with_group_rows(shown, "authority", "District")


def attainment_change_display(change: pd.DataFrame) -> pd.DataFrame:
    """The 2011 and 2021 shares side by side (:func:`attainment_change_2011_2021`),
    grouped by authority as Table 1 is (the England and Wales row, in no authority, last)."""
    shown = change[["name", "authority", "pct_no_qualifications_2011", "pct_no_qualifications_2021",
                    "pct_level4_plus_2011", "pct_level4_plus_2021"]].rename(columns={
        "name": "District", "pct_no_qualifications_2011": "No qualifications 2011 (%)",
        "pct_no_qualifications_2021": "No qualifications 2021 (%)",
        "pct_level4_plus_2011": "Level 4+ 2011 (%)", "pct_level4_plus_2021": "Level 4+ 2021 (%)"})
    return with_group_rows(shown, "authority", "District")


def breakable(text: str) -> str:
    """``text`` for a Markdown table cell, with a line-break opportunity (HTML
    ``<wbr>``, invisible and not copied) after each / _ . - ? & =, so a long
    path or web address wraps inside its cell instead of widening the table."""
    parts = (html.escape(part, quote=False) for part in re.split(r"(?<=[/_.?&=-])", str(text)))
    # The cell is Markdown: escape the characters that would start emphasis or end the cell.
    return "<wbr>".join(re.sub(r"([_*|`])", r"\\\1", part) for part in parts)


def provenance_display(used_only: bool = False) -> pd.DataFrame:
    """The catalogue as the data chapter shows it: one row per input file."""
    cat = data_catalogue()
    if used_only:
        cat = cat[cat["role"] == "used"]
    return pd.DataFrame({
        "File (in the data directory)": cat["path"].map(breakable),
        "What": cat["title"],
        # The API query some entries record is for `check-official` and the CSV, too long for the page.
        "Official source": cat["official_source"].str.split(" API query: ").str[0].map(breakable),
        "Vintage": cat["vintage"],
        "Measure": cat["measure"],
        "SHA-256 (first 12)": cat["sha256"].str[:12],
    })


def geography_display() -> pd.DataFrame:
    """The study geography: one row per combined authority, districts listed with codes."""
    districts = study_districts()
    grouped = districts.groupby("authority", sort=False).agg(
        code=("authority_code", "first"), n=("code", "size"),
        members=("name", lambda s: "; ".join(f"{n} ({c})" for n, c in zip(s, districts.loc[s.index, "code"]))))
    return grouped.reset_index().rename(columns={
        "authority": "Combined authority", "code": "Code", "n": "Districts", "members": "Districts (codes)"})


def england_effect_display(effect: pd.DataFrame) -> pd.DataFrame:
    """:func:`england_base_effect` as the page shows it."""
    return effect.assign(vintage=effect["vintage"].astype(str), sector=effect["sector"].map(SHORT_LABELS)).rename(
        columns={"vintage": "BRES year", "sector": "Key sector", "gb_share_pct": "GB share (%)",
                 "england_share_pct": "England share (%)", "factor": "LQ multiplied by",
                 "median_abs_change": "Median absolute change in LQ", "max_abs_change": "Largest absolute change",
                 "max_change_district": "Where", "n_cross_one": "Districts crossing 1"})


def reference_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`reference_table` as the page shows it."""
    return table.rename(columns={
        "sector": "Broad industrial group", "gb_2017": "Great Britain 2017 (% of employment)",
        "england_2017": "England 2017 (% of employment)", "gb_2019": "Great Britain 2019 (% of employees)",
        "england_2019": "England 2019 (% of employees)"})


def _display(frame: pd.DataFrame, suffix: str) -> pd.DataFrame:
    shown = frame.drop(columns="code").rename(columns={"name": "District"})
    shown = shown.rename(columns={s: f"{SHORT_LABELS[s]}{suffix}" for s in KEY_SECTOR_NAMES})
    return with_group_rows(shown, "authority", "District")


# Table 2's headings, shortened so its eleven columns fit the text column at
# 1280 px (the caption gives the unit, %, and spells out the abbreviations).
TABLE2_HEADERS = {"Manufacturing": "Manuf.", "Education": "Educ."}


def table2_display(vintage: int) -> pd.DataFrame:
    """Table 2 as the page shows it: per cent, grouped by authority; the largest
    broad group and its share in one column."""
    frame = table2_frame(vintage)
    largest = frame["largest_sector"].map(lambda text: " = ".join(SHORT_LABELS[part] for part in text.split(" = ")))
    frame["largest_sector"] = [f"{name}, {share:.1f}" for name, share in zip(largest, frame["largest_share_pct"])]
    frame = frame.drop(columns="largest_share_pct").rename(columns={"largest_sector": "Largest group"})
    shown = _display(frame, "")
    return shown.rename(columns={SHORT_LABELS[k]: v for k, v in TABLE2_HEADERS.items()})


def table3_display(vintage: int, base: str = "GB") -> pd.DataFrame:
    """Table 3 as the page shows it: LQs, grouped by authority."""
    return _display(table3_frame(vintage, base), "")


def integer_digits(frame: pd.DataFrame) -> dict[str, int]:
    """``show_table`` digits for a display frame: no decimals for integer columns."""
    return {c: 0 for c in frame.columns if pd.api.types.is_integer_dtype(frame[c])}


def key_sector_mapping_display() -> pd.DataFrame:
    """:func:`key_sector_mapping` as the page shows it."""
    mapping = key_sector_mapping()
    mapping["prioritised"] = mapping["prioritised"].map({True: "yes", False: "no"})
    return mapping.rename(columns={
        "paper_names": "The paper's wording", "broad_group": "BRES broad industrial group",
        "sic_divisions": "SIC 2007 divisions", "prioritised": "Prioritised by the 2017 strategy"})


def vintage_movement_display(movement: pd.DataFrame) -> pd.DataFrame:
    """:func:`vintage_movement` as the page shows it."""
    return movement.assign(sector=movement["sector"].map(SHORT_LABELS)).rename(columns={
        "sector": "Key sector", "mean_abs_share_diff_pp": "Share: mean change (pp)",
        "max_abs_share_diff_pp": "Share: largest change (pp)", "max_share_district": "Where",
        "mean_abs_lq_diff": "LQ: mean change", "max_abs_lq_diff": "LQ: largest change",
        "max_lq_district": "Where (LQ)", "rank_correlation": "Rank correlation of the LQs"})


def retail_private_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`retail_private_table` as the page shows it."""
    shown = table.assign(vintage=table["vintage"].astype(str))
    return shown.rename(columns={
        "vintage": "BRES year", "authority": "Combined authority", "districts": "Districts",
        "retail_largest": "Retail the largest private group (districts)", "names": "Where",
        "retail_near": f"Retail within {NEAR_TIE_PP} pp of the largest (districts)",
        "near_names": "Where (gap)"})


def table4_display(fits: pd.DataFrame, sample: str = "study_districts") -> pd.DataFrame:
    """Table 4 as the page shows it: one row per key sector and education measure;
    r, r-squared with its bootstrap interval, slope and p for 2017, and r and
    r-squared for 2019."""
    chosen = fits[fits["sample"] == sample]
    first = chosen[chosen["vintage"] == 2017].set_index(["sector", "education"])
    second = chosen[chosen["vintage"] == 2019].set_index(["sector", "education"])
    rows, interval = [], f"{interval_level_pct():g}% interval"
    for education in EDUCATION_MEASURES:
        for sector in KEY_SECTOR_NAMES:
            a, b = first.loc[(sector, education)], second.loc[(sector, education)]
            rows.append({
                "Education (2011, % 16+)": EDUCATION_LABELS[education], "Sector share": SHORT_LABELS[sector],
                "r 2017": float(a["r"]), "r² 2017": float(a["r2"]),
                f"{interval} r² 2017": f"{a['r2_ci_low']:.2f} to {a['r2_ci_high']:.2f}",
                "Slope 2017 (pp per pp)": float(a["slope"]), "p 2017": _p_text(float(a["p_value"])),
                "r 2019": float(b["r"]), "r² 2019": float(b["r2"]),
                f"{interval} r² 2019": f"{b['r2_ci_low']:.2f} to {b['r2_ci_high']:.2f}"})
    return pd.DataFrame(rows)


def inference_display(table: pd.DataFrame, vintage: int) -> pd.DataFrame:
    """The checks on each Table 4 slope over the study districts in one vintage
    (:func:`placeblind.analysis.fit_inference.fit_inference`), as the page shows them."""
    rows = []
    chosen = table[(table["sample"] == "study_districts") & (table["census"] == 2011)
                   & (table["vintage"] == vintage)].set_index(["sector", "education"])
    for education in EDUCATION_MEASURES:
        for sector in KEY_SECTOR_NAMES:
            row = chosen.loc[(sector, education)]
            rows.append({
                "Education": EDUCATION_LABELS[education], "Sector share": SHORT_LABELS[sector],
                "Slope (pp per pp)": float(row["slope"]), "p (HC3)": f"{_p_text(float(row['p_value']))} ({_p_text(float(row['p_value_hc3']))})",
                "Slope, one authority out":
                    f"{row['jackknife_slope_min']:+.2f} to {row['jackknife_slope_max']:+.2f}",
                "Largest p, one out": f"{_p_text(float(row['jackknife_p_max']))} (without "
                                      f"{row['jackknife_p_max_without']})",
                "Moran's I (p)": f"{float(row['moran_i']):+.2f} ({_p_text(float(row['moran_p_two_sided']))})",
                "Slope holds": confidence(row)})
    return pd.DataFrame(rows)


def _p_text(p: float) -> str:
    return "<0.001" if p < 0.001 else f"{p:.3f}"


# The claims each sector chapter discusses (all are in the ledger).
CHAPTER_CLAIMS: dict[str, tuple[str, ...]] = {
    "sector_composition": ("P13", "P14", "P16", "P17", "P24", "P30", "P39", "P47"),
    "location_quotients": ("P15", "P18", "P19", "P20", "P21", "P22", "P23", "P25", "P26", "P27", "P28", "P29",
                           "P31", "P32", "P33", "P34", "P49"),
    "education_and_sectors": ("P35", "P36", "P37", "P38", "P40", "P41", "P42"),
}


def chapter_claims(chapter: str) -> pd.DataFrame:
    """The ledger rows a chapter discusses, in ledger order."""
    ledger = paper_claims()
    return ledger[ledger["claim_id"].isin(CHAPTER_CLAIMS[chapter])].reset_index(drop=True)


def claims_display(claims: pd.DataFrame) -> pd.DataFrame:
    """Ledger rows as a chapter shows them: each id links to the claim in the
    ledger, each verdict is a labelled badge."""
    shown = claims[["claim_id", "statement", "published", "reproduced", "verdict", "reason"]].copy()
    for column in ("statement", "published", "reproduced", "reason"):
        shown[column] = shown[column].map(page_text)
    shown["claim_id"] = shown["claim_id"].map(claim_link)
    shown["verdict"] = shown["verdict"].map(verdict_badge)
    return shown.rename(columns={
        "claim_id": "Id", "statement": "Claim (paraphrased)", "published": "Published",
        "reproduced": "Official data", "verdict": "Verdict", "reason": "Why"})


def authorities_display(table: pd.DataFrame) -> pd.DataFrame:
    """The one-row-per-authority summary as the page shows it (the LQ ranges are in its CSV)."""
    return pd.DataFrame({
        "Combined authority": table["authority"], "Districts": table["districts"],
        "Residents 16+, 2021": table["residents_16plus_2021"],
        "Level 4+, 2021 (%)": table["pct_level4_plus_2021"], "Change (pp)": table["change_level4_plus_pp"],
        "No qualifications, 2021 (%)": table["pct_no_qualifications_2021"],
        "Change  (pp)": table["change_no_qualifications_pp"],
        "Largest sector, 2017": table["largest_sector"].map(SHORT_LABELS)})


def decade_fits_display(fits: pd.DataFrame, education: str = "level4_plus",
                        sector_label: str = "Sector share (BRES 2019)") -> pd.DataFrame:
    """Table 4 refitted with 2011 and with 2021 education, side by side, one row per
    key sector fitted (in the book's order)."""
    rows, interval = [], f"{interval_level_pct():g}% interval"
    for sector in [s for s in KEY_SECTOR_NAMES if s in set(fits["sector"])]:
        pair = fits[(fits["sector"] == sector) & (fits["education"] == education)].set_index("census")
        rows.append({sector_label: SHORT_LABELS[sector],
                     "r² with 2011 education": float(pair.loc[2011, "r2"]),
                     f"{interval}, 2011": f"{pair.loc[2011, 'r2_ci_low']:.2f} to {pair.loc[2011, 'r2_ci_high']:.2f}",
                     "r² with 2021 education": float(pair.loc[2021, "r2"]),
                     f"{interval}, 2021": f"{pair.loc[2021, 'r2_ci_low']:.2f} to {pair.loc[2021, 'r2_ci_high']:.2f}",
                     "Slope 2021 (pp per pp)": float(pair.loc[2021, "slope"])})
    return pd.DataFrame(rows)
