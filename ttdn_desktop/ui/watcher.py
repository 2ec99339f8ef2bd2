"""Changes made to the database from outside the window (the `ttdn` command line, a second
program, a restored backup): noticed by polling SQLite's data_version, and announced through
the operations' one change signal, so every view reloads as after its own operations."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from ttdn_desktop.ui.operations import EVERYTHING, Changes

POLL_MS = 2000


class OutsideChanges(QObject):
    """data_version moves whenever another connection commits, the window's own worker
    included: a move while our operations ran is ours (the version is taken again when the
    last of them has finished, `ops.idle`, whether or not it announced changes: saving the
    session announces none); any other move is someone else's."""

    def __init__(self, workspace, ops, parent=None, interval: int = POLL_MS):
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops
        self.seen = self._version()
        ops.idle.connect(self._ours)
        self.timer = QTimer(self)
        self.timer.setInterval(interval)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _version(self) -> int | None:
        try:
            return self.workspace.data_version()
        except Exception:  # a closed or busy database: look again next time
            return None

    def _ours(self) -> None:
        self.seen = self._version()

    def check(self) -> bool:
        """True if an outside change was found and announced."""
        if self.ops.busy:  # our own work is moving the version; look after it is done
            return False
        version = self._version()
        if version is None or version == self.seen:
            return False
        self.seen = version
        self.ops.notify(Changes.of(EVERYTHING, source=self))
        return True

    def stop(self) -> None:
        self.timer.stop()
