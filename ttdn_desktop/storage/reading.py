"""A connection for commands that only read (`ttdn status`, `search`, `export`…): opened so
that SQLite itself cannot write through it (mode=ro and query_only), with the read half of
sqlite-utils' Database (execute, query), without importing sqlite-utils.

Why not sqlite-utils' own class: importing it costs ~50 ms (dateutil, click, pluggy), half of
what a reading command may take on a ten-year database; the reads below are plain SQL anyway.
Everything that writes goes through storage.writing.Database."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path


class Reader:
    """The reading methods of sqlite_utils.Database over a read-only connection."""

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self.conn = connection
        self.path = path
        self.warnings: list[str] = []

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, params=None):
        """Rows as dictionaries, like sqlite_utils.Database.query."""
        cursor = self.execute(sql, params)
        if cursor.description is None:
            raise ValueError("query() can only be used with SQL that returns rows")
        keys = _unique([column[0] for column in cursor.description])
        return (dict(zip(keys, row)) for row in cursor)

    @contextlib.contextmanager
    def atomic(self, wait_seconds: float | None = None):
        """A read transaction: what is read inside sees one state of the database."""
        if self.conn.in_transaction:
            yield self
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()


def _unique(keys: list[str]) -> list[str]:
    """"a.id, b.id" named id, id_2, as sqlite_utils.utils.dedupe_keys names them."""
    if len(set(keys)) == len(keys):
        return keys
    taken, seen, named = set(keys), set(), []
    for key in keys:
        new, suffix = key, 2
        while new in seen or (new != key and new in taken):
            new, suffix = f"{key}_{suffix}", suffix + 1
        seen.add(new)
        named.append(new)
    return named
