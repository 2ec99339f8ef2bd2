"""Issue 14 in the window: export writes before sealing; read-only, busy and damaged databases
are said in Vietnamese, never as a traceback; a paragraph's indent survives reopening."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ttdn_desktop.core.periods import Period
from ttdn_desktop.storage import database, reports as report_store
from ttdn_desktop.ui.error_dialog import ErrorDialog
from ttdn_desktop.ui.errors import ErrorReporter
from ttdn_desktop.ui.instance import InstanceGuard
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.ui.operations import Op
from ttdn_desktop.ui.restore_dialog import RestoreDialog
from ttdn_desktop.util.storage_errors import StorageError
from ttdn_desktop.workspace import Workspace

from .helpers import save_section
from .storagehelpers import damage, make_read_only, page_count, temps, tmpfs
from .uihelpers import new_report, set_up_agency, uninstall_reporter

H1 = Period.parse("2021-H1")


@pytest.fixture
def window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()
    workspace.close()


def test_export_package_onto_a_folder_seals_nothing(qtbot, window, tmp_path):
    view = window.agency_view
    report_id = new_report(view, H1)
    view.show_section("s:an_pham")
    view.prose.editor.setPlainText("Bản tin đối ngoại")
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    window.exports.export_package(str(folder))
    window.ops.wait()
    assert "là một thư mục" in view.notice.label.text()
    info = report_store.current_revision(window.workspace.db, report_id)
    assert (info.revision, info.sealed) == (1, False)
    assert "đã gửi" not in view.tree.topLevelItem(0).text(0)
    assert temps(tmp_path) == []
    out = tmp_path / "goi.ttdn"
    window.exports.export_package(str(out))
    window.ops.wait()
    assert report_store.current_revision(window.workspace.db, report_id).sealed
    assert "lần 1" in view.notice.label.text()


def test_a_database_that_turned_read_only_is_said_not_a_traceback(qtbot, window, capfd):
    # writes now fail as on a read-only file (they are made by the operations' worker)
    window.ops.run(Op(lambda ws: ws.db.execute("PRAGMA query_only = ON")))
    window.session.write(clean=False)
    window.ops.wait()
    text = window.agency_view.notice.label.text()
    assert "chỉ cho" in text and "đọc" in text and str(window.workspace.path) in text
    window.ops.run(Op(lambda ws: ws.db.execute("PRAGMA query_only = OFF")))
    window.ops.wait()
    assert "Traceback" not in capfd.readouterr().err


def test_autosave_into_a_busy_database_says_busy_and_tries_again(qtbot, window, monkeypatch):
    view = window.agency_view
    report_id = new_report(view, H1)
    view.show_section("s:an_pham")
    view.prose.editor.setPlainText("Chữ chưa lưu")
    view.documents["an_pham"].setModified(True)
    window.ops.wait()  # nothing of ours in flight when the other program takes the lock
    other = sqlite3.connect(window.workspace.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    window.ops.run(Op(lambda ws: ws.db.execute("PRAGMA busy_timeout = 200")))
    view._autosave()
    window.ops.wait()
    assert "đang bận" in view.notice.label.text() and view.autosave.isActive()
    other.rollback()
    other.close()
    view._autosave()
    window.ops.wait()
    assert report_store.load_content(window.workspace.db, report_id).sections["an_pham"] == \
        "Chữ chưa lưu"


def test_a_paragraph_indent_survives_reopening_and_saving(qtbot, window):
    view = window.agency_view
    report_id = new_report(view, H1)
    db = window.workspace.db
    save_section(db, report_id, "an_pham", "    Thụt đầu dòng.\nĐoạn hai.")
    view.open_report(report_id, "s:an_pham")
    window.ops.wait()
    assert view.prose.editor.toPlainText().startswith("    Thụt đầu dòng.")
    view.prose.editor.textCursor().insertText("")
    view.documents["an_pham"].setModified(True)
    view.save_now()
    window.ops.wait()
    assert report_store.load_content(db, report_id).sections["an_pham"] == \
        "    Thụt đầu dòng.\nĐoạn hai."


def test_read_only_folder_is_not_taken_for_another_window(qtbot, tmp_path, forms):
    with tmpfs(tmp_path / "ro", "4m") as folder:
        db = folder / "ttdn.sqlite3"
        Workspace(db, forms).close()
        make_read_only(folder)
        with pytest.raises(StorageError, match="quyền ghi vào thư mục"):
            InstanceGuard(db).acquire()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run([sys.executable, "-m", "ttdn_desktop", "--db", str(db), "gui",
                               "--smoke"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "quyền ghi" in done.stderr and "cửa sổ khác" not in done.stderr
    assert "Traceback" not in done.stderr


def _damaged(tmp_path, forms) -> Path:
    db = tmp_path / "donvi.sqlite3"
    with Workspace(db, forms) as workspace:
        set_up_agency(workspace)
        report_id = workspace.reports.new("SNGV", H1)
        for n in range(40):
            save_section(workspace.db, report_id, "an_pham", f"Đoạn {n} " * 300)
        workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        workspace.backups.daily()
    damage(db, 1)  # the schema page: what gave a traceback at start
    return db


def test_app_start_on_a_damaged_database_says_so(tmp_path, forms):
    db = _damaged(tmp_path, forms)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "ttdn_desktop", "--db", str(db), "gui",
                           "--smoke"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "bị hỏng" in done.stderr and "Traceback" not in done.stderr


def test_restore_dialog_lists_backups_newest_first_and_restores(qtbot, tmp_path, forms):
    db = _damaged(tmp_path, forms)
    older = tmp_path / "sao-luu" / "donvi-truoc-khi-nhap-20200101-080000.sqlite3"
    newest = next((tmp_path / "sao-luu").iterdir())
    older.write_bytes(newest.read_bytes())
    dialog = RestoreDialog(db, "Cơ sở dữ liệu bị hỏng.")
    qtbot.addWidget(dialog)
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(rows) == 2 and rows[1].startswith("01/01/2020 08:00:00")
    assert rows[0].startswith(datetime.now().strftime("%d/%m/%Y"))
    assert dialog.list.currentRow() == 0
    dialog.restore_button.click()
    assert dialog.result() == RestoreDialog.DialogCode.Accepted
    assert dialog.kept is not None and dialog.kept.exists()
    workspace = Workspace(db, forms)
    assert workspace.setup.role == "agency"
    workspace.close()


def test_damage_found_after_a_crash_by_the_full_check(tmp_path, forms):
    """A -wal left behind means the last program did not close: integrity_check, not only the
    quick one, runs at the next start."""
    db = tmp_path / "donvi.sqlite3"
    Workspace(db, forms).close()
    (tmp_path / "donvi.sqlite3-wal").write_bytes(b"")
    assert not database._was_left_open(db)
    (tmp_path / "donvi.sqlite3-wal").write_bytes(b"x" * 100)
    assert database._was_left_open(db)
    assert page_count(db) > 0


def test_an_uncaught_busy_database_error_is_said_as_busy_not_as_a_bug(qtbot, capfd):
    reporter = ErrorReporter()
    reporter.install()
    try:
        def slot():
            raise sqlite3.OperationalError("database is locked")

        QTimer.singleShot(0, slot)
        qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()))
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        assert "đang bận" in box.text()
        assert not any(isinstance(w, ErrorDialog) and w.isVisible()
                       for w in QApplication.topLevelWidgets())
        box.close()
    finally:
        uninstall_reporter(reporter)
    assert "Traceback" not in capfd.readouterr().err


def test_a_database_on_a_network_share_is_warned_about_in_the_window(qtbot, tmp_path, forms,
                                                                      monkeypatch):
    monkeypatch.setattr(database, "network_share", lambda path: "nfs4")
    workspace = Workspace(tmp_path / "chung.sqlite3", forms)
    set_up_agency(workspace)
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    text = main.agency_view.notice.label.text()
    assert "ổ mạng (nfs4)" in text and "chép tệp về ổ đĩa của máy này" in text
    main.close()
    workspace.close()
