"""What every connection to the database has: plain SQL (execute), rows as dictionaries
(query), its path and the warnings met while opening it. Reading-only connections are
storage.reading.Reader, the ones that write storage.writing.Database."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class Connection:
    """Plain SQL over an sqlite3 connection."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None):
        self.conn = connection
        self.path = path
        self.warnings: list[str] = []

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, params=None):
        """Rows as dictionaries."""
        cursor = self.execute(sql, params)
        if cursor.description is None:
            raise ValueError("query() can only be used with SQL that returns rows")
        keys = _unique([column[0] for column in cursor.description])
        return (dict(zip(keys, row)) for row in cursor)

    def close(self) -> None:
        self.conn.close()


def _unique(keys: list[str]) -> list[str]:
    """"a.id, b.id" named id, id_2, skipping a name another column has (as sqlite-utils named
    them, whose rows these were)."""
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
