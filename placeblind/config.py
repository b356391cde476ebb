"""Where the data, the catalogue and the exported tables live.

Two environment variables steer a run:

- ``DATA_DIR``: the folder holding the data. Defaults to the repository's own
  ``data/`` (the data travel with the book, issue 19); set it to read a revised
  release laid out the same way (the catalogue's paths and names).
- ``DATA_VERIFY``: ``strict`` (default) stops on a checksum mismatch;
  ``warn`` proceeds with a warning naming each changed file. Every other
  check still applies in both modes.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataError, SettingsError

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_PATH = REPO_ROOT / "data" / "catalogue.csv"
VERIFY_MODES = ("strict", "warn")


def data_dir() -> Path:
    """The data directory, from ``DATA_DIR`` or the repository's ``data/``."""
    configured = os.environ.get("DATA_DIR")
    if configured:
        path = Path(configured).expanduser().resolve()
        if not path.is_dir():
            raise DataError(str(path), "DATA_DIR does not name an existing directory")
        return path
    default = (REPO_ROOT / "data").resolve()
    if default.is_dir():
        return default
    raise DataError(
        str(default),
        "no data directory: the repository's data/ folder is missing; set DATA_DIR to a folder holding the data",
    )


def verify_mode() -> str:
    """``strict`` or ``warn``, from ``DATA_VERIFY``."""
    mode = os.environ.get("DATA_VERIFY", "strict").strip().lower()
    if mode not in VERIFY_MODES:
        raise SettingsError(f"DATA_VERIFY must be one of {VERIFY_MODES}, not {mode!r}")
    return mode


def tables_dir() -> Path:
    """Where table CSVs are written (``TABLES_DIR``, default ``_build/tables``)."""
    configured = os.environ.get("TABLES_DIR")
    path = Path(configured) if configured else REPO_ROOT / "_build" / "tables"
    path.mkdir(parents=True, exist_ok=True)
    return path


def figures_dir() -> Path:
    """Where figure files are written (``FIGURES_DIR``, default ``figures/``)."""
    configured = os.environ.get("FIGURES_DIR")
    path = Path(configured) if configured else REPO_ROOT / "figures"
    path.mkdir(parents=True, exist_ok=True)
    return path


def package_version() -> str:
    """The package's version, as the repository's ``pyproject.toml`` gives it (the
    copy's own in a copy of the repository, whatever is installed)."""
    import tomllib

    with open(REPO_ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def whole_number_setting(name: str, default: int, unit: str) -> int:
    """A setting that counts something (``BOOK_JOBS``, ``NOMIS_ROW_LIMIT``): the
    environment variable ``name`` as a whole number of ``unit``, 1 or more, else
    ``default``; anything else is a settings mistake naming the variable."""
    configured = os.environ.get(name, "").strip()
    if not configured:
        return default
    if not configured.isdigit() or int(configured) < 1:
        raise SettingsError(f"{name} must be a whole number of {unit}, 1 or more, not {configured!r}")
    return int(configured)
