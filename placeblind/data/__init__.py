"""The data layer: the catalogue and verification of every input file, readers,
one parser per source, geography, district code changes and the study."""

from . import inputs  # noqa: F401  (tells the cache what every result depends on)
