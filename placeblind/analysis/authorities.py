"""Each combined authority in one row: residents, qualifications in 2021 and
their change since 2011, the range of the promoted service sectors' LQs across
its districts, and its largest sector (BRES 2017, its districts pooled)."""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..data.census import CATEGORY_KEYS, qualifications_2021, with_percentages
from ..data.geography import ENGLAND_AND_WALES, STUDY_AUTHORITIES
from ..data.sectors import DIGITAL, MANUFACTURING, PROFESSIONAL
from ..data.study import Study, authority_lookup, study_from
from ..measures import SIGNIFICANCE, percent_of
from ..text import number_word
from .attainment import census_for_study
from .sector_measures import study_measures
from .vintages import PRIMARY_VINTAGE, study_counts


def authority_summary(study: Study) -> pd.DataFrame:
    """One row per authority of ``study``.

    Columns: ``authority_code``, ``authority``, ``districts``, ``residents_16plus_2021``,
    ``pct_level4_plus_2021``, ``pct_no_qualifications_2021``, ``change_level4_plus_pp`` and
    ``change_no_qualifications_pp`` (since 2011; every percentage from the authority's
    summed counts), ``professional_lq_min``/``_max`` and ``digital_lq_min``/``_max``
    (BRES 2017, Great Britain = 1, across its districts), ``largest_sector`` and
    ``largest_sector_pct`` (its districts' 2017 employment pooled).
    """
    districts = study.frame()[["code", "authority", "authority_code"]]
    by_year = {}
    for year in (2011, 2021):
        counts = census_for_study(year, study).merge(districts, on="code")
        pooled = counts.groupby(["authority_code", "authority"], sort=False)[["all_16plus", *CATEGORY_KEYS]].sum()
        by_year[year] = with_percentages(pooled.reset_index())
    first, second = (by_year[y].set_index("authority_code") for y in (2011, 2021))
    out = second[["authority"]].copy()
    out["districts"] = districts.groupby("authority_code", sort=False).size()
    out["residents_16plus_2021"] = second["all_16plus"]
    for key in ("level4_plus", "no_qualifications"):
        out[f"pct_{key}_2021"] = second[f"pct_{key}"]
        out[f"change_{key}_pp"] = second[f"pct_{key}"] - first[f"pct_{key}"]
    lq = study_measures(PRIMARY_VINTAGE, "GB", study).merge(districts[["code", "authority_code"]], on="code")
    for sector, stem in ((PROFESSIONAL, "professional"), (DIGITAL, "digital")):
        values = lq[lq["sector"] == sector].groupby("authority_code")["lq"]
        out[f"{stem}_lq_min"], out[f"{stem}_lq_max"] = values.min(), values.max()
    employment = study_counts(study, PRIMARY_VINTAGE).merge(districts[["code", "authority_code"]], on="code")
    pooled = employment.groupby(["authority_code", "sector"], observed=True)["count"].sum()
    share = percent_of(pooled, pooled.groupby(level="authority_code").transform("sum"))
    top = share.groupby(level="authority_code").idxmax()
    out["largest_sector"] = top.map(lambda key: str(key[1]))
    out["largest_sector_pct"] = share.groupby(level="authority_code").max()
    return out.reset_index()


# The groups of districts, by stable id: the ``group`` column and every query
# (``group == 'later'``) use these; readers see :func:`group_label`, whose counts
# come from the membership in the data, never from these names.
ORIGINAL = "original"
LATER = "later"
OUTSIDE = "rest_of_england"


def group_label(group: str, authorities: int) -> str:
    """The reader's name of a group of ``authorities`` combined authorities:
    "the original six", "the nine later" (the count in words), "the rest of England"."""
    if group == ORIGINAL:
        return f"the original {number_word(authorities)}"
    if group == LATER:
        return f"the {number_word(authorities)} later"
    if group == OUTSIDE:
        return "the rest of England"
    raise ValueError(f"unknown group {group!r}")


def group_of(authority: str, original=tuple(STUDY_AUTHORITIES)) -> str:
    """The group id of a district in ``authority`` ("" for none): :data:`ORIGINAL`
    for one of the ``original`` authorities, :data:`LATER` for any other, else :data:`OUTSIDE`."""
    return ORIGINAL if authority in original else LATER if authority else OUTSIDE


