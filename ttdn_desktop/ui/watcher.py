"""Changes made to the database from outside the window (the `ttdn` command line, a second
program, a restored backup): noticed by polling SQLite's data_version, and announced through
the operations' one change signal, so every view reloads as after its own operations."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from ttdn_desktop.core.changes import EVERYTHING
from ttdn_desktop.ui.operations import Changes
from ttdn_desktop.ui.ops.setup import data_version

POLL_MS = 2000


class OutsideChanges(QObject):
    """data_version is read on the worker's own connection, in the worker (the UI thread
    never waits on SQLite): it moves when another connection commits, never for the
    worker's own commits, so every move is someone else's. A poll is skipped while the
    previous one is still queued behind other work."""

    def __init__(self, workspace, ops, parent=None, interval: int = POLL_MS):
        super().__init__(parent)
        self.ops = ops
        self.seen: int | None = None
        self.asking = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.check()  # the version the window starts from

    def check(self) -> None:
        """Ask the worker for the version; an outside change is announced when it answers."""
        if self.asking or self.ops.closed:
            return
        self.asking = True
        self.ops.run(data_version(), on_done=self._answered, on_error=self._unanswered)

    def _unanswered(self, _message: str) -> None:  # a closed or busy database: next time
        self.asking = False

    def _answered(self, version: int) -> None:
        self.asking = False
        before, self.seen = self.seen, version
        if before is not None and version != before:
            self.ops.notify(Changes.of(EVERYTHING, source=self))

    def stop(self) -> None:
        self.timer.stop()
