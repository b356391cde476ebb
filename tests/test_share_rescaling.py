"""The 2019 district shares rescaled to 100 (analysis.shares_2019): what the
book says about it, checked against the raw file; the published shares as a
method variant that never mixes with the book's own results."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import REAL_DATA_DIR

from placeblind.analysis import education_fits, lq_rounding, sector_measures
from placeblind.analysis.shares_2019 import district_shares_2019_for_lq, published_2019_shares, rescaling_2019
from placeblind.claims.rounding import rescaling_sentence, verdicts_changed_by_rescaling
from placeblind import cache
from placeblind.data.study import paper_study

SHARES_2019 = "bres_lad_2019_broad_pct"
RAW_2019 = REAL_DATA_DIR / "bres" / "bres2019_lad_broadgroup_employees_pct_rcatlord.csv"
CAMBRIDGE = "E07000008"


def raw_sums() -> pd.Series:
    return pd.read_csv(RAW_2019).groupby("area_code")["value"].sum().round(1)


def test_the_book_rescales_every_district_to_100_and_keeps_the_published_share():
    frame = district_shares_2019_for_lq()
    assert np.allclose(frame.groupby("code")["share_pct"].sum(), 100.0)
    raw = pd.read_csv(RAW_2019).set_index(["area_code", "group"])["value"]
    cambridge = frame[frame["code"] == CAMBRIDGE]
    assert cambridge["published_share_pct"].sum() == pytest.approx(raw.loc[CAMBRIDGE].sum())
    assert cambridge["published_sum_pct"].iloc[0] == pytest.approx(raw_sums()[CAMBRIDGE])


def test_the_published_variant_uses_the_shares_as_published_and_does_not_mix_with_the_book():
    book = sector_measures.study_measures(2019)
    with published_2019_shares():
        assert not rescaling_2019()
        published = sector_measures.study_measures(2019)
        fits_published = education_fits.education_sector_fits()
    assert rescaling_2019()
    again = sector_measures.study_measures(2019)   # after the variant: the book's results, not the variant's
    pd.testing.assert_frame_equal(again, book)
    raw = pd.read_csv(RAW_2019).set_index(["area_code", "group"])["value"]
    row = published[(published["code"] == CAMBRIDGE) & (published["sector"] == "Education")].iloc[0]
    assert row["share_pct"] == pytest.approx(raw.loc[(CAMBRIDGE, "Education")])
    fits = education_fits.education_sector_fits()
    in_2019 = (fits["vintage"] == 2019) & (fits["sample"] == "study_districts")
    assert not np.allclose(fits.loc[in_2019, "r"], fits_published.loc[in_2019, "r"])
    in_2017 = (fits["vintage"] == 2017)
    pd.testing.assert_frame_equal(fits[in_2017], fits_published[in_2017])


def test_a_method_variant_needs_a_name_and_is_part_of_the_cache_key():
    with pytest.raises(ValueError):
        with cache.method_variant(""):
            pass
    before = cache.stamp()
    with cache.method_variant("another method"):
        assert cache.stamp() != before
    assert cache.stamp() == before


def test_rescaled_lqs_do_not_depend_on_the_published_total(bundle):
    """Both sides: scaling one district's published shares moves its LQs as
    published and leaves the book's (rescaled) LQs where they were."""
    real = lq_rounding.lq_2019_both_ways().set_index(["code", "sector"])

    def scale(header, rows):
        code, value = header.index("area_code"), header.index("value")
        for row in rows:
            if row[code] == CAMBRIDGE:
                row[value] = f"{float(row[value]) * 1.05:.6f}"
    bundle.edit_rows(SHARES_2019, scale)
    bundle.warn_mode()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # the checksum warning names the edited file
        changed = lq_rounding.lq_2019_both_ways().set_index(["code", "sector"])
    cambridge = changed.loc[CAMBRIDGE]
    assert np.allclose(cambridge["lq"], real.loc[CAMBRIDGE, "lq"], rtol=1e-9)
    moved = real.loc[CAMBRIDGE, "lq_as_published"] > 0
    published = real.loc[CAMBRIDGE].loc[moved, "lq_as_published"]
    assert np.allclose(cambridge.loc[moved, "lq_as_published"], 1.05 * published)
    others = changed.drop(index=CAMBRIDGE, level="code")
    pd.testing.assert_frame_equal(others, real.drop(index=CAMBRIDGE, level="code"))


