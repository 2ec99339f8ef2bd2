"""The SQLite database: one file, WAL mode, migrations kept in code, nothing overwritten
without the old value staying readable in a history table."""

# sqlite-utils and plain SQL. The table API (db["t"].insert/upsert, .count) is used where it
# does the job: one row in or replaced by its key (settings, app state, period dates, reviews).
# Plain SQL stays, on purpose, for:
# - migrations (storage/migrations.py): a shipped migration must run the same statements
#   forever, and table.create()/transform() emit SQL that may change with a sqlite-utils
#   release; the history triggers and the sealed-revision guards are SQL in any case;
# - the search index: enable_fts() indexes a column's raw text through its own triggers, but
#   ours holds plain text twice, accent-folded and with its accents, computed in Python;
# - upserts with a condition (section texts: DO UPDATE ... WHERE text IS NOT excluded.text),
#   which keep the history triggers from copying an unchanged row on every autosave;
# - queries with joins and aggregates, clearer as the SQL they are.
