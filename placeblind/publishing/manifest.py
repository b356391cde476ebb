"""The provenance of a set of outputs: ``MANIFEST.csv`` beside the tables, and
the notice on every page of a build whose data did not match the catalogue.

One row per input the run could read: every catalogued file and every file
fetched from the official API (``DATA_DIR/nomis/``), with its path in the data
directory, its SHA-256 as found, the SHA-256 it should have (the catalogue's,
or the fetch record's), whether the two match, and on every row the settings
that made the run: ``DATA_VERIFY``, the data directory, the package version and
the git commit (empty outside a git checkout; ``-dirty`` when tracked files
differ from it). Under ``DATA_VERIFY=strict`` every row matches (a mismatch
stops the run); under ``warn`` a changed file is a row with ``matches`` false,
and :func:`changed_inputs` names it for the page banner.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pandas as pd

from .. import config
from ..data import fetched
from ..data.catalogue import catalogue, file_sha256

NAME = "MANIFEST"
COLUMNS = ["input", "path", "sha256", "expected_sha256", "matches", "data_verify", "data_dir",
           "package_version", "git_commit"]


def git_commit(root: Path | None = None) -> str:
    """The commit the repository is at, '' outside a git checkout (or without git)."""
    root = Path(root or config.REPO_ROOT)
    if not (root / ".git").exists():  # never a commit of some enclosing repository
        return ""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # a status that never writes the index
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                                check=True, env=env).stdout.strip()
        changed = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                                 capture_output=True, text=True, check=True, env=env).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return commit + ("-dirty" if changed else "")


def _shown_data_dir() -> str:
    """The data directory, relative to the repository when inside it (``data`` by default)."""
    data = config.data_dir()
    try:
        return data.relative_to(config.REPO_ROOT.resolve()).as_posix()
    except ValueError:
        return str(data)


def input_states() -> pd.DataFrame:
    """Every input as found now: input (catalogue id or ``fetched``), path, sha256
    (empty for a missing file), expected_sha256, matches."""
    data = config.data_dir()
    rows = []
    for item in catalogue().values():
        path = data / item.path
        found = file_sha256(path) if path.is_file() else ""
        rows.append({"input": item.id, "path": item.path, "sha256": found, "expected_sha256": item.sha256})
    for name, record in sorted(fetched.records().items()):
        path = fetched.folder() / name
        found = file_sha256(path) if path.is_file() else ""
        rows.append({"input": "fetched", "path": f"{fetched.FOLDER}/{name}", "sha256": found,
                     "expected_sha256": record.sha256})
    frame = pd.DataFrame(rows, columns=["input", "path", "sha256", "expected_sha256"])
    frame["matches"] = frame["sha256"] == frame["expected_sha256"]
    return frame


def changed_inputs() -> list[str]:
    """The paths of the inputs that do not match the catalogue or their fetch record."""
    states = input_states()
    return states.loc[~states["matches"], "path"].tolist()


def manifest() -> pd.DataFrame:
    """``MANIFEST.csv``: the inputs (:func:`input_states`) and the run's settings on every row."""
    frame = input_states()
    frame["data_verify"] = config.verify_mode()
    frame["data_dir"] = _shown_data_dir()
    frame["package_version"] = config.package_version()
    frame["git_commit"] = git_commit()
    return frame[COLUMNS]


def banner_html(changed: list[str]) -> str:
    """The notice every page of a build from changed data carries ('' when nothing changed)."""
    if not changed:
        return ""
    shown = ", ".join(f"<code>{path}</code>" for path in changed[:5]) + (" and more" if len(changed) > 5 else "")
    return (f"<strong>Not the published results.</strong> This build read {len(changed)} data "
            f"file{'s' if len(changed) > 1 else ''} that do not match the catalogue ({shown}; "
            f"<code>DATA_VERIFY={config.verify_mode()}</code>). Every number on these pages comes from the "
            f"changed data; see <code>MANIFEST.csv</code> beside the tables.")
