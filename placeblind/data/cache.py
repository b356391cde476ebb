"""One cache for every result computed from the data, kept per process under a
key made of the data it came from.

The key is the data directory, the verification mode, the catalogue, each
catalogued file's size and modification time, and the same of any file fetched
from the official API (:mod:`placeblind.data.fetched`). A test or a session that points
``DATA_DIR`` elsewhere, edits a file or changes ``DATA_VERIFY`` therefore gets
results computed afresh, with no cache to clear; an unchanged tree is parsed
once per process. (The disk cache of :mod:`placeblind.data.memo` keeps results
between processes under the files' SHA-256 instead.)
"""

from __future__ import annotations

import functools
import os

from .. import config
from .catalogue import catalogue
from .fetched import fetched_state


def _stat(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_size, info.st_mtime_ns


def data_state() -> tuple:
    """What every result computed from the data depends on (see the module note)."""
    root = str(config.data_dir())
    files = tuple(_stat(os.path.join(root, item.path)) for item in catalogue().values())
    return (root, config.verify_mode(), str(config.CATALOGUE_PATH), _stat(str(config.CATALOGUE_PATH)), files,
            fetched_state())


def data_cached(maxsize: int = 8):
    """Like ``functools.lru_cache``, with the state of the data as part of every key."""
    def decorate(function):
        @functools.lru_cache(maxsize=maxsize)
        def keyed(state, *args, **kwargs):
            return function(*args, **kwargs)

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            return keyed(data_state(), *args, **kwargs)

        wrapper.cache_clear = keyed.cache_clear
        wrapper.cache_info = keyed.cache_info
        return wrapper
    return decorate
