"""The SQLite database: one file, WAL mode, migrations kept in code, nothing overwritten
without the old value staying readable in a history table."""

# Plain SQL, through the connections of storage/reading.py (Reader) and storage/writing.py
# (Database, a Reader that writes): sqlite-utils' Database served until issue 23, for a table
# API four one-row inserts and upserts used, and cost ~70 ms of imports at every start.
# SQL, on purpose, also for:
# - migrations (storage/migrations.py): a shipped migration must run the same statements
#   forever; the history triggers and the sealed-revision guards are SQL in any case;
# - the search index: ours holds plain text twice, accent-folded and with its accents,
#   computed in Python;
# - upserts with a condition (section texts: DO UPDATE ... WHERE text IS NOT excluded.text),
#   which keep the history triggers from copying an unchanged row on every autosave;
# - queries with joins and aggregates, clearer as the SQL they are.
