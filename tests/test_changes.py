"""What the database says a connection changed (storage/changes.py), on a real SQLite file:
every table is placed, once; writes are noted by the table's kinds, whatever statement made
them; nothing is stored in the file."""

import sqlite3

import pytest

from ttdn_desktop.core import changes as kinds
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.settings import LETTERHEAD, SESSION
from ttdn_desktop.storage.changes import NOT_SHOWN, SHOWN
from ttdn_desktop.workspace import Workspace

H1 = Period.parse("2021-H1")


def test_every_table_is_shown_or_said_not_to_be(tmp_path):
    """A new table must be placed here, or a view showing it would never hear of a change."""
    path = tmp_path / "x.sqlite3"
    Workspace(path).close()
    raw = sqlite3.connect(path)
    tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = "
                                            "'table'")}
    raw.close()
    histories = {t for t in tables if t.endswith("_history") and t[:-8] in tables}
    fts = {t for t in tables if t.startswith("search_index_")}  # the index's own tables
    assert tables - histories - fts == set(SHOWN) | set(NOT_SHOWN)
    assert not set(SHOWN) & set(NOT_SHOWN)
    every = {kinds.REPORTS, kinds.AGENCIES, kinds.PERIODS, kinds.CONSOLIDATED, kinds.REVIEWS,
             kinds.SETTINGS}
    assert {kind for noted in SHOWN.values() for kind in noted} == every


def test_writes_are_noted_by_kind_and_taken_once(tmp_path):
    path = tmp_path / "x.sqlite3"
    with Workspace(path) as workspace:
        workspace.track_changes()
        assert workspace.take_changes() == frozenset()
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
        workspace.agencies.update("SNGV", name="Sở Ngoại vụ tỉnh")  # an UPDATE
        assert workspace.take_changes() == {kinds.AGENCIES}
        assert workspace.take_changes() == frozenset()
        report_id = workspace.reports.new("SNGV", H1)
        workspace.reports.save_draft(report_id, {"an_pham": "Bản tin"})
        workspace.setup.set_letterhead("place", "Huế")
        # an upsert's conflict clause overrides a trigger's OR IGNORE: noted twice, no failure
        workspace.setup.set_letterhead("place", "Thừa Thiên Huế")
        workspace.setup.set_states({SESSION: {"clean": True}})  # the app's own: not shown
        assert workspace.take_changes() == {kinds.REPORTS, kinds.SETTINGS}
        workspace.setup.set_state(SESSION, {"clean": False})
        assert workspace.take_changes() == frozenset()
        workspace.db.execute("DELETE FROM settings WHERE key = ?",  # a DELETE
                             [LETTERHEAD["place"].key])
        assert workspace.take_changes() == {kinds.SETTINGS}
    raw = sqlite3.connect(path)  # the notes and their triggers were the connection's only
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'ttdn_%'"
                       ).fetchone() == (0,)
    raw.close()
    with Workspace(path) as workspace:  # a connection that does not track is told nothing
        workspace.agencies.add("CAT", "Công an tỉnh")
        workspace.track_changes()
        assert workspace.take_changes() == frozenset()


def test_the_notes_begin_with_the_first_write_a_view_shows(tmp_path):
    """Asking to track makes nothing (the start-up's reads and its session, the app's own
    state, go without); the first other write, in a transaction or by itself, begins them
    before it writes, so it is noted too."""
    path = tmp_path / "x.sqlite3"
    with Workspace(path) as workspace:
        workspace.track_changes()
        workspace.agencies.all()
        workspace.setup.set_states({SESSION: {"clean": False}})
        workspace.setup.set_state(SESSION, {"clean": True})
        assert not workspace.db.tracked and workspace.take_changes() == frozenset()
        workspace.db.execute("INSERT INTO agency_kinds (name, sort_order) VALUES ('Sở', 1)")
        assert workspace.db.tracked and workspace.take_changes() == {kinds.AGENCIES}
    with Workspace(path) as workspace:
        workspace.track_changes()
        workspace.periods.set_dates(H1, None, None, None)
        assert workspace.take_changes() == {kinds.PERIODS}


def test_a_quiet_transaction_writes_nothing_a_view_shows(tmp_path):
    """Quiet (the app's own state) makes no notes, so it may not write a table that is shown:
    that write would go untold."""
    with Workspace(tmp_path / "x.sqlite3") as workspace:
        workspace.track_changes()
        with pytest.raises(RuntimeError, match="app_state"):
            with workspace.db.atomic(quiet=True):
                workspace.db.execute("INSERT INTO agency_kinds (name, sort_order) "
                                     "VALUES ('Sở', 1)")
        assert "Sở" not in workspace.agencies.kinds()  # rolled back
        workspace.setup.set_state(SESSION, {"clean": True})  # quiet, and allowed
        workspace.agencies.add_kind("Sở")  # after a quiet one, a shown write is noted
        assert workspace.take_changes() == {kinds.AGENCIES}

