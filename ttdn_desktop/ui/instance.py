"""One app per database: a second start on the same database hands over to the first (which
comes to the front) or, if the first cannot be reached, is refused politely.

The lock is taken before the first paint; the hand-over (ui/handover.py: QtNetwork and hashlib,
~12 ms) waits until it is asked for: in listen(), which the window calls a moment after its page
is up (ui/app.py: nothing of it is needed to type), or in hand_over() by a second start, which
keeps asking while the first is still starting. The first paint imports this module."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal

from ttdn_desktop.util.storage_errors import StorageError, os_error_message


LISTEN_AFTER_MS = 1000   # after the page is up: later starts wait for it (hand_over)
LISTEN_LATEST_MS = 2500  # after the first paint, however long the page takes
STARTING_MS = 8000      # how long a later start waits for a first one still starting


def _handover():
    """ui/handover.py, imported when the hand-over is first needed (module docstring)."""
    from ttdn_desktop.ui import handover
    return handover


class InstanceGuard(QObject):
    """Holds the lock of one database. `activated` fires when another start hands over."""

    activated = Signal()

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.lock = QLockFile(str(self.db_path) + ".lock")
        self.lock.setStaleLockTime(0)  # a crashed holder's lock is taken over, by its pid
        self.server = None

    def acquire(self, listen: bool = True) -> bool:
        """True if we hold the lock, False if another window does. StorageError if the lock
        cannot be written at all (a read-only folder), which is not "open elsewhere".
        `listen`: also answer later starts at once (else call listen() when ready)."""
        try:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(os_error_message(error, self.db_path)) from None
        if not self.lock.tryLock(100):
            if self.lock.error() == QLockFile.LockError.LockFailedError:
                return False
            folder = self.db_path.parent
            raise StorageError(f"Không có quyền ghi vào thư mục «{folder}» chứa cơ sở dữ liệu "
                               "(thư mục hoặc ổ đĩa chỉ cho đọc). Hãy chép tệp cơ sở dữ liệu "
                               "sang thư mục bạn có quyền ghi (ví dụ thư mục Tài liệu) rồi mở "
                               "từ đó.")
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer a later start on the same database, which asks this window to come first."""
        if self.server is None:
            self.server = _handover().listen(self.db_path, self, self.activated.emit)

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()


def hand_over(db_path: Path, timeout_ms: int = 1000, starting_ms: int = STARTING_MS) -> bool:
    """Ask the instance holding `db_path` to come to the front. True if it answered. One that
    is still starting answers once its page is up: it is asked again for `starting_ms`."""
    end = time.monotonic() + starting_ms / 1000
    while not _handover().hand_over(db_path, timeout_ms):
        if time.monotonic() >= end:
            return False
        time.sleep(0.1)
    return True
