"""The chapters' findings that rest on the claims: long tables like
:mod:`placeblind.analysis.findings` (``quantity``, ``value``, ``unit``,
``description``), for the sentences and words the chapters print about claims,
verdicts and the paper's own vintage."""

from __future__ import annotations

import pandas as pd

from ..cache import cached
from ..text import and_join
from ..analysis.findings import england_crossing_distance, findings
from ..analysis.education_fits import education_sector_fits, fit_lookup
from ..analysis.is8_regions import APPROX, APPROX_YEAR, EXACT, EXACT_YEAR, is8_lq_itl2, specialisms
from ..analysis.sector_measures import wide
from ..analysis.sector_readings import NORTHERN_AUTHORITIES, in_band, lq_facts, retail_largest_private
from ..analysis.vintages import PRIMARY_VINTAGE, VINTAGES, available_vintages, fetched_vintages
from .paper_common import PAPER_VINTAGE
from ..data.is8_definitions import WELL_DEFINED, is8_coverage
from ..data.sectors import DIGITAL, MANUFACTURING, PROFESSIONAL
from .framework import graded_vintages, verdict_column
from .blog import B06, BLOG_UNMEASURABLE, NO_SPECIALISM_REGIONS, blog_claims, claim_verdicts, correlation_view
from .paper import paper_claims
from .paper_lq import P29_RANGE, P34_PUBLISHED
from .paper_composition import retail_holds
from .rules import LQ_MARGIN
from .rounding import rescaling_sentence, verdicts_changed_by_rescaling


def vintages_text() -> str:
    """The BRES vintages of this build in words, fetched years marked."""
    fetched = set(fetched_vintages())
    names = [f"{v} (fetched from Nomis{', the paper’s own' if v == PAPER_VINTAGE else ''})" if v in fetched
             else str(v) for v in available_vintages()]
    return and_join(names) + ("" if fetched else "; no year was fetched from Nomis for this build")


def lowest_professional_sentence() -> str:
    """Whether the paper's Northern districts with professional LQs of 0.3-0.4 (P29) are found, year by year,
    read as P29 reads them: an LQ in the range at two decimals (:func:`in_band`)."""
    parts, found, outside = [], [], []
    for year in VINTAGES:
        facts = lq_facts(year)
        parts.append(f"{facts['northern_prof_min']:.2f} ({facts['northern_prof_min_name']}) in {year}")
        lq = wide(year, "lq")
        northern = lq["authority"].isin(NORTHERN_AUTHORITIES)
        professional = lq[PROFESSIONAL]
        if in_band(professional[northern], P29_RANGE).any():
            found.append(str(year))
        elif (not in_band(professional[northern], (0.0, P29_RANGE[1])).any()
              and in_band(pd.Series([facts["prof_min"]]), (0.0, P29_RANGE[1])).all()):
            outside.append(f"{facts['prof_min_name']} at {facts['prof_min']:.2f} in {year}")
    lowest = ("The lowest in the Northern authorities is " + and_join(parts) + ", so the paper's Northern "
              f"districts with LQs of {P29_RANGE[0]:g}-{P29_RANGE[1]:g} are ")
    if not found:
        lowest += "not found in either year"
    else:
        lowest += "found in " + " and ".join(found)
    if outside:
        lowest += "; the only values that low are outside the North: " + " and ".join(outside)
    return lowest + "."


# The two r-squared values of the paper's Table 4 the book is asked to explain, by claim.
GAP_CLAIMS = {"P36": (PROFESSIONAL, "professional services"),
              "P35": (DIGITAL, "digital")}


def published_compare() -> str:
    """The paper's r-squared for professional services and digital against the book's, in words."""
    fits = education_sector_fits()
    published = paper_claims().set_index("claim_id")["published"]
    words = []
    for claim, (sector, _name) in GAP_CLAIMS.items():
        values = [float(fit_lookup(fits, "study_districts", v, sector, "level4_plus")["r2"]) for v in VINTAGES]
        value = float(published[claim])
        words.append("higher" if value > max(values) else "lower" if value < min(values) else "between")
    if len(set(words)) == 1 and words[0] != "between":
        return f"both {words[0]} than this book's in either year"
    return "; ".join(f"{name}: {word} than this book's in either year" if word != "between"
                     else f"{name}: between this book's two years"
                     for (_, name), word in zip(GAP_CLAIMS.values(), words))


def _and(names: list[str]) -> str:
    names = [f"the {n}" if n.startswith("West ") else n for n in names]
    return and_join(names) if names else ""


def retail_sentence() -> str:
    """Where P17's 'retail is the largest private group in half the districts' holds, year by year."""
    parts = []
    for v in VINTAGES:
        holds = retail_holds(v)
        table = retail_largest_private(v).set_index("authority")
        yes, no = holds.index[holds["strict"]].tolist(), holds.index[~holds["strict"]].tolist()
        text = f"In {v} the claim holds for " + (_and(yes) or "none of the three")
        if no:
            text += f" but not for {_and(no)}"
            near = [a for a in no if holds.loc[a, "with_near_ties"]]
            if near:
                text += (", which would reach half if near ties counted (retail behind the largest private group: "
                         + "; ".join(table.loc[a, "near_names"] for a in near) + ")")
        parts.append(text + ".")
    return " ".join(parts)


def paper_claim_findings() -> pd.DataFrame:
    """The paper chapters' words about the claims and the vintages."""
    return findings([
        ("bres_vintages", vintages_text(), "", "the BRES vintages of this build, fetched years marked"),
        ("round_verdicts", rescaling_sentence(verdicts_changed_by_rescaling()), "",
         "the ledger's verdicts that the 2019 shares as published would change"),
        ("sec_retail_holds", retail_sentence(), "", "where P17 (retail the largest private group in half the "
         "districts) holds, year by year"),
        ("lq_lowest_professional", lowest_professional_sentence(), "",
         f"whether the paper's Northern districts with professional LQs of {P29_RANGE[0]:g}-{P29_RANGE[1]:g} (P29) "
         "are found"),
        ("fit_pub_compare", published_compare(), "", "the paper's r² for professional services and digital "
         "against the book's, both years"),
        *lq_paper_flags(),
    ])


