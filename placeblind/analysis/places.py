"""Find your place: every district of England and Wales in one row, and every
combined authority of May 2025 placed against England and Wales and the others.

One row per district of the 2021 Census (2021 codes, the codes both censuses
are carried to), with its combined authority of May 2025 and its ITL2 region,
the two qualification shares in 2011 and 2021 and their change, its largest
broad industrial group and the paper's three prioritised sectors' shares and
location quotients in the newest district vintage and the earliest, and its
region's IS-8 specialisms. Everything is read from the tables the chapters
already compute (:func:`placeblind.analysis.decade.attainment_change`,
:func:`placeblind.analysis.sector_measures.study_measures`,
:func:`placeblind.analysis.is8_regions.specialisms`), so a district's number
here is the number any other page prints for it.
"""

from __future__ import annotations

import re

import pandas as pd

from ..cache import cached
from ..data import district_codes
from ..data.bres import district_broad_group_employment
from ..data.census import qualifications_2011
from ..data.district_codes import SOURCE_CODE_YEARS
from ..data.geography import ENGLAND_AND_WALES, itl2_names, itl3_of_districts
from ..data.sectors import BROAD_GROUPS, DIGITAL, MANUFACTURING, PROFESSIONAL
from ..data.study import LOOKUP_LABELS, authority_lookup, england_and_wales_study
from .decade import attainment_change
from .is8_regions import EXACT, EXACT_YEAR, is8_lq_itl2, specialisms
from .sector_measures import PRIORITISED_SECTORS, study_measures, ties_top
from .vintages import PRIMARY_VINTAGE, available_vintages, district_vintage

# The sectors whose share and LQ each district's row gives: the three the paper
# reads as the 2017 strategy's (manufacturing, information and communication,
# professional services), under short column stems.
SECTOR_STEMS = {MANUFACTURING: "manufacturing", DIGITAL: "digital", PROFESSIONAL: "professional"}
assert tuple(SECTOR_STEMS) == PRIORITISED_SECTORS

LOOKUP_YEAR = 2025


def newest_vintage() -> int:
    """The newest BRES vintage with district figures in this build."""
    return max(available_vintages())


def place_vintages() -> tuple[int, int]:
    """The two district vintages a place's row shows: the earliest (the paper's
    2017) and the newest of the build (2019, or a fetched year)."""
    return PRIMARY_VINTAGE, newest_vintage()


def section_anchor(authority: str) -> str:
    """The id of an authority's section on the places page ('' for none): its
    name in lower case, words joined by hyphens (``greater-manchester``)."""
    if not authority:
        return ""
    return "authority-" + re.sub(r"[^a-z0-9]+", "-", authority.lower()).strip("-")


def itl2_of(codes) -> pd.DataFrame:
    """The ITL2 region (January 2021) of each district (2021 codes): index the
    codes, columns ``itl2_code``, ``itl2_name``. Every 2021 district lies in one
    ITL3 area, so in one ITL2 region (:func:`itl3_of_districts`)."""
    itl3 = itl3_of_districts(list(codes))
    # ITL codes nest by prefix (TLD11 lies in TLD1), so the parent is read off the code.
    names = itl2_names().set_index("itl2_code")["itl2_name"]
    out = pd.DataFrame({"itl2_code": itl3.str[:4]}, index=itl3.index)
    out["itl2_name"] = out["itl2_code"].map(names)
    if out.isna().any().any():
        raise ValueError(f"districts without an ITL2 region: {out[out.isna().any(axis=1)].index.tolist()[:5]}")
    return out


def largest_groups(measures: pd.DataFrame) -> pd.DataFrame:
    """Each district's largest broad group and its share (index ``code``; columns
    ``largest``, ``share_pct``) from long ``measures`` (``code``, ``sector`` in
    broad-group order, ``share_pct``): groups that tie for the top joined by ' = ',
    as the sector chapter's Table 2 prints them (:func:`placeblind.analysis.sector_measures.largest_sectors`;
    2019 shares are published to one decimal, so ties are common)."""
    top = measures.groupby("code", sort=False)["share_pct"].transform("max")
    tied = measures[ties_top(measures["share_pct"], top)]
    return tied.groupby("code", sort=False).agg(largest=("sector", " = ".join), share_pct=("share_pct", "max"))


