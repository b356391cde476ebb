"""placeblind: official data -> verified tidy frames -> measures -> tables and figures.

The package behind the book "Place-based or place-blind?". Chapters call it;
they do not parse files or compute measures themselves.
"""

__version__ = "0.1.0"


def clear_caches() -> None:
    """Forget every parsed file and computed table (each parser is cached per
    process): for tests, and for a session that changes ``DATA_DIR``."""
    import importlib
    import pkgutil

    for module_info in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    from .data.catalogue import _hash_cache

    _hash_cache.clear()
