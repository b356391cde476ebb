"""Tables as CSV files: one at a time (a page's download link) or a whole set
written all or nothing (``python -m placeblind tables``)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import SettingsError


def csv_text(frame: pd.DataFrame) -> str:
    """The CSV form of a table: no index, six significant digits, Unix line ends."""
    return frame.to_csv(index=False, float_format="%.6g", lineterminator="\n")


def write_csv(frame: pd.DataFrame, name: str) -> str:
    """Write ``frame`` as ``<tables_dir>/<name>.csv``; returns the path."""
    return write_csv_text(csv_text(frame), name)


def write_csv_text(text: str, name: str) -> str:
    """Write ``text`` (a table's ``csv_text``) as ``<tables_dir>/<name>.csv``; returns the path."""
    path = config.tables_dir() / f"{name}.csv"
    # Rewrite only on change: the site's download links depend on these files,
    # and a new mtime would make the next build re-execute every chapter.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return str(path)


def write_tables(frames: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    """Write every frame as ``<out>/<name>.csv``, all or nothing.

    The files are written into a new folder beside ``out``, which replaces
    ``out`` only once every file is there, so no reader ever sees a half-written
    set. ``out`` belongs to this command: it must hold nothing but CSV files. A
    file whose content is unchanged keeps its modification time (the book's
    download links depend on it).
    """
    out = Path(out).resolve()
    if out.exists():
        foreign = [p.name for p in out.iterdir() if p.suffix != ".csv"]
        if foreign:
            raise SettingsError(f"{out} holds files other than tables ({', '.join(sorted(foreign)[:3])}); "
                             "name a new or empty folder with --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    try:
        for name, frame in frames.items():
            text, target, previous = csv_text(frame), staging / f"{name}.csv", out / f"{name}.csv"
            if previous.is_file() and previous.read_text(encoding="utf-8") == text:
                shutil.copy2(previous, target)
            else:
                target.write_text(text, encoding="utf-8")
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            os.replace(out, retired / out.name)
            os.replace(staging, out)
            shutil.rmtree(retired)
        else:
            os.replace(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / f"{name}.csv" for name in frames]


def remove_tables(names: list[str], out: Path) -> list[Path]:
    """After a failed run: remove the earlier run's copies of these tables from
    ``out``, which would otherwise look current. Returns what was removed."""
    removed = []
    for name in names:
        path = Path(out) / f"{name}.csv"
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed
