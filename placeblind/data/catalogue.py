"""The catalogue of input files, and verification of each file before use."""

from __future__ import annotations

import csv
import hashlib
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import config
from ..errors import DataError, DataWarning

FIELDS = (
    "id", "path", "title", "publisher", "official_source", "copy_of", "licence",
    "vintage", "geography", "measure", "data_rows", "role", "sha256", "original_sha256",
)


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    path: str
    title: str
    publisher: str
    official_source: str
    copy_of: str
    licence: str
    vintage: str
    geography: str
    measure: str
    data_rows: int | None
    role: str
    sha256: str  # of the stored file (a .csv.gz: of the compressed bytes)
    original_sha256: str  # of the file as published; the same as sha256 unless stored compressed


def catalogue() -> dict[str, CatalogueEntry]:
    """All catalogue entries by id, read from ``data/catalogue.csv`` (again when that file changes)."""
    path = Path(config.CATALOGUE_PATH)
    info = path.stat()
    return _read_catalogue(str(path), info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=4)
def _read_catalogue(path: str, size: int, mtime_ns: int) -> dict[str, CatalogueEntry]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != FIELDS:
            raise DataError(path, f"catalogue columns are {reader.fieldnames}, expected {list(FIELDS)}")
        entries = {}
        for row in reader:
            row["data_rows"] = int(row["data_rows"]) if row["data_rows"] else None
            entries[row["id"]] = CatalogueEntry(**row)
    return entries


def entry(file_id: str) -> CatalogueEntry:
    try:
        return catalogue()[file_id]
    except KeyError:
        raise KeyError(f"no catalogue entry {file_id!r}") from None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Keyed on path, size and mtime so an edited file is hashed again.
_hash_cache: dict[tuple[str, int, int], str] = {}


def _cached_sha256(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _hash_cache:
        _hash_cache[key] = sha256_of(path)
    return _hash_cache[key]


def file_sha256(path: Path) -> str:
    """The SHA-256 of a data file, computed once per state of the file (size and time)."""
    return _cached_sha256(Path(path))


def verified_path(file_id: str) -> Path:
    """The path of a catalogued file, after checking it exists and matches its sha256.

    A mismatch is an error in ``strict`` mode and a :class:`DataWarning` in
    ``warn`` mode; a missing file is always an error.
    """
    item = entry(file_id)
    mode = config.verify_mode()  # a mistyped DATA_VERIFY fails at once, not only on a mismatch
    path = config.data_dir() / item.path
    if not path.is_file():
        raise DataError(item.path, f"file not found in the data directory {config.data_dir()}")
    actual = _cached_sha256(path)
    if actual != item.sha256:
        problem = f"sha256 is {actual}, the catalogue records {item.sha256} (file changed or replaced)"
        if mode == "strict":
            raise DataError(item.path, problem + "; set DATA_VERIFY=warn to proceed with a changed file")
        warnings.warn(f"{item.path}: {problem}; proceeding because DATA_VERIFY=warn", DataWarning, stacklevel=2)
    return path


def verify_all() -> list[tuple[str, str]]:
    """Verify every catalogued file; returns (path, status) pairs, raising on the first failure."""
    results = []
    for file_id, item in catalogue().items():
        verified_path(file_id)
        results.append((item.path, "ok"))
    return results
