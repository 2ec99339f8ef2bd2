"""Start-up as `ttdn gui` runs it (ui/app.py launch): the window is on screen before the
database is opened; the worker opens and checks it; the page comes after, the day's backup a
moment later. A damaged database offers its backups in that window; a refused one is said and
the app ends."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.settings import LAST_REPORT, LAST_SECTION, SESSION
from ttdn_desktop.demo import write_demo_packages
from ttdn_desktop.storage import database, restoring
from ttdn_desktop.ui.app import launch, make_application
from ttdn_desktop.ui.instance import InstanceGuard, hand_over
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.ui.restore_dialog import RestoreDialog
from ttdn_desktop.workspace import Workspace

from .helpers import connected
from .test_ui_storage import _damaged
from .uihelpers import set_up_agency, set_up_secretariat, uninstall_reporter

H1 = Period.parse("2021-H1")


@pytest.fixture
def started(qtbot):
    """launch() on a database; the window, its lock and the error reporter go afterwards."""
    made = []

    def start(db):
        app = make_application()
        window, guard = launch(app, db)
        qtbot.addWidget(window)
        made.append((app, window, guard))
        return window

    yield start
    for app, window, guard in made:
        window.close()
        if window.workspace is not None:
            window.workspace.close()
        guard.release()
        reporter = getattr(app, "error_reporter", None)
        if reporter is not None:
            uninstall_reporter(reporter)
            app.error_reporter = None


def _agency_db(tmp_path, forms):
    db = tmp_path / "donvi.sqlite3"
    with Workspace(db, forms) as workspace:
        set_up_agency(workspace)
        report_id = workspace.reports.new("SNGV", H1)
        workspace.reports.save_draft(report_id, {"an_pham": "Đã phát hành 3.800 cuốn sách ảnh."})
        workspace.setup.set_states({LAST_REPORT: report_id, LAST_SECTION: "s:an_pham"})
    return db


def test_the_window_is_on_screen_before_the_database_is_opened(qtbot, tmp_path, forms, started):
    db = _agency_db(tmp_path, forms)
    window = started(db)
    # nothing of the database yet: the frame, its menus off, a line saying what happens
    assert window.isVisible() and window.workspace is None
    assert "Đang mở cơ sở dữ liệu" in window.stack.currentWidget().findChild(
        type(window.opening_label)).text()
    assert not window.save_action.isEnabled() and not window.import_action.isEnabled()
    with qtbot.waitSignal(window.attached, timeout=20000):
        pass
    view = window.agency_view
    assert view is not None and window.stack.currentWidget() is view
    window.ops.wait()  # the last report is read in the worker
    assert view.report_id is not None  # the last report, opened as the user left it
    assert view.section_key == "s:an_pham"
    assert "3.800 cuốn" in view.prose.editor.toPlainText()
    assert window.save_action.isEnabled()
    # shortcuts are set once the window has painted (30 ms of enums the first paint skips)
    assert window.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()
    # the day's backup is made by the worker a moment after the page is up
    backups = tmp_path / "sao-luu"
    qtbot.waitUntil(lambda: backups.is_dir() and any(backups.glob("*.sqlite3")), timeout=10000)


def _said_after_page(qtbot, window, word: str):
    """The agency's page of a started window, once its notice bar says something with `word`
    (the day's chores run a moment after the page is up) and the report is open."""
    with qtbot.waitSignal(window.attached, timeout=20000):
        pass
    view = window.agency_view
    qtbot.waitUntil(lambda: word in view.notice.label.text(), timeout=10000)
    window.ops.wait()
    return view


def test_the_report_does_not_wait_for_the_days_backup(qtbot, tmp_path, forms, started):
    """The day's first start copies the whole database (0.4 s for 80 MB): the page comes first,
    the copy a moment later, in the worker."""
    db = _agency_db(tmp_path, forms)
    backups = tmp_path / "sao-luu"
    window = started(db)
    with qtbot.waitSignal(window.attached, timeout=20000):
        pass
    window.ops.wait()  # everything the page asked for: the report is open
    assert window.agency_view.report_id is not None
    assert not backups.exists()  # not made yet
    qtbot.waitUntil(lambda: backups.is_dir() and any(backups.glob("*.sqlite3")), timeout=10000)


def test_a_days_backup_that_cannot_be_made_is_said_in_the_window(qtbot, tmp_path, forms,
                                                                 started):
    db = _agency_db(tmp_path, forms)
    (tmp_path / "sao-luu").write_text("một tệp, không phải thư mục")  # the folder cannot be made
    view = _said_after_page(qtbot, started(db), "sao lưu")
    assert "Không tạo được bản sao lưu" in view.notice.label.text()
    assert view.report_id is not None  # the report open all the same


def test_a_warning_after_the_page_keeps_the_offer_to_go_back(qtbot, tmp_path, forms, started):
    """The last session ended in a crash («Mở lại chỗ đang soạn» is offered) and the day's
    backup cannot be made: the warning is added to the offer, which stays."""
    db = _agency_db(tmp_path, forms)
    with Workspace(db, forms) as workspace:
        workspace.setup.set_states({SESSION: {"clean": False,
                                              "report_id": workspace.setup.state(LAST_REPORT),
                                              "section": "s:an_pham"}})
    (tmp_path / "sao-luu").write_text("một tệp, không phải thư mục")
    view = _said_after_page(qtbot, started(db), "sao lưu")
    assert "đóng đột ngột" in view.notice.label.text()
    assert [b.text() for b in view.notice.buttons] == ["Mở lại chỗ đang soạn"]


@pytest.mark.parametrize("crashed", [True, False], ids=["after-a-crash", "after-a-clean-close"])
def test_the_warnings_of_the_database_stay_beside_the_offer_to_go_back(qtbot, tmp_path,
                                                                     forms, started,
                                                                     monkeypatch, crashed):
    """A database on a network share whose last restore was cut short: both warnings are in
    the bar, with the offer to go back after a crash (the offer used to take the warnings'
    place, and the second warning the first's)."""
    db = _agency_db(tmp_path, forms)
    if crashed:
        with Workspace(db, forms) as workspace:
            workspace.setup.set_states({SESSION: {"clean": False,
                                                  "report_id": workspace.setup.state(LAST_REPORT),
                                                  "section": "s:an_pham"}})
    restoring.journal_path(db).write_text("{cut short", encoding="utf-8")
    monkeypatch.setattr(database, "network_share", lambda path, *a, **k: "nfs")
    window = started(db)
    with qtbot.waitSignal(window.attached, timeout=20000):
        pass
    said = window.agency_view.notice.label.text()
    assert "nằm trên ổ mạng (nfs)" in said and "Một lần khôi phục trước đó bị ngắt" in said
    assert ("đóng đột ngột" in said) == crashed
    offer = ["Mở lại chỗ đang soạn"] if crashed else []
    assert [b.text() for b in window.agency_view.notice.buttons] == offer


def test_closing_the_window_while_the_database_opens_loses_nothing(qtbot, tmp_path, forms,
                                                                    started):
    db = _agency_db(tmp_path, forms)
    window = started(db)
    qtbot.waitUntil(lambda: window.ops is not None)  # painted; the worker is opening
    window.close()  # at once, before the worker has finished
    assert window.ops.closed and window.workspace is None and window.agency_view is None
    with Workspace(db, forms) as workspace:
        assert workspace.setup.role == "agency"
        # no page was built, so no session was begun: the next start offers no recovery
        assert workspace.setup.state(SESSION) is None


def test_a_damaged_database_offers_its_backups_in_the_open_window(qtbot, tmp_path, forms,
                                                                   started):
    db = _damaged(tmp_path, forms)
    seen = []

    def answer():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, RestoreDialog) and widget.isVisible() and "restore" not in seen:
                seen.append("restore")
                assert widget.parent() is not None  # over the app's window, not alone
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
    assert seen[0] == "restore" and "Đã khôi phục cơ sở dữ liệu" in seen[1]
    assert window.workspace.setup.role == "agency" and window.agency_view is not None


