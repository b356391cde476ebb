"""Results that several chapters need, kept on disk between the kernels of a
build, so each is computed once per build rather than once per chapter.

A result is stored under a key made of every input it could depend on: the
package's own source, the catalogue, the verification mode and the SHA-256 of
every catalogued file as it is now (each file is verified on the way). A
changed data file or a changed measure therefore gives a new key, and the
result is computed afresh; nothing stale can be served.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .. import config
from .cache import current_variant
from .catalogue import _cached_sha256, catalogue, verified_path
from .fetched import fetched_digest_parts

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    """``PLACEBLIND_CACHE``, default ``_build/.placeblind-cache``."""
    configured = os.environ.get("PLACEBLIND_CACHE")
    path = Path(configured) if configured else config.REPO_ROOT / "_build" / ".placeblind-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def inputs_fingerprint() -> str:
    """SHA-256 of the package source, the catalogue, the verification mode, every
    catalogued file and every fetched file with its record (each file verified on the way)."""
    digest = hashlib.sha256(_source_digest().encode())
    digest.update(config.CATALOGUE_PATH.read_bytes())
    digest.update(config.verify_mode().encode())
    for file_id in catalogue():
        digest.update(file_id.encode())
        digest.update(_cached_sha256(verified_path(file_id)).encode())
    for part in fetched_digest_parts():  # nothing when no file was fetched
        digest.update(part)
    return digest.hexdigest()


def package_sources() -> list[Path]:
    """Every file of the package that a result can depend on: the modules and the
    declarative tables beside them (``publishing/fact_tables/*.csv``)."""
    return sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts)


@functools.lru_cache(maxsize=1)
def _source_digest() -> str:
    """The package's own source (its modules and the fact tables it ships), read
    once per process (it does not change under a running build)."""
    digest = hashlib.sha256()
    for source in package_sources():
        digest.update(str(source.relative_to(PACKAGE_DIR)).encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def disk_cached(function):
    """Keep ``function(*args)``'s result on disk under the inputs' fingerprint and
    the arguments' repr, so each result is computed once per build by whichever
    process (chapter kernel, the figure warmer, ``make tables``) asks first.

    A process that asks for a result another process is computing waits for it
    (a lock file per result) instead of computing it twice. Arguments must be
    plain values whose repr says everything about them (numbers, strings, a
    Study), never a data frame.
    """

    @functools.wraps(function)
    def wrapper(*args):
        if any(not isinstance(a, (int, float, str, bool, type(None), tuple)) and not _is_study(a) for a in args):
            raise TypeError(f"{function.__qualname__}: disk-cached arguments must be plain values, not {args!r:.60}")
        key = hashlib.sha256(repr(args).encode()).hexdigest()[:12] if args else "-"
        if current_variant():  # a method variant's results are kept apart from the book's own
            key += "-" + hashlib.sha256(current_variant().encode()).hexdigest()[:8]
        path = cache_dir() / f"{function.__module__}.{function.__qualname__}.{key}-{inputs_fingerprint()[:32]}.pickle"
        if path.exists():
            return _load(path)
        with _locked(path.with_suffix(".lock")):
            if path.exists():  # computed by another process while this one waited
                return _load(path)
            result = function(*args)
            # Write then rename, so a reader never sees half a file.
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as fh:
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(fh.name, path)
        return result

    wrapper.uncached = function
    return wrapper


def _is_study(value) -> bool:
    from .study import Study  # the study module reads data through this one

    return isinstance(value, Study)


def _load(path: Path):
    with open(path, "rb") as fh:
        return pickle.load(fh)


@contextlib.contextmanager
def _locked(path: Path):
    """An exclusive lock on ``path`` (released when the holder exits, even by a crash)."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
