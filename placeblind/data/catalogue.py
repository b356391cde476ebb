"""The catalogue of input files, and verification of each file before use."""

from __future__ import annotations

import csv
import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path

from .. import config
from ..cache import cached
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
    return {item.id: item for item in _read_catalogue(str(path), info.st_size, info.st_mtime_ns)}


@cached(inputs=False, maxsize=4)  # keyed on the file's size and time: an edited catalogue is read again
def _read_catalogue(path: str, size: int, mtime_ns: int) -> tuple[CatalogueEntry, ...]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != FIELDS:
            raise DataError(path, f"catalogue columns are {reader.fieldnames}, expected {list(FIELDS)}")
        entries = {}
        for row in reader:
            row["data_rows"] = int(row["data_rows"]) if row["data_rows"] else None
            entries[row["id"]] = CatalogueEntry(**row)
    return tuple(entries.values())


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


def file_sha256(path: Path) -> str:
    """``sha256_of(path)``, computed again only when the file's size or time changes."""
    stat = path.stat()
    return _sha256_at(str(path), stat.st_size, stat.st_mtime_ns)


@cached(inputs=False, maxsize=None)  # the file's size and time are part of the key
def _sha256_at(path: str, size: int, mtime_ns: int) -> str:
    return sha256_of(Path(path))


def verified_path(file_id: str) -> Path:
    """The path of a catalogued file, after checking it exists and matches its sha256.

    A mismatch is an error in ``strict`` mode and a :class:`DataWarning` in
    ``warn`` mode; a missing file is always an error.
    """
    item = entry(file_id)
    return verified(config.data_dir() / item.path, item.path, item.sha256, "the catalogue", "file changed or replaced",
                    f"file not found in the data directory {config.data_dir()}")


def verified(path: Path, shown: str, sha256: str, recorded_by: str, changed: str, missing: str) -> Path:
    """``path`` after checking that it exists (else a :class:`DataError` saying
    ``missing``) and that its SHA-256 is the one ``recorded_by`` records: a
    mismatch is an error under ``DATA_VERIFY=strict`` and a :class:`DataWarning`
    under ``warn``. Every input file, catalogued or fetched, is checked here;
    ``shown`` is the name its messages give it."""
    mode = config.verify_mode()  # a mistyped DATA_VERIFY fails at once, not only on a mismatch
    if not path.is_file():
        raise DataError(shown, missing)
    actual = file_sha256(path)
    if actual != sha256:
        problem = f"sha256 is {actual}, {recorded_by} records {sha256} ({changed})"
        if mode == "strict":
            raise DataError(shown, problem + "; set DATA_VERIFY=warn to proceed with a changed file")
        warnings.warn(f"{shown}: {problem}; proceeding because DATA_VERIFY=warn", DataWarning, stacklevel=3)
    return path


def verify_all() -> list[tuple[str, str]]:
    """Verify every catalogued file; returns (path, status) pairs, raising on the first failure."""
    results = []
    for file_id, item in catalogue().items():
        verified_path(file_id)
        results.append((item.path, "ok"))
    return results
