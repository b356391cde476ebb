"""The facts the introduction's summary of findings glues (prefix ``intro_``):
taken from the concluding chapter's facts, with each word that states a result
computed here from the numbers it describes."""

from __future__ import annotations

from ..cache import cached
from .facts_conclusion import what_survives_facts


def comparison_word(smaller: float, larger: float, *, less: str, more: str) -> str:
    """``less`` when the first value is below the second, ``more`` when above; a
    tie has no word, so a sentence built on one fails the build."""
    if smaller == larger:
        raise ValueError(f"no direction between {smaller} and {larger}")
    return less if smaller < larger else more


def not_spots_reading(n_with_none: int, n_named: int, gm_specialisms: int) -> str:
    """How the blog's "not spots" fare: every named area without a specialism,
    some, or none (Greater Manchester's count decides between the last two)."""
    if n_with_none == n_named and gm_specialisms == 0:
        return "hold in the official data"
    if n_with_none == 0:
        return "do not hold in the official data"
    return "hold only in part in the official data"


def link_change_summary(reading: str, overlap: str) -> str:
    """A change in a link counts only when the two intervals do not overlap."""
    return "has not measurably changed" if overlap == "overlap" else f"is measurably {reading}"


@cached(disk=True)
def introduction_facts() -> dict:
    end = what_survives_facts()
    if end["end_r_noq_l4"] >= 0:
        raise AssertionError("the introduction says the two qualification shares move against each other")
    if min(end["end_n_prof_below_one"], end["end_n_digital_below_one"]) * 2 <= end["end_n_districts"]:
        raise AssertionError("the introduction says the promoted high-skill sectors are thin in most districts")
    facts = {
        "intro_n_districts": end["end_n_districts"],
        "intro_r_noq_l4": end["end_r_noq_l4"],
        "intro_n_noq_larger": end["end_n_noq_larger"],
        "intro_n_prof_below_one": end["end_n_prof_below_one"],
        "intro_n_digital_below_one": end["end_n_digital_below_one"],
        "intro_vintage": end["end_vintage"],
        "intro_r2_prof_study": end["end_r2_prof_study"],
        "intro_r2_prof_ew": end["end_r2_prof_ew"],
        "intro_n_ew": end["end_n_ew"],
        "intro_link_all_districts": comparison_word(end["end_r2_prof_ew"], end["end_r2_prof_study"],
                                                    less="less", more="more"),
        "intro_n_manufacturing_largest": end["end_n_manufacturing_largest"],
        "intro_n_authorities_manufacturing": end["end_n_authorities_manufacturing"],
        "intro_gm_n": end["end_gm_n"],
        "intro_n_measurable": end["end_n_measurable"],
        "intro_five_n_none": end["end_five_n_none"],
        "intro_five_n": end["end_five_n"],
        "intro_not_spots": not_spots_reading(end["end_five_n_none"], end["end_five_n"], end["end_gm_n"]),
        "intro_gse_share": end["end_gse_share"],
        "intro_gse_share_fin": end["end_gse_share_fin"],
        "intro_paper_n": end["end_paper_n"],
        "intro_paper_reproduced": end["end_paper_reproduced"],
        "intro_paper_close": end["end_paper_close"],
        "intro_paper_differs": end["end_paper_differs"],
        "intro_paper_cannot_be_tested": end["end_paper_cannot_be_tested"],
        "intro_blog_n": end["end_blog_n"],
        "intro_blog_reproduced": end["end_blog_reproduced"],
        "intro_blog_close": end["end_blog_close"],
        "intro_blog_differs": end["end_blog_differs"],
        "intro_dec_l4_change": end["end_dec_l4_change"],
        "intro_dec_l4_divide": end["end_dec_l4_divide"],
        "intro_dec_itl3_summary": end["end_dec_itl3_prof_summary"],
        "intro_ca_n_later": end["end_ca_n_later"],
        "intro_ca_pattern_later": end["end_ca_pattern_later"],
    }
    return facts
