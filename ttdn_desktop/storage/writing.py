"""The connection every write goes through, in SQLite's own autocommit mode, whose atomic() is
a transaction taking the write lock at once.

It was sqlite-utils' Database, for its table API, used by four one-row inserts and upserts
(now their SQL); importing sqlite-utils took ~70 ms (dateutil, click, pluggy), which the app's
worker paid before it could open the database and show the report (bench/bench_startup.py)."""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
import time
from pathlib import Path

from ttdn_desktop.storage import changes
from ttdn_desktop.storage.connection import Connection
from ttdn_desktop.util.storage_errors import DatabaseBusy, busy_message, is_busy

_READS = ("SELECT", "PRAGMA")  # statements that begin no notes of changes (execute)
_QUIET_TABLE = "app_state"      # the one table a quiet transaction writes
WAIT_TURN_MS = 250  # how often a waiting writer looks again, and tells how long it has waited

_SAVEPOINTS = itertools.count(1)  # names unique in this process: nested ones never meet


class Database(Connection):
    """A connection that writes. Outside atomic() each statement is committed by itself
    (SQLite's autocommit, as sqlite-utils committed each execute()); atomic() is one
    transaction whose outermost level takes the write lock at once (BEGIN IMMEDIATE). A
    deferred transaction that has read and then writes fails at once in WAL mode when another
    connection wrote meanwhile; an immediate one waits its turn."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None):
        connection.isolation_level = None  # no transaction Python would open by itself
        super().__init__(connection, path)
        self.tracking = False  # asked to note what it writes (track_changes)
        self.tracked = False   # the notes are being made (storage/changes.py)
        self._quiet = False    # in an outermost atomic(quiet=True)
        # as sqlite-utils set it on every connection so far: a REPLACE fires the delete
        # triggers of the row it removes, and triggers' own writes fire triggers
        self.execute("PRAGMA recursive_triggers = ON")

    def track_changes(self) -> None:
        """Note what this connection writes (storage/changes.py), from its first write on:
        the triggers are made then (2.5 ms of SQLite, which, while the window's UI thread
        builds its page at start-up, waited for Python's lock after each of its 76 statements
        and held up the report's opening by 40 ms). Writes the views do not show (the app's
        own state, written with atomic(quiet=True)) never make them."""
        self.tracking = True

    def _notes_before_writing(self) -> None:
        if self.tracking and not self.tracked and not self.conn.in_transaction:
            changes.track(self)
            self.tracked = True

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        if self.tracking and not self.tracked and not sql.lstrip()[:6].upper() in _READS:
            if self._quiet and _QUIET_TABLE not in sql:  # it would go unnoted
                raise RuntimeError(f"a quiet transaction writes only {_QUIET_TABLE}: {sql}")
            self._notes_before_writing()
        return super().execute(sql, parameters)

    @contextlib.contextmanager
    def atomic(self, wait_seconds: float | None = None, waiting=None, quiet: bool = False):
        """One transaction (a savepoint inside another). `wait_seconds`: how long to wait for
        another program writing to the database; `waiting(waited, limit)` is told while it
        waits (a few times a second), so the user hears why nothing happens yet. `quiet`: it
        writes only what no view shows (storage/changes.NOT_SHOWN): no notes are begun for
        it."""
        if not quiet:
            self._notes_before_writing()
        elif not self.conn.in_transaction:
            self._quiet = True  # for its outermost level (execute holds it to app_state)
        if self.conn.in_transaction:
            savepoint = f"sp_{next(_SAVEPOINTS)}"
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
        try:
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
        finally:
            self._quiet = False

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

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def enable_wal(self) -> None:
        if self.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.execute("PRAGMA journal_mode = wal")
