"""B12: the blog's date for the 2025 Industrial Strategy, graded by the date
rule against the month the catalogue gives the sector definitions list."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from placeblind.claims import blog, rules
from placeblind.data.catalogue import entry
from placeblind.errors import DataError


def b12():
    return blog.claim_by_id("B12")


def test_the_published_date_is_the_blogs_and_the_record_is_the_catalogues():
    assert blog.B12.published == datetime.date(2025, 11, 1)
    found = datetime.datetime.strptime(entry("is8_definitions").vintage, "%B %Y").date()
    assert blog.record_date() == found
    grade = b12().outcome(None)
    assert grade.verdict == rules.date_verdict(blog.B12.published, found)
    assert grade.detail.startswith(f"{found:%B %Y}")


def test_the_ledger_row_follows_the_rule():
    row = blog.blog_claims().set_index("claim_id").loc["B12"]
    assert row["published"] == "November 2025"
    assert row["verdict"] == "close"                       # June 2025: the same year, another month
    assert row["rule"] == blog.B12.rule
    for words in rules.DATE_RULE.values():                 # the rule text is built from the rule's own words
        assert words in row["rule"]


@pytest.mark.parametrize("vintage, verdict", [("November 2025", "reproduced"), ("January 2025", "close"),
                                              ("June 2024", "differs"), ("November 2026", "differs")])
def test_a_changed_record_turns_the_verdict(monkeypatch, vintage, verdict):
    real = entry("is8_definitions")
    monkeypatch.setattr(blog, "entry", lambda file_id: dataclasses.replace(real, vintage=vintage))
    assert b12().outcome(None).verdict == verdict


def test_a_record_without_a_month_stops_naming_the_catalogue(monkeypatch):
    real = entry("is8_definitions")
    monkeypatch.setattr(blog, "entry", lambda file_id: dataclasses.replace(real, vintage="2025"))
    with pytest.raises(DataError, match="catalogue.csv.*is8_definitions.*not a month and year"):
        blog.record_date()


def test_a_claim_is_found_by_its_id_and_an_unknown_id_is_named():
    ids = [claim.claim_id for claim in blog.all_claims()]
    assert len(ids) == len(set(ids)) and blog.claim_by_id(ids[0]).claim_id == ids[0]
    with pytest.raises(KeyError, match="B99"):
        blog.claim_by_id("B99")