def test_rounding_facts_match_the_raw_file():
    facts = lq_rounding.rounding_facts()
    sums = raw_sums()
    study = sums.reindex(paper_study().codes)
    assert (facts["gb_sum_min"], facts["gb_sum_max"]) == (pytest.approx(sums.min()), pytest.approx(sums.max()))
    assert (facts["study_sum_min"], facts["study_sum_max"]) == (pytest.approx(study.min()), pytest.approx(study.max()))
    assert facts["n_gb_off"] == int(((sums - 100).abs() > 1).sum())
    assert facts["n_gb"] == len(sums)
    # The LQ factor is 100 over the sum: the smallest sum gives the largest rise.
    assert facts["lq_change_max_pct"] == pytest.approx(100 * (100 / study.min() - 1))
    assert facts["lq_change_min_pct"] == pytest.approx(100 * (100 / study.max() - 1))


def test_the_rescaling_decides_the_verdicts_the_book_names(real):
    changes = real.get(verdicts_changed_by_rescaling)
    sentence = rescaling_sentence(changes)
    for _, row in changes.iterrows():
        assert row["claim_id"] in sentence
        assert (row["verdict"], row["verdict_2019"]) != (row["verdict_as_published"], row["verdict_2019_as_published"])
    # P37 ('strong' = r of -0.7 or below) sits on the line in 2019 and is the claim the referee named.
    assert "P37" in set(changes["claim_id"])


def test_the_rescaling_sentence_both_ways():
    assert rescaling_sentence(pd.DataFrame(columns=["claim_id"])) == "changes no verdict of the claims ledger"
    one = pd.DataFrame([{"claim_id": "P01", "verdict": "close", "verdict_as_published": "close",
                         "verdict_2019": "reproduced", "verdict_2019_as_published": "close"}])
    assert rescaling_sentence(one) == ("changes the verdict of 1 claim: P01 (2019 reproduced rather than close; "
                                       "overall still close)")


def test_the_variant_recomputes_only_the_shares_vintages_and_finds_the_same_verdicts(monkeypatch):
    """Inside the published-shares variant a counts vintage's readings are served as
    the book's own (varies_with_shares); the verdicts the rescaling changes are the
    same as when the variant recomputes everything (the predicate told that every
    vintage varies)."""
    import dataclasses

    from placeblind.analysis import sector_readings, shares_2019
    from placeblind.analysis.vintages import COUNTS, MEAN_VINTAGE, SHARES, district_vintage

    assert shares_2019.varies_with_shares(2019) and shares_2019.varies_with_shares(MEAN_VINTAGE)
    assert not shares_2019.varies_with_shares(2017) and shares_2019.varies_with_shares(1999)
    assert district_vintage(2017).kind == COUNTS
    cache.clear()
    plain_2017, plain_2019 = sector_readings.lq_facts(2017), sector_readings.lq_facts(2019)
    with published_2019_shares():
        assert sector_readings.lq_facts(2017) == plain_2017   # served as the book's own
        assert sector_readings.lq_facts(2019) != plain_2019   # read anew from the shares as published
    served = verdicts_changed_by_rescaling.uncached()
    cache.clear()
    monkeypatch.setattr(shares_2019, "district_vintage",
                        lambda year: dataclasses.replace(district_vintage(year), kind=SHARES))
    assert shares_2019.varies_with_shares(2017)
    recomputed = verdicts_changed_by_rescaling.uncached()
    cache.clear()
    pd.testing.assert_frame_equal(served, recomputed)
    assert "P37" in set(served["claim_id"])
