"""The nbval sanitize file compares what a reader can see, not floating-point noise.

The patterns are read from ``tests/nbval_sanitize.cfg`` with nbval's own parser
and applied in nbval's own way (one ``re.sub`` per pattern, in file order, each
regex once), so these cases are what ``make test`` compares.
"""

from __future__ import annotations

import re
from collections import OrderedDict

import pytest
from nbval.plugin import get_sanitize_patterns

from placeblind import config

CFG = config.REPO_ROOT / "tests" / "nbval_sanitize.cfg"


def sanitize(text: str) -> str:
    # nbval keeps the patterns in an OrderedDict keyed on the regex (plugin.setup_sanitize_files)
    patterns = OrderedDict(get_sanitize_patterns(CFG.read_text(encoding="utf-8")))
    for regex, replace in patterns.items():
        text = re.sub(regex, replace, text)
    return text


def test_the_file_has_patterns():
    assert len(get_sanitize_patterns(CFG.read_text(encoding="utf-8"))) >= 10


@pytest.mark.parametrize("a, b", [
    ("0.7225061690707437", "0.7225061690707438"),            # the two machines of issue 19
    ("{'r2': 0.7225061690707437, 'n': 37}", "{'r2': 0.7225061690707438, 'n': 37}"),
    ("12.345678901234567", "12.345678901234569"),
    ("-2.8412345678901", "-2.8412345678999"),
    ("31370000.123456789", "31370000.123456788"),
    ("1234567890.5", "1234567890.25"),
])
def test_last_digits_compare_equal(a, b):
    assert a != b
    assert sanitize(a) == sanitize(b)


@pytest.mark.parametrize("a, b", [
    ("0.7225061690707437", "0.7226061690707437"),            # 4th significant digit
    ("0.7225061690707437", "0.7225061700707437"),            # 8th significant digit
    ("12.345678901234567", "12.355678901234567"),
    ("2.84", "2.85"),                                        # a printed LQ
    ("31370000.123456789", "31371000.123456789"),
    ("37", "38"),
])
def test_a_visible_change_is_still_caught(a, b):
    assert sanitize(a) != sanitize(b)


def test_glued_image_bytes_are_replaced_but_short_text_is_not():
    png = "iVBORw0KGgo" + "A" * 300 + "=="
    assert sanitize(f'{{"image/png": "{png}"}}') == '{"image/png": "IMAGE-BYTES"}'
    assert sanitize("Greater Manchester") == "Greater Manchester"
