"""The SQLite database: one file, WAL mode, migrations kept in code, nothing overwritten
without the old value staying readable in a history table."""
