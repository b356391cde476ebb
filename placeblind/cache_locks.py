"""The cache's locks between processes (:mod:`placeblind.cache` uses them).

- **A result's lock** (:func:`locked`): a process that computes a result holds an
  exclusive ``flock`` on a file of its own; another process that asks for the
  same result waits for it and then reads what the first stored.
- **The filler's mark** (:func:`filling`): a process that fills the cache for
  others, as ``make book`` computes the chapters' results while Sphinx reads
  them, holds an exclusive ``flock`` on ``locks/filling.lock`` while it works.
  A reader started with :data:`AWAIT_FILLING` in its environment that misses a
  result meanwhile waits until the result is stored or the filler ends
  (:func:`await_filling`) rather than compute it again, and writes the key it
  waits for to ``locks/wanted.txt`` (:func:`wanted`), so the filler can take it
  next.

A ``flock`` is released by the system when its holder exits, even by a crash or
a kill, so no lock outlives its process. Like the cache, this module knows no
type of the book's domain; it is given the cache's folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

# Set in the environment of processes that read results another process is filling.
AWAIT_FILLING = "PLACEBLIND_AWAIT_FILLING"
POLL_SECONDS = 0.05  # how often a waiting reader looks for its result (a disk read, ~0.1 ms)
_FILLING = False  # True in a process that fills the cache, and in the workers it forks


@contextlib.contextmanager
def locked(path: Path):
    """An exclusive lock on ``path`` (released when the holder exits, even by a crash)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        os.utime(path)  # in use: the cache's pruning leaves it
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def held(path: Path) -> bool:
    """Whether a process holds the lock :func:`locked` takes on ``path``."""
    try:
        handle = open(path)
    except FileNotFoundError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def _mark(folder: Path) -> Path:
    return folder / "locks" / "filling.lock"


def _wanted_file(folder: Path) -> Path:
    return folder / "locks" / "wanted.txt"


@contextlib.contextmanager
def filling(folder: Path):
    """Mark this process, and the processes it forks inside the block, as filling
    the cache in ``folder`` (see the module note); the list of wanted keys starts
    empty."""
    global _FILLING
    with locked(_mark(folder)):
        _wanted_file(folder).write_text("")
        _FILLING = True
        try:
            yield
        finally:
            _FILLING = False


def is_filling() -> bool:
    """Whether this process fills the cache (inside :func:`filling`, or forked there)."""
    return _FILLING


def wanted(folder: Path) -> list[str]:
    """The keys readers have waited for since the filler of ``folder`` started,
    oldest first."""
    try:
        return _wanted_file(folder).read_text().splitlines()
    except FileNotFoundError:
        return []


def want(folder: Path, key: str) -> None:
    """Tell the filler of ``folder`` that a reader waits for ``key`` (one line,
    appended whole: ``O_APPEND`` keeps two readers' lines apart)."""
    with open(_wanted_file(folder), "a") as handle:
        handle.write(key + "\n")


def await_filling(folder: Path, look: Callable[[], object], key: str, missing: object) -> object:
    """What ``look()`` finds once the filler of ``folder`` has stored ``key``, or
    ``missing`` at once if this process was not told to await a filler, fills the
    cache itself, or no filler runs (then, or when the filler ends without storing
    ``key``, the caller computes it)."""
    if _FILLING or not os.environ.get(AWAIT_FILLING):
        return missing
    _mark(folder).parent.mkdir(parents=True, exist_ok=True)
    told = False
    with open(_mark(folder), "a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:  # the filler works: look again shortly
                value = look()
                if value is not missing:
                    return value
                if not told:
                    want(folder, key)
                    told = True
                time.sleep(POLL_SECONDS)
                continue
            fcntl.flock(handle, fcntl.LOCK_UN)  # no filler (any more): one last look
            return look()