def _sector_columns(vintage: int) -> pd.DataFrame:
    """For one vintage, each district's largest broad group or tied groups (their
    share) and the prioritised sectors' shares and LQs (Great Britain = 1), index ``code``."""
    measures = study_measures(vintage, "GB", england_and_wales_study(LOOKUP_YEAR))
    measures["sector"] = measures["sector"].astype(str)
    out = largest_groups(measures).set_axis([f"largest_sector_{vintage}", f"largest_sector_pct_{vintage}"], axis=1)
    for sector, stem in SECTOR_STEMS.items():
        chosen = measures[measures["sector"] == sector].set_index("code")
        out[f"{stem}_pct_{vintage}"] = chosen["share_pct"]
        out[f"{stem}_lq_{vintage}"] = chosen["lq"]
    return out


def place_columns() -> list[str]:
    """The columns of :func:`places`, in order (they name the vintages of the build)."""
    columns = ["code", "code_2025", "name", "authority_2025", "authority_2025_code", "itl2_code", "itl2_name",
               "pct_level4_plus_2011", "pct_level4_plus_2021", "change_level4_plus_pp",
               "pct_no_qualifications_2011", "pct_no_qualifications_2021", "change_no_qualifications_pp"]
    for vintage in reversed(place_vintages()):
        columns += [f"largest_sector_{vintage}", f"largest_sector_pct_{vintage}"]
    for stem in SECTOR_STEMS.values():
        for vintage in reversed(place_vintages()):
            columns += [f"{stem}_pct_{vintage}", f"{stem}_lq_{vintage}"]
    return columns + ["region_is8_specialisms", "region_is8_n", "region_is8_measured", "section"]


@cached(disk=True, maxsize=1)  # the places page and its maps read it directly, beside its registered table
def places() -> pd.DataFrame:
    """Every district of England and Wales, one row each (2021 codes, sorted by name).

    ``code`` is the 2021 code (the censuses' and BRES 2019's), ``code_2025`` the
    code its district has, or is part of, in May 2025 (:mod:`placeblind.data.district_codes`);
    ``authority_2025`` its combined authority of May 2025 ('' for none); the
    attainment columns as in ``attainment_change``; per vintage (``_2017``, the
    newest), the largest of the 18 broad groups (groups that tie joined by ' = ')
    and its share of jobs (%), and
    the share (%) and LQ of manufacturing, digital (information and
    communication) and professional services; ``region_is8_specialisms``: the
    IS-8 sectors with an LQ above 1 in its ITL2 region (BRES 2021 with the exact
    definitions, ``region_is8_n`` of ``region_is8_measured``); ``section``: the
    id of its authority's section on the places page.
    """
    study = england_and_wales_study(LOOKUP_YEAR)
    frame = study.frame().rename(columns={"authority": "authority_2025", "authority_code": "authority_2025_code"})
    frame.insert(1, "code_2025", frame["code"].map(lambda code: district_codes.code_in(code, LOOKUP_YEAR)))
    change = attainment_change().set_index("code").drop(columns=["name", "authority_2025"])
    frame = frame.join(change, on="code", how="left")
    frame = frame.join(itl2_of(frame["code"]), on="code")
    for vintage in place_vintages():
        frame = frame.join(_sector_columns(vintage), on="code")
    region = specialisms(is8_lq_itl2(EXACT_YEAR, EXACT)).set_index("itl2_code")
    frame["region_is8_specialisms"] = frame["itl2_code"].map(region["specialisms"]).fillna("")
    frame["region_is8_n"] = frame["itl2_code"].map(region["n_specialisms"]).astype(int)
    frame["region_is8_measured"] = frame["itl2_code"].map(region["n_measured"]).astype(int)
    frame["section"] = frame["authority_2025"].map(section_anchor)
    missing = frame.columns[frame.drop(columns=["region_is8_specialisms"]).isna().any().reindex(
        frame.columns, fill_value=False)].tolist()
    if missing:
        raise ValueError(f"places: columns with a missing value: {missing}")
    return frame[place_columns()].sort_values(["name", "code"], kind="stable").reset_index(drop=True)


def placing(value: float, reference: float, rank: int, n: int) -> str:
    """'above England and Wales (33.8%), the 2nd highest of the 15 authorities'."""
    side = "above" if value > reference else "below" if value < reference else "level with"
    if rank == 1:
        where = "the highest"
    elif rank == n:
        where = "the lowest"
    elif rank <= (n + 1) / 2:
        where = f"the {ordinal(rank)} highest"
    else:
        where = f"the {ordinal(n - rank + 1)} lowest"
    return f"{side} England and Wales ({reference:.1f}%), {where} of the {n} authorities"


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def authority_members(authority_code: str) -> pd.DataFrame:
    """The districts of one combined authority of May 2025, as the ONS lookup lists
    them: ``code`` (2025) and ``name`` (the book's one spelling), in the lookup's order."""
    from ..data.study import district_names  # noqa: PLC0415 (kept light at import)

    members = authority_lookup(LOOKUP_YEAR)
    members = members[members["authority_code"] == authority_code]
    if members.empty:
        raise ValueError(f"no combined authority {authority_code!r} in the May {LOOKUP_YEAR} lookup")
    names = district_names()
    return pd.DataFrame({"code": list(members["code"]), "name": [names[code] for code in members["code"]]})


