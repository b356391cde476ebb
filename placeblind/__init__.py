"""placeblind: official data -> verified tidy frames -> measures -> tables and figures.

The package behind the book "Place-based or place-blind?". Chapters call it;
they do not parse files or compute measures themselves.
"""

__version__ = "0.1.0"
