"""Issue 22, point 5: a restore killed half-way. The real `ttdn restore` in its own process
stops dead at each of its steps (TTDN_TEST_RESTORE_STOP: os._exit there, as a kill would);
the next start, on the command line or in the window, finishes the restore or undoes it and
says which. A database that existed a moment ago is never replaced by a new empty one."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ttdn_desktop.storage import restoring
from ttdn_desktop.ui.restore_dialog import RestoreDialog
from ttdn_desktop.workspace import Workspace

from .storagehelpers import ttdn
from .test_ui_start import started  # noqa: F401  (the fixture: `ttdn gui` as launched)
from .uihelpers import set_up_agency

ROOT = Path(__file__).resolve().parent.parent
# where the restore stops, and whether the next start has the backup in place (True) or the
# database as it was before the restore (False)
STEPS = {"journal": False, "copied": True, "aside": True, "aside-all": True, "moved-in": True}


def _crashed_writer(db: Path) -> None:
    """A program that wrote to the database and died: its -wal (with pages the main file
    lacks) and -shm are left beside it, as after the crash that often comes before a restore."""
    script = ("import os, sqlite3, sys\n"
              "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "c.execute(\"INSERT INTO settings (key, value) VALUES ('sau-sao-luu', 'x')\")\n"
              "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", script, str(db)], check=True, timeout=60)
    assert db.with_name(db.name + "-wal").stat().st_size > 0


def _database_with_a_backup(tmp_path: Path, forms) -> Path:
    """SNGV's database (its window set up) in the backup; CAT added after it, the last write
    still in the -wal."""
    db = tmp_path / "vp.sqlite3"
    with Workspace(db, forms) as workspace:
        set_up_agency(workspace)
        workspace.backups.make("truoc-khi-nhap")
        workspace.agencies.add("CAT", "Công an tỉnh")
    _crashed_writer(db)
    return db


def _restore_stopping_at(db: Path, step: str):
    return ttdn("restore", "1", db=db, env={restoring.STOP_AT: step})


def _codes(done) -> list[str]:
    return [line.split("\t")[0] for line in done.stdout.splitlines()]


def _leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir()
                  if p.name.endswith((".dang-khoi-phuc", ".ban-khoi-phuc", ".tmp")))


@pytest.mark.parametrize("step", list(STEPS))
def test_a_restore_killed_at_each_step_is_finished_or_undone_at_the_next_start(
        tmp_path, forms, step):
    db = _database_with_a_backup(tmp_path, forms)
    killed = _restore_stopping_at(db, step)
    assert killed.returncode == 70, killed.stderr  # it did stop there, saying nothing
    assert "Đã khôi phục" not in killed.stdout
    done = ttdn("agencies", db=db)
    assert done.returncode == 0, done.stderr
    if STEPS[step]:
        assert _codes(done) == ["SNGV"]  # the backup, and nothing of the old -wal in it
        assert "khôi phục «vp.sqlite3» từ bản sao lưu «vp-truoc-khi-nhap-" in done.stderr
        assert ("đã làm nốt" in done.stderr or "đã hoàn tất" in done.stderr), done.stderr
        kept = sorted(p for p in tmp_path.glob("vp.sqlite3.hong-*")
                      if not p.name.endswith(("-wal", "-shm")))
        assert len(kept) == 1 and f"«{kept[0].name}»" in done.stderr
        with sqlite3.connect(kept[0]) as old:  # the replaced database, its -wal with it: whole
            codes = [r[0] for r in old.execute("SELECT code FROM agencies ORDER BY code")]
            late = old.execute("SELECT value FROM settings WHERE key='sau-sao-luu'").fetchone()
        assert codes == ["CAT", "SNGV"] and late == ("x",)
    else:
        assert sorted(_codes(done)) == ["CAT", "SNGV"]  # as before the restore
        assert "trước khi thay tệp" in done.stderr and "vẫn như trước" in done.stderr
        assert not list(tmp_path.glob("vp.sqlite3.hong-*"))
    assert _leftovers(db) == []
    again = ttdn("agencies", db=db)  # said once: the journal is gone
    assert again.returncode == 0 and again.stderr == ""


def test_status_after_the_crash_is_never_a_new_empty_database(tmp_path, forms):
    """The fault as found: killed after the live file went aside, the next `ttdn status` said
    «0/0 đơn vị đã nộp» on a new empty database and deleted the restored copy."""
    db = _database_with_a_backup(tmp_path, forms)
    assert _restore_stopping_at(db, "aside").returncode == 70
    assert not db.exists()  # the moment the fault was in
    done = ttdn("status", "--period", "2021-H1", db=db)
    assert done.returncode == 0, done.stderr
    assert "0/0" not in done.stdout and "1/1" not in done.stdout
    assert "đã làm nốt" in done.stderr


def test_a_restore_run_again_after_the_crash_finishes_the_first_then_restores(tmp_path, forms):
    db = _database_with_a_backup(tmp_path, forms)
    assert _restore_stopping_at(db, "aside").returncode == 70
    done = ttdn("restore", "1", db=db)
    assert done.returncode == 0, done.stderr
    assert "Lưu ý:" in done.stderr and "đã làm nốt" in done.stderr
    assert "Đã khôi phục" in done.stdout
    assert _codes(ttdn("agencies", db=db)) == ["SNGV"]
    assert _leftovers(db) == []


def test_the_window_finishes_the_restore_and_says_so(qtbot, tmp_path, forms, started):  # noqa: F811
    db = _database_with_a_backup(tmp_path, forms)
    assert _restore_stopping_at(db, "copied").returncode == 70
    window = started(db)
    with qtbot.waitSignal(window.attached, timeout=30000):
        pass
    shown = window.agency_view.notice.label.text()
    assert "đã làm nốt" in shown and "vp-truoc-khi-nhap-" in shown
    assert _leftovers(db) == []


def test_a_database_gone_with_its_old_copy_aside_is_not_made_again_empty(tmp_path, forms):
    """What an interrupted restore of an earlier release leaves (no journal): the live file
    aside, its -wal still in place. The next start refuses to put an empty database there."""
    db = _database_with_a_backup(tmp_path, forms)
    os.replace(db, tmp_path / "vp.sqlite3.hong-20261206-210000")
    for command in (["status", "--period", "2021-H1"], ["agencies", "add", "X", "Xã X"]):
        done = ttdn(*command, db=db)
        assert done.returncode == 1 and not db.exists()
        assert "vp.sqlite3.hong-20261206-210000" in done.stderr, done.stderr
        assert "không tạo một cơ sở dữ liệu trống" in done.stderr
    assert ttdn("restore", "1", db=db).returncode == 0  # the way out it names
    assert _codes(ttdn("agencies", db=db)) == ["SNGV"]


def test_a_database_deleted_while_its_backups_remain_is_said(tmp_path, forms):
    db = _database_with_a_backup(tmp_path, forms)
    for suffix in ("", "-wal", "-shm"):
        db.with_name(db.name + suffix).unlink()
    done = ttdn("agencies", db=db)
    assert done.returncode == 1 and not db.exists()
    assert "1 bản sao lưu của nó" in done.stderr and "ttdn restore" in done.stderr
    fresh = tmp_path / "moi.sqlite3"  # another name in the same folder: a new database is fine
    assert ttdn("agencies", "add", "X", "Xã X", db=fresh).returncode == 0


def test_the_window_on_a_vanished_database_offers_its_backups(qtbot, tmp_path, forms,
                                                              started):  # noqa: F811
    db = _database_with_a_backup(tmp_path, forms)
    for suffix in ("", "-wal", "-shm"):
        db.with_name(db.name + suffix).unlink()
    seen = []

    def answer():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, RestoreDialog) and widget.isVisible() and not seen:
                seen.append(widget.windowTitle())
                widget.restore_button.click()
            elif isinstance(widget, QMessageBox) and widget.isVisible():
                seen.append(widget.text())
                widget.accept()
        if len(seen) < 2:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    window = started(db)
    with qtbot.waitSignal(window.attached, timeout=30000):
        pass
    assert seen[0].startswith("Không thấy cơ sở dữ liệu")
    assert "Đã khôi phục cơ sở dữ liệu" in seen[1] and "Tệp cũ" not in seen[1]
    assert window.workspace.setup.role == "agency"


def test_a_restore_still_running_is_waited_for_not_taken_over(tmp_path, forms):
    """Another `ttdn restore` in the middle of its steps (its journal names a live process):
    the next start does not finish it under its feet. A journal from long ago names a process
    only by chance (the pid used again after a restart): it is settled."""
    db = _database_with_a_backup(tmp_path, forms)
    assert _restore_stopping_at(db, "copied").returncode == 70
    journal = restoring.journal_path(db)
    entry = json.loads(journal.read_text(encoding="utf-8"))
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        journal.write_text(json.dumps(dict(entry, pid=sleeper.pid)), encoding="utf-8")
        done = ttdn("agencies", db=db)
        assert done.returncode == 1 and "đang được khôi phục" in done.stderr, done.stderr
        assert journal.exists() and restoring.ready_path(db).exists()
        long_ago = (datetime.now() - timedelta(hours=3)).isoformat(timespec="seconds")
        journal.write_text(json.dumps(dict(entry, pid=sleeper.pid, started=long_ago)),
                           encoding="utf-8")
        done = ttdn("agencies", db=db)
        assert done.returncode == 0 and "đã làm nốt" in done.stderr, done.stderr
        assert _codes(done) == ["SNGV"] and _leftovers(db) == []
    finally:
        sleeper.kill()
        sleeper.wait()
