"""Atomic writes: an output file is either the old one or the complete new one, never half.
A failure leaves no temp file behind and says in Vietnamese what the user can do."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

from ttdn_desktop.util.storage_errors import StorageError, os_error_message


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, mode: int | None = None):
    """Yields a temporary path beside `target`; on success it replaces `target`, on error it
    is removed and `target` is left as it was. OSError becomes a StorageError. `mode`: the
    permissions of the result (default: the usual ones for a new file, or those of the file
    replaced)."""
    target = Path(target)
    if target.is_dir():
        raise StorageError(f"Không ghi được: «{target}» là một thư mục. Hãy chọn hoặc gõ tên "
                           "một tệp.")
    temp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        yield Path(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); an export should get the usual permissions.
        os.chmod(temp, _default_mode(target) if mode is None else mode)
        os.replace(temp, target)
    except BaseException as error:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if isinstance(error, OSError):
            raise StorageError(os_error_message(error, target)) from None
        raise


def _default_mode(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_bytes_atomic(target: str | os.PathLike, data: bytes, mode: int | None = None) -> Path:
    with atomic_path(target, mode) as temp:
        with open(temp, "wb") as handle:
            handle.write(data)
    return Path(target)


def save_atomic(target: str | os.PathLike, save) -> Path:
    """`save(stream)` (python-docx, openpyxl) into memory first, then written atomically: a
    zip writer failing on a full disk would otherwise leave its ZipFile to complain on stderr
    when collected."""
    buffer = io.BytesIO()
    try:
        save(buffer)
    except OSError as error:
        raise StorageError(os_error_message(error, target)) from None
    return write_bytes_atomic(target, buffer.getvalue())