def lq_paper_flags() -> list[tuple]:
    """The LQ chapter's words about the paper's own figures, as yes/no rows (each
    guard and sentence reads them, so each threshold is written here once)."""
    # P20's and P22's own grades in each vintage: the chapter's words about the top
    # three and the districts beyond them read the claims' rules, not copies of them.
    ledger = paper_claims().set_index("claim_id")
    grades = {claim_id: [ledger.loc[claim_id, verdict_column(y)] for y in graded_vintages()]
              for claim_id in ("P20", "P22")}
    year = PRIMARY_VINTAGE  # the single-vintage reading's year (the bundled year before the paper's own)
    cambridge = float(wide(year, "lq").set_index("name").loc["Cambridge", MANUFACTURING])
    return [
        ("lq_digital_top3_as_paper", all(g == "reproduced" for g in grades["P20"]), "",
         "the three strongest digital districts are the ones the paper names (P20 reproduced), both years"),
        ("lq_digital_beyond_named", all(g != "reproduced" for g in grades["P22"]), "",
         "districts beyond the paper's three and the two named beside them are at or above 1 in digital "
         "(P22 not reproduced), both years"),
        ("lq_cambridge_one_fifth", abs(cambridge - P34_PUBLISHED) <= LQ_MARGIN, "",
         f"Cambridge's manufacturing LQ within {LQ_MARGIN:g} of the paper's 'one fifth', {year}"),
        ("lq_crossings_close", england_crossing_distance(year) < LQ_MARGIN, "",
         f"every district-sector LQ that crosses 1 with England as the base is within {LQ_MARGIN:g} of 1, {year}"),
    ]


def blog_four_sentence() -> str:
    """How the blog's four unmeasurable sectors sit in DBT's ratings, in words chosen from the ratings."""
    rating = is8_coverage().set_index("sector")["dbt_rating"]
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
    if set(not_easy) | set(proxies) <= set(blog):
        return text + "Every sector DBT rates below well defined is among them."
    return text


def turns_sentence(verdicts: pd.DataFrame) -> str:
    """Whether any blog claim passes under one measure and fails under the other, in words."""
    failing = {c: (row["verdict_exact_2021"] == "differs", row["verdict_approx_2023"] == "differs")
               for c, row in verdicts.set_index("claim_id").iterrows()}
    turned = sorted(c for c, (first, second) in failing.items() if first != second)
    if not turned:
        return ("yet no claim turns between failing and holding: the claims that fail under one measure fail "
                "under the other")
    return "and " + ", ".join(turned) + (" turns" if len(turned) == 1 else " turn") + \
        " between failing and holding"


# Read by the summary chapter and by its own registered table, which a build's
# chapters compute in different processes: kept on disk, computed once.
@cached(disk=True, maxsize=1)
def blog_claim_findings() -> pd.DataFrame:
    """The IS-8 chapter's findings that rest on the blog's claims."""
    exact = is8_lq_itl2(EXACT_YEAR, EXACT)
    spec = specialisms(exact).set_index("itl2_code")
    claims = blog_claims()
    verdicts = claim_verdicts()
    none = [name for code, name in NO_SPECIALISM_REGIONS.items() if spec.loc[code, "n_specialisms"] == 0]
    return findings([
        ("is8_five_n_none", len(none), "regions", "of the five regions the blog names, those with no specialism"),
        ("is8_five_n", len(NO_SPECIALISM_REGIONS), "regions", "the regions the blog names as having no specialism"),
        ("is8_five_names", and_join(list(NO_SPECIALISM_REGIONS.values())), "", "their names"),
        ("is8_five_none_names", " and ".join(none) if none else "none of them", "", "those with none"),
        ("is8_five_some_names", ", ".join(n for n in NO_SPECIALISM_REGIONS.values() if n not in none), "",
         "those with at least one"),
        ("is8_n_claims", len(claims), "claims", "the blog's claims"),
        ("is8_n_reproduced", int((claims["verdict"] == "reproduced").sum()), "claims", ""),
        ("is8_n_close", int((claims["verdict"] == "close").sum()), "claims", ""),
        ("is8_n_differs", int((claims["verdict"] == "differs").sum()), "claims", ""),
        ("is8_n_verdict_changes", int(verdicts["changes_2023"].sum()), "claims",
         "claims whose verdict changes with the 2023 approximation"),
        ("is8_b09_mix", blog_four_sentence(), "", "the blog's four unmeasurable sectors in DBT's ratings"),
        ("is8_turns", turns_sentence(verdicts), "", "whether a claim turns between failing and holding"),
        # B06's band and the coefficients inside it, counted by the claim's own rule (BandClaim.inside).
        ("is8_b06_low", B06.low, "r", "the low end of the band the blog gives the service sectors' correlations"),
        ("is8_b06_high", B06.high, "r", "the high end of that band"),
        # (coefficients alone: a count needs no bootstrap interval)
        ("is8_corr_n_in_range", B06.n_inside(correlation_view(exact, resamples=0)), "coefficients",
         "the service sectors' Pearson correlations inside B06's band, its ends included (2021, exact definitions)"),
        ("is8_corr_n_in_range_2023", B06.n_inside(correlation_view(is8_lq_itl2(APPROX_YEAR, APPROX), resamples=0)),
         "coefficients", "the same under the 2023 2-digit approximation"),
    ])
