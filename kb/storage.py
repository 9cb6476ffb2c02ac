"""Writing to the data folder: what to tell the user when the disk or the folder says no."""
from __future__ import annotations

import errno
import os
from pathlib import Path

REASONS = {
    errno.ENOSPC: "disken er full",
    errno.EDQUOT: "diskkvoten er brukt opp",
    errno.EROFS: "mappen ligger på et skrivebeskyttet filsystem",
    errno.EACCES: "mangler skrivetilgang",
    errno.EPERM: "mangler skrivetilgang",
    errno.EFBIG: "filen blir for stor for filsystemet",
}


class StorageError(OSError):
    """The data folder cannot be written; the message names the folder and the reason."""

    def __str__(self) -> str:
        return self.args[0] if self.args else "kan ikke skrive"


def storage_error(error: OSError, folder: Path) -> StorageError:
    """Return one Norwegian line naming the folder that could not be written, and why."""
    reason = REASONS.get(error.errno or 0, error.strerror or type(error).__name__)
    where = Path(error.filename).parent if error.filename and Path(error.filename).is_absolute() \
        and folder in Path(error.filename).parents else folder
    return StorageError(f"kan ikke skrive i {where}: {reason}. Frigjør plass eller gi "
                        "skrivetilgang, og prøv igjen.")


def write_durably(path: Path, text: str) -> None:
    """Write a small file and flush it to disk before returning."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def flush(path: Path) -> None:
    """Flush a file's contents, or a folder's entries (new, renamed or replaced files), to
    disk."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
