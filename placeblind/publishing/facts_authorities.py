"""The facts the chapter on the combined authorities of May 2025 glues, under
literal glue names."""

from __future__ import annotations

from ..analysis.authorities import (
    DIGITAL,
    LATER,
    ORIGINAL,
    OUTSIDE,
    PROFESSIONAL,
    authorities_2025_study,
    authority_pattern,
    authority_profiles,
)
from ..analysis.education_fits import study_fits
from ..cache import cached
from ..data.census import qualifications_2021
from ..data.district_codes import predecessors
from ..data.geography import ENGLAND_AND_WALES
from .guards import require


def _names(frame, n: int = 3) -> str:
    return ", ".join(f"{row.name} ({row.authority})" for row in frame.head(n).itertuples())


@cached(disk=True)
def authorities_chapter_facts() -> dict:
    """The authorities and their districts (May 2025 codes), the later districts
    most like the paper's two extremes, and the fits over all districts. The
    pattern against its null is glued from ``fact_tables/authorities_2025.csv``."""
    ew = qualifications_2021().set_index("code").loc[ENGLAND_AND_WALES]
    profiles = authority_profiles()
    groups = profiles.groupby("group")
    later = profiles[profiles["group"] == LATER]
    behind = later[(later["pct_no_qualifications_2021"] > ew["pct_no_qualifications"])
                   & (later["professional_lq"] < 1) & (later["digital_lq"] < 1)]
    behind = behind.sort_values("pct_no_qualifications_2021", ascending=False, kind="stable")
    like_cambridge = later[later["professional_lq"] > 1].sort_values("pct_level4_plus_2021", ascending=False,
                                                                   kind="stable")
    require((profiles["authority"].nunique(), groups["authority"].nunique()[ORIGINAL],
             groups["authority"].nunique()[LATER]) == (15, 6, 9),
            "alt text of fig-ca-map: the fifteen combined authorities of May 2025 ... the six authorities the paper "
            "studied have solid outlines, the nine others dashed ones")
    guard_pattern()
    fits = study_fits(authorities_2025_study())
    fits = fits[(fits["vintage"] == 2017) & (fits["census"] == 2011)].set_index(["sector", "education"])
    return {
        "ca_n_authorities": int(profiles["authority"].nunique()),
        "ca_n_north_yorkshire": len(predecessors("E06000065")),
        "ca_n_districts": int(len(profiles)),
        "ca_n_original": int(groups["authority"].nunique()[ORIGINAL]),
        "ca_n_later": int(groups["authority"].nunique()[LATER]),
        "ca_n_districts_original": int(groups.size()[ORIGINAL]),
        "ca_n_districts_later": int(groups.size()[LATER]),
        "ca_ew_l4_2021": float(ew["pct_level4_plus"]),
        "ca_n_behind": int(len(behind)),
        "ca_behind_names": _names(behind),
        "ca_n_like_cambridge": int(len(like_cambridge)),
        "ca_like_cambridge_names": _names(like_cambridge),
        "ca_fit_n": int(fits["n"].iloc[0]),
        "ca_r2_prof": float(fits.loc[(PROFESSIONAL, "level4_plus"), "r2"]),
        "ca_r2_digital": float(fits.loc[(DIGITAL, "level4_plus"), "r2"]),
        "ca_r2_manuf_noq": float(fits.loc[("Manufacturing", "no_qualifications"), "r2"]),
        "ca_slope_manuf_noq": float(fits.loc[("Manufacturing", "no_qualifications"), "slope"]),
    }


def guard_pattern() -> None:
    """The chapter's sentences on the rule itself, which state no reading word of their own."""
    newest = authority_pattern()
    newest = newest[newest["newest"]].set_index("group")["holds"]
    require(bool(newest[ORIGINAL]) and bool(newest[LATER]),
            "The paper's rule (...) is met by both groups")
    require(bool(newest[OUTSIDE]), "It is met just as well by England's other districts")
