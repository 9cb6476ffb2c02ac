"""One writer at a time: an inter-process lock on the data folder.

`kb ingest`, `kb reindex` and any other writer (the editors' publish) hold
`writing(config)` while they change the database or swap in an index generation.
The lock is an OS file lock (flock) through the filelock library, so the kernel
releases it when a writer dies, even by SIGKILL. It is re-entrant within one
thread (rebuild inside ingest) and exclusive across threads and processes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout

from kb.config import Config
from kb.storage import storage_error

LOCK_FILE = "writer.lock"


class Busy(Exception):
    """Another process kept the data folder's writer lock for longer than we would wait."""


def _lock(config: Config) -> FileLock:
    return FileLock(str(config.data_dir / LOCK_FILE), is_singleton=True)


@contextmanager
def writing(config: Config, wait: float | None = None,
            on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the data folder's writer lock; wait at most `wait` seconds (the setting
    KB_LOCK_SECONDS when None) for another writer, calling on_wait once if it must wait."""
    wait = config.lock_seconds if wait is None else wait
    try:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        lock = _lock(config)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait is not None:
                on_wait()
            lock.acquire(timeout=wait)
    except Timeout:
        raise Busy(f"en annen prosess skriver til basen i {config.data_dir} (kb ingest, "
                   f"kb reindex eller en publisering), og den ble ikke ferdig på {wait:g} "
                   "sekunder. Prøv igjen når den er ferdig, eller øk KB_LOCK_SECONDS.") from None
    except OSError as error:
        raise storage_error(error, config.data_dir) from error
    try:
        yield
    finally:
        lock.release()


def busy(config: Config) -> bool:
    """Say whether another thread or process holds the writer lock right now."""
    path = config.data_dir / LOCK_FILE
    if not path.exists():
        return False
    lock = _lock(config)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    except OSError:
        return False
    lock.release()
    return False
