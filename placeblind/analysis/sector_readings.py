"""Readings of Tables 2 and 3 that the text and the claims rest on: which sector
is largest where, how the picture moves between vintages, the neutral LQ band,
retail among the private sectors, the prioritised sectors by authority.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..cache import cached
from ..data.geography import STUDY_AUTHORITIES, study_districts
from ..data.sectors import BROAD_GROUPS, DIGITAL, KEY_SECTOR_NAMES, MANUFACTURING, PROFESSIONAL
from ..data.study import paper_study
from ..measures.location_quotients import percent_of
from .sector_measures import (
    PRIORITISED_SECTORS, PRIVATE_SECTORS, TIE_TOLERANCE, districts_where_largest, joint_largest, largest_flags,
    largest_sectors, reference_shares, study_measures, ties_top, wide)
from .shares_2019 import varies_with_shares
from .vintages import (
    COUNTS, MEAN_OF, MEAN_VINTAGE, PRIMARY_VINTAGE, VINTAGES, check_vintage, district_vintage, study_counts)

# An LQ in this band is taken as "neither under- nor over-exposed": within a
# factor of 1.25 of the reference share either way (0.8 = 1/1.25).
NEUTRAL_BAND = (0.8, 1.25)


# The paper's band for health and education together (per cent of jobs); a
# district is in it when its share rounds to a whole per cent within the band.
HEALTH_EDUCATION_BAND = (20, 25)


# The paper's four "cities" with little manufacturing.
CITIES = ("Bristol, City of", "Cambridge", "Liverpool", "Manchester")


# The three districts whose professional services the paper puts at a third of the
# national average (P25) and South Cambridgeshire at eight times (P26).
THIRD_DISTRICTS = ("Middlesbrough", "Hartlepool", "Oldham")
# The authority the paper sets apart for the prioritised sectors (P13).
CAMBRIDGESHIRE = "Cambridgeshire and Peterborough"
NORTHERN_AUTHORITIES = ("Greater Manchester", "Liverpool City Region", "Tees Valley")


def vintage_differences() -> pd.DataFrame:
    """Each study district and key sector in the two vintages around the paper's
    year (:data:`MEAN_OF`, 2017 and 2019).

    Columns: ``code``, ``name``, ``authority``, ``sector``, ``share_2017``,
    ``share_2019``, ``lq_2017``, ``lq_2019`` (the years named by :data:`MEAN_OF`),
    ``share_diff_pp`` and ``lq_diff`` (the later minus the earlier).
    """
    keys = ["code", "name", "authority", "sector"]
    parts = []
    for vintage in MEAN_OF:
        m = study_measures(vintage)
        m = m[m["sector"].isin(KEY_SECTOR_NAMES)]
        parts.append(m[keys + ["share_pct", "lq"]].rename(
            columns={"share_pct": f"share_{vintage}", "lq": f"lq_{vintage}"}))
    first, second = MEAN_OF
    out = parts[0].merge(parts[1], on=keys, validate="one_to_one")
    out["sector"] = out["sector"].astype(str)
    out["share_diff_pp"] = out[f"share_{second}"] - out[f"share_{first}"]
    out["lq_diff"] = out[f"lq_{second}"] - out[f"lq_{first}"]
    return out


def vintage_movement() -> pd.DataFrame:
    """Per key sector, how far the 37 districts move between the two vintages of :data:`MEAN_OF`.

    Columns: ``sector``, ``mean_abs_share_diff_pp``, ``max_abs_share_diff_pp``,
    ``max_share_district``, ``mean_abs_lq_diff``, ``max_abs_lq_diff``,
    ``max_lq_district``, ``rank_correlation`` (Spearman, of the districts' LQs
    in the two vintages).
    """
    diffs = vintage_differences()
    rows = []
    for sector in KEY_SECTOR_NAMES:
        group = diffs[diffs["sector"] == sector]
        share_max = group.loc[group["share_diff_pp"].abs().idxmax()]
        lq_max = group.loc[group["lq_diff"].abs().idxmax()]
        rank_r = float(group[f"lq_{MEAN_OF[0]}"].rank().corr(group[f"lq_{MEAN_OF[1]}"].rank()))
        rows.append({"sector": sector,
                     "mean_abs_share_diff_pp": float(group["share_diff_pp"].abs().mean()),
                     "max_abs_share_diff_pp": float(group["share_diff_pp"].abs().max()),
                     "max_share_district": str(share_max["name"]),
                     "mean_abs_lq_diff": float(group["lq_diff"].abs().mean()),
                     "max_abs_lq_diff": float(group["lq_diff"].abs().max()),
                     "max_lq_district": str(lq_max["name"]),
                     "rank_correlation": rank_r})
    return pd.DataFrame(rows)


def largest_sector_changes() -> pd.DataFrame:
    """Districts whose largest broad group (or set of tied groups) differs
    between the two vintages of :data:`MEAN_OF`.

    Columns: ``code``, ``name``, ``authority``, ``largest_2017``,
    ``share_2017``, ``largest_2019``, ``share_2019`` (the years of :data:`MEAN_OF`),
    ``overlap`` (a group is largest or joint largest in both years, so only a tie
    came or went).
    """
    first, second = (largest_sectors(v).set_index("code") for v in MEAN_OF)
    early, late = MEAN_OF
    changed = first.index[first["largest"] != second["largest"]]
    overlap = [bool(set(first.loc[c, "largest"].split(" = ")) & set(second.loc[c, "largest"].split(" = ")))
               for c in changed]
    return pd.DataFrame({
        "code": changed, "name": first.loc[changed, "name"].to_numpy(),
        "authority": first.loc[changed, "authority"].to_numpy(),
        f"largest_{early}": first.loc[changed, "largest"].to_numpy(),
        f"share_{early}": first.loc[changed, "largest_share_pct"].to_numpy(),
        f"largest_{late}": second.loc[changed, "largest"].to_numpy(),
        f"share_{late}": second.loc[changed, "largest_share_pct"].to_numpy(),
        "overlap": overlap})


# Two shares closer than this (percentage points) are treated as a near tie
# when a claim turns on which group is larger: Nomis rounds each count (to the
# nearest 100 or more in large cells), and the paper's year lies between the
# two vintages.
NEAR_TIE_PP = 0.5


def manufacturing_largest(vintage: int) -> pd.DataFrame:
    """Districts where manufacturing is the largest (or joint largest) broad
    group. Columns: ``code``, ``name``, ``authority``, ``share_pct``, ``lq``, ``joint``."""
    measures = study_measures(vintage)
    manufacturing = measures[measures["sector"] == MANUFACTURING].set_index("name")
    names = districts_where_largest(vintage, MANUFACTURING)
    joint = set(joint_largest(vintage, MANUFACTURING))
    out = manufacturing.loc[names, ["code", "authority", "share_pct", "lq"]].reset_index()
    out["joint"] = out["name"].isin(joint)
    return out[["code", "name", "authority", "share_pct", "lq", "joint"]]


def authorities_without(district_names: Iterable[str]) -> list[str]:
    """Authorities none of whose districts is in ``district_names``."""
    districts = study_districts()
    having = set(districts.loc[districts["name"].isin(list(district_names)), "authority"])
    return [a for a in STUDY_AUTHORITIES if a not in having]


@cached(maxsize=8, variants=varies_with_shares)  # the claims, two chapters and a table read each vintage's
def retail_largest_private(vintage: int) -> pd.DataFrame:
    """Per authority: districts, districts where retail is the largest (or joint
    largest) private-sector broad group, and districts where it is within
    ``NEAR_TIE_PP`` of the largest. "Private sector" is every broad group but
    public administration & defence, education and health.

    Columns: ``authority``, ``districts``, ``retail_largest``, ``names``,
    ``retail_near``, ``near_names``.
    """
    private = list(PRIVATE_SECTORS)
    values = wide(vintage, "share_pct", sectors=private)
    gap = values[private].max(axis=1) - values["Retail"]
    rows = []
    for authority, group in values.groupby("authority", sort=False):
        top = group[ties_top(gap[group.index], 0)]
        near = group[(gap[group.index] > TIE_TOLERANCE) & (gap[group.index] < NEAR_TIE_PP)]
        rows.append({"authority": authority, "districts": int(len(group)), "retail_largest": int(len(top)),
                     "names": ", ".join(top["name"]), "retail_near": int(len(near)),
                     "near_names": ", ".join(f"{n} ({gap[c]:.2f} pp behind)" for c, n in near["name"].items())})
    return pd.DataFrame(rows)


def retail_private_table() -> pd.DataFrame:
    """:func:`retail_largest_private` for both vintages, stacked, with a ``vintage`` column first."""
    frames = [retail_largest_private(v).assign(vintage=v) for v in VINTAGES]
    out = pd.concat(frames, ignore_index=True)
    return out[["vintage", *[c for c in out.columns if c != "vintage"]]]


def in_band(values: pd.Series, band: tuple[float, float] = NEUTRAL_BAND) -> pd.Series:
    """Whether each LQ lies within ``band`` (inclusive, compared at two decimals)."""
    rounded = values.astype(float).round(2)
    return (rounded >= band[0]) & (rounded <= band[1])


def prioritised_by_authority(vintage: int) -> pd.DataFrame:
    """Share of jobs in the three prioritised sectors (manufacturing, information &
    communication, professional, scientific & technical) by authority: see
    :func:`sectors_by_authority`; the share column is ``prioritised_pct``."""
    return sectors_by_authority(vintage, PRIORITISED_SECTORS).rename(columns={"share_pct": "prioritised_pct"})


def sectors_by_authority(vintage: int, sectors: Iterable[str]) -> pd.DataFrame:
    """Share of jobs in ``sectors`` taken together, by authority.

    A counts vintage (2017, a fetched year): the authority's districts pooled
    (counts summed). A shares vintage (2019): shares are all that is published,
    so the median district. The 2017-2019 mean (:data:`MEAN_VINTAGE`): the mean
    of those two values. Columns: ``authority``, ``share_pct``, ``reference_pct``
    (Great Britain), ``difference_pp``.
    """
    return _sectors_by_authority(vintage, tuple(sectors))


@cached(maxsize=8, variants=varies_with_shares)  # the claims and the composition facts ask for each vintage
def _sectors_by_authority(vintage, sectors: tuple[str, ...]) -> pd.DataFrame:
    sectors = list(sectors)
    if vintage == MEAN_VINTAGE:
        parts = [sectors_by_authority(v, sectors).set_index("authority") for v in MEAN_OF]
        return (sum(parts) / len(parts)).reset_index()
    check_vintage(vintage)
    reference = float(reference_shares(vintage)[sectors].sum())
    if district_vintage(vintage).kind == COUNTS:
        study = paper_study()
        counts = study_counts(study, vintage).merge(study.frame()[["code", "authority"]], on="code")
        totals = counts.groupby("authority")["count"].sum()
        chosen = counts[counts["sector"].isin(sectors)].groupby("authority")["count"].sum()
        values = percent_of(chosen, totals)
    else:
        values_wide = wide(vintage, "share_pct")
        values = values_wide[sectors].sum(axis=1).groupby(values_wide["authority"]).median()
    out = pd.DataFrame({"authority": list(STUDY_AUTHORITIES)})
    out["share_pct"] = out["authority"].map(values).astype(float)
    out["reference_pct"] = reference
    out["difference_pp"] = out["share_pct"] - reference
    return out


def health_education_shares(vintage: int) -> pd.DataFrame:
    """Health plus education, per cent of each district's jobs. Columns:
    ``code``, ``name``, ``authority``, ``health_education_pct``."""
    values = wide(vintage, "share_pct", sectors=["Health", "Education"])
    values["health_education_pct"] = values["Health"] + values["Education"]
    return values[["name", "authority", "health_education_pct"]].reset_index()


def section_g_largest(vintage: int) -> list[str]:
    """Districts where motor trades, wholesale and retail taken together (SIC
    section G, as the 2011 Census groups them) would be the largest group."""
    values = wide(vintage, "share_pct")
    groups = [g for g in BROAD_GROUPS if g not in ("Motor trades", "Wholesale", "Retail")]
    section_g = values[["Motor trades", "Wholesale", "Retail"]].sum(axis=1)
    largest = section_g >= values[groups].max(axis=1)
    return values.loc[largest, "name"].tolist()


@cached(maxsize=8, variants=varies_with_shares)  # the claims and three chapters read each vintage's
def composition_facts(vintage: int = PRIMARY_VINTAGE) -> dict:
    """Numbers the Table 2 chapter states for one vintage, as plain Python values."""
    flags = largest_flags(vintage)
    manufacturing = manufacturing_largest(vintage)
    he = health_education_shares(vintage).set_index("name")["health_education_pct"]
    he_rounded = he.round(0)
    low, high = HEALTH_EDUCATION_BAND
    retail = retail_largest_private(vintage)
    business = districts_where_largest(vintage, "Business administration & support")
    professional = districts_where_largest(vintage, PROFESSIONAL)
    largest = largest_sectors(vintage)
    prioritised = prioritised_by_authority(vintage).set_index("authority")["prioritised_pct"]
    return {
        "n_districts": int(len(flags)),
        "n_tied": int((largest["n_tied"] > 1).sum()),
        "tied": "; ".join(f"{r['name']} ({r['largest'].lower()}, {r['largest_share_pct']:.1f}%)"
                          for _, r in largest[largest["n_tied"] > 1].iterrows()),
        "n_largest_health": int(flags["Health"].sum()),
        "n_largest_manufacturing": int(len(manufacturing)),
        "n_largest_business": int(len(business)),
        "largest_business": ", ".join(business),
        "n_largest_professional": int(len(professional)),
        "largest_professional": ", ".join(professional),
        "largest_education": ", ".join(districts_where_largest(vintage, "Education")),
        "manufacturing_largest": ", ".join(manufacturing["name"]),
        "authorities_without_manufacturing_largest": ", ".join(authorities_without(manufacturing["name"])),
        "n_authorities_with_manufacturing_largest":
            int(len(STUDY_AUTHORITIES) - len(authorities_without(manufacturing["name"]))),
        "he_min": float(he.min()), "he_max": float(he.max()),
        "he_min_name": str(he.idxmin()), "he_max_name": str(he.idxmax()),
        "n_he_20_25": int(((he_rounded >= low) & (he_rounded <= high)).sum()),
        "n_he_above_25": int((he_rounded > high).sum()),
        "n_he_below_20": int((he_rounded < low).sum()),
        "he_above_25": ", ".join(he[he_rounded > high].sort_values(ascending=False).index),
        "retail_private_total": int(retail["retail_largest"].sum()),
        "prioritised_cp": float(prioritised[CAMBRIDGESHIRE]),
        "prioritised_others_min": float(prioritised.drop(CAMBRIDGESHIRE).min()),
        "prioritised_others_max": float(prioritised.drop(CAMBRIDGESHIRE).max()),
        "prioritised_gb": float(reference_shares(vintage)[list(PRIORITISED_SECTORS)].sum()),
    }


def movement_facts() -> dict:
    """How much the picture moves between the two vintages of :data:`MEAN_OF`, as plain values."""
    movement = vintage_movement()
    changes = largest_sector_changes()
    first, second = MEAN_OF
    share_top = movement.loc[movement["mean_abs_share_diff_pp"].idxmax()]
    lq_top = movement.loc[movement["mean_abs_lq_diff"].idxmax()]
    return {
        "mean_abs_share_diff_min": float(movement["mean_abs_share_diff_pp"].min()),
        "mean_abs_share_diff_max": float(movement["mean_abs_share_diff_pp"].max()),
        "mean_abs_share_diff_max_sector": str(share_top["sector"]),
        "mean_abs_lq_diff_min": float(movement["mean_abs_lq_diff"].min()),
        "mean_abs_lq_diff_max": float(movement["mean_abs_lq_diff"].max()),
        "mean_abs_lq_diff_max_sector": str(lq_top["sector"]),
        "rank_correlation_min": float(movement["rank_correlation"].min()),
        "rank_correlation_min_sector": str(movement.loc[movement["rank_correlation"].idxmin(), "sector"]),
        "n_largest_changed": int(len(changes)),
        "largest_changed": ", ".join(changes["name"]),
        "n_largest_swapped": int((~changes["overlap"]).sum()),
        "largest_swapped": "; ".join(f"{r['name']} ({r[f'largest_{first}'].lower()} to "
                                     f"{r[f'largest_{second}'].lower()})"
                                     for _, r in changes[~changes["overlap"]].iterrows()),
        "n_largest_tie_only": int(changes["overlap"].sum()),
        "largest_tie_only": ", ".join(changes.loc[changes["overlap"], "name"]),
        "top_mover": str(share_top["max_share_district"]),
        **{f"top_mover_{v}": float(_value(v, str(share_top["max_share_district"]), str(share_top["sector"])))
           for v in MEAN_OF},
    }


def _value(vintage: int, district: str, sector: str, value: str = "share_pct") -> float:
    measures = study_measures(vintage)
    hit = measures[(measures["name"] == district) & (measures["sector"] == sector)]
    if len(hit) != 1:
        raise KeyError(f"no single row for {district}, {sector}, {vintage}")
    return float(hit[value].iloc[0])


@cached(maxsize=8, variants=varies_with_shares)  # the claims and three chapters read each vintage's
def lq_facts(vintage: int = PRIMARY_VINTAGE) -> dict:
    """Numbers the Table 3 chapter states for one vintage, as plain Python values."""
    measures = study_measures(vintage)
    measures["sector"] = measures["sector"].astype(str)
    key = measures[measures["sector"].isin(KEY_SECTOR_NAMES)]
    top_all = measures.loc[measures["lq"].idxmax()]
    top_key = key.loc[key["lq"].idxmax()]
    lq_wide = wide(vintage, "lq")
    names = lq_wide.set_index("name")
    professional = names[PROFESSIONAL]
    digital = names[DIGITAL]
    manufacturing = names[MANUFACTURING]
    above_top = measures[measures["lq"] > float(professional["South Cambridgeshire"])]
    northern = lq_wide[lq_wide["authority"].isin(NORTHERN_AUTHORITIES)].set_index("name")
    northern_prof = northern[PROFESSIONAL]
    neutral_public = in_band(names["Health"]) & in_band(names["Education"])
    manufacturing_largest_names = manufacturing_largest(vintage)["name"].tolist()
    others = manufacturing.drop(index=manufacturing_largest_names)
    trio = list(THIRD_DISTRICTS)
    return {
        "scambs_prof_lq": float(professional["South Cambridgeshire"]),
        "top_lq": float(top_all["lq"]), "top_lq_name": str(top_all["name"]), "top_lq_sector": str(top_all["sector"]),
        "top_key_lq": float(top_key["lq"]), "top_key_lq_name": str(top_key["name"]),
        "top_key_lq_sector": str(top_key["sector"]),
        "n_above_scambs_prof": int(len(above_top)),
        "above_scambs_prof": "; ".join(f"{r['name']} {r['sector'].lower()} {r['lq']:.2f}"
                                       for _, r in above_top.sort_values("lq", ascending=False).iterrows()),
        "cambridge_manufacturing_lq": float(manufacturing["Cambridge"]),
        "city_manufacturing": "; ".join(f"{n.replace(', City of', '')} {manufacturing[n]:.2f}" for n in CITIES),
        "n_manufacturing_below_one": int((manufacturing < 1).sum()),
        "manufacturing_below_one_not_city": ", ".join(
            n for n in manufacturing[manufacturing < 1].sort_values().index if n not in CITIES),
        "n_manufacturing_other": int(len(others)),
        "n_manufacturing_other_above_one": int((others > 1).sum()),
        "manufacturing_largest_lq_min": float(manufacturing[manufacturing_largest_names].min()),
        "manufacturing_largest_lq_max": float(manufacturing[manufacturing_largest_names].max()),
        "trio_prof": "; ".join(f"{n} {professional[n]:.2f}" for n in trio),
        "trio_prof_mean": float(professional[trio].mean()),
        "scambs_ratio_min": float(professional["South Cambridgeshire"] / professional[trio].max()),
        "scambs_ratio_max": float(professional["South Cambridgeshire"] / professional[trio].min()),
        "prof_min": float(professional.min()), "prof_min_name": str(professional.idxmin()),
        "northern_prof_min": float(northern_prof.min()), "northern_prof_min_name": str(northern_prof.idxmin()),
        "n_northern": int(len(northern_prof)),
        "n_northern_prof_below_half": int((northern_prof < 0.5).sum()),
        "n_prof_below_one": int((professional < 1).sum()),
        "n_digital_above_one": int((digital > 1).sum()),
        "digital_above_one": ", ".join(f"{n.replace(', City of', '')} {v:.2f}"
                                       for n, v in digital[digital > 1].sort_values(ascending=False).items()),
        "digital_top3": ", ".join(n.replace(", City of", "") for n in digital.sort_values(ascending=False).index[:3]),
        "n_digital_below_one": int((digital < 1).sum()),
        "n_health_neutral": int(in_band(names["Health"]).sum()),
        "n_education_neutral": int(in_band(names["Education"]).sum()),
        "n_public_neutral": int(neutral_public.sum()),
        "n_retail_neutral": int(in_band(names["Retail"]).sum()),
        "retail_outside": ", ".join(f"{n.replace(', City of', '')} {v:.2f}" for n, v in
                                    names["Retail"][~in_band(names["Retail"])].sort_values().items()),
        "band_low": NEUTRAL_BAND[0], "band_high": NEUTRAL_BAND[1],
    }
