"""Files fetched from the official API, and their record.

``python -m placeblind fetch`` writes each response into ``DATA_DIR/nomis/`` and
records it in ``DATA_DIR/nomis/FETCHED.csv``: the file, the exact query URL, the
retrieval time (UTC), the data row count and the SHA-256. A build then verifies
a fetched file against that record exactly as a catalogued file is verified
against the catalogue (``DATA_VERIFY`` applies). Without the folder nothing
here changes a build.

This module reads and writes the record only; the download and the checks of a
response are in :mod:`placeblind.data.nomis`. It keeps no results of its own,
so the cache can key results on the record's state.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import config
from ..errors import DataError
from .catalogue import file_sha256, verified

FOLDER = "nomis"
RECORD_NAME = "FETCHED.csv"
RECORD_FIELDS = ("file", "query", "retrieved_utc", "data_rows", "sha256")


@dataclass(frozen=True)
class FetchRecord:
    file: str  # name inside DATA_DIR/nomis/
    query: str
    retrieved_utc: str
    data_rows: int
    sha256: str


def folder() -> Path:
    """``DATA_DIR/nomis`` (it need not exist)."""
    return config.data_dir() / FOLDER


def record_path() -> Path:
    return folder() / RECORD_NAME


def records() -> dict[str, FetchRecord]:
    """Every recorded fetch by file name; empty when nothing was fetched."""
    path = record_path()
    if not path.is_file():
        return {}
    shown = f"{FOLDER}/{RECORD_NAME}"
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != RECORD_FIELDS:
            raise DataError(shown, f"columns are {reader.fieldnames}, expected {list(RECORD_FIELDS)}")
        out = {}
        for line, row in enumerate(reader, start=2):
            try:
                row["data_rows"] = int(row["data_rows"])
            except (TypeError, ValueError):
                raise DataError(shown, f"line {line}: data_rows {row['data_rows']!r} is not a whole number") from None
            if row["file"] in out:
                raise DataError(shown, f"line {line}: {row['file']} is recorded twice")
            out[row["file"]] = FetchRecord(**row)
    return out


def write_record(record: FetchRecord) -> None:
    """Add or replace the record of ``record.file``, rewriting the record file
    through a temporary file so that it is never half written."""
    entries = records()
    entries[record.file] = record
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECORD_FIELDS, lineterminator="\n")
    writer.writeheader()
    for name in sorted(entries):
        writer.writerow(asdict(entries[name]))
    replace_atomically(record_path(), buffer.getvalue().encode("utf-8"))


def replace_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then move it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def verified_fetched_path(name: str) -> Path:
    """The path of a fetched file after checking it against its record.

    A missing file is an error; a SHA-256 other than the recorded one is an
    error under ``DATA_VERIFY=strict`` and a :class:`DataWarning` under ``warn``.
    """
    config.verify_mode()  # a mistyped DATA_VERIFY fails at once, not only on a mismatch
    shown = f"{FOLDER}/{name}"
    entry = records().get(name)
    if entry is None:
        raise DataError(shown, f"not recorded in {FOLDER}/{RECORD_NAME}; fetch it with python -m placeblind fetch")
    record = f"{FOLDER}/{RECORD_NAME}"
    return verified(folder() / name, shown, entry.sha256, record, "file changed since it was fetched",
                    f"recorded in {record} but missing from {folder()}")


def fetched_state() -> tuple:
    """What results computed from fetched files depend on: the record's and each
    recorded file's size and modification time (empty when nothing was fetched)."""
    path = record_path()
    if not path.is_file():
        return ()
    state = [_stat(path)]
    state += [(name, _stat(folder() / name)) for name in sorted(records())]
    return tuple(state)


def fetched_digest_parts() -> list[bytes]:
    """The record and the SHA-256 of every recorded file (each verified on the
    way), for the disk cache's key; empty when nothing was fetched."""
    path = record_path()
    if not path.is_file():
        return []
    parts = [path.read_bytes()]
    for name in sorted(records()):
        parts.append(name.encode() + file_sha256(verified_fetched_path(name)).encode())
    return parts


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_size, info.st_mtime_ns