def test_closing_the_window_before_its_first_paint_opens_nothing(qtbot, tmp_path, started):
    db = tmp_path / "chua-mo.sqlite3"
    window = started(db)
    window.close()
    qtbot.wait(300)  # the paint and the start-up it would have queued
    assert window.ops is None and window.workspace is None and not db.exists()


def test_a_new_database_opens_on_the_setup_page_with_nothing_to_save(qtbot, tmp_path, started):
    window = started(tmp_path / "moi.sqlite3")
    with qtbot.waitSignal(window.attached, timeout=20000):
        pass
    assert window.workspace.setup.role is None and window.agency_view is None
    assert not window.save_action.isEnabled() and not window.docx_action.isEnabled()
    assert window.guide_action.isEnabled()


def test_a_database_of_a_newer_version_is_said_and_the_app_ends(tmp_path, forms):
    db = tmp_path / "moi-hon.sqlite3"
    Workspace(db, forms).close()
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA user_version = 999")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "ttdn_desktop", "--db", str(db), "gui",
                           "--smoke"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "phiên bản TTĐN Desktop mới hơn" in done.stderr and "Traceback" not in done.stderr


def test_fractional_screen_scaling_is_not_rounded(qtbot):
    """125 % and 150 % as Windows sets them: Qt 6's default policy, which the app relies on
    rather than naming it before the first paint."""
    make_application()
    policy = QGuiApplication.highDpiScaleFactorRoundingPolicy()
    assert policy.name == "PassThrough"


