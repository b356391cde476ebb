"""The sector claims' inputs for tests that perturb them (the claim verdicts,
P47's university districts): the real ones, computed once per test module, and
a copy a test may change freely. A module uses the two fixtures by importing
them: ``from claim_copies import d, real_data``; ``steady_readings`` keeps the
readings of the real data the claims take besides them, once."""

from __future__ import annotations

import copy
import functools

import pytest

from placeblind.claims import paper_attainment, paper_composition, paper_lq
from placeblind.claims.paper_common import ClaimData, VintageTables

# What the sector and attainment claims read from the real data besides their inputs
# (ClaimData), by the name each claims module calls it: a year's district table,
# England's base effect, where manufacturing leads, a pooled LQ, sectors' shares by
# authority, the 2011 attainment table.
READINGS = {paper_lq: ("gb_districts", "england_base_effect", "manufacturing_largest", "pooled_lq"),
            paper_composition: ("sectors_by_authority",),
            paper_attainment: ("attainment_2011",)}


def editable_copy(real: ClaimData) -> ClaimData:
    """``real`` with every table and facts dictionary the claims read copied, so
    changing one in a test leaves ``real`` (shared by a module's tests) as it was."""
    c = copy.copy(real)
    c.lq = VintageTables({v: f.copy() for v, f in real.lq.items()})
    c.shares = VintageTables({v: f.copy() for v, f in real.shares.items()})
    c.lq_facts = {v: dict(f) for v, f in real.lq_facts.items()}
    c.comp = {v: dict(f) for v, f in real.comp.items()}
    c.fits = real.fits.copy()
    return c


@pytest.fixture(scope="module")
def real_data() -> ClaimData:
    """The sector claims' inputs from the real data."""
    return ClaimData()


@pytest.fixture
def d(real_data: ClaimData) -> ClaimData:
    """A copy of the sector claims' inputs that a test may change freely."""
    return editable_copy(real_data)


def once_per_argument(function):
    """``function`` computed once per argument (a list counts by its items), each
    caller getting its own copy of the result."""
    kept = {}

    @functools.wraps(function)
    def reading(*args, **kwargs):
        key = tuple(tuple(a) if isinstance(a, list) else a for a in (*args, *sorted(kwargs.items())))
        if key not in kept:
            kept[key] = function(*args, **kwargs)
        return copy.deepcopy(kept[key])
    return reading


@pytest.fixture(scope="module")
def steady_readings():
    """The claims' readings of the real data (:data:`READINGS`), each computed once
    per argument for the module: the claims ask for them every time they are built,
    and the claim verdicts build them about a hundred and fifty times (the readings
    were more than a third of their time). A test there changes the claims' own
    inputs (``d``) or replaces a reading by its name in a claims module
    (``monkeypatch``, which then comes first), never the data beneath, so the values
    are the ones every call would compute."""
    with pytest.MonkeyPatch.context() as patch:
        for module, names in READINGS.items():
            for name in names:
                patch.setattr(module, name, once_per_argument(getattr(module, name)))
        yield