def group_authorities(frame: pd.DataFrame) -> pd.Series:
    """The number of distinct combined authorities of each group of ``frame`` (one
    row per district: ``authority``, ``group``; "" is no authority), by group id.
    The one count behind every group's label and ``authorities`` column."""
    return frame.loc[frame["authority"] != "", :].groupby("group")["authority"].nunique()


def with_group_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (one row per district: ``authority``, ``group``) with ``group_label``
    after ``group``, each group counted by :func:`group_authorities` in ``frame``."""
    counts = group_authorities(frame)
    out = frame.copy()
    out.insert(out.columns.get_loc("group") + 1, "group_label",
               [group_label(g, int(counts.get(g, 0))) for g in out["group"]])
    return out


def district_profiles(study: Study, original: tuple[str, ...]) -> pd.DataFrame:
    """Each district of ``study`` with the paper's measures: ``code``, ``name``,
    ``authority``, ``group`` (:data:`ORIGINAL` for one of the ``original``
    authorities, else :data:`LATER`), ``group_label`` (:func:`group_label`), the
    2021 shares with Level 4+ and with no qualifications (%), and the
    2017 LQs (Great Britain = 1) of the professional, digital and manufacturing
    sectors."""
    census = census_for_study(2021, study).set_index("code")
    lq = study_measures(PRIMARY_VINTAGE, "GB", study).pivot(index="code", columns="sector", values="lq")
    frame = study.frame()[["code", "name", "authority"]].set_index("code")
    frame["group"] = [group_of(a, original) for a in frame["authority"]]
    frame["pct_level4_plus_2021"] = census["pct_level4_plus"]
    frame["pct_no_qualifications_2021"] = census["pct_no_qualifications"]
    frame["professional_lq"] = lq[PROFESSIONAL].astype(float)
    frame["digital_lq"] = lq[DIGITAL].astype(float)
    frame["manufacturing_lq"] = lq[MANUFACTURING].astype(float)
    return with_group_labels(frame.reset_index())


def groups_of(profiles: pd.DataFrame) -> pd.DataFrame:
    """Each group of ``profiles`` (built by :func:`with_group_labels`) in order of
    appearance: ``group_label`` read from the profiles and ``authorities``
    (:func:`group_authorities`), indexed by the group id; the pattern's tables take
    a group's name and count from here, never anew."""
    labels = profiles.drop_duplicates("group").set_index("group")["group_label"]
    counts = group_authorities(profiles).reindex(labels.index, fill_value=0).astype(int)
    return pd.DataFrame({"group_label": labels, "authorities": counts})


def pattern_by_group(profiles: pd.DataFrame, ew_level4: float) -> pd.DataFrame:
    """The paper's pattern, group by group: how many districts have both the
    qualified residents (a Level 4+ share above England and Wales) and the promoted
    service sectors (professional and digital LQs above 1), and how many have
    manufacturing above 1. ``holds``: those with both are a minority and fewer
    than those with manufacturing above 1. ``profiles`` as :func:`with_group_labels`
    makes them; ``group`` is the id, ``group_label`` and ``authorities`` are read
    through :func:`groups_of`."""
    both_all, manufacturing_all = pattern_flags(profiles, ew_level4)
    names = groups_of(profiles)
    rows = []
    for group, part in profiles.groupby("group", sort=False):
        mask = (profiles["group"] == group).to_numpy()
        both, manufacturing = both_all[mask], manufacturing_all[mask]
        rows.append({"group": group, "group_label": names.loc[group, "group_label"],
                     "authorities": int(names.loc[group, "authorities"]), "districts": int(len(part)),
                     "districts_with_both": int(both.sum()), "pct_with_both": 100.0 * float(both.mean()),
                     "districts_manufacturing_above_1": int(manufacturing.sum()),
                     "pct_manufacturing_above_1": 100.0 * float(manufacturing.mean()),
                     "holds": bool(pattern_rule(int(both.sum()), int(manufacturing.sum()), len(part)))})
    return pd.DataFrame(rows)


def authorities_2025_study() -> Study:
    """Every district of the fifteen combined authorities of May 2025."""
    return study_from(list(authority_lookup(2025)["authority"].unique()), None, 2025)


def authority_profiles() -> pd.DataFrame:
    """:func:`district_profiles` of the May 2025 authorities (the paper's as the original ones)."""
    return district_profiles(authorities_2025_study(), tuple(STUDY_AUTHORITIES))


# ---------------------------------------------------------------------------
# The pattern against a null (issue 17): does it hold more in the authorities
# than in any set of English districts?
# ---------------------------------------------------------------------------

