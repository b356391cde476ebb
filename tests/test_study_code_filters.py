"""The two ``isin`` filters by study district code (analysis.vintage_noise and the
population claim P12 in claims.paper_composition) drop no study district: the
parsers they read require every study code, once, in every year they hold
(readers.require_codes, tested with a recoded district in test_verification),
so a renamed or merged district stops the build with its code named rather
than leaving a filter short. These tests pin that every study district is kept."""

from __future__ import annotations

from placeblind.analysis.vintage_noise import NOISE_YEARS, key_sector_lqs, vintage_noise
from placeblind.claims.paper_composition import population_claim
from placeblind.data.census import qualifications_2011
from placeblind.data.geography import study_codes
from placeblind.data.sectors import KEY_SECTOR_NAMES


def test_the_noise_check_keeps_every_study_district_and_key_sector():
    for year in NOISE_YEARS:
        index = key_sector_lqs(year).index
        assert set(index.get_level_values("code")) == set(study_codes())
        assert set(index.get_level_values("sector")) == set(KEY_SECTOR_NAMES)
    assert vintage_noise()["n_pairs"] == len(study_codes()) * len(KEY_SECTOR_NAMES)


def test_the_population_claim_counts_every_study_district():
    census = qualifications_2011().set_index("code")
    assert set(study_codes()) <= set(census.index)
    adults = int(sum(census.loc[code, "all_16plus"] for code in study_codes()))
    assert f"{adults:,} usual residents aged 16+ in the {len(study_codes())} districts" in population_claim("P12").reason
