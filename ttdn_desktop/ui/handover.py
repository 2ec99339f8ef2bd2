"""The hand-over between two starts on one database (ui/instance.py holds the lock): the window
listens on a local socket named after the database, and a second start asks it to come to the
front. QtNetwork and hashlib (~12 ms) are imported with this module, after the first paint or
by a second start (ui/instance.py says where)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"


def _name(db_path: Path) -> str:
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"ttdn-desktop-{digest}"


def listen(db_path: Path, parent, activated) -> QLocalServer:
    """Answer a later start on the same database: `activated()` when it asks us to come first."""
    name = _name(db_path)
    QLocalServer.removeServer(name)  # a socket left by a crash
    server = QLocalServer(parent)
    server.newConnection.connect(lambda: _on_connection(server, activated))
    server.listen(name)
    return server


def _on_connection(server: QLocalServer, activated) -> None:
    socket = server.nextPendingConnection()
    if socket is None:
        return
    socket.readyRead.connect(lambda: _on_message(socket, activated))


def _on_message(socket, activated) -> None:
    if bytes(socket.readAll()).startswith(ACTIVATE.strip()):
        activated()
    socket.disconnectFromServer()


def hand_over(db_path: Path, timeout_ms: int = 1000) -> bool:
    """Ask the instance holding `db_path` to come to the front. True if it answered."""
    socket = QLocalSocket()
    socket.connectToServer(_name(Path(db_path)))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(ACTIVATE)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True
