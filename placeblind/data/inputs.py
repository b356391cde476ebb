"""What every result computed from the data depends on, told to the cache
(:mod:`placeblind.cache`) when the data layer is imported.

- The *stamp* (the key in a process): the data directory, the verification
  mode, the catalogue, each catalogued file's size and modification time, and
  the same of any file fetched from the official API
  (:mod:`placeblind.data.fetched`). A test or a session that points
  ``DATA_DIR`` elsewhere, edits a file or changes ``DATA_VERIFY`` gets results
  computed afresh, with no cache to clear.
- The *digest* (the key on disk): the catalogue, the verification mode and the
  SHA-256 of every catalogued and fetched file, each file verified on the way,
  so a missing or altered file stops before any result is served.
"""

from __future__ import annotations

import hashlib
import os

from .. import cache, config
from .catalogue import catalogue, file_sha256, verified_path
from .fetched import fetched_digest_parts, fetched_state


def _stat(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_size, info.st_mtime_ns


def data_stamp() -> tuple:
    """The data's state by sizes and times (see the module note)."""
    root = str(config.data_dir())
    files = tuple(_stat(os.path.join(root, item.path)) for item in catalogue().values())
    return (root, config.verify_mode(), str(config.CATALOGUE_PATH), _stat(str(config.CATALOGUE_PATH)), files,
            fetched_state())


def data_digest() -> str:
    """SHA-256 of the catalogue, the verification mode, every catalogued file and
    every fetched file with its record (each file verified on the way)."""
    digest = hashlib.sha256(config.CATALOGUE_PATH.read_bytes())
    digest.update(config.verify_mode().encode())
    for file_id in catalogue():
        digest.update(file_id.encode())
        digest.update(file_sha256(verified_path(file_id)).encode())
    for part in fetched_digest_parts():  # nothing when no file was fetched
        digest.update(part)
    return digest.hexdigest()


cache.register_inputs("data", data_stamp, data_digest)
