"""The one cache: every result computed from the data is kept here, in the
process and (for the results several processes share) on disk, under a key made
of everything it could depend on.

One decorator, :func:`cached`, covers both places::

    @cached                      # kept in the process
    def parsed_file(): ...

    @cached(disk=True)           # also on disk, shared by the build's processes
    def chapter_facts(): ...

The key of a result is

- the function and its arguments: plain values (numbers, strings, ``None``, and
  tuples or frozensets of them), or an object with a stable ``cache_key()``
  method, or one whose type has a key function registered with
  :func:`register_key`. Anything else (a data frame, whose repr is abbreviated)
  is refused, since two different values could share a key;
- the *method variant* in force (:func:`method_variant`), so a chapter that
  shows what another choice of method would give never mixes its results with
  the book's own. A function declared ``variants=False`` (the data layer's
  readers, which sit below the analysis that reads a variant) is computed and
  kept as under the book's own methods whatever variant is in force, with
  everything it calls: a variant then computes only what it changes;
- the state of the inputs, from the providers registered with
  :func:`register_inputs` (the data layer registers the data directory, the
  verification mode, the catalogue and every data file): in the process their
  cheap *stamp* (sizes and times), on disk their *digest* (SHA-256 of the
  contents), computed again only when the stamp changes. The stamp is taken once
  per outermost cached call and serves every cached call made while it computes
  (the inputs do not change under a computation; taking the stamp of every data
  file again for each of a build's thousands of nested calls cost about a
  twentieth of it);
- on disk also the package's own source (:func:`package_sources`) and the
  versions of every installed library, so a changed measure or an upgraded
  pandas gives new keys and nothing stale is served.

This module knows no type of the book's domain: that is what lets every layer
use it without an import cycle.

**Copies.** Every call returns its own copy of the result (``copy.deepcopy``;
a pandas frame is copied with its data), so no caller can change what another
caller, or the cache, holds; a result that cannot be changed (a number, a
string, bytes, a tuple or frozen dataclass of those) is handed out as it is.

**Disk.** Results are stored with ``diskcache`` in ``PLACEBLIND_CACHE``
(default ``_build/.placeblind-cache``), which keeps at most
``PLACEBLIND_CACHE_MB`` megabytes (default 400): past that, the entries stored
longest ago are removed first, and those are the entries of earlier sources
and data, whose keys will never be asked for again. A process that asks for a
result another process is computing waits for it (an exclusive ``flock`` on a
lock file per result, released by the system even when the holder crashes)
instead of computing it twice.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import functools
import hashlib
import inspect
import os
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

from . import cache_locks as locks
from . import config
from .errors import SettingsError

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_MEGABYTES = 400
_PLAIN = (int, float, str, bool, bytes, type(None))

# --------------------------------------------------------------------------
# Method variants


_VARIANT: contextvars.ContextVar[str] = contextvars.ContextVar("placeblind_method_variant", default="")
# The inputs' state taken by the outermost cached call in progress (None outside one).
_INPUT_STATE: contextvars.ContextVar[tuple | None] = contextvars.ContextVar("placeblind_input_state", default=None)


def current_variant() -> str:
    """The method variant results are being computed under ("" for the book's own methods)."""
    return _VARIANT.get()


@contextlib.contextmanager
def method_variant(name: str):
    """Compute everything inside the block under the method variant ``name``
    (read by the analysis that offers it): its name is part of every key."""
    if not name:
        raise ValueError("a method variant needs a name")
    token = _VARIANT.set(name)
    try:
        yield
    finally:
        _VARIANT.reset(token)


# --------------------------------------------------------------------------
# What a result depends on


_INPUTS: dict[str, tuple[Callable[[], Hashable], Callable[[], str]]] = {}
_KEY_FUNCTIONS: dict[type, Callable[[object], object]] = {}


def register_inputs(name: str, stamp: Callable[[], Hashable], digest: Callable[[], str]) -> Callable[[], None]:
    """Make every result depend on an input: ``stamp()`` is cheap and changes whenever
    the input may have (sizes and times), ``digest()`` says what the input holds
    (the disk key); it is called again only when the stamp changes, and may raise
    (a missing or altered file) so that no result is served from a bad input.
    Returns a function that removes the input again (for a test's own input)."""
    _INPUTS[name] = (stamp, digest)
    return lambda: _INPUTS.pop(name, None)


def register_key(kind: type, key: Callable[[object], object]) -> None:
    """Let arguments of type ``kind`` be part of a key through ``key(value)``,
    which must return plain values that say everything about the value."""
    _KEY_FUNCTIONS[kind] = key


def _input_state() -> tuple:
    if not _INPUTS:
        # A key taken now would leave the data out, and a result computed from
        # changed data would be served under it: the data layer registers them
        # when imported (``placeblind.data.inputs``), so import it first.
        raise RuntimeError("a cached result was asked for before any input was registered "
                           "(import placeblind.data.inputs first)")
    return tuple((name, function()) for name, (function, _) in sorted(_INPUTS.items()))


def stamp() -> tuple:
    """The cheap state of every registered input and the method variant (the process
    key); inside a cached computation, the inputs' state its outermost call took."""
    state = _INPUT_STATE.get()
    return (current_variant(), *(state if state is not None else _input_state()))


_DIGESTS: dict[tuple, str] = {}


def inputs_digest() -> str:
    """SHA-256 of the package source, the installed libraries' versions and every
    registered input's digest (the disk key); recomputed when an input's stamp changes."""
    now = stamp()[1:]
    if now not in _DIGESTS:
        digest = hashlib.sha256(_source_digest().encode())
        digest.update(_libraries_digest().encode())
        for name, (_, function) in sorted(_INPUTS.items()):
            digest.update(name.encode())
            digest.update(function().encode())
        _DIGESTS.clear()
        _DIGESTS[now] = digest.hexdigest()
    return _DIGESTS[now]


def package_sources() -> list[Path]:
    """Every file of the package that a result can depend on: the modules and the
    declarative fact tables among them (``publishing/fact_tables/*.py``)."""
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


@functools.lru_cache(maxsize=1)  # the source does not change under a running process
def _source_digest() -> str:
    digest = hashlib.sha256()
    for source in package_sources():
        digest.update(str(source.relative_to(PACKAGE_DIR)).encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)  # nor do the installed libraries
def _libraries_digest() -> str:
    """Python's version and every installed distribution's name and version (the
    pins of ``requirements.txt`` as installed, and anything installed beside them),
    read from the names of the ``*.dist-info`` folders on the path (``name-version``):
    a listing per folder, where reading each distribution's metadata takes ~0.4 s."""
    names = set()
    # Not the working folder (on the path as "" or, under ``python -m``, by name) nor
    # the repository: the package's own build record (placeblind.egg-info, whose
    # source is keyed already) lies there, so ``make tables`` run at the top and a
    # chapter's kernel run in chapters/ would otherwise never share a result.
    own = {os.path.realpath(os.getcwd()), os.path.realpath(config.REPO_ROOT)}
    for folder in sys.path:
        if os.path.realpath(folder or ".") in own:
            continue
        with contextlib.suppress(OSError):
            names |= {entry for entry in os.listdir(folder or ".") if entry.endswith((".dist-info", ".egg-info"))}
    return hashlib.sha256("\n".join([sys.version, *sorted(names)]).encode()).hexdigest()


def argument_key(value) -> str:
    """The text that stands for one argument in a key (see the module note)."""
    if isinstance(value, _PLAIN):
        return repr(value)
    if isinstance(value, (tuple, frozenset)):
        parts = [argument_key(v) for v in value]
        return f"{type(value).__name__}({', '.join(sorted(parts) if isinstance(value, frozenset) else parts)})"
    for kind, function in _KEY_FUNCTIONS.items():
        if isinstance(value, kind):
            return f"{kind.__qualname__}{argument_key(function(value))}"
    method = getattr(type(value), "cache_key", None)
    if callable(method):
        return f"{type(value).__qualname__}{argument_key(method(value))}"
    raise TypeError(f"a cached function's arguments must be plain values or have a cache_key(), "
                    f"not {type(value).__name__} ({value!r:.60})")


# --------------------------------------------------------------------------
# The decorator


_ALL: list = []  # every cached function, for clear()


def cached(function=None, *, disk: bool = False, inputs: bool = True, maxsize: int | None = 8,
           variants: bool | Callable[..., bool] = True):
    """Keep ``function``'s results (see the module note). ``disk``: also on disk, for
    results the build's processes share; ``inputs=False``: the arguments alone are the
    key (for the functions the inputs' own state is read through, such as a file's
    hash keyed on its size and time); ``maxsize``: results kept in the process (the
    least recently used go first; ``None`` for no limit); ``variants=False``: the
    result is the same under every method variant (it reads none, nor does anything
    it calls), so it is computed under the book's own methods (the data layer's
    readers: under the 2019-shares variant they were read again, a second or more
    of ``make tables``); a callable ``variants(*args, **kwargs)`` decides call by call
    (False: this call's result is the same under every variant, such as a reading of
    a vintage no variant changes)."""
    if function is None:
        return functools.partial(cached, disk=disk, inputs=inputs, maxsize=maxsize, variants=variants)
    signature = inspect.signature(function)
    name = f"{function.__module__}.{function.__qualname__}"
    results: OrderedDict = OrderedDict()
    guard = threading.Lock()

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if _VARIANT.get() and not (variants(*args, **kwargs) if callable(variants) else variants):
            token = _VARIANT.set("")
            try:
                return wrapper(*args, **kwargs)
            finally:
                _VARIANT.reset(token)
        if not inputs or _INPUT_STATE.get() is not None:  # (the stamp itself reads inputs=False functions)
            return lookup(*args, **kwargs)
        token = _INPUT_STATE.set(_input_state())  # the outermost call: one stamp for all it calls
        try:
            return lookup(*args, **kwargs)
        finally:
            _INPUT_STATE.reset(token)

    def lookup(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = argument_key(tuple(bound.arguments.values()))
        key = (stamp() if inputs else (), arguments)
        with guard:
            if key in results:
                results.move_to_end(key)
                value, shared = results[key]
                return value if shared else copy.deepcopy(value)
        if disk:
            value = _from_disk(name, arguments, lambda: function(*args, **kwargs))
        else:
            value = function(*args, **kwargs)
        shared = _immutable(value)  # decided once: an immutable result is handed out as it is
        with guard:
            results[key] = (value, shared)
            if maxsize is not None and len(results) > maxsize:
                results.popitem(last=False)
        return value if shared else copy.deepcopy(value)

    wrapper.cache_clear = results.clear
    wrapper.uncached = function
    wrapper.disk_key = lambda *args, **kwargs: _disk_key(name, argument_key(tuple(
        _bound(signature, args, kwargs))))
    wrapper.on_disk = lambda *args, **kwargs: wrapper.disk_key(*args, **kwargs) in store()  # computes nothing
    _ALL.append(wrapper)
    return wrapper


def _bound(signature, args, kwargs):
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    return bound.arguments.values()


def _immutable(value) -> bool:
    """Plain values, and tuples, frozensets and frozen dataclasses made of them only."""
    if isinstance(value, _PLAIN):
        return True
    if isinstance(value, (tuple, frozenset)):
        return all(_immutable(v) for v in value)
    parameters = getattr(type(value), "__dataclass_params__", None)
    if parameters is not None and parameters.frozen:
        return all(_immutable(getattr(value, f)) for f in value.__dataclass_fields__)
    return False


def clear() -> None:
    """Forget every result kept in this process (the disk keeps its own)."""
    for wrapper in _ALL:
        wrapper.cache_clear()
    _DIGESTS.clear()


# --------------------------------------------------------------------------
# Disk


def cache_dir() -> Path:
    """``PLACEBLIND_CACHE``, default ``_build/.placeblind-cache``."""
    configured = os.environ.get("PLACEBLIND_CACHE")
    path = Path(configured) if configured else config.REPO_ROOT / "_build" / ".placeblind-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def size_limit() -> int:
    """Bytes the disk cache may hold (``PLACEBLIND_CACHE_MB``, default 400)."""
    configured = os.environ.get("PLACEBLIND_CACHE_MB", "").strip()
    megabytes = float(configured) if configured else DEFAULT_MEGABYTES
    if megabytes <= 0:
        raise SettingsError(f"PLACEBLIND_CACHE_MB must be a positive number, not {configured!r}")
    return int(megabytes * 1024 * 1024)


_STORES: dict[tuple[str, int], object] = {}
_SWEPT: set[Path] = set()  # the cache folders whose old lock files this process has removed


def store():
    """The disk store of ``cache_dir()`` (one ``diskcache.Cache`` per folder and limit)."""
    import diskcache

    folder, limit = str(cache_dir()), size_limit()
    if (folder, limit) not in _STORES:
        # Least recently *stored* first: an entry keyed on an earlier source or data
        # is never stored again, so it goes before the current build's; reads stay read-only.
        # Pruned here (prune()), not by diskcache's own culling, which removes ten
        # entries at a time and can take the one just stored.
        _STORES[(folder, limit)] = diskcache.Cache(folder, eviction_policy="none")
        prune()
    return _STORES[(folder, limit)]


def prune() -> None:
    """Remove the entries stored longest ago until the disk cache is within its
    limit (an entry is stored once and never rewritten, so those are the entries of
    earlier sources and data), and, once per process, the lock files nobody has
    used for a week (looking at every lock after each of a build's hundreds of
    stores cost about half a second)."""
    stored, limit = store(), size_limit()
    if stored.volume() > limit:
        for key in list(stored):  # diskcache iterates in the order entries were stored
            stored.delete(key)
            if stored.volume() <= limit:
                break
    if cache_dir() in _SWEPT:
        return
    _SWEPT.add(cache_dir())
    week_ago = time.time() - 7 * 24 * 3600
    for lock in (cache_dir() / "locks").glob("*.lock"):
        with contextlib.suppress(FileNotFoundError):
            if lock.stat().st_mtime < week_ago:
                lock.unlink()


def _disk_key(name: str, arguments: str) -> str:
    variant = current_variant()
    return "|".join([name, arguments, variant, inputs_digest()])


_MISSING = object()


def _lock_path(key: str) -> Path:
    return cache_dir() / "locks" / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.lock"


def in_progress(key: str) -> bool:
    """Whether a process is computing the disk result ``key`` right now (holds its lock)."""
    return locks.held(_lock_path(key))


def _from_disk(name: str, arguments: str, compute):
    key = _disk_key(name, arguments)
    cache = store()
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = locks.await_filling(cache_dir(), lambda: cache.get(key, _MISSING), key, _MISSING)
    if value is not _MISSING:
        return value
    with locks.locked(_lock_path(key)):
        value = cache.get(key, _MISSING)  # computed by another process while this one waited
        if value is not _MISSING:
            return value
        value = compute()
        cache.set(key, value)
    prune()
    return value


# --------------------------------------------------------------------------
# Filling the cache ahead of its readers (the mechanism is in cache_locks)

AWAIT_FILLING = locks.AWAIT_FILLING


def filling():
    """Mark this process (and the processes it forks) as filling the disk cache
    while the block runs (:func:`placeblind.cache_locks.filling`)."""
    return locks.filling(cache_dir())


def wanted() -> list[str]:
    """The disk keys readers are waiting for while this process fills the cache,
    oldest first (:func:`placeblind.cache_locks.wanted`)."""
    return locks.wanted(cache_dir())


def want(key: str) -> None:
    """Tell the process filling the cache that a reader waits for ``key``."""
    locks.want(cache_dir(), key)


is_filling = locks.is_filling
