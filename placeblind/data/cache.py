"""One cache for every result computed from the data, kept per process under a
key made of the data it came from.

The key is the data directory, the verification mode, the catalogue, each
catalogued file's size and modification time, and the same of any file fetched
from the official API (:mod:`placeblind.data.fetched`). A test or a session that points
``DATA_DIR`` elsewhere, edits a file or changes ``DATA_VERIFY`` therefore gets
results computed afresh, with no cache to clear; an unchanged tree is parsed
once per process. (The disk cache of :mod:`placeblind.data.memo` keeps results
between processes under the files' SHA-256 instead.)

A result can also be computed under a named *method variant*
(:func:`method_variant`), for a chapter that shows what another choice of method
would give (the 2019 shares as published rather than rescaled to 100): the
variant's name is part of every key here and in the disk cache, so results of
the two methods never mix.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os

from .. import config
from .catalogue import catalogue
from .fetched import fetched_state

_VARIANT: contextvars.ContextVar[str] = contextvars.ContextVar("placeblind_method_variant", default="")


def current_variant() -> str:
    """The method variant results are being computed under ("" for the book's own methods)."""
    return _VARIANT.get()


@contextlib.contextmanager
def method_variant(name: str):
    """Compute everything inside the block under the method variant ``name``
    (read by the analysis that offers it; see the module note)."""
    if not name:
        raise ValueError("a method variant needs a name")
    token = _VARIANT.set(name)
    try:
        yield
    finally:
        _VARIANT.reset(token)


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
            fetched_state(), current_variant())


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
