"""Commands that only read (`ttdn status`, `search`…) open the database so that SQLite cannot
write through it, and skip the quick_check only for a file exactly as it was when a check last
passed. Damage met while reading is still said as damage. Real database files, the real
command line in its own process."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ttdn_desktop.core.periods import Period
from ttdn_desktop.storage import database
from ttdn_desktop.storage.database import open_database
from ttdn_desktop.storage.reading import Reader
from ttdn_desktop.util.storage_errors import DatabaseDamaged
from ttdn_desktop.workspace import Workspace

from .helpers import save_section
from .storagehelpers import damage, page_count, ttdn

H1 = Period.parse("2021-H1")


def sound_db(tmp_path: Path, forms) -> Path:
    db = tmp_path / "vp.sqlite3"
    with Workspace(db, forms) as workspace:
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
        report_id = workspace.reports.new("SNGV", H1)
        for n in range(40):
            save_section(workspace.db, report_id, "an_pham",
                                      f"Phản bác luận điệu sai trái, lần {n}. " * 200)
    return db


@pytest.fixture
def checks(monkeypatch):
    """The up-front checks run, as (file name, full)."""
    done = []
    real = database.check_health

    def counted(db, path=None, full=False):
        done.append((Path(path).name, full))
        return real(db, path, full)
    monkeypatch.setattr(database, "check_health", counted)
    return done


def test_a_reader_cannot_write_and_skips_the_check_only_for_the_checked_file(tmp_path, forms,
                                                                            checks):
    db = sound_db(tmp_path, forms)  # the writer checked it when it closed
    checks.clear()
    reader = open_database(db, reading=True)
    try:
        assert isinstance(reader, Reader) and checks == []
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
            reader.execute("DELETE FROM agencies")
        assert [row["code"] for row in reader.query("SELECT code FROM agencies")] == ["SNGV"]
    finally:
        reader.close()
    # the record of that check gone (a writer killed before its close): the reader checks
    database._checked_state_path(db).unlink()
    open_database(db, reading=True).close()
    assert checks == [("vp.sqlite3", False)]
    open_database(db, reading=True).close()  # the same file as it was checked: no check
    assert checks == [("vp.sqlite3", False)]
    # another program writes into the file
    connection = sqlite3.connect(db)
    connection.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    connection.commit()
    connection.close()
    reader = open_database(db, reading=True)
    reader.close()
    assert isinstance(reader, Reader) and checks == [("vp.sqlite3", False)] * 2


def test_a_writer_checks_the_file_it_changed_when_it_closes(tmp_path, forms, checks):
    db = sound_db(tmp_path, forms)
    checks.clear()
    with Workspace(db, forms) as workspace:  # a writer checks when it opens, as ever
        assert checks == [("vp.sqlite3", False)]
        workspace.agencies.add("CAT", "Công an tỉnh")
        assert database._was_left_open(db)  # meanwhile a reader opens as a writer does
    assert checks == [("vp.sqlite3", False)] * 2
    open_database(db, reading=True).close()
    assert len(checks) == 2
    with Workspace(db, forms, reading=True) as workspace:
        assert workspace.reading and [a["code"] for a in workspace.agencies.all()] == ["CAT", "SNGV"]
    assert len(checks) == 2


def test_crash_signs_and_the_full_check_marker_open_as_a_writer_with_the_full_check(
        tmp_path, forms, checks):
    db = sound_db(tmp_path, forms)
    open_database(db, reading=True).close()
    database.request_full_check(db)
    opened = open_database(db, reading=True)
    opened.close()
    assert not isinstance(opened, Reader) and checks[-1] == ("vp.sqlite3", True)
    # a -wal with content another program left behind
    writer = sqlite3.connect(db)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    writer.commit()
    assert database._was_left_open(db)
    opened = open_database(db, reading=True)
    opened.close()
    writer.close()
    assert not isinstance(opened, Reader) and checks[-1] == ("vp.sqlite3", True)


@pytest.mark.parametrize("command", [["status", "--period", "2021-H1"],
                                     ["search", "phản bác"],
                                     ["export", "docx", "--period", "2021-H1", "--out", "x.docx"]])
def test_a_reading_command_on_a_file_damaged_after_its_check_says_so(tmp_path, forms, command):
    db = sound_db(tmp_path, forms)
    assert ttdn("status", "--period", "2021-H1", db=db).returncode == 0  # checked, recorded
    damage(db, page_count(db) // 2)
    done = ttdn(*[str(tmp_path / a) if a == "x.docx" else a for a in command], db=db)
    assert done.returncode == 1
    assert "bị hỏng" in done.stderr and "ttdn restore" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "không mong đợi" not in done.stderr


def _damage_unseen(db: Path, table: str) -> None:
    """Damage to `table` that the record of the last check cannot see (a disk's own bit rot
    changes no time): the reader meets it while reading."""
    connection = sqlite3.connect(db)
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                              [table]).fetchone()[0]
    connection.close()
    damage(db, root)
    database._write_checked_state(db, database._file_state(db))


@pytest.mark.parametrize("command, table", [(["status", "--period", "2021-H1"], "reports"),
                                            (["search", "phản bác"], "search_keys")])
def test_damage_met_while_reading_is_said_and_the_next_open_checks_everything(
        tmp_path, forms, command, table):
    db = sound_db(tmp_path, forms)
    assert ttdn("status", "--period", "2021-H1", db=db).returncode == 0
    _damage_unseen(db, table)
    done = ttdn(*command, db=db)
    assert done.returncode == 1
    assert "bị hỏng" in done.stderr and "ttdn restore" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "không mong đợi" not in done.stderr
    with pytest.raises(DatabaseDamaged):  # the full check at the next open finds it
        open_database(db, reading=True)
    with pytest.raises(DatabaseDamaged):
        Workspace(db, forms)


def test_a_share_or_a_hot_journal_opens_as_a_writer_does(tmp_path, forms, monkeypatch):
    db = sound_db(tmp_path, forms)
    journal = db.with_name(db.name + "-journal")
    journal.write_bytes(b"")  # a rollback journal left behind: only a writer may roll it back
    opened = open_database(db, reading=True)
    opened.close()
    assert not isinstance(opened, Reader)
    journal.unlink(missing_ok=True)
    monkeypatch.setattr(database, "network_share", lambda path, *a, **k: "nfs")
    opened = open_database(db, reading=True)
    opened.close()
    assert not isinstance(opened, Reader) and "ổ mạng" in opened.warnings[0]


def test_a_reader_names_repeated_columns_as_the_writer_does(tmp_path, forms):
    """A reader's rows are the writer's (sqlite-utils') rows: "a.id, b.id" become id, id_2,
    skipping a name another column already has."""
    path = sound_db(tmp_path, forms)
    sql = "SELECT 1 AS id, 2 AS id, 3 AS id_2, 4 AS n, 5 AS n"
    reader = open_database(path, reading=True)
    writer = open_database(path)
    try:
        assert isinstance(reader, Reader)
        assert list(reader.query(sql)) == list(writer.query(sql)) == [
            {"id": 1, "id_3": 2, "id_2": 3, "n": 4, "n_2": 5}]
    finally:
        reader.close()
        writer.close()
