"""What the places page asks for ahead of its text: every combined authority's
map. A chapter's disk-cached results are found by the build's warmer through
the ``facts_*`` modules the chapter imports (:mod:`placeblind.publishing.warm`),
so the fifteen maps are drawn on the second core while earlier chapters run."""

from __future__ import annotations

from ..cache import cached
from .registry import authority_map_png, registered_table


@cached(disk=True, maxsize=1)
def places_page_maps() -> dict[str, bytes]:
    """Authority code -> the PNG of its map, for every combined authority of May 2025."""
    return {code: authority_map_png(code) for code in registered_table("authority_sections")["authority_code"]}
