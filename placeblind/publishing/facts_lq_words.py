"""The location-quotient chapter's result words: the one sentence generated
from the data (:func:`lowest_professional_sentence`), and guards for the words
that are typed rather than generated; each guard names the sentence it
protects and stops the build when the data no longer support it."""

from __future__ import annotations

from ..analysis.sector_measures import KEY_SECTOR_NAMES, england_base_effect, reference_table, wide
from ..analysis.sector_readings import CITIES
from ..claims.rules import LQ_MARGIN
from .guards import require

PROFESSIONAL, DIGITAL = "Professional, scientific & technical", "Information & communication"
PAPER_DIGITAL_TOP3 = {"Cambridge", "South Cambridgeshire", "Salford"}   # as the paper names them (P20)
PAPER_LOWEST_PROFESSIONAL = 0.4   # the top of the paper's 0.3-0.4 (P29)
PAPER_CAMBRIDGE_MANUFACTURING = 0.2   # "one fifth" (P34)


def guard_lq_prose(lq17: dict, lq19: dict) -> None:
    references = reference_table().set_index("sector").loc[KEY_SECTOR_NAMES]
    require(bool(((references["gb_2017"] - references["gb_2019"]).abs() < 1).all()),
            "For the key sectors the two references agree closely")
    require(lq17["n_above_scambs_prof"] > 0 and lq17["top_key_lq_name"] == "South Cambridgeshire"
            and lq17["top_key_lq_sector"] == PROFESSIONAL and lq19["top_key_lq_name"] != "South Cambridgeshire",
            "It is not the highest LQ of any sector in any district ... Among the key sectors it is the highest in "
            "2017. In 2019 it is not")
    n = len(wide(2017))
    require(lq17["n_prof_below_one"] > n / 2,
            "Even so, the sector is under-represented in ... districts in 2017, as the paper says")
    for facts in (lq17, lq19):
        require(set(facts["digital_top3"].split(", ")) == PAPER_DIGITAL_TOP3 and facts["n_digital_above_one"] > 5,
                "The three strongest digital districts are the ones the paper names ... the paper's statement that "
                "every remaining district falls below the national average does not hold")
    lq_2017 = wide(2017, "lq").set_index("name")
    require(bool((lq_2017.loc[["Bath and North East Somerset", "Bristol, City of"], DIGITAL] > 1).all()),
            "Bath and North East Somerset and Bristol are above 1 as well")
    other, above = lq17["n_manufacturing_other"], lq17["n_manufacturing_other_above_one"]
    require(other / 2 < above <= 0.6 * other, "Elsewhere manufacturing is above its national share in ... a narrow "
                                               "majority")
    cities = lq_2017.loc[list(CITIES), "Manufacturing"]
    require(bool((cities < 0.7).all()) and lq_2017["Manufacturing"].idxmin() == "Cambridge"
            and abs(lq17["cambridge_manufacturing_lq"] - PAPER_CAMBRIDGE_MANUFACTURING) <= LQ_MARGIN
            and bool(lq17["manufacturing_below_one_not_city"]),
            "The four cities the paper names are all well below 1 ... Cambridge is lowest ..., the paper's 'one "
            "fifth'. The cities are not the only ones below 1, though")
    require(lq17["n_public_neutral"] < min(lq17["n_health_neutral"], lq17["n_education_neutral"]),
            "health qualifies in ... districts and education in ..., but both together in only ...")
    effect = england_base_effect()
    first = effect[effect["vintage"] == 2017].set_index("sector")
    require(bool((first.loc[[DIGITAL, PROFESSIONAL], "factor"] < 1).all()
                 and first.loc["Public administration & defence", "factor"] > 1),
            "London makes England richer in the service sectors, so their LQs fall slightly against England. "
            "Scotland and Wales have more public administration, so its LQs rise against England")
    gb = wide(2017, "lq")[KEY_SECTOR_NAMES]
    factor = first["factor"].reindex(KEY_SECTOR_NAMES)
    england = gb * factor.to_numpy()
    crossing = (gb > 1) != (england > 1)
    require(bool((gb[crossing].stack() - 1).abs().max() < LQ_MARGIN),
            "Across all key sectors, ... district-sector pairs cross 1 in 2017, all of them close to it")


def lowest_professional_sentence(lq17: dict, lq19: dict) -> str:
    """Whether the paper's Northern districts with professional LQs of 0.3-0.4 (P29) are found, year by year."""
    parts, found = [], []
    for year, facts in ((2017, lq17), (2019, lq19)):
        parts.append(f"{facts['northern_prof_min']:.2f} ({facts['northern_prof_min_name']}) in {year}")
        if facts["northern_prof_min"] <= PAPER_LOWEST_PROFESSIONAL:
            found.append(str(year))
    lowest = ("The lowest in the Northern authorities is " + " and ".join(parts) + ", so the paper's Northern "
              "districts with LQs of 0.3-0.4 are ")
    if not found:
        lowest += "not found in either year"
    else:
        lowest += "found in " + " and ".join(found)
    outside = [f"{facts['prof_min_name']} at {facts['prof_min']:.2f} in {year}" for year, facts in
               ((2017, lq17), (2019, lq19)) if facts["prof_min"] <= PAPER_LOWEST_PROFESSIONAL
               and facts["prof_min"] < facts["northern_prof_min"]]
    if outside:
        lowest += "; the only values that low are outside the North: " + " and ".join(outside)
    return lowest + "."