GROUPS = (ORIGINAL, LATER, OUTSIDE)
NULL_DRAWS = 2000          # random sets per group: the share of sets is then known to about a percentage point
NULL_SEED = 20250501       # fixed so every build draws the same sets
# The pattern's strength is the gap between the share of districts with
# manufacturing above 1 and the share with both the graduates and the two
# service sectors (percentage points of districts). A group's pattern "holds"
# only when its gap exceeds the median random set's by at least this margin and
# no more than NULL_LEVEL of random sets reach it; a rule that random sets of
# districts meet as well says nothing about the authorities.
PATTERN_MARGIN_PP = 10.0
NULL_LEVEL = SIGNIFICANCE
HOLDS = "holds, and more than in random sets of districts of England or of their own regions"
HOLDS_REGIONALLY = "holds more than in England at large, but no more than in other districts of the same regions"
HOLDS_ANYWHERE = "holds only as it does for almost any set of English districts"
FAILS = "does not hold"


def newest_district_vintage() -> int:
    """The newest BRES vintage with district data in this build (2019, or a fetched year)."""
    from .vintages import available_vintages

    return max(available_vintages())


def pattern_vintages() -> tuple[int, ...]:
    """The vintages the pattern is read on: the newest, then :data:`PRIMARY_VINTAGE` beside it."""
    newest = newest_district_vintage()
    return (newest, PRIMARY_VINTAGE) if newest != PRIMARY_VINTAGE else (PRIMARY_VINTAGE,)


def england_profiles(vintage: int) -> pd.DataFrame:
    """Every district of England on 2021 codes (the Census's, so every source is
    exact: no merged district needs a share added up): ``code``, ``name``,
    ``authority``, ``group`` (:data:`GROUPS`), ``group_label``
    (:func:`group_label`), ``itl1``, ``region``, the 2021
    Level 4+ share (%) and the professional, digital and manufacturing LQs
    (Great Britain = 1) in ``vintage``."""
    from ..data.geography import itl2_names, itl3_of_districts
    from ..data.study import england_and_wales_study

    study = england_and_wales_study()
    frame = study.frame()[["code", "name", "authority"]]
    frame = frame[frame["code"].str.startswith("E")].set_index("code")
    census = census_for_study(2021, study).set_index("code")
    lq = study_measures(vintage, "GB", study).pivot(index="code", columns="sector", values="lq")
    frame["group"] = [group_of(a) for a in frame["authority"]]
    frame["itl1"] = itl3_of_districts(list(frame.index)).str[:3]
    regions = itl2_names().drop_duplicates("itl1_code").set_index("itl1_code")["itl1_name"]
    frame["region"] = frame["itl1"].map(regions)
    frame["vintage"] = vintage
    frame["pct_level4_plus_2021"] = census["pct_level4_plus"]
    for sector, stem in ((PROFESSIONAL, "professional"), (DIGITAL, "digital"), (MANUFACTURING, "manufacturing")):
        frame[f"{stem}_lq"] = lq[sector].reindex(frame.index).astype(float)
    missing = frame.index[frame[["professional_lq", "digital_lq", "manufacturing_lq"]].isna().any(axis=1)]
    if len(missing):
        raise ValueError(f"district(s) {list(missing[:5])} have no {vintage} LQ")
    return with_group_labels(frame.reset_index())


def pattern_flags(profiles: pd.DataFrame, ew_level4: float) -> tuple:
    """Per district: has both (Level 4+ above ``ew_level4``, professional and
    digital LQs above 1) and has manufacturing above 1 (two boolean arrays)."""
    both = ((profiles["pct_level4_plus_2021"] > ew_level4) & (profiles["professional_lq"] > 1)
            & (profiles["digital_lq"] > 1)).to_numpy()
    return both, (profiles["manufacturing_lq"] > 1).to_numpy()


def pattern_rule(n_both, n_manufacturing, n) -> bool:
    """The paper's pattern: districts with both are a minority and fewer than
    those with manufacturing above 1 (works on arrays of counts too)."""
    import numpy as np

    return np.logical_and(np.asarray(n_both) < np.asarray(n) / 2, np.asarray(n_both) < np.asarray(n_manufacturing))


