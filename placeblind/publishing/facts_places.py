"""What the places page asks for ahead of its text: every combined authority's
map, kept on disk as one result, so a kernel that finds them drawn (the build's,
nbval's, a second build's) reads the fifteen in one step."""

from __future__ import annotations

from ..cache import cached
from .registry import authority_map_png, registered_table


@cached(disk=True, maxsize=1)
def places_page_maps() -> dict[str, bytes]:
    """Authority code -> the PNG of its map, for every combined authority of May 2025."""
    return {code: authority_map_png(code) for code in registered_table("authority_sections")["authority_code"]}