@cached(disk=True, maxsize=1)  # as places(): read directly by the page and the maps
def authority_sections() -> pd.DataFrame:
    """One row per combined authority of May 2025, in name order: ``authority``,
    ``authority_code``, ``section`` (the page's anchor), ``districts_2025``
    (its districts under 2025 codes, as the ONS lookup lists them) and
    ``districts_2021`` (under the 2021 codes the censuses use: York and North
    Yorkshire counts North Yorkshire's seven former districts), the pooled
    Level 4+ and no-qualification shares of 2021 (from summed counts, as in
    ``authorities_2025``), each share's rank among the authorities (1 = highest),
    England and Wales's shares, and ``sentence``: where the authority stands.
    """
    from .authorities import authorities_2025_study, authority_summary  # noqa: PLC0415 (kept light at import)

    summary = authority_summary(authorities_2025_study()).set_index("authority_code")
    lookup = authority_lookup(LOOKUP_YEAR)
    table = places()
    ew = attainment_change().set_index("code").loc[ENGLAND_AND_WALES]
    n = len(summary)
    rank_l4 = summary["pct_level4_plus_2021"].rank(ascending=False, method="min").astype(int)
    rank_nq = summary["pct_no_qualifications_2021"].rank(ascending=False, method="min").astype(int)
    rows = []
    for code, row in summary.iterrows():
        l4, nq = float(row["pct_level4_plus_2021"]), float(row["pct_no_qualifications_2021"])
        ew_l4, ew_nq = float(ew["pct_level4_plus_2021"]), float(ew["pct_no_qualifications_2021"])
        sentence = (f"In 2021, {l4:.1f}% of the residents aged 16+ in {row['authority']} held a "
                    f"degree-level (Level 4+) qualification, {placing(l4, ew_l4, int(rank_l4[code]), n)}; "
                    f"{nq:.1f}% had no qualifications, {placing(nq, ew_nq, int(rank_nq[code]), n)}.")
        rows.append({"authority": row["authority"], "authority_code": code, "section": section_anchor(row["authority"]),
                     "districts_2025": int((lookup["authority_code"] == code).sum()),
                     "districts_2021": int((table["authority_2025_code"] == code).sum()),
                     "pct_level4_plus_2021": l4, "rank_level4_plus_2021": int(rank_l4[code]),
                     "pct_no_qualifications_2021": nq, "rank_no_qualifications_2021": int(rank_nq[code]),
                     "ew_pct_level4_plus_2021": ew_l4, "ew_pct_no_qualifications_2021": ew_nq,
                     "sentence": sentence})
    out = pd.DataFrame(rows).sort_values("authority").reset_index(drop=True)
    check_no_ties(out)
    return out


def check_no_ties(sections: pd.DataFrame) -> None:
    """Each authority's two ranks are 1..n: a tie the sentence would hide stops the build."""
    n = len(sections)
    for column in ("rank_level4_plus_2021", "rank_no_qualifications_2021"):
        if sorted(sections[column]) != list(range(1, n + 1)):
            raise ValueError(f"{column}: tied authorities; the placing sentence would need to say so")


