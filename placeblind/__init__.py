"""placeblind: official data -> verified tidy frames -> measures -> tables and figures.

The package behind the book "Place-based or place-blind?". Chapters call it;
they do not parse files or compute measures themselves.
"""

__version__ = "0.1.0"


def clear_caches() -> None:
    """Forget every result kept in this process (for tests that replace a package
    function; a changed data bundle needs no clearing, as every key holds its state)."""
    from .cache import clear

    clear()
