"""What a connection changed, told by the database itself: a temporary trigger on each table
notes its name when a row is written, so whatever piece of work ran, what it changed comes
back from here (as Anki's OpChanges come back from its backend), never as its caller's
declaration, which could be wrong or missing.

The triggers and their table are TEMP: they belong to this connection only, are never stored
in the file, and a rolled-back transaction takes its notes with it."""

from __future__ import annotations

from ttdn_desktop.core.changes import (AGENCIES, CONSOLIDATED, PERIODS, REPORTS, REVIEWS,
                                       SETTINGS)

# Each table whose rows a view shows: the kinds of change a write to it makes.
SHOWN = {
    "agencies": (AGENCIES,), "agency_kinds": (AGENCIES,),
    "reports": (REPORTS,), "revisions": (REPORTS,), "section_texts": (REPORTS,),
    "figures": (REPORTS,), "figure_notes": (REPORTS,), "last_year_figures": (REPORTS,),
    "invalid_figures": (REPORTS,), "revision_signatures": (REPORTS,),
    "report_aliases": (REPORTS,), "word_unplaced": (REPORTS,), "received_upward": (REPORTS,),
    # the dashboard's signature column and the packages held for a sender's key
    "pinned_keys": (REPORTS,), "held_packages": (REPORTS, REVIEWS),
    "reminders": (REPORTS,),  # the dashboard's «đã nhắc»
    "reviews": (REVIEWS,),
    "periods": (PERIODS,), "upper_requests": (PERIODS,),
    "consolidated_sections": (CONSOLIDATED,), "merge_layout": (CONSOLIDATED,),
    "draft_grouping": (CONSOLIDATED,), "section_sources": (CONSOLIDATED,),
    "upward_sends": (CONSOLIDATED,),
    "settings": (SETTINGS,),
}
# Tables no view reloads from: the app's own state, what is read again where it is used
# (the outbox line, the mailbox, the forms, Word headings remembered), the search index
# and the history kept beside each table (the table itself is noted).
NOT_SHOWN = ("app_state", "outbox", "fetched_mail", "forms", "word_placements",
             "schema_migrations", "sqlite_sequence", "search_index", "search_keys")
_NOTES = "ttdn_changed"  # a temp table: a trigger may not name its schema


def track(db) -> None:
    """From now on, notes each table of SHOWN this connection writes to (storage.writing
    calls it before the connection's first write, when asked to track)."""
    # No key on the notes and no OR IGNORE: an outer statement's conflict clause (an INSERT
    # OR REPLACE, OR ABORT) overrides a trigger's own, so a duplicate would fail the write.
    triggers = "".join(
        f"CREATE TEMP TRIGGER IF NOT EXISTS ttdn_{table}_{event.lower()} AFTER {event} ON "
        f"main.{table} BEGIN INSERT INTO {_NOTES} (name) SELECT '{table}' WHERE NOT EXISTS "
        f"(SELECT 1 FROM {_NOTES} WHERE name = '{table}'); END;"
        for table in SHOWN for event in ("INSERT", "UPDATE", "DELETE"))
    db.conn.executescript(f"CREATE TEMP TABLE IF NOT EXISTS {_NOTES} (name TEXT);" + triggers)


def take(db) -> frozenset:
    """The kinds of change written (and committed or still in a transaction) since the last
    take; the notes start again. Nothing before the first write noted (storage.writing)."""
    if not getattr(db, "tracked", False):
        return frozenset()
    conn = db.conn
    tables = [row[0] for row in conn.execute(f"SELECT name FROM {_NOTES}")]
    if not tables:
        return frozenset()
    conn.execute(f"DELETE FROM {_NOTES}")
    return frozenset(kind for table in tables for kind in SHOWN[table])
