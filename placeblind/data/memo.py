"""Results that several chapters need, kept on disk between the kernels of a
build, so each is computed once per build rather than once per chapter.

A result is stored under a key made of every input it could depend on: the
package's own source, the catalogue, the verification mode and the SHA-256 of
every catalogued file as it is now (each file is verified on the way). A
changed data file or a changed measure therefore gives a new key, and the
result is computed afresh; nothing stale can be served.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .. import config
from .catalogue import _cached_sha256, catalogue, verified_path

PACKAGE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """``PLACEBLIND_CACHE``, default ``_build/.placeblind-cache``."""
    configured = os.environ.get("PLACEBLIND_CACHE")
    path = Path(configured) if configured else config.REPO_ROOT / "_build" / ".placeblind-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def inputs_fingerprint() -> str:
    digest = hashlib.sha256()
    for source in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    digest.update(config.CATALOGUE_PATH.read_bytes())
    digest.update(config.verify_mode().encode())
    for file_id in catalogue():
        digest.update(file_id.encode())
        digest.update(_cached_sha256(verified_path(file_id)).encode())
    return digest.hexdigest()


def disk_cached(function):
    """Keep ``function()``'s result (no arguments) on disk under the inputs' fingerprint."""

    @functools.wraps(function)
    def wrapper():
        path = cache_dir() / f"{function.__module__}.{function.__qualname__}-{inputs_fingerprint()[:32]}.pickle"
        if path.exists():
            with open(path, "rb") as fh:
                return pickle.load(fh)
        result = function()
        # Write then rename, so a reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)
        return result

    wrapper.uncached = function
    return wrapper
