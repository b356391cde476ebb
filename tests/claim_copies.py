"""The sector claims' inputs for tests that perturb them (the claim verdicts,
P47's university districts): the real ones, computed once per test module, and
a copy a test may change freely. A module uses the two fixtures by importing
them: ``from claim_copies import d, real_data``."""

from __future__ import annotations

import copy

import pytest

from placeblind.claims.paper_common import ClaimData, VintageTables


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
