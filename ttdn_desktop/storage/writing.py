"""The connection every write goes through: sqlite-utils' Database (its table API for inserts
and upserts), whose outermost transaction takes the write lock at once.

In a module of its own so that a command that only reads never imports sqlite-utils (~50 ms
of imports: dateutil, click, pluggy): storage.database opens a writer through here, a reader
through storage.reading."""

from __future__ import annotations

import contextlib
import secrets
from pathlib import Path

import sqlite_utils


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
    def atomic(self, wait_seconds: float | None = None):
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
        self._begin_immediate(wait_seconds)
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

    def _begin_immediate(self, wait_seconds: float | None) -> None:
        if wait_seconds is None:
            self.conn.execute("BEGIN IMMEDIATE")
            return
        # back to the wait the connection was opened with (storage.database.BUSY_SECONDS)
        usual = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        self.conn.execute(f"PRAGMA busy_timeout = {int(wait_seconds * 1000)}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(usual)}")