@cached(maxsize=1)
def key_quantities() -> pd.DataFrame:
    """The registry of the book's key counts, each with the year of the codes it
    counts in, so that "106" and "112" districts of the authorities, or "336"
    and "331" districts of England and Wales, are both right and say which they
    are: columns ``quantity``, ``value``, ``code_year``, ``meaning``.

    Every page that prints one of these glues it from this table (a test checks).
    """
    sections = authority_sections()
    table = places()
    lookup = authority_lookup(LOOKUP_YEAR)
    in_authorities = table[table["authority_2025"] != ""]
    rows = [
        ("authorities_2025", int(lookup["authority_code"].nunique()), LOOKUP_YEAR,
         f"combined authorities in the ONS lookup of {LOOKUP_LABELS[LOOKUP_YEAR]}"),
        ("authorities_2025_districts_2025_codes", int(sections["districts_2025"].sum()), LOOKUP_YEAR,
         "their districts, counted under the 2025 codes of the ONS lookup (North Yorkshire one district)"),
        ("authorities_2025_districts_2021_codes", int(len(in_authorities)), 2021,
         "their districts, counted under the 2021 codes of the 2021 Census (North Yorkshire's seven former "
         "districts each counted)"),
        ("districts_england_wales_2021_codes", int(len(table)), 2021,
         "districts of England and Wales in the 2021 Census"),
        ("districts_recoded_2025", int(sum(1 for c in district_codes.CODE_CHANGES
                                           if c.year == LOOKUP_YEAR and c.kind == "recode")), LOOKUP_YEAR,
         "districts given a new code in 2025 after a boundary change (Barnsley, Sheffield)"),
        ("districts_merged_2023", int(sum(1 for c in district_codes.CODE_CHANGES if c.year == 2023)), 2023,
         "unitary districts formed in April 2023 by merging 2021 districts"),
        ("districts_merged_into_2023", int(sum(len(c.old) for c in district_codes.CODE_CHANGES if c.year == 2023)),
         2021, "2021 districts merged into them"),
    ]
    # Every district of a source, under the codes that source is published on (a page that counts "all
    # districts" names the code year, so 336 and 331 districts of England and Wales are both right).
    census_2011 = qualifications_2011()
    census_year, bres_year = SOURCE_CODE_YEARS["census2011"], district_vintage(PRIMARY_VINTAGE).code_year
    bres_first = district_broad_group_employment(PRIMARY_VINTAGE)["code"].drop_duplicates()
    rows += [
        ("districts_england_wales_2020_codes", int((census_2011["code"] != ENGLAND_AND_WALES).sum()),
         census_year, f"districts of England and Wales in the 2011 Census, published on {census_year} codes "
         f"(the fits of BRES {PRIMARY_VINTAGE} shares on 2011 education use them)"),
        ("districts_great_britain_2016_codes", int(len(bres_first)), bres_year,
         f"districts of Great Britain in BRES {PRIMARY_VINTAGE}, published on {bres_year} codes"),
        ("districts_england_2016_codes", int(bres_first.str.startswith("E").sum()), bres_year,
         "the English ones among them"),
    ]
    rows += district_vintage_rows(*place_vintages())
    rows += [(f"code_year_{source}", year, year, f"the year of the district codes {source} is published on")
             for source, year in SOURCE_CODE_YEARS.items()]
    rows.append(("broad_groups", len(BROAD_GROUPS), None, "BRES broad industrial groups"))
    check = sum(c.kind == "merge" and c.year == 2023 for c in district_codes.CODE_CHANGES)
    if check != dict((row[0], row[1]) for row in rows)["districts_merged_2023"]:
        raise ValueError("a 2023 code change that is not a merge: the registry's meaning would be wrong")
    named = [(q, year) for q, _, year, _ in rows if re.search(r"_(\d{4})_codes$", q)
             and int(re.search(r"_(\d{4})_codes$", q).group(1)) != year]
    if named:
        raise ValueError(f"key quantities whose name says another code year than they count in: {named}")
    return pd.DataFrame(rows, columns=["quantity", "value", "code_year", "meaning"])


def district_vintage_rows(earliest: int, newest: int) -> list[tuple]:
    """The key quantities of the two district vintages a place's row shows, each
    with the year of its district codes as the vintage registry
    (:func:`.vintages.district_vintage`) serves it, bundled or fetched (a fetched
    year is on the codes of April 2023)."""
    return [("district_vintage_earliest", earliest, district_vintage(earliest).code_year,
             "the earliest BRES vintage with district figures (the paper's)"),
            ("district_vintage_newest", newest, district_vintage(newest).code_year,
             "the newest BRES vintage with district figures in this build")]


@cached(maxsize=1)
def code_changes() -> pd.DataFrame:
    """The district code changes since the 2021 Census's codes that the book
    meets, one row per new code: ``year``, ``kind`` (merge or recode),
    ``new_code``, ``name``, ``n_old``, ``old_codes``, ``old_names``; the earlier changes
    (2018-2021) too, since BRES 2017 uses 2016 codes."""
    from ..data.study import district_names

    names = district_names()
    rows = [{"year": c.year, "kind": c.kind, "new_code": c.new, "name": names.get(c.new, c.name),
             "n_old": len(c.old), "old_codes": ", ".join(c.old),
             "old_names": ", ".join(str(names.get(o, o)) for o in c.old)}
            for c in district_codes.CODE_CHANGES if c.new.startswith(("E", "W"))]
    return pd.DataFrame(rows)