def random_sets(both, manufacturing, size: int, draws: int = NULL_DRAWS, seed: int = NULL_SEED,
                strata=None, per_stratum: dict | None = None):
    """``draws`` random sets of ``size`` districts (without replacement, fixed
    seed): per set, whether the rule holds and the gap (pp of districts).

    With ``strata`` (one label per district) and ``per_stratum`` (label -> count,
    summing to ``size``), each set takes that many districts from each stratum:
    random sets with the group's own mix of regions."""
    import numpy as np

    rng = np.random.default_rng(seed)
    if strata is None:
        chosen = np.argsort(rng.random((draws, len(both))), axis=1)[:, :size]  # vectorised draws without replacement
    else:
        strata = np.asarray(strata)
        if sum(per_stratum.values()) != size:
            raise ValueError("the counts per stratum must add up to the set's size")
        parts = []
        for label, count in sorted(per_stratum.items()):
            members = np.flatnonzero(strata == label)
            picks = np.argsort(rng.random((draws, len(members))), axis=1)[:, :count]
            parts.append(members[picks])
        chosen = np.concatenate(parts, axis=1)
    n_both, n_manufacturing = both[chosen].sum(axis=1), manufacturing[chosen].sum(axis=1)
    return pattern_rule(n_both, n_manufacturing, size), 100.0 * (n_manufacturing - n_both) / size


def null_reading(holds: bool, gap: float, null_median: float, null_p: float, regional_median: float,
                 regional_p: float, margin: float = PATTERN_MARGIN_PP, level: float = NULL_LEVEL) -> str:
    """:data:`FAILS` when the rule fails; otherwise how the gap stands against
    random sets, where standing clear of a null means exceeding its median by
    ``margin`` points with at most ``level`` of its sets reaching the gap:
    :data:`HOLDS` when clear of both the English and the regional null,
    :data:`HOLDS_REGIONALLY` when clear of the English null only, and
    :data:`HOLDS_ANYWHERE` when not clear of the English null."""
    if not holds:
        return FAILS
    if not (gap - null_median >= margin and null_p <= level):
        return HOLDS_ANYWHERE
    return HOLDS if gap - regional_median >= margin and regional_p <= level else HOLDS_REGIONALLY


def pattern_against_null(profiles: pd.DataFrame, ew_level4: float, draws: int = NULL_DRAWS,
                         seed: int = NULL_SEED) -> pd.DataFrame:
    """The pattern per group of :data:`GROUPS` (one vintage's profiles, as
    :func:`with_group_labels` makes them), each set against random sets of
    English districts of its size.

    Columns: ``vintage``, ``group`` (the id), ``group_label`` and ``authorities``
    (:func:`groups_of`), ``districts``,
    ``districts_with_both``, ``pct_with_both``, ``districts_manufacturing_above_1``,
    ``pct_manufacturing_above_1``, ``gap_pp`` (the second share less the first),
    ``holds`` (the rule), ``null_share_holds`` (share of random sets for which the
    rule holds), ``null_gap_median``, ``null_gap_p95``, ``null_p`` (share of random
    sets whose gap reaches the group's), ``regional_null_gap_median`` and
    ``regional_null_p`` (the same for random sets with the group's own number of
    districts in each ITL1 region: is the group unusual for its regions?),
    ``margin_pp``, ``reading`` (:func:`null_reading`).
    """
    import numpy as np

    both, manufacturing = pattern_flags(profiles, ew_level4)
    names = groups_of(profiles)
    rows = []
    for number, group in enumerate(GROUPS):
        mask = (profiles["group"] == group).to_numpy()
        size = int(mask.sum())
        if size == 0:
            continue
        n_both, n_manufacturing = int(both[mask].sum()), int(manufacturing[mask].sum())
        gap = 100.0 * (n_manufacturing - n_both) / size
        holds = bool(pattern_rule(n_both, n_manufacturing, size))
        null_holds, null_gaps = random_sets(both, manufacturing, size, draws, seed + number)
        median, p95 = (float(v) for v in np.percentile(null_gaps, [50, 95]))
        null_p = float(np.mean(null_gaps >= gap - 1e-9))
        mix = profiles.loc[mask, "itl1"].value_counts().to_dict()
        _, regional_gaps = random_sets(both, manufacturing, size, draws, seed + 10 + number,
                                       profiles["itl1"].to_numpy(), mix)
        rows.append({"vintage": int(profiles["vintage"].iloc[0]), "group": group,
                     "group_label": names.loc[group, "group_label"],
                     "authorities": int(names.loc[group, "authorities"]),
                     "districts": size, "districts_with_both": n_both, "pct_with_both": 100.0 * n_both / size,
                     "districts_manufacturing_above_1": n_manufacturing,
                     "pct_manufacturing_above_1": 100.0 * n_manufacturing / size, "gap_pp": gap, "holds": holds,
                     "null_share_holds": float(np.mean(null_holds)), "null_gap_median": median,
                     "null_gap_p95": p95, "null_p": null_p,
                     "regional_null_gap_median": float(np.median(regional_gaps)),
                     "regional_null_p": float(np.mean(regional_gaps >= gap - 1e-9)), "margin_pp": PATTERN_MARGIN_PP,
                     "reading": null_reading(holds, gap, median, null_p, float(np.median(regional_gaps)),
                                             float(np.mean(regional_gaps >= gap - 1e-9)))})
    return pd.DataFrame(rows)


