"""A connection for commands that only read (`ttdn status`, `search`, `export`…): opened so
that SQLite itself cannot write through it (mode=ro and query_only); its atomic() is a read
transaction. Everything that writes goes through storage.writing.Database."""

from __future__ import annotations

import contextlib

from ttdn_desktop.storage.connection import Connection


class Reader(Connection):
    """A connection that only reads."""

    @contextlib.contextmanager
    def atomic(self, wait_seconds: float | None = None, quiet: bool = False):
        """A read transaction: what is read inside sees one state of the database (`quiet`,
        as storage.writing's: nothing is written here anyway)."""
        if self.conn.in_transaction:
            yield self
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