def test_modules_imported_after_qt_are_not_read_as_source():
    """PySide's __feature__ hook read the source of every module imported after Qt to look for
    «PySide6» (23 ms of each start, ttdn_desktop/ui/__init__.py): none is read now."""
    script = ("import linecache, sys, PySide6.QtCore, ttdn_desktop.ui\n"
              "from ttdn_desktop.core.periods import Period\n"
              "print(sys.modules[Period.__module__].__file__ in linecache.cache)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


class _UiThreadSqlAnywhere:
    """Every connection opened and statement run on the UI thread, on any connection: the
    start-up opens its own, so recording one Workspace's connection is not enough."""

    def __init__(self, monkeypatch):
        self.ui_thread = threading.current_thread()
        self.seen: list[str] = []
        real_connect = sqlite3.connect

        def connect(*args, **kwargs):
            connection = real_connect(*args, **kwargs)
            if threading.current_thread() is self.ui_thread:
                self.seen.append(f"connect {args[0]}")
            connection.set_trace_callback(
                lambda sql: self.seen.append(sql.split("\n")[0][:100])
                if threading.current_thread() is self.ui_thread else None)
            return connection

        monkeypatch.setattr(sqlite3, "connect", connect)


@pytest.mark.parametrize("role", ["agency", "secretariat", "new"])
def test_start_up_runs_no_sql_on_the_ui_thread(qtbot, tmp_path, forms, started, monkeypatch,
                                               role):
    if role == "agency":
        db = _agency_db(tmp_path, forms)
        with Workspace(db, forms) as workspace:  # the last session ended in a crash
            workspace.setup.set_states({SESSION: {"clean": False,
                                            "report_id": workspace.setup.state(LAST_REPORT),
                                            "section": "s:an_pham"}})
    elif role == "secretariat":
        db = tmp_path / "btg.sqlite3"
        with Workspace(db, forms) as workspace:
            set_up_secretariat(workspace, 6)
            workspace.imports.run(write_demo_packages(workspace.form, tmp_path / "in", H1, 5))
    else:
        db = tmp_path / "moi.sqlite3"
    recorded = _UiThreadSqlAnywhere(monkeypatch)
    window = started(db)
    with qtbot.waitSignal(window.attached, timeout=30000):
        pass
    window.ops.wait()
    qtbot.wait(50)
    window.ops.wait()
    assert recorded.seen == []
    if role == "agency":  # what was read in the worker reached the page
        assert window.windowTitle().endswith("Sở Ngoại vụ")
        assert "đóng đột ngột" in window.session.recovery_message
        assert "3.800 cuốn" in window.agency_view.prose.editor.toPlainText()
    elif role == "secretariat":
        assert window.secretariat_view is not None
    else:
        page = window.stack.currentWidget()
        assert page.agency.count() > 1  # the members to choose from
        page.agency.setCurrentIndex(page.agency.count() - 1)  # a new agency
        page.new_code.setText("CAT")
        page.new_name.setText("Công an tỉnh")
        page._agency_changed()
        page.letterhead.inputs["superior_body"].setPlainText("UBND TỈNH QUẢNG NINH")
        page.letterhead.inputs["place"].setText("Quảng Ninh")
        page.finish()
        window.ops.wait()  # written, the page state read again, the agency's page built
        assert window.agency_view is not None and window.agency_view.own_name == "Công an tỉnh"
        assert recorded.seen == []
    assert not connected(window.workspace)


def test_a_window_started_minimized_opens_its_database_all_the_same(qtbot, tmp_path, forms):
    db = _agency_db(tmp_path, forms)
    make_application()
    window = MainWindow()  # as launch() makes it, but never shown: no paint ever comes
    qtbot.addWidget(window)
    guard = InstanceGuard(db)
    assert guard.acquire(listen=False)
    window.first_painted.connect(lambda: (guard.listen(), window.open_database(db, print)))
    try:
        with qtbot.waitSignal(window.attached, timeout=20000):
            pass
        assert window.agency_view is not None
        assert hand_over(db)  # a second start finds this one
    finally:
        window.close()
        guard.release()


def test_a_second_start_waits_for_a_first_one_still_starting(qtbot, tmp_path):
    """The window answers later starts a moment after its page is up (ui/app.py): a second
    start meanwhile keeps asking, and hands over once it is answered, rather than saying the
    database is open in a window it cannot reach."""
    path = tmp_path / "x.sqlite3"
    first = InstanceGuard(path)
    assert first.acquire(listen=False)  # as launch() takes it: listening comes later
    script = ("import sys; from ttdn_desktop.ui.instance import hand_over; "
              "sys.exit(0 if hand_over(sys.argv[1]) else 3)")
    second = subprocess.Popen([sys.executable, "-c", script, str(path)],
                              cwd=Path(__file__).resolve().parent.parent)
    try:
        QTimer.singleShot(1500, first.listen)  # the first's page is up
        with qtbot.waitSignal(first.activated, timeout=15000):
            pass
        assert second.wait(timeout=15) == 0
    finally:
        second.kill()
        first.release()


def test_a_damaged_signing_key_is_said_a_moment_after_the_page_is_up(qtbot, tmp_path, forms,
                                                                     started):
    """The key made at the first start is read once the report can be typed in (its
    cryptography is not worth the wait): one that is damaged is said then, in the window."""
    db = _agency_db(tmp_path, forms)
    with Workspace(db, forms) as workspace:
        key = workspace.keys.path
        workspace.keys.signer  # made
    key.write_bytes(key.read_bytes()[:40])  # cut short
    view = _said_after_page(qtbot, started(db), "khóa")
    assert "hỏng" in view.notice.label.text()
    assert key.read_bytes()  # nothing made or replaced


# Every Qt class a module names makes PySide6 build all of its enums, in Python (QStyle: 20, 9 ms;
# QtGui's Qt: 11, 14 ms; Qt's namespace: 93, 18 ms). What the start builds before the report can
# be typed in is counted here, so that naming one more class on that path is a decision, seen
# in review, not a slower start found by chance. A bare QMainWindow builds 38.
ENUMS_AT_READY = 235  # 228 on 2026-12-07 (PySide6 6.11), with room for a small page change

COUNT_ENUMS = """
import enum, os, sys
made = []
create = enum.EnumType._create_
def counted(cls, class_name, *args, **kwargs):
    made.append(kwargs.get("qualname") or class_name)
    return create(cls, class_name, *args, **kwargs)
enum.EnumType._create_ = counted
from PySide6.QtCore import QEventLoop
from ttdn_desktop.ui.app import launch, make_application
app = make_application()
window, guard = launch(app, sys.argv[1])
built = QEventLoop()
window.attached.connect(built.quit)
built.exec()
window.ops.wait()
window.grab()
print(len(made), " ".join(made))
window.close()
guard.release()
"""


def test_the_enums_built_before_the_report_can_be_typed_in_stay_within_their_budget(tmp_path,
                                                                                     forms):
    db = _agency_db(tmp_path, forms)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", COUNT_ENUMS, str(db)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    count, names = done.stdout.strip().splitlines()[-1].split(" ", 1)
    assert int(count) <= ENUMS_AT_READY, names