def pattern_by_region(profiles: pd.DataFrame, ew_level4: float) -> pd.DataFrame:
    """The rule in each ITL1 region of England (every district of the region):
    ``vintage``, ``itl1``, ``region``, ``districts``, ``districts_with_both``,
    ``districts_manufacturing_above_1``, ``gap_pp``, ``holds``."""
    both, manufacturing = pattern_flags(profiles, ew_level4)
    frame = profiles[["itl1", "region"]].assign(both=both, manufacturing=manufacturing)
    out = frame.groupby(["itl1", "region"], sort=True).agg(
        districts=("both", "size"), districts_with_both=("both", "sum"),
        districts_manufacturing_above_1=("manufacturing", "sum")).reset_index()
    out["gap_pp"] = 100.0 * (out["districts_manufacturing_above_1"] - out["districts_with_both"]) / out["districts"]
    out["holds"] = pattern_rule(out["districts_with_both"], out["districts_manufacturing_above_1"], out["districts"])
    out.insert(0, "vintage", int(profiles["vintage"].iloc[0]))
    return out


def _ew_level4_2021() -> float:
    return float(qualifications_2021().set_index("code").loc[ENGLAND_AND_WALES, "pct_level4_plus"])


@cached(disk=True, maxsize=1)  # read by the pattern, its regions and a registered table, in several processes
def england_pattern_profiles() -> pd.DataFrame:
    """:func:`england_profiles` for each of :func:`pattern_vintages`, stacked."""
    return pd.concat([england_profiles(v) for v in pattern_vintages()], ignore_index=True)


def _per_vintage(reading) -> pd.DataFrame:
    """``reading(profiles, ew_level4)`` for each vintage of :func:`england_pattern_profiles`,
    stacked, with ``newest`` (the row's vintage is the newest) after ``vintage``."""
    ew = _ew_level4_2021()
    profiles = england_pattern_profiles()
    out = pd.concat([reading(part, ew) for _, part in profiles.groupby("vintage", sort=False)], ignore_index=True)
    out.insert(1, "newest", out["vintage"] == pattern_vintages()[0])
    return out


@cached(disk=True, maxsize=1)
def authority_pattern() -> pd.DataFrame:
    """The paper's pattern in the May 2025 authorities (the paper's original ones,
    the later ones) and in the rest of England, each against random sets of English
    districts (:func:`pattern_against_null`), in the newest district vintage and
    in 2017, with the 2021 Census; districts on 2021 codes."""
    return _per_vintage(pattern_against_null)


@cached(disk=True, maxsize=1)  # two registered tables read it, perhaps in two processes
def authority_pattern_regions() -> pd.DataFrame:
    """:func:`pattern_by_region` in the newest district vintage and in 2017."""
    return _per_vintage(pattern_by_region)


def pattern_null_summary() -> pd.DataFrame:
    """The null's settings and the regional count, one ``quantity`` per row
    (``value``): ``draws``, ``margin_pp``, ``level_pct``, and in the newest
    vintage ``n_regions``, ``n_regions_holding`` and ``regions_not_holding``."""
    regions = authority_pattern_regions()
    newest = regions[regions["newest"]]
    rows = [("draws", NULL_DRAWS), ("margin_pp", PATTERN_MARGIN_PP), ("level_pct", 100 * NULL_LEVEL),
            ("newest_vintage", pattern_vintages()[0]), ("n_regions", int(len(newest))),
            ("n_regions_holding", int(newest["holds"].sum())),
            ("regions_not_holding", "; ".join(newest.loc[~newest["holds"], "region"]) or "none")]
    return pd.DataFrame(rows, columns=["quantity", "value"])
