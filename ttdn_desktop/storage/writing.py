"""The connection every write goes through: sqlite-utils' Database (its table API for inserts
and upserts), whose outermost transaction takes the write lock at once.

In a module of its own so that a command that only reads never imports sqlite-utils (~50 ms
of imports: dateutil, click, pluggy): storage.database opens a writer through here, a reader
through storage.reading."""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
import time
from pathlib import Path

import sqlite_utils

from ttdn_desktop.util.storage_errors import DatabaseBusy, busy_message, is_busy

WAIT_TURN_MS = 250  # how often a waiting writer looks again, and tells how long it has waited


class Database(sqlite_utils.Database):
    """sqlite-utils' Database whose outermost transaction takes the write lock at once
    (BEGIN IMMEDIATE). A deferred transaction that has read and then writes fails at once in
    WAL mode when another connection wrote meanwhile; an immediate one waits its turn."""

    path: Path | None = None
    warnings: list[str]

    def __init__(self, connection):
        # No sqlite-utils plugins: whatever else is installed beside us does not get to change
        # our connection, and looking for plugins reads every installed package's metadata.
        super().__init__(connection, execute_plugins=False)

    @contextlib.contextmanager
    def atomic(self, wait_seconds: float | None = None, waiting=None):
        """One transaction (a savepoint inside another). `wait_seconds`: how long to wait for
        another program writing to the database; `waiting(waited, limit)` is told while it
        waits (a few times a second), so the user hears why nothing happens yet."""
        if self.conn.in_transaction:
            savepoint = f"sp_{secrets.token_hex(8)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self._begin_immediate(wait_seconds, waiting)
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise

    def _begin_immediate(self, wait_seconds: float | None, waiting=None) -> None:
        if wait_seconds is None:
            self.conn.execute("BEGIN IMMEDIATE")
            return
        # back to the wait the connection was opened with (storage.database.BUSY_SECONDS)
        usual = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        # SQLite waits in short turns, so that between them the caller hears how long it has
        # waited; a lock held longer than `wait_seconds` is said as busy, naming the wait.
        start = time.monotonic()
        self.conn.execute(f"PRAGMA busy_timeout = {WAIT_TURN_MS}")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    if not is_busy(error):
                        raise
                waited = time.monotonic() - start
                if waited >= wait_seconds:
                    raise DatabaseBusy(busy_message(self.path, wait_seconds))
                if waiting is not None:
                    waiting(waited, wait_seconds)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(usual)}")
