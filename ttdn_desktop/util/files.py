"""Atomic writes: an output file is either the old one or the complete new one, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, mode: int | None = None):
    """Yields a temporary path beside `target`; on success it replaces `target`, on error it
    is removed and `target` is left as it was. `mode`: the permissions of the result (default:
    the usual ones for a new file, or those of the file replaced)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); an export should get the usual permissions.
        os.chmod(temp, _default_mode(target) if mode is None else mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _default_mode(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_bytes_atomic(target: str | os.PathLike, data: bytes, mode: int | None = None) -> Path:
    with atomic_path(target, mode) as temp:
        temp.write_bytes(data)
    return Path(target)
